"""Whatever bytes a trainer saves, the loader answers with a case or a clear DataFileError, quickly.

Ten thousand generated inputs (random text, mutated cases, damaged real files) plus the classic
attacks: YAML bombs, deep nesting, huge files, NUL bytes, bad encodings, tags. Every refusal must
be a DataFileError whose problems read `path:line: message` with a Chinese message.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from datafiles import DataFileError, loader, parse_model
from scenarios import CASES_DIR
from scenarios.library import load_case
from scenarios.schema import Case
from tests.conftest import EXEMPLAR_CASE
from tests.fuzz_helpers import (
    FUZZ_SETTINGS,
    HANG_SECONDS,
    REQUIRED_INPUTS,
    FuzzBudget,
    bounded_memory,
    nasty_text,
    random_nasty_text,
)

# Hypothesis gets the inputs that profit from shrinking; the seeded damage run supplies the bulk.
RANDOM_TEXT_INPUTS = 5_200
MUTATED_CASE_INPUTS = 400
DAMAGED_FILE_INPUTS = 4_400
DAMAGE_SEED = 20_240_602

CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
CASE_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in CASE_FILES}
EXEMPLAR_DATA = yaml.safe_load(EXEMPLAR_CASE.read_text(encoding="utf-8"))
FUZZ_PATH = Path("fuzz.yaml")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# The pieces YAML is made of, and the ones that have broken PyYAML-based loaders before.
YAML_BITS = [
    "id: ",
    "- ",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!int ",
    "!!python/object:os.system ",
    "!foo ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\n",
    "  ",
    "\t",
    "'",
    '"',
    "#",
    "|",
    ">-",
    "=",
    "~",
    "2024-13-45",
    "9" * 5000,
    "1e999",
    "\ufeff",
    "\x00",
    "\\u0000",
    "\r\n",
]
CJK = re.compile(r"[\u4e00-\u9fff]")
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def assert_clear_refusal(exc: DataFileError, path: Path, text: str) -> None:
    """Every problem names `path` and a real line, and says what is wrong in Chinese."""
    assert exc.problems, "a DataFileError must carry at least one problem"
    last_line = len(LINE_BREAKS.findall(text)) + 2  # YAML may point just past the final line
    for problem in exc.problems:
        assert problem.path == path
        assert 1 <= problem.line <= last_line, (problem.line, last_line)
        assert str(problem) == f"{path}:{problem.line}: {problem.message}"
        assert problem.message.strip() and CJK.search(problem.message), problem.message


def load_or_refuse(load: Callable[[], object], path: Path, text: str) -> None:
    """Run one load; a DataFileError must be clear, anything else fails the test (with the input noted)."""
    try:
        load()
    except DataFileError as exc:
        assert_clear_refusal(exc, path, text)


# --- ten thousand generated inputs ------------------------------------------------------------


def test_generated_text_is_loaded_or_refused_with_file_and_line():
    """Arbitrary unicode, control characters, emoji, huge text and spliced YAML syntax."""
    budget = FuzzBudget()
    yamlish = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=5), max_size=80).map("".join)

    @settings(FUZZ_SETTINGS, max_examples=RANDOM_TEXT_INPUTS)
    @given(nasty_text(max_size=400) | yamlish)
    def parse_one(text: str) -> None:
        with budget.timed(text):
            load_or_refuse(lambda: parse_model(text, FUZZ_PATH, Case), FUZZ_PATH, text)

    # Hypothesis keeps ~40 KB of its own bookkeeping per example (measured: 204 MB over these
    # 5,200 in one CI run), so this bound is wider than the seeded suites'; a YAML bomb or a
    # leak in the loader would still blow far past it.
    with bounded_memory(max_growth_mb=400):
        parse_one()
    assert budget.count >= RANDOM_TEXT_INPUTS


def _paths(data: object, at: tuple = ()) -> list[tuple]:
    """Every key/index path inside the parsed exemplar, containers included."""
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*at, index))
    return found


EXEMPLAR_PATHS = _paths(EXEMPLAR_DATA)[1:]  # not the root itself: replacing it is the random-text test
# A file on disk cannot hold a lone surrogate (and libyaml's emitter refuses one), so they are
# swapped for "?" here; the random-text test hands them to parse_model in a str instead.
SHORT_TEXT = nasty_text(max_size=40, max_huge=2_000).map(
    lambda text: text.encode("utf-8", "replace").decode("utf-8")
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.dates() | SHORT_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SHORT_TEXT, inner, max_size=3),
    max_leaves=8,
)


def _mutate(data: object, path: tuple, action: str, value: object) -> object:
    """A deep copy of `data` with the value at `path` replaced, deleted, or given an unknown sibling."""
    copy = deepcopy(data)
    *parents, last = path
    holder = copy
    for part in parents:
        holder = holder[part]
    if action == "replace":
        holder[last] = value
    elif action == "delete":
        del holder[last]
    elif isinstance(holder, dict):
        holder[f"{last}_typo"] = value
    else:
        holder.append(value)
    return copy


def test_mutated_cases_are_loaded_or_refused_at_the_mutated_line(tmp_path):
    """A real case with one value replaced, deleted or added: wrong types, dates, nesting, junk keys."""
    budget = FuzzBudget()
    path = tmp_path / EXEMPLAR_CASE.name

    @settings(FUZZ_SETTINGS, max_examples=MUTATED_CASE_INPUTS)
    @given(
        at=st.sampled_from(EXEMPLAR_PATHS),
        action=st.sampled_from(["replace", "delete", "add"]),
        value=VALUES,
    )
    def load_one(at: tuple, action: str, value: object) -> None:
        # libyaml's emitter: PyYAML's pure-Python one would take most of the run's time.
        text = yaml.dump(_mutate(EXEMPLAR_DATA, at, action, value), Dumper=DUMPER, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        with budget.timed((at, action, value)):
            load_or_refuse(lambda: load_case(path), path, text)

    with bounded_memory(max_growth_mb=200):
        load_one()
    assert budget.count >= MUTATED_CASE_INPUTS


def _damage(text: str, rng: random.Random) -> bytes:
    """One to three random edits of the kinds a hand-edited file suffers, ending as raw bytes."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        kind = rng.randrange(8)
        if kind == 0:  # typed over: a span of a line becomes junk
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            junk = "".join(rng.choice(YAML_BITS) for _ in range(rng.randint(1, 4)))
            lines[at] = line[:cut] + (junk if rng.random() < 0.5 else random_nasty_text(rng, 20, 200))
            lines[at] += line[cut + rng.randrange(10) :]
        elif kind == 1:  # a block deleted
            del lines[at : at + rng.randint(1, 20)]
        elif kind == 2:  # a line pasted twice: duplicate keys or list items
            lines.insert(at, lines[at])
        elif kind == 3:  # indentation broken, with spaces or a tab
            lines[at] = rng.choice(["", " ", "   ", "\t", "        "]) + lines[at].lstrip()
        elif kind == 4:  # two lines swapped
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 5:  # a value replaced with something YAML reads as another type
            key, sep, _ = lines[at].partition(": ")
            value = rng.choice(
                ["", "~", "yes", "2024-13-45", "9" * 5000, "1e999", "[", "{a: 1}", "&x a", "*x"]
            )
            lines[at] = f"{key}{sep or ': '}{value}"
        elif kind == 6:  # an attack pasted in
            lines[at] += rng.choice(["[" * 200, "{a: " * 100, " - " * 100, "\x00", "\ufeff", "\x1b[31m"])
        else:  # the file cut short
            lines = lines[: at + 1]
            lines[-1] = lines[-1][: rng.randrange(len(lines[-1]) + 1)]
        if not lines:
            lines = [""]
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:  # bytes no text editor would write: invalid UTF-8, a cut multibyte character
        cut = rng.randrange(len(raw) + 1)
        raw = raw[:cut] + rng.randbytes(rng.randint(1, 8)) + raw[cut:]
    if rng.random() < 0.05:
        raw = b"\xef\xbb\xbf" + raw  # a UTF-8 BOM, as Windows Notepad saves
    return raw


def test_damaged_real_case_files_are_loaded_or_refused_with_file_and_line(tmp_path):
    """Every shipped case, damaged thousands of ways on disk, then loaded through load_case."""
    rng = random.Random(DAMAGE_SEED)
    budget = FuzzBudget()
    with bounded_memory(max_growth_mb=200):
        for index in range(DAMAGED_FILE_INPUTS):
            name = rng.choice(list(CASE_TEXTS))
            raw = _damage(CASE_TEXTS[name], rng)
            path = tmp_path / name  # the shipped name: a case's id must match its file name
            path.write_bytes(raw)
            text = raw.decode("utf-8", "replace")
            with budget.timed((index, name)):
                load_or_refuse(lambda: load_case(path), path, text)  # noqa: B023 - called at once
    assert budget.count == DAMAGED_FILE_INPUTS


def test_the_fuzz_runs_add_up_to_ten_thousand_inputs():
    """The issue asks for ten thousand generated inputs; the three runs above share them out."""
    assert RANDOM_TEXT_INPUTS + MUTATED_CASE_INPUTS + DAMAGED_FILE_INPUTS >= REQUIRED_INPUTS


# --- the classic attacks, one by one ----------------------------------------------------------


def _refusal(text: str, path: Path = FUZZ_PATH) -> DataFileError:
    """Parse `text`, insist on a clear refusal without hanging, and return it."""
    start = time.perf_counter()
    with pytest.raises(DataFileError) as caught:
        parse_model(text, path, Case)
    assert time.perf_counter() - start < HANG_SECONDS
    assert_clear_refusal(caught.value, path, text)
    return caught.value


def _billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_once_without_expanding(tmp_path):
    """Ten levels of ten aliases would be 10⁹ strings; the first reuse of an anchor stops it."""
    text = _billion_laughs()
    (problem,) = _refusal(text).problems
    assert "锚点" in problem.message and problem.line == 1  # the anchor the first alias points to
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(path))}:1: .*锚点"):
        load_case(path)


def test_merge_key_bomb_is_refused_like_any_alias():
    """The block-style variant, built from `<<:` merges of merges."""
    lines = ["a0: &a0 {x: lol}"] + [f"a{i}: &a{i}\n  <<: [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    (problem,) = _refusal("\n".join(lines) + "\n").problems
    assert "锚点" in problem.message


DEEP = {
    "open brackets": "a: " + "[" * 10_000,
    "balanced brackets": "a: " + "[" * 10_000 + "]" * 10_000,
    "open braces": "a: " + "{" * 10_000,
    "nested flow mappings": "a: " + "{a: " * 10_000 + "}" * 10_000,
    "block sequence dashes": "a:\n" + "- " * 10_000 + "x\n",
    "indented mappings": "".join(f"{' ' * depth}k{depth}:\n" for depth in range(900)),
    "indented sequences": "".join(f"{' ' * depth}-\n" for depth in range(900)),
    "just past the limit": "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(loader.MAX_DEPTH + 2)),
}


@pytest.mark.parametrize("python_parser", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_refused_without_recursion_error(text, python_parser, monkeypatch):
    """Ten thousand levels are refused as "too deep" (or a syntax error), never a RecursionError."""
    if python_parser:  # the loader falls back to PyYAML's own parser where libyaml is missing
        monkeypatch.setattr(loader, "SafeLoader", yaml.SafeLoader)
    (problem,) = _refusal(text).problems
    assert "嵌套层级过深" in problem.message or "YAML 语法错误" in problem.message


def test_nesting_within_the_limit_reaches_validation():
    """Depth alone is not refused: twenty levels are fine YAML, and the schema speaks next."""
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(loader.MAX_DEPTH))
    assert all("嵌套层级过深" not in p.message for p in _refusal(text).problems)


def test_file_over_one_megabyte_is_refused_before_parsing(tmp_path, exemplar_case_text):
    """A huge file costs one read: refused by size, at line 1, saying the limit."""
    path = tmp_path / EXEMPLAR_CASE.name
    padding = "#" * (loader.MAX_FILE_BYTES + 1 - len(exemplar_case_text.encode()) - 1) + "\n"
    path.write_text(exemplar_case_text + padding, encoding="utf-8")
    assert path.stat().st_size == loader.MAX_FILE_BYTES + 1
    start = time.perf_counter()
    with pytest.raises(DataFileError) as caught:
        load_case(path)
    assert time.perf_counter() - start < 0.5
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}:1: {problem.message}" and "文件过大" in problem.message
    assert str(loader.MAX_FILE_BYTES) in problem.message


def test_file_of_exactly_one_megabyte_still_loads(tmp_path, exemplar_case_text):
    """The limit is inclusive: a case padded with comments to the byte still loads."""
    path = tmp_path / EXEMPLAR_CASE.name
    padding = "#" * (loader.MAX_FILE_BYTES - len(exemplar_case_text.encode()) - 1) + "\n"
    path.write_text(exemplar_case_text + padding, encoding="utf-8")
    assert path.stat().st_size == loader.MAX_FILE_BYTES
    assert load_case(path) == load_case(EXEMPLAR_CASE)


def test_huge_text_given_directly_is_refused_by_size_too():
    """parse_model applies the same limit, so callers that skip the file read are covered."""
    (problem,) = _refusal("a: " + "彩" * loader.MAX_FILE_BYTES).problems
    assert "文件过大" in problem.message


def test_a_huge_flow_list_under_the_size_limit_is_refused_by_count():
    """Short items fit many to a megabyte; the node limit stops indexing them one by one."""
    (problem,) = _refusal("a: [" + "1," * 120_000 + "]\n").problems
    assert "内容过多" in problem.message


def _line_and_column(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_nul_byte_is_refused_at_its_line_and_column(tmp_path, exemplar_case_text):
    """A NUL inside a real case names its line and column and says the file may be damaged."""
    broken = exemplar_case_text.replace("industry: 通信运营商", "industry: 通信\x00运营商")
    line, column = _line_and_column(broken, "\x00")
    path = tmp_path / EXEMPLAR_CASE.name
    path.write_bytes(broken.encode("utf-8"))
    with pytest.raises(DataFileError) as caught:
        load_case(path)
    (problem,) = caught.value.problems
    assert problem.line == line and f"第 {column} 列" in problem.message and "U+0000" in problem.message


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x9b", "\ud800", "\udfff", "\ufffe"])
def test_other_unprintable_characters_are_refused_by_code_point(char):
    """Control characters, DEL, C1 and lone surrogates (possible in a str) name the code point."""
    text = f"id: telecom\ntitle: 彩铃{char}\n"
    (problem,) = _refusal(text).problems
    assert problem.line == 2 and f"U+{ord(char):04X}" in problem.message


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("id: 彩铃\ntitle: 中文\n".encode("gbk"), 1),
        ("id: x\n标题: 中文\n".encode("utf-16"), 1),
        (b"id: x\nversion: 1\ntitle: \xff\xfe\n", 3),
        ("id: x\ntitle: 彩铃".encode()[:-1], 2),  # the last character cut in half
    ],
    ids=["gbk", "utf-16", "stray bytes", "truncated character"],
)
def test_invalid_utf8_is_refused_at_the_line_it_starts(tmp_path, raw, line):
    """Any encoding other than UTF-8 is named, at the line where decoding failed."""
    path = tmp_path / "encoded.yaml"
    path.write_bytes(raw)
    with pytest.raises(DataFileError) as caught:
        load_case(path)
    (problem,) = caught.value.problems
    assert problem.line == line and "UTF-8" in problem.message


def test_utf8_bom_at_the_start_is_accepted(tmp_path, exemplar_case_text):
    """Windows Notepad's BOM is harmless: the case loads exactly as without it."""
    path = tmp_path / EXEMPLAR_CASE.name
    path.write_bytes(b"\xef\xbb\xbf" + exemplar_case_text.encode("utf-8"))
    assert load_case(path) == load_case(EXEMPLAR_CASE)


def test_bom_in_the_middle_is_refused_at_its_line(exemplar_case_text):
    """Two files pasted together leave a BOM mid-file: a syntax error at that line, not a crash."""
    broken = exemplar_case_text.replace("industry: 通信运营商", "\ufeffindustry: 通信运营商")
    (problem,) = _refusal(broken, path=Path(EXEMPLAR_CASE.name)).problems
    assert problem.line == _line_and_column(broken, "\ufeff")[0]


# Each of these raised something other than DataFileError before the loader was hardened.
USED_TO_CRASH = {
    "python object tag": ("id: x\ntitle: !!python/object:os.system ls\n", 2, "标签"),
    "custom tag": ("id: x\ntitle: !foo bar\n", 2, "标签"),
    "binary tag": ("id: x\ntitle: !!binary aGk=\n", 2, "标签"),
    "impossible date": ("id: x\nversion: 2024-13-45\n", 2, "无法读取"),
    "5000-digit integer": ("id: x\nversion: " + "9" * 5000 + "\n", 2, "无法读取"),
    "bool tag on a word": ("id: x\nversion: !!bool maybe\n", 2, "无法读取"),
    "int tag on a word": ("id: x\nversion: !!int abc\n", 2, "无法读取"),
    "timestamp tag on a word": ("id: x\nversion: !!timestamp abc\n", 2, "无法读取"),
    "mapping tag on a list": ("id: x\nbrief: !!map [1, 2]\n", 2, "无法读取"),
    "merge of a scalar": ("id: x\nbrief:\n  <<: 1\n", 3, "无法读取"),
    "list as a key": ("id: x\n? [a, b]\n: c\n", 2, "键只能是简单的文字"),
    "mapping as a key": ("id: x\n{a: 1}: c\n", 2, "键只能是简单的文字"),
    "lone surrogate": ("id: x\ntitle: \udc80\n", 2, "U+DC80"),
}


@pytest.mark.parametrize(("text", "line", "words"), USED_TO_CRASH.values(), ids=USED_TO_CRASH.keys())
def test_inputs_that_used_to_crash_the_loader_are_refused_at_their_line(text, line, words):
    """Regression: tags, unreadable scalars, non-text keys and surrogates are clear refusals now."""
    problem = _refusal(text).problems[0]
    assert problem.line == line and words in problem.message


def test_a_bare_equals_sign_is_read_as_text():
    """YAML 1.1 gives `=` a tag PyYAML cannot build; the loader reads it as the text "=" instead."""
    problems = _refusal("id: x\ntitle: =\n").problems
    assert not any("无法读取" in p.message for p in problems)


def test_pattern_mismatch_is_explained_in_chinese():
    """pydantic's English "String should match pattern" becomes a Chinese sentence with the value."""
    problem = _refusal("id: Bad Id\n").problems[0]
    assert problem.message.startswith("「id」的值 'Bad Id' 格式不对")
