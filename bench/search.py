"""Search on a loaded store: everyday queries over the whole country and one district, and the
first search after a write (Neo4j: no index to rebuild; the embedded store rebuilds its own).

Run alone over the stores ``bench/run.py`` loaded: ``python -m bench.search --store neo4j``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.harness import Section, Target, fmt_s, load_average

__all__ = ["TEXTS", "run_search", "search_section"]

TEXTS = ("Петрова", "Иванову Марию", "методический центр", "школа 1", "методист математики")
"""What a coordinator types: a surname, a person in another case, a body, a school, a role."""
Say = Callable[[str], None]
# Made-up surnames no dataset holds, so that the teacher written is the only answer.
_SURNAMES = ("Зюзюкина", "Прокопчукова", "Ястребцева", "Пеструхина", "Кулебякина")


def _timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, found = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), found


def _round_trips(store: Any, call: Callable[[], Any]) -> int | None:
    """How many statements ``call`` sends to the server (``None``: an embedded store)."""
    if not hasattr(store, "round_trips"):
        return None
    before = store.round_trips
    call()
    return int(store.round_trips) - before


def run_search(store: Any, district: str, *, say: Say, repeat: int = 5,
               writes: int = 5) -> list[dict[str, Any]]:
    """Median time of each text over the country and in ``district`` (after one warm call),
    with the statements one search sends to Neo4j, then the first search after each of
    ``writes`` writes (a new teacher, then deleted)."""
    from graph.model import Batch, EmployedAt, Person
    from graph.queries.search import search

    rows = []
    for text in TEXTS:
        for level, territory in (("country", None), ("district", district)):
            ask = partial(search, store, text, territory_id=territory)
            ask()  # warm: plans, caches, the embedded index
            reads = _round_trips(store, ask)
            median, hits = _timed(ask, repeat)
            rows.append({"text": text, "level": level, "median": median, "hits": len(hits),
                         "reads": reads, "load_average": load_average()})
            say(f"  search «{text}» [{level}]: {fmt_s(median)} ({len(hits)} hits"
                + (f", {reads} reads)" if reads is not None else ")"))
    schools = store.nodes("Organization", where={"territory_id": district, "kind": "school"})
    if schools and writes:
        firsts = []
        for i in range(writes):
            person = f"bench-search-{i}"
            surname = _SURNAMES[i % len(_SURNAMES)]
            batch = Batch()
            batch.add(Person(id=person, full_name=f"{surname} Ольга Петровна", synthetic=True))
            batch.add(EmployedAt(source=person, target=schools[0].id))
            store.write(batch)
            t0 = time.perf_counter()
            hits = search(store, f"{surname[:-1]}ой Ольге", territory_id=district)
            firsts.append(time.perf_counter() - t0)
            store.delete(node_ids=[person])
            if [h.node.id for h in hits] != [person]:
                raise RuntimeError(f"the teacher written was not found: {hits}")
        rows.append({"text": "first search after a write", "level": "district",
                     "median": statistics.median(firsts), "max": max(firsts), "hits": 1,
                     "load_average": load_average()})
        say(f"  first search after a write: median {fmt_s(statistics.median(firsts))}, "
            f"max {fmt_s(max(firsts))}")
    return rows


def search_section(scale: str, by_store: dict[str, list[dict[str, Any]]]) -> Section:
    section = Section("search", f"Search on {scale} data (median of warm runs)",
                      ["text", "level", "store", "median", "hits", "reads", "target", "met?"])
    for store, rows in by_store.items():
        for r in rows:
            after_write = r["text"].startswith("first search")
            limit = 1.0 if after_write else (0.05 if r["level"] == "country" else None)
            if limit is None or store != "neo4j":
                target = Target("no target", None)
            else:
                target = Target.below(f"< {fmt_s(limit)}", r["median"], limit)
            reads = r.get("reads")
            section.rows.append([r["text"], r["level"], store, fmt_s(r["median"]), r["hits"],
                                 "–" if reads is None else reads, target.text, target])
    section.notes += [
        "Neo4j finds the candidates with its full-text indexes (the names' word forms kept on "
        "the nodes at write time); a search over the country reads one short key per "
        "candidate, ranks them all and reads whole only the nodes shown, a district's keeps "
        "people by where they work in the same statement; the embedded store indexes the same "
        "word forms in its process per revision, so its first search after a write rebuilds "
        "that index. The targets (issue #16) are Neo4j's.",
        "reads = statements a search sends to Neo4j (in one read transaction): a district's "
        "visibility takes one, the candidates with where the people among them work one.",
    ]
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--store", choices=["memory", "neo4j"], required=True)
    parser.add_argument("--scale", default="region")
    parser.add_argument("--writes", type=int, default=5,
                        help="first searches after a write (Neo4j; 0: none)")
    args = parser.parse_args(argv)
    from bench import questions
    from bench.fixtures import neo4j_config, open_neo4j
    from bench.load import store_dir
    from graph.store import MemoryStore

    store = (MemoryStore(store_dir(args.scale), readonly=True) if args.store == "memory"
             else open_neo4j(neo4j_config()))
    district = questions.pick(store).district
    rows = run_search(store, district, say=print,
                      writes=args.writes if args.store == "neo4j" else 0)
    print(json.dumps(rows, indent=1))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
