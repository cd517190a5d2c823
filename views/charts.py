"""The report's charts as plain Vega-Lite specs: a three-axis radar of the scores and the emotion curve.

Plain dicts, drawn with `st.vega_lite_chart`: building the same charts as Altair objects took
~110 ms per report (Altair validates every channel as it is built), which under a class ending
its calls together held up everyone's replies. The specs are what Altair produced, written out.
"""

from __future__ import annotations

import math
from typing import Any

from scoring.model import DIMENSION_LABELS, DIMENSIONS
from scoring.report import EmotionPoint, quote

Spec = dict[str, Any]
_ANGLES = {dim: math.pi / 2 + i * 2 * math.pi / len(DIMENSIONS) for i, dim in enumerate(DIMENSIONS)}
_RADAR_SCALE = {"domain": [-110, 110]}


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


def _xy(**extra: Any) -> Spec:
    """The radar's x/y encoding (no axes: the grid outline is the scale)."""
    axis = {"type": "quantitative", "scale": _RADAR_SCALE, "axis": None}
    return {"x": {"field": "x", **axis}, "y": {"field": "y", **axis}, **extra}


def radar_chart(scores: dict[str, int]) -> Spec:
    """Three axes (共情 / 不争辩 / 话术规范) on a 0–100 grid."""
    grid = [
        {"x": 100 * math.cos(a), "y": 100 * math.sin(a), "order": i} for i, a in enumerate(_ANGLES.values())
    ]
    order = {"field": "order", "type": "ordinal"}
    points = {"values": radar_points(scores)}
    tooltip = [{"field": "dimension", "type": "nominal"}, {"field": "score", "type": "quantitative"}]
    layers = [
        {"data": {"values": [*grid, {**grid[0], "order": 3}]}, "mark": {"type": "line", "color": "#ccc"},
         "encoding": _xy(order=order)},
        {"data": points, "mark": {"type": "line", "point": True, "color": "#e4572e"},
         "encoding": _xy(order=order, tooltip=tooltip)},
        {"data": points, "mark": {"type": "text", "dy": -12, "fontSize": 13},
         "encoding": _xy(text={"field": "dimension", "type": "nominal"})},
    ]  # fmt: skip
    return {"layer": layers, "height": 280, "title": "三项得分"}


def emotion_chart(curve: list[EmotionPoint]) -> Spec:
    """Anger and trust over the call; the agent lines that moved the customer most are marked."""
    said = [quote(p.agent_line, 120) for p in curve]  # a tooltip, not the transcript
    rows = [
        {"轮次": p.turn, "数值": p.anger, "指标": "怒气", "客服说": line, "变化": p.delta}
        for p, line in zip(curve, said, strict=True)
    ]
    rows += [
        {"轮次": p.turn, "数值": p.trust, "指标": "信任", "客服说": line, "变化": 0}
        for p, line in zip(curve, said, strict=True)
    ]
    x, y = {"field": "轮次", "type": "quantitative"}, {"field": "数值", "type": "quantitative"}
    movers = [r for r in rows if r["指标"] == "怒气" and abs(int(r["变化"])) >= 8]
    lines = {
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": x, "y": {**y, "scale": {"domain": [0, 100]}}, "color": {"field": "指标", "type": "nominal"},
            "tooltip": [{"field": "指标", "type": "nominal"}, y, {"field": "客服说", "type": "nominal"}],
        },
    }  # fmt: skip
    marks = {
        "data": {"values": movers or [{"轮次": 0, "数值": -10, "变化": 0, "客服说": ""}]},
        "mark": {"type": "point", "size": 140, "shape": "diamond", "filled": True, "color": "#d62728"},
        "encoding": {
            "x": x, "y": y,
            "tooltip": [{"field": "客服说", "type": "nominal"}, {"field": "变化", "type": "quantitative"}],
        },
    }  # fmt: skip
    return {"layer": [lines, marks], "height": 280, "title": "客户情绪曲线（◆ 为引起明显变化的回复）"}
