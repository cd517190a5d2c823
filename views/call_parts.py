"""The parts of a live call page shared by 练习 and 考试: what the page says about a reply the
callback could not finish, and voicing the customer's owed answer."""

from __future__ import annotations

import logging

import streamlit as st

from practice import AnswerPending, PracticeCall, ReplyRejected
from scoring.report import md_escape
from simulator import CallEnded
from store import CallConflict, StoreError

NOTICE_KEY = "reply_notice"
LOG = logging.getLogger("coach")


def reply_notice(exc: Exception, text: str, sent: bool) -> None:
    """What the page says about a reply the callback could not finish (kept for `show_notice`)."""
    if sent:  # the reply is stored: never hand it back to be sent twice
        LOG.warning("reply stored, answer not: %s", exc, exc_info=True)
        message = (
            str(exc)
            if isinstance(exc, AnswerPending)
            else "你的回复已保存，客户的回应暂未保存；刷新页面会自动补上"
        )
        st.session_state[NOTICE_KEY] = ("warning", message, "")
        return
    if isinstance(exc, ReplyRejected | CallEnded):
        st.session_state[NOTICE_KEY] = ("warning", str(exc).rstrip("。"), text if text.strip() else "")
    elif isinstance(exc, CallConflict):
        st.session_state[NOTICE_KEY] = ("warning", str(exc), text)
    elif isinstance(exc, StoreError):
        LOG.warning("reply not stored: %s", exc, exc_info=True)
        st.session_state[NOTICE_KEY] = ("error", f"{exc}。你刚才的回复没有保存，请重新发送", text)
    else:  # a callback's error would reach the page raw: log it, say what to do
        LOG.error("reply callback failed", exc_info=exc)
        st.session_state[NOTICE_KEY] = ("error", "出错了，你刚才的回复没有保存，请刷新页面后重新发送", text)


def show_notice() -> None:
    """A refused reply from the callback, with its text so nothing typed is lost."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice is None:
        return
    kind, message, text = notice
    (st.error if kind == "error" else st.warning)(f"{message}。")
    if text:  # given back whole, to copy and edit (the chat box cannot be refilled)
        st.text_area(f"没有发送的内容（{len(text)} 字，可复制修改后重新发送）", value=text, height=120)


def answer_owed(practice: PracticeCall) -> bool:
    """Voice the customer's owed answer (a model's, streamed; or one a failure left owed), stored
    before it is shown. True while an answer is still owed (it could not be stored)."""
    try:
        answer = practice.answer()
        if answer is None:
            return False
        with st.chat_message("assistant", avatar="🙍"):
            # A model's words are text too: no Markdown, links or :directives: from them.
            st.write_stream(md_escape(chunk) for chunk in answer)
    except AnswerPending as exc:
        st.warning(str(exc))
        return True
    return False
