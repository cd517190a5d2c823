"""Whether a reply addresses the customer by the wrong name: another surname, or the customer's
surname with a title of the other gender (a 说错事实 mistake trainers mark)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

ADDRESS_PATH = Path(__file__).resolve().parent / "address.yaml"
# A name right after these is someone else the reply talks about (「我让我们李经理联系您」).
_ABOUT_SOMEONE_ELSE = re.compile(r"(我们|我司|同事|主管|让|请|由|找|叫|是)[^，,。！？!?]{0,3}$")
# A neutral title (经理, 老师 …) names the customer only when it opens the sentence: otherwise it
# is usually a colleague.
_OPENS = re.compile(r"(^|[，,。！？!?；;：:\s]|好的|是的|嗯|哎|您好|你好)$")
_CALLS = re.compile(r"^([，,。！？!?]|您|你好)")


@cache
def _data() -> tuple[re.Pattern[str], dict[str, str]]:
    data = yaml.safe_load(ADDRESS_PATH.read_text(encoding="utf-8"))
    titles: dict[str, str] = data["titles"]
    alternatives = "|".join(sorted(titles, key=len, reverse=True))
    return re.compile(f"([{data['surnames']}])({alternatives})"), titles


def _gender(title: str) -> str:
    return _data()[1].get(title, "neutral")


def wrong_address(reply: str, honorific: str) -> str | None:
    """The first span of `reply` that addresses someone other than `honorific` (None if none)."""
    pattern, _ = _data()
    own = pattern.fullmatch(honorific)
    if own is None:  # a honorific we cannot read (no common surname): nothing to compare
        return None
    surname, gender = own.group(1), _gender(own.group(2))
    for match in pattern.finditer(reply):
        before, other = reply[: match.start()], _gender(match.group(2))
        if _ABOUT_SOMEONE_ELSE.search(before) or (
            other == "neutral" and not (_OPENS.search(before) and _CALLS.match(reply[match.end() :]))
        ):
            continue
        if match.group(1) != surname or ("neutral" not in (gender, other) and other != gender):
            return match.group(0)
    return None
