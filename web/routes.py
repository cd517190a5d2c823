"""The login-cookie routes: redeem a one-time code into an HttpOnly cookie, and clear it.

Both answer only a same-origin `fetch` from our page: they require the `X-Coach-Auth` header,
which a cross-site form or link cannot send (and a cross-site script cannot without a CORS
preflight these routes never grant). The cookie is HttpOnly, SameSite=Strict, and Secure when
the page was served over HTTPS (directly or, behind our proxy, as X-Forwarded-Proto says).
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from accounts.cookies import COOKIE_NAME
from accounts.handoff import HANDOFFS

CLAIM_PATH, CLEAR_PATH = "/coach-auth/claim", "/coach-auth/clear"
AUTH_HEADER = "X-Coach-Auth"
MAX_BODY = 1024


async def claim(request: Request) -> JSONResponse:
    """POST {"code": ...}: set the cookie the code was issued for (once)."""
    if request.headers.get(AUTH_HEADER) != "1":
        return _refuse(403, "缺少请求头 X-Coach-Auth：此地址只接受本站页面的请求。")
    body = await request.body()
    code = _code(body)
    grant = HANDOFFS.redeem(code) if code else None
    if grant is None:
        return _refuse(403, "登录凭据无效或已过期，请重新登录。")
    response = JSONResponse({"ok": True})
    response.set_cookie(
        COOKIE_NAME, grant.value, max_age=grant.max_age, path="/",
        httponly=True, samesite="strict", secure=_https(request),
    )  # fmt: skip
    return response


async def clear(request: Request) -> JSONResponse:
    """POST: remove the cookie (after logout; the server-side session is already ended)."""
    if request.headers.get(AUTH_HEADER) != "1":
        return _refuse(403, "缺少请求头 X-Coach-Auth：此地址只接受本站页面的请求。")
    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_https(request))
    return response


def _code(body: bytes) -> str | None:
    """The one-time code of a small JSON body, or None for anything else."""
    if len(body) > MAX_BODY:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    code = data.get("code") if isinstance(data, dict) else None
    return code if isinstance(code, str) and code else None


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("X-Forwarded-Proto") == "https"


def _refuse(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message}, status_code=status)


def cookie_routes() -> list[Route]:
    """The routes serve.py mounts beside Streamlit's."""
    return [Route(CLAIM_PATH, claim, methods=["POST"]), Route(CLEAR_PATH, clear, methods=["POST"])]
