"""lecun_normal — «Inicialización de parámetros».

Course: `model.add(Dense(1000, input_dim=1000, kernel_initializer="lecun_normal"))`, then the
density plot and `df.describe()` of the 1e6 weights.
Checks (fixtures/checks/initializers.py): mean, std, KS shape, support/tails, each at α = 1e-6,
on the course's 1000×1000 kernel and on non-square and conv kernels.
"""
import pytest

from fixtures.checks.initializers import (
    INITIALIZER_FORMULAS_IMPLIED,
    SHAPES,
    check_samples,
    check_shape,
    plot_density,
)
from fixtures.checks.reference_initializers import expected
from fixtures.core.claims import Claim

NAME = "lecun_normal"
CLAIM = Claim(
    id="init.lecun_normal",
    statement="lecun_normal muestrea de una normal truncada en ±2σ con σ = √(1 / fan_in) / 0.8796.",
    formula="W ~ TruncNormal(0, s^2, ±2s), s = sqrt(1 / fan_in) / 0.87962566",
    anchor='"lecun_normal"',
    implied=INITIALIZER_FORMULAS_IMPLIED,
)


def test_course_way(course_weights, evidence):
    """The course's Sequential + Dense(1000, input_dim=1000, kernel_initializer=NAME)."""
    weights = course_weights[NAME]
    exp = expected(NAME, (1000, 1000))
    plot_density(evidence, weights, exp, NAME)
    check_samples(evidence, weights, exp, "Dense 1000×1000")


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_other_shapes(tf, shape, test_seed, evidence):
    """The same initializer object on kernels where fan_in ≠ fan_out."""
    check_shape(tf, evidence, NAME, shape, test_seed)
