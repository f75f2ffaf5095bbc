"""`--course PATH` with the page OUTSIDE the checkout, as a course repository's CI runs it.

Each form runs pytest from the checkout root (the working directory), the way a user (or tox's
`pytest specs ... {posargs}`) does, with pages in a temporary folder outside the tree:
absolute, `../` relative, several pages, `--course=PATH`. In this process (pytester), with no
--rootdir or -c: pytest finds the checkout's configuration from the working directory and the
paths, as it does for the user; a subprocess would only add a TensorFlow import (≈ 7 s of CPU).
The shell runs the printed «reproduce:» command in the `slow` test below.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = "specs/s1_inicializacion_de_parametros/test_06_he_normal.py"
PAGE = """====== Fuera del repositorio ======

===== Inicialización de parámetros =====

Con el inicializador "he_normal" los pesos siguen una normal truncada.

<code python>
x = {value}
</code>
"""


def gate(pytester, monkeypatch, tmp_path: Path, *args: str):
    """pytest run from the checkout's root with `args`: (its result, the claims.json it wrote)."""
    reports = tmp_path / "reports"
    monkeypatch.chdir(ROOT)
    result = pytester.runpytest_inprocess(*args, "-p", "no:xdist", "-p", "no:cacheprovider", "-q",
                                          "--report-dir", str(reports), "--env-name", "paths")
    claims = reports / "paths" / "claims.json"
    doc = json.loads(claims.read_text(encoding="utf-8")) if claims.exists() else {}
    return result, doc


@pytest.fixture
def pages(tmp_path_factory) -> list[Path]:
    outside = tmp_path_factory.mktemp("curso")
    assert not outside.is_relative_to(ROOT)
    out = []
    for n in (1, 2):
        path = outside / f"pagina{n}.txt"
        path.write_text(PAGE.format(value=n), encoding="utf-8")
        out.append(path)
    return out


def _relative(path: Path) -> str:
    rel = os.path.relpath(path, ROOT)
    assert rel.startswith("..")
    return rel


def test_absolute_relative_and_several_pages_outside_the_checkout_in_the_tox_form(pytester, monkeypatch, tmp_path,
                                                                                   pages):
    """One run, every form at once: tox runs `pytest specs -n auto ... {posargs}`, so
    `tox -e tf221 -- --course ../x` puts the page's `../` path after `specs` (what pytest needs to find
    this checkout's configuration); `--course /abs/pagina1.txt --course=../…/pagina2.txt`: an absolute
    path, a relative one, the `=` spelling and two pages. Both pages run, and the claim is tied to the
    first. (One pytest run instead of one per form.)"""
    result, doc = gate(pytester, monkeypatch, tmp_path, "specs", "-k", "(he_normal and 400x2500) or snippet",
                       "--course", str(pages[0]), f"--course={_relative(pages[1])}")
    assert result.ret == 0, "\n".join(result.outlines[-60:] + result.errlines[-30:])
    assert [p["path"] for p in doc["course"]["pages"]] == [str(p) for p in pages]
    assert [s["id"] for p in doc["course"]["pages"] for s in p["snippets"]] == [
        "snippet.pagina1.inicializacion-de-parametros.1", "snippet.pagina2.inicializacion-de-parametros.1"]
    assert all(s["verdict"] == "holds" for p in doc["course"]["pages"] for s in p["snippets"])
    he = next(c for c in doc["claims"] if c["id"] == "init.he_normal")
    assert he["course"]["status"] == "found" and he["course"]["page"] == str(pages[0])
    assert he["tests"] and all("400x2500" in t for t in he["tests"])


def reproduce_line(run_spec, tmp_path) -> tuple[Path, str]:
    """Gate a page with a failing block, in a folder whose name has a space; its «reproduce:» command."""
    folder = tmp_path / "mi curso"
    folder.mkdir()
    page = folder / "pagina.txt"
    page.write_text(PAGE.format(value="np.zeros(3)"), encoding="utf-8")
    run_spec(SPEC.removeprefix("specs/"), "-k", "snippet", "--course", str(page))
    line = next(ln for ln in run_spec.last_result.outlines if ln.startswith("reproduce: "))
    return page, line.removeprefix("reproduce: ")


def test_a_reproduce_line_is_a_whole_command(run_spec, pytester, tmp_path):
    """What the shell makes of the line (shlex) is this interpreter and arguments that rerun the
    block from any folder: run here in-process from pytester's folder; the shell itself runs it in
    the slow test below."""
    page, command = reproduce_line(run_spec, tmp_path)
    argv = shlex.split(command)
    assert argv[:3] == [sys.executable, "-m", "pytest"] and argv[3] == str(ROOT / "specs")
    assert argv[argv.index("--course") + 1] == str(page) and f"--course '{page}'" in command
    result = pytester.runpytest_inprocess(*argv[3:])
    assert result.ret == 1 and "NameError: name 'np' is not defined" in "\n".join(result.outlines)
    result.assert_outcomes(failed=1)


@pytest.mark.slow
def test_a_reproduce_line_copied_from_the_output_runs_as_printed(run_spec, tmp_path):
    """The gate's «reproduce:» line, copied as it is and run by a shell from another folder,
    reruns that one block (the page sits in a folder whose name has a space)."""
    page, command = reproduce_line(run_spec, tmp_path)
    assert f"--course '{page}'" in command and command.endswith("-p no:xdist --no-report")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,  # noqa: S602
                          timeout=600)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 failed" in done.stdout and "NameError: name 'np' is not defined" in done.stdout
    assert "snippet-01[inicializacion-de-parametros-1]" in done.stdout and "deselected" in done.stdout
