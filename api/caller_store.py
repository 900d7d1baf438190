"""The store a caller reads: the app's store, or for an analyst the same store pseudonymised.

Every surface (the GraphQL context, the pages and their downloads) asks :func:`caller_store`,
so none can hand an analyst real names. The pseudonymised view is one object per app and
store, kept on ``app.state``: caches that key on the store (the dashboards, the search index)
hold analysts' answers apart from everyone else's.
"""

from __future__ import annotations

import threading

from starlette.requests import HTTPConnection

from graph.queries.scope import Scope
from graph.settings import Settings, get_settings
from graph.store.base import Store
from graph.store.pseudonymised import PseudonymisedStore, load_key

__all__ = ["caller_store"]

_lock = threading.Lock()


def caller_store(request: HTTPConnection, scope: Scope) -> Store:
    """The store the caller of ``request``, whose scope is ``scope``, may read."""
    store: Store = request.app.state.store
    if not scope.pseudonymised:
        return store
    state = request.app.state
    with _lock:
        view: PseudonymisedStore | None = getattr(state, "pseudonymised_store", None)
        if view is None or view.inner is not store:
            settings: Settings = getattr(state, "settings", None) or get_settings()
            secret = settings.pseudonym_key.get_secret_value() if settings.pseudonym_key else None
            view = PseudonymisedStore(store, load_key(secret, settings.pseudonym_key_file))
            state.pseudonymised_store = view
        return view
