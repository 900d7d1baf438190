"""The test session's own Neo4j: one per pytest-xdist worker, each with its own port and data.

``make test`` runs the suite in two worker processes (``pytest -n 2``); each clears its server
before every Neo4j test, so two workers must never share one. Worker ``gwN`` gets the port
``METHODNET_TEST_NEO4J_PORT`` (default 7697) plus N and the data folder ``test`` (``gw0`` or a
run without workers) or ``test-gwN`` under the server home.

    >>> worker_index("gw1"), worker_index(""), worker_index("master")
    (1, 0, 0)
"""

from __future__ import annotations

import os

from graph.store import neo4j_server


def worker_index(worker: str) -> int:
    """The number of an xdist worker id (``gw3`` → 3); 0 outside xdist."""
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0


def config() -> neo4j_server.Neo4jServerConfig:
    """The config of this process's test server (see the module docstring)."""
    index = worker_index(os.environ.get("PYTEST_XDIST_WORKER", ""))
    home = neo4j_server.default_home()
    return neo4j_server.Neo4jServerConfig(
        home=home / ("test" if index == 0 else f"test-gw{index}"),
        port=int(os.environ.get("METHODNET_TEST_NEO4J_PORT", "7697")) + index,
        lib_dir=home / "lib",
    )
