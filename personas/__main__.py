"""`python -m personas list [--json]` and `python -m personas validate [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from datafiles import DataFileError
from personas.library import PERSONAS_DIR, load_personas
from personas.schema import Persona


def persona_summary(persona: Persona) -> dict[str, object]:
    """The JSON object `list --json` prints for one persona."""
    return {
        "id": persona.id,
        "name": persona.name,
        "temperament": persona.temperament.value,
        "temperament_label": persona.temperament.label,
        "version": persona.version,
        "summary": persona.summary,
        "traits": list(persona.speech.traits),
        "state": persona.state.model_dump(),
    }


def _cmd_list(args: argparse.Namespace) -> int:
    library = load_personas([Path(p) for p in args.paths] or [PERSONAS_DIR])
    rows = [persona_summary(p) for p in library]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<14} {row['temperament_label']}  {row['name']}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    load_personas([Path(p) for p in args.paths] or [PERSONAS_DIR])
    print("全部性格文件校验通过。", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface (its help text is part of the contract)."""
    parser = argparse.ArgumentParser(
        prog="python -m personas", description="客诉陪练客户性格：列出与校验性格文件"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="列出客户性格")
    listing.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    listing.add_argument("paths", nargs="*", help="性格文件或目录（默认内置）")
    listing.set_defaults(run=_cmd_list)
    validate = sub.add_parser("validate", help="校验性格文件；有问题时逐条输出 路径:行号: 说明 并以 1 退出")
    validate.add_argument("paths", nargs="*", help="性格文件或目录（默认内置）")
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
