"""A minimal Streamlit browser client: the websocket protocol a browser tab speaks, nothing more.

A tab first fetches `/_stcore/health` (which sets the `_streamlit_xsrf` cookie, and behind our
nginx the sticky-session cookie), then opens a websocket at `/_stcore/stream`, offering the
subprotocols `streamlit, <xsrf cookie>` with its cookies and Origin. Every interaction is one
`BackMsg.rerun_script` carrying a `ClientState` (the page's script hash and the widget values);
the server answers with `ForwardMsg`s: `new_session` when a script run starts, `delta`s with the
elements (widgets carry `id`, `label` and, inside a form, `form_id`), `navigation` with the current
page's hash, and `script_finished` when the run ends. A run that calls `st.rerun()` or
`st.switch_page()` finishes "early for rerun" and the next run follows at once: we wait for the
first run that finishes for good, which is the one the user ends up looking at.

Like the browser, the client keeps the values it typed (text inputs) while their widgets are on
the page; a button, a form's submit button and the chat input are triggers, sent in one rerun only.
Widgets the user never touched are not sent, so the server uses their defaults (the browser
sends those defaults explicitly; the script sees the same values). It reports no cached message
hashes, so the server always sends whole messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

XSRF_COOKIE = "_streamlit_xsrf"
WIDGET_KINDS = ("text_input", "button", "chat_input", "selectbox", "checkbox")


class ProtocolError(Exception):
    """The server did not answer the way a browser expects (the message says how)."""


@dataclass(frozen=True)
class Widget:
    """One widget of a page, as the deltas describe it."""

    kind: str  # the Element oneof name: text_input, button, chat_input, selectbox, checkbox
    id: str
    label: str  # the label; for a chat input, its placeholder
    form_id: str = ""


@dataclass
class Page:
    """What one finished script run showed: its widgets, chat messages, errors and timing."""

    status: int | None = None
    page_script_hash: str = ""
    widgets: list[Widget] = field(default_factory=list)
    chat_messages: int = 0
    exceptions: list[str] = field(default_factory=list)  # `exception` elements: uncaught errors
    error_alerts: list[str] = field(default_factory=list)  # st.error boxes
    warnings: list[str] = field(default_factory=list)  # st.warning boxes
    elapsed_s: float = 0.0  # from sending the BackMsg to this run's script_finished
    audio_url: str = ""  # the media URL of the last audio element (the customer's voice)

    def widget(self, kind: str, label: str) -> Widget | None:
        """The first widget of `kind` whose label (or chat placeholder) is `label`."""
        return next((w for w in self.widgets if w.kind == kind and w.label == label), None)


def _widget(element_kind: str, proto: object) -> Widget:
    label = proto.placeholder if element_kind == "chat_input" else proto.label
    return Widget(element_kind, proto.id, label, getattr(proto, "form_id", ""))


def absorb(page: Page, msg: ForwardMsg) -> None:
    """Fold one ForwardMsg of a run into `page` (a streamed element arrives several times at one
    path; we only count elements that cannot repeat that way: widgets, blocks, errors)."""
    kind = msg.WhichOneof("type")
    if kind == "navigation":
        page.page_script_hash = msg.navigation.page_script_hash
    if kind != "delta":
        return
    delta = msg.delta
    if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "chat_message":
        page.chat_messages += 1
    if delta.WhichOneof("type") != "new_element":
        return
    element = delta.new_element
    element_kind = element.WhichOneof("type")
    if element_kind in WIDGET_KINDS:
        page.widgets.append(_widget(element_kind, getattr(element, element_kind)))
    elif element_kind == "exception":
        page.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
    elif element_kind == "audio":
        page.audio_url = element.audio.url
    elif element_kind == "alert" and element.alert.format == Alert.ERROR:
        page.error_alerts.append(element.alert.body[:300])
    elif element_kind == "alert" and element.alert.format == Alert.WARNING:
        page.warnings.append(element.alert.body[:300])


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


async def http_cookies(base_url: str, path: str = "/_stcore/health", timeout: float = 30.0) -> dict[str, str]:
    """GET `path` like a browser tab and return the cookies the response sets (name → value).
    A raw HTTP/1.1 request on asyncio streams: no thread per client, no extra library."""
    url = urlsplit(base_url)
    reader, writer = await asyncio.wait_for(asyncio.open_connection(url.hostname, url.port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {url.netloc}\r\nConnection: close\r\n\r\n".encode())
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    finally:
        writer.close()
    lines = head.decode("latin-1").split("\r\n")
    if " 200 " not in lines[0] + " ":
        raise ProtocolError(f"{path} 返回 {lines[0]}")
    cookies: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            key, _, rest = value.strip().partition("=")
            cookies[key] = rest.split(";", 1)[0]
    return cookies


class StreamlitClient:
    """One simulated browser tab connected to a Streamlit server."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.page = Page()
        self._ws: ClientConnection | None = None
        self._values: dict[str, WidgetState] = {}  # typed values, kept while the widget is shown

    async def open(self) -> Page:
        """Fetch the cookies, open the websocket and load the first page (the app's root URL)."""
        cookies = await http_cookies(self.base_url)
        netloc = urlsplit(self.base_url).netloc
        protocols = ["streamlit", cookies[XSRF_COOKIE]] if XSRF_COOKIE in cookies else ["streamlit"]
        self._ws = await connect(
            f"ws://{netloc}/_stcore/stream",
            subprotocols=protocols,
            origin=f"http://{netloc}",
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
            open_timeout=self.timeout,
            max_size=None,
        )
        return await self.rerun([])

    async def close(self) -> None:
        """Close the websocket (the server then ends the session)."""
        if self._ws is not None:
            await self._ws.close()

    async def rerun(self, triggers: list[WidgetState]) -> Page:
        """Send one rerun with the kept values plus `triggers`; the page it ends on."""
        began = time.perf_counter()
        await self._send(triggers)
        return self._keep(await asyncio.wait_for(self._finished_run(), self.timeout), began)

    async def burst(self, bursts: list[list[WidgetState]], gap_s: float = 0.0, quiet_s: float = 1.5) -> Page:
        """Send several reruns `gap_s` apart without waiting for their runs (a double submit), then
        read runs until none has finished for `quiet_s`; the page the last one ended on."""
        began = time.perf_counter()
        for n, triggers in enumerate(bursts):
            if n:
                await asyncio.sleep(gap_s)
            await self._send(triggers)
        page = await asyncio.wait_for(self._finished_run(), self.timeout)
        with contextlib.suppress(TimeoutError):
            while True:
                page = await asyncio.wait_for(self._finished_run(), quiet_s)
        return self._keep(page, began)

    async def fetch(self, path: str) -> tuple[bytes, float]:
        """GET `path` (a media URL the page named) from the server: its bytes and the seconds taken."""
        began = time.perf_counter()
        data = await asyncio.to_thread(_get, f"{self.base_url}{path}", self.timeout)
        return data, time.perf_counter() - began

    def chat_state(self, text: str) -> WidgetState:
        """The trigger that sends `text` through the page's chat input."""
        widget = next((w for w in self.page.widgets if w.kind == "chat_input"), None)
        if widget is None:
            raise ProtocolError("页面上没有聊天输入框")
        state = WidgetState(id=widget.id)
        state.chat_input_value.data = text
        return state

    async def _send(self, triggers: list[WidgetState]) -> None:
        if self._ws is None:
            raise ProtocolError("websocket 未连接")
        msg = BackMsg()
        state = msg.rerun_script
        state.page_script_hash = self.page.page_script_hash
        state.context_info.timezone = "Asia/Shanghai"
        state.context_info.locale = "zh-CN"
        state.widget_states.widgets.extend([*self._values.values(), *triggers])
        await self._ws.send(msg.SerializeToString())

    def _keep(self, page: Page, began: float) -> Page:
        """Make `page` the current one; typed values stay only for widgets still shown."""
        page.elapsed_s = time.perf_counter() - began
        shown = {w.id for w in page.widgets}
        self._values = {k: v for k, v in self._values.items() if k in shown}
        self.page = page
        return page

    async def _finished_run(self) -> Page:
        """Read ForwardMsgs until a run finishes for good; that run's page."""
        page = Page(page_script_hash=self.page.page_script_hash)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self._ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts: the page is redrawn from scratch
                page = Page(page_script_hash=msg.new_session.page_script_hash or page.page_script_hash)
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                page.status = msg.script_finished
                return page
            else:
                absorb(page, msg)

    def _find(self, kind: str, label: str) -> Widget:
        widget = self.page.widget(kind, label)
        if widget is None:
            raise ProtocolError(f"页面上没有「{label}」（{kind}）")
        return widget

    def type_text(self, label: str, text: str) -> None:
        """Type into the text input labelled `label` (sent with the next rerun, as in a form)."""
        widget = self._find("text_input", label)
        self._values[widget.id] = WidgetState(id=widget.id, string_value=text)

    async def click(self, label: str) -> Page:
        """Click the button (or a form's submit button) labelled `label`."""
        widget = self._find("button", label)
        return await self.rerun([WidgetState(id=widget.id, trigger_value=True)])

    async def chat(self, text: str, placeholder: str | None = None) -> Page:
        """Send `text` through the chat input whose placeholder is `placeholder` (default: the
        page's only chat input; Streamlit pins one to the bottom, and its wording may change)."""
        if placeholder is None:
            return await self.rerun([self.chat_state(text)])
        state = WidgetState(id=self._find("chat_input", placeholder).id)
        state.chat_input_value.data = text
        return await self.rerun([state])
