"""Errors as users should see them: a short Chinese message with what to do; the traceback in the log.

`client.showErrorDetails = "none"` (.streamlit/config.toml) keeps tracebacks off the page even if
something escapes; this guard turns what it can into a message that says what to do next.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from store import CallConflict, StoreError

LOG = logging.getLogger("coach")
CALLBACK_ERROR_KEY = "callback_error"
Callback = TypeVar("Callback", bound=Callable[..., Any])


def run_guarded(page: Callable[[], object]) -> None:
    """Run a page; a StoreError or an unexpected error becomes a message, logged with its traceback.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) derives from BaseException
    and passes through untouched."""
    failed = st.session_state.pop(CALLBACK_ERROR_KEY, None)
    if failed:
        st.error(failed)
    try:
        page()
    except CallConflict as exc:
        st.warning(f"{exc}。")
    except StoreError as exc:
        LOG.warning("store error: %s", exc, exc_info=True)
        st.error(f"{exc}。如果一再出现，请稍等片刻再试，或联系管理员。")
    except Exception:
        LOG.exception("unexpected error")
        st.error("页面出错了，刚才的操作可能没有完成。请刷新页面重试；如果一再出现，请联系管理员。")


def guarded_callback(callback: Callback) -> Callback:
    """A widget callback whose unexpected error becomes the page's Chinese message (logged with
    its traceback) instead of Streamlit's English error page: callbacks run before the page,
    outside `run_guarded`."""

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except StoreError as exc:
            LOG.warning("store error in a callback: %s", exc, exc_info=True)
            st.session_state[CALLBACK_ERROR_KEY] = f"{exc}。刚才的操作没有完成，请重试。"
        except Exception:
            LOG.exception("callback failed")
            st.session_state[CALLBACK_ERROR_KEY] = (
                "出错了，刚才的操作没有完成。请刷新页面重试；如果一再出现，请联系管理员。"
            )
        return None

    return guarded  # type: ignore[return-value]
