"""Read a YAML file safely, keep the line of every field, validate it with pydantic.

Every refusal names the file and the line and says how to fix it, so a trainer can
repair a case without reading Python. Anchors/aliases, duplicate keys, very deep
nesting and oversized files are refused: content files never need them, and they are
how YAML bombs and silent overwrites happen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from datafiles.errors import DataFileError, Problem
from datafiles.messages import describe_validation_error

# libyaml's C loader is ~10x faster; the pure-Python one gives the same results.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

Model = TypeVar("Model", bound=BaseModel)
LinePath = tuple[str | int, ...]
# A check runs after validation and returns (location, message) pairs; the location is
# the path of keys/indexes inside the file, so the problem can be reported at its line.
Check = Callable[[Model], list[tuple[LinePath, str]]]


def load_model(path: Path, model: type[Model], checks: Sequence[Check] = ()) -> Model:
    """Load one YAML file into `model`, or raise DataFileError naming file and line."""
    text = _read_text(path)
    return parse_model(text, path, model, checks)


def parse_model(text: str, path: Path, model: type[Model], checks: Sequence[Check] = ()) -> Model:
    """Validate YAML `text` (said to come from `path`) into `model`, then run `checks`."""
    node = _compose(text, path)
    lines: dict[LinePath, int] = {(): 1}
    _index_lines(node, (), lines, set(), path)
    data = yaml.load(text, Loader=SafeLoader)
    if not isinstance(data, dict):
        raise DataFileError([Problem(path, 1, "文件内容应是一个 YAML 映射（键: 值），请检查文件开头")])
    try:
        loaded = model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_for(err, path, lines) for err in exc.errors()]
        raise DataFileError(sorted(problems, key=lambda p: p.line)) from None
    found = [Problem(path, _line_for(loc, lines), msg) for check in checks for loc, msg in check(loaded)]
    if found:
        raise DataFileError(sorted(found, key=lambda p: p.line))
    return loaded


def line_of(path: Path, loc: LinePath) -> int:
    """The line of `loc` (a key path) in the YAML file at `path`; 1 if it cannot be found."""
    try:
        node = _compose(_read_text(path), path)
        lines: dict[LinePath, int] = {(): 1}
        _index_lines(node, (), lines, set(), path)
    except DataFileError:
        return 1
    return _line_for(loc, lines)


def load_models(paths: Iterable[Path], model: type[Model], checks: Sequence[Check] = ()) -> list[Model]:
    """Load several files; collect every file's problems before raising once."""
    loaded: list[Model] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load_model(path, model, checks))
        except DataFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataFileError(problems)
    return loaded


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(
            [Problem(path, 1, f"无法读取文件：{exc.strerror}（请确认路径存在且可读）")]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        msg = f"文件过大（{len(raw)} 字节，上限 {MAX_FILE_BYTES}）：请拆分或删减内容"
        raise DataFileError([Problem(path, 1, msg)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError([Problem(path, line, "文件不是 UTF-8 编码：请用 UTF-8 另存")]) from None


def _compose(text: str, path: Path) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = exc.problem or "无法解析"
        if "nesting depth" in detail:  # libyaml's own depth limit
            raise DataFileError(
                [Problem(path, line, f"嵌套层级过深（超过 {MAX_DEPTH} 层）：请检查缩进和括号")]
            ) from None
        msg = f"YAML 语法错误（{detail}）：请检查缩进、冒号后的空格、引号是否成对"
        raise DataFileError([Problem(path, line, msg)]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(path, 1, f"YAML 无法解析：{exc}")]) from None
    except RecursionError:
        msg = f"嵌套层级过深（超过 {MAX_DEPTH} 层）：请检查缩进和括号"
        raise DataFileError([Problem(path, 1, msg)]) from None
    if node is None:
        raise DataFileError([Problem(path, 1, "文件是空的：请按模板填写内容")])
    return node


def _index_lines(
    node: yaml.Node, at: LinePath, lines: dict[LinePath, int], seen: set[int], path: Path
) -> None:
    """Record the line of every mapping key and list item; refuse aliases and deep nesting."""
    if id(node) in seen:
        msg = "不支持 YAML 锚点/别名（& 和 *）：请把内容直接写出来"
        raise DataFileError([Problem(path, node.start_mark.line + 1, msg)])
    seen.add(id(node))
    if len(at) > MAX_DEPTH:
        msg = f"嵌套层级过深（超过 {MAX_DEPTH} 层）：请检查缩进"
        raise DataFileError([Problem(path, node.start_mark.line + 1, msg)])
    if isinstance(node, yaml.MappingNode):
        _index_mapping(node, at, lines, seen, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*at, index)] = item.start_mark.line + 1
            _index_lines(item, (*at, index), lines, seen, path)


def _index_mapping(
    node: yaml.MappingNode, at: LinePath, lines: dict[LinePath, int], seen: set[int], path: Path
) -> None:
    keys_seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in keys_seen:
            msg = f"重复的键「{key}」：同一层级只能出现一次，请合并或删除重复项"
            raise DataFileError([Problem(path, line, msg)])
        keys_seen.add(key)
        lines[(*at, key)] = line
        _index_lines(value_node, (*at, key), lines, seen, path)


def _problem_for(error: dict, path: Path, lines: dict[LinePath, int]) -> Problem:
    loc = tuple(error.get("loc", ()))
    return Problem(path, _line_for(loc, lines), describe_validation_error(error))


def _line_for(loc: LinePath, lines: dict[LinePath, int]) -> int:
    """The line of the deepest part of `loc` that exists in the file."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1
