"""The customer's voice: the cache first, then each synthesizer in order, else text only.

The order is edge-tts (natural, online), then espeak-ng (offline). A synthesizer that just failed
is skipped for `retry_after` seconds, so an offline machine pays edge-tts' failure once, not on
every line. Nothing here ever blocks the text: callers show the words first and voice them after.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from personas.schema import Persona
from simulator.audio_cache import AudioCache
from simulator.prosody import prosody_for, voice_name
from simulator.tts import EdgeSynthesizer, EspeakSynthesizer, SpeechRequest, SynthesisFailed, Synthesizer

LOG = logging.getLogger("coach")
TTS_MODES = ("auto", "offline", "off")
TEXT_ONLY_NOTE = "客户语音暂不可用（在线语音连不上，也没有离线语音 espeak-ng），本通电话只显示文字。"


@dataclass(frozen=True)
class Spoken:
    """A voiced line: the audio, its MIME type, and which synthesizer made it."""

    data: bytes
    mime: str
    engine: str


def speech_request(text: str, persona: Persona, honorific: str, anger: int) -> SpeechRequest:
    """What to voice for one customer line: the persona's voice for this customer, at this mood."""
    return SpeechRequest(
        text=text,
        voice=voice_name(persona, honorific),
        prosody=prosody_for(persona, anger),
        espeak_speed=persona.tts.espeak_speed,
    )


class CustomerSpeech:
    """Voices customer lines through a cache and an ordered list of synthesizers."""

    def __init__(
        self,
        synthesizers: Sequence[Synthesizer],
        cache: AudioCache | None,
        retry_after: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.synthesizers = list(synthesizers)
        self.cache = cache
        self.retry_after = retry_after
        self._clock = clock
        self._down_until: dict[str, float] = {}

    @property
    def enabled(self) -> bool:
        """False when voice is switched off (COACH_TTS=off): pages then show no player at all."""
        return bool(self.synthesizers)

    def cached(self, request: SpeechRequest) -> Spoken | None:
        """The line from the cache, in the first synthesizer's voice that has it (no synthesis)."""
        for synthesizer in self.synthesizers if self.cache else ():
            data = self.cache.get(request.key(synthesizer.name), synthesizer.extension)
            if data is not None:
                return Spoken(data, synthesizer.mime, synthesizer.name)
        return None

    def speak(self, request: SpeechRequest) -> Spoken | None:
        """The line's audio: cached, else synthesized (and cached); None when no synthesizer could."""
        found = self.cached(request)
        if found is not None:
            return found
        for synthesizer in self.synthesizers:
            if self._down_until.get(synthesizer.name, 0.0) > self._clock():
                continue
            try:
                data = synthesizer.synthesize(request)
            except SynthesisFailed as exc:
                LOG.info("%s unavailable for %.0f s: %s", synthesizer.name, self.retry_after, exc)
                self._down_until[synthesizer.name] = self._clock() + self.retry_after
                continue
            self._keep(request.key(synthesizer.name), synthesizer.extension, data)
            return Spoken(data, synthesizer.mime, synthesizer.name)
        return None

    def _keep(self, key: str, extension: str, data: bytes) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(key, extension, data)
        except OSError as exc:  # a full disk costs the cache, never the line
            LOG.warning("audio not cached: %s", exc)


def customer_speech(mode: str, cache: AudioCache | None, edge_timeout: float = 8.0) -> CustomerSpeech:
    """The voice for COACH_TTS `mode`: auto (edge-tts, then espeak-ng), offline (espeak-ng only), off."""
    if mode not in TTS_MODES:
        raise ValueError(f"COACH_TTS 只能是 {' / '.join(TTS_MODES)}，现在是 {mode!r}")
    synthesizers: list[Synthesizer] = []
    if mode == "auto":
        synthesizers.append(EdgeSynthesizer(timeout=edge_timeout))
    if mode in ("auto", "offline"):
        synthesizers.append(EspeakSynthesizer())
    return CustomerSpeech(synthesizers, cache)
