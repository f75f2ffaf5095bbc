"""custom.named — «Usando funciones de activación en Keras / Funciones con nombre».

Course:
    from tensorflow.keras.utils import get_custom_objects
    def my_relu(x,alpha):
        return K.maximum(alpha*x, x)
    get_custom_objects()['relu_0_3']=tf.keras.layers.Lambda(lambda x: my_relu(x,0.3))
    model.add(Dense(3, input_dim=1,activation="relu_0_3"))
Check: the *values* (a name that silently resolves to another function, e.g. linear, fails on
the negative z), within float32 rounding (3u·|y|). get_custom_objects() is global state: the
entry is removed again whatever happens.
From Keras 3.0.2 (commit 001fce58, «Update deserialization mechanics») `activations.get` looks
a string up among Keras's built-in activation names only, so a name registered with
get_custom_objects() is not resolved — a Lambda layer as here, or a plain function alike:
api-drift. Keras 2 and Keras 3.0.0 / 3.0.1 deserialize the string and find it (bisected:
errata/bisections/custom.named-keras.json). tf.keras.activations.deserialize("relu_0_3") finds
the registered object on every version checked.
"""
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_NAMED, check_dense, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="custom.named",
    section=SEC_NAMED,
    statement="Registrando get_custom_objects()['relu_0_3'] = Lambda(...), la activación se puede "
              "usar por su nombre: Dense(3, activation=\"relu_0_3\").",
    formula='Dense(3, activation="relu_0_3")(x) = max(0.3·z, z)',
    anchor="get_custom_objects()['relu_0_3']",
)
WORKS_INSTEAD = 'Dense(3, input_dim=1, activation=tf.keras.activations.deserialize("relu_0_3"))'


@pytest.fixture
def registered(tf):
    """get_custom_objects()['relu_0_3'] as the course sets it; restored afterwards."""
    with course_call("from tensorflow.keras.utils import get_custom_objects"):
        from tensorflow.keras.utils import get_custom_objects
    from tensorflow.keras import backend as K

    def my_relu(x, alpha):
        return K.maximum(alpha * x, x)

    objects = get_custom_objects()
    saved = dict(objects)
    try:
        with course_call("get_custom_objects()['relu_0_3']=tf.keras.layers.Lambda(lambda x: my_relu(x,0.3))"):
            objects["relu_0_3"] = tf.keras.layers.Lambda(lambda x: my_relu(x, 0.3))
        yield objects
    finally:
        objects.clear()
        objects.update(saved)


def test_course_way(tf, evidence, test_seed, registered):
    with course_call('model.add(Dense(3, input_dim=1,activation="relu_0_3"))', works_instead=WORKS_INSTEAD):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(3, input_dim=1, activation="relu_0_3"))
    check_dense(tf, evidence, model, "my_relu", ref.my_relu, lambda z, d: ref.tolerance("my_relu", z, d),
                'Dense(3, activation="relu_0_3")', plot_title='Dense(3, activation="relu_0_3")')


def test_registered_object_by_deserialize(tf, evidence, test_seed, registered):
    """The spelling that resolves a registered name on every version checked (2.15, 2.21)."""
    with course_call(WORKS_INSTEAD):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(
            3, input_dim=1, activation=tf.keras.activations.deserialize("relu_0_3")))
    check_dense(tf, evidence, model, "my_relu", ref.my_relu, lambda z, d: ref.tolerance("my_relu", z, d),
                'Dense(3, activation=deserialize("relu_0_3"))')
