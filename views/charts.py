"""Altair charts for the report: a three-axis radar of the scores and the emotion curve."""

from __future__ import annotations

import math

import altair as alt

from scoring.model import DIMENSION_LABELS, DIMENSIONS
from scoring.report import EmotionPoint

_ANGLES = {dim: math.pi / 2 + i * 2 * math.pi / len(DIMENSIONS) for i, dim in enumerate(DIMENSIONS)}


def radar_points(scores: dict[str, int]) -> list[dict[str, object]]:
    """The radar polygon's corners (closed: the first corner again at the end)."""
    corners = [
        {
            "dimension": DIMENSION_LABELS[d],
            "score": scores[d],
            "x": scores[d] * math.cos(_ANGLES[d]),
            "y": scores[d] * math.sin(_ANGLES[d]),
            "order": i,
        }
        for i, d in enumerate(DIMENSIONS)
    ]
    return [*corners, {**corners[0], "order": len(corners)}]


def radar_chart(scores: dict[str, int]) -> alt.LayerChart:
    """Three axes (共情 / 不争辩 / 话术规范) on a 0–100 grid."""
    scale = alt.Scale(domain=[-110, 110])
    x, y = alt.X("x:Q", scale=scale, axis=None), alt.Y("y:Q", scale=scale, axis=None)
    grid = [
        {"x": 100 * math.cos(a), "y": 100 * math.sin(a), "order": i} for i, a in enumerate(_ANGLES.values())
    ]
    outline = (
        alt.Chart(alt.Data(values=[*grid, {**grid[0], "order": 3}]))
        .mark_line(color="#ccc")
        .encode(x=x, y=y, order="order:O")
    )
    data = alt.Data(values=radar_points(scores))
    shape = (
        alt.Chart(data)
        .mark_line(point=True, color="#e4572e")
        .encode(x=x, y=y, order="order:O", tooltip=["dimension:N", "score:Q"])
    )
    labels = alt.Chart(data).mark_text(dy=-12, fontSize=13).encode(x=x, y=y, text=alt.Text("dimension:N"))
    return (outline + shape + labels).properties(height=280, title="三项得分")


def emotion_chart(curve: list[EmotionPoint]) -> alt.LayerChart:
    """Anger and trust over the call; the agent lines that moved the customer most are marked."""
    rows = [
        {"轮次": p.turn, "数值": p.anger, "指标": "怒气", "客服说": p.agent_line, "变化": p.delta}
        for p in curve
    ]
    rows += [
        {"轮次": p.turn, "数值": p.trust, "指标": "信任", "客服说": p.agent_line, "变化": 0} for p in curve
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("轮次:Q"), y=alt.Y("数值:Q", scale=alt.Scale(domain=[0, 100]))
    )
    lines = base.mark_line(point=True).encode(color="指标:N", tooltip=["指标:N", "数值:Q", "客服说:N"])
    movers = [r for r in rows if r["指标"] == "怒气" and abs(int(r["变化"])) >= 8]
    marks = (
        alt.Chart(alt.Data(values=movers or [{"轮次": 0, "数值": -10, "变化": 0, "客服说": ""}]))
        .mark_point(size=140, shape="diamond", filled=True, color="#d62728")
        .encode(x="轮次:Q", y="数值:Q", tooltip=["客服说:N", "变化:Q"])
    )
    return (lines + marks).properties(height=280, title="客户情绪曲线（◆ 为引起明显变化的回复）")
