"""The release watch's parts, one at a time: tox pins, the plan and its combinations, the
comparison with the errata, the bound it writes, the install failure sentence, the workflow."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.core.errata import Erratum
from fixtures.watch import compare, environments
from fixtures.watch.propose import bound
from fixtures.watch.releases import WatchError, make_plan, tox_pins
from tests.watch.fakes import ROOT, FakeIndex, doc

PINS = {"tensorflow-cpu": "2.21.0", "tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}


def test_tox_pins_are_the_newest_of_each_package():
    assert tox_pins(ROOT / "tox.ini") == PINS


def test_tox_without_pins_is_an_error(tmp_path):
    (tmp_path / "tox.ini").write_text("[testenv]\ndeps = pytest\n")
    with pytest.raises(WatchError, match="no `tensorflow-cpu==X`"):
        tox_pins(tmp_path / "tox.ini")


def test_default_plan_covers_tf_alone_tf_with_keras_and_legacy():
    index = FakeIndex({"tensorflow-cpu": ["2.20.0", "2.21.0", "2.22.0rc0", "2.22.0"],
                       "tensorflow": ["2.21.0", "2.22.0"], "keras": ["3.15.1", "3.16.0", "3.16.1"],
                       "tf-keras": ["2.21.0", "2.22.0"]})
    plan = make_plan(index, PINS, [], [], [])
    assert {p: (m.baseline, m.target) for p, m in plan.moves.items()} == {
        "tensorflow-cpu": ("2.21.0", "2.22.0"), "keras": ("3.15.1", "3.16.1"), "tf-keras": ("2.21.0", "2.22.0")}
    assert [(c.key, c.requirements, c.package, c.pins) for c in plan.combos] == [
        ("tensorflow", ["tensorflow-cpu==2.22.0"], "tensorflow-cpu", []),
        ("tensorflow+keras", ["tensorflow-cpu==2.22.0", "keras==3.16.1"], "keras", ["tensorflow-cpu==2.22.0"]),
        ("legacy", ["tensorflow==2.22.0", "keras==3.16.1", "tf-keras==2.22.0"], "tf-keras",
         ["tensorflow==2.22.0", "keras==3.16.1"])]
    assert plan.combos[2].extra_env == {"TF_USE_LEGACY_KERAS": "1"}
    assert "rc" not in " ".join(plan.moves["tensorflow-cpu"].releases)   # no pre-releases


def test_a_keras_release_alone_runs_on_the_pinned_tensorflow():
    index = FakeIndex({"tensorflow-cpu": ["2.21.0"], "tensorflow": ["2.21.0"], "keras": ["3.15.1", "3.16.0"],
                       "tf-keras": ["2.21.0"]})
    plan = make_plan(index, PINS, [], [], [])
    assert [(c.key, c.requirements) for c in plan.combos] == [("keras", ["tensorflow-cpu==2.21.0", "keras==3.16.0"])]


def test_a_tensorflow_without_cpu_build_is_watched_as_tensorflow():
    index = FakeIndex({"tensorflow-cpu": ["2.21.0"], "tensorflow": ["2.21.0", "2.22.0"], "keras": ["3.15.1"],
                       "tf-keras": ["2.21.0"]})
    plan = make_plan(index, PINS, [], [], [])
    assert plan.combos[0].requirements == ["tensorflow==2.22.0"] and "no tensorflow-cpu build" in plan.notes[0]


def test_until_limits_the_replay():
    index = FakeIndex({"keras": ["3.0.0", "3.0.1", "3.0.2", "3.1.0"]})
    plan = make_plan(index, PINS, ["keras==3.0.1"], ["keras==3.0.2"], ["tensorflow-cpu==2.16.2"])
    assert plan.moves["keras"].releases == ["3.0.1", "3.0.2"] and plan.replay
    assert plan.combos[0].requirements == ["keras==3.0.2", "tensorflow-cpu==2.16.2"]


@pytest.mark.parametrize("last, first, expected", [
    ("3.0.1", "3.0.2", "3.0.2"), ("2.12.0", "2.13.1", "2.13"), ("2.15.0", "3.0.0", "3"), ("2.13.0", "2.13.1", "2.13.1"),
    ("3.9.2", "3.10.0", "3.10")])
def test_the_bound_is_the_shortest_prefix_between_the_two_releases(last, first, expected):
    assert bound(last, first) == expected


ENV = {"tensorflow": "2.16.2", "keras": "3.3.3", "keras_flavor": "keras3"}


def test_agreement_rules():
    assert compare.agrees("holds", "holds") and compare.agrees("inconclusive", "holds")
    assert compare.agrees("skipped", "missing") and compare.agrees("api-drift", "api-drift")
    assert not compare.agrees("refuted", "holds") and not compare.agrees("holds", "missing")
    assert not compare.agrees("inconclusive", "refuted") and not compare.agrees("error", "holds")


def test_surprises_are_grouped_by_the_entry_that_expected_them():
    entries = [Erratum("mish.course_usage", "refuted", "r", tests=("test_first_line",)),
               Erratum("mish.course_usage", "missing", "r", tests=("test_second_line",)),
               Erratum("timing.x", "missing", "r")]
    d = doc(ENV, {"mish.course_usage": {"test_first_line": "refuted", "test_second_line": "holds"},
                  "custom.named": {"test_course_way": "api-drift", "test_other": "holds"},
                  "timing.x": {"test_t": "skipped"}})
    found, unverified = compare.surprises(d, entries)
    assert [(s.id, s.tests, s.expected, s.measured, s.change) for s in found] == [
        ("mish.course_usage", ["test_second_line"], "missing", "holds", "stopped"),
        ("custom.named", ["test_course_way"], "holds", "api-drift", "new")]
    assert [(u.id, u.expected) for u in unverified] == [("timing.x", "missing")]
    # the message is the surprising test's own, not the claim's (another test's refutation)
    assert found[0].message == "" and found[1].message == "test_course_way: api-drift (fake)"


def test_blocks_are_compared_with_the_page_errata_too():
    d = doc(ENV, {}, {"snippet.apendices.mish.1": "api-drift", "snippet.apendices.gelu.1": "holds"})
    page = {"apendices": [Erratum("snippet.apendices.mish.1", "api-drift", "r", when={"keras": "<2.13"})]}
    found, _ = compare.surprises(d, [], page)
    assert [(s.id, s.kind, s.expected) for s in found] == [("snippet.apendices.mish.1", "block", "holds")]
    d["environment"]["keras"] = "2.12.0"
    assert compare.surprises(d, [], page)[0] == []


def test_tests_field_names_parametrized_tests_without_parameters():
    tv = {"test_other_ways[a]": "refuted", "test_other_ways[b]": "refuted", "test_two": "holds"}
    assert compare.tests_field(tv, "refuted") == ["test_other_ways"]
    assert compare.tests_field({"test_a[x]": "refuted", "test_a[y]": "holds"}, "refuted") == ["test_a[x]"]
    assert compare.tests_field({"t1": "missing", "t2": "missing"}, "missing") is None   # the whole claim


def test_an_install_failure_is_one_sentence_naming_the_combination(monkeypatch, tmp_path):
    monkeypatch.setattr(environments, "uv_command", lambda: ["uv"])
    monkeypatch.setattr(environments, "create_env", lambda *a, **k: (
        False, "Resolved\n  × No solution found when resolving dependencies:\n  ╰─▶ keras==9.9.9 is unavailable"))
    from fixtures.watch.releases import Combo
    runner = environments.Environments(ROOT, tmp_path)
    combo = Combo("keras", ["tensorflow-cpu==2.16.2", "keras==9.9.9"], "keras", "9.9.9", [])
    with pytest.raises(WatchError) as info, runner.combo(combo):
        pass
    assert str(info.value) == ("tensorflow-cpu==2.16.2 + keras==9.9.9 does not install "
                               "(╰─▶ keras==9.9.9 is unavailable)")
    assert list(tmp_path.glob("env-*")) == []   # the environment is removed
    probe = runner.probe("keras", "9.9.9", [], {}, ["specs"], [], {"c": []})
    assert probe.status == "install-failed" and "unavailable" in probe.detail


def test_the_workflow_is_read_only_and_keeps_no_credentials():
    text = (ROOT / ".github" / "workflows" / "release-watch.yml").read_text(encoding="utf-8")
    assert "permissions:\n  contents: read" in text and "secrets." not in text
    assert "schedule:" in text and "workflow_dispatch:" in text
    assert text.count("persist-credentials: false") == text.count("actions/checkout@")
    assert "GITHUB_STEP_SUMMARY" in text and "actions/upload-artifact@" in text


def test_the_test_data_errata_load_and_differ_from_today_as_documented():
    from fixtures.core import errata
    here = Path(__file__).parent
    before = errata.load(here / "errata-before-custom-named.toml")
    today = errata.load()
    assert [e.claim for e in today if e.claim not in {b.claim for b in before}] == ["custom.named"]
    unbounded = errata.load(here / "errata-mish-unbounded.toml")
    assert {e.claim for e in unbounded if e.verdict == "missing" and not e.when} >= {
        "mish.formula", "mish.usage", "mish.course_usage", "mish.similar_to_swish", "mish.better_than_relu"}
    # the errata as they stood when TF 2.12 was the newest: every entry of today's but the bounded
    # «missing» ones is there too (entries removed since, as the «es mejor» ones in December 2026, may remain)
    assert {(e.claim, e.verdict) for e in today if e.verdict != "missing"} <= {(e.claim, e.verdict) for e in unbounded}
