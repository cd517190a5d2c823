"""The app under real use, in AppTest: sessions end everywhere, limits, friendly errors under a lock."""

from __future__ import annotations

import sqlite3

from streamlit.testing.v1 import AppTest

from accounts import Role, create_user
from tests.app_helpers import APP, all_text, button, log_in, new_app, say, start_call


def _second_tab() -> AppTest:
    """Another browser tab on the same running app (same process, same Store)."""
    return AppTest.from_file(APP, default_timeout=60).run()


def _on_login_page(app: AppTest) -> bool:
    return app.title[0].value == "客诉陪练 · 登录"


def test_logout_in_one_tab_ends_the_other_tab(monkeypatch, tmp_path):
    tab_a = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    tab_b = log_in(_second_tab(), "xiaowang", "lianxi123")
    assert tab_b.title[0].value == "练习"
    button(tab_a, "退出登录").click().run()
    tab_b.run()
    assert _on_login_page(tab_b) and "已退出登录" in all_text(tab_b)


def test_deactivating_a_user_ends_their_open_session_on_its_next_action(monkeypatch, tmp_path):
    trainee = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    store = trainee.session_state["app"].store
    store.update_user(store.user("xiaowang")["id"], "trainee", active=False)
    trainee = say(trainee, "您好，工号1024为您服务。")
    assert _on_login_page(trainee)
    assert store.db.execute("select count(*) from turns where role = 'agent'").fetchone()[0] == 0


def test_a_demoted_admin_loses_the_admin_pages_at_once(monkeypatch, tmp_path):
    admin = log_in(new_app(monkeypatch, tmp_path), "admin", "guanli123")
    store = admin.session_state["app"].store
    create_user(store, "boss2", "guanli456", Role.ADMIN)
    admin.switch_page("views/users.py").run()
    assert admin.title[0].value == "用户管理"
    store.update_user(store.user("admin")["id"], "trainee", active=True)
    admin.run()
    assert any("无权访问" in e.value for e in admin.error) and not admin.dataframe


def test_a_1001_character_reply_is_refused_with_the_limit_and_nothing_is_stored(monkeypatch, tmp_path):
    app = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    app = say(app, "好" * 1001)
    assert any("最多 1000 字" in w.value and "1001" in w.value for w in app.warning)
    assert len(app.chat_message) == 1 and not app.exception
    app = say(app, "   ")
    assert len(app.chat_message) == 1


def test_display_names_are_shown_as_plain_text(monkeypatch, tmp_path):
    app = new_app(monkeypatch, tmp_path)
    store = app.session_state["app"].store
    create_user(store, "mallory", "mima-12345", Role.TRAINEE, "**粗**![x](http://example.com/x.png)")
    app = log_in(app, "mallory", "mima-12345")
    sidebar = [c.value for c in app.sidebar.caption]
    assert any("\\*\\*粗\\*\\*\\!\\[x\\]" in c for c in sidebar), sidebar


def test_a_locked_database_gives_a_short_message_never_a_traceback(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    blocker = sqlite3.connect(tmp_path / "coach.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the timeout
    try:
        app = button(app, "开始通话").click().run(timeout=60)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    text = all_text(app)
    assert "数据库繁忙" in text and "稍后" in text
    assert not app.exception and "Traceback" not in text and "File " not in text


def test_every_user_can_change_their_password_on_its_own_page(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    app.switch_page("views/account.py").run()
    assert app.title[0].value == "修改密码"
    for box, value in zip(app.text_input, ("lianxi123", "xinmima-2026", "xinmima-2026"), strict=True):
        box.input(value)
    app = button(app, "修改密码").click().run()
    assert any("已修改" in s.value for s in app.success)
    fresh = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "xinmima-2026")
    assert fresh.title[0].value == "练习"


def test_an_admin_deactivates_a_user_on_the_users_page(monkeypatch, tmp_path):
    trainee = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    admin = log_in(_second_tab(), "admin", "guanli123")
    admin.switch_page("views/users.py").run()
    store = admin.session_state["app"].store
    next(s for s in admin.selectbox if s.label == "用户").set_value(store.user("xiaowang")["id"]).run()
    box = next(c for c in admin.checkbox if "账号在用" in c.label)
    assert box.value is True  # the form opens on the picked user's current flag
    box.uncheck()
    admin = button(admin, "保存修改").click().run()
    assert any("已保存" in s.value for s in admin.success)
    assert "已停用" in admin.dataframe[0].value.to_string()
    trainee.run()
    assert _on_login_page(trainee)


def test_a_tab_shows_what_another_tab_said_before_its_own_next_reply(monkeypatch, tmp_path):
    """Each tab keeps its copy of the call between runs; a write from elsewhere must replace it."""
    tab_a = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    tab_b = log_in(_second_tab(), "xiaowang", "lianxi123")
    tab_b = say(tab_b, "您好，这里是客服中心，工号1024，请问有什么可以帮您？")
    tab_a.run()  # a refresh: the other tab's reply and the customer's answer are shown
    assert len(tab_a.chat_message) == 3
    tab_a = say(tab_a, "您别着急，我先帮您查一下这笔扣费。")
    assert len(tab_a.chat_message) == 5 and not tab_a.exception
    store = tab_a.session_state["app"].store
    assert store.db.execute("select count(*) from turns where rewound = 0").fetchone()[0] == 5
