"""«El apéndice, comprobado» (fixtures/reports/apendice.py): the course page annotated with the runs.

Synthetic claims.json files (written with fixtures.reports.verdict_file, the plugin's writer) and a
small course page in DokuWiki or Markdown; the page is parsed back with the standard
library's HTML parser. The browser checks (overflow at 390 px, contrast, print) are in
tests/reports/test_browser.py.
"""
from __future__ import annotations

import base64
import json
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fixtures.reports import apendice, verdict_file
from fixtures.reports.apendice_math import to_mathml

ROOT = Path(__file__).resolve().parents[2]

PAGE = """====== 6. Redes neuronales: Apendices ======

===== Inicialización de parámetros =====

El siguiente código en Python nos muestra los inicializadores con **he_normal** y [[https://keras.io|Keras]].

<code python>
model.add(Dense(1000, kernel_initializer="he_normal"))
</code>

<code>
       he_normal
std    0.044714
</code>

===== Tipos de funciones de activación en capas ocultas =====

==== ReLU y Leaky ReLU ====

La función tf.keras.activations.relu tiene un parámetro llamado alpha que la hace Leaky ReLU.((una nota))

$$swish(x)=x \\cdot \\frac{1}{1+e^{-x}}$$

<code python>
y=tf.keras.activations.relu(x, alpha=0.3)
</code>

  * Uso en Keras
    * anidado
"""

MD_PAGE = """# 6. Redes neuronales: Apendices

## Inicialización de parámetros

El siguiente código en Python nos muestra los inicializadores con `he_normal`.

```python
model.add(Dense(1000, kernel_initializer="he_normal"))
```

## Tipos de funciones de activación en capas ocultas

### ReLU y Leaky ReLU

La función tf.keras.activations.relu tiene un parámetro llamado alpha que la hace Leaky ReLU.

| a | b |
|---|---|
| 1 | 2 |

```python
y=tf.keras.activations.relu(x, alpha=0.3)
```
"""

CLAIMS = [  # id, section, anchor, module
    ("init.he_normal", "Inicialización de parámetros", 'kernel_initializer="he_normal"',
     "specs/s1_inicializacion_de_parametros/test_06_he_normal.py"),
    ("relu.alpha_is_leaky", "ReLU y Leaky ReLU", "tiene un parámetro llamado alpha",
     "specs/s3_tipos_de_funciones_de_activacion/test_02_relu_alpha.py"),
    ("relu.leaky_default", "ReLU y Leaky ReLU", "",
     "specs/s3_tipos_de_funciones_de_activacion/test_04_leaky_default.py"),
]


def tiny_png(seed: int = 0) -> str:
    """A valid 2×2 PNG, different per seed, as base64."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + bytes([seed % 256, 0, 0] * 2) for _ in range(2))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


def write_env(base: Path, env: str, tf: str, keras: str, flavor: str, verdicts: dict, *,
              plot_seed: int = 0, course: bool = True, messages: dict | None = None,
              provenance: dict | None = None, snippet_verdicts: tuple = ("holds", "holds")) -> Path:
    messages, provenance = messages or {}, provenance or {}
    claims = []
    for cid, section, anchor, module in CLAIMS:
        if cid not in verdicts:
            continue
        verdict = verdicts[cid]
        expected = None if verdict == "holds" else verdict
        evidence = {"test_course_way": {
            "rows": [{"check": "std", "expected": 0.0447, "measured": 0.04471, "tolerance": 1e-4,
                      "why": "sampling error", "ok": verdict == "holds"}],
            "notes": ["una nota"], "plots": [{"caption": f"{cid} plot", "png_b64": tiny_png(plot_seed)}]}}
        if cid == "relu.leaky_default":
            evidence["test_course_way"]["rows"].append(
                {"check": 'trampa: pendiente de activation="leaky_relu" (cadena)', "expected": "0.3",
                 "measured": 0.2, "tolerance": None, "why": "a student trap", "ok": None})
        claims.append({"id": cid, "section": section, "statement": f"Afirmación «{cid}» <b>",
                       "formula": r"\frac{2}{n}" if cid == "init.he_normal" else "x si x > 0",
                       "anchor": anchor, "notes": [],
                       "implied": "el curso lo da por hecho" if cid == "relu.leaky_default" else "",
                       "verdict": verdict, "expected": expected, "matches_errata": True,
                       "expected_provenance": provenance.get(cid, ""),
                       "evidence": evidence, "tests": [f"{module}::test_course_way"],
                       "test_verdicts": {"test_course_way": verdict}, "message": messages.get(cid, "")})
    document = {"schema": 2, "environment": {
        "env": env, "python": "3.11.7", "tensorflow": tf, "keras": keras, "keras_flavor": flavor,
        "numpy": "1.26.4", "device": "CPU", "seed": 20240601,
        "started": "2026-01-02T03:04:05+00:00", "duration_s": 61.5}, "claims": claims}
    if course:
        document["course"] = {"pages": [{"path": "apendices.txt", "snippets": [
            {"number": 1, "line": 8, "verdict": snippet_verdicts[0], "message": ""},
            {"number": 2, "line": 25, "verdict": snippet_verdicts[1],
             "message": "" if snippet_verdicts[1] == "holds" else
             "TypeError: relu() got an unexpected keyword argument 'alpha'\nreproduce: pytest …"}]}]}
    path = base / env / "claims.json"
    verdict_file.write(path, document)
    return path


class Parsed(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids, self.hrefs, self.cards, self.blocks, self.badges = set(), [], [], [], []
        self.scripts, self.imgs, self.external = 0, [], []
        self.lang = None
        self._badge = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        if tag == "article" and "card" in a.get("class", ""):
            self.cards.append(a["data-claim"])
        if tag == "figure" and "code" in a.get("class", "").split():
            self.blocks.append(int(a["data-block"]))
        if tag == "script":
            self.scripts += 1
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if tag in ("link", "img", "script", "iframe") and (a.get("src") or a.get("href") or "").startswith("http"):
            self.external.append(a)
        if "badge" in a.get("class", "").split():
            self._badge = {"verdict": a.get("data-verdict"), "text": ""}
            self.badges.append(self._badge)

    def handle_data(self, data):
        if self._badge is not None:
            self._badge["text"] += data


@pytest.fixture
def course(tmp_path):
    page = tmp_path / "apendices.txt"
    page.write_text(PAGE, encoding="utf-8")
    return page


@pytest.fixture
def runs(tmp_path):
    base = tmp_path / "reports"
    ids = [c[0] for c in CLAIMS]
    write_env(base, "tf221", "2.21.0", "3.15.1", "keras3",
              {**dict.fromkeys(ids, "holds"), "relu.alpha_is_leaky": "api-drift"}, plot_seed=1,
              messages={"relu.alpha_is_leaky": "test_course_way: ApiDrift: relu() has no alpha — on this "
                                               "version use: tf.keras.activations.relu(x, negative_slope=0.3)"},
              provenance={"relu.alpha_is_leaky": "bisected 2026-11-29: last holds 2.15.0, first api-drift 3.0.0 "
                                                 "(keras 2.15.0..3.0.0 with tensorflow-cpu==2.16.2)"},
              snippet_verdicts=("holds", "api-drift"))
    write_env(base, "tf215", "2.15.1", "2.15.0", "keras2", dict.fromkeys(ids, "holds"), plot_seed=2)
    return base


def build(runs: Path, course: Path, out: Path | None = None, *extra) -> tuple[Parsed, str]:
    out = out or runs / "apendice.html"
    status = apendice.main([str(runs / "*" / "claims.json"), "--course", str(course), "-o", str(out), *extra])
    assert status == 0
    text = out.read_text(encoding="utf-8")
    return Parsed(text), text


def test_every_claim_has_a_card_every_link_resolves_every_block_is_there(runs, course):
    page, text = build(runs, course)
    assert page.lang == "es" and page.scripts == 0 and not page.external
    assert page.cards == [c[0] for c in CLAIMS]
    missing = [h for h in page.hrefs if h not in page.ids]
    assert not missing, missing
    assert page.blocks == [8, 12, 25]            # both Python blocks and the output table
    assert all(src.startswith("data:image/png;base64,") for src in page.imgs) and page.imgs


def test_badges_in_spanish_one_per_env_oldest_first(runs, course):
    _, text = build(runs, course)
    assert "TF 2.15 · Keras 2" in text and "TF 2.21 · Keras 3" in text
    course = text[text.index('id="texto"'):]
    assert course.index("TF 2.15 · Keras 2") < course.index("TF 2.21 · Keras 3")
    for word in ("se cumple", "API cambiada"):
        assert word in text
    assert ">holds<" not in text and ">api-drift<" not in text
    assert "&lt;b&gt;" in text                   # statements escaped, not markup


def test_passages_marked_in_place_and_implied_claims_said(runs, course):
    _, text = build(runs, course)
    assert '<mark id="m-relu.alpha_is_leaky">tiene un parámetro llamado alpha</mark>' in text
    assert 'class="ln marked"' in text           # the code line of init.he_normal
    assert "implícita" in text and "el curso lo da por hecho" in text


def test_card_says_what_changes_the_spelling_that_works_and_since_when(runs, course):
    _, text = build(runs, course)
    card = text[text.index('id="c-relu.alpha_is_leaky"'):]
    card = card[:card.index("</article>")]
    assert "tf.keras.activations.relu(x, negative_slope=0.3)" in card
    assert "desde keras 3.0.0 (hasta 2.15.0: se cumple)" in card
    assert "esperado" in card and "medido" in card and "tolerancia" in card and "por qué" in card
    assert "pytest specs/s3_tipos_de_funciones_de_activacion/test_02_relu_alpha.py::test_course_way " \
           "--seed 20240601 -p no:xdist" in card   # shlex-quoted: nothing to quote in this id
    # two envs, different verdicts for the test: both measurements (and plots) are shown
    assert card.count("<img") == 2


def test_one_plot_when_the_envs_agree(runs, course):
    _, text = build(runs, course)
    card = text[text.index('id="c-init.he_normal"'):]
    card = card[:card.index("</article>")]
    assert card.count("<img") == 1 and "<math" in card   # the formula as MathML


def test_code_blocks_carry_the_gate_result_and_the_corrected_code(runs, course, tmp_path):
    fixes = tmp_path / "fix.json"
    fixes.write_text(json.dumps({"page": "apendices.txt", "blocks": [
        {"number": 2, "changes": [{"line": 25, "before": "relu(x, alpha=0.3)", "after": "relu(x, 0.3)",
                                   "why": "posicional: funciona en Keras 2 y 3"}],
         "corrected": "y=tf.keras.activations.relu(x, 0.3)", "proven_on": ["tf215", "tf221"]}]}))
    _, text = build(runs, course, None, "--fixes", str(fixes))
    block = text[text.index('id="b-25"'):]
    block = block[:block.index("</figure>")]
    assert "Bloque 2" in block and "API cambiada" in block and "unexpected keyword argument" in block
    assert "Código corregido" in block and "y=tf.keras.activations.relu(x, 0.3)" in block
    assert "tf215, tf221" in block and 'class="ln changed"' in block
    assert "reproduce:" not in block


def test_course_fix_record_is_read_as_course_fix_writes_it(runs, course, tmp_path):
    """`<stem>.fix.json` of python -m fixtures.gate.fix: one entry per fixed page line."""
    fixes = tmp_path / "apendices.fix.json"
    fixes.write_text(json.dumps({"page": "examples/course/apendices.txt", "corrected": "apendices.corregido.txt",
                                 "versions": ["TF 2.15.1 / Keras 2.15.0", "TF 2.21.0 / Keras 3.15.1"],
                                 "fixes": [{"block": "snippet.apendices.relu-y-leaky-relu.1", "block_line": 1,
                                            "page_line": 25, "before": "y=tf.keras.activations.relu(x, alpha=0.3)",
                                            "after": ["import numpy as np", "y=tf.keras.activations.relu(x, 0.3)"],
                                            "why": ["passed by position the slope works on Keras 2 and 3"],
                                            "why_es": ["pasada por posición, la pendiente sirve en Keras 2 y 3"],
                                            "proven_on": ["TF 2.15.1 / Keras 2.15.0", "TF 2.21.0 / Keras 3.15.1"],
                                            "fails_on": []}],
                                 "remaining": [], "final": {}}))
    _, text = build(runs, course, None, "--fixes", str(fixes))
    block = text[text.index('id="b-25"'):]
    block = block[:block.index("</figure>")]
    assert "<pre tabindex=\"0\"><code>import numpy as np\ny=tf.keras.activations.relu(x, 0.3)</code></pre>" in block
    assert "comprobado en TF 2.15.1 / Keras 2.15.0, TF 2.21.0 / Keras 3.15.1" in block
    assert "por qué: pasada por posición" in block and "passed by position" not in block   # Spanish only


def test_fixes_glob_matching_nothing_is_no_fixes(runs, course, tmp_path):
    _, text = build(runs, course, None, "--fixes", str(tmp_path / "nothing" / "*.fix.json"))
    assert "Código corregido" not in text


def test_summary_and_traps(runs, course):
    _, text = build(runs, course)
    top = text[text.index('id="resumen"'):text.index('id="texto"')]
    assert "3 de 3" in top and "2 de 3" in top
    assert "relu.alpha_is_leaky" in top and "API cambiada en TF 2.21 · Keras 3" in top
    assert "init.he_normal</code></a> —" not in top         # holds everywhere: not listed
    assert "pendiente <strong>0.2</strong>" in top and 'href="#c-relu.leaky_default"' in top


def test_env_without_gate_results_is_said(runs, course, tmp_path):
    write_env(runs, "tf212", "2.12.1", "2.12.0", "keras2", {"init.he_normal": "holds"}, course=False)
    _, text = build(runs, course)
    assert "Sin resultado de los bloques en: TF 2.12 · Keras 2" in text


def test_markdown_page(runs, tmp_path):
    md = tmp_path / "apendices.md"
    md.write_text(MD_PAGE, encoding="utf-8")
    page, text = build(runs, md)
    assert "<table" in text and "<code>he_normal</code>" in text
    assert len(page.blocks) == 2 and '<mark id="m-relu.alpha_is_leaky">' in text


def test_mathml_without_javascript():
    out = to_mathml(r"\frac{1}{1+e^{-x}} \\ p=\sqrt{\pi}", display=True)
    assert out.count('<math display="block"') == 2 and 'class="mathrows"' in out   # one per line
    assert "<mfrac>" in out and "<msqrt>" in out and 'encoding="application/x-tex"' in out
    assert "<mi>a</mi><mi>x</mi>" in to_mathml("ax+b") and "<mo>−</mo>" in to_mathml("1-p")
    assert "<mtext>\\unknowncmd</mtext>" in to_mathml(r"\unknowncmd x")


@pytest.mark.parametrize("damage, words", [
    ("missing", "no such file"),
    ("corrupt", "not valid JSON"),
    ("empty", "has no claim results"),
    ("page", "cannot tell the page's format"),
    ("fixes", "not valid JSON"),
])
def test_bad_input_is_named_and_the_good_page_kept(runs, course, tmp_path, damage, words, capsys):
    out = runs / "apendice.html"
    build(runs, course, out)
    good = out.read_text(encoding="utf-8")
    bad = runs / "tf221" / "claims.json"
    args = [str(runs / "tf215" / "claims.json"), str(bad), "--course", str(course), "-o", str(out)]
    if damage == "missing":
        bad.unlink()
    elif damage == "corrupt":
        bad.write_text("{not json")
    elif damage == "empty":
        document = json.loads(bad.read_text())
        verdict_file.write(bad, {**document, "claims": []})
    elif damage == "page":
        bad = tmp_path / "blank.txt"
        bad.write_text("solo texto, sin títulos\n")
        args[3] = str(bad)
    else:
        bad = tmp_path / "fix.json"
        bad.write_text("{")
        args += ["--fixes", str(bad)]
    capsys.readouterr()
    assert apendice.main(args) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and words in err and "left as it was" in err
    assert out.read_text(encoding="utf-8") == good
    assert not list(runs.glob(".apendice.html.*"))


def test_schema_1_artifacts_still_build(runs, course):
    path = runs / "tf215" / "claims.json"
    document = json.loads(path.read_text())
    document["schema"] = 1
    for claim in document["claims"]:
        for ev in claim["evidence"].values():
            ev.pop("plots")
    path.write_text(json.dumps(document))
    page, _ = build(runs, course)
    assert len(page.cards) == 3


def test_default_page_every_block_present(runs):
    """Without --course: the shipped example page; every code block of it is on the page."""
    import fixtures.course_text as cs
    out = runs / "default.html"
    assert apendice.main([str(runs / "*" / "claims.json"), "-o", str(out)]) == 0
    page = Parsed(out.read_text(encoding="utf-8"))
    assert page.blocks == [b.line for b in cs.load_page(apendice.DEFAULT_PAGE).blocks]


def test_cli_runs_as_a_module(runs, course):
    out = runs / "cli.html"
    run = subprocess.run([sys.executable, "-m", "fixtures.reports.apendice", str(runs / "*" / "claims.json"),
                          "--course", str(course), "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "3 claims × 2 envs" in run.stdout and out.is_file()
    probe = subprocess.run([sys.executable, "-c", "import sys, fixtures.reports.apendice; "
                            "print(sorted(m for m in ('numpy', 'tensorflow') if m in sys.modules))"],
                           cwd=ROOT, capture_output=True, text=True)
    assert probe.stdout.strip() == "[]"
