"""The per-request GraphQL context: the store, the caller's scope and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from api.auth.caller import NOTHING, Caller
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store.base import Store

__all__ = ["Context", "Info", "caller_scope"]


def caller_scope(request: HTTPConnection) -> Scope:
    """The scope of the caller of ``request``: the one place every surface (GraphQL, pages,
    downloads) asks what the caller may see and write.

    It comes only from the signed-in user (or local mode's single user), which the sign-in
    middleware (:mod:`api.auth.middleware`) puts on ``request.state.caller``; nothing a caller
    sends in a header can widen it. A request the middleware did not see gets no territory.
    """
    caller = getattr(request.state, "caller", None)
    return caller.scope if caller is not None else NOTHING


@dataclass
class Context(BaseContext):
    store: Store
    settings: Settings
    scope: Scope
    caller: Caller | None = None
    """Who asks; ``None`` for in-process use by whoever holds the store (``methodnet query``)."""
    loaders: dict[str, Any] = field(default_factory=dict)


Info = strawberry.Info[Context, None]
