"""The report's charts as plain Vega-Lite specs: the three scores as bars and the emotion curve.

Plain dicts, drawn with `st.vega_lite_chart`: building the same charts as Altair objects took
~110 ms per report (Altair validates every channel as it is built), which under a class ending
its calls together held up everyone's replies.
"""

from __future__ import annotations

from typing import Any

from scoring.model import DIMENSION_LABELS, DIMENSIONS
from scoring.report import EmotionPoint, quote

Spec = dict[str, Any]
PASS_LINE = 60
ANGER_COLOUR, TRUST_COLOUR = "#d62728", "#1f77b4"  # anger warm, trust cool
# Reply 0 is the customer's opening; then 第 n 句 is the customer's state after the trainee's n-th reply.
_REPLY_LABEL = "datum.value == 0 ? '开场' : '第 ' + datum.value + ' 句'"


def scores_chart(scores: dict[str, int]) -> Spec:
    """共情 / 不争辩 / 话术规范 as bars on a 0–100 scale, each with its value and the pass line.
    (Three axes read poorly as a radar: no scale, overlapping labels.)"""
    rows = [
        {"维度": DIMENSION_LABELS[d], "得分": scores[d], "及格": scores[d] >= PASS_LINE} for d in DIMENSIONS
    ]
    y = {"field": "维度", "type": "nominal", "sort": None, "title": None}
    x = {"field": "得分", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": "得分（0–100）"}
    colour = {
        "field": "及格",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": [True, False], "range": ["#2ca02c", "#ff7f0e"]},
    }
    layers = [
        {"mark": {"type": "bar", "cornerRadiusEnd": 3}, "encoding": {"y": y, "x": x, "color": colour,
         "tooltip": [{"field": "维度"}, {"field": "得分", "type": "quantitative"}]}},
        {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 13},
         "encoding": {"y": y, "x": x, "text": {"field": "得分", "type": "quantitative"}}},
        {"data": {"values": [{"及格线": PASS_LINE}]}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#888"},
         "encoding": {"x": {"field": "及格线", "type": "quantitative"}}},
    ]  # fmt: skip
    return {"data": {"values": rows}, "layer": layers, "height": 200, "title": "三项得分（虚线为及格线 60）"}


def emotion_rows(curve: list[EmotionPoint]) -> list[dict[str, object]]:
    """One row per reply and line (怒气, 信任): the reply number, value, change and what was said."""
    rows: list[dict[str, object]] = []
    for number, point in enumerate(curve):
        before = curve[number - 1] if number else point
        said = quote(point.agent_line, 120) if number else "（客户开场）"  # a tooltip, not the transcript
        label = f"第 {number} 句" if number else "开场"
        for name, value, change in (
            ("怒气", point.anger, point.delta),
            ("信任", point.trust, point.trust - before.trust),
        ):
            rows.append(
                {"回复": number, "第几句": label, "曲线": name, "数值": value, "变化": change, "客服说": said}
            )
    return rows


def emotion_chart(curve: list[EmotionPoint]) -> Spec:
    """Anger and trust after each trainee reply; the replies that moved the customer most are marked."""
    rows = emotion_rows(curve)
    x = {
        "field": "回复",
        "type": "quantitative",
        "scale": {"domain": [0, max(1, len(curve) - 1)]},
        "axis": {"tickMinStep": 1, "format": "d", "labelExpr": _REPLY_LABEL},
        "title": "学员的第几句回复",
    }
    y = {
        "field": "数值",
        "type": "quantitative",
        "scale": {"domain": [0, 100]},
        "title": "怒气 / 信任（0–100）",
    }
    colour = {
        "field": "曲线",
        "type": "nominal",
        "title": "曲线",
        "scale": {"domain": ["怒气", "信任"], "range": [ANGER_COLOUR, TRUST_COLOUR]},
    }
    tooltip = [
        {"field": "第几句"},
        {"field": "曲线"},
        {"field": "数值", "type": "quantitative"},
        {"field": "变化", "type": "quantitative"},
        {"field": "客服说"},
    ]
    movers = [r for r in rows if r["曲线"] == "怒气" and abs(int(r["变化"])) >= 8]
    lines = {
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
    }
    marks = {
        "data": {"values": movers or [{"回复": 0, "数值": -10, "变化": 0, "客服说": "", "第几句": "", "曲线": ""}]},
        "mark": {"type": "point", "size": 140, "shape": "diamond", "filled": True, "color": ANGER_COLOUR},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }  # fmt: skip
    return {"layer": [lines, marks], "height": 280, "title": "客户情绪曲线（◆ 为引起明显变化的回复）"}


def anger_by_reply(rows: list[dict[str, Any]], colour: Spec, **encodings: Spec) -> Spec:
    """The customer's anger after each reply (rows with 回复 and 怒气), one line per `colour`
    value; extra `encodings` (strokeDash, facet…) are added as given."""
    return {
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {
                "field": "回复",
                "type": "quantitative",
                "title": "第几句（0 为开场）",
                "axis": {"tickMinStep": 1},
            },
            "y": {"field": "怒气", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": "怒气"},
            "color": colour,
            **encodings,
        },
    }
