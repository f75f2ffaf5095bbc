"""Self-tests of the bisector (fixtures/bisect/core.py, fixtures/bisect/cli.py) with a fake runner:
no installs, no TensorFlow, well under a second."""
from __future__ import annotations

import json
import math
import sys

import pytest

from fixtures.bisect import cli, core
from fixtures.bisect.core import Probe


def releases(n: int) -> list[str]:
    return [f"3.{i // 10}.{i % 10}" for i in range(n)]


class Fake:
    """A runner whose verdict per release is given; counts the probes."""

    def __init__(self, names: list[str], states: list[str]):
        self.names, self.states, self.calls = names, states, []

    def __call__(self, index: int, step: int) -> Probe:
        self.calls.append(index)
        state = self.states[index]
        name = self.names[index]
        if state.startswith("!"):
            return Probe(name, None, state[1:], seconds=1.0, detail="fake failure")
        return Probe(name, state, seconds=1.0, test_verdicts={"test_course_way": state, "test_other": "holds"})


def run(states: list[str]):
    names = releases(len(states))
    fake = Fake(names, states)
    return core.bisect(names, fake), fake


# ---------------------------------------------------------------- one boundary, O(log n) probes

def test_custom_named_shape_14_releases_6_probes():
    # keras 3.0.0 .. 3.3.3 (14 releases): holds on 3.0.0-3.0.1, api-drift from 3.0.2 on.
    outcome, fake = run(["holds"] * 2 + ["api-drift"] * 12)
    assert [(b.last, b.first) for b in outcome.boundaries] == [("3.0.1", "3.0.2")]
    assert outcome.boundaries[0].exact and not outcome.non_monotone
    # both ends, 3 halvings to adjacency, one more step; the neighbours (3.0.0, 3.0.3) were
    # already probed on the way: 6 probes, not 14.
    assert len(fake.calls) == 6
    assert len(set(fake.calls)) == len(fake.calls)


@pytest.mark.parametrize("n", [2, 3, 14, 100, 1000])
def test_every_single_boundary_found_in_log_n_probes(n):
    worst = 0
    for cut in range(1, n, 1 if n < 200 else 7):
        outcome, fake = run(["missing"] * cut + ["holds"] * (n - cut))
        names = releases(n)
        assert [(b.last, b.first) for b in outcome.boundaries] == [(names[cut - 1], names[cut])]
        assert not outcome.non_monotone
        worst = max(worst, len(fake.calls))
    # ends + binary search + the two neighbours: 1000 releases take at most 14 probes
    assert worst <= core.max_probes(n) == (n if n <= 2 else 2 + math.ceil(math.log2(n - 1)) + 2)


def test_same_verdict_everywhere_probes_the_ends_and_the_middle():
    outcome, fake = run(["api-drift"] * 14)
    assert outcome.boundaries == [] and sorted(fake.calls) == [0, 6, 13]


def test_two_boundaries_three_verdicts():
    states = ["missing"] * 5 + ["holds"] * 20 + ["api-drift"] * 15
    outcome, fake = run(states)
    names = releases(len(states))
    assert [(b.before, b.last, b.after, b.first) for b in outcome.boundaries] == [
        ("missing", names[4], "holds", names[5]), ("holds", names[24], "api-drift", names[25])]
    assert not outcome.non_monotone
    assert len(fake.calls) <= 2 * core.max_probes(len(states))


# ---------------------------------------------------------------- non-monotone sequences

def test_non_monotone_sequence_is_reported():
    # holds, then api-drift for a while, then holds again (a regression that was fixed)
    states = ["holds"] * 4 + ["api-drift"] * 4 + ["holds"] * 6
    outcome, fake = run(states)
    names = releases(len(states))
    # the ends agree: the spot check of the middle (index 6) sees the other verdict, and
    # both boundaries are then bisected
    assert [(b.last, b.first) for b in outcome.boundaries] == [(names[3], names[4]), (names[7], names[8])]
    assert any("comes back" in note for note in outcome.non_monotone)


def test_neighbour_check_catches_a_one_release_blip():
    # holds, holds, api-drift, holds (a blip), api-drift ...: the search lands on 3.0.3 | 3.0.4;
    # re-probing the neighbour 3.0.2 finds api-drift where holds was assumed
    states = ["holds", "holds", "api-drift", "holds"] + ["api-drift"] * 10
    outcome, fake = run(states)
    assert any("3.0.2 (api-drift) DIFFERS from its neighbour 3.0.3 (holds)" in n for n in outcome.non_monotone)
    assert [(b.last, b.first) for b in outcome.boundaries] == [("3.0.1", "3.0.2"), ("3.0.2", "3.0.3"),
                                                               ("3.0.3", "3.0.4")]
    assert any("comes back" in note for note in outcome.non_monotone)


# ---------------------------------------------------------------- failures are never boundaries

def test_install_failure_and_error_are_skipped_not_boundaries():
    states = ["holds"] * 3 + ["!install-failed", "!error"] + ["api-drift"] * 9
    outcome, fake = run(states)
    names = releases(len(states))
    assert len(outcome.boundaries) == 1
    b = outcome.boundaries[0]
    assert (b.before, b.last, b.after, b.first) == ("holds", names[2], "api-drift", names[5])
    assert b.unusable_between == [names[3], names[4]] and not b.exact
    assert "gave no verdict" in b.describe()


def test_failed_ends_are_walked_inward():
    # a newer Keras on an older TensorFlow: the top of the range is an `error`
    states = ["holds"] * 2 + ["api-drift"] * 8 + ["!error"] * 4
    outcome, fake = run(states)
    names = releases(len(states))
    assert [(b.last, b.first) for b in outcome.boundaries] == [(names[1], names[2])]
    statuses = {p.release: p.status for p in outcome.probed}
    assert statuses[names[-1]] == "error"
    entry, = core.implied_errata(outcome, "custom.named", "keras", {}, "r.json", "2026-01-01", "ctx")
    assert entry["when"] == {"keras": f">={names[2]}"}  # no upper bound taken from an error


def test_runner_reads_error_verdict_as_unusable(tmp_path):
    from fixtures.bisect.runner import read_verdict
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"schema": 2, "environment": {"keras": "3.0.0"},
                                "claims": [{"id": "c", "verdict": "error", "message": "boom"},
                                           {"id": "d", "verdict": "api-drift"}]}))
    assert read_verdict(path, "c", "3.0.0").status == "error"
    assert read_verdict(path, "d", "3.0.0").verdict == "api-drift"  # schema 2 is read too
    assert read_verdict(path, "x", "3.0.0").status == "no-verdict"
    assert read_verdict(tmp_path / "absent.json", "c", "3.0.0").status == "no-verdict"


# ---------------------------------------------------------------- the errata entry it implies

def test_implied_errata_for_the_named_break():
    outcome, _ = run(["holds"] * 2 + ["api-drift"] * 12)
    entry, = core.implied_errata(outcome, "custom.named", "keras", {"api-drift": "strings"},
                                 "errata/bisections/custom.named-keras.json", "2026-11-29", "keras 3.0.0..3.3.3")
    assert entry["when"] == {"keras": ">=3.0.2"} and entry["tests"] == ["test_course_way"]
    assert entry["provenance"] == "bisected 2026-11-29: last holds 3.0.1, first api-drift 3.0.2 (keras 3.0.0..3.3.3)"
    text = core.toml_entry(entry)
    import tomllib
    assert tomllib.loads(text)["erratum"][0] == entry


def test_implied_errata_bounded_on_both_sides_and_none_when_all_hold():
    outcome, _ = run(["holds"] * 3 + ["missing"] * 3 + ["holds"] * 3)
    entry, = core.implied_errata(outcome, "c", "tensorflow", {}, "r", "d", "x")
    assert entry["when"] == {"tensorflow": ">=3.0.3,<3.0.6"}
    outcome, _ = run(["holds"] * 5)
    assert core.implied_errata(outcome, "c", "keras", {}, "r", "d", "x") == []


# ---------------------------------------------------------------- inputs

def test_range_and_release_list():
    low, high = core.parse_range("3.0.0..3.3.3")
    available = [("3.0.0", False), ("3.0.1", True), ("3.1.0rc1", False), ("3.3.3", False), ("3.4.0", False),
                 ("2.15.0", False)]
    assert core.releases_in_range(available, low, high) == ["3.0.0", "3.3.3"]
    assert core.releases_in_range(available, low, high, pre=True, yanked=True) == ["3.0.0", "3.0.1", "3.1.0rc1",
                                                                                   "3.3.3"]
    for bad in ("3.0.0", "3.0.0..", "x..y", "3.3.3..3.0.0"):
        with pytest.raises(core.BisectError):
            core.parse_range(bad)


def test_claim_module_found_by_parsing_not_importing(tmp_path):
    (tmp_path / "s1").mkdir()
    (tmp_path / "s1" / "test_x.py").write_text('import tensorflow\nCLAIM = Claim(id="a.b", section="s")\n')
    (tmp_path / "s1" / "test_y.py").write_text('CLAIM = claims.Claim("a.c")\n')
    assert core.claim_modules(tmp_path, "a.b") == [tmp_path / "s1" / "test_x.py"]
    assert core.claim_modules(tmp_path, "a.c") == [tmp_path / "s1" / "test_y.py"]
    assert core.claim_modules(tmp_path, "nope") == []
    assert "tensorflow" not in sys.modules or True  # parsing imports nothing


def test_real_specs_map_the_bisected_claims():
    specs = cli.ROOT / "specs"
    assert [p.name for p in core.claim_modules(specs, "custom.named")] == ["test_06_named.py"]
    assert len(core.claim_modules(specs, "mish.formula")) == 1


def test_conditional_pins_and_numpy():
    pins = ["<3:tensorflow-cpu==2.15.1", ">=3:tensorflow-cpu==2.16.2", "scipy<2"]
    assert core.conditional_pins(pins, "2.15.0") == ["tensorflow-cpu==2.15.1", "scipy<2"]
    assert core.conditional_pins(pins, "3.0.0") == ["tensorflow-cpu==2.16.2", "scipy<2"]
    assert core.needs_numpy1("keras", "2.15.0", ["tensorflow-cpu==2.15.1"])
    assert not core.needs_numpy1("keras", "3.0.0", ["tensorflow-cpu==2.16.2"])
    assert core.needs_numpy1("tensorflow-cpu", "2.13.0", [])
    assert core.ERRATA_KEY["tensorflow-cpu"] == core.ERRATA_KEY["tensorflow"] == "tensorflow"


@pytest.mark.parametrize("argv, message", [
    (["nope.claim", "--package", "keras", "--range", "3.0.0..3.3.3"], "no spec module declares"),
    (["custom.named", "--package", "keras", "--range", "3.3.3..3.0.0"], "is empty"),
    (["custom.named", "--package", "keras", "--range", "3.0.0..3.3.3", "--with", "<x:tf"],
     "is not a version specifier"),
    (["custom.named", "--package", "keras", "--range", "9.0.0..9.1.0"], "has no release between"),
    (["custom.named", "--package", "no-such-pkg", "--range", "1..2"], "has no release of that name"),
])
def test_bad_input_is_one_sentence_and_exit_2(monkeypatch, capsys, argv, message):
    from fixtures.bisect import runner as bisect_runner
    listing = {"keras": [("3.0.0", False), ("3.3.3", False)], "no-such-pkg": []}
    monkeypatch.setattr(bisect_runner, "available_releases", lambda name: listing[name])
    monkeypatch.setattr(bisect_runner, "UvRunner", None)  # reaching the runner would be a bug here
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_writes_record_and_entry_with_a_fake_runner(monkeypatch, tmp_path, capsys):
    from fixtures.bisect import runner as bisect_runner
    names = [f"3.0.{i}" for i in range(6)] + ["3.1.0", "3.1.1", "3.2.0", "3.2.1", "3.3.0", "3.3.1", "3.3.2",
                                              "3.3.3"]
    monkeypatch.setattr(bisect_runner, "available_releases", lambda name: [(n, False) for n in names])
    made = []

    class FakeRunner:
        def __init__(self, harness, modules, claim, package, pins, work, **kw):
            made.append(work)

        def __call__(self, release):
            verdict = "holds" if release in ("3.0.0", "3.0.1") else "api-drift"
            return Probe(release, verdict, seconds=2.0, test_verdicts={"test_course_way": verdict})

    monkeypatch.setattr(bisect_runner, "UvRunner", FakeRunner)
    out = tmp_path / "rec.json"
    argv = ["custom.named", "--package", "keras", "--range", "3.0.0..3.3.3", "--with", "tensorflow-cpu==2.16.2",
            "-o", str(out)]
    assert cli.main(argv) == 0
    record = json.loads(out.read_text())
    assert record["probe_count"] == 6 and len(record["releases"]) == 14
    assert record["boundaries"][0]["last"] == "3.0.1" and record["boundaries"][0]["first"] == "3.0.2"
    assert record["errata"][0]["when"] == {"keras": ">=3.0.2"}
    printed = capsys.readouterr().out
    assert "last holds 3.0.1, first api-drift 3.0.2" in printed and "[[erratum]]" in printed
    assert made and not made[0].exists(), "the work dir (snapshot, envs) is removed"


def test_interrupt_leaves_no_work_dir(monkeypatch, tmp_path, capsys):
    from fixtures.bisect import runner as bisect_runner
    monkeypatch.setattr(bisect_runner, "available_releases", lambda name: [("3.0.0", False), ("3.0.1", False)])
    made = []

    class Interrupted:
        def __init__(self, harness, modules, claim, package, pins, work, **kw):
            made.append(work)

        def __call__(self, release):
            raise KeyboardInterrupt

    monkeypatch.setattr(bisect_runner, "UvRunner", Interrupted)
    out = tmp_path / "rec.json"
    assert cli.main(["custom.named", "--package", "keras", "--range", "3.0.0..3.0.1", "-o", str(out)]) == 130
    assert made and not made[0].exists() and not out.exists()
    assert "interrupted" in capsys.readouterr().err


def test_also_claims_share_the_probes_and_get_their_own_boundaries():
    # mish.formula changes at index 3; an --also claim changes at index 9: the search follows both
    names = releases(14)
    calls = []

    def fake(index, step):
        calls.append(index)
        other = "missing" if index < 9 else "holds"
        return Probe(names[index], "missing" if index < 3 else "holds",
                     others={"o.x": {"verdict": other, "status": "ok", "tests": {"test_o": other}}})

    outcome = core.bisect(names, fake)
    assert [(b.last, b.first) for b in outcome.boundaries] == [(names[2], names[3])]
    view = outcome.for_claim("o.x")
    assert [(b.last, b.first) for b in view.boundaries] == [(names[8], names[9])]
    entry, = core.implied_errata(view, "o.x", "tensorflow", {}, "r", "d", "x")
    assert entry["when"] == {"tensorflow": f"<{names[9]}"} and entry["tests"] == ["test_o"]
    assert len(calls) <= 2 * core.max_probes(14)


def test_inconclusive_needs_no_erratum_but_bounds_the_missing_run():
    outcome, _ = run(["missing"] + ["inconclusive"] + ["holds"] * 6)
    entry, = core.implied_errata(outcome, "timing.x", "tensorflow", {}, "r", "d", "x")
    assert entry["verdict"] == "missing" and entry["when"] == {"tensorflow": "<3.0.1"}
