"""Every request proves who it comes from before any route runs; the caller goes on
``request.state.caller``. Routes added later are covered without doing anything."""

from __future__ import annotations

import html
import ipaddress
import json
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.caller import LOCAL, Caller
from api.auth.limiter import SignInLimiter
from api.auth.session import COOKIE, SessionSigner
from graph.auth import users
from graph.errors import StoreError
from graph.settings import AuthMode, Settings
from graph.store.base import Store

__all__ = [
    "LOCAL_BANNER",
    "LOCAL_HEADER",
    "PUBLIC_PATHS",
    "AuthMiddleware",
    "AuthState",
    "is_loopback",
]

PUBLIC_PATHS = frozenset({"/login", "/logout", "/auth/oidc/login", "/auth/oidc/callback",
                          "/healthz"})
"""The only paths an unauthenticated request reaches: the sign-in itself, and the health probe
(which tells only whether the app and its store answer, never what the store holds)."""

LOCAL_BANNER = "Локальный режим: вход не требуется, полный доступ"
LOCAL_HEADER = "X-Methodnet-Local-Mode"
"""Sent with every answer in local mode (the API's counterpart of the pages' banner)."""

UNAUTHORIZED = "sign-in required: send Authorization: Bearer <token> / требуется вход"
BAD_TOKEN = "the bearer token is not valid / токен недействителен"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.5"), is_loopback("example.org")
    (False, False, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class AuthState:
    """The app's sign-in configuration and what it learns while running (``app.state.auth``)."""

    settings: Settings
    mode: AuthMode
    secret: str
    signer: SessionSigner
    limiter: SignInLimiter
    _users_seen: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def make(cls, settings: Settings, mode: AuthMode, secret: str | None) -> AuthState:
        secret = secret or secrets.token_urlsafe(48)
        return cls(
            settings=settings, mode=mode, secret=secret,
            signer=SessionSigner(secret, max_age=int(settings.session_hours * 3600)),
            limiter=SignInLimiter(attempts=settings.login_attempts,
                                  window=settings.login_pause_seconds),
        )

    def local(self, store: Store) -> bool:
        """Whether requests need no sign-in now: in ``local`` mode always; in ``auto`` mode
        until the store holds a user (then never again while the app runs)."""
        if self.mode != "auto":
            return self.mode == "local"
        if self._users_seen:
            return False
        if store.count_private("User") > 0:
            self._users_seen = True
            return False
        return True

    @property
    def oidc(self) -> bool:
        return bool(self.settings.oidc_issuer and self.settings.oidc_client_id)


def _address(conn: HTTPConnection) -> str:
    return conn.client.host if conn.client else "unknown"


def resolve(state: AuthState, store: Store, conn: HTTPConnection) -> tuple[Caller | None, str]:
    """The caller of ``conn`` and, when there is none, why (a message for a 401)."""
    auth = conn.headers.get("authorization")
    if auth is not None:
        scheme, _, token = auth.partition(" ")
        user = users.authenticate_token(store, token.strip()) \
            if scheme.lower() == "bearer" else None
        # A wrong token is refused even in local mode: it was meant for someone else.
        return (Caller.of(user, "bearer"), "") if user else (None, BAD_TOKEN)
    cookie = conn.cookies.get(COOKIE)
    if cookie:
        data = state.signer.load(cookie)
        if data is not None:
            user = users.get_user(store, str(data.get("l", "")))
            if user is not None and not user.disabled and \
                    user.session_version == data.get("v"):
                return Caller.of(user, str(data.get("via", "session"))), ""
    if state.local(store):
        return LOCAL, ""
    return None, UNAUTHORIZED


def _wants_page(conn: HTTPConnection) -> bool:
    return conn.scope.get("method") in ("GET", "HEAD") and \
        "text/html" in conn.headers.get("accept", "")


class AuthMiddleware:
    """Resolves the caller of every HTTP and WebSocket request; refuses one without a caller
    (401 with a bilingual message for the API, a redirect to /login for a page), except on
    :data:`PUBLIC_PATHS`. In local mode it marks every answer (header, page banner)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        state: AuthState = conn.app.state.auth
        store: Store = conn.app.state.store
        path = scope.get("path", "")
        caller: Caller | None
        try:
            if state.mode == "local" and "authorization" not in conn.headers \
                    and COOKIE not in conn.cookies:
                caller, problem = LOCAL, ""  # nothing to look up: no worker thread needed
            else:
                caller, problem = await run_in_threadpool(resolve, state, store, conn)
        except StoreError:
            if path != "/healthz":
                # Who the caller is cannot be known: refuse, saying why, never a traceback.
                await _unavailable(conn, scope, send)
                return
            caller, problem = None, ""  # the probe says itself that the store is down
        if caller is None and path not in PUBLIC_PATHS:
            await _refuse(conn, problem, scope, receive, send)
            return
        scope.setdefault("state", {})["caller"] = caller or Caller.anonymous(_address(conn))
        if caller is None or scope["type"] != "http" or caller.via == "bearer":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _marking(send, caller))


async def _refuse(conn: HTTPConnection, problem: str, scope: Scope, receive: Receive,
                  send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 4401})
        return
    if _wants_page(conn):
        target = conn.url.path + (f"?{conn.url.query}" if conn.url.query else "")
        headers = [(b"location", f"/login?next={quote(target, safe='')}".encode()),
                   (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    body = json.dumps({"errors": [{"message": problem}]}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"www-authenticate", b'Bearer realm="methodnet"'),
        (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


UNAVAILABLE = "the store is not answering, try again later / хранилище данных недоступно, " \
    "попробуйте позже"


async def _unavailable(conn: HTTPConnection, scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1013})
        return
    if _wants_page(conn):
        body = ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Хранилище '
                'недоступно</title></head><body><h1>Хранилище данных недоступно</h1><p>'
                "Попробуйте позже.</p></body></html>").encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"errors": [{"message": UNAVAILABLE}]}, ensure_ascii=False).encode()
        ctype = b"application/json; charset=utf-8"
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", ctype), (b"retry-after", b"5"),
        (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _bar(caller: Caller) -> bytes:
    """The strip every page shows: local mode's banner, or who is signed in and a sign-out."""
    style = ("display:flex;gap:12px;align-items:center;padding:6px 16px;font:14px sans-serif;"
             "border-bottom:1px solid #ffe082;background:#fff8e1;color:#5d4037")
    if caller.via == "local":
        text = (f'<div class="methodnet-local-mode" role="status" style="{style}">'
                f"<strong>{LOCAL_BANNER}</strong></div>")
    else:
        who = html.escape(f"{caller.login} ({caller.role})")
        text = (f'<div class="methodnet-signed-in" style="{style};background:#eceff1;'
                f'border-color:#cfd8dc;color:#263238">Вы вошли: {who}'
                '<form method="post" action="/logout" style="margin:0">'
                '<button type="submit">Выйти</button></form></div>')
    return text.encode()


def _marking(send: Send, caller: Caller) -> Send:
    """``send`` that adds the local-mode header and puts :func:`_bar` at the top of pages."""
    start: dict[str, Any] | None = None
    chunks: list[bytes] = []

    async def marked(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if caller.via == "local":
                headers.append((LOCAL_HEADER.lower().encode(),
                                b"sign-in not required, full access"))
            named = dict(headers)
            ctype = named.get(b"content-type", b"")
            # A compressed page cannot be edited; it keeps the header only.
            if not ctype.startswith(b"text/html") or b"content-encoding" in named:
                await send({**message, "headers": headers})
                return
            start = {**message, "headers": headers}
            return
        if start is None or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = _inject(b"".join(chunks), _bar(caller))
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return marked


def _inject(page: bytes, bar: bytes) -> bytes:
    """``bar`` right after the opening ``<body>`` tag (or first, if there is none).

    >>> _inject(b'<html><body class="x"><p>hi</p></body>', b"<b>!</b>")
    b'<html><body class="x"><b>!</b><p>hi</p></body>'
    """
    at = page.find(b"<body")
    if at < 0:
        return bar + page
    end = page.find(b">", at)
    return page[: end + 1] + bar + page[end + 1 :]
