"""场景工坊's cases: YAML checked like a shipped file (every problem with its line, nothing stored
from a refused text), every save a new version, archive and restore, and a call rebuilt with the
version it was started on."""

from __future__ import annotations

from pathlib import Path

import pytest

from datafiles import DataFileError
from personas import load_personas
from practice import resume, start
from scenarios import load_library
from scenarios.studio import case_yaml, clone_yaml, merged_library, parse_case_text, shipped_yaml
from store import Store
from tests.sim_helpers import EMPATHIC

SHIPPED, PERSONAS = load_library(), load_personas()
COPY = clone_yaml(shipped_yaml("telecom-ringback-consent"), "my-ringback")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "coach.db")
    store.add_user("laoli", "x", "trainer")
    return store


def _author(store: Store) -> int:
    return store.user("laoli")["id"]


def test_a_copy_of_a_shipped_case_under_a_new_id_passes_the_checks():
    case = parse_case_text(COPY, SHIPPED)
    assert case.id == "my-ringback" and case.title == SHIPPED.get("telecom-ringback-consent").title


def test_a_shipped_id_and_every_schema_problem_are_refused_with_their_lines():
    with pytest.raises(DataFileError, match="内置案例只读"):
        parse_case_text(shipped_yaml("telecom-ringback-consent"), SHIPPED)
    broken = COPY.replace("difficulty: 2", "difficulty: 9").replace("\ntitle:", "\ntitel:")
    with pytest.raises(DataFileError) as refused:
        parse_case_text(broken, SHIPPED)
    messages = [str(p) for p in refused.value.problems]
    assert len(messages) == 3 and all(m.startswith("案例.yaml:") for m in messages)
    assert any("titel" in m for m in messages) and any("difficulty" in m for m in messages)


def test_exported_yaml_imports_again_unchanged():
    case = parse_case_text(COPY, SHIPPED)
    assert parse_case_text(case_yaml(case), SHIPPED) == case


def test_every_save_is_a_new_version_and_older_ones_stay(store):
    first = store.save_case_version(parse_case_text(COPY, SHIPPED), COPY, _author(store))
    edited = COPY.replace("difficulty: 2", "difficulty: 3")
    second = store.save_case_version(parse_case_text(edited, SHIPPED), edited, _author(store))
    assert (first.version, second.version) == (1, 2)
    assert [v["version"] for v in store.case_versions("my-ringback")] == [2, 1]
    assert store.authored_case("my-ringback", 1).difficulty == 2
    assert store.authored_case("my-ringback", 2).difficulty == 3


def test_archived_cases_leave_the_list_and_come_back_on_restore(store):
    store.save_case_version(parse_case_text(COPY, SHIPPED), COPY, _author(store))
    before = store.cases_revision()
    store.set_case_archived("my-ringback", True)
    assert store.authored_cases() == [] and len(store.authored_cases(include_archived=True)) == 1
    assert store.cases_revision() != before
    store.set_case_archived("my-ringback", False)
    assert [r["case_id"] for r in store.authored_cases()] == ["my-ringback"]


def test_a_call_resumes_with_the_version_it_was_started_on(store):
    first = store.save_case_version(parse_case_text(COPY, SHIPPED), COPY, _author(store))
    practice = start(store, _author(store), first, PERSONAS.get("sanguine"), None, seed=2)
    "".join(practice.reply(EMPATHIC[0]))
    retitled = COPY.replace(f"title: {first.title}", "title: 改过的标题")
    store.save_case_version(parse_case_text(retitled, SHIPPED), retitled, _author(store))
    library = merged_library(SHIPPED, [store.authored_case("my-ringback", 2)])
    resumed = resume(store, practice.id, library, PERSONAS, None)
    assert library.get("my-ringback").title == "改过的标题"
    assert resumed.call.case.version == 1 and resumed.call.case.title == first.title


def test_a_copy_starts_at_version_1_without_the_files_developer_comments():
    assert "\nversion: 1\n" in COPY and not any(line.lstrip().startswith("#") for line in COPY.splitlines())
