"""Plain-Chinese descriptions of a persona's numbers, for the persona cards and README."""

from __future__ import annotations

from personas.schema import Persona

# (field, label, how to read it) — the order the cards show them in.
STATE_FIELDS: list[tuple[str, str, str]] = [
    ("start_anger", "起始怒气", "来电时的火气（0–100）"),
    ("start_trust", "起始信任", "对公司的信任（0–100）"),
    ("arguing_anger", "被争辩 +怒气", "每次被顶撞、被指责或听到禁语"),
    ("ignored_anger", "被忽视 +怒气", "答非所问、敷衍时"),
    ("empathy_relief", "共情 −怒气", "真诚道歉、认同感受时"),
    ("explanation_relief", "解释 −怒气", "讲清事实和依据时"),
    ("help_relief", "方案 −怒气", "给出政策内的具体办法时"),
    ("trust_gain", "信任 +", "感到被理解、得到帮助时"),
    ("trust_loss", "信任 −", "被顶撞、被敷衍时"),
    ("decay", "自然消气", "没有被刺激的一轮里"),
    ("patience", "耐心（轮）", "连续几轮没进展就升级"),
    ("supervisor_at", "要求找领导", "怒气达到此值"),
    ("regulator_at", "威胁向监管投诉", "怒气达到此值"),
    ("hang_up_at", "挂断电话", "怒气达到此值"),
    ("resolve_below", "可接受方案", "怒气低于此值才会接受"),
    ("grudge", "记仇程度", "每次上升的怒气中不会消退的比例"),
]


def state_rows(persona: Persona) -> list[dict[str, str]]:
    """One row per state number: label, value (as shown) and its meaning."""
    values = persona.state.model_dump()
    return [
        {"参数": label, "数值": _show(values[field]), "含义": meaning}
        for field, label, meaning in STATE_FIELDS
    ]


def _show(value: object) -> str:
    return f"{value:.0%}" if isinstance(value, float) else str(value)
