"""Widgets shared by several pages: case cards, the mood meter, transcripts, the report view."""

from __future__ import annotations

import streamlit as st

from scenarios.catalog import stage_outline
from scenarios.fill import fill
from scenarios.schema import Case
from scenarios.vocabulary import Outcome, Stage
from scoring.model import DIMENSION_LABELS, DIMENSIONS, ReplyGrade
from scoring.report import CallReport, md_escape, quote
from scoring.voice_review import VoiceSummary
from simulator import CustomerState, Session
from views.charts import emotion_chart, scores_chart

_SEVERITY_COLOUR = {"一般": "gray", "重大": "red"}
_DIFFICULTY_COLOUR = {1: "green", 2: "orange", 3: "red"}
OUTCOME_MESSAGES = {
    "supervisor": "客户要求找你们领导——通话已升级。",
    "regulator": "客户表示要向监管部门投诉——通话已升级。",
    "hung_up": "客户挂断了电话。",
    "resolved": "客户满意地结束了通话。",
}


def show_outcome(outcome: Outcome) -> None:
    """How the call ended: a resolved call is a success; an escalation or a hang-up a warning
    with the way back (撤回)."""
    if outcome == Outcome.RESOLVED:
        st.success(OUTCOME_MESSAGES[outcome.value] + " 点击「结束通话」查看点评。")
    else:
        st.warning(OUTCOME_MESSAGES[outcome.value] + " 可以撤回上一句重试，或结束通话查看点评。")


# A line longer than this is cut in the transcript (older calls may hold longer ones than the
# reply limit allows; drawing a million characters froze the report).
TRANSCRIPT_CHARS = 1200


def case_card(case: Case, with_outline: bool = True) -> None:
    """One case card: title, labels, brief, goals and (optionally) the five-stage outline."""
    with st.container(border=True):
        st.subheader(case.title)
        with st.container(horizontal=True):
            st.badge(case.industry, color="blue")
            st.badge(f"难度：{case.difficulty_label}", color=_DIFFICULTY_COLOUR[case.difficulty])
            st.badge(case.complaint_type.value, color="violet")
            st.badge(f"{case.severity.value}投诉", color=_SEVERITY_COLOUR[case.severity.value])
        st.markdown(f"**来电客户：** {fill(case.brief.caller, case)}")
        st.markdown(f"**情况简介：** {fill(case.brief.summary, case)}")
        with st.expander("本次通话目标"):
            st.markdown("\n".join(f"- {fill(goal, case)}" for goal in case.brief.goals))
        if with_outline:
            with st.expander("五阶段要点（问候 · 切入 · 转化 · 协议 · 结束）"):
                for label, points in stage_outline(case):
                    st.markdown(f"**{label}**：" + "；".join(points))
        st.caption(f"编号 `{case.id}` · 第 {case.version} 版 · 素材来源：{case.source}")


# The meter stays at the top of the main pane while a long call scrolls under it. Streamlit wraps
# the keyed container in a layout wrapper of the same height: the wrapper is what must stick.
_STICKY_METER = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-mood-meter) { position: sticky; top: 0; z-index: 990; }
.st-key-mood-meter { background: var(--background-color, #fff); padding: 0.4rem 0 0.2rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.12); }
</style>"""


def mood_meter(state: CustomerState) -> None:
    """Anger, trust, mood and stage at a glance, kept in view at the top while the call scrolls."""
    st.html(_STICKY_METER)
    with st.container(key="mood-meter"):
        _meter_row(state)


def _meter_row(state: CustomerState) -> None:
    left, middle, right = st.columns([2, 2, 3])
    left.progress(state.anger / 100, text=f"怒气 {state.anger}/100 · {state.mood.label}")
    middle.progress(state.trust / 100, text=f"信任 {state.trust}/100")
    stages = " → ".join(f"**【{s.label}】**" if s == state.stage else s.label for s in Stage)
    right.markdown(f"阶段：{stages}")


def transcript(
    session: Session, customer_name: str, highlight: int | None = None, with_grades: bool = True
) -> None:
    """Every turn as a chat message of one Markdown element (text, then its grade or note in grey:
    each element is a message to the browser, and a long call redraws them all on every run);
    user text is escaped so it renders inert. The turn with index `highlight` (a search hit) is
    marked; `with_grades=False` (an exam) shows no score before the paper is handed in."""
    for turn in session.turns:
        text = md_escape(quote(turn.text, TRANSCRIPT_CHARS))
        if turn.index == highlight:
            text = f"🔎 :orange-background[{text}]"
        if turn.role == "customer":
            with st.chat_message("assistant", avatar="🙍"):
                note = f"\n\n:gray[{md_escape(turn.note)}]" if turn.note else ""
                st.markdown(f"**{md_escape(customer_name)}：** {text}{note}")
        else:
            with st.chat_message("user", avatar="🎧"):
                shown = turn.grade if with_grades else None
                spoken = ":gray[🎤 语音] " if turn.voice is not None else ""
                st.markdown(spoken + text + (f"\n\n:gray[{grade_line(shown)}]" if shown else ""))


def grade_line(grade: ReplyGrade) -> str:
    """A reply's scores in one line."""
    return f"共情 {grade.empathy} · 不争辩 {grade.no_arguing} · 话术 {grade.script} · 综合 {grade.overall}"


def report_view(
    report: CallReport,
    markdown: str,
    session: Session | None,
    customer_name: str,
    highlight: int | None = None,
) -> None:
    """The whole report: score metrics, radar, emotion curve, critique, transcript."""
    columns = st.columns(4)
    columns[0].metric("综合", report.overall)
    for column, dim in zip(columns[1:], DIMENSIONS, strict=True):
        column.metric(DIMENSION_LABELS[dim], report.scores[dim])
    left, right = st.columns(2)
    left.vega_lite_chart(scores_chart(report.scores), width="stretch")
    if report.emotion_curve:
        right.vega_lite_chart(emotion_chart(report.emotion_curve), width="stretch")
        if report.movers:
            right.caption(
                "让客户怒气变化最大的几句："
                + "；".join(f"“{md_escape(quote(p.agent_line))}”（怒气 {p.delta:+d}）" for p in report.movers)
            )
    if report.voice is not None:
        voice_metrics(report.voice)
    st.markdown(markdown)
    if session is not None:
        with st.expander("完整通话记录", expanded=highlight is not None):
            transcript(session, customer_name, highlight)


def voice_metrics(voice: VoiceSummary) -> None:
    """The spoken replies' figures beside the text grades."""
    low, high = voice.comfortable_cps
    columns = st.columns(4)
    columns[0].metric("语音回复", f"{voice.spoken} 句")
    columns[1].metric("语速（字/秒）", f"{voice.chars_per_s:.1f}", voice.pace_label, delta_color="off")
    columns[2].metric("较长停顿", f"{voice.long_pauses} 处")
    columns[3].metric("说话时长", f"{voice.speaking_s:g} 秒")
    st.caption(f"舒适的语速是每秒 {low:g}–{high:g} 字；语音表现只作参考，不计入分数。")
