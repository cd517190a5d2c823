"""How the customer sounds: the persona's resting voice moved by its mood.

One place decides the prosody of a customer line (rate, pitch, volume); the synthesizers only
translate it into their own units. The figures are data, in prosody.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from personas.schema import Persona
from scenarios.vocabulary import Temperament

PROSODY_PATH = Path(__file__).resolve().parent / "prosody.yaml"
FEMALE_MARKS = ("女士", "小姐", "阿姨", "大姐", "太太", "奶奶", "大妈", "姐")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Shift(_Strict):
    """A change of rate (%), pitch (Hz) and volume (%)."""

    rate: float = 0
    pitch: float = 0
    volume: float = 0


class TemperamentVoice(_Strict):
    """How one temperament's voice follows its anger, and its colour at any mood."""

    anger_scale: float
    bias: Shift


class EspeakUnits(_Strict):
    """How a prosody becomes espeak-ng's -p and -a values."""

    pitch_per_hz: float
    base_pitch: int
    base_amplitude: int


class ProsodyRules(_Strict):
    """The contents of prosody.yaml."""

    calm_anger: int
    per_10_anger: Shift
    temperaments: dict[Temperament, TemperamentVoice]
    limits: dict[str, tuple[int, int]]
    espeak: EspeakUnits


@cache
def prosody_rules(path: Path = PROSODY_PATH) -> ProsodyRules:
    """The prosody rules (read once)."""
    return ProsodyRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Prosody:
    """One line's delivery, in edge-tts' units: rate and volume in %, pitch in Hz (0 = resting)."""

    rate: int
    pitch: int
    volume: int

    def edge_args(self) -> dict[str, str]:
        """The rate/pitch/volume arguments edge-tts takes ("+12%", "-3Hz", "+5%")."""
        return {"rate": f"{self.rate:+d}%", "pitch": f"{self.pitch:+d}Hz", "volume": f"{self.volume:+d}%"}

    def espeak_args(self, resting_speed: int) -> list[str]:
        """espeak-ng's -s (words per minute), -p (pitch 0–99) and -a (amplitude 0–200) arguments."""
        units = prosody_rules().espeak
        speed = round(resting_speed * (1 + self.rate / 100))
        pitch = min(99, max(0, round(units.base_pitch + self.pitch * units.pitch_per_hz)))
        amplitude = min(200, max(0, round(units.base_amplitude * (1 + self.volume / 100))))
        return ["-s", str(max(80, speed)), "-p", str(pitch), "-a", str(amplitude)]


def prosody_for(persona: Persona, anger: int) -> Prosody:
    """The prosody of a line the persona says at this anger (0–100)."""
    rules = prosody_rules()
    voice = rules.temperaments[persona.temperament]
    tenths = max(0, anger - rules.calm_anger) / 10 * voice.anger_scale
    figures = {
        "rate": _number(persona.tts.rate) + voice.bias.rate + tenths * rules.per_10_anger.rate,
        "pitch": _number(persona.tts.pitch) + voice.bias.pitch + tenths * rules.per_10_anger.pitch,
        "volume": voice.bias.volume + tenths * rules.per_10_anger.volume,
    }
    return Prosody(**{name: _clamped(value, rules.limits[name]) for name, value in figures.items()})


def voice_name(persona: Persona, honorific: str) -> str:
    """The persona's edge-tts voice for this customer: the female one for 女士/阿姨…, else the male."""
    return persona.tts.female if any(mark in honorific for mark in FEMALE_MARKS) else persona.tts.male


def _number(text: str) -> float:
    """ "+15%" → 15, "-5Hz" → -5."""
    return float(text.rstrip("%Hz"))


def _clamped(value: float, limits: tuple[int, int]) -> int:
    low, high = limits
    return min(high, max(low, round(value)))
