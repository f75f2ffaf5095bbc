"""Helpers for the harness's own tests.

`run_spec(path, *args)` runs one spec module (or node id, or a list of them) in this very process with
pytester, so a Keras monkeypatched by the calling test is the Keras the spec sees,
and returns the claims.json it wrote as {claim id: claim dict}. `run_spec.cache` is a
session-wide dict where tests/mistakes.py keeps each module's unpatched (baseline) run.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"


@pytest.fixture(scope="session")
def tf():
    from fixtures.core.environment import import_tensorflow
    return import_tensorflow()


@pytest.fixture(scope="session")
def spec_baselines() -> dict:
    """Claims of unpatched spec runs, by (module, args): filled by tests/mistakes.py's baseline()."""
    return {}


@pytest.fixture
def run_spec(pytester, tmp_path, spec_baselines):
    def run(target: str | list[str], *args: str) -> dict[str, dict]:
        targets = [target] if isinstance(target, str) else list(target)
        paths = [t if t.startswith("/") else str(SPECS / t) for t in targets]
        report_dir = tmp_path / "reports"
        claims_file = report_dir / "selftest" / "claims.json"
        claims_file.unlink(missing_ok=True)   # never read back an earlier run's verdicts
        result = pytester.runpytest_inprocess(
            *paths, "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
            "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly",
            "--report-dir", str(report_dir), "--env-name", "selftest", "-q", *args)
        if not claims_file.exists():
            pytest.fail("the spec run wrote no claims.json:\n" + "\n".join(result.outlines[-30:]))
        document = json.loads(claims_file.read_text())
        run.last_result = result
        return {claim["id"]: claim for claim in document["claims"]}

    run.cache = spec_baselines
    return run


@pytest.fixture(autouse=True)
def _tensorflow_imported_before_pytester(request):
    """pytester restores sys.modules after each in-process run; TensorFlow must be imported
    before that snapshot, or the next run re-imports it and its C++ runtime aborts. The
    third-party libraries the specs use are imported here too, for speed: else every run
    re-imports them (matplotlib.pyplot alone ≈ 0.7 s CPU). No module of the project's own
    (fixtures.*, specs.*) is added here: the spec modules and their checks are imported afresh by each run."""
    if "pytester" in request.fixturenames:
        from fixtures.core.environment import import_tensorflow
        import_tensorflow()
        import matplotlib
        matplotlib.use("Agg")
        import hypothesis  # noqa: F401
        import matplotlib.pyplot  # noqa: F401
        import pandas  # noqa: F401
        import scipy.special  # noqa: F401
        import scipy.stats  # noqa: F401
