"""Kept answers sent before GraphQL sees the request: the cache's fast path.

A question asked again before the next write has its answer in :class:`api.answers.AnswerCache`;
finding it through the GraphQL router still costs the routing, the context, parsing the
document for its cache key and a worker thread for the store's revision — most of a repeated
request's time under load. This middleware sits just in front of the router, inside every
guard (trusted hosts, the rate limit, the body limit) and inside sign-in, so a request reaching
it has a caller and is within bounds. For ``POST /graphql`` it keys the request by its raw
bytes (body, query string, content type, accepted types), the caller's scope and the store's
revision; a kept answer is sent at once (``304`` when the client holds it). Otherwise the
request goes on to the router unchanged, which keeps its answer under this key too when it
keeps it under its own (a query answered without errors, see :mod:`api.answers`), so:

- a hit never crosses scopes (the scope is part of the key) nor survives a write (so is the
  revision);
- a document the bounds refuse is never kept (it has errors), so it reaches the bounds again;
- nothing is kept for a store that cannot tell its revision;
- a cache that keeps nothing (``max_bytes = 0``) is passed by: no revision is read for it.

The revision is read once for all the requests that arrive while a read is under way: a
request waits for a read that started after it arrived (so it never gets a revision older than
its arrival), and concurrent requests share that read — on Neo4j a round trip to the server,
not one per request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from functools import partial
from typing import Any

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.answers import Answer, AnswerCache

__all__ = ["FAST_KEY", "REVISION", "AnswerFastPath", "RevisionReader", "fast_key"]

FAST_KEY = "answer_fast_key"
"""Where the request's state holds its fast-path key, for the router to keep the answer under."""
REVISION = "answer_revision"
"""Where the request's state holds the revision read for it (the router reuses it)."""


def fast_key(body: bytes, scope: Scope, caller_scope: Any, revision: int) -> str:
    """The key of a raw request: what it asks (every byte that can change the answer), who
    may see what, and the data.

    >>> from graph.queries.scope import Scope
    >>> http = {"query_string": b"", "headers": [(b"content-type", b"application/json")]}
    >>> k = fast_key(b'{"query": "{ a }"}', http, Scope.of(["M1"]), 7)
    >>> k == fast_key(b'{"query": "{ a }"}', http, Scope.of(["M2"]), 7)
    False
    >>> k == fast_key(b'{"query": "{ a }"}', http, Scope.of(["M1"]), 8)
    False
    >>> k == fast_key(b'{"query": "{ a }"}', http, Scope.of(["M1"]), 7)
    True
    """
    headers = {k.lower(): v for k, v in scope.get("headers", [])}
    territories = None if caller_scope.territories is None else sorted(caller_scope.territories)
    material = json.dumps([territories, caller_scope.read_only, caller_scope.pseudonymised,
                           revision, scope.get("query_string", b"").decode("latin-1"),
                           headers.get(b"content-type", b"").decode("latin-1"),
                           headers.get(b"accept", b"").decode("latin-1")])
    digest = hashlib.blake2b(material.encode(), digest_size=20)
    digest.update(body)
    return "raw:" + digest.hexdigest()


class RevisionReader:
    """The store's revision, one read shared by the requests that wait for it together."""

    def __init__(self) -> None:
        self._running: asyncio.Future[int | None] | None = None
        self._next: asyncio.Future[int | None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()  # kept until done (the loop holds weakly)

    async def read(self, store: Any) -> int | None:
        if store.kind == "memory":
            return store.revision  # a counter in memory: no read, no thread
        if self._running is None:
            self._running = self._start(store)
            future = self._running
        else:
            # The read under way may have started before this request arrived: wait for the
            # next one, which every request arriving meanwhile shares.
            if self._next is None:
                self._next = asyncio.get_running_loop().create_future()
            future = self._next
        return await asyncio.shield(future)

    def _start(self, store: Any) -> asyncio.Future[int | None]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int | None] = loop.create_future()

        async def run() -> None:
            try:
                value = await to_thread.run_sync(lambda: store.revision)
            except Exception as e:  # every waiter gets the error, the reader starts afresh
                future.set_exception(e)
            else:
                future.set_result(value)
            finally:
                self._running = None
                waiting, self._next = self._next, None
                if waiting is not None:
                    self._running = self._start(store)
                    self._running.add_done_callback(partial(_relay, target=waiting))

        task = loop.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return future


def _relay(source: asyncio.Future[Any], target: asyncio.Future[Any]) -> None:
    if target.done():
        return
    if source.exception() is not None:
        target.set_exception(source.exception())  # type: ignore[arg-type]
    else:
        target.set_result(source.result())


def _etag_matches(headers: dict[bytes, bytes], etag: str) -> bool:
    told = headers.get(b"if-none-match", b"").decode("latin-1")
    return told.strip() == "*" or etag in {t.strip().removeprefix("W/")
                                           for t in told.split(",")}


class AnswerFastPath:
    """ASGI middleware answering ``POST {path}`` from ``answers`` when the raw request's
    answer is kept (see the module docstring)."""

    def __init__(self, app: ASGIApp, answers: AnswerCache, path: str = "/graphql") -> None:
        self.app = app
        self.answers = answers
        self.path = path
        self.revisions = RevisionReader()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" \
                or scope.get("path", "").rstrip("/") != self.path or not self.answers.keeps:
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        caller = state.get("caller")
        store = getattr(scope["app"].state, "store", None) if "app" in scope else None
        if caller is None or store is None:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            revision = await self.revisions.read(store)
        except Exception:
            revision = None  # the router reads it again and says what is wrong
        if revision is not None:
            key = fast_key(body, scope, caller.scope, revision)
            kept = self.answers.get(key, count_miss=False)
            if kept is not None:
                await _send(send, kept, {k.lower(): v for k, v in scope.get("headers", [])})
                return
            state[FAST_KEY] = key
            state[REVISION] = revision
        await self.app(scope, _replay(body, receive), send)


async def _send(send: Send, answer: Answer, headers: dict[bytes, bytes]) -> None:
    tag = answer.etag.encode()
    if _etag_matches(headers, answer.etag):
        await send({"type": "http.response.start", "status": 304,
                    "headers": [(b"etag", tag)]})
        await send({"type": "http.response.body", "body": b""})
        return
    body = answer.encoded.encode()
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"etag", tag)]})
    await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` giving the body already read, then what the client sends next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
