"""Exams in the app (AppTest): a trainer publishes one, candidates take it to a pass (with a
certificate) or a fail, with no hints and no rewinding; the time limit and the attempts allowed
hold on the server after a reload and from a second session; trainees cannot reach exam admin."""

from __future__ import annotations

from pathlib import Path

from store import Store
from tests.app_helpers import all_text, button, log_in, new_app, say, selectbox
from tests.sim_helpers import EMPATHIC

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")


def _publish(
    monkeypatch,
    data_dir: Path,
    title: str = "彩铃认证",
    attempts: int = 1,
    overall: int = 60,
    review: bool = True,
):
    """The trainer publishes an exam on the ringback case through the 考试管理 form."""
    app = log_in(new_app(monkeypatch, data_dir), *TRAINER)
    app.switch_page("views/exam_admin.py").run()
    app.text_input(key="exam_title").input(title)
    selectbox(app, "案例").set_value("telecom-ringback-consent")
    selectbox(app, "客户性格").set_value("sanguine")
    app.number_input(key="exam_attempts").set_value(attempts)
    app.number_input(key="exam_pass_overall").set_value(overall)
    if not review:
        app.checkbox(key="exam_show_review").uncheck()
    app = app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    assert any(f"考试「{title}」已发布" in s.value for s in app.success), all_text(app)
    return app


def _exam_page(monkeypatch, data_dir: Path):
    app = log_in(new_app(monkeypatch, data_dir), *TRAINEE)
    return app.switch_page("views/exam.py").run()


def _take(app, replies=EMPATHIC):
    app = button(app, "开始考试").click().run()
    assert app.title[0].value == "考试：彩铃认证" and not app.exception
    for reply in replies:
        if any("客户已经结束了通话" in i.value for i in app.info):
            break
        app = say(app, reply)
    return hand_in(app)


def hand_in(app):
    """交卷, then 确定交卷 (the page asks once more)."""
    app = button(app, "交卷").click().run()
    assert any("确定交卷吗" in w.value for w in app.warning)
    return button(app, "确定交卷").click().run()


def test_an_exam_taken_to_a_pass_gives_a_certificate(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = _take(_exam_page(monkeypatch, tmp_path))
    assert any("恭喜，考试通过" in s.value for s in app.success), all_text(app)
    # The result's four figures come first (the review below it has its own).
    assert [m.label for m in app.metric][:4] == ["综合", "共情", "不争辩", "话术规范"]
    assert any(d.label.startswith("下载合格证书") for d in app.get("download_button"))


def test_an_exam_taken_to_a_fail_gives_no_certificate(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path, overall=100)
    app = _take(_exam_page(monkeypatch, tmp_path), ["喂，什么事？", "这是规定，我也没办法。"])
    assert any("没有通过" in w.value for w in app.warning)
    assert not any(d.label.startswith("下载合格证书") for d in app.get("download_button"))


def test_the_exam_page_has_no_hints_no_rewind_and_no_reference_lines(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = button(_exam_page(monkeypatch, tmp_path), "开始考试").click().run()
    app = say(app, EMPATHIC[0])
    assert not any(i.value.startswith("提示（") for i in app.info)
    assert not [b for b in app.button if b.label == "撤回"] and not app.selectbox
    assert any("剩余" in i.value and "不可撤回" in i.value for i in app.info)
    assert "综合" not in app.chat_message[1].markdown[0].value  # no live score before hand-in


def test_a_reload_or_a_second_session_resumes_the_attempt_and_cannot_start_another(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path, attempts=1)
    stale = _exam_page(monkeypatch, tmp_path)  # drawn with 开始考试 enabled
    first = button(_exam_page(monkeypatch, tmp_path), "开始考试").click().run()
    first = say(first, EMPATHIC[0])
    reloaded = _exam_page(monkeypatch, tmp_path)
    assert reloaded.title[0].value == "考试：彩铃认证" and len(reloaded.chat_message) == 3
    hand_in(reloaded)
    refused = button(stale, "开始考试").click().run()
    assert any("1 次机会已经用完" in e.value for e in refused.error), all_text(refused)
    assert len(Store(tmp_path / "coach.db").attempts()) == 1


def test_after_the_time_limit_a_reply_is_refused_and_the_attempt_is_handed_in(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = button(_exam_page(monkeypatch, tmp_path), "开始考试").click().run()
    store = Store(tmp_path / "coach.db")
    store.db.execute("update exam_attempts set deadline = started_at - 1")
    store.db.conn.commit()
    app = say(app, EMPATHIC[0])
    assert any("考试时间已到，已自动交卷" in w.value for w in app.warning), all_text(app)
    attempt = store.attempts()[0]
    assert attempt["timed_out"] == 1 and len(store.load_session(attempt["call_id"]).turns) == 1


def test_after_handing_in_the_candidate_reads_the_review_when_the_exam_allows_it(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = _take(_exam_page(monkeypatch, tmp_path))
    assert "考试精评" in [h.value for h in app.subheader]
    assert "案例精评" in all_text(app) and not app.exception
    assert selectbox(app, "查看哪一次考试的案例精评").value is not None


def test_an_exam_that_keeps_its_review_shows_the_candidate_scores_only(monkeypatch, tmp_path):
    app = _publish(monkeypatch, tmp_path, review=False)
    assert list(app.dataframe[0].value["交卷后精评"]) == ["只给成绩"]
    app = _take(_exam_page(monkeypatch, tmp_path))
    assert [m.label for m in app.metric] == ["综合", "共情", "不争辩", "话术规范"]
    assert "案例精评" not in all_text(app) and "考试精评" not in [h.value for h in app.subheader]


def test_a_trainee_is_refused_on_exam_admin_and_on_exam_reports(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = _take(_exam_page(monkeypatch, tmp_path))
    app.switch_page("views/exam_admin.py").run()
    assert any("无权访问" in e.value for e in app.error) and not app.dataframe
    call_id = Store(tmp_path / "coach.db").attempts()[0]["call_id"]
    app.session_state["report_call_id"] = call_id
    app.switch_page("views/report.py").run()
    assert "案例精评" not in all_text(app)
    assert any("考试的逐句点评只对培训师开放" in e.value for e in app.error)


def test_the_trainer_sees_attempts_exports_csv_and_regrades_them_identically(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    _take(_exam_page(monkeypatch, tmp_path))
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    app = app.switch_page("views/exam_admin.py").run()
    assert not app.exception and any(
        d.label.startswith("导出全部考试记录") for d in app.get("download_button")
    )
    app = button(app, "复核评分（按存档重新评分）").click().run()
    assert any("重新评分与存档成绩完全一致" in s.value for s in app.success), all_text(app)
    assert "案例精评" in all_text(app)


def test_a_bad_exam_form_keeps_what_was_typed_and_says_why(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    app.switch_page("views/exam_admin.py").run()
    app.number_input(key="exam_pass_overall").set_value(80)
    app = app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    assert any("考试名称：不能为空" in e.value for e in app.error)
    assert app.number_input(key="exam_pass_overall").value == 80


def test_out_of_range_numbers_are_refused_in_chinese(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    app.switch_page("views/exam_admin.py").run()
    app.text_input(key="exam_title").input("超范围")
    app.number_input(key="exam_minutes").set_value(0)
    app = app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    assert any("时间限制须在 1–240 分钟之间" in e.value for e in app.error)
    app.number_input(key="exam_minutes").set_value(15)
    app.number_input(key="exam_pass_overall").set_value(150)
    app = app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    assert any("综合合格线：不能大于 100" in e.value for e in app.error)
    assert not any("时间限制" in e.value for e in app.error)  # the old error is gone
    assert Store(tmp_path / "coach.db").exams() == []


def test_hand_in_asks_once_more_and_can_be_called_off(monkeypatch, tmp_path):
    _publish(monkeypatch, tmp_path)
    app = button(_exam_page(monkeypatch, tmp_path), "开始考试").click().run()
    app = button(button(app, "交卷").click().run(), "继续作答").click().run()
    assert app.title[0].value == "考试：彩铃认证" and app.chat_input
    assert Store(tmp_path / "coach.db").attempts()[0]["status"] == "in_progress"
    assert any("截止，到时自动交卷" in w.value for w in app.sidebar.warning)
