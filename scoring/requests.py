"""Turn one JSON request line of `python -m scoring grade` into a reply and its GradeContext."""

from __future__ import annotations

import json
from typing import Any

from scenarios import CaseLibrary
from scenarios.vocabulary import Stage
from scoring.model import GradeContext

MAX_LINE_CHARS = 200_000


class RequestError(ValueError):
    """A request line that cannot be graded; the message says what to fix."""


def parse_request(line: str, library: CaseLibrary, default_scenario: str | None) -> tuple[str, GradeContext]:
    """(reply, context) from one JSON line, or RequestError naming the problem."""
    if len(line) > MAX_LINE_CHARS:
        raise RequestError(f"输入行过长（{len(line)} 字符，上限 {MAX_LINE_CHARS}）")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RequestError(f"不是合法的 JSON（第 {exc.colno} 列：{exc.msg}）") from None
    if not isinstance(data, dict):
        raise RequestError('每行应是一个 JSON 对象，例如 {"reply": "您好……"}')
    reply = _text_field(data, "reply", required=True)
    scenario = data.get("scenario") or default_scenario
    case = _case(library, scenario)
    return reply, GradeContext(
        customer=_text_field(data, "customer"),
        history=_history(data.get("history")),
        case=case,
        stage=_stage(data.get("stage")),
    )


def _text_field(data: dict[str, Any], key: str, required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise RequestError(f"字段「{key}」应为字符串" + ("（必填）" if required else ""))
    return value


def _history(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    ok = isinstance(value, list) and all(
        isinstance(t, list | tuple)
        and len(t) == 2
        and t[0] in ("customer", "agent")
        and isinstance(t[1], str)
        for t in value
    )
    if not ok:
        raise RequestError('字段「history」应为 [["customer"|"agent", 文本], ...]')
    return tuple((role, text) for role, text in value)


def _stage(value: Any) -> Stage | None:
    if value in (None, ""):
        return None
    try:
        return Stage(value)
    except ValueError:
        raise RequestError(f"未知阶段「{value}」：可选 {', '.join(s.value for s in Stage)}") from None


def _case(library: CaseLibrary, scenario: Any):
    if scenario in (None, ""):
        return None
    if not isinstance(scenario, str):
        raise RequestError("字段「scenario」应为案例编号字符串")
    try:
        return library.get(scenario)
    except KeyError as exc:
        raise RequestError(str(exc.args[0])) from None
