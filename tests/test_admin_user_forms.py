"""用户管理: a new user is in the table at once, a refused form keeps what was typed, the username
rule in the label is the rule enforced, and role, 班组 and active flag can be changed."""

from __future__ import annotations

import re

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from accounts import AuthError, Role
from accounts.rules import GROUP_RULE, USERNAME_RULE
from accounts.service import set_user_group
from store import Store
from tests.app_helpers import button, log_in, new_app, selectbox


@pytest.fixture
def app(monkeypatch, tmp_path) -> AppTest:
    """The demo admin on the 用户管理 page."""
    app = log_in(new_app(monkeypatch, tmp_path), "admin", "guanli123")
    app.switch_page("views/users.py")
    return app.run()


def text_box(app: AppTest, label_start: str):
    """The text input whose label starts with `label_start`."""
    return next(t for t in app.text_input if t.label.startswith(label_start))


def create(app: AppTest, username: str, name: str, password: str, group: str = "") -> AppTest:
    """Fill the new-user form and press 创建 (one run)."""
    text_box(app, "用户名").input(username)
    text_box(app, "姓名").input(name)
    text_box(app, "初始密码").input(password)
    app.text_input(key="new-user-group").input(group)
    return button(app, "创建").click().run()


def table_row(app: AppTest, username: str) -> dict[str, str] | None:
    """The 全部账号 table's row for `username`, or None."""
    rows = app.dataframe[0].value.to_dict("records")
    return next((r for r in rows if r["用户名"] == username), None)


def pick_user(app: AppTest, username: str) -> tuple[AppTest, int]:
    """Choose `username` in the edit form's 用户 box; the app and that user's id."""
    user_id = app.session_state["app"].store.user(username)["id"]
    selectbox(app, "用户").set_value(user_id)
    return app.run(), user_id


def save_edit(app: AppTest, user_id: int, role: Role, active: bool, group: str | None = None) -> AppTest:
    """Set the edit form's fields for `user_id` and press 保存修改 (one run)."""
    app.selectbox(key=f"edit-role-{user_id}").set_value(role)
    app.checkbox(key=f"edit-active-{user_id}").set_value(active)
    if group is not None:
        app.text_input(key=f"edit-group-{user_id}").input(group)
    return button(app, "保存修改").click().run()


def errors(app: AppTest) -> str:
    """Every error message on the page."""
    return "\n".join(e.value for e in app.error)


def test_a_created_user_is_in_the_table_in_the_same_run(app):
    app = create(app, "zhangsan", "张三", "mima-12345", group="一组")
    assert not app.exception
    assert any("已创建学员账号「zhangsan」" in s.value for s in app.success)
    assert table_row(app, "zhangsan") == {
        "用户名": "zhangsan",
        "姓名": "张三",
        "角色": "学员",
        "班组": "一组",
        "状态": "在用",
        "创建时间": table_row(app, "zhangsan")["创建时间"],
    }
    assert "zhangsan（张三）" in selectbox(app, "用户").options  # the edit form knows them too
    assert [text_box(app, p).value for p in ("用户名", "姓名", "初始密码")] == ["", "", ""]


def test_the_success_message_is_shown_once_and_the_emptied_form_creates_the_next_user(app):
    app = create(app, "zhangsan", "张三", "mima-12345")
    app = app.run()
    assert not app.success
    app = create(app, "lisi", "李四", "mima-67890")
    assert table_row(app, "zhangsan") and table_row(app, "lisi")


def test_a_rejected_password_keeps_the_typed_username_and_name_and_says_why(app):
    app = create(app, "zhangsan", "张三", "short1", group="一组")
    assert "密码需 8–128 位，现在是 6 位" in errors(app)
    assert text_box(app, "用户名").value == "zhangsan"
    assert text_box(app, "姓名").value == "张三"
    assert app.text_input(key="new-user-group").value == "一组"
    assert table_row(app, "zhangsan") is None and not app.success


def test_the_error_is_shown_next_to_the_new_user_form(app):
    app = create(app, "zhangsan", "张三", "12345678")
    kinds = [(type(e).__name__, str(getattr(e, "value", ""))) for e in app.main.children.values()]
    error_at = next(i for i, (kind, _) in enumerate(kinds) if kind == "Error")
    edit_header_at = next(i for i, (_, value) in enumerate(kinds) if value.startswith("修改角色"))
    assert error_at < edit_header_at and "不能只有数字" in kinds[error_at][1]


def test_fixing_the_refused_field_then_creates_the_user(app):
    app = create(app, "zhangsan", "张三", "short1")
    text_box(app, "初始密码").input("mima-12345")
    app = button(app, "创建").click().run()
    assert table_row(app, "zhangsan")["姓名"] == "张三"


def test_the_username_label_quotes_the_rule_the_check_enforces(app):
    assert text_box(app, "用户名").label == f"用户名（{USERNAME_RULE}）"


def test_usernames_the_label_allows_are_accepted(app):
    low, high = (int(n) for n in re.search(r"(\d+)–(\d+) 位", text_box(app, "用户名").label).groups())
    allowed = ["a.b"[:low].ljust(low, "x"), ("Ab9_.-" * high)[:high], "Wang.Wu-2_x"]
    for username in allowed:
        app = create(app, username, "", "mima-12345")
        assert not errors(app), (username, errors(app))
        assert table_row(app, username.lower()) is not None  # 不区分大小写: stored in lower case


@pytest.mark.parametrize(
    "username",
    ["ab", "x" * 33, "小王", "zhang san", "zhang@san", "müller", "wang/wu"],
    ids=["too-short", "too-long", "chinese", "space", "at-sign", "non-english-letter", "slash"],
)
def test_usernames_the_label_excludes_are_refused_with_the_rule(app, username):
    app = create(app, username, "某人", "mima-12345")
    assert f"用户名需 {USERNAME_RULE}" in errors(app)
    assert text_box(app, "用户名").value == username and text_box(app, "姓名").value == "某人"
    assert len(app.dataframe[0].value) == 3  # only the demo accounts


def test_the_same_name_in_other_case_is_refused_as_existing(app):
    app = create(app, "ZhangSan", "", "mima-12345")
    app = create(app, "zhangsan", "", "mima-67890")
    assert "已存在" in errors(app)


def test_role_and_active_flag_changes_are_saved_and_shown(app):
    app, user_id = pick_user(app, "xiaowang")
    app = save_edit(app, user_id, Role.TRAINER, active=False)
    assert any("已保存「xiaowang」的修改" in s.value for s in app.success)
    row = table_row(app, "xiaowang")
    assert (row["角色"], row["状态"]) == ("培训师", "已停用")
    stored = app.session_state["app"].store.user("xiaowang")
    assert (stored["role"], stored["active"]) == ("trainer", 0)
    assert app.selectbox(key=f"edit-role-{user_id}").value == Role.TRAINER  # the form shows it too
    assert app.checkbox(key=f"edit-active-{user_id}").value is False


def test_a_deactivated_user_can_be_reactivated(app):
    app, user_id = pick_user(app, "laoli")
    app = save_edit(app, user_id, Role.TRAINER, active=False)
    app = save_edit(app, user_id, Role.TRAINER, active=True)
    assert table_row(app, "laoli")["状态"] == "在用"


def test_a_group_is_saved_trimmed_and_shown(app):
    app, user_id = pick_user(app, "xiaowang")
    app = save_edit(app, user_id, Role.TRAINEE, active=True, group="  客服二组 ")
    assert table_row(app, "xiaowang")["班组"] == "客服二组"
    assert app.text_input(key=f"edit-group-{user_id}").value == "客服二组"
    app = save_edit(app, user_id, Role.TRAINEE, active=True, group="")
    assert table_row(app, "xiaowang")["班组"] == "—"


def test_the_group_box_takes_no_more_than_the_rule_allows(app):
    assert "最多 20 个字" in GROUP_RULE
    app, user_id = pick_user(app, "xiaowang")
    boxes = [app.text_input(key="new-user-group"), app.text_input(key=f"edit-group-{user_id}")]
    assert [box.max_chars for box in boxes] == [20, 20]
    assert all(box.label == f"班组（{GROUP_RULE}）" for box in boxes)


def test_a_group_name_over_20_characters_is_refused_with_the_limit(app):
    store = app.session_state["app"].store
    with pytest.raises(AuthError, match="班组名称最多 20 个字，现在是 21 个字"):
        set_user_group(store, store.user("xiaowang")["id"], "组" * 21)
    assert store.user("xiaowang")["group_name"] == ""


def test_a_group_name_with_a_hidden_character_is_refused_and_nothing_is_saved(app):
    app, user_id = pick_user(app, "xiaowang")
    app = save_edit(app, user_id, Role.TRAINER, active=True, group="客服\u200b一组")
    assert "班组名称里不能有控制字符" in errors(app)
    assert table_row(app, "xiaowang")["角色"] == "学员"  # the role change waited for the 班组
    assert app.text_input(key=f"edit-group-{user_id}").value == "客服\u200b一组"


def test_a_new_user_with_a_refused_group_is_not_created(app):
    app = create(app, "zhangsan", "张三", "mima-12345", group="客服\u200b一组")
    assert "班组名称里不能有控制字符" in errors(app) and table_row(app, "zhangsan") is None
    assert text_box(app, "用户名").value == "zhangsan"


def test_the_only_admin_cannot_demote_themself(app):
    app, user_id = pick_user(app, "admin")
    app = save_edit(app, user_id, Role.TRAINER, active=True)
    assert "唯一的在用管理员" in errors(app)
    assert table_row(app, "admin")["角色"] == "管理员"


def test_an_admin_cannot_deactivate_their_own_account(app):
    store = app.session_state["app"].store
    xiaowang = store.user("xiaowang")["id"]
    app, _ = pick_user(app, "xiaowang")
    app = save_edit(app, xiaowang, Role.ADMIN, active=True)  # a second admin exists now
    app, admin_id = pick_user(app, "admin")
    app = save_edit(app, admin_id, Role.ADMIN, active=False)
    assert "不能停用自己" in errors(app)
    assert table_row(app, "admin")["状态"] == "在用"


def test_an_admin_deactivated_elsewhere_cannot_create_a_user(app):
    store = app.session_state["app"].store
    store.update_user(store.user("laoli")["id"], "admin", True)
    store.update_user(store.user("admin")["id"], "admin", False)
    app = create(app, "zhangsan", "张三", "mima-12345")
    assert store.user("zhangsan") is None


def test_a_database_from_before_groups_opens_with_everyone_in_no_group(tmp_path):
    from store.migrations import migrations

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m003_user_groups")
    db["users"].insert({"username": "old", "role": "trainee", "password_hash": "h", "active": 1})
    db.conn.close()
    store = Store(tmp_path / "old.db")
    assert store.user("old")["group_name"] == ""
