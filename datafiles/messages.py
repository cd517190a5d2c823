"""Turn pydantic validation errors into Chinese messages that say how to fix the file."""

from __future__ import annotations

from typing import Any


def format_location(loc: tuple[Any, ...]) -> str:
    """`('stages', 'greeting', 'scripts', 0)` → `stages.greeting.scripts[0]`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "（文件顶层）"


def describe_validation_error(error: dict[str, Any]) -> str:
    """One readable sentence for one pydantic error dict."""
    loc = tuple(error.get("loc", ()))
    where = format_location(loc)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    field = str(loc[-1]) if loc else ""
    parent = format_location(loc[:-1])
    if kind == "missing":
        return f"缺少必填字段「{field}」（在 {parent} 下）：请补上它"
    if kind == "extra_forbidden":
        return f"未知字段「{field}」（在 {parent} 下）：请检查拼写，或删除该字段"
    if kind in _TYPE_NAMES:
        return f"「{where}」类型不对：应为{_TYPE_NAMES[kind]}，实际是 {_show(error.get('input'))}"
    if kind in ("enum", "literal_error"):
        return f"「{where}」的值 {_show(error.get('input'))} 无效：可选值为 {ctx.get('expected', '')}"
    if kind == "too_short":
        return (
            f"「{where}」至少需要 {ctx.get('min_length')} 项，现在只有 {ctx.get('actual_length')} 项：请补充"
        )
    if kind == "too_long":
        return f"「{where}」最多 {ctx.get('max_length')} 项：请删减"
    if kind == "string_too_short":
        return f"「{where}」不能为空：请填写内容"
    if kind == "string_too_long":
        return f"「{where}」太长（上限 {ctx.get('max_length')} 字）：请精简"
    if kind in _BOUNDS:
        return f"「{where}」的值 {_show(error.get('input'))} 超出范围：应{_BOUNDS[kind]} {_bound(ctx)}"
    if kind == "string_pattern_mismatch":
        return (
            f"「{where}」的值 {_show(error.get('input'))} 格式不对：应符合 {ctx.get('pattern', '')}"
            "（可参照已有文件里同名字段的写法）"
        )
    if kind == "value_error":
        return f"「{where}」{ctx.get('error', error.get('msg', ''))!s}"
    return f"「{where}」无效：{error.get('msg', '')}"  # still Chinese when pydantic's own words are not


_TYPE_NAMES = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": "true/false",
    "bool_parsing": "true/false",
    "list_type": "列表（每项以 - 开头）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
}

_BOUNDS = {
    "greater_than_equal": "≥",
    "greater_than": ">",
    "less_than_equal": "≤",
    "less_than": "<",
}


def _bound(ctx: dict[str, Any]) -> str:
    for key in ("ge", "gt", "le", "lt"):
        if key in ctx:
            return str(ctx[key])
    return ""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
