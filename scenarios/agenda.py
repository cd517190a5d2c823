"""The customer's agenda in a case file: what it still wants to say, ask and get.

The classic agenda-based user simulator: the customer keeps a list of moves — state each demand,
voice each misunderstanding, ask each question — and every trainee act pops, answers or reorders
them. This module is the data (schema) only; `simulator.agenda` plays it.

Each line here is one whole customer line (never stitched to another), in Simplified Chinese.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from scenarios.base import Line, MoodLines, Slug, Strict

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Demand(Strict):
    """Something the customer wants out of the call, in the order it raises them."""

    id: Slug
    want: Line  # in plain words, for prompts and reports
    voice: MoodLines  # the customer stating the demand, by mood
    met_by: list[Slug] = Field(min_length=1)  # resolution ids the customer accepts as meeting it
    accept: list[Line] = Field(min_length=1)  # an offer that meets it, customer calm enough
    bargain: list[Line] = Field(min_length=1)  # such an offer while still upset: wants assurance
    refuse: list[Line] = Field(min_length=1)  # an offer that does not meet it, with the reason


class Misunderstanding(Strict):
    """A wrong belief the customer holds until an explanation clears it."""

    id: Slug
    belief: Line
    voice: list[Line] = Field(min_length=1)  # the customer saying it
    cleared_by: list[Phrase] = Field(min_length=1)  # words in an explanation that clear it
    cleared: list[Line] = Field(min_length=1)  # the customer acknowledging the explanation


class Question(Strict):
    """Something the customer asks the trainee and expects an answer to."""

    id: Slug
    ask: list[Line] = Field(min_length=1)
    answered_by: list[Phrase] = Field(min_length=1)  # words in a reply that answer it
    answered: list[Line] = Field(min_length=1)  # the customer taking the answer in


class Agenda(Strict):
    """Everything the customer still wants to say, ask and get, and how it closes."""

    demands: list[Demand] = Field(min_length=1)
    misunderstandings: list[Misunderstanding] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    dont_know: list[Line] = Field(min_length=1)  # asked about something it does not know
    recap_confirmed: list[Line] = Field(min_length=1)  # the trainee recapped the agreement
    nothing_else: list[Line] = Field(min_length=1)  # "anything else?" when nothing is left
