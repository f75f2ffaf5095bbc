"""course.keras_is_tf_keras flips to `refuted` when `keras` and `tf.keras` stop being one library.

Each mistake is what a split installation really does (legacy mode, two Keras copies, a
re-export that wraps instead of aliasing), injected into the real Keras of this process;
then the claim's module runs and its verdict is read back from claims.json.
"""
import sys
import types

import pytest

SPEC = "s0_curso/test_01_keras_is_tf_keras.py"


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


MISTAKES = {
    "Dense re-exported as a subclass": (dense_is_a_wrapper, "test_same_library"),
    "tf.keras from a second copy of Keras": (second_keras_copy, "test_same_library"),
    "tf.keras Activation as activation becomes linear": (
        activation_layers_dropped, "test_tf_keras_layer_as_activation and Activation"),
    "tf.keras Lambda as activation becomes linear": (
        activation_layers_dropped, "test_tf_keras_layer_as_activation and Lambda"),
    "tf.keras Lambda is not a keras Layer": (
        lambda_from_another_library, "test_tf_keras_layer_in_keras_sequential"),
    "separate custom-object registries": (separate_registries, "test_custom_objects_shared"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_refuted(mistake, tf, keras, monkeypatch, run_spec):
    inject, selection = MISTAKES[mistake]
    inject(monkeypatch, tf, keras)
    claim = run_spec(SPEC, "-k", selection)["course.keras_is_tf_keras"]
    assert claim["verdict"] == "refuted", claim["message"]
    assert all(v == "refuted" for v in claim["test_verdicts"].values()), claim["test_verdicts"]
    if mistake == "Dense re-exported as a subclass":  # the package matches: identity must catch it
        assert "Dense from keras is tf.keras's Dense" in claim["message"], claim["message"]


def test_one_library_holds(run_spec):
    """The control: the unpatched Keras 3 of TF 2.21 (tf.keras is `keras`) passes every test."""
    claim = run_spec(SPEC)["course.keras_is_tf_keras"]
    assert claim["verdict"] == "holds", claim["message"]
    assert len(claim["test_verdicts"]) == 5
