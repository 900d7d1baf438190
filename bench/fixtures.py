"""What a benchmark stands on: generated datasets, the regulations, and the bench Neo4j server."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from bench.harness import REPO, WORK_DIR
from graph.generate import generate
from graph.store import neo4j_server
from graph.store.neo4j import Neo4jStore

__all__ = [
    "BENCH_PORT",
    "REGULATIONS",
    "SEED",
    "dataset",
    "dataset_rows",
    "fresh_neo4j",
    "neo4j_config",
    "neo4j_pid",
    "open_neo4j",
    "start_neo4j",
]

SEED = 1
REGULATIONS = REPO / "data" / "regulations"
# A port of its own, so the bench never touches a developer's server or the test server.
BENCH_PORT = int(os.environ.get("METHODNET_BENCH_NEO4J_PORT", "7737"))
_DONE = ".bench-complete.json"

# An empty database makes the driver warn about every label it does not know yet.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def dataset(scale: str, seed: int = SEED, root: Path = WORK_DIR / "data") -> Path:
    """The synthetic dataset folder of a scale, generated once and kept under ``var/bench``.

    A folder without its completion marker (an interrupted generation) is generated again.
    """
    out = root / f"{scale}-{seed}"
    if (out / _DONE).exists():
        return out
    report = generate(scale, seed, out)  # type: ignore[arg-type]
    (out / _DONE).write_text(json.dumps({"rows": report.rows, "totals": report.totals}))
    return out


def dataset_rows(path: Path) -> dict[str, Any]:
    """The generator's report of a dataset folder made by :func:`dataset`: rows and totals."""
    marker = path / _DONE
    if not marker.exists():
        return {}
    data: dict[str, Any] = json.loads(marker.read_text())
    return data


def neo4j_config(heap: str = "1g", page_cache: str = "512m",
                 tx_memory: str = "700m") -> neo4j_server.Neo4jServerConfig:
    """The bench's own Neo4j home (``var/bench/neo4j``), sharing the project's jars."""
    return neo4j_server.Neo4jServerConfig(
        home=WORK_DIR / "neo4j", port=BENCH_PORT, heap=heap, page_cache=page_cache,
        tx_memory=tx_memory, lib_dir=neo4j_server.default_home() / "lib")


def start_neo4j(config: neo4j_server.Neo4jServerConfig) -> neo4j_server.ServerStatus:
    """Start the bench server (installing the jars if needed); returns at once if it runs."""
    return neo4j_server.start(config, timeout=600)


def fresh_neo4j(config: neo4j_server.Neo4jServerConfig) -> neo4j_server.ServerStatus:
    """The bench server started on an empty database with ``config``'s memory settings.

    Stops whatever runs and deletes the database folder: emptying a loaded country with
    ``Store.clear()`` takes many minutes; a new folder takes seconds.
    """
    neo4j_server.stop(config, timeout=120)
    shutil.rmtree(config.data_dir, ignore_errors=True)
    return neo4j_server.start(config, timeout=600)


def neo4j_pid(config: neo4j_server.Neo4jServerConfig) -> int | None:
    """The server's pid, for sampling its memory."""
    return neo4j_server.status(config).pid


def open_neo4j(config: neo4j_server.Neo4jServerConfig, **kwargs: Any) -> Neo4jStore:
    """A store on the bench server."""
    return Neo4jStore.connect(neo4j_server.uri(config), **kwargs)
