"""`python -m bench`: print the benchmark figures as one JSON object."""

from __future__ import annotations

import json
import platform
import sys

from bench.timing import percentiles_ms, rss_mb, time_calls
from personas import load_personas
from scenarios import load_library


def content_figures() -> dict[str, object]:
    """How long loading and checking the whole content library takes."""
    cases = load_library()
    return {
        "cases": len(cases),
        "load_cases_ms": percentiles_ms(time_calls(load_library, 20)),
        "load_personas_ms": percentiles_ms(time_calls(load_personas, 20)),
    }


def main() -> int:
    """Run every benchmark and print one JSON object."""
    figures: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine()}
    figures.update(content_figures())
    figures["rss_mb"] = rss_mb()
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
