"""Whatever bytes a trainer saves, the loader answers with a case or a clear DataFileError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datafiles import DataFileError, parse_model
from scenarios.library import load_case
from scenarios.schema import Case

YAML_BITS = st.sampled_from(
    ["id: ", "- ", ": ", "[", "]", "{", "}", "&a ", "*a", "\n", "  ", "'", '"', "#", "|"]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(YAML_BITS | st.text(max_size=5), max_size=80).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_is_refused_cleanly(text):
    try:
        parse_model(text, Path("fuzz.yaml"), Case)
    except DataFileError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml:") for p in exc.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=8000), st.text(max_size=20))
def test_damaging_a_real_case_anywhere_never_crashes(tmp_path, exemplar_case_text, cut, junk):
    damaged = exemplar_case_text[:cut] + junk + exemplar_case_text[cut + len(junk) :]
    path = tmp_path / "telecom-ringback-consent.yaml"
    path.write_text(damaged, encoding="utf-8")
    try:
        load_case(path)
    except DataFileError as exc:
        assert all(p.line >= 1 and p.message for p in exc.problems)
