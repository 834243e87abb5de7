"""Request guards: body size, Host and Origin checks, the form token, security headers.

- A body over the limit is refused before it is read (413, W001).
- A ``Host`` header that is not one of :attr:`WebLimits.hosts` is refused (400, W002): a
  page on another site cannot reach the app by pointing its own name at 127.0.0.1.
- A POST whose ``Origin`` (or, without one, ``Referer``) is another site is refused (403,
  W002); every form also carries a token that must match the browser's cookie
  (:func:`check_token`, double-submit), so a form on another site cannot post one.
- Every response says: no scripts or plug-ins, no framing, no MIME sniffing.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grader.apps.web.limits import WebLimits, megabytes
from grader.errors import RequestRefused, UploadTooLarge
from grader.render.environment import template_env

TOKEN_COOKIE = "grader_form"
TOKEN_FIELD = "form_token"
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def render(template: str, **context: Any) -> str:
    return template_env().get_template(template).render(**context)


def _host_name(host: str) -> str:
    """'127.0.0.1' from '127.0.0.1:8000', '[::1]' from '[::1]:8000'."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    html = render("web_error.html", title="Request refused", message=message)
    response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
    await response(scope, receive, send)


class Guard:
    """Size, Host and Origin checks, the form-token cookie and security headers."""

    def __init__(self, app: ASGIApp, limits: WebLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if _host_name(host).lower() not in self.limits.hosts:
            refused = RequestRefused(
                f"The address '{host}' is not one this app answers to. Open it as "
                f"http://127.0.0.1:<port>/ (or the address given to 'grader serve --host')."
            )
            await _refuse(scope, receive, send, 400, str(refused))
            return
        if scope["method"] in STATE_CHANGING:
            problem = self._cross_site(headers, host) or self._too_large(headers, scope["path"])
            if problem:
                await _refuse(scope, receive, send, *problem)
                return
        token = headers.get("cookie", "") and _cookie(headers, TOKEN_COOKIE)
        fresh = not token or len(token) != 43
        scope.setdefault("state", {})["form_token"] = secrets.token_urlsafe(32) if fresh else token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    out[name] = value
                if fresh:
                    out.append(
                        "set-cookie",
                        f"{TOKEN_COOKIE}={scope['state']['form_token']}; Path=/; HttpOnly; "
                        f"SameSite=Strict",
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _cross_site(self, headers: Headers, host: str) -> tuple[int, str] | None:
        origin = headers.get("origin") or headers.get("referer")
        if origin is None:
            return None  # not a browser form from another site: the form token decides
        parts = urlsplit(origin)
        if parts.scheme in {"http", "https"} and parts.netloc.lower() == host.lower():
            return None
        refused = RequestRefused(
            f"A form from another site ({origin}) tried to use this app. Nothing was done; "
            f"use the app's own pages."
        )
        return 403, str(refused)

    def _too_large(self, headers: Headers, path: str) -> tuple[int, str] | None:
        cap = self.limits.request_cap(path)
        length = headers.get("content-length")
        if length is None:
            missing = UploadTooLarge(
                "The upload did not say its size. Send it again from the form."
            )
            return 411, str(missing)
        if not length.isdigit() or int(length) > cap:
            size = megabytes(int(length) if length.isdigit() else 0)
            over = UploadTooLarge(
                f"The upload is {size}, over the limit of {megabytes(cap)}. Upload a smaller "
                f"file, or fewer scripts at a time."
            )
            return 413, str(over)
        return None


def _cookie(headers: Headers, name: str) -> str:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def check_token(form_value: object, state_token: str) -> None:
    """Refuse a form whose token does not match the browser's cookie (W002).

    ``state_token`` is the cookie's value, or a fresh random one when the request had no
    cookie (so a form posted without it never matches).
    """
    if not isinstance(form_value, str) or not secrets.compare_digest(form_value, state_token):
        raise RequestRefused(
            "The form has expired or came from another site. Nothing was done: open the "
            "page again and resend it."
        )
