"""gelu.integral — «Tipos de funciones de activación en capas ocultas / GELU».

Course: $$ GELU(x)=0.5x(1+ \\frac {2}{ \\sqrt {\\pi} } \\int_{0}^{ \\frac {x}{ \\sqrt {2}}} e ^ {-t^{2}}dt) $$
Check: tf.keras.activations.gelu against that integral computed by scipy.integrate.quad at each
grid point (x ∈ [−6, 6], 241 points; quadrature error ≤ 1e-14, cross-checked with erfc).
Tolerances (the tanh approximation is off by up to 4.7e-4 and must fail):
  float32   8ε·(|GELU(x)| + |x|/2), ε = 2^-23: erf's few-ulp error is absolute inside the bracket
            and is multiplied by x/2 — at most 5.7e-6 on the grid, ≥ 80× below 4.7e-4;
  float64   8ε·(|GELU(x)| + |x|/2) + x²φ(x)·2^-24: TensorFlow multiplies by 1/√2 rounded to
            float32 even in float64 (|Δ| ≤ 1.75e-8), still 2·10⁴× below the approximation's error.
"""
import numpy as np
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_GELU,
    check_values,
    plot_activation,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="gelu.integral",
    section=SEC_GELU,
    statement="GELU(x) = 0.5·x·(1 + 2/√π ∫₀^{x/√2} e^(−t²) dt) es la función que calcula Keras.",
    formula="GELU(x) = 0.5·x·(1 + 2/√π ∫₀^{x/√2} e^(−t²) dt)",
    # The formula itself, as the page writes it: a changed formula makes the claim «texto cambiado».
    anchor=r"GELU(x)=0.5x(1+ \frac {2}{ \sqrt {\pi} } \int_{0}^{ \frac {x}{ \sqrt {2}}} e ^ {-t^{2}}dt)",
)
GRID = np.linspace(-6, 6, 241)


@pytest.fixture(scope="module")
def integral():
    values, quad_error = ref.gelu_integral(GRID)
    return values, quad_error


def test_quadrature_is_the_closed_form(integral, evidence):
    """The reference itself: quad of the course's integral vs 0.5·x·erfc(−x/√2) (scipy.special)."""
    values, quad_error = integral
    gap = float(np.abs(values - ref.gelu_erf(GRID)).max())
    evidence.check("|quad − 0.5·x·erfc(−x/√2)|", gap <= 1e-13, expected=0.0, measured=gap, tolerance=1e-13,
                   why="dos evaluaciones en float64 de la misma función", quad_error_estimate=float(quad_error.max()))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_keras_gelu_is_the_integral(tf, evidence, integral, dtype):
    d = np.dtype(dtype).type
    x = GRID.astype(d)
    with course_call("tf.keras.activations.gelu(x)"):
        y = to_numpy(tf.keras.activations.gelu(tf.constant(x)))
    values, quad_error = (integral if dtype == "float64" else ref.gelu_integral(x))
    tol = ref.tolerance("gelu", x, d) + quad_error
    if dtype == "float64":
        tol = tol + ref.gelu_float32_constant_allowance(x)
    tanh_gap = float(np.abs(ref.gelu_tanh(x) - values).max())
    evidence.record("como escala: máx |aproximación tanh − integral|", expected=0.0, measured=tanh_gap,
                    tolerance=float(tol.max()), why="lo que la tolerancia debe rechazar")
    if dtype == "float32":
        plot_activation(evidence, "tf.keras.activations.gelu (float32)", x, y, values, tol,
                        ref_label="integral (scipy.integrate.quad)",
                        others={"aprox. tanh": ref.gelu_tanh(x)})
    check_values(evidence, f"gelu {dtype}, x ∈ [−6, 6]", x, y, values, tol,
                 why="8 ulps de (|GELU| + |x|/2)" + (", + la constante 1/√2 en float32" if dtype == "float64" else ""),

                 formula=ref.FORMULAS["gelu"])
