"""Facts every customer knows about itself (its name), added to each case's known facts.

The data is scenarios/common_facts.yaml; `facts_of(case)` is what the grader's question check, the
offline customer and the LLM prompt read, so all three agree on what the customer can answer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import TypeAdapter

from scenarios.schema import Case, KnownFact

COMMON_FACTS_PATH = Path(__file__).resolve().parent / "common_facts.yaml"


@cache
def common_facts() -> tuple[KnownFact, ...]:
    """The shared facts, validated once."""
    data = yaml.safe_load(COMMON_FACTS_PATH.read_text(encoding="utf-8"))
    return tuple(TypeAdapter(list[KnownFact]).validate_python(data))


def facts_of(case: Case) -> list[KnownFact]:
    """The case's own known facts first, then the shared ones."""
    return [*case.customer.known_facts, *common_facts()]
