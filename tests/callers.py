"""How a test calls the app as a given caller: the one place tests turn a scope into credentials.

Every API, page and download test that needs a restricted caller goes through
:func:`caller_headers`, so the way callers prove who they are changes here only: a user of the
matching role is made in the app's store, and a fresh bearer token of theirs is returned.
"""

from __future__ import annotations

from fastapi import FastAPI

from graph.auth import users
from graph.queries.scope import Scope
from graph.store.base import Store

__all__ = ["caller_headers", "role_for"]


def role_for(store: Store, scope: Scope) -> tuple[str, str | None]:
    """The role and territory of a user whose scope is ``scope``.

    unrestricted → admin; a region → regional_coordinator; a municipality →
    district_coordinator; read-only and pseudonymised → analyst.
    """
    if scope.read_only or scope.pseudonymised:
        if not (scope.read_only and scope.pseudonymised):
            raise ValueError(f"no role gives {scope}: read-only goes with pseudonymised")
        territories = sorted(scope.territories) if scope.territories is not None else []
        if len(territories) > 1:
            raise ValueError(f"a user has one territory, not {territories}")
        return "analyst", territories[0] if territories else None
    if scope.territories is None:
        return "admin", None
    if len(scope.territories) != 1:
        raise ValueError(f"a user has one territory, not {sorted(scope.territories)}")
    (territory,) = scope.territories
    node = store.get_node(territory)
    if node is None:
        raise ValueError(f"{territory!r} is not a territory of the app's store")
    role = {"Region": "regional_coordinator",
            "Municipality": "district_coordinator"}.get(node.label)
    if role is None:
        raise ValueError(f"{territory!r} is a {node.label}, not a region or municipality")
    return role, territory


def caller_headers(app: FastAPI, scope: Scope) -> dict[str, str]:
    """Headers that make ``app`` treat a request as coming from a caller with ``scope``."""
    store: Store = app.state.store
    role, territory = role_for(store, scope)
    login = f"test-{role}-{territory or 'all'}".lower().replace("_", "-")[:64]
    if users.get_user(store, login) is None:
        users.add_user(store, login, role, territory=territory)
    return {"Authorization": f"Bearer {users.issue_token(store, login)}"}
