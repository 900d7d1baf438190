"""API under load: the GraphQL endpoint with 1, 10 and 50 concurrent clients on loopback.

The app (``api.main.create_app`` over a loaded store) runs under uvicorn in a subprocess; the
clients are ``httpx.AsyncClient`` coroutines in this process, each sending the district
questions in turn. Every level is bounded twice: a number of requests and a time box.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from bench.harness import REPO, Section, fmt_s, load_average, percentile

__all__ = ["CLIENTS", "api_section", "queries", "run_api_load", "serve", "server"]

CLIENTS = (1, 10, 50)
Say = Callable[[str], None]


def queries(district: str, period: str) -> list[tuple[str, dict[str, Any]]]:
    """The district questions a coordinator's screen asks, as GraphQL documents."""
    v = {"t": district, "p": period}
    return [
        ("query($t: String, $p: String) { gaps(territoryId: $t, period: $p) "
         "{ total counts { kind count } } }", v),
        ("query($t: String, $p: String) { methodistLoad(territoryId: $t, period: $p) "
         "{ norm overall { teachers { median max } } } }", v),
        ("query($t: String, $p: String) { lowResultsSupport(territoryId: $t, period: $p) "
         "{ unsupported mismatched } }", v),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(kind: str, scale: str, port: int, *, answers: bool = True) -> None:
    """Serve the app over a loaded store of ``kind`` (runs in the subprocess); without
    ``answers`` no answer is kept by store revision (api/answers.py), so every request
    computes its answer."""
    import uvicorn

    from api.main import create_app
    from bench.fixtures import neo4j_config, open_neo4j
    from bench.load import store_dir
    from graph.settings import Settings
    from graph.store import MemoryStore, Store

    store: Store = (MemoryStore(store_dir(scale), readonly=True) if kind == "memory"
                    else open_neo4j(neo4j_config()))
    # All clients are one caller on one address: the per-caller rate limit (600 a minute)
    # would refuse most requests, and the limit is not what is measured here.
    settings = Settings(rate_limit_per_minute=0)
    app = create_app(store=store, settings=settings)
    if not answers:
        app.state.answers.max_bytes = 0  # keeps nothing
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


@contextlib.contextmanager
def server(kind: str, scale: str, timeout: float = 180, *,
           answers: bool = True) -> Iterator[str]:
    """A uvicorn subprocess serving the app (keeping answers by revision unless not
    ``answers``); yields its base URL, stops it after."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.api_load", "serve", "--store", kind, "--scale", scale,
         "--port", str(port), *([] if answers else ["--no-answer-cache"])],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"the API server exited: {err[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the API server did not answer /healthz in time")
            time.sleep(0.5)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _level(url: str, docs: list[tuple[str, dict[str, Any]]], clients: int,
                 max_requests: int, max_seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        nonlocal sent, errors
        n = i
        while sent < max_requests and time.perf_counter() < deadline:
            sent += 1
            query, variables = docs[n % len(docs)]
            n += 1
            t0 = time.perf_counter()
            try:
                r = await http.post(f"{url}/graphql", json={"query": query,
                                                            "variables": variables})
                ok = r.status_code == 200 and not r.json().get("errors")
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(latencies), "errors": errors,
            "seconds": elapsed, "rps": len(latencies) / elapsed if elapsed else 0.0,
            "median": percentile(latencies, 50) if latencies else None,
            "p95": percentile(latencies, 95) if latencies else None,
            "max": max(latencies) if latencies else None, "load_average": load_average()}


def run_api_load(kind: str, scale: str, district: str, period: str, *, say: Say,
                 max_requests: int = 400, max_seconds: float = 30.0) -> list[dict[str, Any]]:
    """Each level of concurrency in turn against one server, after a warm-up request each."""
    docs = queries(district, period)
    results = []
    with server(kind, scale) as url:
        for query, variables in docs:  # warm: the first call of each question
            httpx.post(f"{url}/graphql", json={"query": query, "variables": variables},
                       timeout=300)
        for clients in CLIENTS:
            say(f"API {kind}: {clients} clients …")
            row = asyncio.run(_level(url, docs, clients, max_requests, max_seconds))
            row["store"] = kind
            results.append(row)
            say(f"  {row['rps']:.1f} req/s, p95 {fmt_s(row['p95'])}, errors {row['errors']}")
    return results


def api_section(scale: str, rows: list[dict[str, Any]], district: str) -> Section:
    section = Section(
        "api", f"API under load: GraphQL over loopback, {scale} data, district questions",
        ["store", "clients", "requests", "errors", "seconds", "requests/s", "median", "p95",
         "max"])
    for r in rows:
        section.rows.append([r["store"], r["clients"], r["requests"], r["errors"],
                             f"{r['seconds']:.1f}", f"{r['rps']:.1f}", fmt_s(r["median"]),
                             fmt_s(r["p95"]), fmt_s(r["max"])])
    section.notes += [
        f"Each client sends, in turn, the gap counts, the methodist load and the low-results "
        f"support of the district {district}; a level stops after its request budget or time "
        "box, whichever comes first. The per-caller rate limit is off (every client is the same "
        "caller). One uvicorn worker (the app's default); resolvers run the "
        "query layer in the thread pool.",
        "No target in the issue; the clients share the 2 cores with the server.",
    ]
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api_load", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    srv = sub.add_parser("serve", help="serve the app over a loaded bench store")
    srv.add_argument("--store", choices=["memory", "neo4j"], required=True)
    srv.add_argument("--scale", required=True)
    srv.add_argument("--port", type=int, required=True)
    srv.add_argument("--no-answer-cache", action="store_true",
                     help="keep no answer: every request computes (a question's own time)")
    args = parser.parse_args(argv)
    serve(args.store, args.scale, args.port, answers=not args.no_answer_cache)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
