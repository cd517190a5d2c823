"""Logging in, rate limiting, role refusals enforced in each page's own code, admin tools."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from accounts.roles import Role
from accounts.service import User
from llm.fake_server import Behaviour, FakeOpenAIServer
from tests.app_helpers import all_text, button, log_in, new_app
from tests.conftest import ROOT

TRAINEE = User(id=1, username="xiaowang", display_name="小王", role=Role.TRAINEE)


def test_wrong_password_is_refused_and_repeated_failures_lock_the_name(monkeypatch, tmp_path):
    app = new_app(monkeypatch, tmp_path)
    for _ in range(5):
        app = log_in(app, "xiaowang", "wrong-password")
        assert "用户名或密码不正确" in all_text(app)
    app = log_in(app, "xiaowang", "lianxi123")
    assert "次数过多" in all_text(app) and app.title[0].value == "客诉陪练 · 登录"


def _page_as(monkeypatch, tmp_path, page: str, user: User) -> AppTest:
    """Run one page script directly (as if its URL were typed) with a logged-in user."""
    app = new_app(monkeypatch, tmp_path)  # sets up the store and demo accounts
    # Run through a stub, as the app does: a page file run as the main script would put views/ on
    # sys.path first, where views/practice.py shadows the `practice` package the pages import.
    script = f"import runpy\nrunpy.run_path({str(ROOT / 'views' / page)!r}, run_name='__main__')\n"
    page_app = AppTest.from_string(script, default_timeout=60)
    page_app.session_state["app"] = app.session_state["app"]
    page_app.session_state["user"] = user
    return page_app.run()


def test_a_trainee_opening_trainer_or_admin_pages_is_refused(monkeypatch, tmp_path):
    for page in (
        "review.py",
        "users.py",
        "settings.py",
        "studio.py",
        "exam_admin.py",
        "tasks.py",
        "persona_tuning.py",
        "dashboard.py",
    ):
        app = _page_as(monkeypatch, tmp_path, page, TRAINEE)
        assert any("无权访问" in e.value for e in app.error), page
        assert not app.dataframe and not app.button


def test_a_trainee_navigating_to_trainer_or_admin_pages_gets_the_pages_refusal(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    for page in ("views/users.py", "views/settings.py", "views/review.py"):
        app.switch_page(page).run()
        assert any("无权访问" in e.value for e in app.error), page
        assert not app.dataframe and not [b for b in app.button if b.label != "退出登录"], page


def test_a_trainer_can_review_calls(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "laoli", "peixun123")
    app.switch_page("views/review.py").run()
    assert not app.exception and app.title[0].value == "通话审阅"


def test_admin_creates_a_user_who_can_then_log_in(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "admin", "guanli123")
    app.switch_page("views/users.py").run()
    app.text_input[0].input("zhangsan")
    app.text_input[1].input("张三")
    app.text_input[2].input("mima12345")
    app = button(app, "创建").click().run()
    assert any("已创建" in s.value for s in app.success)
    fresh = log_in(new_app(monkeypatch, tmp_path), "zhangsan", "mima12345")
    assert fresh.title[0].value == "练习"


def test_a_fresh_install_without_demo_asks_for_the_first_admin(monkeypatch, tmp_path):
    app = new_app(monkeypatch, tmp_path, demo=False)
    assert "全新的安装" in all_text(app)
    app.text_input[0].input("boss")
    app.text_input[1].input("boss-password")
    app = button(app, "创建管理员").click().run()
    assert app.title[0].value == "练习"


def test_settings_connection_test_reports_latency(monkeypatch, tmp_path):
    with FakeOpenAIServer(default=Behaviour(content="连接正常")) as server:
        env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": server.base_url, "COACH_MODEL": "fake"}
        app = log_in(new_app(monkeypatch, tmp_path, env=env), "admin", "guanli123")
        app.switch_page("views/settings.py").run()
        assert "已配置（不显示）" in all_text(app) and "k" not in [t.value for t in app.text_input]
        app = button(app, "测试连接").click().run()
    assert any("连接正常" in s.value and "毫秒" in s.value for s in app.success)


def test_settings_connection_test_reports_errors(monkeypatch, tmp_path):
    with FakeOpenAIServer(default=Behaviour(status=500)) as server:
        env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": server.base_url}
        app = log_in(new_app(monkeypatch, tmp_path, env=env), "admin", "guanli123")
        app.switch_page("views/settings.py").run()
        app = button(app, "测试连接").click().run()
    assert any("连接失败" in e.value and "500" in e.value for e in app.error)


def test_a_trainee_cannot_open_someone_elses_report(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "laoli", "peixun123")
    from tests.app_helpers import say, start_call

    app = start_call(app)
    app = say(app, "您好，工号1024为您服务。")
    app = button(app, "结束通话").click().run()
    call_id = app.session_state["report_call_id"]
    other = _page_as(monkeypatch, tmp_path, "report.py", TRAINEE)
    other.session_state["report_call_id"] = call_id
    other.run()
    assert any("无权访问" in e.value for e in other.error)
    assert not other.metric
