"""The country's first screen with its counts kept per district: cold, warm, after writes.

    METHODNET_BENCH_NEO4J_PORT=7925 .venv/bin/python -m bench.kept_counts --writes 10

On the bench Neo4j as it stands (``bench/run.py --part nation`` loads the nation into it),
times a coordinator's first screen of the whole country (``gap_report(first=50)``, what
``bench/run.py`` times as the country's "first screen"):

- **exact**: the partials switched off (``METHODNET_GAP_PARTIALS=0``), every count anew;
- **cold**: every district marked stale first (as after a bulk load): the one pass that
  counts every district, then the pages;
- **warm**: every partial fresh (median of three);
- **after K writes of a kind**: K writes of one kind (a deficit found, support given, a
  route's status, work that ends, a school's name, a methodist's role) made through the
  store, then the screen once: only the districts they marked are counted again.

Each answer's counts are checked against the exact ones (after the writes: against the exact
count then). The writes stay in the bench database (made up, like all of it). Prints one JSON
line per measurement, with the load average when it was taken.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.fixtures import neo4j_config, open_neo4j
from graph.model import Batch
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.development import HasDeficit
from graph.model.enums import PersonRole, RouteStatus
from graph.model.support import Supports
from graph.queries.gaps import GapKind, GapReport, gap_report
from graph.store.neo4j import Neo4jStore

PERIOD = "2025-H2"
FIRST = 50


def _screen(store: Neo4jStore, *, exact: bool = False) -> tuple[float, GapReport]:
    previous = os.environ.get("METHODNET_GAP_PARTIALS")
    os.environ["METHODNET_GAP_PARTIALS"] = "0" if exact else "1"
    try:
        started = time.perf_counter()
        report = gap_report(store, period=PERIOD, first=FIRST)
        return time.perf_counter() - started, report
    finally:
        if previous is None:
            os.environ.pop("METHODNET_GAP_PARTIALS", None)
        else:
            os.environ["METHODNET_GAP_PARTIALS"] = previous


def _row(what: str, seconds: float, **more: Any) -> dict[str, Any]:
    row = {"what": what, "seconds": round(seconds, 3), "load": os.getloadavg()[0], **more}
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def _stale(store: Neo4jStore, before: dict[str, int]) -> int:
    after = store.gap_generations() or {}
    return sum(1 for d, g in after.items() if before.get(d) != g)


class _Writes:
    """Writes of each kind on made-up targets drawn from the bench data."""

    def __init__(self, store: Neo4jStore, seed: int = 16) -> None:
        self.store, self.random = store, random.Random(seed)
        districts = sorted(d for d in store.count_by("Organization", "territory_id") if d)
        self.schools: list[NodeRecord] = []
        for d in self.random.sample(districts, min(40, len(districts))):
            self.schools += store.nodes("Organization", where={"kind": "school",
                                                               "territory_id": d})[:5]
        work = store.edges("EMPLOYED_AT", targets=[s.id for s in self.schools])
        self.work = work
        self.teachers = sorted({e.source for e in work})
        self.competencies = [n.id for n in store.nodes("Competency")][:200]
        roles = store.edges("HAS_ROLE", where={"role": ["municipal_methodist",
                                                        "regional_methodist"]})
        self.roles = self.random.sample(roles, min(200, len(roles)))
        self.routes = store.edges("HAS_ROUTE", sources=self.teachers)

    def deficit(self) -> None:
        t, c = self.random.choice(self.teachers), self.random.choice(self.competencies)
        b = Batch()
        b.add(HasDeficit(source=t, target=c, date="2025-10-01"))
        self.store.write(b)

    def support(self) -> None:
        m, t = self.random.choice(self.roles).source, self.random.choice(self.teachers)
        b = Batch()
        b.add(Supports(source=m, target=t, start="2025-09-01"))
        self.store.write(b)

    def route(self) -> None:
        if not self.routes:
            return self.deficit()
        e = self.random.choice(self.routes)
        node = self.store.get_node(e.target)
        if node is None:
            return None
        # Another status than it has (opening or closing the route, or neither).
        status = self.random.choice([s.value for s in RouteStatus
                                     if s.value != node.props.get("status")])
        self.store.write(Batch(nodes={node.id: NodeRecord(node.label, node.id,
                                                          {**node.props, "status": status})}))
        return None

    def work_ends(self) -> None:
        e = self.random.choice(self.work)
        self.store.write(Batch(edges={e.id: EdgeRecord(e.type, e.source, e.target, e.key, {
            **e.props, "end": "2025-10-31"})}))

    def school(self) -> None:
        s = self.random.choice(self.schools)
        self.store.write(Batch(nodes={s.id: NodeRecord(s.label, s.id, {
            **s.props, "short_name": f"Школа {self.random.randint(1, 999)}"})}))

    def role(self) -> None:
        e = self.random.choice(self.roles)
        props = {**e.props, "role": PersonRole.municipal_methodist.value
                 if e.props.get("role") == "regional_methodist" else "regional_methodist"}
        self.store.write(Batch(edges={e.id: EdgeRecord(e.type, e.source, e.target, e.key,
                                                       props)}))

    def kinds(self) -> dict[str, Callable[[], None]]:
        return {"a deficit found": self.deficit, "support given": self.support,
                "a route's status": self.route, "work that ends": self.work_ends,
                "a school's name": self.school, "a methodist's role": self.role}


def run(writes: int, *, exact: bool = True, only_writes: bool = False) -> list[dict[str, Any]]:
    store = open_neo4j(neo4j_config(), read_timeout=3600)
    rows: list[dict[str, Any]] = []
    truth: dict[GapKind, int] | None = None
    if only_writes:
        _screen(store)  # every partial fresh before the writes
        return rows + _after_writes(store, writes, exact=exact)
    if exact:
        seconds, report = _screen(store, exact=True)
        truth = report.counts
        rows.append(_row("exact (partials off)", seconds))
    store.forget_gap_partials()  # as after a bulk load: every district stale
    seconds, report = _screen(store)
    rows.append(_row("cold (every district stale: the one pass)", seconds,
                     same=truth is None or report.counts == truth))
    truth = truth or report.counts
    warm = []
    for _ in range(3):
        seconds, report = _screen(store)
        warm.append(seconds)
    rows.append(_row("warm (every partial fresh), median of 3", statistics.median(warm),
                     same=report.counts == truth))
    rows += _after_writes(store, writes, exact=exact)
    store.close()
    return rows


def _after_writes(store: Neo4jStore, writes: int, *, exact: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    writer = _Writes(store) if writes else None
    for name, write in writer.kinds().items() if writer is not None else ():
        before = store.gap_generations() or {}
        started = time.perf_counter()
        for _ in range(writes):
            write()
        spent = (time.perf_counter() - started) / max(writes, 1)
        stale = _stale(store, before)
        seconds, report = _screen(store)
        _t, fresh = _screen(store, exact=True) if exact else (0.0, report)
        rows.append(_row(f"after {writes} writes: {name}", seconds, stale_districts=stale,
                         write_seconds=round(spent, 3), same=report.counts == fresh.counts))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=10, help="writes of each kind")
    parser.add_argument("--no-exact", action="store_true",
                        help="skip the exact screens (each costs about ten seconds)")
    parser.add_argument("--only-writes", action="store_true",
                        help="only the screens after writes (what bench/run.py adds)")
    args = parser.parse_args()
    run(args.writes, exact=not args.no_exact, only_writes=args.only_writes)


if __name__ == "__main__":
    main()
