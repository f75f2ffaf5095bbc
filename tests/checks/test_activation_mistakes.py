"""Each activation claim flips its verdict when Keras makes a realistic mistake.

The mistake is injected into the real Keras of this process (monkeypatch: a layer's `call`
or `__init__`, the `get` that resolves activation names, or the TensorFlow op Keras calls),
then the claim's spec module runs in-process and `assert_flip` (tests/mistakes.py) proves the
flip: the unpatched module gives what errata.toml expects here, the patched one a different
verdict, and the check named in the row is what caught it. Works on Keras 3 (TF 2.21) and
Keras 2 (TF 2.15): every patch goes through a name both versions share, with functools.wraps
so that signature inspection (relu's alpha / negative_slope keyword) still sees the original.
"""
from __future__ import annotations

import functools

import pytest

from fixtures.checks.activations import slope_keyword
from tests.mistakes import (
    assert_flip,
    is_user_function,
    patch_get,
    patch_tf_op,
    wrap_method,
)

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


# description: (injection, claim id, what must catch it: "<test name>" or "<test name>: <check>" part)
MISTAKES = {
    "Dense treats a user function as linear": (
        dense_ignores_user_functions, "custom.function", "test_course_way: Dense(3"),
    "Activation layer ignoring its function": (
        activation_layer_ignores_function, "custom.activation_layer", "test_course_way"),
    "Lambda ignoring its function (as activation=)": (
        lambda_ignores_function, "custom.lambda_layer", "test_course_way"),
    "Lambda ignoring its function (as a layer)": (
        lambda_ignores_function, "custom.parametrized_lambda", "test_course_way"),
    "Keras accepting only its own callables (then 'solo Lambda' holds)": (
        only_keras_callables_accepted, "custom.only_lambda", "test_other_ways_do_not_work[plain_lambda]"),
    "custom-object string resolving to linear": (
        custom_name_resolves_to_linear, "custom.named", 'test_course_way: Dense(3, activation="relu_0_3")'),
    "sigmoid off by 1e-4": (sigmoid_off_by_1e4, "sigmoid.logit_inverse", "test_formula"),
    "relu ignoring alpha / negative_slope": (
        relu_ignores_slope, "relu.alpha_is_leaky", "test_slope_keyword_of_this_version: relu(x, "),
    "ReLU layer ignoring negative_slope": (
        relu_layer_ignores_negative_slope, "relu.negative_slope_layer", "test_course"),
    "LeakyReLU defaulting to 0.2": (
        leaky_relu_default_02, "relu.leaky_default", "test_default_in_config: LeakyReLU().get_config()"),
    "LeakyReLU defaulting to 0.2 (three no longer identical)": (
        leaky_relu_default_02, "relu.three_identical", "test_same_float32_input[course_x]: idénticas"),
    "ReLU variants differing only for |x| > 10": (
        relu_layer_clips_beyond_10, "relu.three_identical", "test_hypothesis_float32: idénticas elemento a elemento"
),
    "PReLU alpha frozen": (
        prelu_alpha_frozen, "prelu.alpha_trainable",
        "test_alpha_is_a_trainable_weight_starting_at_its_initializer: alpha ∈ layer.trainable_weights"),
    "GELU switched to the tanh approximation": (
        gelu_tanh_approximation, "gelu.integral", "test_keras_gelu_is_the_integral"),
    '"gelu" string resolving to the tanh approximation': (
        gelu_string_is_tanh_approximation, "gelu.usage",
        'test_both_lines: model.add(Dense(3, input_dim=1,activation="gelu"))'),
    "swish with beta = 1.5": (swish_beta_15, "swish.formula", "test_formula"),
    '"swish" string resolving to hard swish': (
        swish_string_is_hard_swish, "swish.usage", 'test_both_lines: model.add(Dense(3, activation="swish"))'),
    "mish using relu instead of softplus": (mish_with_relu, "mish.formula", "test_formula"),
    '"mish" string resolving to swish': (
        mish_string_is_swish, "mish.usage", 'test_string_mish: Dense(3, activation="mish")'),
    "swish aliased to mish (the course's line 1 would hold)": (
        swish_is_mish, "mish.course_usage", "test_first_line"),
}


CLAIMS = [claim_id for _, claim_id, _ in MISTAKES.values()]


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_flips_the_verdict(mistake, tf, monkeypatch, run_spec):
    inject, claim_id, catching_check = MISTAKES[mistake]
    flip = assert_flip(run_spec, claim_id, inject=lambda: inject(monkeypatch, tf), expect_check=catching_check,
                       baseline_with=CLAIMS)
    if mistake == "ReLU variants differing only for |x| > 10":
        # the course's linspace(-5, 5) stays identical: only the Hypothesis search can find it
        assert flip.mutated["test_verdicts"]["test_same_float32_input[course_x]"] == "holds"
    if claim_id == "custom.named":
        # the spec registers relu_0_3 and must remove it again
        assert "relu_0_3" not in tf.keras.utils.get_custom_objects()


def test_assert_flip_rejects_a_mistake_that_changes_nothing(run_spec):
    """The helper itself: an injection that changes nothing proves no flip."""
    with pytest.raises(AssertionError, match="with the mistake the verdict is 'holds'"):
        assert_flip(run_spec, "gelu.integral", inject=lambda: None, expect_check="test_", baseline_with=CLAIMS)


def test_assert_flip_rejects_the_wrong_catching_check(tf, monkeypatch, run_spec):
    """The helper itself: a flip caught by another test than the one named does not pass."""
    with pytest.raises(AssertionError, match="is not what caught the mistake"):
        assert_flip(run_spec, "gelu.integral", inject=lambda: gelu_tanh_approximation(monkeypatch, tf),
                    expect_check="test_quadrature_is_the_closed_form", baseline_with=CLAIMS)
