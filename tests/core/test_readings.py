"""Readings side by side (issue 17): the headline rule, the evidence that carries it, claims.json.

- the course's own reading decides alone, whatever the spec's readings say;
- with no course reading, the claim holds / is refuted only when every reading agrees, and is
  «sin decidir» when they disagree, with a message that names each reading and what it gave;
- `Evidence.decide()` ends a test accordingly, and claims.json lists the readings per claim.
"""
from __future__ import annotations

import pytest

from fixtures.core.claims import (
    COURSE,
    HOLDS,
    INCONCLUSIVE,
    REFUTED,
    SPEC,
    Inconclusive,
    Reading,
    Refuted,
    headline,
    verdict_of_exception,
)
from fixtures.core.evidence import Evidence
from fixtures.reports import verdict_file

VERY = "«muy similar»: cociente ≤ ½"
SIMILAR = "«similar»: cociente < 1"


def test_the_course_reading_decides_alone():
    readings = [Reading("«mejor»: menos épocas", COURSE, HOLDS, "2 de 3"),
                Reading("«mejor»: menor pérdida final", SPEC, REFUTED, "0 de 3")]
    verdict, message = headline(readings)
    assert verdict == HOLDS and "course's own reading decides" in message
    assert headline([Reading("a", COURSE, INCONCLUSIVE), Reading("b", SPEC, HOLDS)])[0] == INCONCLUSIVE
    assert headline([Reading("a", COURSE, REFUTED), Reading("b", SPEC, HOLDS)])[0] == REFUTED


def test_readings_that_disagree_without_a_course_reading_decide_nothing():
    verdict, message = headline([Reading(VERY, SPEC, REFUTED, "0.662"), Reading(SIMILAR, SPEC, HOLDS, "0.662")])
    assert verdict == INCONCLUSIVE
    assert "disagree" in message and f"«{VERY}» (spec): refuted" in message and f"«{SIMILAR}» (spec): holds" in message


@pytest.mark.parametrize("verdicts, expected", [((HOLDS, HOLDS), HOLDS), ((REFUTED, REFUTED), REFUTED),
                                                ((HOLDS, INCONCLUSIVE), INCONCLUSIVE),
                                                ((INCONCLUSIVE, INCONCLUSIVE), INCONCLUSIVE)])
def test_agreeing_spec_readings_decide(verdicts, expected):
    assert headline([Reading(f"lectura {i}", SPEC, v) for i, v in enumerate(verdicts)])[0] == expected


def test_bad_readings_are_refused():
    with pytest.raises(ValueError, match="source"):
        Reading("x", "teacher", HOLDS)
    with pytest.raises(ValueError, match="verdict"):
        Reading("x", SPEC, "api-drift")
    with pytest.raises(ValueError, match="text"):
        Reading("  ", SPEC, HOLDS)
    with pytest.raises(ValueError):
        headline([])


@pytest.mark.parametrize("readings, raised", [
    ([(SPEC, REFUTED), (SPEC, HOLDS)], Inconclusive),
    ([(SPEC, REFUTED), (SPEC, REFUTED)], Refuted),
    ([(COURSE, HOLDS), (SPEC, REFUTED)], None),
])
def test_decide_ends_the_test_with_the_headline(readings, raised):
    evidence = Evidence(repro="pytest x")
    for i, (source, verdict) in enumerate(readings):
        evidence.reading(f"lectura {i}", source, verdict, f"medido {i}")
    if raised is None:
        assert evidence.decide() == HOLDS
    else:
        with pytest.raises(raised) as info:
            evidence.decide()
        assert verdict_of_exception(info.value) == (REFUTED if raised is Refuted else INCONCLUSIVE)
        assert "lectura 0" in str(info.value) and "lectura 1" in str(info.value)
    assert [r["source"] for r in evidence.to_json()["readings"]] == [s for s, _ in readings]


def _result(name, verdict, readings, order=0):
    return {"order": order, "name": name, "nodeid": f"specs/x.py::{name}", "verdict": verdict, "message": "",
            "claim": {"id": "mish.similar_to_swish", "section": "Mish", "statement": "Mish es muy similar a Swish."},
            "evidence": {"rows": [], "notes": [], "plots": [], **({"readings": readings} if readings else {})}}


def test_claims_json_lists_the_readings_of_the_tests_that_ran():
    ran = [{"reading": VERY, "source": SPEC, "verdict": REFUTED, "detail": "0.662"},
           {"reading": SIMILAR, "source": SPEC, "verdict": HOLDS, "detail": "0.662"}]
    skipped = [{"reading": "otra", "source": SPEC, "verdict": HOLDS, "detail": ""}]
    doc = verdict_file.build([_result("test_full", "skipped", skipped, 1), _result("test_reduced", INCONCLUSIVE, ran)],
                             {"env": "x"})
    claim = doc["claims"][0]
    assert claim["verdict"] == INCONCLUSIVE
    assert [(r["reading"], r["verdict"], r["test"]) for r in claim["readings"]] == [
        (VERY, REFUTED, "test_reduced"), (SIMILAR, HOLDS, "test_reduced")]
    plain = verdict_file.build([_result("test_a", HOLDS, None)], {"env": "x"})
    assert "readings" not in plain["claims"][0]
