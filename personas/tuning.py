"""性格调校: a persona with edited numbers (under its own id: the shipped ones stay read-only),
and the preview a trainer tunes by — the customer's anger under an arguing and an empathic
trainee, on one case, for the edited numbers and the ones they started from."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from personas.describe import STATE_FIELDS
from personas.library import PersonaLibrary
from personas.schema import Persona, StateParams
from scenarios.schema import Case

STATE_LABELS = {field: label for field, label, _ in STATE_FIELDS}


class TuningRefused(ValueError):
    """The edited persona is not valid; `problems` lists every reason in Chinese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems))


def tuned(base: Persona, new_id: str, name: str, state: dict[str, Any], shipped: PersonaLibrary) -> Persona:
    """`base` with the edited state numbers, under `new_id` and `name` (TuningRefused otherwise)."""
    problems = [] if name.strip() else ["名称：不能为空"]
    if new_id in shipped.personas:
        problems.append(f"编号「{new_id}」是内置性格的编号：内置性格只读，请换一个编号（例如 {new_id}-2）")
    try:
        params = StateParams.model_validate(state)
        persona = Persona.model_validate(
            base.model_dump() | {"id": new_id, "name": name, "state": params.model_dump()}
        )
    except ValidationError as exc:
        problems += [_problem(error) for error in exc.errors()]
    if problems:
        raise TuningRefused(problems)
    return persona


def _problem(error: dict[str, Any]) -> str:
    field = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "")
    label = STATE_LABELS.get(field) or {"id": "编号", "name": "名称"}.get(field, "")
    limits = error.get("ctx", {})
    reason = {
        "greater_than_equal": f"不能小于 {limits.get('ge')}",
        "less_than_equal": f"不能大于 {limits.get('le')}",
        "string_pattern_mismatch": "只能用小写字母、数字和连字符",
        "string_too_short": "不能为空",
        "value_error": str(limits.get("error", error["msg"])),
    }.get(error["type"], "格式不对")
    return f"{label}：{reason}" if label else reason


def anger_preview(persona: Persona, base: Persona, case: Case) -> list[dict[str, Any]]:
    """Anger after each reply of an arguing and an empathic trainee, for the edited persona and
    its base: rows for a line chart (persona, trainee, reply, anger)."""
    from simulator.case_selftest import bad_bots, bad_lines, good_lines, play

    scripts = {"争辩的学员": bad_lines(bad_bots()["arguing"], case), "共情的学员": good_lines(case)}
    rows = []
    for which, who in (("调校后", persona), ("调校前", base)):
        for trainee, lines in scripts.items():
            _, _, anger = play(case, who, lines)
            rows += [
                {"性格": which, "学员": trainee, "回复": n, "怒气": value} for n, value in enumerate(anger)
            ]
    return rows
