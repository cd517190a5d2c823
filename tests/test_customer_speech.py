"""The customer's voice: cache first, edge-tts then espeak-ng, text only when neither speaks;
edge-tts' 0-byte and hang failures never leave a file or delay the next line."""

from __future__ import annotations

import asyncio
import time

import pytest

from personas.library import load_personas
from simulator.audio_cache import AudioCache
from simulator.speech import CustomerSpeech, customer_speech, speech_request
from simulator.tts import EdgeSynthesizer, EspeakSynthesizer, SynthesisFailed

PERSONA = load_personas().get("choleric")
LINE = "你们到底怎么回事？我等了三天了！"


def request(text: str = LINE, anger: int = 70):
    return speech_request(text, PERSONA, "王先生", anger)


class FakeCommunicate:
    """Stands in for edge_tts.Communicate: records its arguments, streams scripted chunks."""

    def __init__(self, chunks: list[dict], hang: bool = False):
        self.chunks, self.hang = chunks, hang
        self.calls: list[tuple[str, str, dict]] = []

    def __call__(self, text: str, voice: str, **prosody: str) -> FakeCommunicate:
        self.calls.append((text, voice, prosody))
        return self

    async def stream(self):
        if self.hang:
            await asyncio.sleep(60)
        for chunk in self.chunks:
            yield chunk


class Scripted:
    """A synthesizer that answers or fails as told, counting its calls."""

    mime, extension = "audio/wav", "wav"

    def __init__(self, name: str, audio: bytes | None):
        self.name, self.audio, self.calls = name, audio, 0

    def synthesize(self, _request) -> bytes:
        self.calls += 1
        if self.audio is None:
            raise SynthesisFailed(f"{self.name} down")
        return self.audio


def test_edge_tts_gets_the_persona_voice_and_the_mood_prosody():
    fake = FakeCommunicate([{"type": "audio", "data": b"ID3-mp3"}, {"type": "WordBoundary"}])
    audio = EdgeSynthesizer(communicate=fake).synthesize(request(anger=90))
    assert audio == b"ID3-mp3"
    text, voice, prosody = fake.calls[-1]
    assert (text, voice) == (LINE, PERSONA.tts.male)
    assert prosody == request(anger=90).prosody.edge_args()


def test_edge_tts_returning_no_audio_is_a_failure_and_nothing_is_cached(tmp_path):
    edge = EdgeSynthesizer(communicate=FakeCommunicate([{"type": "WordBoundary"}]))
    with pytest.raises(SynthesisFailed, match="0 字节"):
        edge.synthesize(request())
    speech = CustomerSpeech([edge], AudioCache(tmp_path))
    assert speech.speak(request()) is None
    assert list(tmp_path.iterdir()) == []


def test_a_hanging_edge_tts_is_cut_off_at_its_timeout():
    edge = EdgeSynthesizer(timeout=0.2, communicate=FakeCommunicate([], hang=True))
    started = time.monotonic()
    with pytest.raises(SynthesisFailed, match=r"0\.2 秒"):
        edge.synthesize(request())
    assert time.monotonic() - started < 5


def test_edge_tts_first_then_espeak_then_text_only():
    edge, espeak = Scripted("edge-tts", b"mp3"), Scripted("espeak-ng", b"wav")
    assert CustomerSpeech([edge, espeak], None).speak(request()).engine == "edge-tts"
    assert espeak.calls == 0
    down = Scripted("edge-tts", None)
    assert CustomerSpeech([down, espeak], None).speak(request()).engine == "espeak-ng"
    assert (
        CustomerSpeech([Scripted("edge-tts", None), Scripted("espeak-ng", None)], None).speak(request())
        is None
    )


def test_a_synthesizer_that_failed_is_skipped_until_its_retry_time():
    now = [0.0]
    edge, espeak = Scripted("edge-tts", None), Scripted("espeak-ng", b"wav")
    speech = CustomerSpeech([edge, espeak], None, retry_after=300, clock=lambda: now[0])
    speech.speak(request("第一句"))
    speech.speak(request("第二句"))
    assert edge.calls == 1 and espeak.calls == 2
    now[0] = 301.0
    speech.speak(request("第三句"))
    assert edge.calls == 2


def test_a_line_is_synthesized_once_then_played_from_the_cache(tmp_path):
    espeak = Scripted("espeak-ng", b"RIFF-audio")
    speech = CustomerSpeech([espeak], AudioCache(tmp_path))
    first, again = speech.speak(request()), speech.speak(request())
    assert first.data == again.data == b"RIFF-audio"
    assert espeak.calls == 1
    assert [p.suffix for p in tmp_path.iterdir()] == [".wav"]


def test_the_cache_key_changes_with_text_voice_and_mood(tmp_path):
    espeak = Scripted("espeak-ng", b"RIFF-audio")
    speech = CustomerSpeech([espeak], AudioCache(tmp_path))
    speech.speak(request())
    speech.speak(request(anger=95))
    speech.speak(request("另一句话"))
    speech.speak(speech_request(LINE, PERSONA, "李女士", 70))
    assert espeak.calls == 4


def test_an_online_voice_cached_earlier_is_preferred_even_while_offline(tmp_path):
    cache = AudioCache(tmp_path)
    CustomerSpeech([Scripted("edge-tts", b"mp3")], cache).speak(request())
    offline_now = Scripted("edge-tts", None)
    spoken = CustomerSpeech([offline_now, Scripted("espeak-ng", b"wav")], cache).speak(request())
    assert (spoken.engine, offline_now.calls) == ("edge-tts", 0)


def test_an_empty_cached_file_counts_as_missing_and_empty_audio_is_never_kept(tmp_path):
    cache = AudioCache(tmp_path)
    key = request().key("espeak-ng")
    cache.path(key, "wav").write_bytes(b"")
    assert cache.get(key, "wav") is None
    with pytest.raises(ValueError):
        cache.put(key, "wav", b"")


def test_the_cache_folder_is_private(tmp_path):
    folder = tmp_path / "audio"
    AudioCache(folder).put("k", "wav", b"x")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_espeak_ng_speaks_chinese_as_a_wav():
    audio = EspeakSynthesizer().synthesize(request())
    assert audio[:4] == b"RIFF" and len(audio) > 10_000


def test_a_missing_espeak_ng_is_a_failure_not_a_crash(tmp_path):
    with pytest.raises(SynthesisFailed, match="espeak-ng"):
        EspeakSynthesizer(command=str(tmp_path / "no-such-espeak")).synthesize(request())


def test_the_modes_choose_the_synthesizers():
    assert [s.name for s in customer_speech("auto", None).synthesizers] == ["edge-tts", "espeak-ng"]
    assert [s.name for s in customer_speech("offline", None).synthesizers] == ["espeak-ng"]
    assert not customer_speech("off", None).enabled
    with pytest.raises(ValueError, match="COACH_TTS"):
        customer_speech("loud", None)
