"""看板 in the app (AppTest): after trainees practise, a trainer sees the cohort's figures and
opens a call from a table row; trainees are refused."""

from __future__ import annotations

from tests.app_helpers import all_text, button, log_in, new_app, say, start_call

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")


def _practise(monkeypatch, tmp_path, replies: list[str]) -> None:
    app = start_call(log_in(new_app(monkeypatch, tmp_path), *TRAINEE))
    for reply in replies:
        app = say(app, reply)
    button(app, "结束通话").click().run()


def test_the_trainer_sees_the_cohort_and_opens_a_call_from_a_row(monkeypatch, tmp_path):
    _practise(monkeypatch, tmp_path, ["这是规定，我也没办法。", "您先冷静一下，别激动。"])
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER).switch_page("views/dashboard.py").run()
    assert not app.exception and app.title[0].value == "看板"
    assert [m.label for m in app.metric][:3] == ["通话数", "平均综合", "达标率（≥60）"]
    assert app.metric[0].value == "1"
    assert "需要帮助的学员" in [h.value for h in app.subheader] and "平均 " in str(app.dataframe[-2].value)
    app.session_state["recent_rows"] = {"selection": {"rows": [0], "columns": []}}
    app = app.run()
    assert "案例精评" in all_text(app), all_text(app)


def test_a_trainee_cannot_open_the_dashboard(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE).switch_page("views/dashboard.py").run()
    assert any("无权访问" in e.value for e in app.error) and not app.metric
