"""Fill a case's `{slot}` placeholders with its facts."""

from __future__ import annotations

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
