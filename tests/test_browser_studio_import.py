"""A trainer imports case files in 场景工坊 in a real browser: a broken file is refused whole with
every reason, in Chinese, and nothing is stored; a good one becomes version 1 at once."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from scenarios.studio import clone_yaml, shipped_yaml
from store import Store
from tests.browser_helpers import (
    TRAINER,
    Screenshots,
    browser_page,
    go_to,
    log_in,
    skip_without_browser,
    wait_settled,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

GOOD = clone_yaml(shipped_yaml("telecom-ringback-consent"), "imported-ringback")
BROKEN = GOOD.replace("difficulty: 2", "difficulty: 9").replace("\ntitle:", "\ntitel:")


def test_a_broken_file_is_refused_whole_and_a_good_one_imported(tmp_path: Path) -> None:
    shots = Screenshots(tmp_path, "studio-import")
    broken, good = tmp_path / "broken.yaml", tmp_path / "good.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    with running_app(tmp_path / "data") as url, browser_page() as page:
        log_in(page, url, TRAINER)
        go_to(page, "场景工坊", "编辑器是空的：从上面复制一个内置案例或载入工坊案例开始。")
        for path, expected in (
            (broken, "broken.yaml：没有保存，共 3 处问题"),
            (good, "已保存「彩铃业务“被开通”」第 1 版"),
        ):
            page.get_by_role("tab", name="导入 YAML 文件").click()
            page.locator('input[type="file"]').set_input_files(str(path))
            expect(page.get_by_text(path.name, exact=True)).to_be_visible()  # uploaded: the rerun is over
            wait_settled(page)
            page.get_by_role("button", name="导入", exact=True).click()
            expect(page.get_by_text(expected, exact=False)).to_be_visible()
            wait_settled(page)
            shots.take(page, path.stem)
            if path == broken:
                expect(
                    page.get_by_text("broken.yaml:8:", exact=False)
                ).to_be_visible()  # said against the file
                assert Store(tmp_path / "data" / "coach.db").authored_cases(include_archived=True) == []
        assert [r["case_id"] for r in Store(tmp_path / "data" / "coach.db").authored_cases()] == [
            "imported-ringback"
        ]
