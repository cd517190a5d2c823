"""The trainee's spoken reply as text, through an OpenAI-compatible `/audio/transcriptions` endpoint.

By default the LLM's own endpoint and key are used with COACH_STT_MODEL (whisper-1); a separate
speech-recognition server (a local Whisper, say, beside the offline customer) is set with
COACH_STT_BASE_URL and COACH_STT_API_KEY. Without any of these the microphone is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from llm.config import LLMConfig, mask, read_setting
from llm.protocol import as_llm_error

DEFAULT_STT_MODEL = "whisper-1"


class TranscriptionFailed(Exception):
    """The recording could not be transcribed; the message says why, in Chinese."""


@dataclass(frozen=True)
class TranscriptionConfig:
    """Where and how to reach the transcription endpoint."""

    api_key: str = field(repr=False)
    base_url: str | None = None
    model: str = DEFAULT_STT_MODEL
    language: str = "zh"
    timeout: float = 30.0
    max_retries: int = 1

    def __repr__(self) -> str:
        return f"TranscriptionConfig(api_key={mask(self.api_key)!r}, base_url={self.base_url!r}, model={self.model!r})"


def load_transcription_config(
    llm_config: LLMConfig | None, setting: Callable[[str], str] = read_setting
) -> TranscriptionConfig | None:
    """The transcription endpoint: COACH_STT_* settings, else the LLM's endpoint; None when neither."""
    key = setting("COACH_STT_API_KEY") or (llm_config.api_key if llm_config else "")
    if not key:
        return None
    own_url = setting("COACH_STT_BASE_URL")
    base_url = own_url or (llm_config.base_url if llm_config and not setting("COACH_STT_API_KEY") else None)
    return TranscriptionConfig(
        api_key=key, base_url=base_url or None, model=setting("COACH_STT_MODEL") or DEFAULT_STT_MODEL
    )


def transcribe(config: TranscriptionConfig, wav: bytes, filename: str = "reply.wav") -> str:
    """What was said in the WAV recording; TranscriptionFailed when the endpoint fails or hears nothing."""
    from openai import OpenAI  # imported on first use: the offline app never needs it

    client = OpenAI(
        api_key=config.api_key,
        base_url=config.base_url,
        timeout=config.timeout,
        max_retries=config.max_retries,
    )
    try:
        result = client.audio.transcriptions.create(
            model=config.model, file=(filename, wav, "audio/wav"), language=config.language
        )
    except Exception as exc:
        raise TranscriptionFailed(str(as_llm_error(exc, "语音转写"))) from exc
    text = (getattr(result, "text", "") or "").strip()
    if not text:
        raise TranscriptionFailed("没有听清你说的话：请靠近麦克风再录一次，或直接打字回复")
    return text
