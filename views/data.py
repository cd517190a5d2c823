"""Cached access to the content libraries for the pages.

The libraries are immutable and identical for every user, so one copy per process is
right (`st.cache_resource`); a content error stops the page with the file:line list.
"""

from __future__ import annotations

import streamlit as st

from datafiles import DataFileError
from personas import PersonaLibrary, load_personas
from scenarios import CaseLibrary, load_library


@st.cache_resource(show_spinner=False)
def case_library() -> CaseLibrary:
    """The shipped case library."""
    return load_library()


@st.cache_resource(show_spinner=False)
def persona_library() -> PersonaLibrary:
    """The shipped personas."""
    return load_personas()


def libraries_or_stop() -> tuple[CaseLibrary, PersonaLibrary]:
    """Both libraries, or an error box naming every broken file and line, then stop."""
    try:
        return case_library(), persona_library()
    except DataFileError as exc:
        st.error(
            "内容文件有错误，请按以下提示修改后刷新页面：\n\n" + "\n".join(f"- `{p}`" for p in exc.problems)
        )
        st.stop()
        raise  # unreachable: st.stop() raises
