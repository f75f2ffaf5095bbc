"""Helpers for the harness's own tests.

`run_spec(path, *args)` runs one spec module (or node id, or a list of them) in this very process with
pytester, so a Keras monkeypatched by the calling test is the Keras the spec sees,
and returns the claims.json it wrote as {claim id: claim dict}. `run_spec.cache` is a
session-wide dict where tests/mistakes.py keeps each module's unpatched (baseline) run.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests (tests/course_text) are derandomized, as the spec's are: the gate gives the same
# answer on every run (a random search failed one CI run on 2026-12-07 on a case the runs before
# had not drawn: «0 ¨», now fixed and a test of its own). `HYPOTHESIS_PROFILE=explore pytest
# tests/course_text` searches at random, with more examples, to look for new cases.
settings.register_profile("gate", derandomize=True, database=None, deadline=None, print_blob=False)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"


# The self-test files that cost most, costliest first (seconds per file, the sum of its tests'
# --durations on TF 2.21, 2 shared cores, 2026-12-07, baselines taken from the tf221 run;
# docs/performance.md): four_networks ≈ 20, initializer mistakes ≈ 16, the student page in
# Chromium ≈ 13, training comparisons ≈ 12, activation mistakes ≈ 9, gate plugin ≈ 9, the matrix
# page in Chromium ≈ 8, harness ≈ 7, timing method ≈ 6, depth mistakes ≈ 6. They go first in the
# collection; with tox's `--dist loadfile --no-loadscope-reorder` xdist hands out files in that
# order, so the long ones start at once and the many cheap files fill in around them (by default
# xdist would order files by their number of tests, which put the one-test four_networks file
# last). Only the order changes: a file renamed here loses its place, nothing else.
EXPENSIVE_FIRST = (
    "tests/experiments/test_four_networks_mistakes.py",
    "tests/checks/test_initializer_mistakes.py",
    "tests/reports/test_apendice_browser.py",
    "tests/experiments/test_training_compare.py",
    "tests/checks/test_activation_mistakes.py",
    "tests/gate/test_gate_plugin.py",
    "tests/reports/test_browser.py",
    "tests/meta/test_harness.py",
    "tests/timing/test_method.py",
    "tests/experiments/test_depth_mistakes.py",
    "tests/core/test_stats_false_alarms.py",
)


def pytest_collection_modifyitems(session, config, items):
    rank = {path: i for i, path in enumerate(EXPENSIVE_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))   # stable: files keep their order


@pytest.fixture(scope="session")
def tf():
    from fixtures.core.environment import import_tensorflow
    return import_tensorflow()


def pytest_addoption(parser):
    parser.addoption("--fresh-baselines", action="store_true",
                     help="run every mutant's baseline here, even when reports/ holds a spec run of the same "
                          "code and versions (tests/mistakes.py)")


def _spec_run(config):
    """The spec run baselines may be taken from (tests/mistakes.reusable_run), or None."""
    if config.getoption("fresh_baselines"):
        return None
    from fixtures.core.fingerprint import fingerprint
    from tests.mistakes import reusable_run
    return reusable_run(ROOT / "reports", fingerprint())


def pytest_report_header(config):
    if getattr(config, "workerinput", None) is not None:
        return None
    run = _spec_run(config)
    where = (f"taken from {run[0].relative_to(ROOT)} (same fingerprint: code, versions, default options)"
             if run else "run here" + (" (--fresh-baselines)" if config.getoption("fresh_baselines")
                                       else " (no spec run of this code and these versions in reports/)"))
    return f"mistake baselines: {where}"


@pytest.fixture(scope="session")
def spec_run(pytestconfig):
    return _spec_run(pytestconfig)


@pytest.fixture(scope="session")
def spec_baselines() -> dict:
    """Claims of unpatched spec runs, by (module, args): filled by tests/mistakes.py's baseline()."""
    return {}


class _FiguresNotRasterised:
    """A plugin for the in-process spec runs: each figure is built by the spec's own plotting code,
    then closed instead of laid out and rendered to PNG (`fixtures.core.plots.figure_to_base64_png`).

    A plot is evidence for a reader, never a check: no verdict reads it, and no self-test reads the
    PNGs of a run_spec run. Rendering was the largest fixed cost of a self-test run (≈ 0.1–0.45 s
    CPU per figure, ~40 figures per whole-spec pass; docs/performance.md). The spec runs (tox envs)
    still render every figure; `run_spec(..., render_plots=True)` renders them here too."""

    PLACEHOLDER = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
                   "60e6kgAAAABJRU5ErkJggg==")  # a 1×1 PNG

    def __init__(self):
        self._restore = None

    def pytest_configure(self, config):
        from fixtures.core import plots

        def closed(figure) -> str:
            plots.plt.close(figure)
            return self.PLACEHOLDER

        self._restore = (plots, plots.figure_to_base64_png)
        plots.figure_to_base64_png = closed

    def pytest_unconfigure(self, config):
        if self._restore is not None:
            module, original = self._restore
            module.figure_to_base64_png = original
            self._restore = None


@pytest.fixture
def run_spec(pytester, tmp_path, spec_baselines, spec_run):
    def run(target: str | list[str], *args: str, render_plots: bool = False) -> dict[str, dict]:
        targets = [target] if isinstance(target, str) else list(target)
        paths = [t if t.startswith("/") else str(SPECS / t) for t in targets]
        report_dir = tmp_path / "reports"
        claims_file = report_dir / "selftest" / "claims.json"
        claims_file.unlink(missing_ok=True)   # never read back an earlier run's verdicts
        result = pytester.runpytest_inprocess(
            *paths, "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
            "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly",
            "--report-dir", str(report_dir), "--env-name", "selftest", "-q", *args,
            plugins=[] if render_plots else [_FiguresNotRasterised()])
        if not claims_file.exists():
            pytest.fail("the spec run wrote no claims.json:\n" + "\n".join(result.outlines[-30:]))
        document = json.loads(claims_file.read_text())
        run.last_result = result
        return {claim["id"]: claim for claim in document["claims"]}

    run.cache = spec_baselines
    run.spec_run = spec_run
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
