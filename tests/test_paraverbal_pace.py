"""Pace, speaking time and long pauses measured from recordings of known length."""

from __future__ import annotations

import pytest

from scenarios.vocabulary import Stage
from scoring.paraverbal import RecordingError, measure, pace_rules
from scoring.voice_review import voice_notes, voice_summary
from tests.audio_helpers import recording

GREETING = "您好，很高兴为您服务，请问有什么可以帮您"  # 18 characters said


def test_speaking_time_leaves_out_leading_and_trailing_silence():
    spoken = measure(recording([("silence", 0.5), ("speech", 4.0), ("silence", 1.0)]), GREETING)
    assert spoken.duration_s == pytest.approx(5.5, abs=0.01)
    assert spoken.speaking_s == pytest.approx(4.0, abs=0.05)
    assert spoken.chars == 18
    assert spoken.chars_per_s == pytest.approx(4.5, abs=0.1)
    assert spoken.long_pauses == []


def test_a_long_pause_inside_the_reply_is_counted_and_taken_out_of_the_rate():
    wav = recording([("speech", 2.0), ("silence", 2.5), ("speech", 2.0)])
    spoken = measure(wav, GREETING)
    assert spoken.long_pauses == [pytest.approx(2.5, abs=0.05)]
    assert spoken.speaking_s == pytest.approx(4.0, abs=0.05)


def test_a_short_breath_is_not_a_long_pause():
    spoken = measure(recording([("speech", 2.0), ("silence", 0.6), ("speech", 2.0)]), GREETING)
    assert spoken.long_pauses == []
    assert spoken.speaking_s == pytest.approx(4.6, abs=0.05)


@pytest.mark.parametrize("width, channels", [(1, 1), (2, 2)])
def test_eight_bit_and_stereo_recordings_measure_the_same(width, channels):
    spoken = measure(recording([("speech", 3.0), ("silence", 0.5)], width=width, channels=channels), GREETING)
    assert spoken.speaking_s == pytest.approx(3.0, abs=0.05)


def test_a_file_that_is_not_a_wav_is_refused_in_chinese():
    with pytest.raises(RecordingError, match="WAV"):
        measure(b"not audio at all", GREETING)


def test_silence_only_gives_no_rate_and_no_advice():
    spoken = measure(recording([("silence", 2.0)]), GREETING)
    assert (spoken.speaking_s, spoken.chars_per_s) == (0.0, 0.0)
    assert spoken.problems() == []


def test_fast_and_slow_speech_get_the_advice_with_the_figures():
    low, high = pace_rules().comfortable_cps
    fast = measure(recording([("speech", 18 / (high + 1.5))]), GREETING)
    slow = measure(recording([("speech", 18 / (low - 1.0))]), GREETING)
    assert "语速偏快" in fast.problems()[0] and f"{high:g}" in fast.problems()[0]
    assert "语速偏慢" in slow.problems()[0]


def test_a_too_fast_greeting_gets_the_trainers_greeting_advice():
    fast = measure(recording([("speech", 2.0)]), GREETING)  # 9 characters a second
    notes = voice_notes(fast, Stage.GREETING)
    assert any("语速偏快" in note for note in notes)
    assert any("微笑" in note for note in notes)
    assert not any("微笑" in note for note in voice_notes(fast, Stage.TURNAROUND))


def test_a_well_paced_greeting_is_said_to_be_so_and_a_typed_line_gets_nothing():
    paced = measure(recording([("speech", 5.0)]), GREETING)
    assert "语速适中" in voice_notes(paced, Stage.GREETING)[0]
    assert voice_notes(paced, Stage.TURNAROUND) == []
    assert voice_notes(None, Stage.GREETING) == []


def test_the_summary_pools_every_spoken_reply_and_skips_typed_ones():
    first = measure(recording([("speech", 4.0)]), GREETING)
    second = measure(recording([("speech", 2.0), ("silence", 2.0), ("speech", 2.0)]), GREETING)
    summary = voice_summary([first, None, second])
    assert summary.spoken == 2
    assert summary.speaking_s == pytest.approx(8.0, abs=0.1)
    assert summary.chars_per_s == pytest.approx(36 / 8.0, abs=0.1)
    assert summary.long_pauses == 1
    assert voice_summary([None, None]) is None


def test_a_corrected_transcript_is_marked_as_edited():
    wav = recording([("speech", 4.0)])
    assert measure(wav, "您好，请讲", transcript="您好，清讲").edited
    assert not measure(wav, "您好，请讲", transcript="您好，请讲").edited


def test_words_typed_into_the_transcript_do_not_change_the_pace():
    """The pace counts what recognition heard: a 4-second recording of four characters stays at
    one character a second however much text the trainee adds before sending."""
    wav = recording([("speech", 4.0)])
    padded = measure(wav, "您好请讲，我马上帮您查一下您的订单", transcript="您好请讲")
    assert padded.chars == 4
    assert padded.chars_per_s == pytest.approx(1.0, abs=0.05)
    assert padded.edited
