"""course.keras_is_tf_keras flips to `refuted` when `keras` and `tf.keras` stop being one library.

Each mistake is what a split installation really does (legacy mode, two Keras copies, a
re-export that wraps instead of aliasing), injected into the real Keras of this process;
then the claim's tests that the mistake is about run, and `assert_flip` (tests/mistakes.py)
proves the flip: the unpatched module gives what errata.toml expects, the selected tests
`refuted`, and the check named in the row is what caught it.
"""
import sys
import types

import pytest

from tests.mistakes import assert_flip

CLAIM_ID = "course.keras_is_tf_keras"


@pytest.fixture
def keras():
    import keras
    return keras


class Proxy:
    """An object that answers like `target` except for the attributes given."""

    def __init__(self, target, **overrides):
        self._target = target
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(self._target, name)


def patch_tf_keras(monkeypatch, tf, submodule, **overrides):
    """Change what `tf.keras.<submodule>.<name>` gives, leaving `import keras` untouched
    (on TF 2.21 both names reach the same module objects, so patch through a proxy)."""
    real = tf.keras
    monkeypatch.setattr(tf, "keras", Proxy(real, **{submodule: Proxy(getattr(real, submodule), **overrides)}))


def dense_is_a_wrapper(monkeypatch, tf, keras):
    """tf.keras.layers.Dense re-exported as a subclass (same module name, not the same class)."""
    wrapper = type("Dense", (keras.layers.Dense,), {"__module__": keras.layers.Dense.__module__})
    patch_tf_keras(monkeypatch, tf, "layers", Dense=wrapper)


def second_keras_copy(monkeypatch, tf, keras):
    """tf.keras loads another copy of Keras (another package, another version) than `import keras`."""
    copy = types.ModuleType("keras_copy")
    copy.__version__ = "3.0.0"
    monkeypatch.setitem(sys.modules, "keras_copy", copy)
    layers = {name: type(name, (getattr(keras.layers, name),), {"__module__": f"keras_copy.src.{name.lower()}"})
              for name in ("Dense", "Layer")}
    patch_tf_keras(monkeypatch, tf, "layers", **layers)


def activation_layers_dropped(monkeypatch, tf, keras):
    """Dense silently treats a layer given as `activation` as linear."""
    from keras.src import activations
    original = activations.get
    monkeypatch.setattr(activations, "get", lambda ident: activations.linear
                        if isinstance(ident, keras.layers.Layer) else original(ident))


def lambda_from_another_library(monkeypatch, tf, keras):
    """tf.keras.layers.Lambda is a layer of another library (not a keras.Layer), as in legacy mode."""
    class Lambda:
        def __init__(self, function):
            self.function = function

        def __call__(self, x, *args, **kwargs):
            return self.function(x)

    patch_tf_keras(monkeypatch, tf, "layers", Lambda=Lambda)


def separate_registries(monkeypatch, tf, keras):
    """tf.keras.utils.get_custom_objects() returns a registry of its own."""
    own = {}
    patch_tf_keras(monkeypatch, tf, "utils", get_custom_objects=lambda: own)


# mistake: (injection, the tests it is about (a -k expression), the check that must catch it)
MISTAKES = {
    "Dense re-exported as a subclass": (  # the package matches: identity must catch it
        dense_is_a_wrapper, "test_same_library", "test_same_library: Dense de keras es el Dense de tf.keras"),
    "tf.keras from a second copy of Keras": (
        second_keras_copy, "test_same_library", "test_same_library: biblioteca detrás de `import keras`"),
    "tf.keras Activation as activation becomes linear": (
        activation_layers_dropped, "test_tf_keras_layer_as_activation and Activation",
        "test_tf_keras_layer_as_activation[Activation]: "),
    "tf.keras Lambda as activation becomes linear": (
        activation_layers_dropped, "test_tf_keras_layer_as_activation and Lambda",
        "test_tf_keras_layer_as_activation[Lambda]: "),
    "tf.keras Lambda is not a keras Layer": (
        lambda_from_another_library, "test_tf_keras_layer_in_keras_sequential",
        "test_tf_keras_layer_in_keras_sequential: "),
    "separate custom-object registries": (
        separate_registries, "test_custom_objects_shared",
        "test_custom_objects_shared: keras.utils.get_custom_objects() contiene lo registrado por tf.keras"
),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_refuted(mistake, tf, keras, monkeypatch, run_spec):
    inject, selection, catching_check = MISTAKES[mistake]
    flip = assert_flip(run_spec, CLAIM_ID, inject=lambda: inject(monkeypatch, tf, keras),
                       expect_check=catching_check, select=selection)
    assert all(v == "refuted" for v in flip.mutated["test_verdicts"].values()), flip.mutated["test_verdicts"]
