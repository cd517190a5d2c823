"""The practice workflow the app drives: start, resume, reply, rewind and finish calls over the Store."""

from practice.service import AnswerPending, PracticeCall, finish, make_engine, resume, start

__all__ = ["AnswerPending", "PracticeCall", "finish", "make_engine", "resume", "start"]
