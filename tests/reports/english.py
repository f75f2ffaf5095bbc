"""A small English-prose detector for the student pages (issue 17: everything a student reads is
Spanish, except code and Python's own messages quoted verbatim).

`english_runs(html)` parses a page with the standard library and returns the visible text runs
(text nodes, and the `alt` / `title` attributes a reader meets) that read as English: at least
THRESHOLD distinct English function words that are not Spanish words too. Text inside <code>,
<pre>, <math>, <style>, <script> and inside elements marked `data-verbatim` (text quoted as its
source wrote it: a Python message as Python printed it, the course's own text as the course
wrote it) is left out: that is code or a quotation, not the page's prose. Identifiers
(`at_x`, `tf.keras`) are not words.

    python -m tests.reports.english reports/apendice.html     # lists the English runs, exit 1 if any
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser

# English function words that are not Spanish words (no "a", "no", "he", "me", "son", "come", "sin"…).
ENGLISH = frozenset("""the is are was were be been being of and to in on at by from with without this that these
those which who whose when where while not only also its it an or nor but than then there their they
them have had does did do would should could can cannot will into onto over under every each any
some such what why how because if so as after before between both either neither here just more most
other same very yet used uses using""".split())
THRESHOLD = 2
SKIP_TAGS = {"code", "pre", "math", "style", "script", "kbd", "samp"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "source", "wbr", "area", "base"}
WORD = re.compile(r"[\w.]+")   # identifiers (at_x, tf.keras, he_normal) are one token, never a word


CODE_SPAN = re.compile(r"`[^`]*`")     # Markdown code in an attribute (a tooltip cannot hold <code>)


def english_words(text: str) -> set[str]:
    text = CODE_SPAN.sub(" ", text)
    return {w for w in (m.group(0).lower() for m in WORD.finditer(text)) if w in ENGLISH}


def reads_english(text: str) -> bool:
    return len(english_words(text)) >= THRESHOLD


class _Runs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []     # (tag, skipped)
        self.runs: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skipped = tag in SKIP_TAGS or "data-verbatim" in a
        if not skipped and not self._skipping():
            for key in ("alt", "title", "aria-label"):
                if a.get(key):
                    self.runs.append(a[key])
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            self.runs.append(" ".join(data.split()))


def visible_runs(html: str) -> list[str]:
    parser = _Runs()
    parser.feed(html)
    parser.close()
    return parser.runs


def english_runs(html: str) -> list[str]:
    """The page's visible prose that reads as English (see the module docstring)."""
    return list(dict.fromkeys(run for run in visible_runs(html) if reads_english(run)))


def main(argv: list[str] | None = None) -> int:
    paths = (argv if argv is not None else sys.argv[1:]) or ["reports/apendice.html"]
    found = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            runs = english_runs(f.read())
        for run in runs:
            print(f"{path}: {run[:200]}")
        found += len(runs)
    print(f"{found} English run(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
