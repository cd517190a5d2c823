"""Fill a case's `{slot}` placeholders with its facts."""

from __future__ import annotations

from collections.abc import Iterator

from scenarios.schema import Case


def slot_values(case: Case, agent_id: str = "1024") -> dict[str, str]:
    """Every placeholder value a line of this case may use."""
    return {
        "customer": case.customer.honorific,
        "surname": case.customer.honorific[:1],
        "company": case.company,
        "agent_id": agent_id,
        "regulator": case.policy.regulator.name,
        "regulator_hotline": case.policy.regulator.hotline or case.policy.regulator.name,
        **case.slots,
    }


def fill(text: str, case: Case, agent_id: str = "1024") -> str:
    """`text` with the case's placeholders filled (the loader guarantees they exist)."""
    return text.format_map(slot_values(case, agent_id))


def strings_in(value: object) -> Iterator[str]:
    """Every string inside plain data (dicts, lists), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def filled_texts(case: Case) -> list[str]:
    """Every text of the case with its placeholders filled (a text that is not a template —
    a keyword with braces — as it is)."""
    texts = []
    for text in strings_in(case.model_dump()):
        try:
            texts.append(fill(text, case))
        except (KeyError, ValueError, IndexError):
            texts.append(text)
    return texts
