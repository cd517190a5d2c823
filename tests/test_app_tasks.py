"""练习任务 in the app (AppTest): a trainer assigns a case to a trainee without hints; the trainee
sees it on 练习, practises it (no hints, even after a reload) and the task shows as complete."""

from __future__ import annotations

from store import Store
from tests.app_helpers import all_text, button, log_in, new_app, say
from tests.sim_helpers import EMPATHIC

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")


def _assign(monkeypatch, tmp_path, hints: bool = False):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    app = app.switch_page("views/tasks.py").run()
    app.text_input(key="task_title").input("彩铃专项")
    app.multiselect(key="task_cases").set_value(["telecom-ringback-consent"])
    trainee_id = Store(tmp_path / "coach.db").user("xiaowang")["id"]
    app.multiselect(key="task_users").set_value([trainee_id])
    app.checkbox(key="task_hints").set_value(hints)
    app = app.button(key="FormSubmitter:new_task-布置任务").click().run()
    assert any("已布置任务「彩铃专项」" in s.value for s in app.success), all_text(app)
    return app


def test_an_assigned_task_is_practised_without_hints_and_completed(monkeypatch, tmp_path):
    _assign(monkeypatch, tmp_path)
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    assert "我的练习任务" in [h.value for h in app.subheader] and "已完成 0/1" in all_text(app)
    app = next(b for b in app.button if b.label.startswith("开始：彩铃业务")).click().run()
    assert app.title[0].value.startswith("练习：") and not any(i.value.startswith("提示（") for i in app.info)
    app = say(app, EMPATHIC[0])
    reloaded = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)  # a new session: the toggle default is on
    assert not any(i.value.startswith("提示（") for i in reloaded.info)
    app = button(reloaded, "结束通话").click().run()
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    assert "已完成 1/1" in all_text(app) and "这个任务已经完成" in all_text(app)
    trainer = log_in(new_app(monkeypatch, tmp_path), *TRAINER).switch_page("views/tasks.py").run()
    assert "完成 1/1 人" in all_text(trainer)


def test_a_task_without_assignees_is_refused_and_says_why(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER).switch_page("views/tasks.py").run()
    app.text_input(key="task_title").input("没人做的任务")
    app = app.button(key="FormSubmitter:new_task-布置任务").click().run()
    assert any("请选择学员或班组" in e.value for e in app.error)


def test_a_trainee_cannot_open_the_task_page(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE).switch_page("views/tasks.py").run()
    assert any("无权访问" in e.value for e in app.error)
