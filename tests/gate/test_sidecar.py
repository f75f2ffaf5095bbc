"""fixtures/gate/sidecar.py: a page's settings and expected verdicts live beside it, never in it."""
from __future__ import annotations

from pathlib import Path

import pytest

import fixtures.course_text as cs
from fixtures.gate import sidecar

ROOT = Path(__file__).resolve().parents[2]
APPENDIX = ROOT / "examples" / "course" / "apendices.txt"
PAGE = "====== P ======\n\n===== Uso =====\n\n<code python>\nx = 1\n</code>\n\n<code python>\ny = 2\n</code>\n"


def write(tmp_path: Path, gate: str | None = None, errata: str | None = None) -> tuple[Path, cs.Page]:
    path = tmp_path / "p.txt"
    path.write_text(PAGE, encoding="utf-8")
    if gate is not None:
        (tmp_path / "p.gate.toml").write_text(gate, encoding="utf-8")
    if errata is not None:
        (tmp_path / "p.errata.toml").write_text(errata, encoding="utf-8")
    return path, cs.load_page(path)


def test_block_settings_by_heading_and_position(tmp_path):
    path, page = write(tmp_path, '[[block]]\nsnippet = "uso.2"\nskip = "slow"\n'
                                 '[[block]]\nsnippet = "uso.1"\nisolated = true\ntimeout = 5\n')
    d = sidecar.load_settings(path, page)
    first, second = page.python_blocks
    assert d[second.index].skip == "slow" and not d[second.index].isolated
    assert d[first.index].isolated and d[first.index].timeout == 5.0 and d[first.index].skip is None
    assert sidecar.snippet_id("p", page, second) == "snippet.p.uso.2"


@pytest.mark.parametrize("text, message", [
    ('[[block]]\nsnippet = "uso.3"\nskip = "x"\n', "snippet 'uso.3' is no block of the page (blocks: uso.1, uso.2)"),
    ('[[block]]\nsnippet = "uso.1"\nskipp = "x"\n', "unknown field(s) ['skipp']"),
    ('[[block]]\nsnippet = "uso.1"\nisolated = "yes"\n', "`isolated` has the wrong type"),
    ("prelude = 1\n", "unknown key(s) ['prelude']"),
    ("[[block]\n", "cannot be read as TOML"),
])
def test_bad_settings_are_one_sentence(tmp_path, text, message):
    path, page = write(tmp_path, text)
    with pytest.raises(cs.PageError, match=None) as exc:
        sidecar.load_settings(path, page)
    assert message in str(exc.value) and str(exc.value).startswith(str(tmp_path / "p.gate.toml"))


def test_page_errata_use_the_errata_format(tmp_path):
    path, _ = write(tmp_path, errata='[[erratum]]\nclaim = "snippet.p.uso.1"\nverdict = "error"\nreason = "r"\n')
    (entry,) = sidecar.load_errata(path)
    assert entry.claim == "snippet.p.uso.1" and entry.verdict == "error"
    path, _ = write(tmp_path, errata='[[erratum]]\nclaim = "x"\nverdict = "holds"\nreason = "r"\n')
    with pytest.raises(cs.PageError, match="is not one of"):
        sidecar.load_errata(path)


def test_the_appendix_page_is_the_published_one():
    """No `# spec:` directive, no numpy import the course lacks, no invented footnote."""
    text = APPENDIX.read_text(encoding="utf-8")
    assert "# spec:" not in text and "import numpy" not in text and "GPT-3.((" not in text
    assert not APPENDIX.with_name("apendices.prelude.py").exists()
    page = cs.load_page(APPENDIX)
    d = sidecar.load_settings(APPENDIX, page)
    assert [sidecar.snippet_key(page, b) for b in page.python_blocks if d[b.index].skip] == [
        "inicializacion-de-parametros.2"]
    ids = {e.claim for e in sidecar.load_errata(APPENDIX)}
    keys = {sidecar.snippet_id("apendices", page, b) for b in page.python_blocks} | {"snippet.apendices.models"}
    assert ids <= keys and "snippet.apendices.relu-y-leaky-relu.2" in ids
