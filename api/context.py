"""The per-request GraphQL context: the store, the caller's scope and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store.base import Store

__all__ = ["ROLE_HEADER", "SCOPE_HEADER", "Context", "Info", "caller_scope", "scope_from_header"]

# Until sign-in exists the caller's territories come from this header; the query layer already
# enforces the scope, so authentication can later fill it without touching the queries.
SCOPE_HEADER = "X-Methodnet-Territories"
# Until sign-in exists an analyst says so here; it can only narrow what a caller sees.
ROLE_HEADER = "X-Methodnet-Role"


def scope_from_header(value: str | None) -> Scope:
    """``RU-LEN,RU-AMU`` → a scope of those territories; absent → everything.

    >>> sorted(scope_from_header("RU-LEN, RU-AMU").territories)
    ['RU-AMU', 'RU-LEN']
    >>> scope_from_header(None).unrestricted
    True
    """
    if not value:
        return Scope()
    return Scope.of(t.strip() for t in value.split(",") if t.strip())


def caller_scope(request: HTTPConnection) -> Scope:
    """The scope of the caller of ``request``: the one place every surface (GraphQL, pages,
    downloads) asks what the caller may see and write."""
    scope = scope_from_header(request.headers.get(SCOPE_HEADER))
    if request.headers.get(ROLE_HEADER, "").strip().lower() == "analyst":
        scope = Scope(scope.territories, read_only=True, pseudonymised=True)
    return scope


@dataclass
class Context(BaseContext):
    store: Store
    settings: Settings
    scope: Scope
    loaders: dict[str, Any] = field(default_factory=dict)


Info = strawberry.Info[Context, None]
