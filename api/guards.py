"""HTTP guards in front of every route: trusted hosts, a per-caller rate limit, a body size limit.

Each refuses with a clear bilingual message ("english / русский"): as GraphQL errors on
``/graphql``, as a Russian page to a browser, as ``{"detail": …}`` otherwise. None of them
echoes what the request sent.

>>> buckets = TokenBuckets(per_minute=60, burst=2)
>>> [buckets.take("anna", now=0.0) for _ in range(3)]
[0.0, 0.0, 1.0]
>>> buckets.take("anna", now=1.0), buckets.take("boris", now=1.0)
(0.0, 0.0)
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from html import escape

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.settings import Settings

__all__ = ["BodyLimit", "RateLimit", "TokenBuckets", "TrustedHosts", "install", "refusal",
           "trusted_hosts"]

WILDCARD_HOSTS = ("0.0.0.0", "::", "")
EXEMPT_FROM_RATE = ("/healthz", "/static/")


def refusal(scope: Scope, status: int, english: str, russian: str,
            headers: dict[str, str] | None = None) -> Response:
    """The answer to a refused request, in the form its caller reads."""
    message = f"{english} / {russian}"
    path = str(scope.get("path", ""))
    accept = Headers(scope=scope).get("accept", "")
    if path.startswith("/graphql"):
        return JSONResponse({"data": None, "errors": [{"message": message}]}, status, headers)
    if "text/html" in accept:
        body = (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
                f"<title>Запрос отклонён</title></head><body><h1>Запрос отклонён</h1>"
                f"<p>{escape(russian)}</p><p><a href=\"/\">На главную</a></p></body></html>")
        return HTMLResponse(body, status, headers)
    return JSONResponse({"detail": message}, status, headers)


# -- Body size -----------------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a body over ``limit`` bytes with 413: at once when Content-Length says so,
    else as soon as the streamed chunks pass it, so a large body is never read whole."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = refusal(
            scope, 413, f"the request body is larger than {self.limit} bytes",
            f"тело запроса больше {self.limit} байт",
            {"Connection": "close"})
        await response(scope, receive, send)


# -- Trusted hosts -------------------------------------------------------------------------------


def trusted_hosts(settings: Settings) -> list[str]:
    """The Host names the app answers: the allowed hosts and the address it serves on.

    >>> trusted_hosts(Settings(allowed_hosts=["localhost"], host="10.0.0.5"))
    ['localhost', '10.0.0.5']
    >>> trusted_hosts(Settings(allowed_hosts=["localhost"], host="0.0.0.0"))
    ['localhost']
    """
    hosts = [h.strip().lower().strip("[]") for h in settings.allowed_hosts if h.strip()]
    serve = settings.host.strip().lower().strip("[]")
    if serve not in WILDCARD_HOSTS and serve not in hosts:
        hosts.append(serve)
    return hosts


def _host_name(value: str) -> str:
    """``example.org:8000`` → ``example.org``; ``[::1]:8000`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


class TrustedHosts:
    """Answers only requests whose Host header names this server (against DNS rebinding:
    a foreign page whose name points at 127.0.0.1 cannot read the local app)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = set(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        host = _host_name(Headers(scope=scope).get("host", ""))
        if host in self.hosts:
            await self.app(scope, receive, send)
            return
        response = refusal(scope, 400, "this server does not answer to that host name",
                           "сервер не обслуживает это имя хоста")
        await response(scope, receive, send)


# -- Rate limit ----------------------------------------------------------------------------------


class TokenBuckets:
    """One token bucket per caller: ``burst`` requests at once, refilled at ``per_minute``."""

    def __init__(self, per_minute: int, burst: int, max_callers: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_callers = max_callers
        self.buckets: dict[str, tuple[float, float]] = {}  # caller → (tokens, when)

    def take(self, caller: str, now: float | None = None) -> float:
        """Take a token for ``caller``: 0.0 if granted, else the seconds until one is free."""
        now = time.monotonic() if now is None else now
        tokens, when = self.buckets.get(caller, (self.burst, now))
        tokens = min(self.burst, tokens + (now - when) * self.rate)
        if tokens >= 1.0:
            self._keep(caller, tokens - 1.0, now)
            return 0.0
        self._keep(caller, tokens, now)
        return (1.0 - tokens) / self.rate

    def _keep(self, caller: str, tokens: float, now: float) -> None:
        if len(self.buckets) >= self.max_callers and caller not in self.buckets:
            # Forget callers whose bucket has refilled: they lose nothing by it.
            self.buckets = {c: (t, w) for c, (t, w) in self.buckets.items()
                            if min(self.burst, t + (now - w) * self.rate) < self.burst}
        self.buckets[caller] = (tokens, now)


def caller_key(request: Request) -> str:
    """Who is asking: the signed-in user's id, else the client's address."""
    caller = getattr(request.state, "caller", None)
    caller_id = getattr(caller, "id", None)
    if caller_id is not None:
        return f"user:{caller_id}"
    return f"address:{request.client.host if request.client else 'unknown'}"


class RateLimit:
    """Refuses a caller over its token bucket with 429 and ``Retry-After`` (seconds)."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(EXEMPT_FROM_RATE):
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(caller_key(Request(scope)))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        response = refusal(scope, 429, f"too many requests; try again in {seconds} s",
                           f"слишком много запросов; повторите через {seconds} с",
                           {"Retry-After": str(seconds)})
        await response(scope, receive, send)


def install(app: FastAPI, settings: Settings) -> None:
    """Put the guards in front of ``app``: host check first, then the rate limit, then the
    body limit (the last added runs first)."""
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimit, buckets=TokenBuckets(settings.rate_limit_per_minute,
                                                           settings.rate_limit_burst))
    app.add_middleware(TrustedHosts, hosts=trusted_hosts(settings))
