"""The shared words of a call: stages, moods, customer events, needs and case labels.

Scoring, the simulator and the content files all speak this vocabulary, so it lives in
one place. Identifiers are English; every member carries the Chinese label users see.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """The five stages of a complaint call (seed 000)."""

    GREETING = "greeting"
    CLARIFY = "clarify"
    TURNAROUND = "turnaround"
    AGREEMENT = "agreement"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        """The Chinese name trainers use."""
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    Stage.GREETING: "问候",
    Stage.CLARIFY: "切入",
    Stage.TURNAROUND: "转化",
    Stage.AGREEMENT: "协议",
    Stage.CLOSING: "结束",
}


class Mood(StrEnum):
    """How the customer sounds right now; the simulator maps anger onto these bands."""

    CALM = "calm"
    ANNOYED = "annoyed"
    ANGRY = "angry"
    FURIOUS = "furious"

    @property
    def label(self) -> str:
        """The Chinese name shown in the mood meter."""
        return _MOOD_LABELS[self]


_MOOD_LABELS = {Mood.CALM: "平静", Mood.ANNOYED: "不满", Mood.ANGRY: "生气", Mood.FURIOUS: "暴怒"}


class Event(StrEnum):
    """What the trainee's last reply did to the customer, as the grade shows it."""

    ARGUED_WITH = "argued_with"
    APOLOGISED_TO = "apologised_to"
    EXPLAINED_TO = "explained_to"
    OFFERED_SOLUTION = "offered_solution"
    ASKED_QUESTION = "asked_question"
    IGNORED = "ignored"
    STALLED = "stalled"

    @property
    def label(self) -> str:
        """The Chinese description of the event."""
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    Event.ARGUED_WITH: "被争辩",
    Event.APOLOGISED_TO: "得到道歉",
    Event.EXPLAINED_TO: "听到解释",
    Event.OFFERED_SOLUTION: "得到方案",
    Event.ASKED_QUESTION: "被提问",
    Event.IGNORED: "被忽视",
    Event.STALLED: "被拖延",
}


class Outcome(StrEnum):
    """How a call can end; `unfinished` while it is still going."""

    RESOLVED = "resolved"
    SUPERVISOR = "supervisor"
    REGULATOR = "regulator"
    HUNG_UP = "hung_up"


class Need(StrEnum):
    """The customer's hidden need (seed 001 第10篇)."""

    VENT = "vent"
    RESPECT = "respect"
    REMEDY = "remedy"

    @property
    def label(self) -> str:
        """The Chinese name of the need."""
        return {Need.VENT: "发泄", Need.RESPECT: "尊重", Need.REMEDY: "补救"}[self]


class ComplaintType(StrEnum):
    """Seed 004's three kinds of customer contact."""

    COMPLAINT = "投诉"
    SUGGESTION = "建议"
    INQUIRY = "咨询"


class Severity(StrEnum):
    """Seed 003: 一般 can be settled at once; 重大 involves quality, money, contract or regulators."""

    ORDINARY = "一般"
    MAJOR = "重大"


class Temperament(StrEnum):
    """The four classical temperaments (seed 001 第10篇)."""

    CHOLERIC = "choleric"
    SANGUINE = "sanguine"
    PHLEGMATIC = "phlegmatic"
    MELANCHOLIC = "melancholic"

    @property
    def label(self) -> str:
        """The Chinese name of the temperament."""
        return _TEMPERAMENT_LABELS[self]


_TEMPERAMENT_LABELS = {
    Temperament.CHOLERIC: "胆汁质",
    Temperament.SANGUINE: "多血质",
    Temperament.PHLEGMATIC: "粘液质",
    Temperament.MELANCHOLIC: "抑郁质",
}
