"""Select widgets in Chinese: Streamlit's own words ("Choose an option", "Select all") replaced.

Every selectbox and multiselect of the app goes through here, so none shows English text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

CHOOSE = "请选择"


def selectbox(label: str, options: Sequence[Any], *, where: Any = st, **kwargs: Any) -> Any:
    """`where.selectbox` with a Chinese placeholder (`where`: st, a column, the sidebar…)."""
    kwargs.setdefault("placeholder", CHOOSE)
    return where.selectbox(label, options, **kwargs)


def multiselect(
    label: str, options: Sequence[Any], placeholder: str, *, where: Any = st, **kwargs: Any
) -> list:
    """`where.multiselect` with a Chinese placeholder and no English "Select all" entry (an
    empty choice already means "all" in every filter of the app)."""
    return where.multiselect(label, options, placeholder=placeholder, select_all=False, **kwargs)


# Streamlit writes a few words of its own that no parameter turns into Chinese: the hint under a
# text box being typed in ("Press Enter to submit form" / "Press Enter to apply") and the
# "Running…" / "Stop" status in the corner. The buttons and labels say what to do, so both hide.
# The file uploader's "Drag and drop file here / Limit 200MB per file" and "Browse files" have no
# parameter either: the instructions hide (the label says what to upload) and the button is relabelled.
_HIDE_ENGLISH_CHROME = """<style>
[data-testid="InputInstructions"], [data-testid="stStatusWidget"],
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"],
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] * { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]::after {
  content: "选择文件"; font-size: 14px; }
</style>"""


def hide_english_chrome() -> None:
    """Hide Streamlit's untranslatable English hints (call once per run, before any widget)."""
    st.html(_HIDE_ENGLISH_CHROME)
