"""The floor of one small GraphQL request, stage by stage, beside @neo4j/graphql's.

Over the region the bench Neo4j holds (``bench/run.py --part compare`` loads it), for a few
small questions and ``{ __typename }`` (no question at all):

- over HTTP, both servers (Methodnet under uvicorn as the comparison runs it, with no answer
  kept; @neo4j/graphql under Node), each from two clients on one kept-alive connection: the
  comparison's own (httpx) and a bare socket that writes the request and reads the answer
  (what the client itself costs is the difference); Methodnet's server marks the time of
  each stage of every request (:func:`staged_app`: into the app after uvicorn, into the
  worker thread, the store's reads, executed, encoded, the answer handed back to uvicorn);
- in this process, Methodnet alone: the whole app called as ASGI on one event loop (every
  middleware, routing, the worker thread, GraphQL, the store), each middleware layer timed
  apart; GraphQL executed in this thread (parse and validation kept, bounds, execution,
  encoding) and the question asked of the query layer directly; the Neo4j round trips of
  the question (store reads and transactions begun).

Medians of alternating requests; the machine's load average is printed with them.

    .venv/bin/python -m bench.floor [--repeat 200]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from bench import api_load, neo4j_graphql, questions
from bench.fixtures import neo4j_config, open_neo4j, start_neo4j
from bench.harness import REPO, load_average

__all__ = ["main"]

PROBES = ("typename", "node", "shortest_path", "neighbourhood", "isolated_schools", "search")
TYPENAME = neo4j_graphql.Pair("typename", "–", "{ __typename }", "{ __typename }", {})


class BareClient:
    """One kept-alive connection; a request is written whole and its answer read by its
    Content-Length, nothing decoded."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.host = f"{host}:{port}"
        self.buffer = b""

    def post(self, path: str, query: str, variables: dict[str, Any]) -> float:
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: "
                   f"application/json\r\nAccept: application/json\r\nContent-Length: "
                   f"{len(body)}\r\n\r\n").encode() + body
        t0 = time.perf_counter()
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(65536)
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = next(int(line.partition(b":")[2]) for line in head.split(b"\r\n")[1:]
                      if line.partition(b":")[0].strip().lower() == b"content-length")
        while len(rest) < length:
            rest += self.sock.recv(65536)
        self.buffer = rest[length:]
        elapsed = time.perf_counter() - t0
        if not head.startswith(b"HTTP/1.1 200") or b'"errors"' in rest[:length]:
            raise RuntimeError(f"{self.host}: {head[:60]!r} {rest[:200]!r}")
        return elapsed


STAGES = ("app", "worker", "read", "read_done", "executed", "encoded", "sent", "app_done")
"""The marks a staged server takes per request, in order (see :func:`staged_app`)."""
INTERVALS = (
    ("uvicorn → app → worker thread (middleware, routing, view, context, hop)", "app", "worker"),
    ("worker: parse/validate/bounds, resolver up to the first read", "worker", "read"),
    ("the store's reads (Neo4j round trips, records decoded)", "read", "read_done"),
    ("after the reads: question's Python, GraphQL completion", "read_done", "executed"),
    ("the answer encoded (JSON)", "executed", "encoded"),
    ("back to the event loop, answer handed to uvicorn", "encoded", "sent"),
    ("whole request inside the app", "app", "sent"),
)


def staged_app() -> Any:
    """The bench app (``bench.api_load.bench_app``) with a mark at each stage of a request,
    written as JSON to ``METHODNET_BENCH_STAGES`` when the server stops: each request's
    query text and the time of each stage it reached. Reads are timed from the first one's
    start to the last one's end. The marks cost a microsecond or two each.
    """
    import atexit

    import api.router as router
    from bench.api_load import bench_app
    from graph.store.neo4j import Neo4jStore

    app = bench_app()
    current: list[dict[str, Any]] = []  # one request at a time: the floor sends them in turn
    done: list[dict[str, Any]] = []

    def mark(stage: str, *, last: bool = False) -> None:
        if current and (last or stage not in current[0]):
            current[0][stage] = time.perf_counter()

    run_here, encode, read = router.run_here, router.encode_answer, Neo4jStore._read

    def staged_run_here(work: Any) -> Any:
        mark("worker")
        try:
            return run_here(work)
        finally:
            mark("executed")

    def staged_encode(data: object) -> str:
        try:
            return encode(data)
        finally:
            mark("encoded")

    def staged_read(self: Neo4jStore, query: str, **kw: Any) -> Any:
        mark("read")
        try:
            return read(self, query, **kw)
        finally:
            mark("read_done", last=True)

    router.run_here, router.encode_answer = staged_run_here, staged_encode
    Neo4jStore._read = staged_read  # type: ignore[method-assign]

    async def staged(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            await app(scope, receive, send)
            return
        current[:] = [{"app": time.perf_counter()}]
        body = b""

        async def receive_body() -> Any:
            nonlocal body
            message = await receive()
            body += message.get("body", b"")
            return message

        async def send_marked(message: Any) -> None:
            if message["type"] == "http.response.start":
                mark("sent")
            await send(message)

        await app(scope, receive_body, send_marked)
        mark("app_done")
        record = current[0] | {"query": json.loads(body).get("query")}
        done.append(record)

    def dump() -> None:
        Path(os.environ["METHODNET_BENCH_STAGES"]).write_text(json.dumps(done))

    atexit.register(dump)
    return staged


def serve_staged(port: int) -> None:
    """Serve :func:`staged_app` as the comparison serves the app (runs in the subprocess)."""
    import uvicorn

    os.environ["METHODNET_BENCH_STORE"] = "neo4j:region"
    os.environ["METHODNET_BENCH_ANSWERS"] = "0"
    uvicorn.run("bench.floor:staged_app", factory=True, host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


@contextlib.contextmanager
def staged_server(out: Path, timeout: float = 180) -> Iterator[str]:
    """A uvicorn subprocess serving :func:`staged_app`; yields its base URL; the marks are
    in ``out`` once it has stopped."""
    port = api_load._free_port()
    with api_load.serving(
        [sys.executable, "-m", "bench.floor", "--serve-staged", str(port)], port,
        {**os.environ, "PYTHONPATH": str(REPO), "METHODNET_BENCH_STAGES": str(out)},
        "the staged server", timeout,
    ) as url:
        yield url


def stage_medians(out: Path, probes: dict[str, neo4j_graphql.Pair], warm: int = 5
                  ) -> dict[str, dict[str, float]]:
    """Per probe, the median of each interval of :data:`INTERVALS` in ms (the first ``warm``
    requests of each left out); an interval a request did not reach (no read) is left out."""
    records = json.loads(out.read_text())
    rows: dict[str, dict[str, float]] = {}
    for name, pair in probes.items():
        mine = [r for r in records if r["query"] == pair.methodnet][warm:]
        row = {}
        for label, start, end in INTERVALS:
            spans = [r[end] - r[start] for r in mine if start in r and end in r]
            if spans:
                row[f"  Methodnet server: {label}"] = statistics.median(spans) * 1e3
        rows[name] = row
    return rows


def _medians(stages: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Each stage ``repeat`` times, alternating; the median of each in milliseconds. A stage
    returns its own time, or ``None`` to be timed from outside."""
    times: dict[str, list[float]] = {name: [] for name in stages}
    for run in range(repeat + 5):
        for name, stage in stages.items():
            t0 = time.perf_counter()
            own = stage()
            if run >= 5:  # the first rounds warm up
                times[name].append(own if isinstance(own, float) else time.perf_counter() - t0)
    return {name: statistics.median(t) * 1e3 for name, t in times.items()}


def over_http(mn: str, ng: str, probes: dict[str, neo4j_graphql.Pair], repeat: int
              ) -> dict[str, dict[str, float]]:
    rows = {}
    with httpx.Client(timeout=60) as http:
        bare_mn, bare_ng = BareClient(mn), BareClient(ng)
        for name, pair in probes.items():
            rows[name] = _medians({
                "Methodnet, httpx": partial(neo4j_graphql._post, http, f"{mn}/graphql",
                                            pair.methodnet, pair.variables),
                "@neo4j/graphql, httpx": partial(neo4j_graphql._post, http, ng,
                                                 pair.neo4j_graphql, pair.variables),
                "Methodnet, bare socket": partial(bare_mn.post, "/graphql", pair.methodnet,
                                                  pair.variables),
                "@neo4j/graphql, bare socket": partial(bare_ng.post, "/", pair.neo4j_graphql,
                                                       pair.variables),
            }, repeat)
    return rows


class _Timed:
    """An ASGI layer timed around the layer inside it."""

    def __init__(self, inner: Any, name: str, into: dict[str, list[float]]) -> None:
        self.inner, self.name, self.into = inner, name, into

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        t0 = time.perf_counter()
        try:
            await self.inner(scope, receive, send)
        finally:
            self.into.setdefault(self.name, []).append(time.perf_counter() - t0)


def in_process(probes: dict[str, neo4j_graphql.Pair], picks: questions.Picks, repeat: int
               ) -> dict[str, dict[str, float | int]]:
    """The app as ASGI on one event loop (as under uvicorn: one root task), GraphQL in this
    thread, the question alone; and the layers of the app, outermost first."""
    import uvloop

    from api.main import create_app
    from api.schema import schema
    from graph.queries.registry import QUESTIONS
    from graph.settings import Settings
    from graph.store.neo4j import Neo4jStore

    store = open_neo4j(neo4j_config())
    assert isinstance(store, Neo4jStore)
    settings = Settings(rate_limit_per_minute=0)
    app = create_app(store=store, settings=settings)
    app.state.answers.max_bytes = 0  # as in the comparison: every answer computed
    asks: dict[str, Callable[[], Any]] = {
        "typename": lambda: None,
        "node": lambda: QUESTIONS["node_view"].ask(store, node_id=picks.teacher),
        "shortest_path": lambda: QUESTIONS["shortest_path"].ask(
            store, source_id=picks.teacher, target_id=picks.methodist),
        "neighbourhood": lambda: QUESTIONS["neighbourhood"].ask(
            store, node_id=picks.school, depth=2, limit=500, nodes_only=True,
            ids_only=True),
        "isolated_schools": lambda: QUESTIONS["isolated_schools"].ask(
            store, territory_id=picks.district),
        "search": lambda: QUESTIONS["search"].ask(store, text="методический центр",
                                                  territory_id=picks.district),
    }

    def graphql(pair: neo4j_graphql.Pair) -> None:
        execute_in_worker(schema, store, settings, pair)

    async def asgi(pair: neo4j_graphql.Pair) -> float:
        body = json.dumps({"query": pair.methodnet, "variables": pair.variables}).encode()
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": "POST", "scheme": "http", "path": "/graphql",
                 "raw_path": b"/graphql", "query_string": b"", "root_path": "",
                 "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                             (b"accept", b"application/json"),
                             (b"content-length", str(len(body)).encode())],
                 "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
        sent: list[MutableMapping[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: MutableMapping[str, Any]) -> None:
            sent.append(message)

        t0 = time.perf_counter()
        await app(scope, receive, send)
        elapsed = time.perf_counter() - t0
        if sent[0]["status"] != 200:
            raise RuntimeError(f"in process: {sent}")
        return elapsed

    rows: dict[str, dict[str, float | int]] = {}
    layers: dict[str, dict[str, float]] = {}

    async def whole() -> None:
        # One root task for every request, as uvicorn's: anyio keeps its worker threads.
        await asgi(TYPENAME)
        chain: list[Any] = [app.middleware_stack]
        while getattr(chain[-1], "app", None) is not None and len(chain) < 16:
            chain.append(chain[-1].app)
        timings: dict[str, list[float]] = {}
        for i, layer in enumerate(chain[:-1]):
            layer.app = _Timed(chain[i + 1], f"{i + 1} {type(chain[i + 1]).__name__}",
                               timings)
        for name, pair in probes.items():
            times = []
            for run in range(repeat + 5):
                if run == 5:
                    timings.clear()
                elapsed = await asgi(pair)
                if run >= 5:
                    times.append(elapsed)
            rows[name] = {"whole app, in process (ASGI)": statistics.median(times) * 1e3}
            layers[name] = {k: statistics.median(v) * 1e3 for k, v in timings.items()}

    uvloop.run(whole())
    for name, pair in probes.items():
        trips = store.round_trips
        asks[name]()
        rows[name]["store reads (statements, one round trip each)"] = store.round_trips - trips
        rows[name] |= _medians({
            "GraphQL in this thread (execute + encode)": partial(graphql, pair),
            "the question alone (query layer + store)": asks[name],
        }, repeat)
        for layer, ms in layers[name].items():
            rows[name][f"  layer {layer}"] = ms
    store.close()
    return rows


def execute_in_worker(schema: Any, store: Any, settings: Any, pair: neo4j_graphql.Pair) -> str:
    """``pair``'s Methodnet document executed by ``schema`` in this thread as the router's
    worker thread does (local caller), its answer encoded; its errors raised."""
    from strawberry.http import process_result

    from api.auth.caller import LOCAL
    from api.bounds import OFF_THE_LOOP
    from api.context import Context
    from api.router import encode_answer, run_here

    token = OFF_THE_LOOP.set(True)  # as in the router's worker thread
    try:
        result = run_here(schema.execute(
            pair.methodnet, variable_values=pair.variables,
            context_value=Context(store=store, settings=settings, scope=LOCAL.scope,
                                  caller=LOCAL)))
        if result.errors:
            raise RuntimeError(repr([e.original_error for e in result.errors])[:600])
        return encode_answer(process_result(result))
    finally:
        OFF_THE_LOOP.reset(token)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=200, help="requests per stage")
    parser.add_argument("--serve-staged", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_staged:
        serve_staged(args.serve_staged)
        return 0
    config = neo4j_config()
    start_neo4j(config)
    store = open_neo4j(config)
    try:
        picks = questions.pick(store)
    finally:
        store.close()
    pairs = {p.name.split()[0]: p for p in neo4j_graphql.pairs(
        picks.district, questions.PERIOD, picks.school, picks.teacher, picks.methodist)}
    probes = {"typename": TYPENAME} | {name: pairs[name] for name in PROBES[1:]}
    print(f"load average before: {load_average()}", flush=True)
    from graph.store import neo4j_server

    with tempfile.TemporaryDirectory() as tmp:
        marks = Path(tmp) / "stages.json"
        with neo4j_graphql.node_server(neo4j_server.uri(config)) as ng, \
                staged_server(marks) as mn:
            http_rows = over_http(mn, ng, probes, args.repeat)
        for name, row in stage_medians(marks, probes).items():
            http_rows[name] |= row
    local_rows = in_process(probes, picks, args.repeat)
    order = {f"  Methodnet server: {label}": i for i, (label, _, _) in enumerate(INTERVALS)}
    served = sorted({k for row in http_rows.values() for k in row if k in order},
                    key=order.__getitem__)
    stages = [k for k in next(iter(http_rows.values())) if k not in order] + served + list(
        dict.fromkeys(k for row in local_rows.values() for k in row))
    print("\n| stage (median ms) | " + " | ".join(probes) + " |")
    print("|---|" + "---|" * len(probes))
    for stage in stages:
        cells = []
        for name in probes:
            value = (http_rows[name] | local_rows[name]).get(stage)
            cells.append("–" if value is None else
                         (f"{value:.0f}" if isinstance(value, int) else f"{value:.2f}"))
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print(f"\nload average after: {load_average()} (pid {os.getpid()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
