"""The customer's voice on the call pages: the latest line plays (autoplay is the trainee's
switch), after its words are already on screen, and in practice an earlier one can be heard
again; a report plays every line from the cache."""

from __future__ import annotations

import streamlit as st

from personas.schema import Persona
from scoring.report import md_escape
from simulator.session import Session, Turn
from simulator.speech import TEXT_ONLY_NOTE, CustomerSpeech, speech_request
from views.context import app_context
from views.widgets import selectbox

AUTOPLAY_KEY, VOICED_KEY, REPLAY_KEY = "autoplay_voice", "voiced_turn", "replay_line"


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


def play_latest(
    session: Session, persona: Persona, honorific: str, autoplay: bool, slot, replay_slot=None
) -> None:
    """The player for the call's latest customer line, drawn into `slot` (placed right after the
    transcript). Call it last on the page: the words and the reply box are out before synthesis.
    Autoplay fires once per line, not on every rerun of the page. With `replay_slot` (practice,
    not exams: a real caller cannot be replayed either), an earlier line can be heard again."""
    voice = speech()
    lines = [turn for turn in session.turns if turn.role == "customer"]
    if voice is None or not lines:
        return
    spoken = voice.speak(_request(lines[-1], persona, honorific))
    if spoken is None:
        slot.caption(TEXT_ONLY_NOTE)
        return
    fresh = st.session_state.get(VOICED_KEY) != (session.id, lines[-1].index)
    st.session_state[VOICED_KEY] = (session.id, lines[-1].index)
    slot.audio(spoken.data, format=spoken.mime, autoplay=autoplay and fresh)
    if replay_slot is not None and len(lines) > 1:
        replay_earlier(voice, session.id, lines[:-1], persona, honorific, replay_slot.container())


def replay_earlier(
    voice: CustomerSpeech, session_id: str, lines: list[Turn], persona: Persona, honorific: str, where
) -> None:
    """A picker of the customer's earlier lines and, once one is picked, its player (one player,
    not one per line: every player's sound goes to the browser on every rerun)."""
    numbered = {turn.index: number for number, turn in enumerate(lines, start=1)}
    texts = {turn.index: turn for turn in lines}
    choice = selectbox(
        "重听客户前面的话",
        [None, *numbered],
        format_func=lambda i: (
            "（选一句重听）" if i is None else f"第 {numbered[i]} 句：{_short(texts[i].text)}"
        ),
        key=f"{REPLAY_KEY}_{session_id}",  # per call: another call's pick is no line of this one
        where=where,
    )
    if choice is None or choice not in texts:
        return
    spoken = voice.speak(_request(texts[choice], persona, honorific))
    if spoken is None:
        where.caption(TEXT_ONLY_NOTE)
        return
    where.audio(spoken.data, format=spoken.mime)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


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
