"""The GraphQL endpoint with its bounds: queries over POST only, JSON decoded safely, execution
and encoding in worker threads (at most :data:`WORKERS` at once), answers no larger than
:data:`MAX_ANSWER_BYTES`."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from anyio import CapacityLimiter, to_thread
from anyio.lowlevel import RunVar
from fastapi import HTTPException, Request
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.bounds import OFF_THE_LOOP
from api.graphiql import GraphiQLPage

__all__ = ["MAX_ANSWER_BYTES", "WORKERS", "BoundedGraphQLRouter", "encode_answer"]

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


def encode_answer(data: object) -> str:
    """``data`` as compact JSON, or an error when it would pass :data:`MAX_ANSWER_BYTES`.

    >>> encode_answer({"data": {"a": 1}})
    '{"data":{"a":1}}'
    >>> encode_answer({"data": "x" * MAX_ANSWER_BYTES})[:60]
    '{"data": null, "errors": [{"message": "the answer would take'
    """
    encoded = json.dumps(data, separators=(",", ":"))
    if len(encoded) <= MAX_ANSWER_BYTES:
        return encoded
    message = (f"the answer would take {len(encoded)} bytes, more than the {MAX_ANSWER_BYTES} "
               f"allowed: ask for fewer items (first, top, limit) / ответ слишком большой "
               f"({len(encoded)} байт при допустимых {MAX_ANSWER_BYTES}): запросите меньше "
               "элементов")
    return json.dumps({"data": None, "errors": [{"message": message}]})


class _Encoded(dict[str, Any]):
    """An answer already encoded in a worker thread (see ``process_result`` below)."""

    encoded: str


class BoundedGraphQLRouter(GraphiQLPage, GraphQLRouter):
    """Strawberry's router, refusing queries over GET (a foreign page could fire them from a
    coordinator's browser; GET serves our offline GraphiQL, :mod:`api.graphiql`) and nesting
    that would exhaust the JSON decoder; executing each operation in a worker thread with an
    event loop of its own, so that completing and encoding a large answer never holds up the
    server's loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_queries_via_get", False)
        # No subscriptions: no WebSocket, whose messages would pass the HTTP guards.
        kwargs.setdefault("subscription_protocols", ())
        super().__init__(*args, **kwargs)

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json.loads(data)
        except RecursionError as e:
            raise HTTPException(400, "the request body nests too deep / тело запроса слишком "
                                     "глубоко вложено") from e

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        parent = super().execute_single

        def work() -> ExecutionResult:
            OFF_THE_LOOP.set(True)  # parsing and validation need no further thread
            return asyncio.run(parent(*args, **kwargs))

        return await to_thread.run_sync(work, limiter=_workers())

    async def process_result(self, request: Request,
                             result: ExecutionResult) -> GraphQLHTTPResponse:
        data = await super().process_result(request, result)
        answer = _Encoded(data)
        answer.encoded = await to_thread.run_sync(encode_answer, data, limiter=_workers())
        return answer  # type: ignore[return-value]

    def encode_json(self, data: object) -> str | bytes:
        if isinstance(data, _Encoded):
            return data.encoded
        return encode_answer(data)
