"""自测 in 场景工坊: run the bot trainees against every persona and show what a trainer should fix."""

from __future__ import annotations

import streamlit as st

from scenarios.schema import Case
from scoring.report import OUTCOME_LABELS
from simulator.case_selftest import SelfTest, bad_bots, run_self_test
from views.charts import anger_by_reply
from views.data import persona_library

RESULT_KEY = "self_test_result"
BOT_ORDER = ["好学员", *(bot.label for bot in bad_bots().values())]


def self_test_section(case: Case) -> None:
    """The 自测 button and, once run for this exact case text, its results."""
    if st.button("自测（机器人学员 × 全部客户性格）"):
        with st.spinner("机器人学员正在和每种性格的客户通话……"):
            st.session_state[RESULT_KEY] = (case, run_self_test(case, persona_library()))
    kept = st.session_state.get(RESULT_KEY)
    if kept is not None and kept[0] == case:  # results of an older text are not shown as current
        show_result(kept[1])


def show_result(result: SelfTest) -> None:
    """The verdict, the outcome and score of every run, and the anger curves."""
    if result.flags:
        st.error("自测发现问题：\n\n" + "\n".join(f"- {flag}" for flag in result.flags))
    for warning in result.warnings:
        st.warning(warning)
    if not result.flags and not result.warnings:
        st.success("自测通过：好学员在每种性格下都解决了问题，坏机器人都没有解决，且得分明显更低。")
    st.dataframe(
        [
            {
                "机器人": run.bot_label,
                "客户性格": run.persona_label,
                "结果": OUTCOME_LABELS.get(run.outcome, run.outcome),
                "综合": run.overall,
                "最终怒气": run.anger[-1],
            }
            for run in result.runs
        ],
        hide_index=True,
        width="stretch",
    )
    st.vega_lite_chart(anger_curves(result), width="stretch")


def anger_curves(result: SelfTest) -> dict:
    """Anger after each reply, one line per bot, one small chart per persona."""
    rows = [
        {"机器人": run.bot_label, "客户性格": run.persona_label, "回复": n, "怒气": anger}
        for run in result.runs
        for n, anger in enumerate(run.anger)
    ]
    # The good trainee in green and bold; each bad bot in a colour of its own.
    colours = {"domain": BOT_ORDER, "range": ["#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#8c564b"]}
    spec = anger_by_reply(
        rows,
        {"field": "机器人", "type": "nominal", "title": "机器人学员", "scale": colours},
        strokeWidth={"condition": {"test": "datum['机器人'] == '好学员'", "value": 3.5}, "value": 1.5},
        facet={"field": "客户性格", "type": "nominal", "columns": 2, "title": None},
    )
    return spec | {"width": 260, "height": 160}
