"""`python -m scenarios list --json` and `validate` keep the DESIGN.md contract."""

from __future__ import annotations

import json
import re

from scenarios import load_library
from tests.clirun import run_module


def test_list_json_prints_every_case_with_id_title_industry():
    result = run_module("scenarios", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == len(load_library())
    for row in rows:
        assert {"id", "title", "industry", "difficulty", "complaint_type", "severity"} <= row.keys()
        assert "{" not in row["summary"]


def test_list_without_json_prints_a_readable_table():
    result = run_module("scenarios", "list")
    assert result.returncode == 0 and "telecom-ringback-consent" in result.stdout and "共" in result.stdout


def test_validate_passes_on_the_shipped_library():
    result = run_module("scenarios", "validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_validate_reports_path_line_message_and_exits_1(exemplar_case_text, write_file):
    bad_syntax = write_file("a.yaml", "id: [oops\n")
    bad_field = write_file(
        "telecom-ringback-consent.yaml",
        exemplar_case_text.replace("version: 2\n", "version: 2\nverison: 3\n"),
    )
    result = run_module("scenarios", "validate", str(bad_syntax), str(bad_field))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert all(re.match(r"^.+\.yaml:\d+: .+", line) for line in lines), lines
    assert any(line.startswith(f"{bad_syntax}:") for line in lines)
    assert any(line.startswith(f"{bad_field}:4: ") and "verison" in line for line in lines)


def test_validate_accepts_a_directory(tmp_path, exemplar_case_text):
    (tmp_path / "telecom-ringback-consent.yaml").write_text(exemplar_case_text, encoding="utf-8")
    assert run_module("scenarios", "validate", str(tmp_path)).returncode == 0


def test_validate_reports_a_missing_path(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run_module("scenarios", "validate", str(missing))
    assert result.returncode == 1 and result.stdout.startswith(f"{missing}:1: ")
