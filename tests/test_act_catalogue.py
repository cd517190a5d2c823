"""The act catalogue names every labelled act once, each with a dimension and a Chinese reason."""

from __future__ import annotations

from scoring.acts import act_catalogue
from scoring.corpus_schema import ACTS, BAD_ACTS
from scoring.reply_model import shipped_model


def test_every_act_has_a_dimension_label_and_reason() -> None:
    catalogue = act_catalogue()
    assert set(catalogue) == set(ACTS)
    assert all(info.label and info.why for info in catalogue.values())


def test_mistakes_carry_negative_effects_and_good_acts_positive_ones() -> None:
    """The effects are measured on the corpus: a check that the labels mean what the guide says."""
    effects = shipped_model().act_effects
    assert all(effects[act] < 0 for act in BAD_ACTS if act in effects)
    assert all(effects[act] > 0 for act in ACTS if act not in BAD_ACTS and act in effects)


def test_the_acts_heard_as_arguing_are_mistakes_and_cover_every_arguing_act() -> None:
    from scoring.acts import arguing_acts

    catalogue = act_catalogue()
    assert arguing_acts() <= set(BAD_ACTS)
    assert {act for act, info in catalogue.items() if info.dimension == "no_arguing"} <= arguing_acts()
    assert "dismiss" in arguing_acts()
