"""The per-env report's noise (issue 21, item 9): a row's log says why, the last line names report.html."""
from __future__ import annotations

from types import SimpleNamespace

from fixtures.reports import report_html


def test_skipped_and_expected_failure_rows_say_why_in_a_sentence():
    skipped = SimpleNamespace(user_properties=[], skipped=True,
                              longrepr=("/x/page.txt", 30, "Skipped: the density plot takes minutes"))
    data = ["('/x/page.txt', 30, 'Skipped: the density plot takes minutes')"]
    report_html.row_log(skipped, data)
    assert data == ["Omitida: the density plot takes minutes\n"]
    record = {"errata_id": "snippet.p.uso.2", "expected": "api-drift", "expected_reason": "alpha renamed",
              "expected_reason_es": "alpha cambió de nombre a <negative_slope>"}
    xfailed = SimpleNamespace(user_properties=[("course_snippet", record)], skipped=True, wasxfail="x",
                              longrepr="Traceback … CallInfo.from_call …")
    data = ["Traceback … CallInfo.from_call …"]
    report_html.row_log(xfailed, data)
    assert data == ["Fallo esperado (errata: API cambiada): alpha cambió de nombre a &lt;negative_slope&gt;\n"]


def test_publish_moves_the_report_and_points_pytest_html_at_it(tmp_path):
    partial = tmp_path / ".report.html.partial"
    partial.write_text("<html/>", encoding="utf-8")
    reporter, other = SimpleNamespace(_report_path=partial), SimpleNamespace()
    report_html.publish(partial, [other, reporter])
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "<html/>" and not partial.exists()
    assert reporter._report_path == tmp_path / "report.html"
    report_html.publish(partial, [reporter])             # nothing left to publish: nothing happens
