"""Storage: one interface (:class:`Store`), an embedded networkx store and a Neo4j store."""

from __future__ import annotations

from collections.abc import Callable

from graph.settings import Settings, StoreKind
from graph.store.base import GraphCounts, Progress, Store, WriteSummary
from graph.store.memory import MemoryStore

__all__ = ["GraphCounts", "MemoryStore", "Progress", "Store", "WriteSummary", "open_store"]


def open_store(
    settings: Settings,
    kind: StoreKind | None = None,
    *,
    readonly: bool = False,
    say: Callable[[str], None] | None = None,
    wait: bool = False,
) -> Store:
    """Open the store the settings (or ``kind``) name.

    For Neo4j: the server at ``NEO4J_URI`` if set, else the project's own server, started
    here if it is not running yet. ``wait`` opens a Neo4j store even while its server does not
    answer (see :meth:`Neo4jStore.connect <graph.store.neo4j.Neo4jStore.connect>`): the app
    starts, says so on ``/healthz`` and works once the server is back.
    """
    kind = kind or settings.store
    if kind == "memory":
        return MemoryStore(settings.store_path, readonly=readonly)
    from graph.store import neo4j_server
    from graph.store.neo4j import Neo4jStore

    uri = settings.neo4j_uri
    if uri is None:
        config = neo4j_server.Neo4jServerConfig()
        status = neo4j_server.status(config)
        if not status.running:
            if say:
                say(f"starting the bundled Neo4j in {config.home} …")
            status = neo4j_server.start(config)
        uri = status.uri
    return Neo4jStore.connect(
        uri,
        settings.neo4j_user,
        settings.neo4j_password,
        database=settings.neo4j_database,
        read_timeout=settings.neo4j_read_timeout,
        batch_size=settings.neo4j_batch_size,
        wait=wait,
    )
