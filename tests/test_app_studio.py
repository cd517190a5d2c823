"""场景工坊 in the app (AppTest): a trainer copies a shipped case, saves it and a trainee can
practise it; a broken text is refused whole with every reason; the self-test flags a weak case;
trainees cannot open the studio."""

from __future__ import annotations

from scenarios.studio import case_yaml
from store import Store
from tests.app_helpers import all_text, button, log_in, new_app, selectbox, start_call
from tests.test_case_self_test import _weak_case

TRAINEE, TRAINER = ("xiaowang", "lianxi123"), ("laoli", "peixun123")


def _studio(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINER)
    return app.switch_page("views/studio.py").run()


def test_a_copied_case_saved_in_the_studio_can_be_practised(monkeypatch, tmp_path):
    app = _studio(monkeypatch, tmp_path)
    app = selectbox(app, "内置案例").set_value("telecom-ringback-consent").run()
    app.text_input(key="copy_id_telecom-ringback-consent").input("my-ringback").run()
    app = button(app, "复制到编辑器").click().run()
    assert any("检查通过" in s.value for s in app.success), all_text(app)
    assert any("标题与已有案例（telecom-ringback-consent）相同" in w.value for w in app.warning)
    app = button(app, "保存为新版本").click().run()
    assert any("第 1 版" in s.value for s in app.success), all_text(app)
    trainee = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    assert selectbox(trainee, "案例").options.count("彩铃业务“被开通”（通信运营商）") == 2
    trainee = start_call(trainee, case_id="my-ringback")
    assert trainee.title[0].value.startswith("练习：") and len(trainee.chat_message) == 1
    assert Store(tmp_path / "coach.db").calls()[0]["case_id"] == "my-ringback"


def test_a_broken_text_is_refused_whole_with_every_reason(monkeypatch, tmp_path):
    app = _studio(monkeypatch, tmp_path)
    broken = case_yaml(_weak_case()).replace("id: telecom-ringback-consent", "id: broken-case")
    broken = broken.replace("difficulty: 2", "difficulty: 9").replace("\ntitle:", "\ntitel:")
    app = app.text_area(key="studio_yaml").input(broken).run()
    refusal = next(e.value for e in app.error if "还不能保存" in e.value)
    assert refusal.count("案例.yaml:") == 3 and "titel" in refusal
    assert not [b for b in app.button if b.label == "保存为新版本"]
    assert Store(tmp_path / "coach.db").authored_cases(include_archived=True) == []


def test_the_self_test_flags_a_weak_case(monkeypatch, tmp_path):
    app = _studio(monkeypatch, tmp_path)
    weak = case_yaml(_weak_case()).replace("id: telecom-ringback-consent", "id: weak-case")
    app = app.text_area(key="studio_yaml").input(weak).run()
    app = button(app, "自测（机器人学员 × 全部客户性格）").click().run()
    assert not app.exception
    assert any("自测发现问题" in e.value and "评分分不出好坏" in e.value for e in app.error)
    assert any("好学员在" in w.value for w in app.warning)


def test_a_trainee_cannot_open_the_studio(monkeypatch, tmp_path):
    app = log_in(new_app(monkeypatch, tmp_path), *TRAINEE)
    app.switch_page("views/studio.py").run()
    assert any("无权访问" in e.value for e in app.error) and not app.text_area


def test_the_editor_keeps_unsaved_text_across_a_visit_to_another_page(monkeypatch, tmp_path):
    app = _studio(monkeypatch, tmp_path)
    app = app.text_area(key="studio_yaml").input("id: draft-case\ntitle: 还没写完\n").run()
    app.switch_page("views/review.py").run()
    app = app.switch_page("views/studio.py").run()
    assert app.text_area(key="studio_yaml").value == "id: draft-case\ntitle: 还没写完\n"
