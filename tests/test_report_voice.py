"""A spoken reply keeps how it was delivered: stored with its turn, in the report's 语音表现 and
in the critique of its line, and heard again line by line on the report page."""

from __future__ import annotations

from practice import finish, start
from scoring.paraverbal import measure
from scoring.report import render_markdown
from store import Store
from tests.app_helpers import all_text, log_in, new_app
from tests.audio_helpers import recording
from tests.sim_helpers import EMPATHIC, PERSONAS, RINGBACK

GREETING = "您好，很高兴为您服务，请问有什么可以帮您？"


def spoken(text: str, seconds: float, pause: float = 0.0):
    parts = (
        [("speech", seconds / 2), ("silence", pause), ("speech", seconds / 2)]
        if pause
        else [("speech", seconds)]
    )
    return measure(recording(parts), text, transcript=text)


def stored_call(store: Store, user_id: int, hurried: bool = True):
    practice = start(store, user_id, RINGBACK, PERSONAS.get("sanguine"), None, seed=3)
    practice.send(GREETING, voice=spoken(GREETING, 2.0 if hurried else 5.0))
    "".join(practice.answer())
    practice.send(EMPATHIC[1], voice=spoken(EMPATHIC[1], 6.0, pause=2.5))
    "".join(practice.answer())
    practice.send(EMPATHIC[2])  # typed
    "".join(practice.answer())
    return practice


def test_the_delivery_is_stored_with_its_turn_and_read_back(tmp_path):
    store = Store(tmp_path / "coach.db")
    user = store.add_user("xiaoli", "h", "s", "trainee")
    practice = stored_call(store, user)
    agent = [t for t in store.load_session(practice.id).turns if t.role == "agent"]
    assert agent[0].voice == practice.call.session.turns[agent[0].index].voice
    assert agent[0].voice.chars_per_s > 4.5
    assert agent[1].voice.long_pauses and agent[2].voice is None


def test_the_report_has_the_figures_and_the_greeting_advice_where_it_applies(tmp_path):
    store = Store(tmp_path / "coach.db")
    report = finish(stored_call(store, store.add_user("xiaoli", "h", "s", "trainee")))
    assert report.voice.spoken == 2 and report.voice.long_pauses == 1
    markdown = render_markdown(report)
    assert "### 语音表现" in markdown and "语音回复 2 句" in markdown
    greeting = next(stage for stage in report.stages if stage.lines and stage.lines[0].reply == GREETING)
    assert any("微笑" in note for note in greeting.lines[0].voice_notes)
    assert "语音：语速偏快" in markdown
    assert "较长的停顿" in markdown


def test_a_typed_call_has_no_voice_section(tmp_path):
    store = Store(tmp_path / "coach.db")
    practice = start(
        store, store.add_user("xiaoli", "h", "s", "trainee"), RINGBACK, PERSONAS.get("sanguine"), None
    )
    practice.send(GREETING)
    "".join(practice.answer())
    report = finish(practice)
    assert report.voice is None and "语音表现" not in render_markdown(report)


def test_the_report_page_shows_the_figures_and_plays_every_customer_line(monkeypatch, tmp_path):
    app = new_app(monkeypatch, tmp_path)  # creates the demo accounts in this data dir
    store = Store(tmp_path / "coach.db")
    practice = stored_call(store, store.user("xiaowang")["id"])
    finish(practice)
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    app = app.switch_page("views/report.py").run()
    assert "语速（字/秒）" in [m.label for m in app.metric]
    assert "舒适的语速" in all_text(app)
    assert app.get("audio") == []
    app = app.toggle(key=f"listen-{practice.id}").set_value(True).run()
    customer_lines = [t for t in practice.call.session.turns if t.role == "customer"]
    assert len(app.get("audio")) == len(customer_lines)
    assert all(f"客户第 {n} 句" in all_text(app) for n in range(1, len(customer_lines) + 1))
    # The two spoken replies are marked as spoken in the transcript.
    assert sum(m.value.startswith(":gray[🎤 语音]") for m in app.markdown) == 2
    assert not app.exception
