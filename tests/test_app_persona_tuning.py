"""性格调校 in the app (AppTest): a trainer edits a persona's numbers, sees the preview, saves it
under a new id, and trainees can then pick it."""

from __future__ import annotations

from tests.app_helpers import all_text, button, log_in, new_app, selectbox

TRAINER, TRAINEE = ("laoli", "peixun123"), ("xiaowang", "lianxi123")


def test_a_tuned_persona_is_saved_and_offered_to_trainees(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER).switch_page("views/persona_tuning.py").run()
    selectbox(app, "从哪个性格开始").set_value("choleric").run()
    app.number_input(key="tune_choleric_1_arguing_anger").set_value(40)
    app.text_input(key="tune_name_choleric").input("一点就着的急脾气")
    app = app.run()
    assert app.get("vega_lite_chart") and not app.error
    app = button(app, "保存为新版本").click().run()
    assert any("已保存「一点就着的急脾气」第 1 版" in s.value for s in app.success), all_text(app)
    trainee = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    assert any("一点就着的急脾气" in o for o in selectbox(trainee, "客户性格").options)


def test_bad_numbers_are_refused_in_chinese(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER).switch_page("views/persona_tuning.py").run()
    selectbox(app, "从哪个性格开始").set_value("choleric").run()
    app.number_input(key="tune_choleric_1_resolve_below").set_value(99)
    app = app.run()
    assert any("还不能保存" in e.value and "resolve_below" in e.value for e in app.error)
    assert not [b for b in app.button if b.label == "保存为新版本"]
