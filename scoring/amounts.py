"""Whether a reply states a sum of money the case never mentions: a recap or an answer that gets
the customer's amount wrong (「您是花了三千五买的」 when it was 三千三百八) — a 说错事实 mistake.

Amounts in the reply count only with a money unit (元, 块, 块钱); the case's known amounts are
every number in its filled text (story, facts, policy, slots, lines), plus what a trainee works
out from them (`known_amounts`).
"""

from __future__ import annotations

import itertools
import re

_DIGIT_VALUES = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_DIGITS = "".join(_DIGIT_VALUES)
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?万?|[{_DIGITS}十百千万]+)"
# A number with a money unit after it; 块 alone is a unit only when no measure word follows
# (「两块钱」 yes, 「一块手表」 no — but that needs a noun list, so 块 followed by 钱 or an end).
_MONEY = re.compile(rf"({_NUMBER})(?:元|块钱|块(?=[，,。！？!?；;、\s]|$)|块(?=[{_DIGITS}]))")
_ANY_NUMBER = re.compile(_NUMBER)
MAX_COUNT = 12  # a number up to this may be a count of things (nights, people, months)
SMALLEST = 10  # below this a sum is small change (「两块钱的袋子」), not the customer's amount


def chinese_number(text: str) -> int | None:
    """The value of a number in digits or Chinese numerals (「三千三百八」 = 3380, the last
    digit after a unit meaning the next unit down); None if it is not one."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?万?", text):
        value = float(text.removesuffix("万")) * (10000 if text.endswith("万") else 1)
        return round(value)
    return _spoken(text)


def _spoken(text: str) -> int | None:
    total, section, digit, last_unit = 0, 0, None, 1
    for char in text:
        if char in _UNITS:
            unit = _UNITS[char]
            if unit == 10000:
                total, section, digit = (total + section + (digit or 0)) * unit, 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
            last_unit = unit
        elif char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        else:
            return None
    if digit is not None and last_unit >= 100 and text[-2:-1] in _UNITS:
        digit *= last_unit // 10  # 三千三百八: the trailing 八 is eighty
    return total + section + (digit or 0)


def money_amounts(text: str) -> list[tuple[int, str]]:
    """(value, span) of every sum of money stated in `text`, in order."""
    found = []
    for match in _MONEY.finditer(text):
        value = chinese_number(match.group(1))
        if value is not None and value >= SMALLEST:
            found.append((value, match.group(0)))
    return found


def known_amounts(texts: list[str]) -> set[int]:
    """Every number in the case's texts, and what a trainee works out from two of them: their
    difference (a price gap), and a number times a small count the case mentions (two nights
    at 260 元, three people at 150 元). Totals are added up from what the trainee said
    (`wrong_amount`): adding any two of the case's numbers would make most round sums "known"."""
    numbers = {
        value
        for text in texts
        for match in _ANY_NUMBER.finditer(text)
        if (value := chinese_number(match.group(0))) is not None
    }
    pairs = list(itertools.combinations(numbers, 2))
    counts = [n for n in numbers if 2 <= n <= MAX_COUNT]
    worked = {abs(a - b) for a, b in pairs}
    return numbers | worked | {n * count for n in numbers for count in counts}


def numbers_in(text: str) -> set[int]:
    """Every number in `text` (digits or Chinese numerals), units or not."""
    return {value for match in _ANY_NUMBER.finditer(text) if (value := chinese_number(match.group(0)))}


def wrong_amount(reply: str, known: set[int], earlier: tuple[str, ...] = ()) -> str | None:
    """The first sum of money in `reply` the case does not know (None if every one is known).
    Numbers the trainee said (this reply, `earlier` replies) add up too: a total of two sums
    just worked out (1060 元 + 450 元 = 1510 元) is known."""
    stated = set().union(*(numbers_in(text) for text in (*earlier, reply)))
    totals = {a + b for a, b in itertools.combinations(stated, 2)}
    totals |= {abs(a - b) for a, b in itertools.combinations(stated, 2)}
    return next(
        (span for value, span in money_amounts(reply) if value not in known and value not in totals), None
    )
