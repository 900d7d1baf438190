"""Neo4j restarted under a running app: noticed, and the first screen warmed up again.

A restarted Neo4j has dropped every plan and cached page. The app's :class:`ServerWatch`
(``graph/queries/warm_up.py``) reads the server's start time on a thread of its own and when
``/healthz`` is asked; when it changed, the warm-up runs again in the background and
``/healthz`` says so (``server_restarts``, ``warm_up``). The test restarts the test session's
own Neo4j with the project's helper (``graph.store.neo4j_server``): it is skipped when the tests
run against a Neo4j named by ``NEO4J_URI``, which is not the test's to restart.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries import kept_counts
from graph.queries.demo import demo_store
from graph.queries.gaps import GapKind, gap_report
from graph.queries.warm_up import ServerWatch
from graph.store import MemoryStore, Store, neo4j_server
from tests import neo4j_test_server
from tests.test_warm_up import PERIOD, _app_settings, _background_done


def _healthy(client: TestClient, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get("/healthz")
        if answer.status_code == 200 or time.monotonic() > deadline:
            assert answer.status_code == 200, answer.text
            body: dict[str, object] = answer.json()
            return body
        time.sleep(0.5)


def test_a_store_without_a_server_of_its_own_is_never_restarted() -> None:
    store = MemoryStore()
    assert store.server_started() is None
    watch = ServerWatch(store)
    assert [watch.check(), watch.check()] == [False, False]
    assert (watch.restarts, watch.warm_up, watch.started) == (0, None, None)


@pytest.mark.neo4j
def test_neo4j_restarted_under_a_running_app_is_noticed_and_warmed_up_again(
        _neo4j_store: Store, neo4j_uri: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the Neo4j named by NEO4J_URI is not this test's to restart")
    store = _neo4j_store
    store.clear()
    demo_store(store)
    store.forget_gap_partials()
    settings = _app_settings(neo4j_uri, tmp_path, monkeypatch)
    with TestClient(create_app(settings=settings)) as client:
        state = client.app.state  # type: ignore[attr-defined]
        first = state.warm_up
        assert first.wait(300) and first.state == "done"
        health = _healthy(client)
        assert health["warm_up"] == "done" and "server_restarts" not in health
        watch = state.watch
        started = watch.started
        assert isinstance(started, int)
        assert not watch.check()  # the same server: nothing to do
        planned = kept_counts._PLANNING.get(state.store)

        config = neo4j_test_server.config()
        neo4j_server.stop(config, timeout=120)
        neo4j_server.start(config, timeout=300)

        health = _healthy(client)  # the probe notices at once, the watch's thread later
        assert health["server_restarts"] == 1
        assert health["warm_up"] in ("running", "done")
        assert watch.started != started
        again = watch.warm_up
        assert again is not None and again is not first
        assert again.wait(300) and (again.state, again.error) == ("done", None)
        health = _healthy(client)
        assert (health["warm_up"], health["server_restarts"]) == ("done", 1)
        # The recount statements were planned again on the new server.
        assert kept_counts._PLANNING.get(state.store) is not planned
        _background_done()
    # The first screen after it is whole and exact.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        exact = gap_report(store, period=PERIOD)
    screen = gap_report(store, period=PERIOD, first=50)
    assert screen.counts == exact.counts
    assert all(screen.gaps[k] == exact.gaps[k][:50] for k in GapKind)
    store.clear()
