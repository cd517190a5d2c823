"""Cached access to the content libraries for the pages.

The shipped libraries are immutable and identical for every user, so one copy per process is
right (`st.cache_resource`); a content error stops the page with the file:line list. Cases
written in 场景工坊 join the shipped ones: the merged library is cached per Store revision, so a
save or an archive shows on every page's next run.
"""

from __future__ import annotations

import streamlit as st

from datafiles import DataFileError
from personas import PersonaLibrary, load_personas
from personas.schema import Persona
from scenarios import CaseLibrary, load_library
from scenarios.schema import Case
from scenarios.studio import merged_library
from store import Store
from views.context import app_context


@st.cache_resource(show_spinner=False)
def shipped_cases() -> CaseLibrary:
    """The shipped case library (read-only)."""
    return load_library()


def case_library() -> CaseLibrary:
    """Every case a call may name: the shipped ones and the studio's latest versions, archived
    ones included (their calls and reports stay readable)."""
    return _libraries()[0]


def practice_cases() -> CaseLibrary:
    """The cases trainees may pick and exams may use: archived studio cases left out."""
    return _libraries()[1]


def _libraries() -> tuple[CaseLibrary, CaseLibrary]:
    store = app_context().store
    return _libraries_at(str(store.path), store.cases_revision(), store)


@st.cache_resource(show_spinner=False, max_entries=8)
def _libraries_at(path: str, revision: tuple[int, str], _store: Store) -> tuple[CaseLibrary, CaseLibrary]:
    """Both libraries at one revision of the Store's authored cases (keyed by path and revision)."""
    rows = _store.authored_cases(include_archived=True)
    every = [Case.model_validate_json(row["case_json"]) for row in rows]
    active = [case for case, row in zip(every, rows, strict=True) if not row["archived"]]
    return merged_library(shipped_cases(), every), merged_library(shipped_cases(), active)


@st.cache_resource(show_spinner=False)
def shipped_personas() -> PersonaLibrary:
    """The shipped personas (read-only)."""
    return load_personas()


def persona_library() -> PersonaLibrary:
    """The shipped personas and the latest version of each persona tuned in 性格调校."""
    store = app_context().store
    return _personas_at(str(store.path), store.personas_revision(), store)


@st.cache_resource(show_spinner=False, max_entries=8)
def _personas_at(path: str, revision: int, _store: Store) -> PersonaLibrary:
    """The merged personas at one revision of the Store's tuned ones (keyed by path and revision)."""
    tuned = [Persona.model_validate_json(row["persona_json"]) for row in _store.authored_personas()]
    return PersonaLibrary({**shipped_personas().personas, **{p.id: p for p in tuned}})


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
