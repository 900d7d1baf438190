"""Cursor pagination (Relay-style connections) for long lists."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.errors import MethodnetError

__all__ = ["MAX_PAGE", "Connection", "Edge", "PageInfo", "paginate", "reach"]

T = TypeVar("T")
S = TypeVar("S")
MAX_PAGE = 500


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
    total_count: int


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    page_info: PageInfo
    edges: list[Edge[T]]

    @strawberry.field
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "o":
            raise ValueError
        return int(value) + 1
    except (ValueError, UnicodeDecodeError) as e:
        raise MethodnetError(f"the cursor {cursor!r} is not one this API gave out") from e


def paginate(items: Sequence[S], first: int, after: str | None,
             convert: Callable[[S], T], *, total: int | None = None) -> Connection[T]:
    """One page of ``items`` (already in a stable order) after the cursor ``after``.

    ``total``: how many items the whole list has when ``items`` is only its beginning (long
    enough for the page: see :func:`reach`)."""
    if first < 0 or first > MAX_PAGE:
        raise MethodnetError(f"first must be between 0 and {MAX_PAGE}, not {first}")
    start = _offset(after)
    page = items[start : start + first]
    edges = [Edge(cursor=_cursor(start + i), node=convert(x)) for i, x in enumerate(page)]
    total = len(items) if total is None else total
    return Connection(
        page_info=PageInfo(
            has_next_page=start + first < total,
            end_cursor=edges[-1].cursor if edges else after,
            total_count=total,
        ),
        edges=edges,
    )


def reach(first: int, after: str | None) -> int:
    """How many items of a list a page reaches: those before it and its own.

    >>> reach(50, None), reach(10, _cursor(49))
    (50, 60)
    """
    return _offset(after) + max(first, 0)
