"""Issue 17 on the pages: readings side by side, and every word a student reads in Spanish.

Synthetic claims.json files (tests/reports/test_apendice.py's writer, then the issue's cases added:
readings, English provenance and reasons, a course gate message with its old English hint, a fix
with only an English `why`) built into both pages; then the English detector of
tests/reports/english.py reads the visible prose. It must find nothing on the pages as built, and
must find a planted English sentence.
"""
from __future__ import annotations

import json

import pytest

from fixtures.reports import apendice, matrix
from tests.reports.english import english_runs, reads_english
from tests.reports.test_apendice import CLAIMS, PAGE, write_env

READINGS = {   # claim → [(reading, source, verdict, detail)] per env (tf215, tf221)
    "init.he_normal": [("«mejor» como lo define el curso: menos `épocas`", "course", "holds", "2 de 3 problemas"),
                       ("menor pérdida final (contexto)", "spec", "refuted", "0 de 3 problemas")],
    "relu.leaky_default": [("«muy similar»: cociente ≤ ½", "spec", "refuted", "cociente 0.662"),
                           ("«similar»: cociente < 1", "spec", "holds", "cociente 0.662")],
}
HEADLINE = {"init.he_normal": "holds", "relu.leaky_default": "inconclusive"}
OLD_HINT = ("(a fragment that needs names defined elsewhere? give the page a prelude (--course-prelude or "
            "<page>.prelude.py) or mark the block `# spec: isolated` or `# spec: skip <reason>`)")


def _edit(path, env_name):
    doc = json.loads(path.read_text(encoding="utf-8"))
    for claim in doc["claims"]:
        if claim["id"] in READINGS:
            claim["readings"] = [{"reading": r, "source": s, "verdict": v, "detail": f"{d} ({env_name})",
                                  "test": "test_course_way"} for r, s, v, d in READINGS[claim["id"]]]
            claim["verdict"] = HEADLINE[claim["id"]]
            claim["test_verdicts"] = {"test_course_way": claim["verdict"]}
            claim["message"] = ("test_course_way: Inconclusive: the readings disagree and the course defines none: …"
                                if claim["verdict"] == "inconclusive" else "")
        if claim["id"] == "relu.alpha_is_leaky":
            claim["statement"] = "`tf.keras.activations.relu(x, alpha=0.3)` es Leaky ReLU"
        if claim["id"] == "relu.alpha_is_leaky" and claim["verdict"] != "holds":
            claim["expected_reason"] = "Keras 3 renamed alpha to negative_slope, which is the only name"   # no razon
            claim["expected_provenance"] = "no bound: refuted on every env of the matrix (tf215, tf221)"
    snippet = doc["course"]["pages"][0]["snippets"][1]
    if snippet["verdict"] != "holds":
        snippet.update(status="error", message=(
            "«ReLU y Leaky ReLU», block 2 (line 25), line 1 (page line 25): y=tf.keras.activations.relu(x, alpha=0.3)\n"
            "`y=tf.keras.activations.relu(x, alpha=0.3)` is rejected by this version's signature (TypeError: relu() "
            "got an unexpected keyword argument 'alpha')\n" + OLD_HINT),
            failing={"where": "«ReLU y Leaky ReLU», block 2 (line 25)", "block_line": 1, "page_line": 25,
                     "text": "y=tf.keras.activations.relu(x, alpha=0.3)"})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def pages(tmp_path):
    base = tmp_path / "reports"
    ids = [c[0] for c in CLAIMS]
    for env, tf, keras, flavor in (("tf221", "2.21.0", "3.15.1", "keras3"), ("tf216", "2.16.2", "3.0.0", "keras3"),
                                   ("tf215", "2.15.1", "2.15.0", "keras2")):
        verdicts = {**dict.fromkeys(ids, "holds"), **({"relu.alpha_is_leaky": "api-drift"} if keras[0] == "3" else {})}
        path = write_env(base, env, tf, keras, flavor, verdicts, snippet_verdicts=(
            "holds", "api-drift" if keras[0] == "3" else "holds"))
        _edit(path, env)
    page = tmp_path / "apendices.txt"
    page.write_text(PAGE, encoding="utf-8")
    fixes = tmp_path / "apendices.fix.json"
    fixes.write_text(json.dumps({"page": "apendices.txt", "fixes": [{
        "page_line": 25, "before": "y=tf.keras.activations.relu(x, alpha=0.3)",
        "after": ["y=tf.keras.activations.relu(x, 0.3)"], "why": ["`np` is used but never imported on the page"],
        "proven_on": ["TF 2.15.1 / Keras 2.15.0"]}]}), encoding="utf-8")
    out = tmp_path / "apendice.html"
    assert apendice.main([str(base / "*" / "claims.json"), "--course", str(page), "--fixes", str(fixes),
                          "-o", str(out)]) == 0
    index = tmp_path / "index.html"
    assert matrix.main([str(base / "*" / "claims.json"), "-o", str(index)]) == 0
    return out.read_text(encoding="utf-8"), index.read_text(encoding="utf-8")


def _card(text, cid):
    card = text[text.index(f'id="c-{cid}"'):]
    return card[:card.index("</article>")]


def test_each_card_shows_its_readings_as_a_table(pages):
    text, index = pages
    card = _card(text, "init.he_normal")
    table = card[card.index('<table class="readings">'):card.index("</table>")]
    assert "Decide la que da el propio curso" in table and "lectura</th>" in table and "veredicto</th>" in table
    assert table.index("El curso</span>") < table.index("menor pérdida final")
    assert "<code>épocas</code>" in table and "2 de 3 problemas (tf221)" in table
    assert table.count('data-verdict="holds"') == 3 and table.count('data-verdict="refuted"') == 3   # 3 envs each
    other = _card(text, "relu.leaky_default")
    assert "solo hay veredicto cuando todas las lecturas coinciden" in other
    assert "La especificación</span>" in other
    row = index[index.index('id="row-init.he_normal"'):]
    row = row[:row.index("</tr>\n    <tr class=\"claim\"")]
    assert 'class="readings"' in row and "decide la del curso" in row and row.count("✔ se cumple") >= 3


def test_the_course_reading_and_the_context_in_what_the_appendix_does_not_say(pages):
    text, _ = pages
    traps = text[text.index('id="trampas"'):text.index("</section>", text.index('id="trampas"'))]
    assert "init.he_normal" in traps and "que es la que decide" in traps and "menor pérdida final" in traps
    assert "relu.leaky_default</code></a>: el veredicto" not in traps   # no course reading: nothing to contrast


def test_one_python_message_per_distinct_message_naming_the_envs(pages):
    text, _ = pages
    block = text[text.index('id="b-25"'):]
    block = block[:block.index("</figure>")]
    assert block.count('class="gate-msg"') == 1                        # tf216 and tf221 print the same
    box = block[block.index('class="gate-msg"'):]
    assert "TF 2.16 · Keras 3" in box and "TF 2.21 · Keras 3" in box and "estas 2 versiones" in box
    assert "TypeError: relu() got an unexpected keyword argument &#39;alpha&#39;" in box
    assert "Falla la línea 1 del bloque (línea 25 de la página)" in box
    assert "fragment" not in box and "is rejected" not in box and "block 2" not in box
    assert "por qué" not in block                                        # the fix's `why` is English only


def test_statements_provenance_and_reasons_in_spanish(pages):
    text, _ = pages
    card = _card(text, "relu.alpha_is_leaky")
    assert "<code>tf.keras.activations.relu(x, alpha=0.3)</code> es Leaky ReLU" in card
    assert "no cambia entre versiones" in card and "no bound" not in card and "renamed alpha" not in card


def test_no_english_prose_on_either_page(pages):
    for text in pages:
        assert english_runs(text) == [], english_runs(text)


@pytest.mark.parametrize("planted", [
    '<p class="note">The readings disagree and the course defines none of them.</p>',
    '<td title="this version does not resolve the name">x</td>',
    '<li>por qué: <span lang="en">`np` is used but never imported on the page</span></li>',
])
def test_the_detector_catches_a_planted_english_sentence(pages, planted):
    text, _ = pages
    planted_page = text.replace("</main>", planted + "</main>", 1)
    assert english_runs(planted_page), planted
    quoted = text.replace("</main>", '<pre data-verbatim="python">' + planted + "</pre></main>", 1)
    assert english_runs(quoted) == []                                  # quoted verbatim: not prose


def test_detector_words():
    assert reads_english("no bound: refuted on every env of the matrix")
    assert not reads_english("no cambia entre versiones; así lo dice el análisis de varianza")
    assert not reads_english("`ValueError: Could not interpret activation function identifier` al_x=is_the")
