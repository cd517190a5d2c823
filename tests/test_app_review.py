"""Review in the app (AppTest): a trainer corrects a reply's score with a reason and comments on
it on 通话审阅; the trainee's report then shows the corrected scores and the trainer's notes."""

from __future__ import annotations

from store import Store
from tests.app_helpers import all_text, button, log_in, new_app, say, start_call
from tests.sim_helpers import EMPATHIC

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")


def _practised_call(monkeypatch, tmp_path) -> str:
    app = start_call(log_in(new_app(monkeypatch, tmp_path), *TRAINEE))
    for reply in EMPATHIC[:2]:
        app = say(app, reply)
    button(app, "结束通话").click().run()
    return Store(tmp_path / "coach.db").calls()[0]["id"]


def _review_page(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    return app.switch_page("views/review.py").run()


def test_a_correction_with_its_reason_reaches_the_trainees_report(monkeypatch, tmp_path):
    call_id = _practised_call(monkeypatch, tmp_path)
    turn_id = Store(tmp_path / "coach.db").live_turn_ids(call_id)[1]
    app = _review_page(monkeypatch, tmp_path)
    app.number_input(key=f"score_{turn_id}_empathy").set_value(10)
    app.text_input(key=f"reason_{turn_id}").input("只道歉没有回应诉求")
    app.text_area(key=f"comment_{turn_id}").input("先回应客户的问题再道歉")
    app = app.button(key=f"FormSubmitter:line_{turn_id}-保存").click().run()
    assert any("第 1 句已保存：改分 1 项 批注 1 条" in s.value for s in app.success), all_text(app)
    trail = Store(tmp_path / "coach.db").overrides(call_id)
    assert [(r["dimension"], r["after"], r["reason"], r["author"]) for r in trail] == [
        ("empathy", 10, "只道歉没有回应诉求", "李老师(培训师)")
    ]
    report = log_in(new_app(monkeypatch, tmp_path), *TRAINEE).switch_page("views/report.py").run()
    text = all_text(report)
    assert "培训师修正了部分评分" in text and "培训师批注" in [h.value for h in report.subheader]
    assert "→ 10：只道歉没有回应诉求" in text and "先回应客户的问题再道歉" in text


def test_a_correction_without_a_reason_is_refused_and_nothing_is_stored(monkeypatch, tmp_path):
    call_id = _practised_call(monkeypatch, tmp_path)
    turn_id = Store(tmp_path / "coach.db").live_turn_ids(call_id)[1]
    app = _review_page(monkeypatch, tmp_path)
    app.number_input(key=f"score_{turn_id}_script").set_value(5)
    app = app.button(key=f"FormSubmitter:line_{turn_id}-保存").click().run()
    assert any("第 1 句：请填写修改评分的理由" in e.value for e in app.error)
    assert Store(tmp_path / "coach.db").overrides(call_id) == []


def test_marking_a_call_reviewed_feeds_the_agreement_table(monkeypatch, tmp_path):
    _practised_call(monkeypatch, tmp_path)
    app = button(_review_page(monkeypatch, tmp_path), "标记为已审阅（未修改的评分视为同意）").click().run()
    assert not app.exception and any("审阅了这通电话" in c.value for c in app.caption)
    assert any("回复数" in str(frame.value.columns.tolist()) for frame in app.dataframe)
