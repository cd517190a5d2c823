"""Starting the real app for the server benchmark: Streamlit processes, optionally behind nginx.

Everything listens on 127.0.0.1 only, runs over a throw-away data directory, and is stopped (by
its own pid) when the `cluster` context ends, also on error. Several Streamlit processes share one
database; nginx spreads browsers over them with sticky sessions. All loopback clients have one IP,
so `ip_hash` would send everyone to one backend: nginx instead hands each new browser a random
`coach_backend` cookie (its `$request_id`) on its first response and hashes on that cookie, so a
browser stays on the backend that served its first request (also when it reconnects). Streamlit's
own `_streamlit_xsrf` cookie would not do: its value is re-masked on every health check.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Cluster:
    """The running app: the URL browsers use, and every process it is made of."""

    url: str
    backends: list[str]  # each Streamlit process's own URL (for warming up every one)
    pids: list[int] = field(default_factory=list)  # Streamlit processes, then nginx's master


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_missing_reason() -> str | None:
    """Why the multi-process mode cannot run here, or None when it can."""
    if not NGINX.exists():
        return f"未找到 {NGINX}（Debian 软件包 nginx），多进程模式跳过；本基准不会自行安装"
    return None


def app_env(data_dir: Path, demo: bool = False) -> dict[str, str]:
    """The server's environment: the throw-away data dir, demo accounts or none, no model keys,
    the offline customer voice (espeak-ng: edge-tts would leave loopback) unless COACH_TTS=off
    is set to measure the server without voice."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_STT_"))}
    tts = "off" if os.environ.get("COACH_TTS") == "off" else "offline"
    return env | {"COACH_DATA_DIR": str(data_dir), "COACH_DEMO": "1" if demo else "0", "COACH_TTS": tts}


@contextmanager
def serving(
    command: list[str], port: int, log: Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run `command` (a server on loopback `port`, output to `log`) until it answers its health
    check; yields (its URL, its pid) and stops it afterwards, whatever happens."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url, process.pid
    finally:
        stop(process)


@contextmanager
def streamlit_process(
    data_dir: Path,
    log: Path,
    app_dir: Path = ROOT,
    demo: bool = False,
    extra_env: dict[str, str] | None = None,
) -> Iterator[tuple[str, int]]:
    """One `streamlit run serve.py` (as `make run` starts it) on a free loopback port, with
    `extra_env` on top of `app_env`; yields (its URL, its pid)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    with serving(command, port, log, cwd=app_dir, env=app_env(data_dir, demo) | (extra_env or {})) as started:
        yield started


def stop(process: subprocess.Popen) -> None:
    """Terminate one process we started, killing it if it does not exit in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Block until `/_stcore/health` answers ok; RuntimeError with the log's tail if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.25)
    tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
    raise RuntimeError(f"服务 {url} 未能启动：{tail}")


def nginx_config(folder: Path, port: int, backends: list[str]) -> str:
    """An nginx config: loopback only, cookie-sticky upstream, websocket upgrade, paths in `folder`."""
    servers = "\n".join(f"    server {url.removeprefix('http://')};" for url in backends)
    temp = "".join(f"  {name}_temp_path {folder}/{name}_temp;\n" for name in ("client_body", "proxy"))
    temp += "".join(f"  {name}_temp_path {folder}/{name}_temp;\n" for name in ("fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 8192; }}
http {{
  access_log off;
{temp}  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  # A browser without the cookie is hashed on a random id, which the response then sets as its cookie.
  map $cookie_coach_backend $coach_backend {{ '' $request_id; default $cookie_coach_backend; }}
  map $cookie_coach_backend $coach_set_cookie {{ '' "coach_backend=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ''; }}
  upstream coach {{
    hash $coach_backend consistent;
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://coach;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;  # with the port: Streamlit compares it with the Origin
      proxy_set_header X-Real-IP $remote_addr;
      proxy_read_timeout 1h;
      proxy_buffering off;
      add_header Set-Cookie $coach_set_cookie;
    }}
  }}
}}
"""


@contextmanager
def nginx_process(backends: list[str]) -> Iterator[tuple[str, int]]:
    """nginx in the foreground (a child of ours) in front of `backends`; yields (its URL, its pid).
    Its files go to a folder of its own, readable by the unprivileged worker nginx switches to."""
    with tempfile.TemporaryDirectory(prefix="coach-nginx-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        port = free_port()
        config = folder / "nginx.conf"
        config.write_text(nginx_config(folder, port, backends))
        command = [str(NGINX), "-p", str(folder), "-c", str(config), "-e", str(folder / "nginx-error.log")]
        with serving(command, port, folder / "nginx-stderr.log") as started:
            yield started


@contextmanager
def cluster(data_dir: Path, processes: int = 1, app_dir: Path = ROOT) -> Iterator[Cluster]:
    """`processes` Streamlit servers over `data_dir` (behind nginx when more than one)."""
    with ExitStack() as stack:
        started = [
            stack.enter_context(streamlit_process(data_dir, data_dir / f"streamlit-{n}.log", app_dir))
            for n in range(processes)
        ]
        backends, pids = [url for url, _ in started], [pid for _, pid in started]
        if processes == 1:
            yield Cluster(backends[0], backends, pids)
            return
        url, nginx_pid = stack.enter_context(nginx_process(backends))
        yield Cluster(url, backends, [*pids, nginx_pid])


def process_tree(pids: list[int]) -> list[int]:
    """`pids` and all their descendants that are alive now (nginx's workers, for one)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat_fields(int(entry.name))
            if stat:
                parents.setdefault(int(stat[1]), []).append(int(entry.name))
    found, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from field 3 on (after the command name, which may hold spaces)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by `pids` and their descendants."""
    total = 0
    for pid in process_tree(pids):
        fields = _stat_fields(pid)
        if fields:  # utime, stime are fields 14 and 15 of stat, i.e. 11 and 12 from field 3
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def peak_rss_mb(pids: list[int]) -> float:
    """The sum of each process's peak resident memory (VmHWM) over `pids` and their descendants."""
    total_kb = 0
    for pid in process_tree(pids):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
        total_kb += int(line.split()[1])
    return round(total_kb / 1024, 1)


def first_traceback(data_dir: Path, lines: int = 25) -> str | None:
    """The first traceback the Streamlit processes logged (the app logs what its pages turn into a
    short message), so that a run with errors says what went wrong; None when there is none."""
    for log in sorted(data_dir.glob("streamlit-*.log")):
        text = log.read_text(errors="replace").splitlines()
        start = next((n for n, line in enumerate(text) if line.startswith("Traceback")), None)
        if start is not None:
            return "\n".join(text[max(0, start - 1) : start + lines])
    return None
