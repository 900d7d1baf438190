"""Neo4j going away: an import it was in the middle of is all or nothing, and the app started
without it says so and recovers when it returns (issue #12, point 5).

These tests stop and start a Neo4j server of their own (own port, own data folder under the
test's temporary folder, the shared jars), never the server the rest of the suite uses.
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.main import create_app
from graph.errors import StoreError
from graph.model import Batch, Region
from graph.settings import Settings
from graph.store import neo4j_server
from graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

LOAD = 5_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def own_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[neo4j_server.Neo4jServerConfig]:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the suite runs against an outside Neo4j; these tests need their own")
    config = neo4j_server.Neo4jServerConfig(
        home=tmp_path_factory.mktemp("neo4j-outage"), port=free_port(),
        lib_dir=neo4j_server.default_home() / "lib",
        heap="768m", page_cache="64m", tx_memory="500m",
    )
    neo4j_server.start(config)
    yield config
    neo4j_server.stop(config)


def kill(config: neo4j_server.Neo4jServerConfig) -> None:
    """SIGKILL the server, as a crash or the OOM killer would, and reap it."""
    pid = neo4j_server.status(config).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    neo4j_server.stop(config)  # finds it dead; reaps it and removes the pid file


def load() -> Batch:
    b = Batch()
    for i in range(LOAD):
        b.add(Region(id=f"load-{i}", name=f"Регион {i}"))
    return b


@pytest.mark.parametrize("how", ["kill", "stop"])
def test_server_stopped_mid_import_leaves_all_or_nothing(
    own_server: neo4j_server.Neo4jServerConfig, how: str,
) -> None:
    config = own_server
    neo4j_server.start(config)
    uri = neo4j_server.uri(config)
    # Retries of the driver kept short: the server is not coming back within this write.
    store = Neo4jStore(GraphDatabase.driver(uri, auth=None, max_transaction_retry_time=1.0),
                       owns_driver=True, batch_size=500)
    store.clear()
    first = Batch()
    first.add(Region(id="before", name="Регион до загрузки"))
    store.write(first)
    stopped_at: list[int] = []

    def progress(done: int, total: int) -> None:
        # Called inside the import's one transaction, after each chunk the server took.
        if not stopped_at and done >= total // 2:
            stopped_at.append(done)
            if how == "kill":
                kill(config)
            else:
                neo4j_server.stop(config)

    with pytest.raises(StoreError):
        store.write(load(), progress=progress)
    store.close()
    assert stopped_at and 0 < stopped_at[0] < LOAD  # the server went half-way through

    neo4j_server.start(config)  # recovers from its transaction log
    with Neo4jStore.connect(uri) as again:
        assert [n.id for n in again.nodes("Region")] == ["before"]  # nothing of the import
        again.write(load())  # the same import, run again, is there whole
        assert again.counts().nodes == {"Region": LOAD + 1}


def test_app_started_while_neo4j_is_down_recovers_without_restart(
    own_server: neo4j_server.Neo4jServerConfig, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = own_server
    neo4j_server.stop(config)
    settings = Settings(store="neo4j", NEO4J_URI=neo4j_server.uri(config),
                        pseudonym_key="k")  # type: ignore[call-arg]
    with TestClient(create_app(settings=settings)) as client:  # runs the start-up
        down = client.get("/healthz")
        assert down.status_code == 503
        body = down.json()
        assert body["status"] == "unavailable" and body["store"] == "neo4j"
        assert "хранилище не отвечает" in body["message"]
        answer = client.post("/graphql", json={"query": "{ counts { totalNodes } }"})
        # Sign-in asks the store who the caller is first (are there users yet?): it answers 503.
        assert answer.status_code == 503
        assert "хранилище данных недоступно" in answer.json()["errors"][0]["message"]
        page = client.get("/network/region/RU-LEN", headers={"Accept": "text/html"})
        assert page.status_code == 503 and "Хранилище недоступно" in page.text

        neo4j_server.start(config)
        up = client.get("/healthz")
        assert up.status_code == 200, up.text
        assert up.json()["status"] == "ok"
        counts = client.post("/graphql", json={"query": "{ counts { totalNodes } }"}).json()
        with Neo4jStore.connect(neo4j_server.uri(config)) as direct:
            assert counts["data"]["counts"]["totalNodes"] == direct.counts().total_nodes

        neo4j_server.stop(config)  # and down again while the app runs
        assert client.get("/healthz").status_code == 503
        # said at once: no read waits the 30 s of retries a cluster's leader change may need
        # for a server that accepts no connection at all
        waits: list[float] = []
        monkeypatch.setattr("graph.store.neo4j.time.sleep", waits.append)
        answer = client.post("/graphql", json={"query": "{ counts { totalNodes } }"})
        assert answer.status_code == 503 and waits == []
        monkeypatch.undo()
        neo4j_server.start(config)
        assert client.get("/healthz").status_code == 200

