"""The act catalogue (`scoring/acts.yaml`): each act's dimension, coach's label and reason."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from scoring.corpus_schema import ACTS

ACTS_FILE = Path(__file__).resolve().parent / "acts.yaml"


class ActInfo(BaseModel):
    """What one act means to the grade."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dimension: Literal["empathy", "no_arguing", "script"]
    label: str
    why: str
    argues: bool = False  # the customer hears it as arguing (the simulator's ARGUED_WITH)
    # The stage whose key point this act delivers wherever the stage tracker places the line: a
    # recap the tracker reads as part of the agreement still is the closing's recap.
    delivers: Literal["greeting", "clarify", "turnaround", "agreement", "closing"] | None = None


@cache
def act_catalogue() -> dict[str, ActInfo]:
    """Every act's info; refuses a file that misses an act or names an unknown one."""
    raw = yaml.safe_load(ACTS_FILE.read_text(encoding="utf-8"))
    if set(raw) != set(ACTS):
        missing, unknown = set(ACTS) - set(raw), set(raw) - set(ACTS)
        raise ValueError(f"{ACTS_FILE}: 缺少行为 {sorted(missing)}，未知行为 {sorted(unknown)}")
    return {act: ActInfo.model_validate(info) for act, info in raw.items()}


def acts_delivering(stage: str) -> frozenset[str]:
    """The acts that deliver `stage`'s key point, whichever stage their line was placed in."""
    return frozenset(act for act, info in act_catalogue().items() if info.delivers == stage)


def arguing_acts() -> frozenset[str]:
    """The acts the customer hears as arguing."""
    return frozenset(act for act, info in act_catalogue().items() if info.argues)
