"""Every `python -m fixtures.…` command the project names answers `--help`.

The commands are found where a reader meets them — README.md, docs/, tox.ini, .ci/run,
the workflows — so a module that moves without its documentation fails here, naming the
file that still points at the old name.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMAND = re.compile(r"python[0-9.]* -m (fixtures(?:\.[a-z_]+)+)")


def documents() -> list[Path]:
    paths = [ROOT / "README.md", ROOT / "tox.ini", ROOT / ".ci" / "run"]
    paths += sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    return [p for p in paths if p.exists()]


def named_commands() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in documents():
        for module in COMMAND.findall(path.read_text(encoding="utf-8")):
            found.setdefault(module, []).append(path.relative_to(ROOT).as_posix())
    return found


def test_the_documents_name_commands():
    assert {"fixtures.bisect", "fixtures.gate.fix", "fixtures.reports.matrix", "fixtures.reports.apendice"} \
        <= set(named_commands())


@pytest.mark.parametrize("module", sorted(named_commands()))
def test_named_command_answers_help(module):
    where = ", ".join(sorted(set(named_commands()[module])))
    done = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"`python -m {module} --help` (named in {where}) exits {done.returncode}:\n" \
                                 f"{done.stderr[-2000:]}"
    assert "usage:" in done.stdout.lower(), f"`python -m {module} --help` (named in {where}) prints no usage"
