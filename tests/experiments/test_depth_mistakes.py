"""Each depth.* claim flips to `refuted` when Keras makes a realistic mistake.

The mistake is injected into the real Keras in this process (an initializer class's
`__call__` is replaced), then the claim's spec test runs and `assert_flip`
(tests/mistakes.py) proves the flip: the unpatched module gives what errata.toml expects,
the patched test `refuted`, and the failing check is the one the mistake is about.
"""
import numpy as np
import pytest

from tests.mistakes import assert_flip, numpy_draw, replace_call, variance_scaling


def random_normal_005(tf, shape):
    return tf.keras.initializers.RandomNormal(stddev=0.05)(shape, dtype="float32")


def one_column_for_all_units(g, shape):
    """glorot_uniform values, but one column drawn and copied to every unit."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return np.tile(g.uniform(-limit, limit, (shape[0], 1)), (1, shape[1]))


# mistake: (initializer patched, its wrong draw, claim id, the test run ("::name[param]"),
#           text of the check that must fail)
MISTAKES = {
    "he_normal with fan_avg": (
        "he_normal", variance_scaling(2.0, "fan_avg", "truncated_normal"), "depth.he_relu",
        "::test_variance_through_depth[alternating]", "he_normal: cociente por capa"),
    "glorot_uniform drawing random_normal(0.05)": (
        "glorot_uniform", random_normal_005, "depth.glorot_tanh",
        "::test_signal_and_gradient_through_depth[256]", "glorot_uniform: "),
    "zeros returning 1e-9 noise": (
        "zeros", numpy_draw(lambda g, s: g.normal(0, 1e-9, s)), "depth.zeros_symmetry",
        "::test_constant_init_keeps_units_identical[zeros]", "unidades idénticas al inicializar"),
    "ones returning 1 + 1e-7 noise": (
        "ones", numpy_draw(lambda g, s: 1 + g.normal(0, 1e-7, s)), "depth.zeros_symmetry",
        "::test_constant_init_keeps_units_identical[ones]", "unidades idénticas al inicializar"),
    "glorot_uniform copying one column to every unit": (
        "glorot_uniform", numpy_draw(one_column_for_all_units), "depth.zeros_symmetry",
        "::test_random_init_breaks_symmetry[glorot_uniform]", "todo par de unidades difiere"
),
}
# depth.four_networks is a `slow` experiment: its row runs with --run-slow (and only then).
# depth.four_networks's mistakes (glorot_normal drawing he_normal; he_normal drawing Glorot's
# variance) are in tests/experiments/test_four_networks_mistakes.py, next to the redesigned claim.
ROWS = [(row[2], row[3]) for row in MISTAKES.values()]   # (claim id, the one test its mutated run runs)


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_refuted(mistake, tf, monkeypatch, run_spec):
    """The baseline is the rows' selected tests, in one run (tests/mistakes.py): the modules'
    other tests (he_relu[square], glorot_tanh[1000], the random_normal row) were never compared."""
    name, draw, claim_id, select, failing_check = MISTAKES[mistake]
    assert_flip(run_spec, claim_id, inject=lambda: replace_call(monkeypatch, tf, name, draw),
                expect_check=failing_check, select=select, baseline_selected=True, baseline_selected_with=ROWS)


def test_relu_per_layer_tolerance_is_calibrated(tf):
    """The derived per-layer sampling error is the real one: over independent networks, the
    standardized log-ratios (ln r − E ln r)/sd have sd ≈ 1 (neither a lenient nor a nervous band).

    180 standardized values (3 seeds × 2 initializers × 30 layers): the sd of a correct
    N(0, 1) sample of that size lies in [0.72, 1.28] with probability > 1 − 1e-6
    (sd of the sample sd ≈ 1/√(2·180) = 0.053; 0.28 is 5.3 of those).
    (A longer run, 12 seeds × both stacks, measured sd 0.97–0.99; see docs/depth.md.)
    """
    from scipy import special

    from fixtures.experiments.depth import relu_profile

    z = []
    for seed in range(3):
        for name in ("he_normal", "glorot_normal"):
            p = relu_profile(tf, [800, 100] * 15 + [800], name, 5000 + seed, 128)
            k = 1.0 / p.rel_var
            z += list((np.log(p.ratio) - (np.log(p.mean) + special.digamma(k) - np.log(k)))
                      / np.sqrt(special.polygamma(1, k)))
    z = np.array(z)
    assert 0.72 <= z.std() <= 1.28, (z.mean(), z.std())
    assert abs(z.mean()) <= 5 / np.sqrt(z.size), (z.mean(), z.std())
