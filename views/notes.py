"""The trainers' notes on a call — comments and score corrections per line (第 n 句) — as the
trainee's report and the trainer's own review show them."""

from __future__ import annotations

import streamlit as st

from scoring.model import DIMENSION_LABELS
from scoring.report import md_escape
from store import Store

DIMENSION_NAMES = {**DIMENSION_LABELS, "overall": "综合"}


def trainer_notes(store: Store, call_id: str) -> None:
    """The trainers' comments and score corrections on this call's lines, in the order said."""
    comments, overrides = store.comments(call_id), store.overrides(call_id)
    if not comments and not overrides:
        return
    numbers = reply_numbers(store, call_id)
    st.subheader("培训师批注")
    for turn_id, number in numbers.items():
        notes = [
            f"💬 {md_escape(c['text'])}（{md_escape(c['author'])}）"
            for c in comments
            if c["turn_id"] == turn_id
        ]
        notes += [
            f"✏️ {DIMENSION_NAMES[o['dimension']]} {o['before']} → {o['after']}：{md_escape(o['reason'])}（{md_escape(o['author'])}）"
            for o in overrides
            if o["turn_id"] == turn_id
        ]
        if notes:
            st.markdown(f"**第 {number} 句**  \n" + "  \n".join(notes))


def reply_numbers(store: Store, call_id: str) -> dict[int, int]:
    """Turn row id → the reply's number in the call (第 n 句), trainee replies only."""
    session, ids = store.load_session(call_id), store.live_turn_ids(call_id)
    agent = [ids[t.index] for t in session.turns if t.role == "agent"]
    return {turn_id: number for number, turn_id in enumerate(agent, start=1)}
