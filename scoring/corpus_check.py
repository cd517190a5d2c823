"""`python -m scoring.corpus_check FILE...` — check corpus JSONL files against the record format.

Prints `file:line: problem` for every bad line and exits 1, or prints a count and exits 0. It checks
the format only; it never grades anything (writers may run it without seeing the grader).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from scoring.corpus_schema import CorpusCall


def check_file(path: Path) -> Iterator[str]:
    """Each problem in `path` as `file:line: message`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            CorpusCall.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            yield f"{path}:{number}: 不是合法的 JSON（{exc.msg}，第 {exc.colno} 列）"
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                yield f"{path}:{number}: {where}: {error['msg']}"


def main(argv: list[str]) -> int:
    """Check every file named in `argv`; exit status 1 if any problem was found."""
    problems = [problem for name in argv for problem in check_file(Path(name))]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"格式正确：{len(argv)} 个文件")
    return 1 if problems or not argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
