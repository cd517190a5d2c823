"""`python -m scenarios list [--json]` and `python -m scenarios validate [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from datafiles import DataFileError
from scenarios.fill import fill
from scenarios.library import CASES_DIR, find_problems, load_library
from scenarios.schema import Case


def case_summary(case: Case) -> dict[str, object]:
    """The JSON object `list --json` prints for one case."""
    return {
        "id": case.id,
        "title": case.title,
        "industry": case.industry,
        "version": case.version,
        "complaint_type": case.complaint_type.value,
        "severity": case.severity.value,
        "difficulty": case.difficulty,
        "hidden_need": case.customer.hidden_need.value,
        "summary": fill(case.brief.summary, case),
        "source": case.source,
    }


def _cmd_list(args: argparse.Namespace) -> int:
    library = load_library([Path(p) for p in args.paths] or [CASES_DIR])
    rows = [case_summary(case) for case in library]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<36} {row['industry']:<10} {row['title']}")
        print(f"共 {len(rows)} 个案例")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [CASES_DIR]
    problems = find_problems(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"发现 {len(problems)} 个问题，请按提示修改后重新校验。", file=sys.stderr)
        return 1
    print("全部案例校验通过。", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface (its help text is part of the contract)."""
    parser = argparse.ArgumentParser(
        prog="python -m scenarios", description="客诉陪练案例库：列出与校验案例文件"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="列出案例")
    listing.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    listing.add_argument("paths", nargs="*", help="案例文件或目录（默认内置案例库）")
    listing.set_defaults(run=_cmd_list)
    validate = sub.add_parser("validate", help="校验案例文件；有问题时逐条输出 路径:行号: 说明 并以 1 退出")
    validate.add_argument("paths", nargs="*", help="案例文件或目录（默认内置案例库）")
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; data errors become `path:line: message` lines, never tracebacks."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataFileError as exc:
        for problem in exc.problems:
            print(problem)
        return 1


if __name__ == "__main__":
    sys.exit(main())
