"""客户性格: the four temperament personas with their traits and numbers."""

from __future__ import annotations

import streamlit as st

from accounts import Role
from personas.describe import state_rows
from personas.schema import Persona
from views.context import require
from views.data import libraries_or_stop


def render_persona_card(persona: Persona) -> None:
    """One persona card: temperament, summary, traits, tips and the state numbers."""
    with st.container(border=True):
        st.subheader(f"{persona.label}")
        st.write(persona.summary)
        st.markdown("**性格特点：** " + "、".join(persona.speech.traits))
        st.markdown(f"**说话方式：** {persona.speech.style}")
        st.markdown("**应对要点：**\n" + "\n".join(f"- {tip}" for tip in persona.handling_tips))
        with st.expander("情绪参数（驱动模拟客户的数值）"):
            st.dataframe(state_rows(persona), hide_index=True, width="stretch")


def main() -> None:
    """The page."""
    require(Role.TRAINEE)
    _, personas = libraries_or_stop()
    st.title("客户性格")
    st.caption("任何性格都可以扮演任何案例。客户的情绪由性格参数和你每句回复的评分共同决定。")
    columns = st.columns(2)
    for index, persona in enumerate(personas):
        with columns[index % 2]:
            render_persona_card(persona)


main()
