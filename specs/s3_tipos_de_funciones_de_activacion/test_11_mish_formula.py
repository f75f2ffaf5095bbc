"""mish.formula — «Tipos de funciones de activación en capas ocultas / Mish».

Course: $$ mish(x)=x \\cdot tanh(softplus(x)) $$ and the link tf.keras.activations.mish(x).
Check: tf.keras.activations.mish against x·tanh(log(1 + e^x)) (float64, numpy logaddexp) on
x ∈ [−12, 12], float32 and float64, tolerance 8ε·|mish(x)|. Mish with relu in place of
softplus (x·tanh(max(x, 0))) is 0 for x < 0 and differs by ~0.3 there.
"""
import numpy as np
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_MISH,
    WIDE_X,
    check_values,
    plot_activation,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="mish.formula",
    section=SEC_MISH,
    statement="mish(x) = x·tanh(softplus(x)).",
    formula="mish(x) = x·tanh(softplus(x)),  softplus(x) = ln(1 + e^x)",
    anchor="mish(x)=x \\cdot tanh(softplus(x))",
)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_formula(tf, evidence, dtype):
    d = np.dtype(dtype).type
    x = WIDE_X.astype(d)
    with course_call("tf.keras.activations.mish(x)",
                     works_instead="x * tf.math.tanh(tf.math.softplus(x)) (mish aún no está en Keras)"):
        y = to_numpy(tf.keras.activations.mish(tf.constant(x)))
    expected = ref.mish(x)
    tol = ref.tolerance("mish", x, d)
    if dtype == "float32":
        plot_activation(evidence, "tf.keras.activations.mish (float32)", x, y, expected, tol,
                        ref_label="x·tanh(softplus(x)) (float64)", others={"swish": ref.swish(x)})
    check_values(evidence, f"mish {dtype}, x ∈ [−12, 12]", x, y, expected, tol,
                 why="8 ulps relativos a |mish(x)|", formula=ref.FORMULAS["mish"])

