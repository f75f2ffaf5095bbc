"""The matrix page (fixtures/reports/matrix.py): merging claims.json files into reports/index.html.

Synthetic claims.json files (written with fixtures.reports.verdict_file, the writer the plugin uses)
stand for env runs; the page is parsed back with the standard library's HTML parser.
"""
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fixtures.reports import matrix, verdict_file

ROOT = Path(__file__).resolve().parents[2]

CLAIMS = [  # (id, section, module) in course order
    ("course.keras_is_tf_keras", "Código del curso", "specs/s0_curso/test_01_keras_is_tf_keras.py"),
    ("init.random_uniform", "Inicialización de parámetros",
     "specs/s1_inicializacion_de_parametros/test_01_random_uniform.py"),
    ("init.he_normal", "Inicialización de parámetros",
     "specs/s1_inicializacion_de_parametros/test_06_he_normal.py"),
    ("act.relu_alpha", "Usando funciones de activación en Keras", "specs/s2_activaciones/test_01_relu.py"),
]


def write_run(base: Path, env: str, tf: str, keras: str, flavor: str, verdicts: dict, *,
              expected: dict | None = None, report: bool = True, order=None) -> Path:
    """reports/<env>/claims.json (+ report.html) with the given {claim id: verdict}."""
    expected = expected or {}
    claims = []
    for cid, section, module in (order or CLAIMS):
        if cid not in verdicts:
            continue
        verdict, exp = verdicts[cid], expected.get(cid)
        claims.append({"id": cid, "section": section, "statement": f"«{cid}» <se cumple> & más",
                       "formula": "W ~ U(-a, a)", "anchor": "", "notes": [], "verdict": verdict,
                       "expected": exp, "matches_errata": verdict == (exp or "holds"),
                       "evidence": {}, "tests": [f"{module}::test_course_way"],
                       "test_verdicts": {"test_course_way": verdict}, "message": f"{cid}: measured"})
    document = {"schema": 1, "environment": {
        "env": env, "python": "3.11.7", "tensorflow": tf, "keras": keras, "keras_flavor": flavor,
        "numpy": "1.26.4", "device": "CPU (x86_64, 2 cores)", "seed": 20240601,
        "started": "2026-01-02T03:04:05+00:00", "duration_s": 61.5}, "claims": claims}
    path = base / env / "claims.json"
    verdict_file.write(path, document)
    if report:
        (base / env / "report.html").write_text("<html></html>")
    return path


class Page(HTMLParser):
    """Collects the matrix table: env columns, claim rows, cells (text, class, link)."""

    def __init__(self, text: str):
        super().__init__()
        self.columns, self.rows, self.sections, self.scripts = [], [], [], 0
        self._cell = None
        self._in_section = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "th" and "env" in a.get("class", "").split():
            self.columns.append(a["id"])
        if tag == "tr" and a.get("class") == "claim":
            self.rows.append({"id": a["data-claim"], "cells": []})
        if tag == "tr" and a.get("class") == "section":
            self._in_section = True
        if tag == "td" and "cell" in a.get("class", "").split():
            self._cell = {"env": a["data-env"], "class": a["class"], "text": "", "href": None}
            self.rows[-1]["cells"].append(self._cell)
        if tag == "a" and self._cell is not None:
            self._cell["href"] = a["href"]

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        if tag == "tr":
            self._in_section = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._in_section and data.strip():
            self.sections.append(data.strip())

    def cell(self, claim_id, env):
        row = next(r for r in self.rows if r["id"] == claim_id)
        return next(c for c in row["cells"] if c["env"] == env)


@pytest.fixture
def reports(tmp_path):
    base = tmp_path / "reports"
    ids = [c[0] for c in CLAIMS]
    # Written newest first: the page must still put the oldest TensorFlow first.
    write_run(base, "tf221-legacy", "2.21.0", "2.21.0", "tf_keras",
              {**dict.fromkeys(ids, "holds"), "course.keras_is_tf_keras": "refuted"},
              expected={"course.keras_is_tf_keras": "refuted"})
    write_run(base, "tf221", "2.21.0", "3.15.1", "keras3",
              {**dict.fromkeys(ids, "holds"), "act.relu_alpha": "api-drift"})
    write_run(base, "tf212", "2.12.1", "2.12.0", "keras2",
              {cid: "holds" for cid in ids if cid != "act.relu_alpha"}, report=False)
    return base


def build(reports: Path, *patterns: str) -> tuple[Page, str]:
    out = reports / "index.html"
    matrix.build(list(patterns) or [str(reports / "*" / "claims.json")], out)
    text = out.read_text(encoding="utf-8")
    return Page(text), text


def test_every_claim_and_env_in_course_and_version_order(reports):
    page, _ = build(reports)
    assert page.columns == ["env-tf212", "env-tf221", "env-tf221-legacy"]
    assert [r["id"] for r in page.rows] == [c[0] for c in CLAIMS]
    assert page.sections == ["Código del curso", "Inicialización de parámetros",
                             "Usando funciones de activación en Keras"]
    assert all(len(r["cells"]) == 3 for r in page.rows)


def test_course_order_comes_from_the_spec_modules_not_file_order(tmp_path):
    reversed_order = list(reversed(CLAIMS))
    write_run(tmp_path, "a", "2.21.0", "3.15.1", "keras3", dict.fromkeys([c[0] for c in CLAIMS], "holds"),
              order=reversed_order)
    page, _ = build(tmp_path)
    assert [r["id"] for r in page.rows] == [c[0] for c in CLAIMS]


def test_cells_say_the_verdict_in_words_and_mark_the_errata(reports):
    page, _ = build(reports)
    holds = page.cell("init.he_normal", "tf221")
    assert "se cumple" in holds["text"] and "errata" not in holds["text"] and "v-holds" in holds["class"]
    known = page.cell("course.keras_is_tf_keras", "tf221-legacy")
    assert "falsa" in known["text"] and "≡ errata" in known["text"] and "known" in known["class"]
    surprise = page.cell("act.relu_alpha", "tf221")
    assert "API cambiada" in surprise["text"] and "≠ se esperaba «se cumple»" in surprise["text"]
    assert "unexpected" in surprise["class"]
    absent = page.cell("act.relu_alpha", "tf212")
    assert "no ejecutada" in absent["text"] and absent["href"] is None


def test_cells_link_to_the_claim_in_that_envs_report(reports):
    page, _ = build(reports)
    assert page.cell("init.he_normal", "tf221")["href"] == "tf221/report.html?collapsed=#claim-init.he_normal"
    assert page.cell("init.he_normal", "tf221-legacy")["href"].startswith("tf221-legacy/report.html")
    assert page.cell("init.he_normal", "tf212")["href"] is None  # no report.html next to its claims.json


def test_links_are_relative_to_where_the_page_goes(reports, tmp_path):
    out = tmp_path / "site" / "matrix.html"
    matrix.build([str(reports / "tf221" / "claims.json")], out)
    page = Page(out.read_text(encoding="utf-8"))
    assert page.cell("init.he_normal", "tf221")["href"].startswith("../reports/tf221/report.html?")


def test_student_reads_spanish_verdict_words_only(reports):
    """Cells, column counts and legend say «se cumple», «falsa» …; the English keys stay in
    data-verdict (for tools) and nowhere a student reads."""
    page, text = build(reports)
    shown = " ".join(c["text"] for r in page.rows for c in r["cells"])
    for english in ("holds", "refuted", "api-drift"):
        assert english not in shown
    assert 'data-verdict="api-drift"' in text
    assert "3 se cumple" in text or "4 se cumple" in text       # the env cards' counts
    assert "fallo del banco de pruebas" in text and "texto cambiado" in text   # the legend


def test_env_headers_and_static_html(reports):
    page, text = build(reports)
    assert page.scripts == 0 and "<script" not in text.lower()
    for fact in ("2.12.1", "3.15.1", "tf-keras (legacy)", "CPU (x86_64, 2 núcleos)", "20240601",
                 "2026-01-02 03:04 UTC", "62 s"):
        assert fact in text
    assert "&lt;se cumple&gt; &amp; más" in text  # statements are escaped, not markup


def test_cli_expands_globs_itself(reports):
    out = reports / "index.html"
    run = subprocess.run([sys.executable, "-m", "fixtures.reports.matrix", str(reports / "*" / "claims.json"),
                          "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "4 claims × 3 envs" in run.stdout and "1 verdict(s) not as the errata expect" in run.stdout
    assert len(Page(out.read_text(encoding="utf-8")).rows) == 4


@pytest.mark.parametrize("damage, words", [
    ("missing", "no such file"),
    ("corrupt", "not valid JSON"),
    ("schema", "expected a claims.json of schema 1 or 2, found schema 3"),
    ("truncated", "not valid JSON"),
])
def test_bad_claims_file_is_named_and_the_good_page_kept(reports, damage, words, capsys):
    out = reports / "index.html"
    matrix.main([str(reports / "*" / "claims.json"), "-o", str(out)])
    good = out.read_text(encoding="utf-8")
    bad = reports / "tf221" / "claims.json"
    if damage == "missing":
        bad.unlink()
    elif damage == "corrupt":
        bad.write_text("{not json")
    elif damage == "schema":
        bad.write_text(json.dumps({"schema": 3, "environment": {}, "claims": []}))
    else:
        bad.write_text(bad.read_text()[:200])
    capsys.readouterr()
    status = matrix.main([str(reports / "tf212" / "claims.json"), str(bad), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert str(bad) in err and words in err
    assert out.read_text(encoding="utf-8") == good
    assert not list(reports.glob(".index.html.*"))  # no half-written leftovers


def test_glob_matching_nothing_is_an_error(tmp_path, capsys):
    assert matrix.main([str(tmp_path / "*" / "claims.json"), "-o", str(tmp_path / "i.html")]) == 2
    assert "no claims.json matches" in capsys.readouterr().err
    assert not (tmp_path / "i.html").exists()


def test_two_files_for_one_env_is_an_error(reports, tmp_path, capsys):
    copy = tmp_path / "artifact" / "claims.json"
    copy.parent.mkdir()
    copy.write_text((reports / "tf221" / "claims.json").read_text())
    status = matrix.main([str(reports / "tf221" / "claims.json"), str(copy), "-o", str(tmp_path / "i.html")])
    assert status == 2 and "'tf221' is also in" in capsys.readouterr().err


def test_a_crash_while_writing_leaves_the_old_page(reports, monkeypatch):
    """The new page is written aside and renamed: a crash mid-write (here fsync failing
    after half the text is out) leaves the old page whole and no temporary file."""
    out = reports / "index.html"
    matrix.build([str(reports / "*" / "claims.json")], out)
    good = out.read_text(encoding="utf-8")

    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        matrix.build([str(reports / "tf221" / "claims.json")], out)
    assert out.read_text(encoding="utf-8") == good
    assert [p.name for p in reports.iterdir() if p.is_file()] == ["index.html"]
