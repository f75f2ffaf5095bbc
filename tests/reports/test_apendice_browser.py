"""«El apéndice, comprobado» as a student sees it, in headless Chromium with JavaScript off.

At desktop width and at 390 px (a phone): screenshots go to reports/browser/; the page never
scrolls sideways at 390 px (code blocks and tables scroll inside themselves); every claim has
its evidence card; every badge link lands on an element of the page; every code block of the
course page is there; each verdict's text has WCAG AA contrast (>= 4.5:1) on the background it
is drawn on, computed from the browser's computed styles; and «Imprimir → PDF» gives a sane
number of pages. Uses the Chromium driver of tests/reports/test_browser.py; skipped without Chromium.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import fixtures.course_text as cs
from fixtures.reports import apendice, matrix
from tests.reports.test_apendice import CLAIMS, write_env
from tests.reports.test_browser import SHOTS, browser, chromium  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

PROBE = """(() => {
  const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const rgba = el => getComputedStyle(el).backgroundColor;
  const background = el => { for (let e = el; e; e = e.parentElement) {
      const c = rgba(e); if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) return c; }
    return 'rgb(255, 255, 255)'; };
  const texts = [...document.querySelectorAll('.badge .word, .badge .env, strong[class^="v-text-"]')]
    .filter(el => el.getBoundingClientRect().width > 0)
    .map(el => ({text: el.textContent.trim(), color: getComputedStyle(el).color, background: background(el)}));
  return {
    lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    wide: [...document.body.querySelectorAll('*')].filter(el => {
        const r = el.getBoundingClientRect(); return r.right > document.documentElement.clientWidth + 1 && r.width > 0
          && !el.closest('pre, .tablewrap, .formula, math'); })
      .slice(0, 5).map(el => el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 60)),
    cards: [...document.querySelectorAll('article.card')].map(a => a.dataset.claim),
    badgeLinks: [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)),
    ids: [...ids],
    blocks: [...document.querySelectorAll('figure.code')].map(f => Number(f.dataset.block)),
    blocksShown: [...document.querySelectorAll('figure.code pre')].every(p => p.getBoundingClientRect().height > 0),
    texts,
    scripts: document.scripts.length,
    images: [...document.images].map(i => ({src: i.src.slice(0, 22), ok: i.complete && i.naturalWidth > 0})),
  };
})()"""


def _luminance(color: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", color)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def check_page(b, page: Path, claim_ids: list[str], course: Path, name: str,
               max_pdf_pages: int) -> dict:
    """The checks a person would make; returns what the desktop probe saw."""
    b.viewport(1280, 900)
    b.open(page.as_uri())
    desktop = b.evaluate(PROBE)
    assert desktop["lang"] == "es" and desktop["scripts"] == 0
    assert desktop["cards"] == claim_ids
    ids = set(desktop["ids"])
    dangling = sorted({h for h in desktop["badgeLinks"] if h not in ids})
    assert not dangling, f"links to nothing: {dangling[:5]}"
    assert desktop["blocks"] == [blk.line for blk in cs.load_page(course).blocks]
    assert desktop["blocksShown"]
    assert desktop["images"] and all(i["ok"] and i["src"].startswith("data:image/png") for i in desktop["images"])
    low = [(t["text"], t["color"], t["background"], round(contrast(t["color"], t["background"]), 2))
           for t in desktop["texts"] if contrast(t["color"], t["background"]) < 4.5]
    assert desktop["texts"] and not low, f"verdict text under 4.5:1 contrast: {low[:5]}"
    b.screenshot(SHOTS / f"{name}-desktop.png", full_page=False)

    b.viewport(390, 844, mobile=True)
    b.open(page.as_uri())
    phone = b.evaluate(PROBE)
    assert phone["clientWidth"] == 390, phone["clientWidth"]
    assert phone["scrollWidth"] <= phone["clientWidth"], \
        f"the page scrolls sideways at 390 px ({phone['scrollWidth']} px): {phone['wide']}"
    b.screenshot(SHOTS / f"{name}-390.png", full_page=False)
    top = b.evaluate("document.querySelector('figure.code.claimed, figure.code').getBoundingClientRect().top"
                     " + window.scrollY - 40")
    b.screenshot(SHOTS / f"{name}-390-code.png", full_page=False, top=top, height=844)
    card = b.evaluate("document.querySelector('article.card img').closest('article').getBoundingClientRect().top"
                      " + window.scrollY")
    b.screenshot(SHOTS / f"{name}-390-card.png", full_page=False, top=card, height=1400)

    b.viewport(1280, 900)
    b.open(page.as_uri())
    pdf = b.pdf()
    (SHOTS / f"{name}.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    assert 1 <= pages <= max_pdf_pages, f"the printed page has {pages} pages"
    return {"desktop": desktop, "phone": phone, "pdf_pages": pages}


def test_apendice_page_as_a_student_sees_it(browser, tmp_path):  # noqa: F811
    """Synthetic runs over the shipped example page (all its code blocks)."""
    base = tmp_path / "reports"
    ids = [c[0] for c in CLAIMS]
    write_env(base, "tf221", "2.21.0", "3.15.1", "keras3", {**dict.fromkeys(ids, "holds"),
              "relu.alpha_is_leaky": "api-drift"}, plot_seed=1,
              messages={"relu.alpha_is_leaky": "x — on this version use: relu(x, negative_slope=0.3)"})
    write_env(base, "tf215", "2.15.1", "2.15.0", "keras2", {**dict.fromkeys(ids, "holds"),
              "init.he_normal": "refuted"}, plot_seed=2)
    write_env(base, "tf221-legacy", "2.21.0", "2.21.0", "tf_keras", {**dict.fromkeys(ids, "missing")},
              plot_seed=3)
    page = base / "apendice.html"
    apendice.build([str(base / "*" / "claims.json")], page)
    check_page(browser(javascript=False), page, ids, apendice.DEFAULT_PAGE, "apendice-selftest", 40)


def test_real_apendice_page(browser):  # noqa: F811
    """reports/apendice.html as `tox -e …,report` made it (skipped until one exists)."""
    page = ROOT / "reports" / "apendice.html"
    sources = sorted((ROOT / "reports").glob("*/claims.json"))
    if not page.is_file() or not sources:
        pytest.skip("no reports/apendice.html yet: run `tox -e tf215,tf221,report` first")
    newer = [p for p in sources if p.stat().st_mtime > page.stat().st_mtime]
    if newer:
        pytest.skip(f"reports/apendice.html is older than {newer[0]}: run `tox -e report` to refresh it")
    runs = matrix.load_runs(matrix.expand([str(p) for p in sources]))
    claim_ids = [c["id"] for c in matrix.claim_rows(runs)]
    assert page.stat().st_size < 3_000_000, f"{page}: {page.stat().st_size} bytes"
    check_page(browser(javascript=False), page, claim_ids, apendice.DEFAULT_PAGE, "apendice", 80)
