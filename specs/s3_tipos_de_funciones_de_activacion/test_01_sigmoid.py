"""sigmoid.logit_inverse — «Tipos de funciones de activación en capas ocultas / sigmoid».

Course: logit(p) = log(p / (1 − p)); solving logit(p) = ax + b for p gives
p = 1 / (1 + e^(−(ax+b))), "que es exactamente la función sigmoide".
Checks, on tf.keras.activations.sigmoid in float32 and float64:
  formula   |σ_K(x) − 1/(1+e^(−x))| ≤ 8ε·σ(x) + tiny       (kernel accuracy; FTZ below tiny)
  inverse   σ_K(logit(p)) = p:   ≤ 8ε·p + 8ε·p(1−p)·|logit p|   (x rounded to dtype: |δx| ≤ ε|x|)
            logit(σ_K(x)) = x:   ≤ 8ε·(1 + e^x)                 (condition number of logit at σ(x))
ε = ulp of 1 (2^-23 float32, 2^-52 float64); reference in float64 with scipy.special (expit, logit).
"""
import numpy as np
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_SIGMOID,
    check_values,
    plot_activation,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="sigmoid.logit_inverse",
    section=SEC_SIGMOID,
    statement="La sigmoide de Keras es 1/(1+e^(−x)), la inversa de logit(p) = log(p/(1−p)).",
    formula="sigmoid(x) = 1/(1+e^(−x));  sigmoid(logit(p)) = p;  logit(sigmoid(x)) = x",
    anchor="Que es exactamente la función sigmoide",
)

DTYPES = {"float32": np.float32, "float64": np.float64}
# Inputs where σ(x) is a normal number of the dtype; beyond, TF flushes to zero.
X_RANGE = {"float32": 80.0, "float64": 700.0}
# logit(σ(x)) is only well conditioned where 1 − σ(x) is resolved: |x| ≲ ln(1/ε)/2.
ROUND_TRIP = {"float32": 8.0, "float64": 18.0}


def keras_sigmoid(tf, x):
    with course_call("tf.keras.activations.sigmoid(x)"):
        return to_numpy(tf.keras.activations.sigmoid(tf.constant(x)))


@pytest.mark.parametrize("dtype", list(DTYPES))
def test_formula(tf, evidence, dtype):
    d = DTYPES[dtype]
    x = np.linspace(-X_RANGE[dtype], X_RANGE[dtype], 4001).astype(d)
    y = keras_sigmoid(tf, x)
    expected = ref.sigmoid(x)
    tol = ref.tolerance("sigmoid", x, d)
    if dtype == "float32":
        grid = np.linspace(-8, 8, 801).astype(d)
        plot_activation(evidence, "sigmoid (float32)", grid, keras_sigmoid(tf, grid), ref.sigmoid(grid),
                        ref.tolerance("sigmoid", grid, d), ref_label="1/(1+e^(−x)) (float64)")
    check_values(evidence, f"sigmoid {dtype}, x ∈ [−{X_RANGE[dtype]:g}, {X_RANGE[dtype]:g}]", x, y, expected,
                 tol, why=f"{ref.ULPS} ulps (2^-{np.finfo(d).nmant}) relativos a σ(x), "
                          "+ el menor normal (subnormales a cero)", formula=ref.FORMULAS["sigmoid"])


@pytest.mark.parametrize("dtype", list(DTYPES))
def test_sigmoid_of_logit_is_identity(tf, evidence, dtype):
    """p → logit(p) (float64, rounded to dtype) → Keras sigmoid → p."""
    d = DTYPES[dtype]
    eps = float(np.finfo(d).eps)
    p = np.concatenate([np.logspace(-30 if d is np.float32 else -200, -1, 300),
                        np.linspace(0.1, 0.9, 401), 1 - np.logspace(-1, -7 if d is np.float32 else -15, 300)])
    x = ref.logit(p).astype(d)
    y = keras_sigmoid(tf, x)
    tol = ref.ULPS * eps * p + ref.ULPS * eps * p * (1 - p) * np.abs(x.astype(np.float64)) + np.finfo(d).tiny
    check_values(evidence, f"sigmoid(logit(p)) = p, {dtype}", p, y, p, tol,
                 why="precisión de Keras 8ε·p, más logit(p) redondeado al dtype: |δσ| ≤ σ(1−σ)·|x|·ε (×8)",
                 formula="sigmoid(logit(p)) = p")


@pytest.mark.parametrize("dtype", list(DTYPES))
def test_logit_of_sigmoid_is_identity(tf, evidence, dtype):
    """x → Keras sigmoid → logit (float64) → x."""
    d = DTYPES[dtype]
    eps = float(np.finfo(d).eps)
    x = np.linspace(-ROUND_TRIP[dtype], ROUND_TRIP[dtype], 1601).astype(d)
    back = ref.logit(keras_sigmoid(tf, x))
    tol = ref.ULPS * eps * (1 + np.exp(x.astype(np.float64)))
    check_values(evidence, f"logit(sigmoid(x)) = x, {dtype}", x, back, x, tol,
                 why="δx = δσ/(σ(1−σ)) con δσ ≤ 8ε·σ → 8ε·(1 + e^x)", formula="logit(sigmoid(x)) = x")

