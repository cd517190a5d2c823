"""What the report says about a spoken call: per line, the delivery advice; per call, the figures.

The advice follows seed 000's trainer: in 问候 the voice should be warm and unhurried, and dead air
anywhere makes a caller feel unheard. Figures and wording come from paraverbal.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from scenarios.vocabulary import Stage
from scoring.paraverbal import Paraverbal, pace_rules


class VoiceSummary(BaseModel):
    """The spoken replies of a call in four figures."""

    spoken: int  # replies answered by voice
    speaking_s: float  # their speaking time together
    chars_per_s: float  # characters over speaking time, all spoken replies together
    long_pauses: int
    comfortable_cps: tuple[float, float]

    @property
    def pace_label(self) -> str:
        """偏快 / 适中 / 偏慢 against the comfortable band."""
        low, high = self.comfortable_cps
        return "偏快" if self.chars_per_s > high else "偏慢" if self.chars_per_s < low else "适中"


def voice_notes(spoken: Paraverbal | None, stage: Stage) -> list[str]:
    """The delivery advice for one line (empty for a typed line). A 问候 line too fast gets the
    trainer's greeting advice with it; a 问候 line well paced is said to be so."""
    if spoken is None:
        return []
    rules = pace_rules()
    problems = spoken.problems(rules)
    too_fast = spoken.chars_per_s > rules.comfortable_cps[1]
    if stage == Stage.GREETING and too_fast:
        problems.append(rules.advice["greeting"])
    if not problems and stage == Stage.GREETING:
        return [rules.advice["good"].format(cps=f"{spoken.chars_per_s:.1f}")]
    return problems


def voice_summary(delivered: Sequence[Paraverbal | None]) -> VoiceSummary | None:
    """The figures over every spoken reply, or None when none was spoken."""
    spoken = [voice for voice in delivered if voice is not None]
    if not spoken:
        return None
    seconds = sum(voice.speaking_s for voice in spoken)
    chars = sum(voice.chars for voice in spoken)
    return VoiceSummary(
        spoken=len(spoken),
        speaking_s=round(seconds, 1),
        chars_per_s=round(chars / seconds, 2) if seconds > 0 else 0.0,
        long_pauses=sum(len(voice.long_pauses) for voice in spoken),
        comfortable_cps=pace_rules().comfortable_cps,
    )
