"""How a test calls the app as a given caller: the one place tests turn a scope into credentials.

Every API, page and download test that needs a restricted caller goes through
:func:`caller_headers`, so the way callers prove who they are changes here only.
"""

from __future__ import annotations

from fastapi import FastAPI

from api.context import ROLE_HEADER, SCOPE_HEADER
from graph.queries.scope import Scope

__all__ = ["caller_headers"]


def caller_headers(app: FastAPI, scope: Scope) -> dict[str, str]:
    """Headers that make ``app`` treat a request as coming from a caller with ``scope``."""
    headers = {} if scope.territories is None else {
        SCOPE_HEADER: ",".join(sorted(scope.territories))}
    if scope.pseudonymised:
        headers[ROLE_HEADER] = "analyst"
    return headers
