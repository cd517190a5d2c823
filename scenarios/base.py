"""Field types and the strict base model shared by the case schema and the agenda schema."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def _join_cjk_lines(text: str) -> str:
    """YAML folds a long line with a space; between Chinese characters that space is noise."""
    return _SPACE_BETWEEN_CJK.sub("", text)


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_join_cjk_lines),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
SlotName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,40}$")]


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MoodLines(Strict):
    """Customer lines for each mood band; every band needs at least one line."""

    calm: list[Line] = Field(min_length=1)
    annoyed: list[Line] = Field(min_length=1)
    angry: list[Line] = Field(min_length=1)
    furious: list[Line] = Field(min_length=1)
