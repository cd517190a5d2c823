"""Speech synthesizers for the customer's lines: edge-tts (online) and espeak-ng (offline).

Each turns a `SpeechRequest` into audio bytes or raises SynthesisFailed; none ever returns empty
audio. Which one speaks, and the disk cache in front of them, is `simulator.speech`'s business.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from simulator.prosody import Prosody

ESPEAK_VOICE = "cmn-latn-pinyin"  # reads Chinese characters as Mandarin (`zh`/`cmn` read pinyin as English)
WAV_HEADER_BYTES = 44


class SynthesisFailed(Exception):
    """A synthesizer could not voice a line (the message says why, for the log)."""


@dataclass(frozen=True)
class SpeechRequest:
    """One customer line to voice: the words, the edge-tts voice, the prosody, espeak-ng's speed."""

    text: str
    voice: str
    prosody: Prosody
    espeak_speed: int

    def key(self, engine: str) -> str:
        """The cache key of this line as `engine` voices it (text, voice and prosody all count)."""
        payload = json.dumps([engine, self.text, self.voice, asdict(self.prosody), self.espeak_speed])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Synthesizer(Protocol):
    """Voices one line; raises SynthesisFailed rather than return no audio."""

    name: str
    mime: str
    extension: str

    def synthesize(self, request: SpeechRequest) -> bytes:
        """The line's audio (a whole file in `mime` format)."""
        ...


class EdgeSynthesizer:
    """Microsoft's neural voices through edge-tts. Needs the network: a dead network fails in
    well under a second, but a dead proxy can hang, so every call is bounded by `timeout`."""

    name, mime, extension = "edge-tts", "audio/mpeg", "mp3"

    def __init__(self, timeout: float = 8.0, communicate: Callable[..., Any] | None = None):
        self.timeout = timeout
        self._communicate = communicate

    def synthesize(self, request: SpeechRequest) -> bytes:
        """The line as MP3; SynthesisFailed on a network error, a timeout or an empty answer."""
        try:
            data = asyncio.run(asyncio.wait_for(self._collect(request), self.timeout))
        except TimeoutError as exc:
            raise SynthesisFailed(f"edge-tts 超过 {self.timeout:g} 秒没有返回") from exc
        except Exception as exc:  # aiohttp, websocket and edge-tts' own errors alike
            raise SynthesisFailed(f"edge-tts 失败：{type(exc).__name__}: {exc}") from exc
        if not data:
            raise SynthesisFailed("edge-tts 没有返回音频（0 字节）")
        return data

    async def _collect(self, request: SpeechRequest) -> bytes:
        communicate = self._communicate or _edge_communicate()
        stream = communicate(request.text, request.voice, **request.prosody.edge_args())
        chunks = [chunk["data"] async for chunk in stream.stream() if chunk.get("type") == "audio"]
        return b"".join(chunks)


def _edge_communicate() -> Callable[..., Any]:
    import edge_tts  # imported on first use: it pulls in aiohttp

    return edge_tts.Communicate


class EspeakSynthesizer:
    """espeak-ng, offline: robotic but always there (Debian package espeak-ng)."""

    name, mime, extension = "espeak-ng", "audio/wav", "wav"

    def __init__(self, command: str | None = None, timeout: float = 15.0):
        self.command = command or shutil.which("espeak-ng")
        self.timeout = timeout

    def synthesize(self, request: SpeechRequest) -> bytes:
        """The line as WAV; SynthesisFailed when espeak-ng is missing, fails or writes nothing."""
        if self.command is None:
            raise SynthesisFailed("没有安装 espeak-ng（Debian 软件包 espeak-ng）")
        with tempfile.TemporaryDirectory(prefix="coach-espeak-") as folder:
            target = Path(folder) / "line.wav"
            # The words go in on stdin: a line starting with "-" is never read as an option.
            args = [self.command, "-v", ESPEAK_VOICE, *request.prosody.espeak_args(request.espeak_speed)]
            try:
                subprocess.run(
                    [*args, "-w", str(target)],
                    input=request.text.encode("utf-8"),
                    capture_output=True,
                    timeout=self.timeout,
                    check=True,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise SynthesisFailed(f"espeak-ng 失败：{exc}") from exc
            data = target.read_bytes() if target.exists() else b""
        if len(data) <= WAV_HEADER_BYTES:
            raise SynthesisFailed("espeak-ng 没有生成音频")
        return data
