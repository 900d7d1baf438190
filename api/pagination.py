"""Cursor pagination (Relay-style connections) for long lists."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.errors import MethodnetError

__all__ = ["MAX_PAGE", "Connection", "Edge", "PageInfo", "paginate"]

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
             convert: Callable[[S], T]) -> Connection[T]:
    """One page of ``items`` (already in a stable order) after the cursor ``after``."""
    if first < 0 or first > MAX_PAGE:
        raise MethodnetError(f"first must be between 0 and {MAX_PAGE}, not {first}")
    start = _offset(after)
    page = items[start : start + first]
    edges = [Edge(cursor=_cursor(start + i), node=convert(x)) for i, x in enumerate(page)]
    return Connection(
        page_info=PageInfo(
            has_next_page=start + first < len(items),
            end_cursor=edges[-1].cursor if edges else after,
            total_count=len(items),
        ),
        edges=edges,
    )
