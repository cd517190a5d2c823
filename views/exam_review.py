"""The 案例精评 of a handed-in exam attempt: for the trainer (with the grading fingerprint) and,
when the exam allows it, for the candidate."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from practice.exams import frozen_case
from scoring.report import render_markdown
from views.components import report_view
from views.context import app_context


def attempt_report(attempt: dict[str, Any], with_fingerprint: bool = False) -> None:
    """The attempt's full report and transcript (the fingerprint is for the trainer's audit)."""
    store = app_context().store
    report = store.report(attempt["call_id"])
    if report is None:
        st.info("这份考卷还没有报告。")
        return
    honorific = frozen_case(attempt).customer.honorific
    report_view(report, render_markdown(report), store.load_session(attempt["call_id"]), honorific)
    if with_fingerprint:
        with st.expander("评分指纹（复核用）"):
            st.json(json.loads(attempt["fingerprint_json"]))
