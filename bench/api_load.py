"""API under load: the GraphQL endpoint with 1, 10 and 50 concurrent clients on loopback.

The app (``api.main.create_app`` over a loaded store) runs under uvicorn in a subprocess (with
several workers on Neo4j if asked); the clients are coroutines of one event loop in this
process, each on its own kept-alive connection sending the district questions in turn for the
level's duration (60 s by default). Run alone over the stores bench/run.py loaded:
``python -m bench.api_load run --store neo4j --workers 2``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx

from bench.harness import REPO, Section, Target, fmt_s, load_average, percentile

__all__ = ["CLIENTS", "api_section", "queries", "run_api_load", "serve", "server"]

CLIENTS = (1, 10, 50)
SECONDS = 60.0
"""How long each level runs (the issue's target: 50 clients for 60 s)."""
Say = Callable[[str], None]
T = TypeVar("T")


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


def serve(kind: str, scale: str, port: int, workers: int = 1, *, answers: bool = True) -> None:
    """Serve the app over a loaded store of ``kind`` (runs in the subprocess); several
    ``workers`` (Neo4j only) each open their own store, as ``methodnet serve --workers``;
    without ``answers`` no answer is kept by store revision (api/answers.py), so every request
    computes its answer."""
    import uvicorn

    os.environ["METHODNET_BENCH_STORE"] = f"{kind}:{scale}"
    os.environ["METHODNET_BENCH_ANSWERS"] = "1" if answers else "0"
    uvicorn.run("bench.api_load:bench_app", factory=True, host="127.0.0.1", port=port,
                workers=workers, log_level="warning", access_log=False)


def bench_app() -> Any:
    """The app over the bench store named by ``METHODNET_BENCH_STORE`` (``kind:scale``)."""
    from api.main import create_app
    from bench.fixtures import neo4j_config, open_neo4j
    from bench.load import store_dir
    from graph.settings import Settings
    from graph.store import MemoryStore, Store

    kind, scale = os.environ["METHODNET_BENCH_STORE"].split(":")
    store: Store = (MemoryStore(store_dir(scale), readonly=True) if kind == "memory"
                    else open_neo4j(neo4j_config()))
    # All clients are one caller on one address: the per-caller rate limit (600 a minute)
    # would refuse most requests, and the limit is not what is measured here.
    app = create_app(store=store, settings=Settings(rate_limit_per_minute=0))
    if os.environ.get("METHODNET_BENCH_ANSWERS") == "0":
        app.state.answers.max_bytes = 0  # keeps nothing
    return app


@contextlib.contextmanager
def server(kind: str, scale: str, timeout: float = 180, workers: int = 1, *,
           answers: bool = True) -> Iterator[str]:
    """A uvicorn subprocess serving the app (keeping answers by revision unless not
    ``answers``); yields its base URL, stops it after."""
    port = _free_port()
    with serving(
        [sys.executable, "-m", "bench.api_load", "serve", "--store", kind, "--scale", scale,
         "--port", str(port), "--workers", str(workers),
         *([] if answers else ["--no-answer-cache"])],
        port, {**os.environ, "PYTHONPATH": str(REPO)}, "the API server", timeout,
    ) as url:
        yield url


@contextlib.contextmanager
def serving(command: list[str], port: int, env: dict[str, str], name: str,
            timeout: float = 180, log: Path | None = None) -> Iterator[str]:
    """Run ``command`` (a server on ``port``) until it answers ``/healthz``; yield its base
    URL; stop it with SIGINT after (killed if it does not stop in 20 s). ``log``: a file that
    gets the server's standard error (else it is read only if the server exits early)."""
    err = log.open("wb") if log is not None else subprocess.PIPE
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                said = (proc.stderr.read().decode() if proc.stderr else
                        log.read_text(errors="replace") if log is not None else "")
                raise RuntimeError(f"{name} exited: {said[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer /healthz in time")
            time.sleep(0.5)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log is not None and not isinstance(err, int):
            err.close()


def _request(url: str, query: str, variables: dict[str, Any]) -> bytes:
    """One POST to ``/graphql`` as the bytes sent on the wire, encoded once before the run."""
    host = url.removeprefix("http://")
    body = json.dumps({"query": query, "variables": variables}).encode()
    head = (f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    request: bytes) -> bool:
    """Send one request on a kept-alive connection and read its answer; whether it was a
    200 without GraphQL errors."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length) if length else b""
    return status == 200 and b'"errors"' not in body


async def _level(url: str, docs: list[tuple[str, dict[str, Any]]], clients: int,
                 seconds: float, max_requests: int | None = None) -> dict[str, Any]:
    """``clients`` connections, each asking the documents in turn for ``seconds``.

    The client is kept cheap so that it measures the server, not itself: one event loop, one
    kept-alive connection per client, every request encoded before the clock starts, and an
    answer checked by its status line and for an ``"errors"`` key, not decoded.
    """
    latencies: list[float] = []
    errors = 0
    sent = 0
    requests = [_request(url, q, v) for q, v in docs]
    host, port = url.removeprefix("http://").rsplit(":", 1)
    deadline = time.perf_counter() + seconds

    async def client(i: int) -> None:
        nonlocal sent, errors
        n = i
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline and (max_requests is None
                                                      or sent < max_requests):
                sent += 1
                request = requests[n % len(requests)]
                n += 1
                t0 = time.perf_counter()
                try:
                    ok = await _exchange(reader, writer, request)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                latencies.append(time.perf_counter() - t0)
                errors += not ok
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(latencies), "errors": errors,
            "seconds": elapsed, "rps": len(latencies) / elapsed if elapsed else 0.0,
            "median": percentile(latencies, 50) if latencies else None,
            "p95": percentile(latencies, 95) if latencies else None,
            "max": max(latencies) if latencies else None, "load_average": load_average()}


def _run(work: Coroutine[Any, Any, T]) -> T:
    """Run the clients on uvloop where it is installed (a cheaper loop for the client too)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(work)
    return uvloop.run(work)


def run_api_load(kind: str, scale: str, district: str, period: str, *, say: Say,
                 seconds: float = SECONDS, clients: tuple[int, ...] = CLIENTS,
                 workers: int = 1) -> list[dict[str, Any]]:
    """Each level of concurrency in turn for ``seconds`` against one server, after a warm-up
    request per question."""
    docs = queries(district, period)
    results = []
    with server(kind, scale, workers=workers) as url:
        for query, variables in docs:  # warm: the first call of each question
            httpx.post(f"{url}/graphql", json={"query": query, "variables": variables},
                       timeout=300)
        for level in clients:
            say(f"API {kind}: {level} clients for {seconds:.0f} s …")
            row = _run(_level(url, docs, level, seconds))
            row["store"] = kind
            row["workers"] = workers
            results.append(row)
            say(f"  {row['rps']:.1f} req/s, median {fmt_s(row['median'])}, "
                f"p95 {fmt_s(row['p95'])}, errors {row['errors']}")
    return results


def api_section(scale: str, rows: list[dict[str, Any]], district: str) -> Section:
    section = Section(
        "api", f"API under load: GraphQL over loopback, {scale} data, district questions",
        ["store", "workers", "clients", "requests", "errors", "seconds", "requests/s", "median",
         "p95", "max", "target", "met?"])
    for r in rows:
        target = Target("no target", None)
        if r["clients"] == 50:
            target = Target("0 errors, p95 < 100 ms",
                            None if r["p95"] is None else r["errors"] == 0 and r["p95"] < 0.1)
        section.rows.append([r["store"], r.get("workers", 1), r["clients"], r["requests"],
                             r["errors"], f"{r['seconds']:.1f}", f"{r['rps']:.1f}",
                             fmt_s(r["median"]), fmt_s(r["p95"]), fmt_s(r["max"]), target.text,
                             target])
    section.notes += [
        f"Each client sends, in turn, the gap counts, the methodist load and the low-results "
        f"support of the district {district} for the whole level (60 s unless "
        "`--api-seconds` says otherwise). The per-caller rate limit is off (every client is "
        "the same caller); local mode (no sign-in).",
        f"The load client is this benchmark's own (bench/api_load.py, Python "
        f"{platform.python_version()}, asyncio on uvloop): one kept-alive HTTP/1.1 connection per "
        "client, every request encoded before the clock starts, answers checked by status "
        "and for an \"errors\" key without decoding — so it costs little next to the server, "
        "with which it shares the machine's cores.",
        "Repeated questions are answered by the cache's fast path (api/fastpath.py) until the "
        "next write; on Neo4j, several uvicorn workers (`methodnet serve --workers N`) where "
        "the workers column says so.",
    ]
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api_load", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    srv = sub.add_parser("serve", help="serve the app over a loaded bench store")
    srv.add_argument("--store", choices=["memory", "neo4j"], required=True)
    srv.add_argument("--scale", required=True)
    srv.add_argument("--port", type=int, required=True)
    srv.add_argument("--workers", type=int, default=1)
    srv.add_argument("--no-answer-cache", action="store_true",
                     help="keep no answer: every request computes (a question's own time)")
    run = sub.add_parser("run", help="the load alone, over a store bench/run.py loaded before")
    run.add_argument("--store", choices=["memory", "neo4j"], required=True)
    run.add_argument("--scale", default="region")
    run.add_argument("--district", help="the district asked (default: the bench's pick)")
    run.add_argument("--seconds", type=float, default=SECONDS)
    run.add_argument("--clients", default=",".join(map(str, CLIENTS)))
    run.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.store, args.scale, args.port, args.workers,
              answers=not args.no_answer_cache)
        return 0
    from bench.questions import PERIOD

    district = args.district or _bench_district(args.store, args.scale)
    rows = run_api_load(args.store, args.scale, district, PERIOD, say=print,
                        seconds=args.seconds, workers=args.workers,
                        clients=tuple(int(c) for c in args.clients.split(",")))
    print(json.dumps(rows, indent=1))
    return 0


def _bench_district(kind: str, scale: str) -> str:
    """The district bench/run.py asks about, picked on the loaded store."""
    from bench import questions
    from bench.fixtures import neo4j_config, open_neo4j
    from bench.load import store_dir
    from graph.store import MemoryStore, Store

    store: Store = (MemoryStore(store_dir(scale), readonly=True) if kind == "memory"
                    else open_neo4j(neo4j_config()))
    try:
        return questions.pick(store).district
    finally:
        store.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
