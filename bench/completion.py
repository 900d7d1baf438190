"""The Python work of the comparison's small requests, graphql-core's completion beside the
one loop of :mod:`api.fastlists`, with the store's reads replayed.

Over the region the bench Neo4j holds (``bench/run.py --part compare`` loads it): each
question of the @neo4j/graphql comparison is executed once against Neo4j with its reads
recorded, then many times in this thread with the recorded records given back at once (no
round trip; unpickled, a few µs): what remains is the CPU of a request in the worker (parse
and validation kept, bounds, the resolver, the question's Python, GraphQL's completion, the
answer encoded). The
two schemas alternate; the answers are checked to be byte-identical.

    .venv/bin/python -m bench.completion [--repeat 25] [--inner 20]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from typing import Any

from bench import neo4j_graphql, questions
from bench.fixtures import neo4j_config, open_neo4j
from bench.floor import execute_in_worker
from bench.harness import load_average

__all__ = ["main"]

PROBES = ("shortest_path", "neighbourhood", "isolated_schools", "node", "search")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.completion", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=25, help="rounds (the minimum is kept)")
    parser.add_argument("--inner", type=int, default=20, help="executions per round")
    args = parser.parse_args(argv)

    from api.schema import make_schema
    from graph.settings import Settings
    from graph.store.neo4j import Neo4jStore

    store = open_neo4j(neo4j_config())
    picks = questions.pick(store)
    pairs = {p.name.split(" ")[0].split(":")[0]: p for p in neo4j_graphql.pairs(
        picks.district, questions.PERIOD, picks.school, picks.teacher, picks.methodist)}
    settings = Settings(rate_limit_per_minute=0)
    schemas = {"graphql-core": make_schema(fast_lists=False), "one loop": make_schema()}
    kept: dict[tuple[str, str], bytes] = {}
    read = Neo4jStore._read

    def replayed(self: Neo4jStore, query: str, **kw: Any) -> list[dict[str, Any]]:
        key = (query, repr(sorted(kw.items())))
        if key not in kept:
            kept[key] = pickle.dumps(read(self, query, **kw))
        return pickle.loads(kept[key])  # a fresh copy: the store changes what it reads

    Neo4jStore._read = replayed  # type: ignore[method-assign]

    def execute(schema: Any, pair: neo4j_graphql.Pair) -> str:
        return execute_in_worker(schema, store, settings, pair)

    print(f"load average before: {load_average()}")
    print("| question (ms, min of rounds · median) | graphql-core | one loop | answer bytes |")
    print("|---|---|---|---|")
    for name in PROBES:
        pair = pairs[name]
        answers = {label: execute(schema, pair) for label, schema in schemas.items()}
        assert len(set(answers.values())) == 1, f"{name}: the answers differ"
        times: dict[str, list[float]] = {label: [] for label in schemas}
        for _ in range(args.repeat):
            for label, schema in schemas.items():
                t0 = time.perf_counter()
                for _ in range(args.inner):
                    execute(schema, pair)
                times[label].append((time.perf_counter() - t0) / args.inner * 1e3)
        cells = [f"{min(t):.3f} · {statistics.median(t):.3f}" for t in times.values()]
        print(f"| {name} | {' | '.join(cells)} | {len(answers['one loop'].encode())} |")
    print(f"load average after: {load_average()}")
    Neo4jStore._read = read  # type: ignore[method-assign]
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
