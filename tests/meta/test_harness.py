"""The harness itself: verdict classification, errata, claims.json and bad input.

Each test writes a tiny synthetic spec module with pytester and runs it in process
against the real plugin (conftest.py at the project root), then reads claims.json.
"""
import json
import sys
import textwrap

import pytest

from tests.conftest import ROOT

SYNTHETIC = '''
import pytest
from fixtures.core.claims import Claim
from fixtures.core.calls import course_call

CLAIM = Claim(id="demo.claim", section="Demo", statement="Una afirmación de prueba.")

def course_function(x, negative_slope=0.0):
    return x

{body}
'''

BODIES = {
    "holds": "def test_it(evidence):\n    evidence.check('x', True, expected=1, measured=1)",
    "refuted": "def test_it(evidence):\n    evidence.check('slope', False, expected=0.3, measured=0.2, tolerance=0, why='exact')",
    "api-drift": ("def test_it():\n    with course_call('course_function(x, alpha=0.3)', works_instead='negative_slope=0.3'):\n"
                  "        course_function(1.0, alpha=0.3)"),
    "missing": ("def test_it():\n    import math\n    with course_call('math.mish(x)'):\n        math.mish(1.0)"),
    "error": "def test_it():\n    raise RuntimeError('the harness broke')",
    "skipped": "def test_it():\n    pytest.skip('no GPU here')",
}


@pytest.fixture
def run_synthetic(pytester, tmp_path):
    def run(body, *args):
        pytester.makepyfile(test_demo=SYNTHETIC.replace("{body}", body))
        report_dir = tmp_path / "reports"
        result = pytester.runpytest_inprocess(
            "test_demo.py", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
            "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "fixtures.plugins.spec", "--report-dir", str(report_dir),
            "--env-name", "demo", *args)
        path = report_dir / "demo" / "claims.json"
        document = json.loads(path.read_text()) if path.exists() else None
        return result, document, path
    return run


@pytest.mark.parametrize("verdict", list(BODIES))
def test_verdict_classification(verdict, run_synthetic):
    result, document, _ = run_synthetic(BODIES[verdict])
    claim = document["claims"][0]
    assert claim["verdict"] == verdict, claim["message"]
    if verdict == "api-drift":
        assert "negative_slope=0.3" in claim["message"]
    if verdict == "refuted":
        assert "expected 0.3, measured 0.2" in claim["message"] and "-m pytest /" in claim["message"]
        assert claim["evidence"]["test_it"]["rows"][0]["ok"] is False


def test_claims_json_environment_block(run_synthetic):
    _, document, _ = run_synthetic(BODIES["holds"], "--seed", "7")
    env = document["environment"]
    assert document["schema"] == 2
    assert {"env", "python", "tensorflow", "keras", "keras_flavor", "device", "seed", "started",
            "duration_s"} <= env.keys()
    assert env["seed"] == 7 and env["env"] == "demo"
    assert env["keras_flavor"] in ("keras2", "keras3", "tf_keras")


def write_errata(tmp_path, verdict, reason="known"):
    path = tmp_path / "errata.toml"
    path.write_text(f'[[erratum]]\nclaim = "demo.claim"\nverdict = "{verdict}"\nreason = "{reason}"\n')
    return str(path)


def test_expected_deviation_does_not_fail_the_run(run_synthetic, tmp_path):
    result, document, _ = run_synthetic(BODIES["api-drift"], "--errata", write_errata(tmp_path, "api-drift"))
    assert result.ret == 0
    assert result.parseoutcomes().get("xfailed") == 1
    claim = document["claims"][0]
    assert (claim["verdict"], claim["expected"], claim["matches_errata"]) == ("api-drift", "api-drift", True)


def test_other_deviation_than_expected_fails_the_run(run_synthetic, tmp_path):
    result, document, _ = run_synthetic(BODIES["refuted"], "--errata", write_errata(tmp_path, "api-drift"))
    assert result.ret == 1
    assert document["claims"][0]["matches_errata"] is False


def test_claim_that_holds_again_fails_so_the_registry_is_updated(run_synthetic, tmp_path):
    result, document, _ = run_synthetic(BODIES["holds"], "--errata", write_errata(tmp_path, "refuted"))
    assert result.ret == 1
    assert "XPASS(strict)" in result.stdout.str()
    assert document["claims"][0]["matches_errata"] is False


def test_corrupt_errata_is_a_clear_usage_error(run_synthetic, tmp_path):
    path = tmp_path / "errata.toml"
    path.write_text('[[erratum]]\nclaim = "demo.claim"\nverdict = "wrong"\nreason = "x"\n')
    result, _, _ = run_synthetic(BODIES["holds"], "--errata", str(path))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "errata registry" in result.stderr.str() and "'wrong' is not one of" in result.stderr.str()
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


def test_failed_run_keeps_the_last_good_claims_json(run_synthetic, tmp_path):
    _, good, path = run_synthetic(BODIES["holds"])
    before = path.read_text()
    result, _, _ = run_synthetic(BODIES["holds"], "--errata", str(tmp_path / "nope.toml"))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert path.read_text() == before
    assert not list(path.parent.glob(".*tmp")), "no temporary file left behind"


def test_tensorflow_that_will_not_import_is_a_clear_error(run_synthetic, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    result, document, _ = run_synthetic(BODIES["holds"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "TensorFlow could not be imported" in result.stderr.str()
    assert document is None


def test_unknown_option_value_is_a_clear_error(run_synthetic):
    result, _, _ = run_synthetic(BODIES["holds"], "--seed", "abc")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--seed" in result.stderr.str()


def test_spec_test_without_claim_marker_is_rejected(pytester):
    body = textwrap.dedent("""
        def test_unmarked():
            pass
    """)
    target = ROOT / "specs" / "test_zz_unmarked_tmp.py"
    target.write_text(body)
    try:
        result = pytester.runpytest_inprocess(str(target), "--rootdir", str(ROOT), "-c",
                                              str(ROOT / "pyproject.toml"), "-p", "no:cacheprovider",
                                              "-p", "no:xdist", "--no-report")
    finally:
        target.unlink()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "declares `CLAIM = Claim(...)`" in result.stderr.str()


def test_claim_marker_and_section_come_from_the_module(run_synthetic):
    """No `pytestmark`: the plugin marks the tests from CLAIM, and -m claim selects them."""
    result, document, _ = run_synthetic(BODIES["holds"], "-m", "claim")
    result.assert_outcomes(passed=1)
    assert document["claims"][0]["id"] == "demo.claim"
    assert document["claims"][0]["section"] == "Demo"
    assert document["claims"][0]["implied"] == ""


def test_spec_claims_without_section_take_their_folders_heading():
    import importlib
    module = importlib.import_module("specs.s1_inicializacion_de_parametros.test_06_he_normal")
    from fixtures.core.claims import module_claim
    assert module.CLAIM.section == ""
    assert module_claim(module).section == "Inicialización de parámetros"
    relu = importlib.import_module("specs.s3_tipos_de_funciones_de_activacion.test_02_relu_alpha")
    assert module_claim(relu).section == "ReLU y Leaky ReLU"   # a sub-heading stays explicit


@pytest.mark.parametrize("name", ["../../x", "a/b", "..", "tf 221", ""])
def test_env_name_must_name_a_folder_under_the_report_dir(run_synthetic, tmp_path, name):
    result, document, _ = run_synthetic(BODIES["holds"], "--env-name", name)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--env-name" in result.stderr.str() and "letters, digits" in result.stderr.str()
    assert document is None and not (tmp_path / "x").exists()


@pytest.mark.parametrize("name", ["tf2.21.0-keras3", "tf221-legacy", "my_env.1"])
def test_env_names_made_of_safe_characters_are_fine(run_synthetic, tmp_path, name):
    result, _, _ = run_synthetic(BODIES["holds"], "--env-name", name)
    assert result.ret == 0
    assert (tmp_path / "reports" / name / "claims.json").exists()


def test_a_plugin_adds_its_part_through_the_declared_hook(run_synthetic, pytester):
    """pytest_spec_document: one call, before claims.json is written once."""
    pytester.makeconftest("""
        CALLS = []
        def pytest_spec_document(document, config):
            CALLS.append(1)
            document["extra"] = {"claims_seen": len(document["claims"]), "calls": len(CALLS)}
    """)
    result, document, _ = run_synthetic(BODIES["holds"])
    assert result.ret == 0
    assert document["extra"] == {"claims_seen": 1, "calls": 1}


def test_no_private_attributes_on_config_or_items():
    """The plugins share state through fixtures.run_state and fixtures.hooks only."""
    import re
    offenders = [f"{p.name}:{n}" for p in (ROOT / "fixtures").rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\b(config|item|node)\._[a-z]", line)]
    assert not offenders, offenders


def test_verdict_file_load_names_the_file(tmp_path):
    from fixtures.reports.verdict_file import ClaimsFileError, load
    with pytest.raises(ClaimsFileError, match="nope.json: no such file"):
        load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ClaimsFileError, match="bad.json: not valid JSON"):
        load(bad)
    other = tmp_path / "other.json"
    other.write_text('{"schema": 3, "environment": {}, "claims": []}')
    with pytest.raises(ClaimsFileError, match="found schema 3"):
        load(other)


def test_controller_and_report_modules_import_no_numpy_or_tensorflow():
    """The xdist controller (the plugins) and the page builders run no test: they must not pay
    for numpy, scipy, matplotlib or TensorFlow."""
    import subprocess
    code = ("import sys\n"
            "import fixtures.plugins.spec, fixtures.plugins.course_model, fixtures.plugins.timing, fixtures.plugins.course_gate\n"
            "import fixtures.plugins.process\n"
            "import fixtures.reports.matrix, fixtures.reports.apendice\n"
            "print(sorted(m for m in ('numpy', 'scipy', 'matplotlib', 'tensorflow', 'keras', 'pandas')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_a_skipped_claim_does_not_contradict_its_erratum():
    """Not run (e.g. the timing suite without a GPU on a Keras without mish) says nothing against
    an erratum: the pages must not frame it as unexpected."""
    from fixtures.reports.verdict_file import build
    result = {"claim": {"id": "t.x", "section": "S", "statement": "s"}, "nodeid": "n", "name": "test_x",
              "order": ["f", 0], "verdict": "skipped", "expected": "missing", "expected_reason": "r",
              "message": "no GPU", "repro": "", "evidence": {"rows": [], "notes": [], "plots": []}}
    assert build([result], {})["claims"][0]["matches_errata"] is True
    assert build([{**result, "verdict": "refuted"}], {})["claims"][0]["matches_errata"] is False
