"""python -m fixtures.gate.summary: the job summary opens with why the job is red, each reason marked."""
from __future__ import annotations

import json

from fixtures.gate import summary


def snippet(n, verdict, expected=None, **kw):
    return {"id": f"snippet.p.uso.{n}", "errata_id": f"snippet.p.uso.{n}", "number": n, "line": 10 * n,
            "verdict": verdict, "expected": expected, "message": f"«Uso», block {n}\nNameError: x", **kw}


def document(env, snippets, claims=(), problems=()):
    return {"environment": {"env": env}, "claims": list(claims),
            "course": {"pages": [{"path": "p.txt", "snippets": snippets, "models": None,
                                  "errata_file": "p.errata.toml", "errata_problems": list(problems)}]}}


def test_a_red_job_leads_with_each_reason(tmp_path, capsys):
    red = document("tf221", [snippet(1, "holds"), snippet(2, "refuted"),
                             snippet(3, "holds", "api-drift", delete_entry=True, expected_file="p.errata.toml",
                                     expected_number=2), snippet(4, "api-drift", "api-drift")],
                   claims=[{"id": "mish.course_usage", "verdict": "stale", "expected": None, "matches_errata": False,
                            "course": {"status": "stale", "why": "the phrase «x» is no longer under «Mish»"}},
                           {"id": "init.zeros", "verdict": "stale", "expected": "stale", "matches_errata": True,
                            "course": {"status": "stale", "why": "reworded"}}],
                   problems=[{"entry": 3, "message": "p.errata.toml: erratum #3 (claim = 'snippet.p.uso.9') matches "
                                                     "no block of this page"}])
    green = document("tf215", [snippet(1, "holds"), snippet(2, "holds"), snippet(3, "holds"), snippet(4, "holds")])
    paths = []
    for n, doc in enumerate((red, green)):
        paths.append(tmp_path / f"{n}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    assert summary.main([str(p) for p in paths]) == 0
    out = capsys.readouterr().out
    head, rest = out.split("### Every block")
    assert head.startswith("## ❌ Course gate: red — 4 reasons")
    rows = [ln for ln in head.splitlines() if ln.startswith("| ❌")]
    assert [r.split(" | ")[1] for r in rows] == ["errata entry", "unexpected", "delete entry", "stale"]
    assert "`snippet.p.uso.2` (line 20) | tf221 | refuted: NameError: x" in rows[1]
    assert "p.errata.toml #2 expects api-drift, but it now holds: delete this entry" in rows[2]
    assert "init.zeros" not in head                                   # acknowledged by the errata
    assert "| p.txt | `snippet.p.uso.2` | 20 | ❌ refuted | ✅ holds |  |" in rest
    assert "☑️ api-drift (errata: api-drift)" in rest


def test_a_green_job_says_so():
    out = summary.render([document("tf221", [snippet(1, "holds")])], [])
    assert out.startswith("## ✅ Course gate: green on tf221")


def test_a_fix_goes_under_its_own_page_when_two_pages_share_a_name():
    """The fix names blocks by its page's own slug; the gate's second page of one name is `-2`."""
    def page(path, slug):
        return {"path": path, "snippets": [{"id": f"snippet.{slug}.uso.1", "number": 1, "line": 5,
                                            "verdict": "holds"}], "models": None}
    doc = {"environment": {"env": "tf221"}, "claims": [],
           "course": {"pages": [page("/w/course/tema1/apendices.txt", "apendices"),
                                page("/w/course/tema 2/apendices.txt", "apendices-2")]}}
    fix = {"page": "../course/tema 2/apendices.txt", "fixes": [
        {"block": "snippet.apendices.uso.1", "block_line": 1, "before": "x = np.zeros(3)",
         "after": ["import numpy as np", "x = np.zeros(3)"], "rules": ["missing-import"]}]}
    rows = [ln for ln in summary.table([doc], [fix]).splitlines() if ln.startswith("| /w/")]
    assert rows[0].endswith("| ✅ holds |  |")
    assert "tema 2" in rows[1] and "`snippet.apendices-2.uso.1`" in rows[1] and "import numpy as np" in rows[1]
