"""Answering by voice: record, see what recognition heard, correct it, send.

The recording is transcribed once (per recording), the transcript is editable, and the reply is
sent with how it was spoken (pace, pauses) for the report. Without a transcription endpoint the
microphone is not offered at all, and a line says why.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from llm.transcribe import TranscriptionFailed, transcribe
from scoring.paraverbal import Paraverbal, RecordingError, measure
from views.context import app_context

PENDING_KEY = "spoken_reply"  # {"digest", "wav", "transcript"} of the recording being answered
MAX_RECORDING_BYTES = 16000 * 2 * 90 + 1024  # 90 s of 16 kHz 16-bit mono, the recorder's format
NO_ENDPOINT = (
    "🎤 语音回复未开启：需要配置语音转写接口（任何 OpenAI 兼容的 `/audio/transcriptions` 接口，"
    "设置方法见 README「语音」一节）。现在请打字回复。"
)
LOCKED_LABEL = "识别出的文字（本考试按识别结果作答，不能修改；识别不对请重新录一遍）"
LOG = logging.getLogger("coach")


def voice_available() -> bool:
    """True when a transcription endpoint is configured (the microphone is offered)."""
    return app_context().transcription is not None


def voice_reply(
    call_id: str, version: int, on_send: Callable[..., None], args: tuple[Any, ...], editable: bool = True
) -> None:
    """The microphone, then the transcript and 发送语音回复 (which calls `on_send(*args,
    spoken=True)`). The recorder's key moves with the call version, so it is empty after a send.
    Not `editable` (an exam that requires voice): what recognition heard is what is sent."""
    if not voice_available():
        st.caption(NO_ENDPOINT)
        return
    recording = st.audio_input(
        "🎤 语音回复（录完后可以先修改识别出的文字再发送）", key=f"mic-{call_id}-{version}"
    )
    if recording is None:
        return
    pending = _transcribed(recording.getvalue(), recording.file_id)
    if pending is None:
        return
    pending["editable"] = editable  # kept server-side: spoken_reply() reads it, not the browser
    if editable:
        st.text_area("识别出的文字（可修改）", key=_text_key(pending), height=90)
    else:
        st.text_area(LOCKED_LABEL, value=pending["transcript"], height=90, disabled=True)
    st.button("发送语音回复", type="primary", on_click=on_send, args=args, kwargs={"spoken": True})


def spoken_reply() -> tuple[str, Paraverbal | None]:
    """The reply the trainee is sending by voice: the (corrected) text and how it was spoken."""
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        return "", None
    if pending.get("editable", True):
        text = st.session_state.get(_text_key(pending), pending["transcript"])
    else:
        text = pending["transcript"]
    try:
        return text, measure(pending["wav"], text, pending["transcript"])
    except RecordingError:  # checked when it arrived; a reply is never refused for its figures
        return text, None


def forget_spoken_reply() -> None:
    """Drop the recording once its reply is stored."""
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is not None:
        st.session_state.pop(_text_key(pending), None)


def _transcribed(wav: bytes, upload_id: str = "") -> dict[str, Any] | None:
    """The recording with its transcript (transcribed on first sight only); None, said why, when
    it is too long, not audio, or recognition failed. A new take is a new upload even when its
    bytes happen to match the last one: it is heard afresh and the text box starts over."""
    digest = hashlib.sha256(upload_id.encode() + wav).hexdigest()
    pending = st.session_state.get(PENDING_KEY)
    if pending is not None and pending["digest"] == digest:
        return pending
    if len(wav) > MAX_RECORDING_BYTES:
        st.warning("一句语音回复最多录 90 秒：请分成几句，或直接打字回复。")
        return None
    try:
        measure(wav, "")
        with st.spinner("正在识别你说的话…"):
            transcript = transcribe(app_context().transcription, wav)
    except (RecordingError, TranscriptionFailed) as exc:
        LOG.info("recording not transcribed: %s", exc)
        st.warning(f"{exc}。")
        return None
    pending = {"digest": digest, "wav": wav, "transcript": transcript}
    st.session_state[PENDING_KEY] = pending
    st.session_state[_text_key(pending)] = transcript
    return pending


def _text_key(pending: dict[str, Any]) -> str:
    return f"spoken-text-{pending['digest'][:16]}"
