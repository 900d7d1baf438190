"""The GraphQL endpoint with its bounds: queries over POST only, JSON decoded safely, execution
and encoding in worker threads (at most :data:`WORKERS` at once), answers no larger than
:data:`MAX_ANSWER_BYTES`, and answers kept per store revision with an ``ETag``
(:mod:`api.answers`).

An executed request costs one hop to a worker thread: the operation is parsed, checked,
validated, executed and its answer encoded there, on an event loop the thread keeps from one
request to the next (:func:`run_here`), and the questions its resolvers ask run in that same
thread (:func:`api.offloop.off_the_loop`). The store's revision is read only when the answer
may be kept.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import orjson
from anyio import CapacityLimiter, to_thread
from anyio.lowlevel import RunVar
from fastapi import HTTPException, Request
from starlette.responses import Response
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.http import process_result as http_result
from strawberry.http.typevars import Context
from strawberry.types import ExecutionResult

from api.answers import Answer, AnswerCache, answer_key
from api.bounds import OFF_THE_LOOP
from api.fastpath import FAST_KEY, REVISION
from api.graphiql import GraphiQLPage

__all__ = ["MAX_ANSWER_BYTES", "WORKERS", "BoundedGraphQLRouter", "encode_answer", "run_here"]

MAX_ANSWER_BYTES = 10 * 1024 * 1024
"""The largest answer the endpoint sends; a larger one is replaced by an error saying so."""
WORKERS = 8
"""GraphQL operations executed at once; more wait their turn, leaving the server's other
threads to pages and ``/healthz``."""

_LIMITER: RunVar[CapacityLimiter] = RunVar("graphql_workers")


def _workers() -> CapacityLimiter:
    try:
        return _LIMITER.get()
    except LookupError:
        limiter = CapacityLimiter(WORKERS)
        _LIMITER.set(limiter)
        return limiter


T = TypeVar("T")


class _ThreadLoop(threading.local):
    """A worker thread's own event loop, closed when the thread ends."""

    loop: asyncio.AbstractEventLoop | None = None

    def __del__(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.close()


_THREAD = _ThreadLoop()


def run_here(work: Coroutine[Any, Any, T]) -> T:
    """``work`` run to its end on this thread's own event loop, made on the thread's first
    operation and kept for the next (``asyncio.run`` would make and close a loop, its
    selector and its self-pipe for every request, and anyio a fresh worker thread for it).
    Tasks ``work`` leaves behind are cancelled, as ``asyncio.run`` would.

    >>> async def two() -> int:
    ...     return 2
    >>> run_here(two()), run_here(two())
    (2, 2)
    """
    loop = _THREAD.loop
    if loop is None or loop.is_closed():
        loop = _THREAD.loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(work)
    finally:
        left = asyncio.all_tasks(loop)
        if left:
            for task in left:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))


def encode_answer(data: object) -> str:
    """``data`` as compact JSON, or an error when it would pass :data:`MAX_ANSWER_BYTES`.

    Encoded by orjson (several times faster than the standard library on an answer of a few
    hundred objects); text outside ASCII is written as UTF-8, not as ``\\u`` escapes, so an
    answer in Russian is about half as many bytes. A value orjson refuses (an integer beyond
    64 bits) falls back to the standard library.

    >>> encode_answer({"data": {"a": 1, "name": "Школа"}})
    '{"data":{"a":1,"name":"Школа"}}'
    >>> encode_answer({"data": "x" * MAX_ANSWER_BYTES})[:60]
    '{"data":null,"errors":[{"message":"the answer would take 104'
    """
    try:
        encoded = orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError: what only the standard library writes
        encoded = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    if len(encoded) <= MAX_ANSWER_BYTES:
        return encoded.decode()
    message = (f"the answer would take {len(encoded)} bytes, more than the {MAX_ANSWER_BYTES} "
               f"allowed: ask for fewer items (first, top, limit) / ответ слишком большой "
               f"({len(encoded)} байт при допустимых {MAX_ANSWER_BYTES}): запросите меньше "
               "элементов")
    return orjson.dumps({"data": None, "errors": [{"message": message}]}).decode()


class _Encoded(dict[str, Any]):
    """An answer already encoded in a worker thread (see ``process_result`` below)."""

    encoded: str


class _Kept(ExecutionResult):
    """Stands for an answer found in the cache: nothing was executed."""


def _etag_matches(request: Request, etag: str) -> bool:
    """Whether the client already holds the answer (``If-None-Match``, weak tags compared
    weakly as RFC 9110 asks for this header)."""
    told = request.headers.get("if-none-match", "")
    return told.strip() == "*" or etag in {t.strip().removeprefix("W/") for t in told.split(",")}


class BoundedGraphQLRouter(GraphiQLPage, GraphQLRouter):
    """Strawberry's router, refusing queries over GET (a foreign page could fire them from a
    coordinator's browser; GET serves our offline GraphiQL, :mod:`api.graphiql`) and nesting
    that would exhaust the JSON decoder; executing each operation in a worker thread with an
    event loop of its own, so that completing and encoding a large answer never holds up the
    server's loop."""

    def __init__(self, *args: Any, answers: AnswerCache | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("allow_queries_via_get", False)
        # No subscriptions: no WebSocket, whose messages would pass the HTTP guards.
        kwargs.setdefault("subscription_protocols", ())
        super().__init__(*args, **kwargs)
        self.answers = answers if answers is not None else AnswerCache()

    async def run(self, request: Any, context: Any = None, root_value: Any = None) -> Any:
        response = await super().run(request, context=context, root_value=root_value)
        answer: Answer | None = getattr(getattr(request, "state", None), "answer", None)
        if answer is None or not isinstance(response, Response) or response.status_code != 200:
            return response
        if _etag_matches(request, answer.etag):
            return Response(status_code=304, headers={"ETag": answer.etag})
        response.headers["ETag"] = answer.etag
        return response

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json.loads(data)
        except RecursionError as e:
            raise HTTPException(400, "the request body nests too deep / тело запроса слишком "
                                     "глубоко вложено") from e

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        parent = super().execute_single
        request: Request = kwargs["request"]
        key = await self._key(request, kwargs["context"], kwargs["request_data"])
        if key is not None:
            kept = self.answers.get(key)
            if kept is not None:
                request.state.answer = kept
                return _Kept(data=None, errors=None)
            request.state.answer_key = key

        def work() -> ExecutionResult:
            token = OFF_THE_LOOP.set(True)  # parsing, validation, questions: no further thread
            try:
                result = run_here(parent(*args, **kwargs))
            finally:
                OFF_THE_LOOP.reset(token)
            if not isinstance(result, ExecutionResult):
                return result
            data = http_result(result)  # encoded here too, off the server's loop
            request.state.encoded = (result, data, encode_answer(data))
            return result

        return await to_thread.run_sync(work, limiter=_workers())

    async def _key(self, request: Request, context: Context, request_data: Any) -> str | None:
        """The answer's cache key, or ``None``: not a single POSTed query with a store that
        tells its revision (a batch of operations is never kept)."""
        if request.method != "POST" or hasattr(request.state, "answer_key") \
                or not hasattr(context, "store") or not hasattr(context, "scope") \
                or not self.answers.keeps:
            request.state.answer_key = None  # a second operation in one request: keep none
            return None
        revision = getattr(request.state, REVISION, None)  # read by the fast path
        if revision is None:
            revision = await to_thread.run_sync(lambda: context.store.revision,
                                                limiter=_workers())
        return answer_key(request_data.query, request_data.variables,
                          request_data.operation_name, context.scope, revision)

    async def process_result(self, request: Request,
                             result: ExecutionResult) -> GraphQLHTTPResponse:
        if isinstance(result, _Kept):
            kept = _Encoded()
            kept.encoded = request.state.answer.encoded
            return kept  # type: ignore[return-value]
        done = getattr(request.state, "encoded", None)
        if done is not None and done[0] is result:  # encoded in the worker (execute_single)
            answer = _Encoded(done[1])
            answer.encoded = done[2]
        else:
            data = await super().process_result(request, result)
            answer = _Encoded(data)
            answer.encoded = await to_thread.run_sync(encode_answer, data, limiter=_workers())
        key = getattr(request.state, "answer_key", None)
        if key is not None and not result.errors and result.data is not None:
            request.state.answer = self.answers.put(key, answer.encoded)
            fast = getattr(request.state, FAST_KEY, None)
            if fast is not None:  # the same answer for the same bytes (api/fastpath.py)
                self.answers.put(fast, answer.encoded)
        return answer  # type: ignore[return-value]

    def encode_json(self, data: object) -> str | bytes:
        if isinstance(data, _Encoded):
            return data.encoded
        return encode_answer(data)
