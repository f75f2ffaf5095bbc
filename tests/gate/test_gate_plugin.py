"""The course gate end to end: snippets run as written, claims tied to their text, bad input reported.

`pytest --course PAGE` in-process with pytester, on one fast initializer test
(`test_06_he_normal.py -k 400x2500`) plus the page's snippet tests, reading claims.json.
The runner on its own: tests/gate/test_runner.py. The page's errata: test_page_errata.py.
The examples/course pages themselves (TensorFlow in every block) run in the `slow` tests.
"""
from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

from fixtures.core.claims import (
    API_DRIFT,
    ERROR,
    HOLDS,
    SKIPPED,
    STALE,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "course"
SPEC = "s1_inicializacion_de_parametros/test_06_he_normal.py"
ONE_TEST = "400x2500"


# ================================================================ the plugin, end to end

def page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


FAST_DOKUWIKI = """
====== Página de prueba ======

===== Inicialización de parámetros =====

Con el inicializador "he_normal" los pesos siguen una normal truncada.

<code python>
def relu(x, negative_slope=0.0):
    return max(x, negative_slope * x)

y = relu(-2.0, negative_slope=0.3)
y
</code>

<code python>
y = relu(-2.0, alpha=0.3)
</code>

===== Uso de la GPU =====

<code python>
# spec: skip needs a GPU
import gpu_stuff
</code>

<code>
[-0.6]
</code>

===== Tiempo de cálculo =====

Sin código.
"""

FAST_MARKDOWN = """
# Página de prueba

## Inicialización de parámetros

Con el inicializador "he_normal" los pesos siguen una normal truncada.

```python
def relu(x, negative_slope=0.0):
    return max(x, negative_slope * x)

y = relu(-2.0, negative_slope=0.3)
y
```

```python
y = relu(-2.0, alpha=0.3)
```

## Uso de la GPU

<!-- spec: skip needs a GPU -->
```python
import gpu_stuff
```

```
[-0.6]
```

## Tiempo de cálculo

Sin código.
"""


def claims_document(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "reports" / "selftest" / "claims.json").read_text(encoding="utf-8"))


def run_gate(run_spec, tmp_path, *args, select=f"{ONE_TEST} or snippet"):
    claims = run_spec(SPEC, "-k", select, *args)
    return claims, claims_document(tmp_path), run_spec.last_result


@pytest.mark.parametrize("text, name", [(FAST_DOKUWIKI, "page.txt"), (FAST_MARKDOWN, "page.md")],
                         ids=["dokuwiki", "markdown"])
def test_gate_reports_every_block_and_ties_every_claim(run_spec, tmp_path, text, name):
    path = page(tmp_path, text, name)
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path))
    # the claim: verdict unchanged, tied to its passage
    he = claims["init.he_normal"]
    assert he["verdict"] == HOLDS
    assert he["course"]["status"] == "found" and he["course"]["heading"] == "Inicialización de parámetros"
    assert 'inicializador "he_normal"' in he["course"]["passage"]
    # every Python block is a test with a verdict; names carry "snippet", heading and position
    course = doc["course"]
    (pg,) = course["pages"]
    assert pg["format"] == ("dokuwiki" if name.endswith(".txt") else "markdown")
    assert [(s["name"], s["verdict"]) for s in pg["snippets"]] == [
        ("snippet-01[inicializacion-de-parametros-1]", HOLDS),
        ("snippet-02[inicializacion-de-parametros-2]", API_DRIFT),
        ("snippet-03[uso-de-la-gpu-1]", SKIPPED)]
    drift = pg["snippets"][1]
    assert drift["id"] == "snippet.page.inicializacion-de-parametros.2"
    assert drift["failing"]["text"] == "y = relu(-2.0, alpha=0.3)"
    assert drift["failing"]["page_line"] == path.read_text().splitlines().index("y = relu(-2.0, alpha=0.3)") + 1
    assert pg["snippets"][0]["value"] == "-0.6"
    assert pg["other_blocks"] == 1
    # uncovered headings, in the document and in the terminal
    assert pg["uncovered"] == ["Uso de la GPU", "Tiempo de cálculo"]
    assert course["summary"]["claims_found"] == 1 and course["summary"]["claims_stale"] == 0
    out = "\n".join(result.outlines)
    assert "uncovered headings (no claim under them): 2" in out and "Tiempo de cálculo" in out
    assert "init.he_normal → «Inicialización de parámetros»" in out
    assert "api-drift: «Inicialización de parámetros», block 2" in out     # the failure says where
    result.assert_outcomes(passed=2, failed=1, skipped=2)   # the drift fails the gate; no model to run
    # the HTML report shows the passage under the claim
    html = (tmp_path / "reports" / "selftest" / "report.html").read_text(encoding="utf-8")
    assert "Pasaje del curso que comprueba" in html and "course-snippet" in html
    assert "Apartados sin ninguna afirmación" in html and "se cumple" in html


def test_removed_passage_makes_the_claim_stale(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI.replace('"he_normal"', "de He"))
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), select=ONE_TEST)
    he = claims["init.he_normal"]
    assert he["verdict"] == STALE and not he["matches_errata"]
    assert he["course"]["status"] == "stale" and "no longer under «Inicialización de parámetros»" in he["course"]["why"]
    assert "the check itself: holds" in he["message"]
    assert doc["course"]["stale"] == ["init.he_normal"]
    result.assert_outcomes(failed=1)
    assert "stale claim init.he_normal" in "\n".join(result.outlines)


def test_removed_heading_makes_the_claim_stale_once(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI.replace("Inicialización de parámetros", "Pesos iniciales"))
    claims, _, result = run_gate(run_spec, tmp_path, "--course", str(path), select="other_shapes")
    assert claims["init.he_normal"]["verdict"] == STALE
    assert "heading «Inicialización de parámetros» is no longer on the page" in claims["init.he_normal"]["message"]
    result.assert_outcomes(failed=1, passed=2)        # the claim's first test fails, not all three


def test_errata_can_acknowledge_a_stale_claim(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI.replace('"he_normal"', "de He"))
    errata = tmp_path / "errata.toml"
    errata.write_text('[[erratum]]\nclaim = "init.he_normal"\nverdict = "stale"\n'
                      'reason = "the author rewrote the paragraph; claim under review"\n')
    claims, _, result = run_gate(run_spec, tmp_path, "--course", str(path), "--errata", str(errata),
                                 select=ONE_TEST)
    he = claims["init.he_normal"]
    assert he["verdict"] == STALE and he["expected"] == STALE and he["matches_errata"]
    assert result.ret == 0


def test_errata_expecting_stale_fails_when_the_passage_is_back(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI)
    errata = tmp_path / "errata.toml"
    errata.write_text('[[erratum]]\nclaim = "init.he_normal"\nverdict = "stale"\nreason = "r"\n')
    claims, _, result = run_gate(run_spec, tmp_path, "--course", str(path), "--errata", str(errata),
                                 select=ONE_TEST)
    assert claims["init.he_normal"]["verdict"] == HOLDS and not claims["init.he_normal"]["matches_errata"]
    result.assert_outcomes(failed=1)
    assert f"{errata}, erratum #1 expects init.he_normal to be stale, but its passage is on the page" in \
        "\n".join(result.outlines) and f"delete this entry from {errata}" in "\n".join(result.outlines)


def test_errata_for_a_snippet(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI)
    errata = tmp_path / "errata.toml"
    errata.write_text('[[erratum]]\nclaim = "snippet.page.inicializacion-de-parametros.2"\n'
                      'verdict = "api-drift"\nreason = "alpha renamed"\n'
                      '[[erratum]]\nclaim = "snippet.page.inicializacion-de-parametros.1"\n'
                      'verdict = "api-drift"\nreason = "wrongly expected"\n')
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), "--errata", str(errata),
                              select="snippet")
    snippets = doc["course"]["pages"][0]["snippets"]
    assert [(s["verdict"], s["expected"]) for s in snippets[:2]] == [(HOLDS, API_DRIFT), (API_DRIFT, API_DRIFT)]
    result.assert_outcomes(failed=1, xfailed=1, skipped=2)
    out = "\n".join(result.outlines)
    assert (f"{errata}, erratum #2 expects api-drift for snippet.page.inicializacion-de-parametros.1 "
            f"(wrongly expected), but it now holds: delete this entry from {errata}") in out
    assert "id snippet.page.inicializacion-de-parametros.1  (expected: api-drift" in out    # the terminal names ids
    assert snippets[0]["errata_id"] == "snippet.page.inicializacion-de-parametros.1" and snippets[0]["delete_entry"]


def test_snippets_only_run_still_writes_the_course_report(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI)
    claims, doc, _ = run_gate(run_spec, tmp_path, "--course", str(path), select="snippet")
    assert claims == {} and len(doc["course"]["pages"][0]["snippets"]) == 3
    assert (tmp_path / "reports" / "selftest" / "report.html").exists()


# ---------------------------------------------------------------- bad input: a clear message, the run goes on

BAD_PAGES = {
    "missing file": (None, "no such file"),
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
    "not UTF-8": ("====== Título ======\n".encode("latin-1"), "is not UTF-8"),
    "empty page": (b"\n\n", "the page is empty"),
    "unknown format": ("Un texto sin ninguna marca.\n".encode(), "cannot tell the page's format"),
    "a directory": ("dir", "is a directory"),
}


@pytest.mark.parametrize("case", list(BAD_PAGES))
def test_bad_page_is_one_failing_test_with_the_reason(run_spec, tmp_path, case):
    content, message = BAD_PAGES[case]
    path = tmp_path / "bad.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path))
    assert claims["init.he_normal"]["verdict"] == HOLDS            # the rest of the run went on
    assert message in doc["course"]["pages"][0]["problem"]
    result.assert_outcomes(passed=1, failed=1)
    out = "\n".join(result.outlines)
    assert f"course page {path}: " in out and message in out
    assert "Traceback" not in out and "INTERNALERROR" not in out


def test_page_without_code_blocks(run_spec, tmp_path):
    path = page(tmp_path, "====== A ======\n\n===== Inicialización de parámetros =====\n\nCon \"he_normal\".\n")
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path))
    assert claims["init.he_normal"]["course"]["status"] == "found"
    result.assert_outcomes(passed=1, skipped=1)
    assert "no Python code blocks on this page" in doc["course"]["pages"][0]["notes"][0]


def test_hanging_block(run_spec, tmp_path):
    path = page(tmp_path, """
        ===== Inicialización de parámetros =====
        "he_normal"
        <code python>
        x = 1
        </code>
        <code python>
        import time
        while True:
            time.sleep(0.05)
        </code>
        <code python>
        x
        </code>
        """)
    start = time.monotonic()
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), "--course-timeout", "2")
    assert time.monotonic() - start < 60
    assert claims["init.he_normal"]["verdict"] == HOLDS
    snippets = doc["course"]["pages"][0]["snippets"]
    assert [s["verdict"] for s in snippets] == [HOLDS, ERROR, SKIPPED]
    assert "did not finish within 2 s" in snippets[1]["message"]
    assert "not run: «Inicialización de parámetros», block 2" in snippets[2]["message"]
    result.assert_outcomes(passed=2, failed=1, skipped=2)   # + the models test: nothing to run


def test_unknown_directive_fails_its_block(run_spec, tmp_path):
    path = page(tmp_path, "===== A =====\n<code python>\n# spec: isolatd\nx = 1\n</code>\n")
    _, doc, _ = run_gate(run_spec, tmp_path, "--course", str(path), select="snippet")
    (s,) = doc["course"]["pages"][0]["snippets"]
    assert s["verdict"] == ERROR and "unknown directive `spec: isolatd`" in s["message"]


def test_invalid_format_option_is_a_usage_error(pytester):
    result = pytester.runpytest_inprocess(str(ROOT / "specs" / SPEC), "--rootdir", str(ROOT), "-c",
                                          str(ROOT / "pyproject.toml"), "-p", "no:cacheprovider",
                                          "--no-report", "--course", "x.txt", "--course-format", "rst")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "argument --course-format: invalid choice: 'rst'" in "\n".join(result.errlines)


def test_forced_format_that_does_not_fit(run_spec, tmp_path):
    path = page(tmp_path, "====== A ======\n<code python>\nx = 1\n</code>\n")
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), "--course-format", "markdown")
    assert "read as markdown, but it has no headings" in doc["course"]["pages"][0]["problem"]
    result.assert_outcomes(passed=1, failed=1)
    path = page(tmp_path, FAST_DOKUWIKI)      # its `# spec:` line reads as a Markdown heading
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), "--course-format", "markdown")
    assert doc["course"]["pages"][0]["warnings"] == [
        "read as markdown (--course-format), but the text looks like dokuwiki"]
    assert "warning: read as markdown" in "\n".join(result.outlines)


def test_missing_prelude(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI)
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(path),
                              "--course-prelude", str(tmp_path / "nope.py"))
    problem = doc["course"]["pages"][0]["problem"]
    assert "its prelude" in problem and "no such file" in problem
    result.assert_outcomes(passed=1, failed=1)


# ================================================================ the example pages (TensorFlow in the blocks)

@pytest.mark.slow
def test_example_pages_in_both_formats(run_spec, tmp_path, tf):
    """examples/course/ejemplo.{txt,md}: the same verdicts from both formats, on this Keras."""
    from fixtures.core.environment import keras_flavor
    keras3 = keras_flavor(tf) == "keras3"
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(EXAMPLES / "ejemplo.txt"),
                                   "--course", str(EXAMPLES / "ejemplo.md"))
    assert claims["init.he_normal"]["course"]["status"] == "found"
    drift = API_DRIFT if keras3 else HOLDS
    expected = [HOLDS, HOLDS, HOLDS, HOLDS, HOLDS, drift, SKIPPED]
    for pg in doc["course"]["pages"]:
        assert pg["prelude"].endswith("ejemplo.prelude.py")
        assert [s["verdict"] for s in pg["snippets"]] == expected, pg["path"]
        models = {(m["name"], m["block"] == "page"): m for m in pg["models"]["models"]}
        relu = models[("relu_model", True)]
        assert relu["verdict"] == drift, relu["message"]
        if keras3:   # added without complaint, fails only when run: the line is the lambda's
            assert relu["failing"]["text"].startswith("lambda x: tf.keras.activations.relu(x, alpha=0.3)")
        assert models[("model", True)]["verdict"] == HOLDS
        assert models[("model", False)]["verdict"] == HOLDS      # the isolated fragment's, from the prelude
        assert pg["uncovered"] == ["Usando funciones de activación en Keras", "Funciones personalizadas",
                                   "Funciones con nombre", "ReLU y Leaky ReLU", "Uso de la GPU",
                                   "Tiempo de cálculo"]


@pytest.mark.slow
def test_under_xdist_each_page_runs_once(pytester, tmp_path):
    marker = tmp_path / "runs.log"
    path = page(tmp_path, f"""
        ===== A =====
        <code python>
        open({str(marker)!r}, "a").write("run\\n")
        </code>
        <code python>
        x = 1
        </code>
        <code python>
        x + 1
        </code>
        """)
    result = pytester.runpytest_subprocess(
        str(ROOT / "specs" / SPEC), "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
        "-p", "no:cacheprovider", "-n", "2", "-k", "snippet", "--course", str(path),
        "--report-dir", str(tmp_path / "reports"), "--env-name", "selftest")
    result.assert_outcomes(passed=3, skipped=1)
    assert marker.read_text() == "run\n"
    doc = claims_document(tmp_path)
    assert [s["verdict"] for s in doc["course"]["pages"][0]["snippets"]] == [HOLDS] * 3
