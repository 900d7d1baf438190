"""Load benchmark: generated datasets into each store, rows/s, peak memory, first answer.

Each load runs in a fresh Python process (``python -m bench.load one …``) so its peak memory is
its own and nothing is warm. A load is what ``methodnet load`` does: the regulations first
(timed apart), then the dataset read and checked against the store, then one write. The memory
store writes to disk (journal, then a snapshot on close) as it does in production.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.harness import (
    REPO,
    WORK_DIR,
    Clock,
    RssSampler,
    Section,
    Target,
    fmt_bytes,
    fmt_rate,
    fmt_s,
    load_average,
    peak_rss,
    reset_peak_rss,
    rss,
)

__all__ = [
    "TARGETS",
    "first_answer",
    "load_once",
    "load_section",
    "memory_fit_section",
    "run_load",
    "store_dir",
]

TARGETS: dict[tuple[str, str], float] = {
    ("region", "memory"): 10.0,
    ("region", "neo4j"): 30.0,
    ("nation", "neo4j"): 600.0,
}
"""Seconds a whole load may take, from the issue."""

Say = Callable[[str], None]


def store_dir(scale: str) -> Path:
    """Where the memory store of a scale lives on disk."""
    return WORK_DIR / "stores" / f"{scale}-memory"


def _district(store: Any) -> str | None:
    """A municipality with schools, for the first question (the first by id)."""
    munis = store.nodes("Municipality")
    synthetic = [m.id for m in munis if "-D" in m.id]
    ids = synthetic or [m.id for m in munis]
    return ids[0] if ids else None


def load_once(kind: str, data: Path, scale: str, heap: str = "1g") -> dict[str, Any]:
    """Load the regulations and one dataset into a clean store of ``kind``; the figures."""
    from bench.fixtures import REGULATIONS, neo4j_config, neo4j_pid, open_neo4j
    from graph.loaders.dataset import read_dataset
    from graph.loaders.regulations import load_regulations
    from graph.store import MemoryStore, Store

    reset_peak_rss()
    base = rss() or 0
    server_pid = None
    store: Store
    if kind == "memory":
        folder = store_dir(scale)
        shutil.rmtree(folder, ignore_errors=True)
        store = MemoryStore(folder)
    else:
        config = neo4j_config(heap=heap)
        server_pid = neo4j_pid(config)
        store = open_neo4j(config)
        store.clear()
    with Clock() as regs:
        load_regulations(store, REGULATIONS)
    with Clock() as read:
        batch = read_dataset(data, known=store.get_ends)
    nodes, edges = len(batch.nodes), len(batch.edges)
    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        # Neo4j writes every node before any edge: the moment the nodes are done splits the two.
        if done >= nodes and "nodes" not in marks:
            marks["nodes"] = time.perf_counter() - started

    with RssSampler(server_pid) as server, Clock() as write:
        store.write(batch, progress=progress)
    del batch
    with Clock() as close:
        store.close()
    return {
        "store": kind, "scale": scale, "nodes": nodes, "edges": edges,
        "regulations_s": regs.wall, "read_s": read.wall, "read_cpu_s": read.cpu,
        "write_s": write.wall, "write_cpu_s": write.cpu, "close_s": close.wall,
        "nodes_phase_s": marks.get("nodes") if kind == "neo4j" else None,
        "total_s": read.wall + write.wall + close.wall,
        "cpu_s": read.cpu + write.cpu + close.cpu,
        "base_rss": base, "peak_rss": peak_rss(),
        "server_peak_rss": server.peak or None, "server_rss_before": server.start_rss,
        "load_average": load_average(),
    }


def first_answer(kind: str, scale: str, started: float) -> dict[str, Any]:
    """Open the store as a fresh process would and answer the first question.

    ``started`` is the ``time.time()`` at which the parent spawned this process, so the total
    includes starting Python and importing Methodnet.
    """
    with Clock() as imports:
        from bench.fixtures import neo4j_config, open_neo4j
        from graph.queries.gaps import gap_report
        from graph.store import MemoryStore, Store
    store: Store
    with Clock() as opening:
        if kind == "memory":
            store = MemoryStore(store_dir(scale), readonly=True)
        else:
            store = open_neo4j(neo4j_config())
    district = _district(store)
    with Clock() as answer:
        gap_report(store, territory_id=district, period="2025-H2")
    open_rss = rss()
    store.close()
    return {"imports_s": imports.wall, "open_s": opening.wall, "answer_s": answer.wall,
            "total_s": time.time() - started, "rss_after": open_rss, "territory": district}


def _child(args: list[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m bench.load …`` and parse the JSON on its last line."""
    proc = subprocess.run([sys.executable, "-m", "bench.load", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"bench.load {' '.join(args)} failed ({proc.returncode}):\n"
                           f"{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def run_load(kind: str, data: Path, scale: str, *, repeat: int, say: Say,
             timeout: float = 1800, heap: str = "1g") -> dict[str, Any]:
    """``repeat`` loads in fresh processes, then the time to a first answer after a start."""
    runs = []
    for i in range(repeat):
        say(f"load {scale} → {kind} ({i + 1}/{repeat}) …")
        runs.append(_child(["one", "--store", kind, "--data", str(data), "--scale", scale,
                            "--heap", heap], timeout))
        say(f"  {fmt_s(runs[-1]['total_s'])} (cpu {fmt_s(runs[-1]['cpu_s'])})")
    start: dict[str, Any] = {}
    if kind == "neo4j":
        from bench.fixtures import neo4j_config, start_neo4j
        from graph.store import neo4j_server

        config = neo4j_config(heap=heap)
        neo4j_server.stop(config)
        with Clock() as server:
            start_neo4j(config)
        start["server_start_s"] = server.wall
    say(f"first answer after start ({kind}, {scale}) …")
    t0 = time.time()
    start.update(_child(["first", "--store", kind, "--scale", scale, "--t0", repr(t0)], timeout))
    start["total_s"] = start["total_s"] + start.get("server_start_s", 0.0)
    return {"store": kind, "scale": scale, "runs": runs, "start": start}


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def load_section(results: list[dict[str, Any]]) -> Section:
    """The load table: one row per scale and store."""
    section = Section(
        "load", "Load: dataset into a store (median of fresh-process runs; min–max)",
        ["scale", "store", "runs", "nodes", "edges", "read+check", "write", "total (min–max)",
         "CPU (this process)", "nodes/s · edges/s", "peak RSS (client · server)",
         "first answer after start", "target", "met?"])
    for res in results:
        runs = res["runs"]
        if not runs:
            continue
        total = _median(runs, "total_s") or 0.0
        nodes, edges = runs[0]["nodes"], runs[0]["edges"]
        write = _median(runs, "write_s") or 0.0
        node_phase = _median(runs, "nodes_phase_s")
        if node_phase is not None:
            # Neo4j: nodes then edges in one transaction; rates of each phase of the write.
            rates = (f"{fmt_rate(nodes, node_phase)} · "
                     f"{fmt_rate(edges, max(write - node_phase, 1e-9))} (write phases)")
        else:
            rates = f"{fmt_rate(nodes + edges, total)} rows overall"
        totals = [r["total_s"] for r in runs]
        server = _median(runs, "server_peak_rss")
        start = res.get("start") or {}
        start_text = "–"
        if start:
            parts = [f"import {fmt_s(start['imports_s'])}", f"open {fmt_s(start['open_s'])}",
                     f"answer {fmt_s(start['answer_s'])}"]
            if "server_start_s" in start:
                parts.insert(0, f"server start {fmt_s(start['server_start_s'])}")
            start_text = f"{fmt_s(start['total_s'])} ({', '.join(parts)})"
        limit = TARGETS.get((res["scale"], res["store"]))
        target = (Target.below(f"< {fmt_s(limit)}", total, limit) if limit
                  else Target("no target", None))
        section.rows.append([
            res["scale"], res["store"], len(runs), nodes, edges,
            fmt_s(_median(runs, "read_s")), fmt_s(write),
            f"{fmt_s(total)} ({fmt_s(min(totals))}–{fmt_s(max(totals))})",
            fmt_s(_median(runs, "cpu_s")), rates,
            f"{fmt_bytes(_median(runs, 'peak_rss'))} · {fmt_bytes(server)}",
            start_text, target.text, target])
    section.notes += [
        "total = read and check the CSV files against the store + write + close (the memory "
        "store's snapshot); the regulations (~1 900 items) are loaded first and not counted.",
        "CPU is this Python process's CPU time; where it is far below the wall time the process "
        "was waiting (for the Neo4j server, or for a core taken by other work on the machine).",
        "first answer after start = a new process imports Methodnet, opens the store (memory: "
        "reads the snapshot; Neo4j: the server is stopped and started again first) and answers "
        "a district gap report.",
    ]
    return section


def memory_fit_section(results: list[dict[str, Any]], nation_rows: dict[str, int],
                       region_rows: dict[str, int]) -> Section | None:
    """Whether the nation fits the memory store: RSS extrapolated from district and region."""
    mem = {r["scale"]: r for r in results if r["store"] == "memory" and r["runs"]}
    if "region" not in mem or "district" not in mem or not nation_rows or not region_rows:
        return None
    pts = []
    for scale in ("district", "region"):
        run = mem[scale]["runs"][0]
        items = run["nodes"] + run["edges"]
        pts.append((items, _median(mem[scale]["runs"], "peak_rss") or 0,
                    mem[scale]["start"].get("rss_after") or 0))
    (x0, p0, s0), (x1, p1, s1) = pts
    scale_up = sum(nation_rows.values()) / max(sum(region_rows.values()), 1)
    x2 = x1 * scale_up

    def line(y0: float, y1: float) -> float:
        slope = (y1 - y0) / max(x1 - x0, 1)
        return y1 + slope * (x2 - x1)

    peak, steady = line(p0, p1), line(s0, s1)
    section = Section("memory_fit", "Does the nation fit the memory (networkx) store?",
                      ["scale", "items (nodes + edges)", "peak RSS while loading",
                       "RSS of a started store (after the first answer)"])
    for scale, (x, p, s) in zip(("district", "region"), pts, strict=True):
        section.rows.append([scale, f"{x:,}".replace(",", " "), fmt_bytes(p), fmt_bytes(s)])
    section.rows.append(["nation (extrapolated)", f"≈ {x2:,.0f}".replace(",", " "),
                         f"≈ {fmt_bytes(peak)}", f"≈ {fmt_bytes(steady)}"])
    section.notes.append(
        "Method: the nation's items = region items × (nation CSV rows / region CSV rows) from the "
        "generator's reports; memory is a straight line through the district and region "
        "measurements (fresh processes, VmHWM and VmRSS), extended to the nation's items. "
        "The load keeps the whole checked batch in memory next to the graph, hence the peak.")
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("one", help="one load in this process; prints JSON")
    one.add_argument("--store", choices=["memory", "neo4j"], required=True)
    one.add_argument("--data", type=Path, required=True)
    one.add_argument("--scale", required=True)
    one.add_argument("--heap", default="1g")
    first = sub.add_parser("first", help="open a loaded store and answer; prints JSON")
    first.add_argument("--store", choices=["memory", "neo4j"], required=True)
    first.add_argument("--scale", required=True)
    first.add_argument("--t0", type=float, default=None)
    args = parser.parse_args(argv)
    if args.command == "one":
        result = load_once(args.store, args.data, args.scale, heap=args.heap)
    else:
        result = first_answer(args.store, args.scale, args.t0 or time.time())
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
