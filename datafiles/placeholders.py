"""Check `{name}` placeholders in content text against the names a file may use."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from datafiles.loader import LinePath

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FORMATTER = string.Formatter()


def placeholder_problems(
    data: object, allowed: frozenset[str] | set[str], skip: frozenset[str] = frozenset()
) -> list[tuple[LinePath, str]]:
    """(location, message) for every malformed or unknown placeholder in `data`'s strings.

    `skip` names top-level keys whose strings are not templates (ids, slot values).
    """
    found: list[tuple[LinePath, str]] = []
    for loc, text in walk_strings(data, ()):
        if loc and loc[0] in skip:
            continue
        for name in placeholder_names(text):
            if name is None:
                found.append((loc, "花括号不成对：占位符应写成 {名称}，普通花括号请删除"))
            elif name not in allowed:
                hint = "、".join(sorted(allowed)) or "（无）"
                found.append((loc, f"未定义的占位符「{{{name}}}」：请在 slots 中定义它，或改用 {hint}"))
    return found


def walk_strings(value: object, at: LinePath = ()) -> Iterator[tuple[LinePath, str]]:
    """Every string inside nested dicts/lists, with its key path."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, (*at, index))


def placeholder_names(text: str) -> Iterator[str | None]:
    """The field names in a format string; None for a malformed brace or a non-slot name."""
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        yield None
        return
    for _, field, _, _ in parsed:
        if field is None:
            continue
        yield field if _NAME.match(field) else None
