"""The app's content pages render the whole case library and all personas in Chinese."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from personas import load_personas
from scenarios import load_library
from tests.app_helpers import log_in, new_app


@pytest.fixture
def app(monkeypatch, tmp_path) -> AppTest:
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    app.switch_page("views/case_library.py")
    return app.run()


def test_library_page_shows_every_case(app):
    assert not app.exception
    assert [t.value for t in app.title] == ["案例库"]
    titles = {s.value for s in app.subheader}
    assert titles == {case.title for case in load_library()}
    assert any("离线引擎" in c.value for c in app.sidebar.caption)


def test_case_cards_show_industry_difficulty_and_brief(app):
    text = " ".join(m.value for m in app.markdown)
    case = load_library().get("telecom-ringback-consent")
    assert case.industry in text and "难度：中级" in text
    assert "来电客户：" in text and "每月1号返还5元" in text


def test_industry_filter_narrows_the_cards(app):
    app.multiselect[0].set_value(["通信运营商"]).run()
    assert [s.value for s in app.subheader] == ["彩铃业务“被开通”"]


def test_search_with_no_match_says_so(app):
    app.text_input[0].input("不存在的关键词xyz").run()
    assert not app.subheader and any("没有符合条件" in i.value for i in app.info)


def test_persona_page_shows_the_four_temperaments(app):
    app.switch_page("views/persona_gallery.py").run()
    assert not app.exception
    headers = " ".join(s.value for s in app.subheader)
    for persona in load_personas():
        assert persona.temperament.label in headers and persona.name in headers
    assert len(app.dataframe) == 4
