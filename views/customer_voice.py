"""The customer's voice on the call pages: the latest line plays (autoplay is the trainee's
switch), after its words are already on screen; a report plays every line from the cache."""

from __future__ import annotations

import streamlit as st

from personas.schema import Persona
from scoring.report import md_escape
from simulator.session import Session, Turn
from simulator.speech import TEXT_ONLY_NOTE, CustomerSpeech, speech_request
from views.context import app_context

AUTOPLAY_KEY, VOICED_KEY = "autoplay_voice", "voiced_turn"


def speech() -> CustomerSpeech | None:
    """The app's customer voice, or None when voice is switched off (COACH_TTS=off)."""
    voice = app_context().speech
    return voice if voice is not None and voice.enabled else None


def autoplay_switch(default: bool, where=st) -> bool:
    """自动播放客户语音 (kept per browser session once the trainee sets it)."""
    if speech() is None:
        return False
    return where.toggle(
        "🔊 自动播放客户语音", value=st.session_state.get(AUTOPLAY_KEY, default), key=AUTOPLAY_KEY
    )


def play_latest(session: Session, persona: Persona, honorific: str, autoplay: bool, slot) -> None:
    """The player for the call's latest customer line, drawn into `slot` (placed right after the
    transcript). Call it last on the page: the words and the reply box are out before synthesis.
    Autoplay fires once per line, not on every rerun of the page."""
    voice = speech()
    last = next((turn for turn in reversed(session.turns) if turn.role == "customer"), None)
    if voice is None or last is None:
        return
    spoken = voice.speak(_request(last, persona, honorific))
    if spoken is None:
        slot.caption(TEXT_ONLY_NOTE)
        return
    fresh = st.session_state.get(VOICED_KEY) != (session.id, last.index)
    st.session_state[VOICED_KEY] = (session.id, last.index)
    slot.audio(spoken.data, format=spoken.mime, autoplay=autoplay and fresh)


def play_all(session: Session, persona: Persona, honorific: str) -> None:
    """Every customer line with its player (cached lines play at once; others are voiced now)."""
    voice = speech()
    if voice is None:
        return
    for number, turn in enumerate((t for t in session.turns if t.role == "customer"), start=1):
        st.markdown(f"**客户第 {number} 句** {md_escape(turn.text)}")
        spoken = voice.speak(_request(turn, persona, honorific))
        if spoken is None:
            st.caption(TEXT_ONLY_NOTE)
            return
        st.audio(spoken.data, format=spoken.mime)


def _request(turn: Turn, persona: Persona, honorific: str):
    return speech_request(turn.text, persona, honorific, turn.state.anger)
