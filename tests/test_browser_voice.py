"""Voice in a real browser: Chromium's fake microphone plays a recorded reply into st.audio_input,
the fake OpenAI-compatible server transcribes it, the trainee sends it, and the customer's own
voice plays in an audio element; the report then shows the pace of the spoken reply."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from llm.fake_server import Behaviour, FakeOpenAIServer
from tests.browser_helpers import (
    TRAINEE,
    browser_page,
    chat_messages,
    end_call,
    expect_call_idle,
    log_in,
    skip_without_browser,
    start_call,
)
from tests.server_helpers import running_app

pytestmark = skip_without_browser

SAID = "您好，很高兴为您服务，真对不起让您久等了，请问有什么可以帮您？"
CORRECTION = "我马上帮您查一下。"


def microphone_file(folder: Path) -> Path:
    """The trainee's words as a WAV, for Chromium to play into its fake microphone."""
    path = folder / "reply.wav"
    subprocess.run(["espeak-ng", "-v", "cmn-latn-pinyin", "-w", str(path)], input=SAID.encode(), check=True)
    return path


def expect_customer_audio_plays(page: Page) -> None:
    """The latest customer line's audio element is there, has audio, and plays."""
    audio = page.locator('[data-testid="stAudio"], audio').last
    expect(audio).to_be_attached()
    page.wait_for_function(
        """() => { const a = [...document.querySelectorAll('audio')].pop();
                   if (!a) return false; if (a.paused) a.play().catch(() => {});
                   return a.duration > 0 && a.currentTime > 0; }"""
    )


def record_reply(page: Page, seconds: float = 3.0) -> None:
    """Press the recorder's button, let the fake microphone speak, press stop."""
    recorder = page.get_by_test_id("stAudioInput")
    expect(recorder).to_be_visible()
    recorder.get_by_test_id("stAudioInputActionButton").click()
    expect(page.get_by_role("button", name="Stop recording")).to_be_visible()
    page.wait_for_timeout(seconds * 1000)  # the recording's own length, not a wait for the app
    page.get_by_role("button", name="Stop recording").click()


def test_a_spoken_reply_is_transcribed_edited_sent_and_the_customer_answers_aloud(tmp_path):
    wav = microphone_file(tmp_path)
    media = (
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
        "--autoplay-policy=no-user-gesture-required",
    )
    with FakeOpenAIServer(default=Behaviour(content=SAID)) as speech_server:
        env = {"COACH_STT_API_KEY": "test-key", "COACH_STT_BASE_URL": speech_server.base_url}
        with running_app(tmp_path / "data", env=env) as url, browser_page(media, ("microphone",)) as page:
            log_in(page, url, TRAINEE)
            start_call(page)
            expect_customer_audio_plays(page)
            record_reply(page)
            transcript = page.get_by_label("识别出的文字（可修改）")
            expect(transcript).to_have_value(SAID)
            transcript.fill(SAID + CORRECTION)
            page.get_by_role("button", name="发送语音回复").click()
            expect_call_idle(page, 3)
            expect(chat_messages(page).nth(1)).to_contain_text(CORRECTION)
            expect_customer_audio_plays(page)
            sent = speech_server.transcriptions[-1]
            assert sent["file"][:4] == b"RIFF" and len(sent["file"]) > 16000, len(sent["file"])
            end_call(page)
            expect(page.get_by_text("语速（字/秒）")).to_be_visible()
            expect(page.get_by_text("语音回复 1 句")).to_be_visible()
