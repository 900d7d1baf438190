"""The gap report on Neo4j: computed in the server, against read into Python as before.

    METHODNET_BENCH_NEO4J_PORT=7913 .venv/bin/python -m bench.gaps_in_database --load
    METHODNET_BENCH_NEO4J_PORT=7913 .venv/bin/python -m bench.gaps_in_database --scale nation

Times ``gap_report`` for a district, a region and the whole country (every region the data
has) on the bench Neo4j, three ways: the Cypher statements of graph/queries/native_gaps.py
(lists, and counts only), and the Python of graph/queries/gaps.py over an ``Area`` read
through the store (the path every question took before; still the embedded store's). It also
checks the two answers are equal. ``--load`` loads the synthetic dataset of ``--scale`` into a
fresh bench server first (``region`` takes a few minutes; ``nation`` is what
``bench/run.py --part nation`` loads). Prints one JSON line per measurement and a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.fixtures import dataset, fresh_neo4j, neo4j_config, open_neo4j
from bench.harness import REPO
from graph.queries.area import Area
from graph.queries.gaps import GapKind, GapReport, gap_report
from graph.queries.native_gaps import NativeGaps, in_database
from graph.queries.scope import EVERYTHING
from graph.store import neo4j_server

PERIOD = "2025-H2"


def _time(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of ``repeat`` runs after one warm-up, and the last answer."""
    answer = work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gaps_in_database",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="region", choices=["region", "nation"])
    parser.add_argument("--load", action="store_true", help="load the dataset first")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plans", action="store_true",
                        help="PROFILE every gap statement (district and country) and print the "
                             "operators that find its first rows; fail on a cartesian product")
    parser.add_argument("--python-limit", type=float, default=180.0,
                        help="skip the Python path where it took longer than this (seconds)")
    args = parser.parse_args(argv)
    nation = args.scale == "nation"
    # The nation's memory settings are those of bench/run.py --part nation.
    config = (neo4j_config(heap="2g", page_cache="2g", tx_memory="1g") if nation
              else neo4j_config())
    if args.load:
        data = dataset(args.scale)
        fresh_neo4j(config)
        if nation:  # the chunked bulk path: one transaction cannot hold the country
            from graph.loaders.dataset.stream import bulk_load

            bulk_load(open_neo4j(config), data, rows=20_000)
        else:
            subprocess.run([sys.executable, "-m", "bench.load", "one", "--store", "neo4j",
                            "--data", str(data), "--scale", args.scale], cwd=REPO,
                           check=True, stdout=subprocess.DEVNULL)
    elif nation:
        neo4j_server.stop(config)  # started again with the nation's memory settings
        neo4j_server.start(config, timeout=600)
    store = open_neo4j(config, read_timeout=3600)
    native = in_database(store)
    assert native is not None
    districts = [m.id for m in store.nodes("Municipality")]
    regions = [r.id for r in store.nodes("Region")]
    district = next((d for d in districts if "-D" in d), districts[0])
    region = next((r for r in regions if district.startswith(r)), regions[0])
    if args.plans:
        return _plans(native, district)
    rows = []
    for level, territory in (("district", district), ("region", region), ("country", None)):
        row: dict[str, Any] = {"level": level, "territory": territory}
        def in_server(t: str | None = territory) -> GapReport:
            return gap_report(store, territory_id=t, period=PERIOD)

        def counted(t: str | None = territory) -> dict[GapKind, int]:
            return native.counts(list(GapKind), t, PERIOD, EVERYTHING)

        def in_python(t: str | None = territory) -> GapReport:
            return gap_report(store, territory_id=t, period=PERIOD,
                              area=Area(store, territory_id=t, period=PERIOD))

        row["python_s"], row["equal"] = None, None
        if args.scale == "nation" and level == "country":
            # A million teachers' gaps with their evidence do not fit a shared machine's
            # memory, nor a page: the country is asked for counts. Before: the report did not
            # finish in 3 minutes (bench/RESULTS.md); not run again here.
            row["cypher_s"] = None
            row["cypher_counts_s"], counts = _time(counted, args.repeat)
            row["gaps"] = sum(counts.values())
            _report(row)
            rows.append(row)
            continue
        row["cypher_s"], report = _time(in_server, args.repeat)
        row["cypher_counts_s"], counts = _time(counted, args.repeat)
        assert counts == report.counts, (counts, report.counts)
        row["gaps"] = report.total
        started = time.perf_counter()
        before = in_python()
        row["python_s"] = time.perf_counter() - started
        if row["python_s"] < args.python_limit:
            row["python_s"], before = _time(in_python, 1)
        row["equal"] = before == report
        _report(row)
        rows.append(row)
    print(f"\n{'level':10} {'gaps':>8} {'python (before)':>16} {'cypher':>9} "
          f"{'counts':>9}  equal")
    for r in rows:
        shown = "not run" if r["python_s"] is None else f"{r['python_s']:.3f}s"
        lists = "not run" if r["cypher_s"] is None else f"{r['cypher_s']:.3f}s"
        print(f"{r['level']:10} {r['gaps']:>8} {shown:>16} {lists:>9} "
              f"{r['cypher_counts_s']:>8.3f}s  {r['equal']}")
    store.close()
    return 0


def _report(row: dict[str, Any]) -> None:
    row["load_average"] = os.getloadavg()[0]
    print(json.dumps(row, ensure_ascii=False), flush=True)


def _plans(native: NativeGaps, district: str) -> int:
    """PROFILE each statement for a district and for the country: the leaf operators (where
    rows come from: index seeks and scans) and whether any operator is a cartesian product."""
    bad = 0
    for territory in (district, None):
        area = native.area(territory, PERIOD, EVERYTHING)
        for kind in GapKind:
            for count in (False, True):
                summary = native.profile(kind, area, count=count)
                leaves, products = _operators(summary)
                bad += products
                print(f"{'district' if territory else 'country':8} {kind.value:38} "
                      f"{'counts' if count else 'lists ':6} cartesian={products} "
                      f"{'; '.join(sorted(set(leaves)))}")
    return 1 if bad else 0


def _operators(plan: Any) -> tuple[list[str], int]:
    """The leaf operators of a profiled plan (with their details) and how many cartesian
    products it has, subqueries included."""
    leaves: list[str] = []
    products = 0
    stack = [plan]
    while stack:
        op = stack.pop()
        name = op.get("operatorType", "")
        products += "CartesianProduct" in name
        children = op.get("children", [])
        if not children:
            details = op.get("args", {}).get("Details", "")
            leaves.append(f"{name.split('@')[0]}({details[:70]})")
        stack.extend(children)
    return leaves, products


if __name__ == "__main__":
    sys.exit(main())
