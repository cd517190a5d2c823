"""性格调校 (trainers): start from a persona, edit its numbers and see at once how the customer's
anger moves under an arguing and an empathic trainee (edited vs. before); save under its own id,
every save a new version (the shipped personas stay read-only)."""

from __future__ import annotations

import streamlit as st

from accounts import Role, User
from personas.describe import STATE_FIELDS
from personas.schema import Persona
from personas.tuning import TuningRefused, anger_preview, tuned
from store import StoreError
from views.charts import anger_by_reply
from views.context import app_context, require
from views.data import libraries_or_stop, persona_library, practice_cases, shipped_personas
from views.errors import guarded_callback
from views.widgets import selectbox

NOTICE_KEY, BASE_KEY = "tuning_notice", "tuning_base"


def number_inputs(base: Persona) -> dict[str, float | int]:
    """One input per state number, starting from the base persona's (keys per base: switching
    the base starts from its numbers)."""
    values = base.state.model_dump()
    edited: dict[str, float | int] = {}
    columns = st.columns(4)
    for index, (field, label, meaning) in enumerate(STATE_FIELDS):
        where, key = columns[index % 4], f"tune_{base.id}_{base.version}_{field}"
        # No min/max on the inputs: the browser would only show an English tooltip; the checks
        # below say in Chinese what is out of range.
        if isinstance(values[field], float):
            edited[field] = where.number_input(
                label, value=float(values[field]), step=0.05, key=key, help=meaning
            )
        else:
            edited[field] = where.number_input(label, value=int(values[field]), step=1, key=key, help=meaning)
    return edited


def preview(persona: Persona, base: Persona) -> None:
    """Anger curves of the edited persona and its base on one case."""
    cases = practice_cases()
    case_id = selectbox(
        "预览用的案例", list(cases.cases), format_func=lambda i: cases.get(i).title, key="tune_case"
    )
    rows = anger_preview(persona, base, cases.get(case_id))
    trainees = {"domain": ["争辩的学员", "共情的学员"], "range": ["#d62728", "#1f77b4"]}
    dashes = {"domain": ["调校后", "调校前"], "range": [[1, 0], [4, 4]]}
    spec = anger_by_reply(
        rows,
        {"field": "学员", "type": "nominal", "title": "学员", "scale": trainees},
        strokeDash={"field": "性格", "type": "nominal", "title": "数值", "scale": dashes},
    )
    st.vega_lite_chart(spec, width="stretch")
    st.caption("实线：调校后的数值；虚线：调校前。红色为一直争辩的学员，蓝色为按参考话术回应的学员。")


def persona_choice(persona: Persona, is_shipped: bool) -> str:
    """How the dropdown names a persona: its label and whether it ships or which version it is
    (the ASCII id stays in the 编号 box, so the list reads as Chinese)."""
    origin = "内置" if is_shipped else f"自定义 · 第 {persona.version} 版"
    return f"{persona.label}（{origin}）"


@guarded_callback
def save_clicked(persona: Persona, user: User) -> None:
    """Store the tuned persona as its next version."""
    try:
        stored = app_context().store.save_persona_version(persona, user.id)
    except StoreError as exc:
        st.session_state[NOTICE_KEY] = ("error", str(exc))
        return
    st.session_state[NOTICE_KEY] = (
        "success",
        f"已保存「{stored.name}」第 {stored.version} 版，学员现在就能选这个性格练习。",
    )


def main() -> None:
    """The page."""
    user = require(Role.TRAINER)
    libraries_or_stop()
    st.title("性格调校")
    st.caption("内置性格只读：调校后以新的编号保存，每次保存都是一个新版本。改动数值后，下方曲线立即更新。")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    personas = persona_library()
    shipped = shipped_personas().personas
    base_id = selectbox(
        "从哪个性格开始", list(personas.personas), key=BASE_KEY,
        format_func=lambda i: persona_choice(personas.get(i), i in shipped),
    )  # fmt: skip
    base = personas.get(base_id)
    is_shipped = base_id in shipped
    left, right = st.columns(2)
    new_id = left.text_input(
        "编号", value=f"{base_id}-2" if is_shipped else base_id, key=f"tune_id_{base_id}"
    )
    name = right.text_input("名称", value=base.name, key=f"tune_name_{base_id}")
    edited = number_inputs(base)
    try:
        persona = tuned(base, new_id.strip(), name.strip(), edited, shipped_personas())
    except TuningRefused as exc:
        st.error("还不能保存：\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        return
    preview(persona, base)
    st.button("保存为新版本", type="primary", on_click=save_clicked, args=(persona, user))


main()
