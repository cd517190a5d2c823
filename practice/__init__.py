"""The practice workflow the app drives: start, resume, reply, rewind and finish calls over the Store."""

from practice.service import (
    MAX_REPLY_CHARS,
    AnswerPending,
    PracticeCall,
    ReplyRejected,
    check_reply,
    finish,
    make_engine,
    pick,
    resume,
    start,
)

__all__ = [
    "MAX_REPLY_CHARS",
    "AnswerPending",
    "PracticeCall",
    "ReplyRejected",
    "check_reply",
    "finish",
    "make_engine",
    "pick",
    "resume",
    "start",
]
