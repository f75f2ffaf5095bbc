"""The author's loop on the published appendix, as a course repository runs it (slow: TensorFlow in every block).

From the published page with its gate sidecar and no errata, in a folder whose name has a
space: `python -m fixtures.gate.fix` proposes the page and its sidecars (exit 0 on this
interpreter's TensorFlow), the printed `cp` commands adopt them, and the gate on the adopted
page exits 0 — the page's blocks and the claim whose line the fix changed (`mish.course_usage`,
whose errata.toml entry expects the published page's bug) included. docs/course-gate.md shows
the same loop on TF 2.15 and TF 2.21 with its times.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "course"


def run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200, **kw)


@pytest.mark.slow
def test_fix_adopt_and_the_gate_is_green(tmp_path):
    folder = tmp_path / "mi curso"
    folder.mkdir()
    for name in ("apendices.txt", "apendices.gate.toml"):
        shutil.copy(EXAMPLES / name, folder / name)
    page = folder / "apendices.txt"
    fixed = run([sys.executable, "-m", "fixtures.gate.fix", str(page)], ROOT)
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-2000:]
    copies = [ln.strip() for ln in fixed.stdout.splitlines() if ln.startswith("  cp ")]
    assert len(copies) == 3 and all("'" in c for c in copies)          # quoted: the folder has a space
    for command in copies:                                            # as printed, by a shell
        assert run(["bash", "-c", command], tmp_path).returncode == 0
    assert "mish.course_usage" in (folder / "apendices.errata.toml").read_text(encoding="utf-8")
    gate = run([sys.executable, "-m", "pytest", "specs", "-p", "no:xdist", "-k", "snippet or course_usage",
                "--course", str(page), "--report-dir", str(tmp_path / "reports"), "--env-name", "loop"], ROOT)
    out = gate.stdout
    assert gate.returncode == 0, out[-4000:]
    assert "mish.course_usage (errata: stale)" in out and "(acknowledged: " in out
    assert "16 passed" in out or "passed" in out
