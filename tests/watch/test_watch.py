"""Self-tests of the release watch (fixtures/watch/) with a fake index and a fake runner: a
release that flips a claim, a quiet release, a release that will not install, an index that
cannot be reached, an erratum that stopped applying. No installs, no TensorFlow: seconds."""
from __future__ import annotations

import json
import shutil
import tomllib

import pytest

from fixtures.core import errata
from fixtures.watch import cli
from tests.watch.fakes import ROOT, FakeIndex, FakeRunner, doc

KERAS = ["3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4", "3.0.5", "3.1.0", "3.1.1", "3.2.0", "3.2.1", "3.3.0",
         "3.3.1", "3.3.2", "3.3.3"]
NAMED_ENTRY = '''[[erratum]]
claim   = "custom.named"
verdict = "api-drift"
when    = { keras = ">=3.0.2" }
tests   = ["test_course_way"]
reason  = "Keras 3 resolves activation strings among its built-ins only"
'''
BLOCK = "snippet.apendices.funciones-con-nombre.2"


def named(package: str, release: str) -> dict:
    """Keras 3.0.2 breaks activation="relu_0_3" (the course way), the deserialize test holds."""
    broken = package == "keras" and release not in ("3.0.0", "3.0.1")
    return doc({"tensorflow": "2.16.2", "keras": release},
               {"custom.named": {"test_course_way": "api-drift" if broken else "holds",
                                 "test_registered_object_by_deserialize": "holds"},
                "custom.function": {"test_course_way": "holds"},
                "timing.training_time": {"test_training_time_per_activation": "skipped"}},
               {BLOCK: "api-drift" if broken else "holds"})


def run(tmp_path, argv, verdicts=named, index=None, broken=(), errata_text=""):
    path = tmp_path / "errata.toml"
    path.write_text(errata_text, encoding="utf-8")
    runner = FakeRunner(verdicts, set(broken))
    index = index or FakeIndex({"keras": KERAS})
    out = tmp_path / "out"
    code = cli.main([*argv, "--errata", str(path), "-o", str(out)], index=index, make_runner=lambda: runner)
    report = json.loads((out / "watch.json").read_text(encoding="utf-8"))
    return code, report, runner, out


REPLAY = ["--since", "keras==3.0.1", "--until", "keras==3.3.3", "--with", "tensorflow-cpu==2.16.2"]


# ---------------------------------------------------------------- the three outcomes

def test_a_release_that_flips_a_claim_exits_1_with_the_right_erratum(tmp_path, capsys):
    code, report, runner, out = run(tmp_path, REPLAY)
    assert code == 1 and report["status"] == "changed" and report["exit"] == 1
    change, = [c for c in report["changes"] if c["id"] == "custom.named"]
    entry, = change["entries"]
    assert {k: entry[k] for k in ("claim", "verdict", "when", "tests")} == {
        "claim": "custom.named", "verdict": "api-drift", "when": {"keras": ">=3.0.2"}, "tests": ["test_course_way"]}
    assert entry["provenance"].startswith("bisected ") and "last holds 3.0.1, first api-drift 3.0.2" in entry["provenance"]
    assert entry["razon"].startswith("BORRADOR") and "«API cambiada»" in entry["razon"]
    assert change["sentence"] == "Keras 3.0.2: `custom.named` becomes api-drift from 3.0.2 (3.0.1 holds)"
    # only the new release, the baseline and the search's probes were installed — never all 13
    assert runner.installed[0] == "3.3.3" and "3.0.1" in runner.installed
    assert len(runner.installed) <= 8 and runner.installed.count("3.3.3") == 1
    # the corrected page was asked for on the new release, and reported as running
    assert runner.fixed and report["combinations"][0]["fix"][0]["all_blocks_run"]
    markdown = (out / "watch.md").read_text(encoding="utf-8")
    assert "Keras 3.0.2: `custom.named` becomes api-drift from 3.0.2 (3.0.1 holds)" in markdown
    assert markdown == capsys.readouterr().out.rstrip("\n") + "\n"


def test_the_proposed_files_load_as_errata_with_their_records(tmp_path):
    page = tmp_path / "page" / "apendices.txt"   # the page without its own errata: the block surprises too
    page.parent.mkdir()
    shutil.copy(ROOT / "examples" / "course" / "apendices.txt", page)
    _code, report, _, out = run(tmp_path, [*REPLAY, "--course", str(page)])
    proposed = tomllib.loads((out / "errata.proposed.toml").read_text(encoding="utf-8"))["erratum"]
    assert [(e["claim"], e["when"]) for e in proposed] == [("custom.named", {"keras": ">=3.0.2"})]
    # its entry goes to the page's errata file, its record path relative to that file
    block, = tomllib.loads((out / "apendices.errata.proposed.toml").read_text(encoding="utf-8"))["erratum"]
    assert block["claim"] == BLOCK and block["when"] == {"keras": ">=3.0.2"} and "tests" not in block
    assert len(report["bisections"]) == 1     # one search for the claim and the block together
    # pasted next to the records the watch wrote, the registry accepts it, and the record
    # shows the bound the way tests/core/test_errata.py reads it
    shutil.copytree(out / "errata", tmp_path / "paste" / "errata")
    pasted = tmp_path / "paste" / "errata.toml"
    pasted.write_text((out / "errata.proposed.toml").read_text(encoding="utf-8"), encoding="utf-8")
    entry, = errata.load(pasted)
    record = json.loads((pasted.parent / entry.bisection).read_text(encoding="utf-8"))
    assert record["claim"] == "custom.named" and record["non_monotone"] == []
    assert record["date"] in entry.provenance and BLOCK in record["also"]
    for probe in record["probes"]:
        inside = probe["release"] not in ("3.0.0", "3.0.1")
        assert (probe["test_verdicts"]["test_course_way"] == "api-drift") == inside


def test_a_quiet_release_exits_0_without_bisecting_or_fixing(tmp_path):
    page_errata = (ROOT / "examples" / "course" / "apendices.errata.toml")
    assert BLOCK in page_errata.read_text(encoding="utf-8")   # the page's own errata expect the block
    code, report, runner, out = run(tmp_path, REPLAY, errata_text=NAMED_ENTRY)
    assert code == 0 and report["status"] == "quiet" and report["changes"] == []
    assert runner.installed == ["3.3.3"] and runner.fixed == []
    assert not (out / "errata.proposed.toml").exists()
    assert "Every verdict on the new release(s) is what the errata expect." in (out / "watch.md").read_text()
    # the skipped timing claim is not a surprise (it says nothing about the release)
    assert report["combinations"][0]["counts"]["surprises"] == 0


def test_a_release_that_will_not_install_exits_2_naming_it(tmp_path, capsys):
    code, report, _runner, out = run(tmp_path, REPLAY, broken={"3.3.3"})
    stderr = capsys.readouterr().err
    err = [line for line in stderr.splitlines() if not line.startswith("[")]   # progress lines: [mm:ss]
    assert code == 2 and report["status"] == "failed" and len(err) == 1 and "Traceback" not in stderr
    assert "keras==3.3.3" in err[0] and "does not install" in err[0] and "Traceback" not in err[0]
    assert "keras==3.3.3" in (out / "watch.md").read_text() and report["error"] in err[0]


@pytest.mark.parametrize("argv, index, message", [
    (REPLAY, FakeIndex({}, unreachable=True), "unreachable"),
    (["--since", "keras==9.9.9"], None, "no such release"),
    (["--since", "keras>=3"], None, "give one exact release"),
    (["--since", "numpy==1.0"], None, "the watch follows"),
    (["--since", "keras==3.0.1", "--with", "keras==3.0.0"], None, "names a package the watch follows"),
    (["--since", "keras==3.3.3", "--until", "keras==3.0.1"], None, "is before"),
    (["--course", "/nonexistent/page.txt"], None, "no such file"),
])
def test_bad_input_and_unreachable_index_are_one_sentence_exit_2(tmp_path, capsys, argv, index, message):
    code, _report, runner, _ = run(tmp_path, argv, index=index)
    stderr = capsys.readouterr().err
    err = [line for line in stderr.splitlines() if not line.startswith("[")]
    assert code == 2 and len(err) == 1 and message in err[0] and "Traceback" not in stderr, stderr
    assert runner.installed == []


def test_a_bad_errata_file_is_exit_2(tmp_path, capsys):
    code, *_ = run(tmp_path, REPLAY, errata_text='[[erratum]]\nclaim = "x"\n')
    assert code == 2 and "--errata" in capsys.readouterr().err


def test_nothing_newer_than_the_pins_exits_0(tmp_path):
    index = FakeIndex({"keras": ["3.15.1"], "tensorflow-cpu": ["2.21.0"], "tensorflow": ["2.21.0"],
                       "tf-keras": ["2.21.0"]})
    code, report, runner, out = run(tmp_path, [], index=index)
    assert code == 0 and report["combinations"] == [] and runner.installed == []
    markdown = (out / "watch.md").read_text()
    assert "No release newer than" in markdown and "Every verdict" not in markdown


# ---------------------------------------------------------------- an erratum that stopped applying

def mish(package: str, release: str) -> dict:
    """TF 2.12.x pulls keras 2.12.0 (no mish); 2.13.0 and 2.13.1 pull keras 2.13.1 (mish)."""
    old = release.startswith("2.12")
    keras = "2.12.0" if old else "2.13.1"
    gone = "missing" if old else None
    return doc({"tensorflow": release, "keras": keras},
               {"mish.formula": {"test_formula[float32]": gone or "holds", "test_formula[float64]": gone or "holds"},
                "mish.course_usage": {"test_first_line": "refuted", "test_second_line": gone or "holds"},
                "mish.similar_to_swish": {"test_very_similar": gone or "refuted"}}, {})


MISH_ERRATA = '''[[erratum]]
claim = "mish.formula"
verdict = "missing"
reason = "tf.keras.activations.mish was added in Keras 2.13"
razon = "tf.keras.activations.mish llegó en Keras 2.13"

[[erratum]]
claim = "mish.course_usage"
verdict = "refuted"
tests = ["test_first_line"]
reason = "swish, not mish"

[[erratum]]
claim = "mish.course_usage"
verdict = "missing"
tests = ["test_second_line"]
reason = "activation=mish was added in Keras 2.13"

[[erratum]]
claim = "mish.similar_to_swish"
verdict = "missing"
reason = "mish was added in Keras 2.13"

[[erratum]]
claim = "mish.similar_to_swish"
verdict = "refuted"
reason = "not «muy similar»"
'''


def test_mish_arrival_narrows_the_unbounded_missing_entries_to_keras_lt_2_13(tmp_path):
    index = FakeIndex({"tensorflow-cpu": ["2.12.0", "2.12.1", "2.13.0", "2.13.1", "2.14.0"]})
    argv = ["--since", "tensorflow-cpu==2.12.1", "--until", "tensorflow-cpu==2.13.1"]
    code, report, runner, out = run(tmp_path, argv, verdicts=mish, index=index, errata_text=MISH_ERRATA)
    assert code == 1
    assert [c["key"] for c in report["combinations"]] == ["tensorflow"]
    by_id = {c["id"]: c for c in report["changes"]}
    assert set(by_id) == {"mish.formula", "mish.course_usage", "mish.similar_to_swish"}
    for change in by_id.values():
        assert change["change"] == "stopped"
        entry, = change["entries"]            # narrowed, and nothing new: refuted is on record
        assert entry["when"] == {"keras": "<2.13"} and entry["verdict"] == "missing"
        assert "the bound is on keras" in entry["provenance"]
    assert by_id["mish.course_usage"]["entries"][0]["tests"] == ["test_second_line"]
    assert by_id["mish.formula"]["sentence"].startswith("TensorFlow 2.13.0: `mish.formula` becomes holds from "
                                                        "2.13.0 (2.12.1 gives missing)")
    assert sorted(set(runner.installed)) == ["2.12.1", "2.13.0", "2.13.1"]
    text = (out / "errata.proposed.toml").read_text(encoding="utf-8")
    assert "# replaces: claim = 'mish.formula', verdict = 'missing', no bound" in text


def test_a_harness_error_is_reported_as_such_and_not_bisected(tmp_path):
    def broken_harness(package, release):
        d = named(package, release)
        if release == "3.3.3":
            d["claims"][1]["test_verdicts"] = {"test_course_way": "error"}
        return d
    code, report, runner, _ = run(tmp_path, REPLAY, verdicts=broken_harness, errata_text=NAMED_ENTRY)
    assert code == 1 and runner.installed == ["3.3.3"] and report["bisections"] == []
    change, = report["changes"]
    assert change["change"] == "harness-error" and change["entries"] == [] and "fix the spec" in change["sentence"]
