"""The pydantic schema of one complaint case (one YAML file in `scenarios/cases/`).

Field names are English; the content is Simplified Chinese. Every model forbids unknown
fields so a typo in a trainer's file is refused at load time, never ignored mid-call.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from scenarios.agenda import Agenda
from scenarios.base import Line, MoodLines, SlotName, Slug, Strict, Text
from scenarios.vocabulary import ComplaintType, Need, Severity

__all__ = ["Agenda", "Line", "MoodLines", "SlotName", "Slug", "Strict", "Text"]


DIFFICULTY_LABELS = {1: "初级", 2: "中级", 3: "高级"}


class Brief(Strict):
    """What the trainee is told before the call."""

    summary: Text
    caller: Text
    goals: list[Text] = Field(min_length=1)


class KnownFact(Strict):
    """Something the customer knows and says when the trainee asks about it."""

    topic: Line
    keywords: list[Line] = Field(min_length=1)
    answer: Line


class CustomerSide(Strict):
    """The customer's side of the case: never shown to the trainee before the call."""

    honorific: Line
    story: Text
    hidden_need: Need
    wants: list[Line] = Field(min_length=1)
    misunderstandings: list[Line] = Field(min_length=1)
    known_facts: list[KnownFact] = Field(min_length=2)


class Regulator(Strict):
    """Whom the customer threatens to complain to when pushed too far."""

    name: Line
    hotline: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""


class Limit(Strict):
    """Something the agent must not promise; `keywords` are phrases that would promise it."""

    text: Line
    keywords: list[Line] = Field(min_length=1)


class Policy(Strict):
    """The company's facts and limits for this case."""

    facts: list[Line] = Field(min_length=2)
    may_offer: list[Line] = Field(min_length=1)
    must_not_promise: list[Limit] = Field(min_length=1)
    regulator: Regulator


class StageGuide(Strict):
    """What a good agent does in one stage, and lines that say it well."""

    key_points: list[Line] = Field(min_length=1)
    scripts: list[Line] = Field(min_length=1)


class Stages(Strict):
    """The five stages of seed 000, each required."""

    greeting: StageGuide
    clarify: StageGuide
    turnaround: StageGuide
    agreement: StageGuide
    closing: StageGuide


class Resolution(Strict):
    """An outcome the company may accept; `keywords` show a reply offers it."""

    id: Slug
    text: Line
    keywords: list[Line] = Field(min_length=1)


class StageLines(Strict):
    """What the customer says about the matter in each stage, by mood."""

    greeting: MoodLines
    clarify: MoodLines
    turnaround: MoodLines
    agreement: MoodLines
    closing: MoodLines


class EventLines(Strict):
    """How the customer reacts to what the trainee just did, by mood."""

    argued_with: MoodLines
    apologised_to: MoodLines
    explained_to: MoodLines
    offered_solution: MoodLines
    asked_question: MoodLines
    ignored: MoodLines
    stalled: MoodLines
    misnamed: MoodLines | None = None  # called by the wrong name (the personas' banks have it)
    misstated: MoodLines | None = None  # told a wrong sum of money (the personas' banks have it)
    dont_know: MoodLines | None = None  # asked what it does not know, and the case has no line for it
    # Patience used up: one last warning before the customer escalates (the personas' banks have it).
    ultimatum: MoodLines | None = None


class OutcomeLines(Strict):
    """The customer's last words for each way a call can end."""

    resolved: list[Line] = Field(min_length=1)
    supervisor: list[Line] = Field(min_length=1)
    regulator: list[Line] = Field(min_length=1)
    hung_up: list[Line] = Field(min_length=1)


class CaseLines(Strict):
    """The offline engine's line banks for this case."""

    opening: MoodLines
    stages: StageLines
    events: EventLines
    outcomes: OutcomeLines


class Case(Strict):
    """One complaint case: brief, customer, policy, stages, rules and line banks."""

    id: Slug
    version: int = Field(ge=1)
    title: Line
    industry: Line
    source: Line
    complaint_type: ComplaintType
    severity: Severity
    difficulty: int = Field(ge=1, le=3)
    company: Line
    brief: Brief
    customer: CustomerSide
    policy: Policy
    stages: Stages
    forbidden_phrases: list[Line] = Field(min_length=3)
    resolutions: list[Resolution] = Field(min_length=1)
    slots: dict[SlotName, Line] = Field(default_factory=dict)
    lines: CaseLines
    agenda: Agenda | None = None  # what the customer wants to say, ask and get (simulator.agenda)

    @property
    def difficulty_label(self) -> str:
        """初级 / 中级 / 高级."""
        return DIFFICULTY_LABELS[self.difficulty]
