"""WAV recordings of known length for the voice tests: tone for speech, zeros for silence."""

from __future__ import annotations

import io
import wave

import numpy as np


def recording(parts: list[tuple[str, float]], rate: int = 16000, width: int = 2, channels: int = 1) -> bytes:
    """A WAV of ("speech" | "silence", seconds) parts in order; speech is a 220 Hz tone with a
    little noise, silence a faint hiss (a real microphone is never exactly zero)."""
    rng = np.random.default_rng(0)
    pieces = []
    for kind, seconds in parts:
        t = np.arange(int(rate * seconds)) / rate
        loud = 0.3 * np.sin(2 * np.pi * 220 * t) if kind == "speech" else np.zeros_like(t)
        pieces.append(loud + rng.normal(0, 0.001, len(t)))
    mono = np.concatenate(pieces)
    frames = np.repeat(mono[:, None], channels, axis=1).reshape(-1)
    if width == 1:
        data = np.clip(frames * 127 + 128, 0, 255).astype(np.uint8).tobytes()
    else:
        data = np.clip(frames * 32767, -32768, 32767).astype("<i2").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(data)
    return buffer.getvalue()
