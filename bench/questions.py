"""Question benchmark: every question of ``graph/queries`` on a loaded store, median and p95.

The list is the registry's (``graph/queries/registry.py``): each question declares the levels
it is benchmarked at, so a new question is measured once it is registered.

The ids a question needs (a district, a school, a teacher, a methodist, a regulation) are picked
from the store through the Store interface, the first by id, so both stores get the same
questions. A question's ``level`` says how much of the graph it reads: ``node`` and ``district``
are what a coordinator asks many times a day (target: under 50 ms median on region data),
``region`` and ``country`` are reports (target for the whole-country gap report on Neo4j: 2 s).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from bench.harness import Section, Target, Timing, fmt_s, load_average, measure
from graph.rules import municipalities
from graph.store.base import Store

__all__ = [
    "LEVEL_TARGETS",
    "PERIOD",
    "Picks",
    "Question",
    "pick",
    "question_section",
    "run_questions",
    "suite",
]

PERIOD = "2025-H2"  # the generator's latest monitoring period
LEVEL_TARGETS = {"node": 0.050, "district": 0.050}
COUNTRY_TARGET = 2.0

Say = Callable[[str], None]


@dataclass(frozen=True)
class Picks:
    """The ids the questions are asked about."""

    region: str
    district: str
    school: str
    teacher: str
    methodist: str
    body: str
    indicator: str | None
    duty_holder: str | None
    regulations: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One benchmarked call: a name, the module it tests, its level, and the call."""

    name: str
    module: str
    level: str
    call: Callable[[Store], Any]
    graphql: str | None = None  # the name of the same question on the @neo4j/graphql server


def pick(store: Store) -> Picks:
    """Choose the ids deterministically: the first synthetic region, its first district, …"""
    regions = [n.id for n in store.nodes("Region")]
    region = next((r for r in regions if not r.startswith("RU-")), regions[0])
    districts = [n.id for n in municipalities(store, [region])]
    district = districts[0]
    schools = [n.id for n in store.nodes("Organization",
                                         where={"kind": "school", "territory_id": district})]
    school = schools[0]
    staff = store.edges("HAS_ROLE", targets=[school], where={"role": "teacher"})
    teacher = staff[0].source
    bodies = store.nodes("Organization", where={"kind": "methodological_service",
                                                "territory_id": district})
    body = bodies[0].id if bodies else school
    roles = store.edges("HAS_ROLE", targets=[body], where={"role": "municipal_methodist"})
    methodist = roles[0].source if roles else teacher
    indicators = [n.id for n in store.nodes("Indicator", where={"computable": True})]
    duties = store.edges("HAS_DUTY")
    # The parsed regulations (with clauses) first: the cited acts have no text to compare.
    regulations = tuple(sorted((n.id for n in store.nodes("Regulation")),
                               key=lambda i: (not i.startswith("reg-"), i)))
    return Picks(region, district, school, teacher, methodist, body,
                 indicators[0] if indicators else None,
                 duties[0].source if duties else None, regulations)


def suite(p: Picks) -> list[Question]:
    """Every question of the registry (``graph/queries/registry.py``) at the levels it declares.

    A level names the territory asked about (``district``, ``region``, ``country``: none);
    a parameter with a ``pick`` gets that id of ``p``, and a question whose id the store
    lacks (no computable indicator, no duty) is left out.
    """
    from graph.queries.registry import QUESTIONS

    regs = p.regulations
    ids: dict[str, str | None] = {
        "teacher": p.teacher, "school": p.school, "methodist": p.methodist, "body": p.body,
        "indicator": p.indicator, "duty_holder": p.duty_holder,
        "regulation": regs[0] if regs else None,
        "other_regulation": regs[1] if len(regs) >= 2 else None,
    }
    territory = {"district": p.district, "region": p.region, "country": None}
    qs = []
    for q in QUESTIONS.values():
        names = {param.name for param in q.params}
        picked = {param.name: ids[param.pick] for param in q.params if param.pick}
        if any(v is None for v in picked.values()):
            continue
        for bench in q.bench:
            args: dict[str, Any] = {**picked, **bench.args}
            if "territory_id" in names and bench.level in territory:
                args.setdefault("territory_id", territory[bench.level])
            if "period" in names:
                args.setdefault("period", PERIOD)
            qs.append(Question(bench.name or q.name, q.module, bench.level,
                               partial(_call, q.name, args),
                               q.name if bench.graphql else None))
    return qs


def _call(name: str, args: dict[str, Any], store: Store) -> Any:
    from graph.queries.registry import QUESTIONS

    return QUESTIONS[name].ask(store, **args)


def run_questions(store: Store, questions: list[Question], *, say: Say, repeat: int = 7,
                  budget: float = 6.0, skip: Callable[[Question], bool] | None = None,
                  ) -> list[dict[str, Any]]:
    """Time each question (one untimed warm-up, then up to ``repeat`` runs in ``budget`` s)."""
    results = []
    for q in questions:
        if skip is not None and skip(q):
            results.append({"name": q.name, "module": q.module, "level": q.level,
                            "skipped": True})
            continue
        trips_before = getattr(store, "round_trips", None)
        try:
            # The warm-up is the first call: if it alone blows the budget, one more call is all.
            first, _ = measure(partial(q.call, store), repeat=1, warmup=0)
            reps = repeat if first.median * repeat < budget else 1
            timing, _ = measure(partial(q.call, store), repeat=reps, warmup=0, budget=budget)
            error = None
        except Exception as e:  # a question that fails is reported, not hidden
            timing, error = Timing(), f"{type(e).__name__}: {e}"[:200]
        trips = getattr(store, "round_trips", None)
        row: dict[str, Any] = {"name": q.name, "module": q.module, "level": q.level,
                               "error": error, "load_average": load_average()}
        if timing.n:
            row.update(timing.summary())
            row["first"] = first.median  # the untimed warm-up: caches and indexes built
            if trips is not None and trips_before is not None:
                row["round_trips"] = (trips - trips_before) / (timing.n + 1)
        results.append(row)
        say(f"  {q.module}.{q.name} [{q.level}]: "
            + (f"median {fmt_s(row['median'])}" if timing.n else f"error {error}"))
    return results


def _target(row: dict[str, Any], store: str) -> Target:
    # The country's target is what a coordinator asks: the report (on nation data its first
    # screen, every count and each list's first page); its whole lists and its counts alone
    # are timed beside it, with no target.
    country = (row["level"] == "country" and store == "neo4j" and (
        row["name"] == "gap_report" or row["name"].startswith("gap_report (first screen")))
    limit = COUNTRY_TARGET if country else LEVEL_TARGETS.get(row["level"])
    if row.get("skipped") or row.get("error"):
        # A question that fails to answer misses its target; one not run is not measured.
        met = None if row.get("skipped") or limit is None else False
        return Target(f"< {fmt_s(limit)}" if limit else "no target", met)
    if row["level"] in LEVEL_TARGETS:
        limit = LEVEL_TARGETS[row["level"]]
        return Target.below(f"< {fmt_s(limit)} median", row["median"], limit)
    if country:
        return Target.below(f"< {fmt_s(COUNTRY_TARGET)}", row["median"], COUNTRY_TARGET)
    return Target("no target", None)


def question_section(scale: str, by_store: dict[str, list[dict[str, Any]]]) -> Section:
    """One table: each question on each store."""
    section = Section(
        f"questions_{scale}", f"Questions on {scale} data (median, p95, min–max of warm runs)",
        ["question", "module", "level", "store", "median", "p95", "min–max", "runs",
         "CPU median", "reads", "target", "met?"])
    for store, rows in by_store.items():
        for row in rows:
            target = _target(row, store)
            if row.get("skipped"):
                cells = ["skipped (time box)"] + ["–"] * 5
            elif row.get("error"):
                cells = [f"error: {row['error']}"] + ["–"] * 5
            else:
                trips = row.get("round_trips")
                cells = [fmt_s(row["median"]), fmt_s(row["p95"]),
                         f"{fmt_s(row['min'])}–{fmt_s(row['max'])}", row["n"],
                         fmt_s(row["cpu_median"]), f"{trips:.0f}" if trips is not None else "–"]
            section.rows.append([row["name"], row["module"], row["level"], store, *cells,
                                 target.text, target])
    firsts = []
    for store, rows in by_store.items():
        built = next((row["first"] for row in rows
                      if row["module"] == "search" and row.get("first") is not None), None)
        if built is not None:
            firsts.append(f"{store} {fmt_s(built)}")
    served = [f"{row['name']} {fmt_s(row['server_cpu'])}" for rows in by_store.values()
              for row in rows if row.get("server_cpu") is not None]
    if served:
        section.notes.append(
            "country: the Neo4j server's CPU time for each report (steadier than its wall time "
            "on a machine others share): " + "; ".join(served) + ".")
    opened = [f"{row['name']} {fmt_s(row['first'])}" for rows in by_store.values()
              for row in rows if row["level"] == "country" and row.get("first") is not None]
    if opened:
        section.notes.append(
            "country: asked once untimed before (right after the server's restart: statements "
            "planned, data read the first time): " + "; ".join(opened) + ".")
    if firsts:
        section.notes.append(
            "search: the first search after a write builds the word-form index of the store's "
            "revision (not in the runs above, which use it): " + "; ".join(firsts) + ".")
    section.notes += [
        "reads = round trips to Neo4j per call (the Store interface's bulk reads).",
        "CPU median = this Python process's CPU time; for Neo4j the server's work is not in it.",
        "Levels: node and district questions are a coordinator's everyday questions, region and "
        "country ones are reports; `regulations` read only the knowledge part.",
    ]
    return section
