"""The documents an exam produces: the printable certificate and the CSV of attempts for Excel."""

from __future__ import annotations

import csv
import io
import json

from practice.certificate import CertificateFacts, certificate_html
from practice.exam_export import HEADER, attempts_csv

SCORES = {"empathy": 71, "no_arguing": 96, "script": 84, "overall": 82}
MARKS = {"empathy": 60, "no_arguing": 0, "script": 0, "overall": 70}


def _facts(candidate: str = "小王") -> CertificateFacts:
    return CertificateFacts(
        candidate=candidate,
        exam_title="彩铃认证",
        case_title="彩铃业务“被开通”",
        passed_on="2026-12-03",
        scores=SCORES,
        thresholds=MARKS,
        attempt_id=7,
        fingerprint={"seed": 5, "model_sha256": "ab12"},
    )


def test_the_certificate_states_who_passed_what_with_scores_and_prints_cleanly():
    page = certificate_html(_facts())
    assert "合格证书" in page and "小王" in page and "彩铃认证" in page and "CC-000007" in page
    assert "<td>共情</td><td>71</td><td>≥ 60</td>" in page and "<td>综合</td><td>82</td>" in page
    assert "<td>不争辩</td><td>96</td><td>不设要求</td>" in page and "种子 5" in page
    assert "@media print" in page and "@page" in page and 'charset="utf-8"' in page


def test_the_certificate_escapes_names():
    page = certificate_html(_facts("<script>alert(1)</script>"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_csv_opens_in_excel_with_chinese_intact():
    attempt = {
        "title": "彩铃认证", "username": "xiaowang", "display_name": "小王", "number": 1, "started_at": 1.0,
        "finished_at": 2.0, "status": "finished", "timed_out": 0, "passed": 1, "persona_id": "sanguine",
        "seed": 5, "fingerprint_json": json.dumps({"seed": 5}),
        "result_json": json.dumps({"scores": SCORES}),
    }  # fmt: skip
    data = attempts_csv(
        [attempt, attempt | {"status": "in_progress", "result_json": None}], lambda t: f"T{t}"
    )
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADER and len(rows) == 3
    assert rows[1][:4] == ["彩铃认证", "xiaowang", "小王", "1"] and rows[1][11:13] == ["82", "通过"]
    assert rows[2][12] == "进行中" and rows[2][11] == ""
