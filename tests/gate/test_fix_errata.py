"""fixtures/gate/fix_errata.py: the errata proposed with the corrected page keep only what is left.

No page runs here: the record a fix would produce is written by hand, so each case (a failure
on every version, on one version only, an entry of the page's own errata about versions the
fix did not run on, a stale acknowledgement still needed or not) is checked in milliseconds.
"""
from __future__ import annotations

from fixtures.core import errata as errata_registry
from fixtures.gate import fix_errata
from fixtures.gate.fix_solve import Env, PageFix

PAGE = """====== P ======

===== Inicialización de parámetros =====

Los pesos se inicializan de otra forma.

<code python>
x = 1
</code>

<code python>
y = 2
</code>
"""
K2 = Env("py215", "TF 2.15.1 / Keras 2.15.0", "2.15.0", "2.15.1", "keras2")
K3 = Env("py221", "TF 2.21.0 / Keras 3.15.1", "3.15.1", "2.21.0", "keras3")


def job(tmp_path, errata: str | None = None) -> PageFix:
    path = tmp_path / "pagina.txt"
    path.write_text(PAGE, encoding="utf-8")
    if errata is not None:
        (tmp_path / "pagina.errata.toml").write_text(errata, encoding="utf-8")
    return PageFix(path, [K2, K3], timeout=10, rounds=1, log=lambda m: None)


def record(final: dict, remaining: list | None = None) -> dict:
    return {"final": final, "remaining": remaining or [], "fixes": []}


def test_left_on_every_version_has_no_when_left_on_one_is_pinned_to_it(tmp_path):
    j = job(tmp_path)
    final = {K2.label: {"snippet.pagina.inicializacion-de-parametros.1": "refuted",
                        "snippet.pagina.inicializacion-de-parametros.2": "api-drift", "snippet.pagina.models": "holds"},
             K3.label: {"snippet.pagina.inicializacion-de-parametros.1": "refuted",
                        "snippet.pagina.inicializacion-de-parametros.2": "holds", "snippet.pagina.models": "skipped"}}
    text, entries, dropped = fix_errata.propose(j, record(final, [
        {"block": "snippet.pagina.inicializacion-de-parametros.2", "env": K2.label, "message": "TypeError: nope"}]),
        [K2, K3], PAGE)
    assert [(e["claim"], e["verdict"], e["when"]) for e in entries] == [
        ("snippet.pagina.inicializacion-de-parametros.1", "refuted", None),
        ("snippet.pagina.inicializacion-de-parametros.2", "api-drift",
         {"tensorflow": "==2.15.1", "keras": "==2.15.0", "flavor": ["keras2"]})]
    assert entries[1]["reason"].endswith("on TF 2.15.1 / Keras 2.15.0; no spelling the fix knows works there: "
                                         "TypeError: nope")
    assert "«API cambiada»" in entries[1]["razon"] and dropped == []
    loaded = _load(tmp_path, text)
    assert [(e.claim, e.verdict, e.when) for e in loaded] == [(e["claim"], e["verdict"], e["when"] or {})
                                                              for e in entries]
    assert loaded[1].applies({"tensorflow": "2.15.1", "keras": "2.15.0", "keras_flavor": "keras2"})
    assert not loaded[1].applies({"tensorflow": "2.15.0", "keras": "2.15.0", "keras_flavor": "keras2"})


def test_the_pages_own_entries_are_rederived_kept_or_left_out_with_why(tmp_path):
    j = job(tmp_path, '[[erratum]]\nclaim = "snippet.pagina.inicializacion-de-parametros.1"\nverdict = "refuted"\n'
                      'reason = "fixed by the fix"\n'
                      '[[erratum]]\nclaim = "snippet.pagina.models"\nverdict = "api-drift"\n'
                      'when = { flavor = ["tf_keras"] }\nreason = "legacy only"\n'
                      '[[erratum]]\nclaim = "init.he_normal"\nverdict = "stale"\nreason = "reworded"\n'
                      'razon = "reescrito"\n'
                      '[[erratum]]\nclaim = "init.zeros"\nverdict = "stale"\nreason = "its passage is back"\n')
    final = {e.label: {"snippet.pagina.inicializacion-de-parametros.1": "holds"} for e in (K2, K3)}
    page_with_zeros = PAGE.replace("de otra forma.", 'de otra forma. Con "zeros" todos valen 0.')
    text, entries, dropped = fix_errata.propose(j, record(final), [K2, K3], page_with_zeros)
    assert [(e["claim"], e["verdict"], e["razon"]) for e in entries] == [("init.he_normal", "stale", "reescrito")]
    assert [(d["entry"], d["why"]) for d in dropped] == [
        (1, "re-derived from the run on TF 2.15.1 / Keras 2.15.0; TF 2.21.0 / Keras 3.15.1"),
        (2, "it is about versions the fix did not run on: run the fix with such a Python too"),
        (4, "its passage is on the corrected page again")]
    assert [e.claim for e in _load(tmp_path, text)] == ["init.he_normal"]


def test_nothing_left_still_writes_a_file_that_replaces_the_old_errata(tmp_path):
    text, entries, _ = fix_errata.propose(job(tmp_path), record({K3.label: {}}), [K3], PAGE)
    assert entries == [] and "Nothing is left to expect" in text and _load(tmp_path, text) == []


def _load(tmp_path, text: str):
    path = tmp_path / "proposed.errata.toml"
    path.write_text(text, encoding="utf-8")
    return errata_registry.load(path)
