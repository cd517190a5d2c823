"""Find, load and cross-check the case files.

`load_library()` is what the app and the simulator call; `find_problems()` is what
`python -m scenarios validate` calls. Both refuse a broken file whole: a library is either
loaded completely or not at all, so a half-imported case can never reach a trainee.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from datafiles import DataFileError, LinePath, Problem, line_of, load_model
from datafiles.placeholders import placeholder_problems
from scenarios.schema import Case

CASES_DIR = Path(__file__).resolve().parent / "cases"
# Placeholders every line may use besides the case's own `slots`.
BUILTIN_SLOTS = frozenset({"customer", "company", "agent_id", "regulator", "regulator_hotline", "surname"})


@dataclass(frozen=True)
class CaseLibrary:
    """All loaded cases, by id, in file order."""

    cases: dict[str, Case]

    def get(self, case_id: str) -> Case:
        """The case with this id, or KeyError naming the ids that exist."""
        try:
            return self.cases[case_id]
        except KeyError:
            known = "、".join(self.cases) or "（无）"
            raise KeyError(f"没有编号为「{case_id}」的案例；可用的有：{known}") from None

    def __iter__(self) -> Iterator[Case]:
        return iter(self.cases.values())

    def __len__(self) -> int:
        return len(self.cases)


def case_files(paths: Iterable[Path] = (CASES_DIR,)) -> list[Path]:
    """Expand folders into their `*.yaml` files (sorted); files are kept as given."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return found


def load_case(path: Path) -> Case:
    """Load and check one case file; raise DataFileError with file:line problems."""
    return load_model(path, Case, checks=case_checks())


def case_checks() -> list:
    """The checks every case passes beyond its schema (also for cases written in 场景工坊)."""
    return [check_placeholders, check_unique_ids, check_forbidden_in_scripts, check_agenda]


def load_library(paths: Iterable[Path] = (CASES_DIR,)) -> CaseLibrary:
    """Load every case under `paths`, or raise DataFileError listing every problem."""
    files = case_files(paths)
    loaded, problems = _load_all(files)
    problems.extend(_duplicate_ids(loaded))
    if not files:
        problems.append(Problem(Path(*paths) if paths else CASES_DIR, 1, "没有找到任何 .yaml 案例文件"))
    if problems:
        raise DataFileError(problems)
    return CaseLibrary({case.id: case for _, case in loaded})


@cache
def shipped_library() -> CaseLibrary:
    """The shipped case library, loaded once per process (content files do not change at run time)."""
    return load_library()


def find_problems(paths: Iterable[Path] = (CASES_DIR,)) -> list[Problem]:
    """Every problem in the given case files (empty when all is well)."""
    try:
        load_library(paths)
    except DataFileError as exc:
        return exc.problems
    return []


def _load_all(files: list[Path]) -> tuple[list[tuple[Path, Case]], list[Problem]]:
    loaded: list[tuple[Path, Case]] = []
    problems: list[Problem] = []
    for path in files:
        try:
            loaded.append((path, load_case(path)))
        except DataFileError as exc:
            problems.extend(exc.problems)
    return loaded, problems


def _duplicate_ids(loaded: list[tuple[Path, Case]]) -> list[Problem]:
    first_seen: dict[str, Path] = {}
    problems: list[Problem] = []
    for path, case in loaded:
        if case.id != path.stem:
            msg = f"案例编号「{case.id}」与文件名「{path.stem}」不一致：请让 id 与文件名（不含 .yaml）相同"
            problems.append(Problem(path, line_of(path, ("id",)), msg))
        if case.id in first_seen:
            msg = f"案例编号「{case.id}」与 {first_seen[case.id]} 重复：每个案例的 id 必须唯一，请改名"
            problems.append(Problem(path, line_of(path, ("id",)), msg))
        first_seen.setdefault(case.id, path)
    return problems


def check_placeholders(case: Case) -> list[tuple[LinePath, str]]:
    """Every `{name}` in the case's text must be a slot the case defines or a built-in one."""
    allowed = BUILTIN_SLOTS | set(case.slots)
    return placeholder_problems(case.model_dump(mode="json"), allowed, skip=frozenset({"slots", "id"}))


def check_unique_ids(case: Case) -> list[tuple[LinePath, str]]:
    """Resolution ids must be unique inside a case."""
    seen: set[str] = set()
    found: list[tuple[LinePath, str]] = []
    for index, resolution in enumerate(case.resolutions):
        if resolution.id in seen:
            found.append((("resolutions", index, "id"), f"解决方案 id「{resolution.id}」重复：请改名"))
        seen.add(resolution.id)
    return found


def check_forbidden_in_scripts(case: Case) -> list[tuple[LinePath, str]]:
    """A reference script must never contain one of the case's own forbidden phrases."""
    found: list[tuple[LinePath, str]] = []
    for stage_name, guide in case.stages:
        for index, script in enumerate(guide.scripts):
            for phrase in case.forbidden_phrases:
                if phrase in script:
                    msg = f"参考话术里出现了本案例的禁语「{phrase}」：请改写这句话术"
                    found.append((("stages", stage_name, "scripts", index), msg))
    return found


def check_agenda(case: Case) -> list[tuple[LinePath, str]]:
    """An agenda's demands must name resolutions the case has, and its item ids must be unique."""
    if case.agenda is None:
        return []
    known = {resolution.id for resolution in case.resolutions}
    found: list[tuple[LinePath, str]] = []
    for index, demand in enumerate(case.agenda.demands):
        for position, resolution_id in enumerate(demand.met_by):
            if resolution_id not in known:
                msg = f"诉求「{demand.id}」的 met_by 写了不存在的解决方案「{resolution_id}」：可用的有 {'、'.join(sorted(known))}"
                found.append((("agenda", "demands", index, "met_by", position), msg))
    seen: set[str] = set()
    for section in ("demands", "misunderstandings", "questions"):
        for index, item in enumerate(getattr(case.agenda, section)):
            if item.id in seen:
                found.append(((("agenda", section, index, "id")), f"议程条目 id「{item.id}」重复：请改名"))
            seen.add(item.id)
    return found
