"""Each activation claim flips its verdict when Keras makes a realistic mistake.

The mistake is injected into the real Keras of this process (monkeypatch: a layer's `call`
or `__init__`, the `get` that resolves activation names, or the TensorFlow op Keras calls),
then the claim's spec module runs in-process (`run_spec`) and its verdict is read back
from claims.json. Works on Keras 3 (TF 2.21) and Keras 2 (TF 2.15): every patch goes
through a name both versions share, with functools.wraps so that signature inspection
(relu's alpha / negative_slope keyword) still sees the original.
"""
from __future__ import annotations

import functools
import inspect
import sys

import pytest

S2 = "s2_funciones_de_activacion_en_keras/"
S3 = "s3_tipos_de_funciones_de_activacion/"


# ------------------------------------------------------------------ injection helpers

def activations_module(tf):
    """The keras module whose `get` resolves Dense's and Activation's activation= argument."""
    return sys.modules[tf.keras.layers.Dense.__module__].activations


def patch_get(monkeypatch, tf, replace):
    """activations.get(identifier) → replace(identifier, original_get) (None: unchanged)."""
    module = activations_module(tf)
    original = module.get

    @functools.wraps(original)
    def get(identifier, *args, **kwargs):
        swapped = replace(identifier, original)
        return original(identifier, *args, **kwargs) if swapped is None else swapped

    monkeypatch.setattr(module, "get", get)


def patch_tf_op(monkeypatch, tf, path: str, make):
    """Replace tf.<path> (e.g. "nn.gelu") in every namespace Keras reads it from.

    Keras 3 calls `tensorflow.nn.*`, Keras 2 `tensorflow.compat.v2.nn.*` (another module object).
    `make(original)` returns the replacement.
    """
    namespace, name = path.split(".")
    for root in (tf, tf.compat.v2):
        module = getattr(root, namespace)
        original = getattr(module, name)
        monkeypatch.setattr(module, name, functools.wraps(original)(make(original)))


def wrap_method(monkeypatch, cls, name, make):
    original = getattr(cls, name)
    monkeypatch.setattr(cls, name, functools.wraps(original)(make(original)))


def is_user_function(obj) -> bool:
    """A Python callable written by the user (lambda, def, functools.partial), not a Keras layer or op."""
    if isinstance(obj, functools.partial):
        return True
    module = getattr(obj, "__module__", "") or ""
    return inspect.isfunction(obj) and not module.startswith(("keras", "tf_keras", "tensorflow"))


def slope_keyword(callable_):
    params = inspect.signature(callable_).parameters
    return "negative_slope" if "negative_slope" in params else "alpha"


# ------------------------------------------------------------------ the mistakes

def dense_ignores_user_functions(monkeypatch, tf):
    """activation=my_relu silently becomes linear."""
    patch_get(monkeypatch, tf, lambda ident, get: get("linear") if is_user_function(ident) else None)


def activation_layer_ignores_function(monkeypatch, tf):
    wrap_method(monkeypatch, tf.keras.layers.Activation, "call", lambda orig: lambda self, inputs, *a, **k: inputs)


def lambda_ignores_function(monkeypatch, tf):
    wrap_method(monkeypatch, tf.keras.layers.Lambda, "call", lambda orig: lambda self, inputs, *a, **k: inputs)


def only_keras_callables_accepted(monkeypatch, tf):
    """A Keras that refuses lambdas/partials as activation= (what "solo Lambda" would need)."""
    def refuse(ident, get):
        if is_user_function(ident):
            raise ValueError(f"Could not interpret activation function identifier: {ident!r}")
        return None
    patch_get(monkeypatch, tf, refuse)


def custom_name_resolves_to_linear(monkeypatch, tf):
    """A name registered in get_custom_objects() silently resolves to linear (identity)."""
    def resolve(ident, get):
        if isinstance(ident, str) and ident in tf.keras.utils.get_custom_objects():
            return get("linear")
        return None
    patch_get(monkeypatch, tf, resolve)


def sigmoid_off_by_1e4(monkeypatch, tf):
    original = tf.keras.activations.sigmoid
    monkeypatch.setattr(tf.keras.activations, "sigmoid",
                        functools.wraps(original)(lambda x: original(x) + 1e-4))


def relu_ignores_slope(monkeypatch, tf):
    """tf.keras.activations.relu drops alpha / negative_slope: plain ReLU."""
    original = tf.keras.activations.relu

    @functools.wraps(original)
    def relu(x, *args, **kwargs):
        kwargs.pop("alpha", None)
        kwargs.pop("negative_slope", None)
        return original(x)

    monkeypatch.setattr(tf.keras.activations, "relu", relu)


def relu_layer_ignores_negative_slope(monkeypatch, tf):
    def make(orig):
        def call(self, inputs):
            return tf.nn.relu(inputs)
        return call
    wrap_method(monkeypatch, tf.keras.layers.ReLU, "call", make)


def leaky_relu_default_02(monkeypatch, tf):
    keyword = slope_keyword(tf.keras.layers.LeakyReLU.__init__)

    def make(orig):
        def init(self, **kwargs):  # no *args: Keras 3 reads __init__'s argspec for get_config
            kwargs.setdefault(keyword, 0.2)
            orig(self, **kwargs)
        return init
    wrap_method(monkeypatch, tf.keras.layers.LeakyReLU, "__init__", make)


def relu_layer_clips_beyond_10(monkeypatch, tf):
    """ReLU(negative_slope=0.3) saturates beyond |x| = 10: identical on the course's x."""
    def make(orig):
        def call(self, inputs):  # exactly ReLU.call's signature: Keras 2 passes what call accepts
            out = orig(self, inputs)
            x = tf.convert_to_tensor(inputs)
            clipped = orig(self, tf.clip_by_value(x, -10.0, 10.0))
            return tf.where(tf.abs(x) > 10, clipped, out)
        return call
    wrap_method(monkeypatch, tf.keras.layers.ReLU, "call", make)


def prelu_alpha_frozen(monkeypatch, tf):
    def make(orig):
        def add_weight(self, *args, **kwargs):
            kwargs["trainable"] = False
            return orig(self, *args, **kwargs)
        return add_weight
    wrap_method(monkeypatch, tf.keras.layers.PReLU, "add_weight", make)


def gelu_tanh_approximation(monkeypatch, tf):
    patch_tf_op(monkeypatch, tf, "nn.gelu",
                lambda orig: lambda features, approximate=False, name=None: orig(features, approximate=True))


def gelu_string_is_tanh_approximation(monkeypatch, tf):
    exact = tf.keras.activations.gelu
    patch_get(monkeypatch, tf, lambda ident, get: (lambda x: exact(x, approximate=True)) if ident == "gelu" else None)


def swish_beta_15(monkeypatch, tf):
    for name in ("nn.silu", "nn.swish"):
        patch_tf_op(monkeypatch, tf, name,
                    lambda orig: lambda features, beta=1.0, name=None: features * tf.sigmoid(1.5 * features))


def swish_string_is_hard_swish(monkeypatch, tf):
    def hard_swish(x):
        return x * tf.nn.relu6(x + 3.0) / 6.0
    patch_get(monkeypatch, tf, lambda ident, get: hard_swish if ident == "swish" else None)


def mish_with_relu(monkeypatch, tf):
    for name in ("math.softplus", "nn.softplus"):
        patch_tf_op(monkeypatch, tf, name, lambda orig: lambda features, name=None: tf.nn.relu(features))


def mish_string_is_swish(monkeypatch, tf):
    swish = tf.keras.activations.swish
    patch_get(monkeypatch, tf, lambda ident, get: swish if ident == "mish" else None)


def swish_is_mish(monkeypatch, tf):
    """If tf.keras.activations.swish were mish, the course's first Mish line would be right."""
    monkeypatch.setattr(tf.keras.activations, "swish", tf.keras.activations.mish)


# (description, injection, spec module, claim id, expected verdict after the mistake)
MISTAKES = {
    "Dense treats a user function as linear": (
        dense_ignores_user_functions, S2 + "test_01_function.py", "custom.function", "refuted"),
    "Activation layer ignoring its function": (
        activation_layer_ignores_function, S2 + "test_02_activation_layer.py", "custom.activation_layer", "refuted"),
    "Lambda ignoring its function (as activation=)": (
        lambda_ignores_function, S2 + "test_03_lambda_layer.py", "custom.lambda_layer", "refuted"),
    "Lambda ignoring its function (as a layer)": (
        lambda_ignores_function, S2 + "test_04_parametrized_lambda.py", "custom.parametrized_lambda", "refuted"),
    "Keras accepting only its own callables (then 'solo Lambda' holds)": (
        only_keras_callables_accepted, S2 + "test_05_only_lambda.py", "custom.only_lambda", "holds"),
    "custom-object string resolving to linear": (
        custom_name_resolves_to_linear, S2 + "test_06_named.py", "custom.named", "refuted"),
    "sigmoid off by 1e-4": (sigmoid_off_by_1e4, S3 + "test_01_sigmoid.py", "sigmoid.logit_inverse", "refuted"),
    "relu ignoring alpha / negative_slope": (
        relu_ignores_slope, S3 + "test_02_relu_alpha.py", "relu.alpha_is_leaky", "refuted"),
    "ReLU layer ignoring negative_slope": (
        relu_layer_ignores_negative_slope, S3 + "test_03_relu_negative_slope.py", "relu.negative_slope_layer",
        "refuted"),
    "LeakyReLU defaulting to 0.2": (
        leaky_relu_default_02, S3 + "test_04_leaky_default.py", "relu.leaky_default", "refuted"),
    "LeakyReLU defaulting to 0.2 (three no longer identical)": (
        leaky_relu_default_02, S3 + "test_05_relu_three_identical.py", "relu.three_identical", "refuted"),
    "ReLU variants differing only for |x| > 10": (
        relu_layer_clips_beyond_10, S3 + "test_05_relu_three_identical.py", "relu.three_identical", "refuted"),
    "PReLU alpha frozen": (prelu_alpha_frozen, S3 + "test_06_prelu.py", "prelu.alpha_trainable", "refuted"),
    "GELU switched to the tanh approximation": (
        gelu_tanh_approximation, S3 + "test_07_gelu_integral.py", "gelu.integral", "refuted"),
    '"gelu" string resolving to the tanh approximation': (
        gelu_string_is_tanh_approximation, S3 + "test_08_gelu_usage.py", "gelu.usage", "refuted"),
    "swish with beta = 1.5": (swish_beta_15, S3 + "test_09_swish_formula.py", "swish.formula", "refuted"),
    '"swish" string resolving to hard swish': (
        swish_string_is_hard_swish, S3 + "test_10_swish_usage.py", "swish.usage", "refuted"),
    "mish using relu instead of softplus": (
        mish_with_relu, S3 + "test_11_mish_formula.py", "mish.formula", "refuted"),
    '"mish" string resolving to swish': (
        mish_string_is_swish, S3 + "test_12_mish_usage.py", "mish.usage", "refuted"),
    "swish aliased to mish (the course's line 1 would hold)": (
        swish_is_mish, S3 + "test_13_mish_course_usage.py", "mish.course_usage", "holds"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_flips_the_verdict(mistake, tf, monkeypatch, run_spec):
    inject, module, claim_id, expected = MISTAKES[mistake]
    inject(monkeypatch, tf)
    claims = run_spec(module)
    claim = claims[claim_id]
    assert claim["verdict"] == expected, f"{mistake}: {claim['verdict']} ({claim['message'][:800]})"


def test_beyond_10_is_caught_by_hypothesis_not_by_the_course_x(tf, monkeypatch, run_spec):
    """The |x| > 10 mistake leaves the course's linspace(-5, 5) identical; the Hypothesis search finds it."""
    relu_layer_clips_beyond_10(monkeypatch, tf)
    verdicts = run_spec(S3 + "test_05_relu_three_identical.py")["relu.three_identical"]["test_verdicts"]
    assert verdicts["test_same_float32_input[course_x]"] == "holds"
    assert verdicts["test_hypothesis_float32"] == "refuted"


def test_custom_objects_left_clean(tf, run_spec):
    """The named-activation spec registers relu_0_3 and must remove it again."""
    before = dict(tf.keras.utils.get_custom_objects())
    run_spec(S2 + "test_06_named.py")
    assert dict(tf.keras.utils.get_custom_objects()) == before


@pytest.mark.parametrize("module, claim_id", [
    (S2 + "test_04_parametrized_lambda.py", "custom.parametrized_lambda"),
    (S3 + "test_07_gelu_integral.py", "gelu.integral"),
])
def test_correct_keras_holds(run_spec, module, claim_id):
    """The control: the unpatched Keras passes the same modules."""
    assert run_spec(module)[claim_id]["verdict"] == "holds"
