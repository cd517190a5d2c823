"""Customer voice figures: offline synthesis per line (espeak-ng, cache cold) and a cached line
(what a replay or a report costs), over the opening and answer lines of real offline calls."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.timing import percentiles_ms, time_calls
from personas import load_personas
from scenarios import load_library
from simulator import Call, OfflineEngine
from simulator.audio_cache import AudioCache
from simulator.speech import customer_speech, speech_request
from simulator.tts import SpeechRequest


def customer_lines(calls: int) -> list[SpeechRequest]:
    """The customer's lines of `calls` offline calls (opening and answers), as speech requests."""
    cases, personas = list(load_library()), list(load_personas())
    requests = []
    for n in range(calls):
        case, persona = cases[n % len(cases)], personas[n % len(personas)]
        call, opening = Call.start(case, persona, OfflineEngine(), seed=n)
        opening.text()
        for reply in ("您好，请问有什么可以帮您？", "非常抱歉给您添麻烦了，我马上帮您查。"):
            if not call.session.state.ended:
                call.reply(reply).text()
        for turn in (t for t in call.session.turns if t.role == "customer"):
            requests.append(speech_request(turn.text, persona, case.customer.honorific, turn.state.anger))
    return requests


def voice_figures(calls: int = 12) -> dict[str, object]:
    """Offline synthesis and cached-line times per line, and the audio size per line."""
    lines = customer_lines(calls)
    with tempfile.TemporaryDirectory(prefix="coach-voice-") as folder:
        speech = customer_speech("offline", AudioCache(Path(folder)))
        if not speech.synthesizers[0].command:
            return {"voice": {"skipped": "没有安装 espeak-ng"}}
        queue = iter(lines)
        synthesis = time_calls(lambda: speech.speak(next(queue)), len(lines))
        sizes = [len(speech.cached(line).data) for line in lines]
        replay = iter(lines * 3)
        cached = time_calls(lambda: speech.speak(next(replay)), len(lines) * 3)
    return {
        "voice": {
            "lines": len(lines),
            "offline_synthesis_ms": percentiles_ms(synthesis),
            "cached_line_ms": percentiles_ms(cached),
            "audio_kb_per_line": round(sum(sizes) / len(sizes) / 1024, 1),
            "mean_chars_per_line": round(sum(len(line.text) for line in lines) / len(lines), 1),
        }
    }
