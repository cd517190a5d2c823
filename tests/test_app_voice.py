"""Voice in the app (AppTest): the customer's line plays after its words, autoplay once per line
and at the trainee's choice; text only with a note when no voice can speak; the microphone only
with a transcription endpoint; an exam that requires voice plays by itself and takes no typing."""

from __future__ import annotations

from pathlib import Path

from tests.app_helpers import all_text, button, log_in, new_app, say, selectbox, start_call
from tests.sim_helpers import EMPATHIC

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")
SPEECH_SERVER = {"COACH_STT_API_KEY": "test-key", "COACH_STT_BASE_URL": "http://127.0.0.1:9/v1"}


def practice(monkeypatch, data_dir: Path, env: dict[str, str] | None = None):
    return start_call(log_in(new_app(monkeypatch, data_dir, env=env), *TRAINEE))


def players(app):
    return [element.proto for element in app.get("audio")]


def test_the_opening_line_plays_by_itself_and_not_again_on_a_rerun(monkeypatch, tmp_path):
    app = practice(monkeypatch, tmp_path)
    assert [p.autoplay for p in players(app)] == [True]
    assert players(app)[0].url.endswith(".wav")  # the offline voice (espeak-ng)
    app.run()
    assert [p.autoplay for p in players(app)] == [False]
    app = say(app, EMPATHIC[0])
    assert [p.autoplay for p in players(app)] == [True]


def test_autoplay_can_be_switched_off_and_the_player_stays(monkeypatch, tmp_path):
    app = practice(monkeypatch, tmp_path)
    app.toggle(key="autoplay_voice").set_value(False).run()
    app = say(app, EMPATHIC[0])
    assert [p.autoplay for p in players(app)] == [False]


def test_the_player_sits_right_under_the_latest_customer_line(monkeypatch, tmp_path):
    app = say(practice(monkeypatch, tmp_path), EMPATHIC[0])
    kinds = [getattr(node, "type", "") for node in app.main.children.values()]
    last_line = max(i for i, kind in enumerate(kinds) if kind == "chat_message")
    assert kinds[last_line + 1] == "audio"


def test_with_no_voice_at_all_the_call_is_text_only_and_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no espeak-ng to find
    app = practice(monkeypatch, tmp_path)
    assert players(app) == []
    assert "客户语音暂不可用" in all_text(app)
    assert not app.exception


def test_voice_switched_off_shows_no_player_and_no_switch(monkeypatch, tmp_path):
    app = practice(monkeypatch, tmp_path, env={"COACH_TTS": "off"})
    assert players(app) == [] and not [t for t in app.toggle if "语音" in t.label]
    assert "客户语音暂不可用" not in all_text(app)


def test_without_a_transcription_endpoint_the_microphone_is_hidden_with_a_reason(monkeypatch, tmp_path):
    app = practice(monkeypatch, tmp_path)
    assert app.get("audio_input") == []
    assert "语音回复未开启" in all_text(app)


def test_with_a_transcription_endpoint_the_microphone_is_offered(monkeypatch, tmp_path):
    app = practice(monkeypatch, tmp_path, env=SPEECH_SERVER)
    assert len(app.get("audio_input")) == 1
    assert "语音回复未开启" not in all_text(app)


def publish_voice_exam(monkeypatch, data_dir: Path, env: dict[str, str] | None = None):
    app = log_in(new_app(monkeypatch, data_dir, env=env), *TRAINER)
    app.switch_page("views/exam_admin.py").run()
    app.text_input(key="exam_title").input("语音认证")
    selectbox(app, "案例").set_value("telecom-ringback-consent")
    selectbox(app, "客户性格").set_value("sanguine")
    app.checkbox(key="exam_require_voice").check()
    app = app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    assert any("已发布" in s.value for s in app.success), all_text(app)
    return app


def test_the_trainer_sees_which_exams_require_voice(monkeypatch, tmp_path):
    app = publish_voice_exam(monkeypatch, tmp_path)
    table = app.dataframe[0].value
    assert list(table["作答方式"]) == ["须语音作答"], table


def test_a_voice_exam_cannot_start_without_a_transcription_endpoint(monkeypatch, tmp_path):
    publish_voice_exam(monkeypatch, tmp_path)
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE).switch_page("views/exam.py").run()
    assert "须语音作答" in all_text(app)
    assert button(app, "开始考试").disabled
    assert any("还没有配置语音转写接口" in w.value for w in app.warning)


def test_a_voice_exam_plays_the_customer_and_takes_only_spoken_replies(monkeypatch, tmp_path):
    publish_voice_exam(monkeypatch, tmp_path, env=SPEECH_SERVER)
    app = log_in(new_app(monkeypatch, tmp_path, env=SPEECH_SERVER), *TRAINEE)
    app = button(app.switch_page("views/exam.py").run(), "开始考试").click().run()
    assert app.title[0].value == "考试：语音认证" and not app.exception
    assert [p.autoplay for p in players(app)] == [True]
    assert not [t for t in app.toggle if t.key == "autoplay_voice"]  # no switch to turn it off
    assert "按识别出的文字评分（不能修改）" in all_text(app)
    assert len(app.chat_input) == 0
    assert len(app.get("audio_input")) == 1


def test_an_ordinary_exam_does_not_autoplay_by_default(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    app.switch_page("views/exam_admin.py").run()
    app.text_input(key="exam_title").input("普通认证")
    selectbox(app, "案例").set_value("telecom-ringback-consent")
    app.button(key="FormSubmitter:new_exam-发布考试").click().run()
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    app = button(app.switch_page("views/exam.py").run(), "开始考试").click().run()
    assert [p.autoplay for p in players(app)] == [False]
    assert len(app.chat_input) == 1


def test_in_practice_an_earlier_customer_line_can_be_heard_again_without_autoplay(monkeypatch, tmp_path):
    app = say(practice(monkeypatch, tmp_path), EMPATHIC[0])
    assert len(players(app)) == 1  # only the latest line until one is picked
    picker = selectbox(app, "重听客户前面的话")
    assert picker.options[0] == "（选一句重听）" and picker.options[1].startswith("第 1 句：")
    picker.set_value(0).run()  # the opening line (turn 0)
    assert [p.autoplay for p in players(app)] == [False, False]
    assert len({p.url for p in players(app)}) == 2  # the opening line, not the latest again
