"""The case library: one YAML file per complaint case, its schema and its loader."""

from scenarios.library import CASES_DIR, CaseLibrary, find_problems, load_case, load_library, shipped_library
from scenarios.schema import Case

__all__ = [
    "CASES_DIR",
    "Case",
    "CaseLibrary",
    "find_problems",
    "load_case",
    "load_library",
    "shipped_library",
]
