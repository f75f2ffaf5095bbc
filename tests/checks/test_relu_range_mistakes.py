"""relu.negative_slope_layer: mistakes the course's x ∈ [−5, 5] cannot see, the float32 range can.

Two plausible ReLU-layer mistakes, injected into tf.keras.layers.ReLU.call:
  - a ReLU6-style clip (max_value 6 applied by default): every input the course uses, and
    every pre-activation of its Dense(3, input_dim=1) model, stays below 6;
  - slopes applied by mask products, x·[x > 0] + 0.3·x·[x ≤ 0]: right for every finite x,
    nan at ±inf (inf·0).
For each: the course-range tests (test_course_code, test_course_model_line) still hold; the
wide float32 test refutes the claim (assert_flip: baseline as errata.toml expects, then the flip).
"""
from __future__ import annotations

import pytest

from tests.mistakes import assert_flip, wrap_method

CLAIM = "relu.negative_slope_layer"
COURSE_RANGE = "test_course_code or test_course_model_line"


def clip_at_six(monkeypatch, tf):
    wrap_method(monkeypatch, tf.keras.layers.ReLU, "call",
                lambda orig: lambda self, inputs, *a, **k: tf.minimum(orig(self, inputs), 6.0))


def mask_products(monkeypatch, tf):
    def call(self, inputs, *a, **k):
        x = tf.convert_to_tensor(inputs, dtype="float32")
        slope = float(getattr(self, "negative_slope", 0.3))
        return x * tf.cast(x > 0, x.dtype) + slope * x * tf.cast(x <= 0, x.dtype)
    wrap_method(monkeypatch, tf.keras.layers.ReLU, "call", lambda orig: call)


MISTAKES = {"clip at 6 (ReLU6)": (clip_at_six, "test_float32_range"),
            "mask products (nan at ±inf)": (mask_products, "test_float32_range")}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_wide_range_catches_what_the_course_range_cannot(mistake, tf, monkeypatch, run_spec):
    inject, check = MISTAKES[mistake]
    assert_flip(run_spec, CLAIM, inject=lambda: inject(monkeypatch, tf), expect_check=check,
                select="test_float32_range or test_hypothesis_float32")
    # the mistake is still injected: the course's own range does not see it
    claims = run_spec("s3_tipos_de_funciones_de_activacion/test_03_relu_negative_slope.py", "-k", COURSE_RANGE)
    assert claims[CLAIM]["verdict"] == "holds", claims[CLAIM]["message"]
