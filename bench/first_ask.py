"""The whole country's first screen asked of a server that has just started, over HTTP.

    METHODNET_BENCH_NEO4J_PORT=7941 .venv/bin/python -m bench.first_ask

On the bench Neo4j as it stands (``bench/run.py --part nation`` loads the nation into it), each
row restarts that Neo4j (every plan and page dropped), starts ``methodnet serve --store neo4j``
on it and asks the coordinator's first screen of the whole country over GraphQL (every count
and the first 50 of each list, ``FIRST_SCREEN_QUERY``):

- **first ask right after start**: as soon as ``/healthz`` answers, while the start-up warm-up
  (``graph/queries/warm_up.py``) runs: the ask waits for it;
- **first ask after the warm-up**: once ``/healthz`` says the warm-up is done (its time, from
  the app's start, is kept as ``warm_up_seconds``; the start-up's, from the command to the
  first answer of ``/healthz``, as ``start_seconds``);
- **first ask after start, no warm-up** (``METHODNET_WARM_UP=0``): what every first ask paid
  before;
- **first ask after Neo4j restarted under a running app**: the server started and its warm-up
  done, the bench Neo4j is restarted under it; as soon as ``/healthz`` answers again (which
  notices the restart and starts the warm-up again: ``graph/queries/warm_up.py``
  ``ServerWatch``) the first screen is asked (none was asked over HTTP before, so no answer is
  kept in the app). ``restart_seconds`` is the restart's own time, ``healthy_seconds`` from its
  end to the first ``/healthz`` that answers.

Prints one JSON line per row, with the load average when it was taken. Made-up data, like all
of the bench's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

import httpx

from bench.api_load import serving
from bench.fixtures import neo4j_config
from bench.harness import REPO, WORK_DIR
from graph.store import neo4j_server

PERIOD = "2025-H2"
PORT = int(os.environ.get("METHODNET_BENCH_API_PORT", "8741"))
FIRST_SCREEN_QUERY = """
query ($period: String) {
  gaps(period: $period) {
    total
    counts { kind count }
    lists { kind count items(first: 50) { pageInfo { totalCount } nodes { nodeId reason } } }
  }
}"""

ROWS = {
    "right_after_start": "first ask right after start (the warm-up under way: waited for)",
    "after_warm_up": "first ask after the warm-up",
    "no_warm_up": "first ask after start, no warm-up (METHODNET_WARM_UP=0)",
    "restarted_under_app": "first ask after Neo4j restarted under a running app",
}


def _restart(config: neo4j_server.Neo4jServerConfig) -> None:
    neo4j_server.stop(config, timeout=120)
    neo4j_server.start(config, timeout=600)


def _ask(url: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    answer = httpx.post(f"{url}/graphql", json={"query": FIRST_SCREEN_QUERY,
                                                "variables": {"period": PERIOD}}, timeout=600)
    seconds = time.perf_counter() - started
    answer.raise_for_status()
    body: dict[str, Any] = answer.json()
    if body.get("errors"):
        raise RuntimeError(str(body["errors"])[:300])
    return seconds, body


def measure(row: str, config: neo4j_server.Neo4jServerConfig | None = None) -> dict[str, Any]:
    """One row of :data:`ROWS`: the bench Neo4j restarted, a server started on it, the first
    screen asked once."""
    config = config or neo4j_config(heap="2g", page_cache="2g", tx_memory="1g")
    _restart(config)
    env = {**os.environ, "NEO4J_URI": neo4j_server.uri(config), "METHODNET_STORE": "neo4j",
           "METHODNET_STORE_PATH": str(WORK_DIR / "serve"), "METHODNET_AUTH": "local",
           "METHODNET_RATE_LIMIT_PER_MINUTE": "0", "PYTHONPATH": str(REPO),
           "METHODNET_WARM_UP": "0" if row == "no_warm_up" else "1"}
    command = [sys.executable, "-m", "cli.main", "serve", "--store", "neo4j", "--port",
               str(PORT)]
    out: dict[str, Any] = {"what": ROWS[row], "row": row}
    log = WORK_DIR / f"first_ask-{row}.log"  # the server's standard error, its warm-up's log
    launched = time.perf_counter()
    with serving(command, PORT, env, "methodnet serve", timeout=600, log=log) as url:
        # From the command to the first answer of /healthz (the app's start-up).
        out["start_seconds"] = round(time.perf_counter() - launched, 2)
        out["warm_up_at_ask"] = httpx.get(f"{url}/healthz", timeout=30).json().get("warm_up")
        if row in ("after_warm_up", "restarted_under_app"):
            while (health := httpx.get(f"{url}/healthz", timeout=30).json()).get(
                    "warm_up") == "running":
                time.sleep(0.2)
            out["warm_up_at_ask"] = health.get("warm_up")
            out["warm_up_seconds"] = health.get("warm_up_seconds")
        if row == "restarted_under_app":
            restarted = time.perf_counter()
            _restart(config)
            out["restart_seconds"] = round(time.perf_counter() - restarted, 2)
            restarted = time.perf_counter()
            while (answer := httpx.get(f"{url}/healthz", timeout=60)).status_code != 200:
                time.sleep(0.2)
            out["healthy_seconds"] = round(time.perf_counter() - restarted, 2)
            health = answer.json()
            out["warm_up_at_ask"] = health.get("warm_up")
            out["server_restarts"] = health.get("server_restarts")
        out["load"] = os.getloadavg()[0]
        seconds, body = _ask(url)
        out["seconds"] = round(seconds, 3)
        out["counts"] = {c["kind"]: c["count"] for c in body["data"]["gaps"]["counts"]}
    if out.get("warm_up_at_ask") == "failed":
        out["warm_up_error"] = [line for line in log.read_text(errors="replace").splitlines()
                                if "warm-up" in line or "Error" in line][-5:]
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="*", help=f"some of {', '.join(ROWS)} (default: all)")
    args = parser.parse_args()
    unknown = [r for r in args.rows if r not in ROWS]
    if unknown:
        parser.error(f"unknown rows: {', '.join(unknown)}")
    for row in args.rows or list(ROWS):
        measure(row)


if __name__ == "__main__":
    main()
