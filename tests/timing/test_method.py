"""The «Tiempo de cálculo» benchmark's method, checked without wall-clock thresholds.

The measurement core (fixtures/timing/core.py) runs here on a fake clock: each fake "epoch"
advances it by a chosen cost (times seeded noise, drift, a tracing penalty...). An
activation made 2× slower must come out slower, equal ones must not come out slower
(beyond the CI's stated rate), a machine that slows down during the run must not make the
activations timed later look slower, warm-up epochs are never timed, the device is
synchronised around every timed region. Then the spec modules run end to end on a fake
backend (the verdicts flip with the injected costs). The real Keras, tiny:
tests/timing/test_keras_backend.py.
"""
from __future__ import annotations

import gc
import json
import random

import numpy as np
import pytest
from scipy import stats

from fixtures.core.claims import ApiMissing
from fixtures.core.stats import ALPHA
from fixtures.plugins import timing
from fixtures.timing import config as timing_config
from fixtures.timing import core as timing_core
from fixtures.timing import models as timing_keras
from fixtures.timing.config import (
    ACTIVATIONS,
    BASELINE,
    CONTROL,
    DEFAULT_WIDTHS,
    parse_widths,
    spread,
)
from fixtures.timing.core import measure, ratio_stats, slower_verdict

D = "s4_tiempo_de_calculo"


# ---------------------------------------------------------------- a fake machine

class FakeMachine:
    """A clock that only moves when fake work runs, plus a log of what happened."""

    def __init__(self, seed: int = 0, sigma: float = 0.0, drift: float = 0.0):
        self.now = 0.0
        self.rng = np.random.default_rng(seed)
        self.sigma = sigma          # lognormal noise of each epoch
        self.drift = drift          # the machine slows by this fraction per fake second
        self.log: list[tuple] = []

    def clock(self) -> float:
        self.log.append(("clock", self.now))
        return self.now

    def sync(self) -> None:
        self.log.append(("sync",))

    def work(self, name: str, cost: float, first_extra: float = 0.0):
        calls = {"n": 0}

        def run():
            calls["n"] += 1
            seconds = cost * (1 + self.drift * self.now)
            if self.sigma:
                seconds *= self.rng.lognormal(0.0, self.sigma)
            if calls["n"] == 1:
                seconds += first_extra
            self.log.append(("run", name, calls["n"]))
            self.now += seconds
            return 0.5
        return run


def run_fake(costs: dict[str, float], *, seed=0, sigma=0.2, drift=0.0, rounds=15, **kwargs):
    machine = FakeMachine(seed, sigma, drift)
    runners = {name: machine.work(name, cost) for name, cost in costs.items()}
    measurement = measure(runners, rounds=rounds, rng=random.Random(seed), clock=machine.clock,
                          sync=machine.sync, **kwargs)
    return measurement, ratio_stats(measurement.samples, BASELINE, seed=seed), machine


def verdict(stat) -> str:
    return slower_verdict(stat.ci_low, stat.ci_high)


# ---------------------------------------------------------------- verdicts from injected costs

def test_twice_as_slow_comes_out_slower():
    _, st, _ = run_fake({"relu": 1.0, "swish": 2.0, "mish": 1.0})
    assert verdict(st["swish"]) == "holds"
    assert 1.7 < st["swish"].ratio < 2.3 and st["swish"].ci_low > 1


def test_twice_as_fast_comes_out_faster():
    _, st, _ = run_fake({"relu": 1.0, "swish": 0.5})
    assert verdict(st["swish"]) == "refuted"


def test_equal_costs_without_noise_are_inconclusive():
    _, st, _ = run_fake({"relu": 1.0, "swish": 1.0}, sigma=0.0)
    assert (st["swish"].ratio, st["swish"].ci_low, st["swish"].ci_high) == (1.0, 1.0, 1.0)
    assert verdict(st["swish"]) == "inconclusive"


def rate_of_slower(costs, runs, monkeypatch, **kwargs) -> tuple[int, int]:
    """(verdicts 'slower', comparisons) over `runs` seeded fake runs; equal costs everywhere."""
    monkeypatch.setattr(timing_core, "N_RESAMPLES", 1999)
    slower = total = 0
    for seed in range(runs):
        _, st, _ = run_fake(costs, seed=seed, **kwargs)
        for name in costs:
            if name != BASELINE:
                slower += verdict(st[name]) == "holds"
                total += 1
    return slower, total


def test_equal_costs_come_out_slower_no_more_often_than_the_ci_allows(monkeypatch):
    """Equal activations: a 95 % two-sided CI lies above 1 in ~2.5 % of runs; 5 % is the ceiling."""
    slower, total = rate_of_slower({"relu": 1.0, "swish": 1.0}, 150, monkeypatch, sigma=0.3, rounds=10)
    assert stats.binomtest(slower, total, 0.05, alternative="greater").pvalue >= ALPHA, (slower, total)


def test_a_machine_slowing_down_does_not_make_later_activations_slower(monkeypatch):
    """Drift: the machine ends ~2.5× slower than it starts; shuffled rounds spread it evenly..."""
    costs = {"relu": 1.0, "swish": 1.0, "mish": 1.0}
    slower, total = rate_of_slower(costs, 40, monkeypatch, sigma=0.05, drift=0.02, rounds=15)
    assert stats.binomtest(slower, total, 0.05, alternative="greater").pvalue >= ALPHA, (slower, total)


def test_the_same_drift_fools_a_sequential_schedule():
    """...while timing one activation after another (the naive way) calls the last one slower."""
    machine = FakeMachine(seed=0, sigma=0.05, drift=0.02)
    samples = {}
    for name in ("relu", "swish", "mish"):            # all rounds of one, then the next
        run = machine.work(name, 1.0)
        samples[name] = [measure({name: run}, rounds=1, rng=random.Random(0), clock=machine.clock,
                                 warmup=0).samples[name][0] for _ in range(15)]
    st = ratio_stats(samples, BASELINE)
    assert verdict(st["swish"]) == verdict(st["mish"]) == "holds"   # the artefact interleaving removes


# ---------------------------------------------------------------- the schedule itself

def test_warmup_epochs_are_never_timed_and_all_come_first():
    machine = FakeMachine()
    runners = {n: machine.work(n, 1.0, first_extra=100.0) for n in ("relu", "swish", "mish")}
    m = measure(runners, rounds=5, rng=random.Random(1), clock=machine.clock, sync=machine.sync, warmup=2)
    assert all(v == [1.0] * 5 for v in m.samples.values()), m.samples
    assert all(w[0] == 101.0 and w[1] == 1.0 for w in m.warmup.values()), m.warmup
    runs = [e for e in machine.log if e[0] == "run"]
    assert [call for _, _, call in runs[:6]] == [1, 1, 1, 2, 2, 2]   # every model warmed before any timing


def test_each_timed_region_is_bracketed_by_device_syncs():
    machine = FakeMachine()
    runners = {n: machine.work(n, 1.0) for n in ("relu", "swish")}
    measure(runners, rounds=3, rng=random.Random(0), clock=machine.clock, sync=machine.sync, warmup=1)
    events = [e[0] for e in machine.log]
    start = events.index("sync")
    body = events[start:]
    pattern = ["sync", "clock", "run", "sync", "clock"]
    assert body == pattern * (2 + 6) + ["clock"], body    # 2 warm-ups, 6 timed, the final reading


def test_gc_is_off_inside_timed_regions_and_restored_after():
    seen = []
    measure({"relu": lambda: seen.append(gc.isenabled())}, rounds=2, rng=random.Random(0), warmup=1)
    assert seen == [False, False, False] and gc.isenabled()


def test_rounds_are_shuffled_permutations_reproducible_from_the_seed():
    names = ["relu", "swish", "mish", "gelu", "elu"]
    a, _, _ = run_fake({n: 1.0 for n in names}, seed=3, rounds=12)
    b, _, _ = run_fake({n: 1.0 for n in names}, seed=3, rounds=12)
    assert all(sorted(order) == sorted(names) for order in a.orders)
    assert len({tuple(o) for o in a.orders}) > 1 and a.orders == b.orders


def test_the_budget_stops_between_rounds_after_the_minimum():
    m, _, _ = run_fake({"relu": 1.0, "swish": 1.0, "mish": 1.0}, sigma=0.0, rounds=50,
                       warmup=1, min_rounds=4, budget_s=20.0)
    # warm-up 3 s, then 3 s per round: the round ending at 21 s is the last one
    assert m.stopped_by_budget and m.rounds == 6 and all(len(v) == 6 for v in m.samples.values())
    m, _, _ = run_fake({"relu": 1.0, "swish": 1.0}, sigma=0.0, rounds=50, min_rounds=5, budget_s=0.5)
    assert m.rounds == 5                               # the minimum is kept even past the budget


def test_ratio_pairs_each_activation_with_relu_of_the_same_round():
    """A round-wide slowdown (another process) hits both: the per-round ratio stays put."""
    samples = {"relu": [1.0, 5.0, 1.0, 1.0, 5.0], "swish": [1.5, 7.5, 1.5, 1.5, 7.5]}
    st = ratio_stats(samples)
    assert st["swish"].ratio == pytest.approx(1.5) and st["swish"].ci_low == st["swish"].ci_high == pytest.approx(1.5)
    assert st["swish"].median_s == 1.5 and st["swish"].iqr_s == 6.0


def test_a_few_disturbed_rounds_do_not_make_an_equal_activation_slower():
    """Another process steals the CPU during swish's epoch in 2 of 15 rounds (5× longer)."""
    machine = FakeMachine(seed=1, sigma=0.1)
    relu, swish = machine.work("relu", 1.0), machine.work("swish", 1.0)
    calls = {"n": 0}

    def disturbed_swish():
        calls["n"] += 1
        if calls["n"] in (5, 11):                       # timed rounds 4 and 10 (1 warm-up)
            machine.now += 4.0
        return swish()
    m = measure({"relu": relu, "swish": disturbed_swish}, rounds=15, rng=random.Random(1),
                clock=machine.clock, warmup=1)
    st = ratio_stats(m.samples, seed=1)
    assert max(st["swish"].ratios) > 4 and verdict(st["swish"]) == "inconclusive", st["swish"]


def test_the_chart_claim_widens_its_cis_for_ten_comparisons():
    """A ratio whose 95 % CI just excludes 1 does not count when ten are compared (99.5 % CIs)."""
    logs = 0.06 + 0.1 * stats.norm.ppf((np.arange(20) + 0.5) / 20)
    low95, _, _ = timing_core.ratio_ci(np.exp(logs), 0.95, seed=0)
    assert low95 > 1
    samples = {"relu": [1.0] * 20, **{name: list(np.exp(logs)) for name in list(ACTIVATIONS)[1:]}}
    confidence, distinct = timing_core.distinct_from_baseline(ratio_stats(samples))
    assert confidence == pytest.approx(1 - 0.05 / 10) and distinct == {}
    samples["swish"] = list(np.exp(logs + 0.2))
    assert list(timing_core.distinct_from_baseline(ratio_stats(samples))[1]) == ["swish"]


@pytest.mark.parametrize("low, high, expected", [
    (1.01, 1.2, "holds"), (0.8, 0.99, "refuted"), (0.9, 1.1, "inconclusive"),
    (1.0, 1.2, "inconclusive"), (0.8, 1.0, "inconclusive"), (float("nan"), 2.0, "inconclusive")])
def test_verdict_from_the_interval(low, high, expected):
    assert slower_verdict(low, high) == expected


# ---------------------------------------------------------------- the 14 layers / 1521 neurons

def test_default_widths_are_14_layers_with_1521_neurons():
    assert len(DEFAULT_WIDTHS) == 14 and sum(DEFAULT_WIDTHS) == 1521
    assert max(DEFAULT_WIDTHS) - min(DEFAULT_WIDTHS) <= 1
    assert spread(10, 3) == (4, 3, 3)
    assert parse_widths("109x9,108x5") == DEFAULT_WIDTHS
    assert parse_widths("200, 100,50") == (200, 100, 50)


@pytest.mark.parametrize("text", ["", "abc", "0", "10x0", "10,-3"])
def test_bad_widths_are_rejected(text):
    with pytest.raises(ValueError, match="--timing-widths"):
        parse_widths(text)


@pytest.mark.parametrize("args, message", [
    (["--timing-device", "tpu"], "invalid choice: 'tpu'"),
    (["--timing-widths", "100x0"], "--timing-widths"),
    (["--timing-rounds", "0"], "--timing-rounds must be positive"),
    (["--timing-activations", "relu,foo"], "unknown ['foo']"),
    (["--timing-samples", "10", "--timing-batch-size", "64"], "at least --timing-batch-size"),
])
def test_invalid_options_stop_with_a_clear_message(pytester, args, message):
    result = pytester.runpytest_inprocess("-p", "fixtures.plugins.timing", "-p", "no:cacheprovider", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in "\n".join(result.errlines + result.outlines)


def test_clock_per_device():
    assert timing_config.TimingOptions().config_for("cpu").clock == "cpu"
    assert timing_config.TimingOptions().config_for("gpu").clock == "wall"
    assert timing_config.TimingOptions(clock="wall").config_for("cpu").clock == "wall"


def test_the_secondary_clock_times_the_same_regions_and_the_budget_its_own():
    machine = FakeMachine()
    other = FakeMachine()
    other.now = 100.0
    calls = {"n": 0}

    def run():
        calls["n"] += 1
        machine.now += 1.0
        other.now += 3.0
    m = measure({"relu": run}, rounds=20, rng=random.Random(0), clock=machine.clock, warmup=1,
                secondary_clock=other.clock, budget_clock=other.clock, budget_s=10.0, min_rounds=2)
    assert m.samples["relu"] == [1.0] * m.rounds and m.secondary["relu"] == [3.0] * m.rounds
    assert m.stopped_by_budget and m.rounds == 3          # 3 + 3·3 > 10 on the budget clock


def test_device_resolution():
    with pytest.raises(pytest.skip.Exception, match="no GPU visible"):
        timing.resolve_device("auto", gpus=0, workers=1)
    with pytest.raises(pytest.fail.Exception, match="sees no GPU"):
        timing.resolve_device("gpu", gpus=0, workers=1)
    with pytest.raises(pytest.skip.Exception, match="xdist workers"):
        timing.resolve_device("cpu", gpus=0, workers=4)
    assert timing.resolve_device("auto", gpus=1, workers=1) == "gpu"
    assert timing.resolve_device("cpu", gpus=1, workers=1) == "cpu"


# ---------------------------------------------------------------- the spec modules on a fake backend

class FakeBackend:
    """Stands in for KerasBackend: epochs cost what the test says, on a fake clock."""

    def __init__(self, costs: dict[str, float], missing=(), sigma=0.15, seed=0):
        self.machine = FakeMachine(seed, sigma)
        self.costs, self.missing = costs, missing
        self.clock, self.sync = self.machine.clock, self.machine.sync

    def prepare(self):
        runners, errors = {}, {}
        for name in [BASELINE, CONTROL, *[a for a in ACTIVATIONS if a != BASELINE]]:
            if name in self.missing:
                errors[name] = ApiMissing(f"`tf.keras.activations.{name}` is not available on this version")
            else:
                runners[name] = self.machine.work(name, self.costs.get(name, 1.0))
        return runners, errors

    def xla_state(self):
        return {}

    def device_info(self):
        return {"timing_device": "cpu", "device_name": "fake CPU"}


@pytest.fixture
def fake_timing(monkeypatch, tf):
    """Install a fake backend with the given costs; no GPU is visible.

    (`tf` imports TensorFlow before pytester snapshots sys.modules: it cannot be imported twice.)
    """
    def install(costs, missing=(), gpus=0, sigma=0.05):
        monkeypatch.setattr(timing_keras, "make_backend", lambda tf, config, seed: FakeBackend(costs, missing, sigma))
        monkeypatch.setattr(timing_keras, "gpu_count", lambda tf: gpus)
    return install


def test_spec_verdicts_follow_the_costs(fake_timing, run_spec, tmp_path):
    fake_timing({"swish": 1.4, "mish": 2.0, "gelu": 1.3})
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu")
    assert claims["timing.training_time"]["verdict"] == "holds"
    assert claims["timing.swish_slower_than_relu"]["verdict"] == "holds"
    assert claims["timing.mish_slower_than_relu"]["verdict"] == "holds"
    document = json.loads((tmp_path / "reports" / "selftest" / "timing.json").read_text())
    assert set(document["activations"]) == {*ACTIVATIONS, CONTROL}
    assert len(document["activations"]["swish"]["samples_s"]) == document["rounds"]
    for key in ("device", "config", "environment", "round_orders", "rounds"):
        assert key in document
    assert document["config"]["neurons"] == 1521 and document["config"]["layers"] == 14


def test_spec_refutes_a_swish_faster_than_relu(fake_timing, run_spec):
    fake_timing({"swish": 0.6, "mish": 2.0})
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu")
    assert claims["timing.swish_slower_than_relu"]["verdict"] == "refuted"
    assert "swish" in claims["timing.swish_slower_than_relu"]["message"]


def test_spec_is_inconclusive_when_swish_costs_what_relu_costs(fake_timing, run_spec):
    """E.g. a Keras that quietly maps swish to relu: nothing to tell apart, nothing asserted."""
    fake_timing({"mish": 1.3}, sigma=0.0)
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu")
    swish = claims["timing.swish_slower_than_relu"]
    assert swish["verdict"] == "inconclusive" and "IC 95 %" in swish["message"]
    assert run_spec.last_result.ret == 0                 # inconclusive is not a failure of the run


def test_chart_claim_is_inconclusive_when_no_activation_matters(fake_timing, run_spec):
    """All costs equal (noise-free here; the false-alarm rate of the CIs is checked above)."""
    fake_timing({}, sigma=0.0)
    claims = run_spec(f"{D}/test_01_training_time.py", "--timing-device", "cpu")
    assert claims["timing.training_time"]["verdict"] == "inconclusive"


def test_missing_mish_is_reported_missing(fake_timing, run_spec):
    fake_timing({"swish": 2.0}, missing=("mish",))
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu")
    assert claims["timing.mish_slower_than_relu"]["verdict"] == "missing"
    assert claims["timing.training_time"]["verdict"] == "missing"
    assert claims["timing.swish_slower_than_relu"]["verdict"] == "holds"


def test_without_gpu_and_without_the_option_the_claims_are_skipped(fake_timing, run_spec):
    fake_timing({"swish": 2.0})
    claims = run_spec(D, "-m", "timing")
    assert {c["verdict"] for c in claims.values()} == {"skipped"}
    assert "--timing-device cpu" in claims["timing.swish_slower_than_relu"]["message"]
    assert run_spec.last_result.ret == 0


def test_asking_for_a_gpu_that_is_not_there_is_an_error(fake_timing, run_spec):
    fake_timing({"swish": 2.0})
    claims = run_spec(D, "-m", "timing", "--timing-device", "gpu")
    assert {c["verdict"] for c in claims.values()} == {"error"}
    assert run_spec.last_result.ret != 0


def test_a_failing_a_a_control_withholds_every_verdict(fake_timing, run_spec):
    """The second ReLU network comes out 1.5× the first (a biased measurement): no verdict."""
    fake_timing({CONTROL: 1.5, "swish": 2.0, "mish": 2.0})
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu")
    assert {c["verdict"] for c in claims.values()} == {"inconclusive"}
    assert "control A/A" in claims["timing.swish_slower_than_relu"]["message"]
    for claim in claims.values():      # the readings are there, as measured, each withheld by the control
        assert claim["readings"] and {r["verdict"] for r in claim["readings"]} == {"inconclusive"}
        assert all("control A/A" in r["detail"] for r in claim["readings"])


def test_auto_uses_the_gpu_when_there_is_one(fake_timing, run_spec):
    fake_timing({"swish": 2.0, "mish": 2.0}, gpus=1)
    claims = run_spec(f"{D}/test_02_swish_slower_than_relu.py")
    assert claims["timing.swish_slower_than_relu"]["verdict"] == "holds"
