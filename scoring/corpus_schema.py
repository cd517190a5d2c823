"""The labelled corpus' record format: one whole call per JSONL line, every agent reply labelled.

The label guide writers follow is `scoring/corpus/LABEL_GUIDE.md`; this module is the same format
as code, so a broken line is refused with its file, line and what to fix.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Score = Annotated[int, Field(ge=0, le=2)]
Stage = Literal["greeting", "clarify", "turnaround", "agreement", "closing"]
Level = Literal["exemplary", "good", "flawed", "poor", "hostile"]
Temperament = Literal["choleric", "sanguine", "phlegmatic", "melancholic"]
Outcome = Literal["resolved", "supervisor", "regulator", "hung_up", "unfinished"]

GOOD_ACTS = [
    "greet",
    "self_identify",
    "apologise",
    "acknowledge_feeling",
    "take_ownership",
    "reassure",
    "ask_probe",
    "confirm_fact",
    "explain_policy",
    "offer_remedy",
    "commit_time",
    "recap",
    "ask_anything_else",
    "thank",
    "farewell",
]
BAD_ACTS = [
    "contradict",
    "blame_customer",
    "rhetorical_sarcasm",
    "lecture",
    "hide_behind_policy",
    "deflect",
    "dismiss",
    "calm_down",
    "demand_apology",
    "stall",
    "over_promise",
    "wrong_fact",
    "off_topic",
    "filler",
]
ACTS: tuple[str, ...] = tuple(GOOD_ACTS + BAD_ACTS)
LEVELS: tuple[str, ...] = ("exemplary", "good", "flawed", "poor", "hostile")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CustomerTurn(_Strict):
    """A line the customer said."""

    role: Literal["customer"]
    text: str = Field(min_length=1)


class AgentTurn(_Strict):
    """A trainee reply with the writer's labels."""

    role: Literal["agent"]
    text: str = Field(min_length=1)
    stage: Stage
    empathy: Score
    no_arguing: Score
    script: Score
    acts: list[tuple[str, str]] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _acts_are_known_spans(self) -> AgentTurn:
        for act, span in self.acts:
            if act not in ACTS:
                raise ValueError(f"未知的行为名「{act}」；可用的有：{' '.join(ACTS)}")
            if not span or span not in self.text:
                raise ValueError(f"行为 {act} 的片段「{span}」不是这句话的原文子串：{self.text}")
        return self


Turn = Annotated[CustomerTurn | AgentTurn, Field(discriminator="role")]


class CorpusCall(_Strict):
    """One whole labelled call."""

    call_id: str = Field(min_length=1)
    writer: str = Field(min_length=1)
    case_id: str = Field(min_length=1)
    temperament: Temperament
    level: Level
    trainer_score: int = Field(ge=0, le=100)
    agreement: bool
    outcome: Outcome
    summary: str = ""
    turns: list[Turn] = Field(min_length=2)

    @property
    def replies(self) -> list[AgentTurn]:
        """The agent's turns, in the order said."""
        return [turn for turn in self.turns if isinstance(turn, AgentTurn)]
