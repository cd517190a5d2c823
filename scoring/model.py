"""What a grade is: the per-reply result, its flags, and the context it was graded in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scenarios.schema import Case
from scenarios.vocabulary import Event, Stage

Dimension = Literal["empathy", "no_arguing", "script"]
DIMENSIONS: tuple[Dimension, ...] = ("empathy", "no_arguing", "script")
DIMENSION_LABELS = {"empathy": "共情", "no_arguing": "不争辩", "script": "话术规范"}
# overall = weighted mean; arguing and empathy weigh a little more than wording (seed 001: 不要争辩).
WEIGHTS = {"empathy": 0.35, "no_arguing": 0.35, "script": 0.30}
GOOD_AT = 60  # a dimension score at or above this counts as "good" (calibration labels)


class Flag(BaseModel):
    """One credit (+) or deduction (−): which rule, on which dimension, the quoted span, why."""

    model_config = ConfigDict(frozen=True)

    rule: str
    dimension: Dimension
    span: str
    effect: int
    label: str = ""
    why: str = ""


class Signals(BaseModel):
    """What the reply did, for the customer simulator (never set by plain words of the reply)."""

    apologised: bool = False
    acknowledged: bool = False
    took_ownership: bool = False
    explained: bool = False
    offered: list[str] = Field(default_factory=list)
    over_promised: bool = False
    asked_question: bool = False
    asked_consent: bool = False  # its only question asks whether the customer agrees (「这样行吗？」)
    answered_question: bool | None = None
    stalled: bool = False
    argued: bool = False
    off_task: bool = False
    acts: list[str] = Field(default_factory=list)  # dialogue acts found (learned grader), said order
    addressed: list[str] = Field(default_factory=list)  # agenda items the reply's words clear or answer
    asked_about: list[str] = Field(default_factory=list)  # topics of the customer's facts it asks about
    misnamed: bool = False  # called the customer by another surname or title
    misstated: bool = False  # stated a sum of money the case does not know (a wrong recap)


class ReplyGrade(BaseModel):
    """The grade of one trainee reply."""

    empathy: int = Field(ge=0, le=100)
    no_arguing: int = Field(ge=0, le=100)
    script: int = Field(ge=0, le=100)
    overall: int = Field(ge=0, le=100)
    flags: list[Flag]
    suggestion: str
    stage: Stage
    event: Event
    signals: Signals
    engine: str = "rules"
    note: str = ""

    def contract_dict(self) -> dict[str, object]:
        """The JSON object `python -m scoring grade` prints (DESIGN.md keys first, extras after)."""
        data = self.model_dump(mode="json")
        data["flags"] = [
            {"rule": f.rule, "dimension": f.dimension, "span": f.span, "effect": f.effect, "why": f.why}
            for f in self.flags
        ]
        return data


@dataclass(frozen=True)
class GradeContext:
    """Everything a reply is graded against; all optional except the reply itself."""

    customer: str = ""
    history: tuple[tuple[str, str], ...] = ()
    case: Case | None = None
    stage: Stage | None = None
    agent_id: str = "××××"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def agent_turns(self) -> list[str]:
        """The trainee's earlier replies, oldest first."""
        return [text for role, text in self.history if role == "agent"]
