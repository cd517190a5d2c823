"""How a call's end is announced on the practice page: a customer who ends satisfied is a
success (green), an escalation or a hang-up a warning with the way back."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.vocabulary import Outcome


def _page(outcome: str) -> AppTest:
    def script(outcome: str) -> None:
        from scenarios.vocabulary import Outcome
        from views.components import show_outcome

        show_outcome(Outcome(outcome))

    return AppTest.from_function(script, args=(outcome,)).run()


def test_a_satisfied_customer_is_announced_as_a_success():
    app = _page(Outcome.RESOLVED.value)
    assert [s.value for s in app.success] == ["客户满意地结束了通话。 点击「结束通话」查看点评。"]
    assert not app.warning


@pytest.mark.parametrize("outcome", [Outcome.SUPERVISOR, Outcome.REGULATOR, Outcome.HUNG_UP])
def test_an_escalation_or_hang_up_is_a_warning_with_the_way_back(outcome):
    app = _page(outcome.value)
    assert not app.success and "撤回" in app.warning[0].value
