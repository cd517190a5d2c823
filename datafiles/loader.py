"""Read a YAML file safely, keep the line of every field, validate it with pydantic.

Every refusal names the file and the line and says how to fix it, so a trainer can
repair a case without reading Python. Anchors/aliases, duplicate keys, very deep
nesting, oversized files, control characters, tags and non-text keys are refused:
content files never need them, and they are how YAML bombs, silent overwrites and
crashes deep inside PyYAML happen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from datafiles.errors import DataFileError, Problem
from datafiles.messages import describe_validation_error, yaml_problem

# libyaml's C loader is ~10x faster; the pure-Python one gives the same results.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
# The largest shipped file has ~650 nodes; a million-item flow list fits in MAX_FILE_BYTES
# and would take seconds to index, construct and validate, so stop counting well before.
MAX_NODES = 50_000
# YAML 1.1's printable set (what libyaml accepts); anything else, e.g. NUL, other control
# characters or a lone surrogate in a str, would otherwise fail deep inside the parser.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The tags plain YAML resolves to on its own. `!!python/...`, `!!binary`, `!!set`, custom
# `!foo` and the like only get here when written explicitly, and no content file needs them.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge", "value")
)

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
    # Callers may pass text that never went through `_read_text`, so its limits apply here too.
    _refuse_oversized(len(text.encode("utf-8", "surrogatepass")), path)
    _refuse_unprintable(text, path)
    node = _compose(text, path)
    lines: dict[LinePath, int] = {(): 1}
    _index_lines(node, (), lines, set(), path)
    data = _construct(node, path)
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
    _refuse_oversized(len(raw), path)  # before decoding, so a huge file costs no more than its read
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError([Problem(path, line, "文件不是 UTF-8 编码：请用 UTF-8 另存")]) from None


def _refuse_oversized(size: int, path: Path) -> None:
    if size > MAX_FILE_BYTES:
        msg = f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES}）：请拆分或删减内容"
        raise DataFileError([Problem(path, 1, msg)])


def _refuse_unprintable(text: str, path: Path) -> None:
    """Refuse the first character YAML does not allow, naming its line and column."""
    found = _UNPRINTABLE.search(text)
    if found is None:
        return
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = ord(found.group())
    if code == 0:
        kind = "空字符 NUL，文件可能已损坏或不是文本文件"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "无效的 Unicode 代理字符"
    else:
        kind = "控制字符"
    msg = f"第 {column} 列有不允许的字符 U+{code:04X}（{kind}）：请删除它，或用 UTF-8 文本编辑器重新保存"
    raise DataFileError([Problem(path, line, msg)])


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
        known = yaml_problem(detail)
        msg = f"YAML 语法错误：{known + '；' if known else ''}请检查缩进、冒号后的空格、引号和括号是否成对"
        raise DataFileError([Problem(path, line, msg)]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(path, 1, f"YAML 无法解析：{exc}")]) from None
    except RecursionError:
        msg = f"嵌套层级过深（超过 {MAX_DEPTH} 层）：请检查缩进和括号"
        raise DataFileError([Problem(path, 1, msg)]) from None
    if node is None:
        raise DataFileError([Problem(path, 1, "文件是空的：请按模板填写内容")])
    return node


class _BadValue(Exception):
    """A value PyYAML could not build, with the node it came from (for the line)."""

    def __init__(self, node: yaml.Node, cause: Exception):
        super().__init__(str(cause))
        self.node, self.cause = node, cause


class _Constructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, reporting a value it cannot build at that value's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except _BadValue:
            raise
        # PyYAML's scalar constructors fail with whatever the conversion raises (ValueError for
        # 2024-13-01 or a 5000-digit int, KeyError for `!!bool maybe`, ...); each means "this
        # value cannot be read", which the trainer should hear at the value's line.
        except Exception as exc:
            raise _BadValue(node, exc) from None


_Constructor.add_constructor("tag:yaml.org,2002:value", _Constructor.construct_yaml_str)  # a bare `=`


def _construct(node: yaml.Node, path: Path) -> object:
    """Build Python data from the already composed `node` (parsing the text once, not twice)."""
    try:
        return _Constructor().construct_document(node)
    except _BadValue as exc:
        mark = getattr(exc.cause, "problem_mark", None) or exc.node.start_mark
        detail = getattr(exc.cause, "problem", None) or str(exc.cause) or type(exc.cause).__name__
    # Collections are filled after construct_object returns (PyYAML's generators), so a
    # mapping tag on a list, an unusable `<<` merge and the like surface here instead.
    except yaml.MarkedYAMLError as exc:
        mark, detail = exc.problem_mark or exc.context_mark, exc.problem or str(exc)
    line = mark.line + 1 if mark else 1
    msg = f"这个值无法读取（{detail[:80]}）：请检查写法，日期、数字之类的文字请加引号"
    raise DataFileError([Problem(path, line, msg)])


def _index_lines(
    node: yaml.Node, at: LinePath, lines: dict[LinePath, int], seen: set[int], path: Path
) -> None:
    """Record the line of every mapping key and list item; refuse aliases, tags, bloat and deep nesting."""
    if id(node) in seen:
        msg = "不支持 YAML 锚点/别名（& 和 *）：请把内容直接写出来"
        raise DataFileError([Problem(path, node.start_mark.line + 1, msg)])
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        msg = f"内容过多（超过 {MAX_NODES} 个键和列表项）：请拆分或删减内容"
        raise DataFileError([Problem(path, node.start_mark.line + 1, msg)])
    if node.tag not in _PLAIN_TAGS:
        msg = f"不支持 YAML 标签「{node.tag}」：请删除它，直接写出内容"
        raise DataFileError([Problem(path, node.start_mark.line + 1, msg)])
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
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]` or `{a: 1}: x`
            msg = "键只能是简单的文字：不支持用列表或映射作键，请检查是否漏了冒号或缩进不对"
            raise DataFileError([Problem(path, line, msg)])
        key = str(key_node.value)
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
