"""Fixtures shared by every test: the conformance ``store`` runs each test on both stores."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.store import MemoryStore, Store

REPO = Path(__file__).resolve().parent.parent

# Starlette's TestClient sends "Host: testserver"; the app answers only trusted host names
# (api/guards.py), so tests trust that name too. Tests that send many requests to one app must
# not depend on their speed, so the rate limit is off unless a test sets it.
# tests/test_guards.py checks both with settings of its own.
os.environ.setdefault("METHODNET_ALLOWED_HOSTS", '["localhost", "127.0.0.1", "::1", "testserver"]')
os.environ.setdefault("METHODNET_RATE_LIMIT_PER_MINUTE", "0")


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """A real Neo4j: ``NEO4J_URI`` if set, else the project's own server, started for the run.

    Each xdist worker has a server of its own (``tests/neo4j_test_server.py``). A server this
    session started is stopped at the end, unless ``METHODNET_KEEP_TEST_NEO4J=1`` asks to keep it
    for quicker repeated runs.
    """
    uri = os.environ.get("NEO4J_URI")
    if uri:
        if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
            # Every worker clears the server before each Neo4j test: they cannot share one.
            pytest.exit("NEO4J_URI is one server for all the test workers; run the tests in one "
                        "process (pytest -n 0, or make test TEST_WORKERS=0).", returncode=3)
        yield uri
        return
    from graph.store import neo4j_server
    from tests import neo4j_test_server

    config = neo4j_test_server.config()
    already = neo4j_server.status(config).running
    try:
        status = neo4j_server.start(config)
    except neo4j_server.Neo4jServerError as exc:
        # One clear stop instead of a setup error on every Neo4j test. The usual cause: a
        # server kept (METHODNET_KEEP_TEST_NEO4J=1) by another checkout holds the port.
        pytest.exit(
            f"the test Neo4j did not start: {exc}\n"
            "Set METHODNET_TEST_NEO4J_PORT to a free port, or NEO4J_URI to a running Neo4j, "
            "or stop the server holding the port.",
            returncode=3,
        )
    yield status.uri
    if not already and os.environ.get("METHODNET_KEEP_TEST_NEO4J") != "1":
        neo4j_server.stop(config)


@pytest.fixture(scope="session")
def _neo4j_store(neo4j_uri: str) -> Iterator[Store]:
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore.connect(
        neo4j_uri, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    )
    yield store
    store.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store of each kind; a test using it runs once per store and must pass on both."""
    if request.param == "memory":
        yield MemoryStore()
        return
    neo: Store = request.getfixturevalue("_neo4j_store")
    neo.clear()
    yield neo
    neo.clear()


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """A fresh embedded store on disk holding the bundled data (``data/``), each call a copy of
    its own: the data is loaded once per run (the regulations' parse takes seconds), and no test
    sees another's writes."""
    snapshot = tmp_path_factory.mktemp("sample-snapshot") / "store"
    from graph.loaders import load_path

    with MemoryStore(snapshot) as loaded:
        load_path(loaded, REPO / "data")

    def copy() -> Path:
        path = tmp_path_factory.mktemp("sample") / "store"
        shutil.copytree(snapshot, path)
        return path

    return copy
