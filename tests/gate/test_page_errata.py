"""A page's own errata (`<stem>.errata.toml`) are first-class: checked, named, able to acknowledge.

- every entry that matches nothing fails one test, `snippet-errata[<page>]`, naming the entry and
  the ids that exist (a mistyped block id, a renamed page, an unknown claim, a claim entry that
  is not `stale`), while the page's blocks still run;
- `verdict = "stale"` for a claim acknowledges a passage the author reworded on purpose;
- an entry that expects what no longer happens names its file and says «delete this entry».
End to end with pytester, on the fast initializer test and blocks with no TensorFlow.
"""
from __future__ import annotations

from fixtures.core.claims import HOLDS, STALE
from tests.gate.test_gate_plugin import FAST_DOKUWIKI, ONE_TEST, page, run_gate


def errata(tmp_path, text: str, name: str = "page.errata.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_that_match_nothing_fail_naming_them(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI)
    file = errata(tmp_path, '[[erratum]]\nclaim = "snippet.page.inicializacion-de-parametros.3"\n'
                            'verdict = "api-drift"\nreason = "a typo in the block number"\n'
                            '[[erratum]]\nclaim = "snippet.pagina.uso-de-la-gpu.1"\nverdict = "refuted"\nreason = "r"\n'
                            '[[erratum]]\nclaim = "init.he_normall"\nverdict = "stale"\nreason = "r"\n'
                            '[[erratum]]\nclaim = "init.he_normal"\nverdict = "refuted"\nreason = "r"\n')
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(path), select="snippet")
    (pg,) = doc["course"]["pages"]
    problems = [p["message"] for p in pg["errata_problems"]]
    assert len(problems) == 4 and pg["errata_file"] == str(file)
    assert problems[0] == (
        f"{file}: erratum #1 (claim = 'snippet.page.inicializacion-de-parametros.3', verdict = 'api-drift') matches "
        "no block of this page; did you mean 'snippet.page.inicializacion-de-parametros.2'? (its ids: "
        "snippet.page.inicializacion-de-parametros.1, snippet.page.inicializacion-de-parametros.2, "
        "snippet.page.uso-de-la-gpu.1, snippet.page.models)")
    assert "this page's ids start with `snippet.page.` (the file name's stem as a slug, cut at 30" in problems[1]
    assert "matches no claim of the spec; the closest: init.he_normal" in problems[2]
    assert "a page's errata may only acknowledge a stale claim" in problems[3]
    assert "no corresponde a ningún bloque" in pg["errata_problems"][0]["message_es"]
    out = "\n".join(result.outlines)
    assert "FAILED" in out and "snippet-errata[page]" in out and f"  errata: {problems[0]}" in out
    assert [s["verdict"] for s in pg["snippets"]][:1] == [HOLDS]          # the blocks still ran
    result.assert_outcomes(failed=2, passed=1, skipped=2)                 # + block 2's unexpected api-drift


def test_the_page_errata_acknowledge_a_reworded_passage(run_spec, tmp_path):
    path = page(tmp_path, FAST_DOKUWIKI.replace('"he_normal"', "de He"))
    file = errata(tmp_path, '[[erratum]]\nclaim = "init.he_normal"\nverdict = "stale"\n'
                            'reason = "reworded on purpose; re-review pending"\nrazon = "reescrito a propósito"\n'
                            '[[erratum]]\nclaim = "snippet.page.inicializacion-de-parametros.2"\n'
                            'verdict = "api-drift"\nreason = "alpha renamed"\n')
    claims, doc, result = run_gate(run_spec, tmp_path, "--course", str(path))
    he = claims["init.he_normal"]
    assert he["verdict"] == STALE and he["expected"] == STALE and he["matches_errata"]
    assert doc["course"]["claims"]["init.he_normal"]["acknowledged"] == str(file)
    out = "\n".join(result.outlines)
    assert f"(acknowledged: {file})" in out and f"{file}, erratum #2: api-drift — alpha renamed" in out
    assert result.ret == 0, out[-3000:]


def test_a_stale_claim_says_how_to_acknowledge_it_and_a_needless_entry_says_delete(run_spec, tmp_path):
    reworded = page(tmp_path, FAST_DOKUWIKI.replace('"he_normal"', "de He"))
    _, _, result = run_gate(run_spec, tmp_path, "--course", str(reworded), select=ONE_TEST)
    out = "\n".join(result.outlines)
    assert f"acknowledge it in the page's errata, {tmp_path / 'page.errata.toml'}:" in out
    assert 'claim = "init.he_normal"' in out and 'verdict = "stale"' in out
    back = page(tmp_path, FAST_DOKUWIKI)
    file = errata(tmp_path, '[[erratum]]\nclaim = "init.he_normal"\nverdict = "stale"\nreason = "r"\n')
    claims, _, result = run_gate(run_spec, tmp_path, "--course", str(back), select=ONE_TEST)
    assert claims["init.he_normal"]["verdict"] == HOLDS
    out = "\n".join(result.outlines)
    assert f"{file}, erratum #1 expects init.he_normal to be stale, but its passage is on the page" in out
    assert f"delete this entry from {file}" in out
    result.assert_outcomes(failed=1)


def test_two_pages_of_one_name_each_keep_their_own_errata(run_spec, tmp_path):
    """tema1/pagina.txt and tema 2/pagina.txt: ids `snippet.pagina.…` and `snippet.pagina-2.…`; each
    page's own errata may name its blocks `snippet.pagina.…` (what the fix proposes for it)."""
    paths = []
    for folder, code in (("tema1", "x = 1"), ("tema 2", "import no_such_module")):
        (tmp_path / folder).mkdir()
        paths.append(page(tmp_path / folder, f"===== Uso =====\n<code python>\n{code}\n</code>\n", "pagina.txt"))
    errata(tmp_path / "tema 2", '[[erratum]]\nclaim = "snippet.pagina.uso.1"\nverdict = "missing"\nreason = "r"\n',
           "pagina.errata.toml")
    _, doc, result = run_gate(run_spec, tmp_path, "--course", str(paths[0]), "--course", str(paths[1]),
                              select="snippet")
    first, second = doc["course"]["pages"]
    assert [s["errata_id"] for s in first["snippets"] + second["snippets"]] == ["snippet.pagina.uso.1",
                                                                             "snippet.pagina-2.uso.1"]
    assert second["snippets"][0]["expected"] == "missing" and not second["errata_problems"]
    assert result.ret == 0
