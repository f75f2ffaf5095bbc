"""swish.formula — «Tipos de funciones de activación en capas ocultas / Swish».

Course: $$swish(x)=x \\cdot sigmoid(x)=x \\cdot \\frac{1}{1+e^{-x}}=\\frac{x}{1+e^{-x}}$$
Check: tf.keras.activations.swish against x·expit(x) (float64, scipy.special) on x ∈ [−12, 12],
float32 and float64, tolerance 8ε·|swish(x)| (the kernel's few-ulp accuracy). A swish with
β ≠ 1 (x·σ(βx)) differs by ~x²·σ'(x)·|β−1|, orders of magnitude more.
"""
import numpy as np
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_SWISH,
    WIDE_X,
    check_values,
    plot_activation,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="swish.formula",
    section=SEC_SWISH,
    statement="swish(x) = x·sigmoid(x) = x / (1 + e^(−x)).",
    formula="swish(x) = x·sigmoid(x) = x / (1 + e^(−x))",
    anchor="swish(x)=x \\cdot sigmoid(x)",
)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_formula(tf, evidence, dtype):
    d = np.dtype(dtype).type
    x = WIDE_X.astype(d)
    with course_call("tf.keras.activations.swish(x)"):
        y = to_numpy(tf.keras.activations.swish(tf.constant(x)))
    expected = ref.swish(x)
    tol = ref.tolerance("swish", x, d)
    if dtype == "float32":
        plot_activation(evidence, "tf.keras.activations.swish (float32)", x, y, expected, tol,
                        ref_label="x·sigmoid(x) (float64)")
    check_values(evidence, f"swish {dtype}, x ∈ [−12, 12]", x, y, expected, tol,
                 why="8 ulps relativos a |swish(x)|", formula=ref.FORMULAS["swish"])

