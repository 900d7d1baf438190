"""Methodist load: teachers and schools per methodist, and their distribution per district."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.area import Area, Evidence, InvalidArgument, Methodist
from graph.queries.in_database import in_database
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.where import Where
from graph.rules import load_norm
from graph.store.base import Store, reads_together

__all__ = [
    "Bucket",
    "LoadDistribution",
    "MethodistLoad",
    "MethodistLoadReport",
    "Stats",
    "loads",
    "methodist_load",
]

LEVELS = ("regional", "municipal")


@dataclass(frozen=True)
class MethodistLoad:
    """One methodist: the teachers they support or tutor directly and the schools they reach.

    ``schools`` are the schools they support or curate, plus the schools of their teachers.
    """

    methodist_id: str
    title: str
    level: str
    body_id: str
    body_title: str
    territory_id: str | None
    subjects: tuple[str, ...]
    teachers: tuple[str, ...]
    schools: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # the SUPPORTS/TUTORS/CURATES edges counted

    @property
    def teacher_count(self) -> int:
        return len(self.teachers)

    @property
    def school_count(self) -> int:
        return len(self.schools)


@dataclass(frozen=True)
class Stats:
    """Minimum, median, maximum and mean of a list of counts (all 0 for an empty list)."""

    min: int
    median: float
    max: int
    mean: float

    @classmethod
    def of(cls, values: Sequence[int]) -> Stats:
        """
        >>> Stats.of([0, 1, 2, 10])
        Stats(min=0, median=1.5, max=10, mean=3.25)
        """
        if not values:
            return cls(0, 0.0, 0, 0.0)
        return cls(min(values), float(statistics.median(values)), max(values),
                   round(statistics.fmean(values), 2))


@dataclass(frozen=True)
class Bucket:
    """A histogram bucket: how many methodists carry ``lower``–``upper`` teachers (``None``: no
    upper bound)."""

    lower: int
    upper: int | None
    count: int


@dataclass(frozen=True)
class LoadDistribution:
    """The load of the methodists of one territory (``None``: the whole answer)."""

    territory_id: str | None
    methodists: int
    teachers: Stats
    schools: Stats
    histogram: tuple[Bucket, ...]
    over_norm: tuple[str, ...]  # ids of methodists with more teachers than the norm


@dataclass(frozen=True)
class MethodistLoadReport:
    """Every methodist's load, the distribution per territory of their body, and overall."""

    norm: int
    methodists: tuple[MethodistLoad, ...]
    by_territory: tuple[LoadDistribution, ...]
    overall: LoadDistribution


@reads_together
def methodist_load(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None,
    level: str | None = None,
    norm: int | None = None,
    scope: Scope = EVERYTHING,
) -> MethodistLoadReport:
    """Teachers and schools per methodist, and how the load spreads per territory.

    The methodists are those with an active role in a body located in the territory (a region's
    ЦНППМ counts for the region, a district's ММС for the district). A methodist's teachers are
    the people they support (SUPPORTS) or tutor (TUTORS) at some day of the period, as the
    regulation's indicator counts teachers "закрепленных за 1 методистом"; the norm is
    ``settings.load_norm`` (see :func:`graph.queries.gaps.methodists_over_load`).

    Parameters
    ----------
    level
        ``regional`` or ``municipal`` methodists only.
    subject
        Only methodists of this subject.
    norm
        Teachers one methodist can carry; the histogram's buckets are fifths of it.

    Examples
    --------
    >>> from graph.queries.demo import demo_store
    >>> report = methodist_load(demo_store(), territory_id="RU-LEN", period="2025-H1")
    >>> [(m.methodist_id, m.teacher_count, m.school_count) for m in report.methodists]
    [('m1', 2, 2), ('m2', 1, 1), ('m3', 0, 0)]
    >>> [(d.territory_id, d.teachers.max) for d in report.by_territory]
    [('RU-LEN', 2), ('RU-LEN-a', 1), ('RU-LEN-b', 0)]
    >>> report.overall.teachers
    Stats(min=0, median=1.0, max=2, mean=1.0)
    >>> [(b.lower, b.upper, b.count) for b in report.overall.histogram]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(0, 0, 1), (1, 5, 2), (6, 10, 0), (11, 15, 0), (16, 20, 0), (21, 25, 0),
     (26, 50, 0), (51, None, 0)]
    """
    where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
    territory_id, period, scope = where.territory_id, where.period, where.scope
    if level is not None and level not in LEVELS:
        raise InvalidArgument(f"level must be regional or municipal, not {level!r}")
    norm = load_norm(norm)
    area = Area(store, where)
    rows = loads(area, level=level, subject=subject)
    by_territory: dict[str | None, list[MethodistLoad]] = defaultdict(list)
    for row in rows:
        by_territory[row.territory_id].append(row)
    return MethodistLoadReport(
        norm=norm,
        methodists=tuple(rows),
        by_territory=tuple(_distribution(t, r, norm) for t, r in
                           sorted(by_territory.items(), key=lambda kv: kv[0] or "")),
        overall=_distribution(None, rows, norm),
    )


def loads(
    area: Area, *, level: str | None = None, subject: str | None = None
) -> list[MethodistLoad]:
    """The load of every methodist local to the area, in a fixed number of bulk reads."""
    if (native := in_database(area.store)) is not None:
        return native.loads(area, level=level, subject=subject)
    methodists = [m for m in area.local_methodists()
                  if (level is None or m.level == level)
                  and (subject is None or m.has_subject(subject))]
    if not methodists:
        return []
    store = area.store
    out = [e for e in store.edges(["SUPPORTS", "TUTORS", "CURATES"],
                                  sources=[m.id for m in methodists]) if area.active(e)]
    # The targets' own work edges are read before knowing which targets are people: schools
    # have none, and so the labels of targets and workplaces come in one read after.
    reached = sorted({e.target for e in out})
    work = [e for e in store.edges(["EMPLOYED_AT", "HAS_ROLE"], sources=reached)
            if area.active(e) and (e.type == "EMPLOYED_AT" or e.props.get("role") == "teacher")]
    targets = store.get_nodes(sorted(set(reached) | {e.target for e in work}))
    schools_of: dict[str, set[str]] = defaultdict(set)
    for e in work:
        if (p := targets.get(e.target)) is not None and p.props.get("kind") == "school":
            schools_of[e.source].add(e.target)
    by_source: dict[str, list[EdgeRecord]] = defaultdict(list)
    for e in out:
        by_source[e.source].append(e)
    return [_load(m, by_source[m.id], targets, schools_of) for m in methodists]


def _load(m: Methodist, edges: list[EdgeRecord], targets: dict[str, NodeRecord],
          schools_of: dict[str, set[str]]) -> MethodistLoad:
    teachers = {e.target for e in edges
                if (n := targets.get(e.target)) is not None and n.label == "Person"}
    schools = {e.target for e in edges
               if (n := targets.get(e.target)) is not None and n.props.get("kind") == "school"}
    for t in teachers:
        schools |= schools_of.get(t, set())
    return MethodistLoad(
        methodist_id=m.id, title=m.title, level=m.level, body_id=m.body_id,
        body_title=m.body_title, territory_id=m.territory_id, subjects=m.subjects,
        teachers=tuple(sorted(teachers)), schools=tuple(sorted(schools)),
        evidence=tuple(Evidence.of(e) for e in sorted(edges, key=lambda e: e.id)),
    )


def _buckets(norm: int) -> list[tuple[int, int | None]]:
    """0; five equal steps up to the norm; up to twice the norm; beyond."""
    step = max(1, -(-norm // 5))
    bounds: list[tuple[int, int | None]] = [(0, 0)]
    low = 1
    while low <= norm:
        bounds.append((low, min(low + step - 1, norm)))
        low += step
    bounds += [(norm + 1, 2 * norm), (2 * norm + 1, None)]
    return bounds


def _distribution(
    territory_id: str | None, rows: list[MethodistLoad], norm: int
) -> LoadDistribution:
    teachers = [r.teacher_count for r in rows]
    histogram = tuple(
        Bucket(lo, hi, sum(1 for t in teachers if t >= lo and (hi is None or t <= hi)))
        for lo, hi in _buckets(norm)
    )
    return LoadDistribution(
        territory_id=territory_id,
        methodists=len(rows),
        teachers=Stats.of(teachers),
        schools=Stats.of([r.school_count for r in rows]),
        histogram=histogram,
        over_norm=tuple(r.methodist_id for r in rows if r.teacher_count > norm),
    )
