"""The pydantic schema of one temperament persona (one YAML file in `personas/data/`).

The `state` numbers drive the customer's state machine (the simulator); `speech` and
`templates` give the offline engine its voice; `tts` picks the voices for speech output.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from scenarios.schema import EventLines, Line, Slug, Strict, Text
from scenarios.vocabulary import Temperament

Score = Annotated[int, Field(ge=0, le=100)]
Step = Annotated[int, Field(ge=0, le=50)]


class StateParams(Strict):
    """How this temperament's anger and trust move; all on a 0–100 scale."""

    start_anger: Score
    start_trust: Score
    arguing_anger: Step = Field(description="anger added when the agent argues, blames or uses a 禁语")
    ignored_anger: Step = Field(description="anger added when the reply ignores what was said")
    empathy_relief: Step = Field(description="anger removed by real empathy")
    explanation_relief: Step = Field(description="anger removed by a clear factual explanation")
    help_relief: Step = Field(description="anger removed by a concrete offer within policy")
    trust_gain: Step
    trust_loss: Step
    decay: Step = Field(description="anger that fades by itself on a turn without provocation")
    patience: int = Field(ge=1, le=10, description="turns without progress before escalating")
    supervisor_at: Score
    regulator_at: Score
    hang_up_at: Score
    resolve_below: Score = Field(description="anger must be below this to accept a resolution")
    grudge: float = Field(ge=0, le=1, description="share of each anger rise that never fades")

    @model_validator(mode="after")
    def _thresholds_make_sense(self) -> Self:
        lowest = min(self.supervisor_at, self.regulator_at, self.hang_up_at)
        if self.resolve_below >= lowest:
            raise ValueError(
                f"可接受方案 resolve_below（{self.resolve_below}）必须低于所有升级阈值（最低 {lowest}）"
            )
        if self.start_anger >= lowest:
            raise ValueError(
                f"起始怒气 start_anger（{self.start_anger}）必须低于所有升级阈值（最低 {lowest}）"
            )
        return self


class Speech(Strict):
    """How this customer talks."""

    style: Text
    traits: list[Line] = Field(min_length=3)
    max_chars: int = Field(ge=20, le=200, description="length cap for one customer line")
    interjections: list[Line] = Field(min_length=2)


Voice = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-[A-Z]{2}-[A-Za-z-]+Neural$")]
Rate = Annotated[str, StringConstraints(pattern=r"^[+-]\d{1,2}%$")]
Pitch = Annotated[str, StringConstraints(pattern=r"^[+-]\d{1,2}Hz$")]


class TtsVoice(Strict):
    """edge-tts voices (online) and espeak-ng speed (offline fallback)."""

    male: Voice
    female: Voice
    rate: Rate
    pitch: Pitch
    espeak_speed: int = Field(ge=80, le=300)


class Persona(Strict):
    """One temperament persona; any persona can play any case."""

    id: Slug
    version: int = Field(ge=1)
    name: Line
    temperament: Temperament
    summary: Text
    handling_tips: list[Line] = Field(min_length=2)
    state: StateParams
    speech: Speech
    templates: EventLines
    tts: TtsVoice

    @property
    def label(self) -> str:
        """How pages name the persona: 胆汁质 · 急脾气的直性子."""
        return f"{self.temperament.label} · {self.name}"
