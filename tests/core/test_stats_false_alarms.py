"""The statistics keep their promised false-alarm rates.

Each tolerance in fixtures/core/stats.py is run on many *correct* samples (numpy-generated,
seeded) at a large α, where a miscalibration would show, and the observed rejection
rate is compared with α by an exact binomial test (this self-test's own false-alarm
rate: 1e-4 per check). At the spec's α = 1e-6 no correct sample may be rejected.
"""
import numpy as np
import pytest
from scipy import special
from scipy import stats as st

from fixtures.checks.initializers import check_samples
from fixtures.checks.reference_initializers import variance_scaling
from fixtures.core import stats
from fixtures.core.claims import Refuted
from fixtures.core.evidence import Evidence

ALPHA = 0.05
REPEATS = 2000
N = 1000
SELF_ALPHA = 1e-4

DISTS = {
    "uniform": st.uniform(loc=-0.05, scale=0.1),
    "normal": st.norm(scale=0.05),
    "truncnorm": st.truncnorm(-2, 2, scale=0.03),
}


def samples(dist, seed, repeats=REPEATS, n=N):
    """`repeats` correct samples of `n` draws, seeded. The truncated normal by its inverse CDF,
    x = scale·Φ⁻¹(Φ(a) + u·(Φ(b) − Φ(a))), u ~ U(0, 1) from the same generator: the draws scipy's
    truncnorm.rvs makes from that seed (equal to 2e-15 of the scale, the same rejections in every
    test; docs/performance.md), ~20× cheaper (rvs took ≈ 1 s CPU per 2e6 draws, 7 s of this file)."""
    rng = np.random.default_rng(seed)
    if dist.dist.name != "truncnorm":
        return dist.rvs(size=(repeats, n), random_state=rng)
    (a, b), scale = dist.args, dist.kwds["scale"]
    lo, hi = special.ndtr(a), special.ndtr(b)
    return scale * special.ndtri(lo + (hi - lo) * rng.random((repeats, n)))


def assert_rate(rejections, alpha=ALPHA, repeats=REPEATS):
    k = int(np.sum(rejections))
    p = st.binomtest(k, repeats, alpha).pvalue
    assert p >= SELF_ALPHA, f"{k}/{repeats} rejections, expected ≈ {alpha * repeats:.0f} (p = {p:.2g})"


@pytest.mark.parametrize("name", DISTS)
def test_mean_tolerance_rate(name):
    dist = DISTS[name]
    x = samples(dist, 1)
    tol = stats.mean_tolerance(dist.std(), N, ALPHA)
    assert_rate(np.abs(x.mean(axis=1)) > tol)


@pytest.mark.parametrize("name", DISTS)
def test_std_tolerance_rate(name):
    dist = DISTS[name]
    x = samples(dist, 2)
    tol = stats.std_tolerance(dist.std(), stats.excess_kurtosis(dist), N, ALPHA)
    assert_rate(np.abs(x.std(axis=1) - dist.std()) > tol)


@pytest.mark.parametrize("name", DISTS)
@pytest.mark.parametrize("p", [0.25, 0.5, 0.75])
def test_quantile_tolerance_rate(name, p):
    dist = DISTS[name]
    x = samples(dist, 3)
    tol = stats.quantile_tolerance(dist, p, N, ALPHA)
    assert_rate(np.abs(np.quantile(x, p, axis=1) - dist.ppf(p)) > tol)


@pytest.mark.parametrize("name", DISTS)
def test_extreme_intervals_rate(name):
    dist = DISTS[name]
    x = samples(dist, 4)
    lo, hi = stats.max_interval(dist, N, ALPHA)
    assert_rate((x.max(axis=1) < lo) | (x.max(axis=1) > hi))
    lo, hi = stats.min_interval(dist, N, ALPHA)
    assert_rate((x.min(axis=1) < lo) | (x.min(axis=1) > hi))


@pytest.mark.parametrize("name", ["uniform", "truncnorm"])
def test_bound_reached_rate(name):
    """One-sided: max|w| falls short of t with probability exactly α."""
    dist = DISTS[name]
    x = samples(dist, 5)
    t = stats.bound_reached_threshold(dist, N, ALPHA)
    assert_rate(np.abs(x).max(axis=1) < t)


@pytest.mark.parametrize("name", DISTS)
def test_ks_rate(name):
    dist = DISTS[name]
    x = samples(dist, 6, repeats=500)
    pvalues = np.array([stats.ks_pvalue(row, dist)[1] for row in x])
    assert_rate(pvalues < ALPHA, repeats=500)


def test_binomial_rate():
    p_tail = 2 * st.norm.sf(4.0)
    n = 200_000
    counts = np.random.default_rng(7).binomial(n, p_tail, size=REPEATS)
    # the exact test is conservative (discrete): its rate may be below α, never above
    rejected = {c: stats.binomial_pvalue(c, n, p_tail) < ALPHA for c in set(counts.tolist())}
    k = sum(rejected[c] for c in counts.tolist())
    assert st.binomtest(int(k), REPEATS, ALPHA, alternative="greater").pvalue >= SELF_ALPHA


@pytest.mark.parametrize("shape", [(400, 2500), (2500, 400)])
@pytest.mark.parametrize("mode,distribution", [("fan_avg", "uniform"), ("fan_in", "truncated_normal")])
def test_no_false_alarm_at_spec_alpha(shape, mode, distribution):
    """The whole check_samples battery at α = 1e-6 accepts correct samples of 1e6 weights."""
    exp = variance_scaling(shape, 1.0, mode, distribution)
    for seed in range(2):
        x = fast_draw(exp, shape, seed)
        check_samples(Evidence(), x, exp, "numpy")  # raises Refuted on a false alarm


def fast_draw(exp, shape, seed):
    """Correct float32 samples of `exp` (truncated normal by rejection: scipy's rvs is slow)."""
    rng, size = np.random.default_rng(seed), int(np.prod(shape))
    if exp.bound is not None and exp.dist.dist.name == "truncnorm":
        sigma = exp.bound / 2
        x = rng.normal(0, sigma, size=int(size * 1.1))
        x = x[np.abs(x) <= exp.bound][:size]
    else:
        x = exp.dist.rvs(size=size, random_state=rng)
    return x.reshape(shape).astype(np.float32)


def test_one_percent_error_is_caught():
    """Power: a 1 % larger scale on 1e6 weights is refuted (std, KS or support)."""
    exp = variance_scaling((1000, 1000), 1.0, "fan_in", "uniform")
    x = (exp.dist.rvs(size=(1000, 1000), random_state=np.random.default_rng(0)) * 1.01).astype(np.float32)
    with pytest.raises(Refuted):
        check_samples(Evidence(), x, exp, "numpy ×1.01")


@pytest.mark.parametrize("dist", [st.truncnorm(-2, 2, scale=0.0447), st.truncnorm(-2, 2, 0.01, 0.05),
                                  st.truncnorm(a=-1.5, b=3.0, loc=-0.2, scale=2.0)])
def test_fast_truncnorm_cdf_is_scipys_cdf(dist):
    """ks_pvalue's truncnorm CDF (special.ndtr) is scipy's own truncnorm.cdf, inside and outside the support."""
    lo, hi = dist.support()
    x = np.concatenate([np.linspace(lo - 1, hi + 1, 20001), [lo, hi, -np.inf, np.inf]])
    assert np.max(np.abs(stats.cdf_of(dist)(x) - dist.cdf(x))) < 1e-12


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_ks_on_the_sorted_sample_is_scipys_on_the_sample(dtype):
    """ks_pvalue sorts a 1-D sample before scipy does (faster); scipy on the raw sample gives the same
    statistic and p-value to the bit, NaN included (it propagates in both)."""
    rng = np.random.default_rng(7)
    dist = st.truncnorm(-2, 2, scale=0.05)
    x = dist.rvs(size=200_001, random_state=rng).astype(dtype)
    raw = st.kstest(x.astype(np.float64), stats.cdf_of(dist))
    assert stats.ks_pvalue(x, dist) == (float(raw.statistic), float(raw.pvalue))
    x[17] = np.nan
    d, p = stats.ks_pvalue(x, dist)
    raw = st.kstest(x.astype(np.float64), stats.cdf_of(dist))
    assert np.isnan(p) == np.isnan(raw.pvalue) and (np.isnan(d) or d == raw.statistic)


@pytest.mark.parametrize("dist", [st.norm(0, 0.05), st.norm(loc=0.3, scale=2.0), st.norm(),
                                  st.uniform(-0.05, 0.1), st.uniform(loc=-2, scale=5), st.uniform()])
def test_fast_norm_and_uniform_cdfs_are_scipys_to_the_bit(dist):
    """cdf_of(norm / uniform) computes what scipy computes, in the same order: equal bit for bit,
    inside and outside the support, at ±inf and nan."""
    lo, hi = dist.ppf(1e-9), dist.ppf(1 - 1e-9)
    x = np.concatenate([np.linspace(lo - 3, hi + 3, 200001), [-np.inf, np.inf, np.nan, -0.0, 0.0]])
    assert np.array_equal(stats.cdf_of(dist)(x), dist.cdf(x), equal_nan=True)
