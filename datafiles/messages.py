"""Turn pydantic validation errors into Chinese messages that say how to fix the file."""

from __future__ import annotations

from typing import Any


def format_location(loc: tuple[Any, ...]) -> str:
    """`('stages', 'greeting', 'scripts', 0)` → `stages.greeting.scripts[0]`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "文件顶层"


def describe_validation_error(error: dict[str, Any]) -> str:
    """One readable sentence for one pydantic error dict."""
    loc = tuple(error.get("loc", ()))
    where = format_location(loc)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    field = str(loc[-1]) if loc else ""
    parent = format_location(loc[:-1])
    if kind == "missing":
        return f"缺少必填字段「{field}」（位置：{parent}）：请补上它"
    if kind == "extra_forbidden":
        return f"未知字段「{field}」（位置：{parent}）：请检查拼写，或删除该字段"
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
        rule = PATTERN_RULES.get(str(ctx.get("pattern", "")), "可参照已有文件里同名字段的写法")
        return f"「{where}」的值 {_show(error.get('input'))} 格式不对：{rule}"
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


# The patterns of the schemas, said in words (a regular expression means nothing to a trainer).
PATTERN_RULES = {
    r"^[a-z0-9][a-z0-9-]{1,62}$": "只能用小写英文字母、数字和连字符（-），2–63 个字符，以字母或数字开头",
    r"^[a-z][a-z0-9_]{0,40}$": "只能用小写英文字母、数字和下划线（_），以字母开头，最多 41 个字符",
    r"^[a-z]{2}-[A-Z]{2}-[A-Za-z-]+Neural$": "应为 edge-tts 的声音名，例如 zh-CN-YunxiNeural",
    r"^[+-]\d{1,2}%$": "应为带正负号的百分比，例如 +10%",
    r"^[+-]\d{1,2}Hz$": "应为带正负号的赫兹数，例如 -5Hz",
}

# libyaml's commonest complaints, said in Chinese (an unknown one gets the general advice only).
YAML_PROBLEMS = {
    "did not find expected ',' or ']'": "方括号 [ ] 没有成对，或列表项之间少了逗号",
    "did not find expected ',' or '}'": "花括号 { } 没有成对，或项之间少了逗号",
    "mapping values are not allowed here": "这里不能出现冒号：值里有冒号时请给整个值加引号",
    "could not find expected ':'": "少了冒号（键: 值）",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "did not find expected key": "缩进不对齐，或少了短横线（-）",
    "found unexpected end of stream": "引号没有成对闭合",
    "found undefined alias": "用了未定义的锚点别名（*名称）",
}


def yaml_problem(detail: str) -> str:
    """A libyaml problem in Chinese words, or "" when it is not one of the common ones."""
    return next((words for english, words in YAML_PROBLEMS.items() if detail.startswith(english)), "")
