"""The trainee's spoken reply transcribed through the local fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from llm.config import LLMConfig
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.transcribe import (
    DEFAULT_STT_MODEL,
    TranscriptionConfig,
    TranscriptionFailed,
    load_transcription_config,
    transcribe,
)
from tests.audio_helpers import recording

WAV = recording([("speech", 1.0)])


def config(server: FakeOpenAIServer, **changes) -> TranscriptionConfig:
    return TranscriptionConfig(api_key="test-key", base_url=server.base_url, max_retries=0, **changes)


def test_the_recording_goes_up_and_its_text_comes_back():
    with FakeOpenAIServer(default=Behaviour(content="  您好，我来帮您查一下。 ")) as server:
        assert transcribe(config(server, model="local-whisper"), WAV) == "您好，我来帮您查一下。"
        sent = server.transcriptions[-1]
    assert sent["model"] == "local-whisper"
    assert sent["language"] == "zh"
    assert sent["file"] == WAV


@pytest.mark.parametrize("status, words", [(401, "401"), (500, "500")])
def test_an_endpoint_error_is_said_in_chinese(status, words):
    with (
        FakeOpenAIServer(default=Behaviour(status=status)) as server,
        pytest.raises(TranscriptionFailed) as caught,
    ):
        transcribe(config(server), WAV)
    assert "语音转写" in str(caught.value) and words in str(caught.value)


def test_hearing_nothing_asks_to_record_again():
    with (
        FakeOpenAIServer(default=Behaviour(content="")) as server,
        pytest.raises(TranscriptionFailed, match="没有听清"),
    ):
        transcribe(config(server), WAV)


def test_a_slow_endpoint_times_out():
    slow = Behaviour(content="好", delay=2.0)
    with FakeOpenAIServer(default=slow) as server, pytest.raises(TranscriptionFailed, match="超时"):
        transcribe(config(server, timeout=0.3), WAV)


def settings(values: dict[str, str]):
    return lambda name: values.get(name, "")


LLM = LLMConfig(api_key="llm-key", base_url="http://llm.example/v1", model="chat")


def test_by_default_the_llm_endpoint_transcribes_with_whisper_1():
    found = load_transcription_config(LLM, settings({}))
    assert (found.api_key, found.base_url, found.model) == (
        "llm-key",
        "http://llm.example/v1",
        DEFAULT_STT_MODEL,
    )


def test_an_own_speech_server_can_serve_beside_the_offline_customer():
    found = load_transcription_config(
        None,
        settings(
            {
                "COACH_STT_API_KEY": "k",
                "COACH_STT_BASE_URL": "http://127.0.0.1:9000/v1",
                "COACH_STT_MODEL": "w",
            }
        ),
    )
    assert (found.base_url, found.model) == ("http://127.0.0.1:9000/v1", "w")


def test_an_own_key_does_not_go_to_the_llm_endpoint():
    found = load_transcription_config(LLM, settings({"COACH_STT_API_KEY": "stt-key"}))
    assert (found.api_key, found.base_url) == ("stt-key", None)


def test_without_any_key_there_is_no_transcription_and_the_key_never_shows_in_repr():
    assert load_transcription_config(None, settings({})) is None
    assert "llm-key" not in repr(load_transcription_config(LLM, settings({})))
