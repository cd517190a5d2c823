"""Paraverbal feedback on a spoken reply: how fast, how long, how many long pauses.

A plain energy voice-activity detector over the trainee's WAV recording: frames far quieter than
the loud ones are silence. The figures sit beside the text grades; they never change them (a
trainer judges tone by ear, and the recording quality of a headset varies too much to score).
"""

from __future__ import annotations

import io
import re
import wave
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict

PARAVERBAL_PATH = Path(__file__).resolve().parent / "paraverbal.yaml"
SPOKEN_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


class PaceRules(BaseModel):
    """The contents of paraverbal.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    comfortable_cps: tuple[float, float]
    long_pause_s: float
    frame_ms: int
    silence_ratio: float
    silence_floor: float
    advice: dict[str, str]


@cache
def pace_rules(path: Path = PARAVERBAL_PATH) -> PaceRules:
    """The pace rules (read once)."""
    return PaceRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


class Paraverbal(BaseModel):
    """How one reply was spoken. `transcript` is what speech recognition heard; the reply sent may
    have been corrected from it (`edited`)."""

    model_config = ConfigDict(frozen=True)
    duration_s: float  # the whole recording
    speaking_s: float  # first sound to last, long pauses taken out
    chars: int
    chars_per_s: float
    long_pauses: list[float]
    transcript: str = ""
    edited: bool = False

    def problems(self, rules: PaceRules | None = None) -> list[str]:
        """What a trainer would say about the delivery (empty when it was fine)."""
        rules = rules or pace_rules()
        low, high = rules.comfortable_cps
        figures = {"cps": f"{self.chars_per_s:.1f}", "low": f"{low:g}", "high": f"{high:g}"}
        found = []
        if self.chars_per_s > high:
            found.append(rules.advice["too_fast"].format(**figures))
        elif 0 < self.chars_per_s < low:
            found.append(rules.advice["too_slow"].format(**figures))
        if self.long_pauses:
            longest = f"{max(self.long_pauses):.1f}"
            found.append(rules.advice["pauses"].format(count=len(self.long_pauses), longest=longest))
        return found


class RecordingError(ValueError):
    """A recording that cannot be measured (not a PCM WAV); the message is in Chinese."""


def measure(wav: bytes, text: str, transcript: str = "", rules: PaceRules | None = None) -> Paraverbal:
    """The pace of the reply spoken in the WAV recording `wav`. The characters counted are what
    recognition heard (`transcript`) when there is one: the reply `text` may have been edited after
    the recording, and typing more words into it must not make the trainee "speak faster"."""
    rules = rules or pace_rules()
    samples, rate = _samples(wav)
    voiced = _voiced_frames(samples, rate, rules)
    frame_s = rules.frame_ms / 1000
    duration = len(samples) / rate if rate else 0.0
    pauses = _long_pauses(voiced, frame_s, rules.long_pause_s)
    span = (np.flatnonzero(voiced)[[0, -1]] if voiced.any() else np.array([0, -1])) * frame_s
    speaking = max(0.0, float(span[1] - span[0] + frame_s) - sum(pauses)) if voiced.any() else 0.0
    chars = len(SPOKEN_CHAR.findall(transcript or text))
    return Paraverbal(
        duration_s=round(duration, 2),
        speaking_s=round(speaking, 2),
        chars=chars,
        chars_per_s=round(chars / speaking, 2) if speaking > 0 else 0.0,
        long_pauses=[round(p, 2) for p in pauses],
        transcript=transcript,
        edited=bool(transcript) and transcript.strip() != text.strip(),
    )


def _samples(wav: bytes) -> tuple[np.ndarray, int]:
    """Mono samples scaled to ±1, and the sample rate."""
    try:
        with wave.open(io.BytesIO(wav)) as reader:
            width, channels, rate = reader.getsampwidth(), reader.getnchannels(), reader.getframerate()
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError) as exc:
        raise RecordingError(f"录音不是可识别的 WAV 文件（{exc}）") from exc
    kinds = {1: (np.uint8, 128.0, 128.0), 2: (np.int16, 0.0, 32768.0), 4: (np.int32, 0.0, 2147483648.0)}
    if width not in kinds:
        raise RecordingError(f"录音的采样位宽 {width * 8} 位不支持（支持 8/16/32 位 PCM）")
    dtype, offset, scale = kinds[width]
    data = (np.frombuffer(frames, dtype=dtype).astype(np.float64) - offset) / scale
    usable = len(data) - len(data) % max(1, channels)
    return data[:usable].reshape(-1, max(1, channels)).mean(axis=1), rate


def _voiced_frames(samples: np.ndarray, rate: int, rules: PaceRules) -> np.ndarray:
    """One bool per frame: louder than the silence threshold."""
    size = max(1, int(rate * rules.frame_ms / 1000))
    count = len(samples) // size
    if count == 0:
        return np.zeros(0, dtype=bool)
    rms = np.sqrt(np.mean(samples[: count * size].reshape(count, size) ** 2, axis=1))
    threshold = max(rules.silence_floor, rules.silence_ratio * float(np.percentile(rms, 95)))
    return rms > threshold


def _long_pauses(voiced: np.ndarray, frame_s: float, at_least: float) -> list[float]:
    """The silent runs between the first and last voiced frame that last `at_least` seconds."""
    if not voiced.any():
        return []
    first, last = np.flatnonzero(voiced)[[0, -1]]
    pauses, run = [], 0
    for is_voiced in voiced[first : last + 1]:
        if is_voiced:
            if run * frame_s >= at_least:
                pauses.append(run * frame_s)
            run = 0
        else:
            run += 1
    return pauses
