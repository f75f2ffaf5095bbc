"""«es un poco más lenta» (timing.swish_a_bit_slower, timing.mish_a_bit_slower) on the fake clock.

Two readings of «un poco» (fixtures.timing.core.A_BIT_SLOWER_BOUND = 1.5 and A_BIT_SLOWER_DOUBLE = 2,
«como mucho el doble»): the claim holds or is refuted only when both agree. Here each claim
first holds on plausible costs (the baseline), then a plausible wrong Keras — an activation
computed with an extra expensive op, one silently mapped to ReLU, one that skips the work —
flips it, and the failing evidence row names the check that caught it. Uses the fake
backend of tests/timing/test_method.py (epochs cost what the test says, on a fake clock).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.timing.checks import a_bit_check_name, slower_check_name
from fixtures.timing.core import A_BIT_SLOWER_BOUND, A_BIT_SLOWER_DOUBLE, a_bit_slower_verdict
from tests.timing.test_method import D, fake_timing  # noqa: F401  (fixture)

SWISH, MISH = "timing.swish_a_bit_slower", "timing.mish_a_bit_slower"
SPECS = Path(__file__).resolve().parents[2] / "specs"
MODULES = (f"{D}/test_04_swish_a_bit_slower.py", str(SPECS / D / "test_05_mish_a_bit_slower.py"))
PLAUSIBLE = {"swish": 1.25, "mish": 1.35, "gelu": 1.3}     # a correct Keras: a little slower than ReLU


@pytest.mark.parametrize("low, high, expected", [
    (1.05, 1.4, "holds"), (1.01, 1.5, "holds"),                       # inside (1, 1.5]
    (1.6, 2.4, "refuted"), (0.7, 0.95, "refuted"),                    # much slower / not slower
    (0.9, 1.2, "inconclusive"), (1.3, 1.7, "inconclusive"),           # straddles 1 / straddles 1.5
    (1.0, 1.2, "inconclusive"), (1.5, 1.8, "inconclusive"),           # touches 1 / touches the bound
    (0.9, 1.8, "inconclusive"), (float("nan"), 1.2, "inconclusive")])
def test_verdict_from_the_interval(low, high, expected):
    assert a_bit_slower_verdict(low, high) == expected


def test_the_bound_is_stated():
    assert A_BIT_SLOWER_BOUND == 1.5
    assert a_bit_check_name("mish") == "«un poco»: IC 95 % de t_mish/t_relu como mucho 1,5"


def run_a_bit(run_spec, fake_timing, costs, sigma=0.05, missing=()):   # noqa: F811
    fake_timing(costs, missing=missing, sigma=sigma)
    return run_spec(MODULES[0], MODULES[1], "--timing-device", "cpu")


def failing_checks(claim: dict) -> list[str]:
    return [row["check"] for evidence in claim["evidence"].values() for row in evidence["rows"]
            if row["ok"] is False]


def test_plausible_costs_hold_with_the_evidence_a_student_needs(run_spec, fake_timing, tmp_path):  # noqa: F811
    claims = run_a_bit(run_spec, fake_timing, PLAUSIBLE)
    for claim_id in (SWISH, MISH):
        claim = claims[claim_id]
        assert claim["verdict"] == "holds", claim["message"]
        assert "1,5" in claim["implied"] and "el doble" in claim["implied"] and claim["section"] in ("Swish", "Mish")
        notes = " ".join(n for e in claim["evidence"].values() for n in e["notes"])
        assert "no es la gráfica del curso" in notes and "el doble" in notes
        rows = [r["check"] for e in claim["evidence"].values() for r in e["rows"]]
        name = claim_id.split(".")[1].split("_")[0]
        assert slower_check_name(name) in rows and a_bit_check_name(name) in rows
        assert [(r["source"], r["verdict"]) for r in claim["readings"]] == [("spec", "holds")] * 2
    document = json.loads((tmp_path / "reports" / "selftest" / "claims.json").read_text())
    assert document["timing"]["a_bit_slower_bound"] == 1.5 and document["timing"]["timing_device"] == "cpu"
    assert document["timing"]["ratios"]["mish"]["ratio"] == pytest.approx(1.35, rel=0.05)


# mistake: (costs on top of the plausible ones, sigma, claim, verdict, the check / message that must name it)
MISTAKES = {
    "mish computed with an extra expensive op (3× relu)":
        ({"mish": 3.0}, 0.05, MISH, "refuted", a_bit_check_name("mish")),
    "swish computed with an extra expensive op (3× relu)":
        ({"swish": 3.0}, 0.05, SWISH, "refuted", a_bit_check_name("swish")),
    "mish silently mapped to relu (same cost)":
        ({"mish": 1.0}, 0.0, MISH, "inconclusive", "contiene el 1"),
    "swish silently mapped to relu (same cost)":
        ({"swish": 1.0}, 0.0, SWISH, "inconclusive", "contiene el 1"),
    "swish skipping the activation's work (0.6× relu)":
        ({"swish": 0.6}, 0.05, SWISH, "refuted", slower_check_name("swish")),
    "mish costing exactly the bound (1.5× relu)":
        ({"mish": 1.5}, 0.05, MISH, "inconclusive", "pasa de 1,5"),
    "mish at 1.75× relu: the readings disagree (over 1,5, under 2)":
        ({"mish": 1.75}, 0.05, MISH, "inconclusive", "the readings disagree"),
}


@pytest.fixture(scope="module")
def baseline_cache():
    return {}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_plausible_keras_mistake_flips_the_claim(mistake, run_spec, fake_timing, baseline_cache):  # noqa: F811
    extra, sigma, claim_id, verdict, culprit = MISTAKES[mistake]
    key = sigma
    if key not in baseline_cache:        # the baseline, once per noise level: both claims hold
        baseline_cache[key] = run_a_bit(run_spec, fake_timing, PLAUSIBLE, sigma=sigma)
    baseline = baseline_cache[key]
    assert baseline[claim_id]["verdict"] == "holds", baseline[claim_id]["message"]
    claims = run_a_bit(run_spec, fake_timing, {**PLAUSIBLE, **extra}, sigma=sigma)
    claim = claims[claim_id]
    assert claim["verdict"] == verdict, claim["message"]
    if verdict == "refuted":
        failing = failing_checks(claim)
        assert culprit in failing and set(failing) <= {culprit, a_bit_check_name(claim_id.split(".")[1].split("_")[0],
                                                                                   A_BIT_SLOWER_DOUBLE)}, failing
        assert not failing_checks(baseline[claim_id])
    else:
        assert culprit in claim["message"]
    other = SWISH if claim_id == MISH else MISH
    assert claims[other]["verdict"] == "holds"        # the mistake is caught where it is, not elsewhere


def test_much_slower_still_passes_the_old_slower_claim(run_spec, fake_timing):  # noqa: F811
    """Why the new claims: mish at 3× ReLU is «más lenta» (holds) but not «un poco» (refuted)."""
    fake_timing({**PLAUSIBLE, "mish": 3.0})
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu", "-k", "mish")
    assert claims["timing.mish_slower_than_relu"]["verdict"] == "holds"
    assert claims[MISH]["verdict"] == "refuted"


def test_missing_mish_is_missing(run_spec, fake_timing):  # noqa: F811
    claims = run_a_bit(run_spec, fake_timing, PLAUSIBLE, missing=("mish",))
    assert claims[MISH]["verdict"] == "missing" and claims[SWISH]["verdict"] == "holds"


def test_skipped_without_a_gpu_unless_asked(run_spec, fake_timing):  # noqa: F811
    fake_timing(PLAUSIBLE)
    claims = run_spec(MODULES[0], MODULES[1])
    assert {claims[SWISH]["verdict"], claims[MISH]["verdict"]} == {"skipped"}
    assert "--timing-device cpu" in claims[SWISH]["message"]
