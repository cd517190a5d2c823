"""Cases written in 场景工坊 (the studio): YAML text checked exactly like a shipped case file,
with `line: message` problems in Chinese, exported back as YAML, and merged with the shipped
library (a studio case may not reuse a shipped id: the shipped library stays read-only).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from datafiles import DataFileError, Problem, parse_model
from scenarios.library import CASES_DIR, CaseLibrary, case_checks
from scenarios.schema import Case

EDITOR_NAME = Path("案例.yaml")  # what problems in editor text are said to come from
MAX_CASE_YAML_CHARS = 200_000


def parse_case_text(text: str, shipped: CaseLibrary, name: Path = EDITOR_NAME) -> Case:
    """The case the YAML text describes, checked like a shipped file, or DataFileError listing
    every problem (`案例.yaml:12: …`): nothing of a refused text is ever stored."""
    if len(text) > MAX_CASE_YAML_CHARS:
        raise DataFileError([Problem(name, 1, f"案例文件最多 {MAX_CASE_YAML_CHARS} 字，请删减")])
    case = parse_model(text, name, Case, checks=case_checks())
    if case.id in shipped.cases:
        message = f"案例编号「{case.id}」是内置案例的编号：内置案例只读，请换一个 id（例如 {case.id}-2）"
        raise DataFileError([Problem(name, _line_of_id(text), message)])
    return case


def case_yaml(case: Case) -> str:
    """The case as YAML a trainer can edit and import again (keys in schema order, Chinese as is)."""
    return yaml.safe_dump(case.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=1000)


def shipped_yaml(case_id: str) -> str:
    """A shipped case's own file, comments and all (to clone or export)."""
    return (CASES_DIR / f"{case_id}.yaml").read_text(encoding="utf-8")


def clone_yaml(text: str, new_id: str) -> str:
    """A copy to edit under a new id: the top-level `id:` replaced, `version:` back to 1 (the
    Store numbers the saves), and the file's own comments (notes for developers) left out."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    replaced = {"id:": f"id: {new_id}", "version:": "version: 1"}
    for index, line in enumerate(lines):
        for key, value in replaced.items():
            if line.startswith(key):
                lines[index] = value
    return "\n".join(lines) + "\n"


def merged_library(shipped: CaseLibrary, authored: list[Case]) -> CaseLibrary:
    """The shipped cases, then the studio's (their latest versions), in one library."""
    return CaseLibrary({**shipped.cases, **{case.id: case for case in authored}})


def _line_of_id(text: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("id:")), 1)
