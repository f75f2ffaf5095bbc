"""random_normal — «Inicialización de parámetros».

Course: `model.add(Dense(1000, input_dim=1000, kernel_initializer="random_normal"))`, then the
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

NAME = "random_normal"
CLAIM = Claim(
    id="init.random_normal",
    statement="random_normal muestrea de una normal N(0, 0.05²) sin truncar.",
    formula="W ~ N(0, 0.05^2), untruncated",
    anchor='"random_normal"',
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
