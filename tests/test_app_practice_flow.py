"""The practice app end to end in AppTest: log in, call, rewind, end, report; restart resumes."""

from __future__ import annotations

from tests.app_helpers import all_text, button, log_in, new_app, say, selectbox, start_call

REPLIES = [
    "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？",
    "我理解您的心情。这项彩铃是优惠绑定的，每月1号会返还5元话费，正好抵扣，等于免费使用。",
    "这是规定，我也没办法。",
]
RETRY = "请您放心，每月1号都会返还5元，您下个月1号可以来电查询返还到账。"


def test_demo_trainee_practises_rewinds_and_reads_the_report(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    assert not app.exception and [t.value for t in app.title] == ["练习"]
    app = start_call(app)
    assert app.title[0].value == "练习：彩铃业务“被开通”" and len(app.chat_message) == 1
    for reply in REPLIES:
        app = say(app, reply)
    assert len(app.chat_message) == 7 and not app.exception
    options = selectbox(app, "撤回到哪一句之前").options
    assert options[0].startswith("第 3 句及之后（撤回 1 句）") and options[-1].startswith(
        "第 1 句及之后（撤回 3 句）"
    )
    selectbox(app, "撤回到哪一句之前").set_value(3).run()
    app = button(app, "撤回").click().run()
    assert len(app.chat_message) == 5 and "这是规定" not in all_text(app)
    app = say(app, RETRY)
    app = button(app, "结束通话").click().run()
    assert not app.exception and app.title[0].value == "通话报告"
    assert [m.label for m in app.metric] == ["综合", "共情", "不争辩", "话术规范"]
    text = all_text(app)
    # The three kept replies are reviewed, numbered ①② within their stage segments (which stages
    # they fall in depends on the customer's words and the stage tracker), with advice.
    assert "案例精评" in text and sum(text.count(f"{mark}处") for mark in "①②③") == 3
    assert "建议这样说" in text or "做得好" in text


def test_a_restart_resumes_the_call_where_it_was(monkeypatch, tmp_path):
    app = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    app = say(app, REPLIES[0])
    before = [m.markdown[0].value for m in app.chat_message]
    restarted = log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123")
    assert restarted.title[0].value == "练习：彩铃业务“被开通”"
    assert [m.markdown[0].value for m in restarted.chat_message] == before
    restarted = say(restarted, REPLIES[1])
    assert len(restarted.chat_message) == 5


def test_hints_show_the_current_stage_key_points(monkeypatch, tmp_path):
    app = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    assert any("提示（问候阶段）" in i.value and "报工号" in i.value for i in app.info)


def test_user_text_is_shown_inert(monkeypatch, tmp_path):
    app = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    app = say(app, "<script>alert(1)</script> ![x](http://example.com/x.png)")
    agent = app.chat_message[1].markdown[0].value
    assert "\\<script\\>" in agent and "\\!\\[x\\]" in agent


def test_history_lists_finished_calls_and_searches_transcripts(monkeypatch, tmp_path):
    app = start_call(log_in(new_app(monkeypatch, tmp_path), "xiaowang", "lianxi123"))
    app = say(app, REPLIES[1])
    app = button(app, "结束通话").click().run()
    app.switch_page("views/history.py").run()
    assert not app.exception and len(app.dataframe) >= 1
    app.text_input[0].input("返还").run()
    assert "找到" in all_text(app) and "返还" in all_text(app)
