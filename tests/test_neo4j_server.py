"""Real tests of graph.store.neo4j_server: install, start, Bolt, restart, stop. No mocks.

Each test server gets its own home (pytest's tmp_path) and a free port, so it never touches
the developer's server. The jars are shared: ``lib_dir`` points at the default home's lib
folder (``$METHODNET_NEO4J_HOME/lib`` or ``<repo>/.cache/neo4j/lib``), so they are
downloaded once (~125 MB, about a minute and a half) and reused afterwards.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase, ManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.store import neo4j_server
from graph.store.neo4j_server import Neo4jServerConfig, Neo4jServerError

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(home: Path) -> Neo4jServerConfig:
    return Neo4jServerConfig(
        home=home,
        port=_free_port(),
        heap="512m",
        page_cache="64m",
        tx_memory="128m",
        lib_dir=neo4j_server.default_home() / "lib",
    )


@pytest.fixture
def config(tmp_path: Path) -> Iterator[Neo4jServerConfig]:
    """A config with its own home and port; whatever it started is stopped afterwards."""
    cfg = _config(tmp_path / "neo4j")
    yield cfg
    neo4j_server.stop(cfg, timeout=30)


def test_status_when_stopped(config: Neo4jServerConfig) -> None:
    st = neo4j_server.status(config)
    assert st.running is False
    assert st.pid is None
    assert st.uri == f"bolt://127.0.0.1:{config.port}" == neo4j_server.uri(config)
    assert st.home == config.home
    assert neo4j_server.stop(config) is False


def test_install_is_idempotent(config: Neo4jServerConfig) -> None:
    neo4j_server.install(config)
    assert neo4j_server.is_installed(config)
    assert (config.lib_path / f"neo4j-{neo4j_server.neo4j_version()}.jar").is_file()
    messages: list[str] = []
    neo4j_server.install(config, messages.append)  # already done: quick and silent
    assert messages == []
    assert neo4j_server.status(config).version == neo4j_server.neo4j_version()


def test_start_refuses_a_port_held_by_something_else(config: Neo4jServerConfig) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", config.port))
        squatter.listen()
        with pytest.raises(Neo4jServerError, match="already in use"):
            neo4j_server.start(config)
    assert neo4j_server.status(config).running is False


def test_start_query_restart_keeps_data_stop(config: Neo4jServerConfig) -> None:
    st = neo4j_server.start(config, timeout=180)
    assert st.running and st.pid is not None
    assert st.version == neo4j_server.neo4j_version()
    assert neo4j_server.start(config).pid == st.pid  # already running: same process

    with GraphDatabase.driver(st.uri, auth=None) as driver:
        driver.verify_connectivity()
        with driver.session() as session:
            assert session.run("CREATE (n:T {x:1}) RETURN n.x AS x").single(strict=True)["x"] == 1

            # Community edition schema features the store relies on.
            for _ in range(2):  # IF NOT EXISTS: the second run is a no-op
                session.run(
                    "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE"
                ).consume()
                session.run(
                    "CREATE INDEX supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.id)"
                ).consume()
            session.run("CALL db.awaitIndexes(120)").consume()

            def link(tx: ManagedTransaction) -> int:
                tx.run(
                    "MERGE (a:Node {id: 'a'}) MERGE (b:Node {id: 'b'}) "
                    "MERGE (a)-[:SUPPORTS {id: 's1'}]->(b)"
                ).consume()
                record = tx.run("MATCH ()-[r:SUPPORTS {id: 's1'}]->() RETURN count(r) AS c").single(
                    strict=True
                )
                return int(record["c"])

            assert session.execute_write(link) == 1
            with pytest.raises(ConstraintError):
                session.run("CREATE (:Node {id: 'a'})").consume()

            plan = (
                session.run("EXPLAIN MATCH ()-[r:SUPPORTS]-() WHERE r.id = 's1' RETURN r")
                .consume()
                .plan
            )
            assert plan is not None
            assert "RelationshipIndexSeek" in repr(plan)

    assert neo4j_server.stop(config) is True
    stopped = neo4j_server.status(config)
    assert stopped.running is False and stopped.pid is None
    assert not config.pid_file.exists()

    st2 = neo4j_server.start(config, timeout=180)
    assert st2.running and st2.pid != st.pid
    with GraphDatabase.driver(st2.uri, auth=None) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN coalesce(n.id, toString(n.x)) AS key ORDER BY key"
        )
        assert [r["key"] for r in records] == ["1", "a", "b"]
        records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name, type")
        assert {(r["name"], r["type"]) for r in records} == {("node_id", "UNIQUENESS")}
        records, _, _ = driver.execute_query(
            "SHOW INDEXES YIELD name, entityType, state WHERE name = 'supports_id'"
        )
        assert [(r["entityType"], r["state"]) for r in records] == [("RELATIONSHIP", "ONLINE")]

    assert neo4j_server.stop(config) is True
    assert neo4j_server.status(config).running is False
    assert neo4j_server.stop(config) is False


@pytest.mark.neo4j
def test_store_streams_reads_too_large_to_collect(tmp_path: Path) -> None:
    """A store read is one collected list, built in the server's transaction memory; when a
    result would not fit (a country's people), the same read streams record by record."""
    from graph.model import Batch, Person
    from graph.store.neo4j import Neo4jStore

    config = _config(tmp_path / "neo4j")
    config = Neo4jServerConfig(**{**config.__dict__, "tx_memory": "10m"})
    st = neo4j_server.start(config, timeout=180)
    try:
        with Neo4jStore.connect(st.uri, batch_size=200) as store:
            batch = Batch()
            for i in range(20000):
                batch.add(Person(id=f"p{i:05d}", full_name=f"Учитель {'Длинное Имя ' * 30}{i}",
                                 synthetic=True))
            store.bulk_write([batch])  # small transactions: each fits in 10 MiB
            people = store.nodes("Person")
            found = store.get_nodes([f"p{i:05d}" for i in range(20000)])
            assert store.streamed_reads == 2
            # Within a question the large read streams too; the reads before it stand.
            together = store.read_together(
                lambda: (store.get_node("p00007"), store.nodes("Person")))
            assert store.streamed_reads == 3
    finally:
        neo4j_server.stop(config, timeout=30)
    assert [p.id for p in people] == [f"p{i:05d}" for i in range(20000)]
    assert people[7].props["full_name"].endswith(" 7")
    assert len(found) == 20000
    assert together[0] == people[7] and together[1] == people
