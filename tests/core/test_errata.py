"""The errata registry's schema (provenance, bisection, strict fields), unmatched() warnings,
and the project's errata.toml: every version bound carries a bisection record that shows it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from fixtures.core import errata
from fixtures.core.errata import ErrataError, Erratum, load, unmatched

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "errata.toml"
    path.write_text(body, encoding="utf-8")
    return path


BASE = '[[erratum]]\nclaim = "c.x"\nverdict = "api-drift"\nreason = "r"\n'


def test_provenance_and_bisection_are_read(tmp_path):
    (tmp_path / "rec.json").write_text("{}")
    path = write(tmp_path, BASE + 'when = { keras = ">=3" }\nprovenance = "bisected"\nbisection = "rec.json"\n')
    entry, = load(path)
    assert (entry.provenance, entry.bisection) == ("bisected", "rec.json")
    entry, = load(write(tmp_path, BASE))
    assert (entry.provenance, entry.bisection) == ("", "")


@pytest.mark.parametrize("extra, message", [
    ('test = ["a"]\n', "unknown field(s) ['test']"),
    ('provenance = 3\n', "`provenance` must be a string"),
    ('tests = "test_a"\n', "`tests` must be a list"),
    ('tests = [1]\n', "`tests` must be a list of strings"),
    ('bisection = "nope.json"\n', "bisection record 'nope.json' not found"),
    ('when = { keras = 3 }\n', "is not a version specifier"),
])
def test_bad_fields_are_clear_errors(tmp_path, extra, message):
    with pytest.raises(ErrataError, match=None) as info:
        load(write(tmp_path, BASE + extra))
    assert message in str(info.value) and "erratum #1" in str(info.value)


def test_unknown_table_is_an_error(tmp_path):
    with pytest.raises(ErrataError, match="unknown table"):
        load(write(tmp_path, BASE + "[errata]\nx = 1\n"))


def test_unmatched_names_unknown_claims_and_tests():
    entries = [Erratum("a.one", "api-drift", "r", tests=("test_course",)),
               Erratum("a.two", "missing", "r"),
               Erratum("a.three", "refuted", "r", tests=("test_gone", "test_here"))]
    collected = {"a.one": ["test_course_way", "test_other"], "a.three": ["test_here_it_is"]}
    warnings = unmatched(entries, collected)
    assert len(warnings) == 2
    assert "'a.two' (missing) matches no collected claim" in warnings[0]
    assert "tests entry 'test_gone' matches no test of that claim (test_here_it_is)" in warnings[1]
    assert unmatched(entries[:1], collected) == []


# ---------------------------------------------------------------- the project's errata.toml

ENTRIES = load(errata.ERRATA_PATH)


def test_project_errata_loads_and_every_entry_has_provenance():
    assert ENTRIES
    for entry in ENTRIES:
        assert entry.provenance, f"{entry.claim} ({entry.verdict}): no provenance"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if set(e.when) & errata.VERSION_KEYS],
                         ids=lambda e: f"{e.claim}-{e.verdict}")
def test_every_version_bound_is_shown_by_its_bisection_record(entry):
    """The record's probes agree with the bound: releases inside `when` gave the erratum's
    verdict, releases outside gave another one (the probed package's own version, or for a
    bound on the other library, the version of it that each probe installed)."""
    assert entry.bisection, f"{entry.claim}: a version bound without a bisection record"
    record = json.loads((errata.ERRATA_PATH.parent / entry.bisection).read_text(encoding="utf-8"))
    assert entry.provenance.startswith(f"bisected {record['date']}")
    tests_of = (lambda p: p["test_verdicts"]) if record["claim"] == entry.claim else \
        (lambda p: p["others"][entry.claim]["tests"])
    if record["claim"] == entry.claim:
        assert record["non_monotone"] == []
    else:  # run in the same probes with --also: its verdicts are in each probe's `others`
        assert entry.claim in record["also"], f"{entry.bisection} does not cover {entry.claim}"
    usable = []
    for probe in record["probes"]:
        covered = {v for name, v in tests_of(probe).items() if entry.covers(name)}
        if probe["verdict"] and covered and not covered & {"error", "skipped"}:
            # the erratum's verdict iff every test it covers gave it
            usable.append({**probe, "verdict": entry.verdict if covered == {entry.verdict} else "other"})
    assert usable
    for key, spec in entry.when.items():
        if key == "flavor":
            continue
        inside = outside = 0
        for probe in usable:
            version = probe["versions"].get(key) if key != record["errata_key"] else probe["release"]
            assert version, f"{probe['release']}: the record does not say which {key} it installed"
            if Version(version.split("+")[0]) in SpecifierSet(spec):
                inside += 1
                assert probe["verdict"] == entry.verdict, f"{key} {version} is in {spec} but gave {probe['verdict']}"
            else:
                outside += 1
                assert probe["verdict"] != entry.verdict, f"{key} {version} is outside {spec} but gave it"
        assert inside, f"no probe inside {key} {spec}"


def test_bounds_that_are_not_versions_say_so():
    for entry in ENTRIES:
        if "flavor" in entry.when and not set(entry.when) & errata.VERSION_KEYS:
            assert "not a version" in entry.provenance, entry.claim
