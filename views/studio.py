"""场景工坊 (trainers): write a case in YAML with live checking (`案例.yaml:12: …` in Chinese),
start from a copy of a shipped case or from a studio case, save every change as a new version,
import and export YAML files (a bad file is refused whole, with every reason), archive and
restore, and self-test the case with bot trainees before trainees meet it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from accounts import Role, User
from datafiles import DataFileError
from scenarios.schema import Case
from scenarios.studio import EDITOR_NAME, clone_yaml, parse_case_text, shipped_yaml
from store import StoreError
from views.context import app_context, require
from views.data import case_library, libraries_or_stop, shipped_cases
from views.self_test import self_test_section
from views.times import human_time
from views.widgets import selectbox

EDITOR_KEY, NOTICE_KEY = "studio_yaml", "studio_notice"
DRAFT_KEY = "studio_draft"  # survives a visit to another page (Streamlit drops an unseen widget's state)


def start_from(user: User) -> None:
    """Where the editor's text comes from: a copy of a shipped case, a studio case, or a file."""
    # Keyed: the open tab survives the reruns a save or an upload makes (it jumped back to the first).
    copy_tab, edit_tab, import_tab = st.tabs(
        ["复制内置案例", "编辑工坊案例", "导入 YAML 文件"], key="studio_tab"
    )
    with copy_tab:
        shipped = shipped_cases()
        source = selectbox(
            "内置案例", list(shipped.cases), format_func=lambda i: shipped.get(i).title, key="copy_src"
        )
        # Keyed per source: picking another case suggests that case's id, not the first one's.
        new_id = st.text_input(
            "新案例编号（小写字母、数字和连字符）", value=f"{source}-2", key=f"copy_id_{source}"
        )
        st.button(
            "复制到编辑器", on_click=load_editor, args=(clone_yaml(shipped_yaml(source), new_id.strip()),)
        )
    with edit_tab:
        authored_case_panel()
    with import_tab:
        import_panel(user)


def load_editor(text: str) -> None:
    """Callback: put `text` in the editor (replacing what was there)."""
    st.session_state[EDITOR_KEY] = text


def authored_case_panel() -> None:
    """A studio case: load its latest version, its version list, export, archive or restore."""
    store = app_context().store
    rows = store.authored_cases(include_archived=True)
    if not rows:
        st.info("场景工坊里还没有案例：先从内置案例复制一个，或导入 YAML 文件。")
        return
    labels = {
        r["case_id"]: f"{Case.model_validate_json(r['case_json']).title}（{r['case_id']}）" for r in rows
    }
    labels = {k: v + ("〔已归档〕" if _row(rows, k)["archived"] else "") for k, v in labels.items()}
    case_id = selectbox("工坊案例", list(labels), format_func=labels.get, key="edit_case")
    row = _row(rows, case_id)
    left, middle, right = st.columns(3)
    left.button("载入最新版本", on_click=load_editor, args=(row["yaml_text"],))
    middle.download_button(
        "导出 YAML", row["yaml_text"].encode("utf-8"), file_name=f"{case_id}.yaml", mime="application/x-yaml"
    )
    if right.button("恢复" if row["archived"] else "归档（学员不再看到）", key="archive_case"):
        store.set_case_archived(case_id, not row["archived"])
        done = (
            "已恢复，学员又能练习这个案例了"
            if row["archived"]
            else "已归档，学员不再看到这个案例（历史通话和报告保留）"
        )
        st.session_state[NOTICE_KEY] = ("success", f"「{labels[case_id].split('〔')[0]}」{done}。")
        st.rerun()
    versions = store.case_versions(case_id)
    st.dataframe(
        [
            {"版本": v["version"], "保存时间": human_time(v["created_at"]), "作者": v["author"]}
            for v in versions
        ],
        hide_index=True,
    )


def _row(rows: list[dict[str, Any]], case_id: str) -> dict[str, Any]:
    return next(r for r in rows if r["case_id"] == case_id)


def import_panel(user: User) -> None:
    """Import a YAML file as a new version: refused whole, with every reason, if anything is wrong."""
    uploaded = st.file_uploader("选择案例文件（YAML 格式）", type=["yaml", "yml"], key="import_file")
    if uploaded is not None and st.button("导入", type="primary"):
        try:
            text = uploaded.getvalue().decode("utf-8")
        except UnicodeDecodeError:
            st.error(f"{uploaded.name}：不是 UTF-8 编码的文本文件，没有导入；请另存为 UTF-8 后重试")
            return
        save(text, user, source=uploaded.name)


def editor(user: User) -> None:
    """The YAML editor, checked on every change, with 保存为新版本 once it passes."""
    if EDITOR_KEY not in st.session_state and DRAFT_KEY in st.session_state:
        st.session_state[EDITOR_KEY] = st.session_state[DRAFT_KEY]
    st.text_area("案例 YAML（每次修改后自动检查）", key=EDITOR_KEY, height=420)
    text = st.session_state[DRAFT_KEY] = st.session_state.get(EDITOR_KEY) or ""
    if not text.strip():
        st.caption("编辑器是空的：从上面复制一个内置案例或载入工坊案例开始。")
        return
    case = checked(text)
    if case is None:
        return
    st.success(f"✅ 检查通过：「{case.title}」（{case.id}）。")
    same_title = [c.id for c in case_library() if c.title == case.title and c.id != case.id]
    if same_title:
        st.warning(
            f"标题与已有案例（{'、'.join(same_title)}）相同，学员在案例列表里会分不清：建议改一个标题。"
        )
    if st.button("保存为新版本", type="primary"):
        save(text, user)
    self_test_section(case)


def checked(text: str) -> Case | None:
    """The case the text describes, or None after listing every problem."""
    try:
        return parse_case_text(text, shipped_cases())
    except DataFileError as exc:
        st.error("还不能保存，请按提示修改：\n\n" + "\n".join(f"- `{problem}`" for problem in exc.problems))
        return None


def save(text: str, user: User, source: str = "") -> None:
    """Check and store the text as the next version of its case (refused whole otherwise);
    problems in an imported file are said against that file's name."""
    where = f"{source}：" if source else ""
    try:
        case = parse_case_text(text, shipped_cases(), Path(source) if source else EDITOR_NAME)
        stored = app_context().store.save_case_version(case, text, user.id)
    except DataFileError as exc:
        lines = "\n".join(f"- `{problem}`" for problem in exc.problems)
        st.session_state[NOTICE_KEY] = (
            "error",
            f"{where}没有保存，共 {len(exc.problems)} 处问题：\n\n{lines}",
        )
    except StoreError as exc:
        st.session_state[NOTICE_KEY] = ("error", f"{where}{exc}")
    else:
        st.session_state[NOTICE_KEY] = (
            "success",
            f"{where}已保存「{stored.title}」第 {stored.version} 版，学员现在就能练习。",
        )
    st.rerun()


def show_notice() -> None:
    """What the last save or import did."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, message = notice
        (st.success if kind == "success" else st.error)(message)


def main() -> None:
    """The page."""
    user = require(Role.TRAINER)
    libraries_or_stop()
    st.title("场景工坊")
    st.caption("内置案例只读；在这里复制、编写和导入的案例保存在数据库中，每次保存都是一个新版本。")
    notices = st.container()  # always there: what appears in it never shifts the tabs below
    start_from(user)
    with notices:
        show_notice()
    editor(user)


main()
