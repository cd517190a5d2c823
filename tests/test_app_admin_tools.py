"""用户管理's tools (AppTest): an admin resets a forgotten password (the old one stops working, a
weak one is refused) and sets the trainer who leads a 班组."""

from __future__ import annotations

from store import Store
from tests.app_helpers import all_text, log_in, new_app

ADMIN = ("admin", "guanli123")


def _users_page(monkeypatch, tmp_path):
    return log_in(new_app(monkeypatch, tmp_path), *ADMIN).switch_page("views/users.py").run()


def test_an_admin_resets_a_password_and_only_the_new_one_works(monkeypatch, tmp_path):
    app = _users_page(monkeypatch, tmp_path)
    trainee_id = Store(tmp_path / "coach.db").user("xiaowang")["id"]
    app.selectbox(key="reset-pick").set_value(trainee_id)
    app.text_input(key="reset-password").input("12345678")
    app = app.button(key="FormSubmitter:reset-form-重置密码").click().run()
    assert any("密码没有重置" in e.value for e in app.error)
    app.text_input(key="reset-password").input("xin-mima-2026")
    app = app.button(key="FormSubmitter:reset-form-重置密码").click().run()
    assert any("已重置「xiaowang」的密码" in s.value for s in app.success), all_text(app)
    old = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    assert "用户名或密码不正确" in all_text(old)
    new = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "xin-mima-2026")
    assert new.title[0].value == "练习"


def test_an_admin_sets_the_trainer_who_leads_a_group(monkeypatch, tmp_path):
    store = Store(tmp_path / "coach.db")
    app = _users_page(monkeypatch, tmp_path)
    store.set_user_group(store.user("xiaowang")["id"], "一组")
    app = app.run()
    app.selectbox(key="lead-group").set_value("一组")
    app.selectbox(key="lead-trainer").set_value(store.user("laoli")["id"])
    app = app.button(key="FormSubmitter:group-trainer-保存").click().run()
    assert store.group_trainers() == {"一组": store.user("laoli")["id"]}
    assert any("一组：李老师" in c.value for c in app.caption)
