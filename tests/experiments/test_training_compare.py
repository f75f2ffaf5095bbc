"""Self-tests of the training comparisons (swish.better_than_relu, mish.better_than_relu,
training.depends_on_problem).

1. The statistics keep their false-alarm rate on synthetic paired data (no TensorFlow): the
   sign-test interval of the median decides a difference that is not there with probability
   ≤ a, for continuous, tied (integer epochs) and censored (∞) differences; a claim's rule over
   all its comparisons declares something on null data with probability ≤ FAMILY_ALPHA; real
   differences are decided.
2. The rules on hand-made comparisons (mejor / peor / mixto / sin diferencia; reversals).
3. A plausible Keras mistake flips each claim's verdict (the spec runs in this process with the
   mistake injected, tests/conftest.py's run_spec): `tf.keras.activations.swish` (or `mish`, or
   every activation) resolving to relu turns the paired differences into exact ties, so the
   refutation found on correct Keras (ReLU ends lower on moons) disappears and the claim becomes
   `inconclusive`; the evidence row that caught it is named. The depends_on_problem flip needs the
   full experiment (its reduced version is inconclusive on correct Keras): marked slow.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from fixtures.core.claims import HOLDS, INCONCLUSIVE, REFUTED
from fixtures.experiments.training_compare import (
    BETTER,
    EPOCHS,
    FAMILY_ALPHA,
    FINAL,
    MIXED,
    TIE,
    WORSE,
    Comparison,
    better_comparisons,
    better_verdict,
    depends_verdict,
    epochs_to_target,
    final_loss,
    median_ci,
    order_statistic_rank,
    pair_comparisons,
    paired_differences,
    problem_outcome,
    reversals,
)

TRIALS = 4000


def slack(p: float, trials: int) -> float:
    """A rate observed over `trials` exceeds p by more than this with probability < 1e-4."""
    return 4 * math.sqrt(p * (1 - p) / trials)


def null_samples(kind: str, rng, n: int, trials: int) -> np.ndarray:
    """(trials, n) paired differences whose median is 0."""
    if kind == "continuous":
        return rng.standard_t(3, (trials, n))
    if kind == "ties":            # differences of integer epochs: many exact ties
        return np.round(rng.normal(0, 1.2, (trials, n)))
    if kind == "censored":        # one side never reached the target on some seeds: ±∞
        d = rng.normal(0, 5, (trials, n))
        cut = rng.random((trials, n))
        return np.where(cut < 0.1, np.inf, np.where(cut > 0.9, -np.inf, d))
    raise ValueError(kind)


def decided(d: np.ndarray, a: float) -> bool:
    low, _, high = median_ci(d, a)
    return low > 0 or high < 0


# ------------------------------------------------------------------ 1. false alarms and power

@pytest.mark.parametrize("kind", ["continuous", "ties", "censored"])
@pytest.mark.parametrize("n", [16, 32, 96])
def test_median_interval_false_alarm_rate(kind, n):
    a = 0.05
    rng = np.random.default_rng([n, len(kind)])
    samples = null_samples(kind, rng, n, TRIALS)
    rate = np.mean([decided(d, a) for d in samples])
    assert rate <= a + slack(a, TRIALS), f"{kind}, n={n}: decided {rate:.4f} of null samples at a={a}"


def test_interval_is_the_order_statistics_of_the_sign_test():
    # n = 32, a = 0.01/6: P(Bin(32, ½) ≤ 6) = 2.7e-4 ≤ a/2 < P(≤ 7) = 1.05e-3 → k = 7
    assert order_statistic_rank(32, 0.01 / 6) == 7
    d = np.arange(1, 33, dtype=float)
    assert median_ci(d, 0.01 / 6) == (7.0, 16.5, 26.0)
    assert median_ci(np.ones(4), 0.01)[0] == -math.inf          # too few seeds to decide anything


def test_real_differences_are_decided():
    rng = np.random.default_rng(7)
    d = rng.normal(2.0, 1.0, 32)          # the candidate wins on ~98 % of seeds
    assert median_ci(d, 0.01 / 6)[0] > 0
    assert median_ci(-d, 0.01 / 6)[2] < 0


def _null_metrics(rng, problems: int, activations: int, n: int) -> dict:
    """Every activation draws its metric from the same distribution (per seed, shared part + noise)."""
    out = {}
    for p in range(problems):
        shared = rng.normal(30, 5, n)
        epochs = np.round(shared + rng.normal(0, 2, (activations, n)))
        final = 0.3 + 0.01 * rng.standard_normal((activations, n))
        out[f"p{p}"] = {EPOCHS: epochs, FINAL: final}
    return out


def test_claim_rules_keep_the_family_false_alarm_rate():
    rng = np.random.default_rng(13)
    trials = 1500
    acts = ["relu", "swish", "mish"]
    better_alarms = depends_alarms = 0
    for _ in range(trials):
        ms = _null_metrics(rng, 3, 3, 32)
        better_alarms += better_verdict(better_comparisons(ms, acts, "swish"))[0] != INCONCLUSIVE
        depends_alarms += depends_verdict(pair_comparisons(ms, acts)) != INCONCLUSIVE
    for name, alarms in (("better", better_alarms), ("depends", depends_alarms)):
        assert alarms / trials <= FAMILY_ALPHA + slack(FAMILY_ALPHA, trials), f"{name}: {alarms} of {trials}"


# ------------------------------------------------------------------ metrics

def test_epochs_to_target_and_final_loss():
    curve = np.array([[0.9, 0.9], [0.5, 0.8], [0.4, np.nan], [0.3, np.nan]])[:, None, :]   # (E=4, A=1, S=2)
    assert epochs_to_target(curve, np.array([0.45, 0.45])).tolist() == [[3.0, math.inf]]
    assert final_loss(curve).tolist() == [[0.3, math.inf]]
    assert paired_differences(np.array([math.inf, math.inf, 5.0]), np.array([math.inf, 3.0, math.inf])).tolist() \
        == [0.0, math.inf, -math.inf]


# ------------------------------------------------------------------ 2. rules

def _cmp(problem, metric, decision, baseline="relu", candidate="swish"):
    low, high = {1: (1.0, 2.0), -1: (-2.0, -1.0), 0: (-1.0, 1.0)}[decision]
    return Comparison(problem, metric, baseline, candidate, np.zeros(3), low, 0.0, high, 0.01)


def test_problem_outcomes_and_better_verdict():
    assert problem_outcome([1, 0]) == BETTER and problem_outcome([-1, 0]) == WORSE
    assert problem_outcome([1, -1]) == MIXED and problem_outcome([0, 0]) == TIE
    cases = {  # (moons, cancer, friedman) decisions on (epochs, final) → verdict
        ((1, 0), (1, 1), (0, 0)): HOLDS,          # better on 2 of 3, ReLU nowhere
        ((1, 0), (0, 0), (0, 0)): INCONCLUSIVE,   # better on 1 of 3
        ((1, 0), (1, 0), (0, -1)): REFUTED,       # ReLU better on one problem
        ((1, -1), (1, 0), (1, 0)): REFUTED,       # mixed: ReLU better on a metric refutes
    }
    for decisions, verdict in cases.items():
        comps = [_cmp(p, m, d) for p, pair in zip(("moons", "cancer", "friedman"), decisions)
                 for m, d in zip((EPOCHS, FINAL), pair)]
        assert better_verdict(comps)[0] == verdict, decisions


def test_reversal_needs_two_decided_opposite_orders():
    same_pair = [_cmp("moons", EPOCHS, 1, "swish", "gelu"), _cmp("friedman", EPOCHS, -1, "swish", "gelu")]
    assert depends_verdict(same_pair) == HOLDS and len(reversals(same_pair)) == 1
    undecided = [_cmp("moons", EPOCHS, 1, "swish", "gelu"), _cmp("friedman", EPOCHS, 0, "swish", "gelu")]
    assert depends_verdict(undecided) == INCONCLUSIVE
    other_pairs = [_cmp("moons", EPOCHS, 1, "relu", "swish"), _cmp("friedman", EPOCHS, -1, "relu", "mish")]
    assert depends_verdict(other_pairs) == INCONCLUSIVE


# ------------------------------------------------------------------ 3. Keras mistakes flip the verdicts

S15 = "s3_tipos_de_funciones_de_activacion/test_15_swish_better_than_relu.py"
S16 = "s3_tipos_de_funciones_de_activacion/test_16_mish_better_than_relu.py"
S00 = "s4_tiempo_de_calculo/test_00_training_depends_on_problem.py"


def _baseline(run_spec, args=()):
    key = ("training_compare", tuple(args))
    if key not in run_spec.cache:
        run_spec.cache[key] = run_spec([S15, S16, S00], *args)
    return run_spec.cache[key]


def _alias_to_relu(monkeypatch, tf, *names):
    """tf.keras.activations.<name> is relu (an export that points at the wrong function)."""
    for name in names:
        monkeypatch.setattr(tf.keras.activations, name, tf.keras.activations.relu)


def _rows(claim):
    return [row for test in claim["evidence"].values() for row in test["rows"]]


def _has_mish(tf):
    return hasattr(tf.keras.activations, "mish")


@pytest.mark.parametrize("claim_id, module, name", [("swish.better_than_relu", S15, "swish"),
                                                    ("mish.better_than_relu", S16, "mish")])
def test_activation_resolving_to_relu_flips_better_than_relu(tf, monkeypatch, run_spec, claim_id, module, name):
    if name == "mish" and not _has_mish(tf):
        pytest.skip("tf.keras.activations.mish does not exist before Keras 2.13 (the claim is `missing`)")
    base = _baseline(run_spec)[claim_id]
    assert base["verdict"] == REFUTED, base["message"][:1500]
    caught = [r["check"] for r in _rows(base) if r.get("ok") is False]
    assert any("ReLU mejor" in c for c in caught), caught          # a comparison ReLU wins...
    assert any("ReLU no es mejor" in c for c in caught), caught    # ...and the claim-level check
    _alias_to_relu(monkeypatch, tf, name)
    mutated = run_spec(module)[claim_id]
    assert mutated["verdict"] == INCONCLUSIVE, mutated["message"][:1500]
    compared = [r for r in _rows(mutated) if " − " in r["check"] and "→" in r["check"]]
    assert compared and all("sin diferencia" in r["check"] and "empata en" in r["measured"] for r in compared)
    assert not [r for r in _rows(mutated) if r.get("ok") is False]


@pytest.mark.slow
def test_every_activation_resolving_to_relu_flips_depends_on_problem(tf, monkeypatch, run_spec):
    base = _baseline(run_spec, ("-m", "slow"))["training.depends_on_problem"]
    assert base["verdict"] == HOLDS, base["message"][:1500]
    _alias_to_relu(monkeypatch, tf, "swish", "gelu", *(["mish"] if _has_mish(tf) else []))
    mutated = run_spec(S00, "-m", "slow")["training.depends_on_problem"]
    assert mutated["verdict"] == INCONCLUSIVE, mutated["message"][:1500]
    assert "ningún par de funciones invierte su orden" in mutated["message"]
