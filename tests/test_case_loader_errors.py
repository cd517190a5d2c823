"""Broken case files are refused whole, with the file, the line and how to fix it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datafiles import DataFileError
from scenarios import load_library


def _problems(path_or_dir: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        load_library([path_or_dir])
    return [str(problem) for problem in caught.value.problems]


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_yaml_syntax_error_names_file_and_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("title: 彩铃业务“被开通”", "title: [彩铃业务")
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:")
    assert "YAML 语法错误" in problem and "请检查" in problem


def test_unknown_field_is_refused_at_its_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("difficulty: 2\n", "difficulty: 2\ndificulty_note: 太难\n")
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    line = _line_of(broken, "dificulty_note: 太难")
    assert problem.startswith(f"{path}:{line}: ") and "未知字段「dificulty_note」" in problem


def test_missing_field_is_refused_with_the_parent_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("  hidden_need: respect\n", "")
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    line = _line_of(broken, "customer:")
    assert problem.startswith(f"{path}:{line}: ") and "缺少必填字段「hidden_need」" in problem


def test_wrong_type_is_refused_at_its_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("difficulty: 2\n", "difficulty: 很难\n")
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line_of(broken, 'difficulty: 很难')}: ") and "整数" in problem


def test_value_out_of_range_says_the_allowed_range(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("difficulty: 2\n", "difficulty: 9\n")
    (problem,) = _problems(write_file("telecom-ringback-consent.yaml", broken))
    assert "超出范围" in problem and "≤ 3" in problem


def test_invalid_enum_lists_the_choices(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("  hidden_need: respect\n", "  hidden_need: money\n")
    (problem,) = _problems(write_file("telecom-ringback-consent.yaml", broken))
    assert "'vent'" in problem and "'remedy'" in problem


def test_duplicate_id_across_files_is_refused(exemplar_case_text, tmp_path):
    (tmp_path / "telecom-ringback-consent.yaml").write_text(exemplar_case_text, encoding="utf-8")
    copy = tmp_path / "telecom-ringback-copy.yaml"
    copy.write_text(exemplar_case_text, encoding="utf-8")
    problems = _problems(tmp_path)
    line = _line_of(exemplar_case_text, "id: telecom-ringback-consent")
    assert any(p.startswith(f"{copy}:{line}: ") and "重复" in p for p in problems)


def test_id_must_match_the_file_name(exemplar_case_text, write_file):
    path = write_file("some-other-name.yaml", exemplar_case_text)
    (problem,) = _problems(path)
    line = _line_of(exemplar_case_text, "id: telecom-ringback-consent")
    assert problem.startswith(f"{path}:{line}: ") and "文件名" in problem


def test_duplicate_key_is_refused_instead_of_silently_overwritten(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("difficulty: 2\n", "difficulty: 2\ndifficulty: 3\n")
    (problem,) = _problems(write_file("telecom-ringback-consent.yaml", broken))
    assert "重复的键「difficulty」" in problem


def test_anchors_and_aliases_are_refused(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("industry: 通信运营商", "industry: &i 通信运营商").replace(
        "company: 星联移动", "company: *i"
    )
    (problem,) = _problems(write_file("telecom-ringback-consent.yaml", broken))
    assert "锚点" in problem


def test_unknown_placeholder_is_refused_at_its_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("绑定到{bind_until}，期间", "绑定到{bind_untill}，期间")
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    assert re.match(rf"{re.escape(str(path))}:\d+: .*bind_untill", problem)


def test_forbidden_phrase_inside_a_reference_script_is_refused(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace(
        "      - 感谢您的来电，祝您生活愉快，再见！", "      - 这是规定，感谢您的来电，再见！"
    )
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line_of(broken, '      - 这是规定，感谢您的来电，再见！')}: ")


def test_empty_and_non_mapping_files_are_refused(write_file):
    assert "文件是空的" in _problems(write_file("empty.yaml", ""))[0]
    assert "YAML 映射" in _problems(write_file("list.yaml", "- a\n- b\n"))[0]


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("id: 彩铃\n".encode("gbk"))
    assert "UTF-8" in _problems(path)[0]


def test_one_broken_file_means_nothing_is_imported(exemplar_case_text, tmp_path):
    (tmp_path / "telecom-ringback-consent.yaml").write_text(exemplar_case_text, encoding="utf-8")
    (tmp_path / "zz-broken.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_library([tmp_path])


def test_every_problem_in_a_file_is_reported_at_once(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("difficulty: 2\n", "difficulty: 9\nextra_thing: 1\n")
    assert len(_problems(write_file("telecom-ringback-consent.yaml", broken))) == 2


def test_deeply_nested_yaml_is_refused_cleanly(write_file):
    (problem,) = _problems(write_file("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "嵌套层级过深" in problem


def test_an_agenda_demand_naming_an_unknown_resolution_is_refused_at_its_line(exemplar_case_text, write_file):
    broken = exemplar_case_text.replace("met_by: [keep-with-refund]", "met_by: [no-such-offer]", 1)
    path = write_file("telecom-ringback-consent.yaml", broken)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line_of(broken, '      met_by: [no-such-offer]')}:")
    assert "no-such-offer" in problem and "keep-with-refund" in problem
