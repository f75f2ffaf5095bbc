"""Self-tests of the training comparisons (swish.better_than_relu, mish.better_than_relu,
training.depends_on_problem).

1. The statistics keep their false-alarm rate on synthetic paired data (no TensorFlow): the
   sign-test interval of the median decides a difference that is not there with probability
   ≤ a, for continuous, tied (integer epochs) and censored (∞) differences; a claim's rule over
   all its comparisons declares something on null data with probability ≤ FAMILY_ALPHA; real
   differences are decided.
2. The rules on hand-made comparisons (the majority over problems; reversals), and a fake
   experiment where ReLU ends lower on every problem but the candidate reaches the target sooner
   on most: the course's «mejor» (fewer epochs) decides, so the claim holds.
3. A plausible Keras mistake flips each claim's verdict (the spec runs in this process with the
   mistake injected, tests/conftest.py's run_spec), in the reduced (default) run:
   `tf.keras.activations.mish` (or every activation) resolving to relu turns the paired
   differences into exact ties, so mish.better_than_relu and training.depends_on_problem go from
   `holds` to `inconclusive`; `swish` computing sigmoid(x) (the factor x forgotten) trains more
   slowly than ReLU, so swish.better_than_relu goes from `inconclusive` to `refuted`, with the
   evidence rows that caught it named.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from fixtures.core.claims import COURSE, HOLDS, INCONCLUSIVE, REFUTED, SPEC, headline
from fixtures.experiments.training_compare import (
    EPOCHS,
    FAMILY_ALPHA,
    FINAL,
    Comparison,
    depends_verdicts,
    epochs_to_target,
    final_loss,
    majority_verdict,
    median_ci,
    metric_comparisons,
    order_statistic_rank,
    pair_comparisons,
    paired_differences,
    reversals,
)

from tests.mistakes import reused_claims

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
        better_alarms += majority_verdict([c.decision for c in metric_comparisons(ms, acts, "swish", EPOCHS)]) \
            != INCONCLUSIVE
        depends_alarms += depends_verdicts(pair_comparisons(ms, acts)) != (INCONCLUSIVE, INCONCLUSIVE)
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


def test_majority_over_problems():
    cases = {  # decisions per problem (+1 candidate better, −1 ReLU better, 0 undecided) → verdict
        (1, 1, 0): HOLDS,           # better on 2 of 3
        (1, 1, -1): HOLDS,          # better on 2 of 3, worse on one: «para cada problema puede que…»
        (1, 0, 0): INCONCLUSIVE,    # 1 of 3; the two undecided could still make a majority
        (1, -1, 0): INCONCLUSIVE,
        (0, 0, 0): INCONCLUSIVE,    # nothing decided: nothing said either way
        (1, -1, -1): REFUTED,       # no majority even with every undecided problem in its favour
        (0, -1, -1): REFUTED,
        (1, 1, 0, 0): INCONCLUSIVE,  # 2 of 4 is not more than half
        (1, 1, 1, -1): HOLDS,
        (1, 1, -1, -1): REFUTED,
    }
    for decisions, verdict in cases.items():
        assert majority_verdict(list(decisions)) == verdict, decisions


class FakeExperiment:
    """What training_evidence reads of an Experiment: plan, base seed, activations, runs."""

    def __init__(self, runs, activations=("relu", "swish", "mish")):
        from types import SimpleNamespace
        self.plan = SimpleNamespace(name="falso", epochs=80, describe=lambda: "experimento falso")
        self.base_seed, self.activations, self.missing = 1, tuple(activations), {}
        self.runs, self.cpu_s, self.wall_s = runs, 0.0, 0.0


def _fake_run(rng, relu_epoch, cand_epoch, relu_final, cand_final, n=32, epochs=80):
    """Validation-loss curves (E, A, S) with L₀ = 1: ReLU reaches ½ at relu_epoch and ends at
    relu_final, Swish and Mish at cand_epoch and cand_final (± one epoch of noise per seed)."""
    from types import SimpleNamespace
    e = np.arange(1, epochs + 1, dtype=float)[:, None]
    curves = []
    for reach, end in ((relu_epoch, relu_final), (cand_epoch, cand_final), (cand_epoch, cand_final)):
        at = reach + rng.integers(-1, 2, n)
        start = 0.9 - (0.9 - 0.49) * np.minimum(e, at) / at                     # 0.49 (≤ ½) at epoch `at`
        tail = 0.49 - (0.49 - end) * np.clip((e - at) / (epochs - at), 0, 1)  # then down to `end`
        curves.append(np.where(e <= at, start, tail) + rng.normal(0, 1e-4, (epochs, n)))
    return SimpleNamespace(val_loss=np.stack(curves, axis=1), baseline=np.ones(n), seeds=list(range(n)), cpu_s=0.0)


def _evidence():
    from fixtures.core.evidence import Evidence
    return Evidence()


def test_fewer_epochs_on_most_problems_holds_although_relu_ends_lower():
    """ReLU ends with the lower loss on every problem; Swish reaches the target 8 epochs sooner on
    two problems of three (the third: no difference). The course's «mejor» decides: se cumple."""
    from fixtures.experiments.training_evidence import check_better_than_relu
    rng = np.random.default_rng(5)
    exp = FakeExperiment({"moons": _fake_run(rng, 30, 22, 0.20, 0.30), "breast_cancer": _fake_run(rng, 30, 22, 0.2, 0.3),
                          "friedman1": _fake_run(rng, 30, 30, 0.20, 0.30)})
    evidence = _evidence()
    check_better_than_relu(evidence, exp, "swish")          # returns: holds (no exception)
    by_source = {r.source: r for r in evidence.readings}
    assert by_source[COURSE].verdict == HOLDS and "2 de 3" in by_source[COURSE].detail
    assert by_source[SPEC].verdict == REFUTED                 # ReLU ends lower: context only
    assert headline(evidence.readings)[0] == HOLDS


def test_unstable_reduced_claim_is_left_to_the_full_run():
    from fixtures.experiments.training_evidence import better_readings
    rng = np.random.default_rng(6)
    exp = FakeExperiment({p: _fake_run(rng, 30, 22, 0.3, 0.2) for p in ("moons", "breast_cancer", "friedman1")})
    unstable = {"swish.better_than_relu": (14, 20, HOLDS)}
    reduced, _ = better_readings(exp, "swish", "reduced", stability=unstable)
    full, _ = better_readings(exp, "swish", "full", stability=unstable)
    assert headline(reduced)[0] == INCONCLUSIVE and "14 de 20" in reduced[0].detail
    assert headline(full)[0] == HOLDS


def test_reversal_needs_two_decided_opposite_orders():
    same_pair = [_cmp("moons", EPOCHS, 1, "swish", "gelu"), _cmp("friedman", EPOCHS, -1, "swish", "gelu")]
    assert depends_verdicts(same_pair) == (HOLDS, HOLDS) and len(reversals(same_pair)) == 1
    undecided = [_cmp("moons", EPOCHS, 1, "swish", "gelu"), _cmp("friedman", EPOCHS, 0, "swish", "gelu")]
    assert depends_verdicts(undecided) == (HOLDS, INCONCLUSIVE)      # a difference, no reversal
    other_pairs = [_cmp("moons", EPOCHS, 1, "relu", "swish"), _cmp("friedman", EPOCHS, -1, "relu", "mish")]
    assert depends_verdicts(other_pairs) == (HOLDS, INCONCLUSIVE)
    nothing = [_cmp("moons", EPOCHS, 0, "swish", "gelu"), _cmp("friedman", EPOCHS, 0, "swish", "gelu")]
    assert depends_verdicts(nothing) == (INCONCLUSIVE, INCONCLUSIVE)


# ------------------------------------------------------------------ 3. Keras mistakes flip the verdicts

S15 = "s3_tipos_de_funciones_de_activacion/test_15_swish_better_than_relu.py"
S16 = "s3_tipos_de_funciones_de_activacion/test_16_mish_better_than_relu.py"
S00 = "s4_tiempo_de_calculo/test_00_training_depends_on_problem.py"


def _baseline(run_spec, args=()):
    key = ("training_compare", tuple(args))
    if key not in run_spec.cache:   # from a spec run of the same code and versions when there is one
        reused = None if args else reused_claims(run_spec, [S15, S16, S00])
        run_spec.cache[key] = reused if reused is not None else run_spec([S15, S16, S00], *args)
    return run_spec.cache[key]


def _alias_to_relu(monkeypatch, tf, *names):
    """tf.keras.activations.<name> is relu (an export that points at the wrong function)."""
    for name in names:
        monkeypatch.setattr(tf.keras.activations, name, tf.keras.activations.relu)


def _rows(claim):
    return [row for test in claim["evidence"].values() for row in test["rows"]]


def _has_mish(tf):
    return hasattr(tf.keras.activations, "mish")


def _readings(claim):
    return {r["source"]: r for r in claim.get("readings", [])}


def test_swish_without_its_x_factor_is_refuted(tf, monkeypatch, run_spec):
    """A Keras whose `swish` forgets the factor x (computes sigmoid(x)): the networks train more
    slowly than with ReLU on most problems, so the course's «mejor» reading turns refuted. On
    correct Keras the reduced run decides nothing for Swish (better on 1 of 3 problems): the flip
    goes from sin decidir to falsa, and the rows that caught it are «ReLU mejor» on épocas."""
    base = _baseline(run_spec)["swish.better_than_relu"]
    assert base["verdict"] != REFUTED, base["message"][:1500]
    monkeypatch.setattr(tf.keras.activations, "swish", tf.keras.activations.sigmoid)
    mutated = run_spec(S15)["swish.better_than_relu"]
    assert mutated["verdict"] == REFUTED and _readings(mutated)["course"]["verdict"] == REFUTED, mutated["message"]
    caught = [r["check"] for r in _rows(mutated) if r.get("ok") is False]
    assert len([c for c in caught if "épocas" in c and "ReLU mejor" in c]) >= 2, caught


def test_activations_resolving_to_relu_flip_mish_and_depends_on_problem(tf, monkeypatch, run_spec):
    """A Keras whose `swish` and `mish` are `relu` (exports that point at the wrong function), one
    mutated run for two claims (one experiment: the claims share it):
      mish.better_than_relu         holds → sin decidir: every paired difference is an exact tie, so
                                    the course's reading decides nothing (rows «sin diferencia», «empata en»);
      training.depends_on_problem   holds → sin decidir: no pair of functions differs on any problem
                                    («0 de …» comparisons decided).
    Before Keras 2.13 there is no mish (the claim is `missing`): only the second flip is checked."""
    has_mish = _has_mish(tf)
    base = _baseline(run_spec)
    depends = base["training.depends_on_problem"]
    assert depends["verdict"] == HOLDS and _readings(depends)["course"]["verdict"] == HOLDS, depends["message"][:1500]
    if has_mish:
        mish = base["mish.better_than_relu"]
        assert mish["verdict"] == HOLDS and _readings(mish)["course"]["verdict"] == HOLDS, mish["message"][:1500]
    _alias_to_relu(monkeypatch, tf, "swish", *(["mish"] if has_mish else []))
    mutated = run_spec([S16, S00] if has_mish else S00)
    depends = mutated["training.depends_on_problem"]
    assert depends["verdict"] == INCONCLUSIVE, depends["message"][:1500]
    assert _readings(depends)["course"]["detail"].startswith("0 de ")
    if has_mish:
        mish = mutated["mish.better_than_relu"]
        assert mish["verdict"] == INCONCLUSIVE and _readings(mish)["course"]["verdict"] == INCONCLUSIVE
        compared = [r for r in _rows(mish) if " − " in r["check"] and "→" in r["check"]]
        assert compared and all("sin diferencia" in r["check"] and "empata en" in r["measured"] for r in compared)
