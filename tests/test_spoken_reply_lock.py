"""What a spoken reply sends: the corrected text in practice, what recognition heard in an exam
that requires voice (typing into the transcript there must not change the answer or its pace)."""

from __future__ import annotations

import hashlib

from streamlit.testing.v1 import AppTest

from tests.audio_helpers import recording

HEARD = "您好请讲"
TYPED = "您好，很抱歉让您久等了，我马上帮您查询订单并在今天下午五点前回电"


def sent_reply() -> None:
    """The page under test: shows what spoken_reply() would send, and its character count."""
    import streamlit as st

    from views.voice_reply import spoken_reply

    text, voice = spoken_reply()
    st.text(text)
    st.text(str(voice.chars if voice else -1))


def app_with_pending(editable: bool | None) -> AppTest:
    wav = recording([("speech", 4.0)])
    digest = hashlib.sha256(wav).hexdigest()
    pending = {"digest": digest, "wav": wav, "transcript": HEARD}
    if editable is not None:
        pending["editable"] = editable
    app = AppTest.from_function(sent_reply)
    app.session_state["spoken_reply"] = pending
    app.session_state[f"spoken-text-{digest[:16]}"] = TYPED  # what the browser's text box holds
    return app.run()


def test_in_practice_the_corrected_transcript_is_sent_and_the_pace_counts_what_was_heard():
    app = app_with_pending(editable=True)
    assert [t.value for t in app.text] == [TYPED, str(len(HEARD))]


def test_a_recording_from_before_the_switch_existed_stays_editable():
    app = app_with_pending(editable=None)
    assert app.text[0].value == TYPED


def test_in_a_voice_exam_what_recognition_heard_is_sent_whatever_the_text_box_holds():
    app = app_with_pending(editable=False)
    assert [t.value for t in app.text] == [HEARD, str(len(HEARD))]
