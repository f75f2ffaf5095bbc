"""keras is tf.keras — «Inicialización de parámetros» (its first code block: the imports).

The course imports Keras by its own name

    import keras as keras
    from keras.models import Sequential
    from keras.layers import Dense

and mixes what it gets with `tf.keras.*` objects:

    model.add(Dense(3, input_dim=1, activation=tf.keras.layers.Activation(my_relu)))
    model.add(Dense(3, input_dim=1, activation=tf.keras.layers.Lambda(my_relu)))
    model.add(tf.keras.layers.Lambda(lambda x: my_relu(x, 0.3)))
    from tensorflow.keras.utils import get_custom_objects
    get_custom_objects()['relu_0_3'] = tf.keras.layers.Lambda(lambda x: my_relu(x, 0.3))
    model.add(Dense(3, input_dim=1, activation="relu_0_3"))

That code is right only if `keras` and `tf.keras` name the same library: the same classes,
one registry of custom objects, layers of one accepted by models of the other. Checks:
  same library  the package behind `import keras` is the one behind tf.keras, and
                keras.{layers.Dense, layers.Layer, models.Sequential} IS tf.keras.<same>
  mixing        each layer mixing above builds and computes y = max(0.3·z, z), z = x·W + b,
                with W, b read back from the model (|Δ| ≤ 1e-5·(1 + |y|): float32, two ops)
  registry      what get_custom_objects() of tensorflow.keras.utils holds, keras.utils sees
`my_relu` is the course's K.maximum(0.3*x, x) written with tf.maximum, so that this claim does
not depend on `tf.keras.backend` (the activation claims check that spelling).
"""
import importlib

import numpy as np
import pytest

from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.environment import keras_package

CLAIM = Claim(
    id="course.keras_is_tf_keras",
    section="Inicialización de parámetros",  # the heading the import lines are under
    statement=("`import keras` (con `from keras.models import Sequential` y `from keras.layers "
               "import Dense`) y `tf.keras` son la misma biblioteca: el curso mezcla ambos "
               "nombres y los objetos de uno sirven en el otro."),
    formula="keras.layers.Dense is tf.keras.layers.Dense;  Sequential().add(tf.keras.layers.Lambda(f)) ⇒ y = f(x·W + b)",
    anchor="import keras as keras",
    implied="El curso no lo dice: lo da por hecho al importar `keras` en el primer bloque y usar "
            "`tf.keras.layers` y `tf.keras.activations` en los siguientes sobre el mismo modelo.",
)

ALPHA = 0.3
X = np.linspace(-5.0, 5.0, 41, dtype="float32").reshape(-1, 1)
RTOL = 1e-5  # float32: one multiply-add and one max per output; 1e-5 ≫ 2·eps32 (1.2e-7)


def import_keras():
    """The course's three import lines."""
    with course_call("import keras as keras; from keras.models import Sequential; "
                     "from keras.layers import Dense"):
        keras = importlib.import_module("keras")
        from keras.layers import Dense
        from keras.models import Sequential
    return keras, Sequential, Dense


def my_relu(tf):
    return lambda x, alpha=ALPHA: tf.maximum(alpha * x, x)


def attempt(evidence, what: str, build):
    """Run one mixing of `keras` and `tf.keras` objects; any exception it raises is the
    measurement (the mix does not work on this version), recorded and checked."""
    try:
        return build(), None
    except Exception as exc:  # noqa: BLE001 — the failure is what this claim measures
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
    evidence.check(what, False, expected="se construye y se ejecuta", measured=error,
                   why="objetos de una biblioteca usados en la otra")
    return None, error


def check_leaky(evidence, what: str, model, dense_index: int = 0):
    """model(X) == max(0.3·z, z) with z = X·W + b of its Dense layer at `dense_index`."""
    kernel, bias = (np.asarray(w, dtype="float64") for w in model.layers[dense_index].get_weights())
    z = X.astype("float64") @ kernel + bias
    want = np.maximum(ALPHA * z, z)
    got = np.asarray(model.predict(X, verbose=0), dtype="float64")
    err = float(np.max(np.abs(got - want) / (1.0 + np.abs(want)))) if got.shape == want.shape else np.inf
    evidence.check(f"{what}: y = max(0.3·z, z)", got.shape == want.shape and err <= RTOL,
                   expected=f"forma {want.shape}, error relativo ≤ {RTOL:g}",
                   measured=f"forma {got.shape}, error relativo {err:.3g}", tolerance=RTOL,
                   why="redondeo de float32 de x·W + b y del máximo: ≤ 2 eps32 ≈ 2.4e-7, 1e-5 deja margen")


def test_same_library(tf, evidence):
    """`import keras` gives the package behind tf.keras, and the same classes."""
    keras, Sequential, Dense = import_keras()
    behind_tf, behind_tf_version = keras_package(tf)
    imported = f"{keras.__name__} {getattr(keras, '__version__', '?')}"
    evidence.check("biblioteca detrás de `import keras` = biblioteca detrás de tf.keras",
                   imported == f"{behind_tf} {behind_tf_version}",
                   expected=f"{behind_tf} {behind_tf_version}", measured=imported,
                   why="paquete raíz de tf.keras.layers.Dense.__module__ y su __version__")
    pairs = {"Dense": (Dense, tf.keras.layers.Dense),
             "Sequential": (Sequential, tf.keras.models.Sequential),
             "Layer": (keras.layers.Layer, tf.keras.layers.Layer)}
    for name, (ours, theirs) in pairs.items():
        evidence.check(f"{name} de keras es el {name} de tf.keras", ours is theirs,
                       expected=f"{theirs.__module__}.{theirs.__qualname__}",
                       measured=f"{ours.__module__}.{ours.__qualname__}", why="identidad (`is`)")


@pytest.mark.parametrize("wrapper", ["Activation", "Lambda"])
def test_tf_keras_layer_as_activation(tf, wrapper, test_seed, evidence):
    """model.add(Dense(3, input_dim=1, activation=tf.keras.layers.<wrapper>(my_relu)))"""
    _, Sequential, Dense = import_keras()
    tf.keras.utils.set_random_seed(test_seed)

    def build():
        model = Sequential()
        model.add(Dense(3, input_dim=1, activation=getattr(tf.keras.layers, wrapper)(my_relu(tf))))
        model.predict(X[:2], verbose=0)
        return model

    model, _ = attempt(evidence, f"keras Dense(activation=tf.keras.layers.{wrapper}(my_relu))", build)
    check_leaky(evidence, f"keras Dense + tf.keras.layers.{wrapper}", model)


def test_tf_keras_layer_in_keras_sequential(tf, test_seed, evidence):
    """model.add(Dense(3, input_dim=1)); model.add(tf.keras.layers.Lambda(lambda x: my_relu(x,0.3)))"""
    _, Sequential, Dense = import_keras()
    tf.keras.utils.set_random_seed(test_seed)
    relu = my_relu(tf)

    def build():
        model = Sequential()
        model.add(Dense(3, input_dim=1))
        model.add(tf.keras.layers.Lambda(lambda x: relu(x, 0.3)))
        model.predict(X[:2], verbose=0)
        return model

    model, _ = attempt(evidence, "keras Sequential().add(tf.keras.layers.Lambda(...))", build)
    check_leaky(evidence, "keras Sequential + tf.keras Lambda", model)


def test_custom_objects_shared(tf, evidence):
    """get_custom_objects() from tensorflow.keras.utils is the registry `keras` reads.

    The course registers under "relu_0_3" through tf.keras and then names it in a Dense of
    `keras`: that needs one registry. Whether a Keras then resolves the name as an activation
    (Keras 3.15 no longer looks string activations up in the custom objects) is the
    named-activation claim's question; here only the sharing of the registry is checked.
    """
    keras, _, _ = import_keras()
    with course_call("from tensorflow.keras.utils import get_custom_objects"):
        get_custom_objects = tf.keras.utils.get_custom_objects
    registry = get_custom_objects()
    saved = registry.get("relu_0_3", None)
    registered = tf.keras.layers.Lambda(lambda x: my_relu(tf)(x, 0.3))
    registry["relu_0_3"] = registered
    try:
        seen = keras.utils.get_custom_objects().get("relu_0_3")
    finally:
        if saved is None:
            registry.pop("relu_0_3", None)
        else:
            registry["relu_0_3"] = saved
    evidence.check("keras.utils.get_custom_objects() contiene lo registrado por tf.keras",
                   seen is registered, expected=repr(registered), measured=repr(seen),
                   why="un único registro de objetos personalizados (identidad)")

