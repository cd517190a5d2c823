"""Find and load the persona files; refuse a broken set whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from datafiles import DataFileError, LinePath, Problem, line_of, load_model
from datafiles.placeholders import placeholder_problems
from personas.schema import Persona
from scenarios.library import BUILTIN_SLOTS, case_files
from scenarios.vocabulary import Temperament

PERSONAS_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class PersonaLibrary:
    """All loaded personas, by id."""

    personas: dict[str, Persona]

    def get(self, persona_id: str) -> Persona:
        """The persona with this id, or KeyError naming the ids that exist."""
        try:
            return self.personas[persona_id]
        except KeyError:
            known = "、".join(self.personas) or "（无）"
            raise KeyError(f"没有编号为「{persona_id}」的客户性格；可用的有：{known}") from None

    def __iter__(self) -> Iterator[Persona]:
        return iter(self.personas.values())

    def __len__(self) -> int:
        return len(self.personas)


def check_placeholders(persona: Persona) -> list[tuple[LinePath, str]]:
    """Persona lines are case-independent: only the built-in placeholders are allowed."""
    return placeholder_problems(persona.model_dump(mode="json"), BUILTIN_SLOTS, skip=frozenset({"id"}))


def load_persona(path: Path) -> Persona:
    """Load and check one persona file; raise DataFileError with file:line problems."""
    return load_model(path, Persona, checks=[check_placeholders])


def load_personas(paths: Iterable[Path] = (PERSONAS_DIR,)) -> PersonaLibrary:
    """Load every persona under `paths`, or raise DataFileError listing every problem."""
    problems: list[Problem] = []
    loaded: dict[str, Persona] = {}
    for path in case_files(paths):
        try:
            persona = load_persona(path)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        if persona.id in loaded:
            msg = f"性格编号「{persona.id}」重复：每个性格的 id 必须唯一，请改名"
            problems.append(Problem(path, line_of(path, ("id",)), msg))
        loaded.setdefault(persona.id, persona)
    if problems:
        raise DataFileError(problems)
    order = list(Temperament)
    ranked = sorted(loaded.values(), key=lambda p: (order.index(p.temperament), p.id))
    return PersonaLibrary({p.id: p for p in ranked})
