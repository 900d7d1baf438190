"""What ``/healthz`` answers: whether the store answers, and nothing of what it holds.

A store that does not answer (Neo4j down, or not yet up when the app started) is HTTP 503 with
``status: "unavailable"`` and a message saying so; the app keeps running and answers ``ok``
again as soon as the store does, without a restart.
"""

from __future__ import annotations

from typing import Any

from graph.errors import StoreError
from graph.store.base import Store

__all__ = ["store_health"]


def store_health(store: Store) -> tuple[int, dict[str, Any]]:
    """``(HTTP status, body)`` of ``/healthz`` for ``store``.

    >>> from graph.store import MemoryStore
    >>> store_health(MemoryStore())
    (200, {'status': 'ok', 'store': 'memory'})

    The probe needs no sign-in, so it tells only the status: counts of the whole store would
    tell a restricted caller what it cannot see (GraphQL's ``counts`` is scoped).

    The store must answer a read, not only a ping, and the read must stay short however much
    the store holds: a store that tells its revision answers that one short read (on Neo4j
    counting every node by label took 2–3 s at the scale of a country); one that cannot is
    asked its counts.
    """
    try:
        store.check()
        if store.revision is None:
            store.counts()
    except StoreError as e:
        return 503, {
            "status": "unavailable",
            "store": store.kind,
            "message": f"the store does not answer / хранилище не отвечает: {e}",
        }
    return 200, {"status": "ok", "store": store.kind}
