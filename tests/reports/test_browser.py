"""The pages as a person sees them: headless Chromium opens the matrix page and an env report.

- matrix page, JavaScript disabled: every claim row and every env column is rendered and
  visible (a box on the page, not display:none / visibility:hidden), each cell shows its
  verdict word and a colour; a screenshot goes to reports/browser/.
- env report (pytest-html), JavaScript enabled: the link a matrix cell holds lands on that
  claim's evidence block, scrolled into view. With JavaScript disabled the same report
  shows no rows: proof that the "JavaScript disabled" mode really disables it (and why the
  matrix page must not need it).

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fds 3/4,
JSON messages ending in NUL), standard library only. Needs Debian's `chromium` (or set
CHROMIUM=/path/to/chrome); skipped with the reason when it is absent.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from fixtures.core.claims import verdict_es
from fixtures.reports import matrix, verdict_file

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "reports" / "browser"
TIMEOUT_S = 60
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--window-size=1400,1000"]


def chromium_binary() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class Browser:
    """One headless Chromium with a fresh profile, talked to over the DevTools pipe."""

    def __init__(self, binary: str, javascript: bool):
        self.window = (800, 600, False)   # headless Chromium's window until viewport() changes it
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4: move our ends out of the
        # way (>= 10, close-on-exec) so that placing them at 3 and 4 cannot clobber each other.
        child_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)

        def place_fds():
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        args = [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe"]
        if not javascript:
            args.append("--blink-settings=scriptEnabled=false")
        self.process = subprocess.Popen(args + ["about:blank"], preexec_fn=place_fds, close_fds=False,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        os.close(child_r)
        os.close(child_w)
        self.write_fd, self.read_fd = to_chrome_w, from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", value=True, session=True)

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.read_fd], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._message(deadline))

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url, session=True)
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Emulate a window of `width` × `height` CSS pixels (a phone with mobile=True)."""
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        self.window = (width, height, mobile)

    def pdf(self) -> bytes:
        """The page printed as Chromium's «Imprimir → PDF» does (A4, print stylesheet, backgrounds)."""
        data = self.send("Page.printToPDF", session=True, printBackground=True, paperWidth=8.27,
                         paperHeight=11.69, preferCSSPageSize=True)["data"]
        return base64.b64decode(data)

    def screenshot(self, path: Path, full_page: bool = True, top: float = 0, height: float | None = None) -> None:
        """The window (full_page=False), the whole page, or `height` pixels from `top`: a window
        that tall scrolled there (the same pixels as capturing beyond the window, which lays the
        whole page out again: 1.35 against 0.13 s on the appendix's page)."""
        params = {"format": "png"}
        if not full_page and (top or height):
            width, window, mobile = self.window
            h = int(height or window)
            self.viewport(width, h, mobile)
            self.evaluate(f"window.scrollTo(0, {float(top)})")
            y = self.evaluate("window.scrollY")
            params.update(clip={"x": 0, "y": y, "width": width, "height": h, "scale": 1})
            data = self.send("Page.captureScreenshot", session=True, **params)["data"]
            self.viewport(width, window, mobile)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(data))
            return
        if full_page:
            size = self.send("Page.getLayoutMetrics", session=True)["cssContentSize"]
            h = min(height or size["height"], size["height"] - top, 8000)
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": top, "width": size["width"], "height": h, "scale": 1})
        data = self.send("Page.captureScreenshot", session=True, **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self.write_fd, self.read_fd):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium():
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no Chromium: install Debian's `chromium` (apt-get install -y chromium) "
                    "or set CHROMIUM=/path/to/chrome")
    return binary


@pytest.fixture
def browser(chromium):
    opened = []

    def start(javascript: bool) -> Browser:
        b = Browser(chromium, javascript)
        opened.append(b)
        return b

    yield start
    for b in opened:
        b.close()


# What the matrix page looks like to the reader: boxes with size, not hidden.
MATRIX_PROBE = """(() => {
  const shown = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'
      && el.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
  return {
    columns: [...document.querySelectorAll('thead th.env')].map(th => ({id: th.id, text: th.innerText, shown: shown(th)})),
    rows: [...document.querySelectorAll('tr.claim')].map(tr => ({id: tr.dataset.claim, shown: shown(tr),
      cells: [...tr.querySelectorAll('td.cell')].map(td => ({env: td.dataset.env, verdict: td.dataset.verdict,
        text: td.innerText, shown: shown(td), background: getComputedStyle(td).backgroundColor,
        href: td.querySelector('a') ? td.querySelector('a').getAttribute('href') : null}))})),
    scripts: document.scripts.length,
  };
})()"""


def check_matrix_page(b: Browser, page: Path, claim_ids: list[str], env_names: list[str], shot: Path) -> dict:
    b.open(page.as_uri())
    seen = b.evaluate(MATRIX_PROBE)
    assert seen["scripts"] == 0
    assert [c["text"].split("\n")[0] for c in seen["columns"]] == env_names
    assert all(c["shown"] for c in seen["columns"]), seen["columns"]
    assert [r["id"] for r in seen["rows"]] == claim_ids
    for row in seen["rows"]:
        assert row["shown"], row["id"]
        assert [c["env"] for c in row["cells"]] == env_names, row["id"]
        for c in row["cells"]:
            assert c["shown"], (row["id"], c["env"])
            word = verdict_es(c["verdict"]) if c["verdict"] else "no ejecutada"
            assert word in c["text"], (row["id"], c)   # readable without colour
            assert c["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), (row["id"], c)
    b.screenshot(shot)
    assert shot.stat().st_size > 1000
    return seen


PHONE_PROBE = """(() => [...document.querySelectorAll('thead th.env')].map(th => {
  const r = th.getBoundingClientRect();
  return {env: th.innerText.split('\\n')[0], left: r.left, right: r.right, viewport: window.innerWidth};
}))()"""


WIDE_PROBE = """(() => [...document.body.querySelectorAll('*')]
  .filter(el => el.getBoundingClientRect().right > 391 && !el.closest('.scroll'))
  .slice(0, 8).map(el => el.tagName + '.' + el.className + ': ' + (el.innerText || '').slice(0, 60)))()"""


def check_phone_width(b: Browser, page: Path, shot: Path, columns: int = 2) -> list[dict]:
    """At 390 px (a phone) the verdicts of the first `columns` versions show beside the claims,
    without scrolling sideways: a claim column as wide as the screen hid every verdict."""
    b.viewport(390, 844, mobile=True)
    b.open(page.as_uri())
    seen = b.evaluate(PHONE_PROBE)
    assert seen and seen[0]["viewport"] == 390, (seen, b.evaluate(WIDE_PROBE))
    hidden = [c for c in seen[:columns] if c["right"] > c["viewport"] + 0.5]
    assert not hidden, f"at 390 px these version columns start or end off screen: {hidden}"
    b.screenshot(shot, full_page=False)
    b.viewport(1400, 1000)
    return seen


REPORT_PROBE = """(() => {
  const el = document.getElementById(%s);
  const rows = document.querySelectorAll('#results-table tbody.results-table-row').length;
  if (!el) return {found: false, rows};
  const r = el.getBoundingClientRect();
  return {found: true, rows, shown: el.checkVisibility(), top: r.top, height: r.height,
          viewport: window.innerHeight, scrolled: window.scrollY};
})()"""


def check_report_link(b: Browser, matrix_page: Path, href: str, claim_id: str, shot: Path) -> dict:
    """Follow a matrix cell's link into the pytest-html report (JavaScript on)."""
    target = matrix_page.parent.as_uri() + "/" + href
    b.open(target)
    for _ in range(50):  # pytest-html builds its rows in a script; the scroll follows
        seen = b.evaluate(REPORT_PROBE % json.dumps(f"claim-{claim_id}"))
        if seen["found"] and seen["shown"] and 0 <= seen["top"] < seen["viewport"]:
            break
        time.sleep(0.1)
    assert seen["rows"] > 0, seen
    assert seen["found"] and seen["shown"], f"{href}: no visible #claim-{claim_id} ({seen})"
    assert 0 <= seen["top"] < seen["viewport"], f"{href}: #claim-{claim_id} not scrolled into view ({seen})"
    b.screenshot(shot, full_page=False)
    return seen


def test_matrix_page_without_javascript_and_link_into_report(browser, run_spec, tmp_path):
    claims = run_spec("s0_curso")
    assert claims, "the spec run produced no claims"
    report_dir = tmp_path / "reports"
    real = report_dir / "selftest" / "claims.json"
    document = verdict_file.load(real)
    # Two more columns (other versions) from the same run; the second lacks its report.
    for env, tf_version, flavor in (("tf215", "2.15.1", "keras2"), ("tf221-legacy", "2.21.0", "tf_keras")):
        copy = {**document, "environment": {**document["environment"], "env": env,
                                             "tensorflow": tf_version, "keras_flavor": flavor}}
        verdict_file.write(report_dir / env / "claims.json", copy)
    page = report_dir / "index.html"
    matrix.build([str(report_dir / "*" / "claims.json")], page)
    claim_ids = [c["id"] for c in document["claims"]]
    envs = ["tf215", "selftest", "tf221-legacy"]
    assert envs == [r.name for r in matrix.load_runs(matrix.expand([str(report_dir / "*" / "claims.json")]))]

    b = browser(javascript=False)
    seen = check_matrix_page(b, page, claim_ids, envs, SHOTS / "matrix-selftest.png")
    check_phone_width(b, page, SHOTS / "matrix-selftest-390.png")
    b.open((report_dir / "selftest" / "report.html").as_uri())
    no_js = b.evaluate(REPORT_PROBE % json.dumps(f"claim-{claim_ids[0]}"))
    assert no_js["rows"] == 0, "JavaScript was not disabled: pytest-html rendered its rows"

    cell = next(c for c in seen["rows"][0]["cells"] if c["env"] == "selftest")
    assert cell["href"], "a cell of an env with a report has no link"
    check_report_link(browser(javascript=True), page, cell["href"], claim_ids[0],
                      SHOTS / "report-selftest.png")


def test_real_matrix_page(browser):
    """reports/index.html as `tox` made it (skipped until a matrix run made one)."""
    page = ROOT / "reports" / "index.html"
    sources = sorted((ROOT / "reports").glob("*/claims.json"))
    if not page.is_file() or not sources:
        pytest.skip("no reports/index.html yet: run `tox` (or `tox -e tf221,report`) first")
    newer = [p for p in sources if p.stat().st_mtime > page.stat().st_mtime]
    if newer:
        pytest.skip(f"reports/index.html is older than {newer[0]}: run `tox -e report` to refresh it")
    runs = matrix.load_runs(matrix.expand([str(p) for p in sources]))
    claim_ids = [c["id"] for c in matrix.claim_rows(runs)]
    b = browser(javascript=False)
    seen = check_matrix_page(b, page, claim_ids, [r.name for r in runs], SHOTS / "matrix.png")
    check_phone_width(b, page, SHOTS / "matrix-390.png")
    linked = [(row["id"], c["href"]) for row in seen["rows"] for c in row["cells"] if c["href"]]
    if linked:
        claim_id, href = linked[-1]
        check_report_link(browser(javascript=True), page, href, claim_id, SHOTS / "report.png")
