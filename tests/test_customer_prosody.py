"""The customer's voice follows its persona and its mood: angrier is faster and louder, a
melancholic customer slow and low; the synthesizers get it in their own units."""

from __future__ import annotations

import pytest

from personas.library import load_personas
from simulator.prosody import Prosody, prosody_for, prosody_rules, voice_name

PERSONAS = load_personas()


@pytest.mark.parametrize("persona_id", ["choleric", "sanguine", "phlegmatic", "melancholic"])
def test_angrier_is_faster_and_louder_for_every_persona(persona_id):
    persona = PERSONAS.get(persona_id)
    calm, angry = prosody_for(persona, 20), prosody_for(persona, 90)
    assert angry.rate > calm.rate
    assert angry.volume > calm.volume
    assert angry.pitch >= calm.pitch


def test_at_rest_the_persona_speaks_at_its_own_rate_and_pitch():
    choleric = PERSONAS.get("choleric")
    resting = prosody_for(choleric, 0)
    assert (resting.rate, resting.pitch) == (int(choleric.tts.rate.rstrip("%")), int(choleric.tts.pitch[:-2]))


@pytest.mark.parametrize("anger", [20, 60, 90])
def test_a_melancholic_customer_is_slower_lower_and_quieter_than_a_choleric_one(anger):
    sad, hot = prosody_for(PERSONAS.get("melancholic"), anger), prosody_for(PERSONAS.get("choleric"), anger)
    assert sad.rate < 0 < hot.rate
    assert sad.pitch < hot.pitch
    assert sad.volume < hot.volume


def test_a_choleric_customer_heats_up_more_than_a_phlegmatic_one():
    def rise(persona_id):
        persona = PERSONAS.get(persona_id)
        return prosody_for(persona, 90).rate - prosody_for(persona, 30).rate

    assert rise("choleric") > rise("phlegmatic")


def test_prosody_never_leaves_the_limits():
    limits = prosody_rules().limits
    for persona in PERSONAS:
        for anger in (0, 100, 1000):
            spoken = prosody_for(persona, anger)
            for name in ("rate", "pitch", "volume"):
                low, high = limits[name]
                assert low <= getattr(spoken, name) <= high


def test_edge_tts_gets_signed_percent_and_hertz():
    assert Prosody(rate=12, pitch=-3, volume=0).edge_args() == {
        "rate": "+12%",
        "pitch": "-3Hz",
        "volume": "+0%",
    }


def test_espeak_gets_words_per_minute_pitch_and_amplitude():
    args = Prosody(rate=20, pitch=5, volume=-50).espeak_args(resting_speed=150)
    assert args == ["-s", "180", "-p", "60", "-a", "50"]
    quiet_low = Prosody(rate=-90, pitch=-40, volume=-100).espeak_args(resting_speed=150)
    assert quiet_low == ["-s", "80", "-p", "0", "-a", "0"]


@pytest.mark.parametrize(
    "honorific, gender", [("王先生", "male"), ("李女士", "female"), ("张阿姨", "female"), ("刘师傅", "male")]
)
def test_the_voice_matches_how_the_customer_is_addressed(honorific, gender):
    persona = PERSONAS.get("sanguine")
    assert voice_name(persona, honorific) == getattr(persona.tts, gender)
