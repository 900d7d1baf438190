"""The GraphQL endpoint with its bounds: queries over POST only, JSON decoded safely, answers
no larger than :data:`MAX_ANSWER_BYTES`."""

from __future__ import annotations

import json

from fastapi import HTTPException
from strawberry.fastapi import GraphQLRouter

__all__ = ["MAX_ANSWER_BYTES", "BoundedGraphQLRouter"]

MAX_ANSWER_BYTES = 10 * 1024 * 1024
"""The largest answer the endpoint sends; a larger one is replaced by an error saying so."""


class BoundedGraphQLRouter(GraphQLRouter):
    """Strawberry's router, refusing queries over GET (a foreign page could fire them from a
    coordinator's browser; GET still serves GraphiQL), nesting that would exhaust the JSON
    decoder, and answers over :data:`MAX_ANSWER_BYTES`."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_queries_via_get", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json.loads(data)
        except RecursionError as e:
            raise HTTPException(400, "the request body nests too deep / тело запроса слишком "
                                     "глубоко вложено") from e

    def encode_json(self, data: object) -> str | bytes:
        encoded = json.dumps(data, separators=(",", ":"))
        if len(encoded) <= MAX_ANSWER_BYTES:
            return encoded
        message = (f"the answer would take {len(encoded)} bytes, more than the "
                   f"{MAX_ANSWER_BYTES} allowed: ask for fewer items (first, top, limit) / "
                   f"ответ слишком большой ({len(encoded)} байт при допустимых "
                   f"{MAX_ANSWER_BYTES}): запросите меньше элементов")
        return json.dumps({"data": None, "errors": [{"message": message}]})
