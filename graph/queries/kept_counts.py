"""The whole country's gap counts, kept per district and exact at every moment.

A coordinator's first screen of the whole country shows every kind's count
(:func:`graph.queries.gaps.gap_report` with ``first``). Counted exactly each time, on nation
data (1.19 M teachers) that is about ten seconds of server CPU, nearly all of it in counting
teachers and groups of deficits; a district's counts are tens of milliseconds. So the
country's counts are kept as **partials per district**, each exact for its district, and
summed:

- every gap is counted in exactly one district: a teacher in the district of their first
  school by id (the district the gap names, :attr:`Gap.territory_id
  <graph.queries.gaps.Gap.territory_id>`: a teacher working in two districts is counted
  once), a school and a group of deficits (district, subject) in their own district, a
  district in itself, a methodist in the district of their first role's body; a gap with no
  territory in the bucket ``''``. The districts are every ``territory_id`` of an organization
  and every municipality, so the partials' sum is the country's count, exactly;
- a partial is kept in the store with the **generations** it was counted at: its district's
  and every district's (``*``). Every write raises, in its own transaction, the generation of
  each district whose counts it can change (:mod:`graph.store.stale` says which), or ``*``
  when it cannot be bounded (bulk loads, ``clear``);
- a first screen reads the generations and the kept partials, counts again only the stale
  districts (one statement per kind for all of them: at a cold start every district, one
  pass at about the cost of the exact counts), keeps them, and sums.

The generations are read before counting: a write committed meanwhile raises them again, so
what was counted is kept as stale, never as fresh. Only the whole country, for a caller who
may see all of it (:attr:`Scope.unrestricted <graph.queries.scope.Scope.unrestricted>`),
without a subject filter, on a store that keeps generations, uses partials; anything else is
counted exactly as before (:func:`kept_partials` answers ``None``). ``METHODNET_GAP_PARTIALS=0``
switches them off.

>>> from graph.queries.demo import demo_store
>>> from graph.queries.gaps import gap_report
>>> store = demo_store()
>>> kept = kept_counts(store, list(GapKind), period="2025-H1")
>>> kept == gap_report(store, period="2025-H1").counts
True
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from graph.queries.area import Area
from graph.queries.gaps import Gap, GapKind, gap_report, norm_for
from graph.queries.scope import EVERYTHING, Scope
from graph.settings import get_settings
from graph.store.base import KeptPartial, Store
from graph.store.cypher import GROUP_SEPARATOR
from graph.store.stale import NOWHERE

__all__ = ["LISTED", "Read", "districts_of", "enabled", "forget_plans", "kept_counts",
           "kept_gaps", "kept_partials", "partial_keys", "plan_recounts", "recount"]

Partials = dict[GapKind, dict[str, int]]
Counted = dict[GapKind, dict[str, tuple[int, tuple[str, ...] | None]]]
"""Each kind's count per district with, for the kinds :data:`LISTED`, the gaps counted."""

LISTED = (GapKind.subject_without_methodist, GapKind.methodist_over_load)
"""The kinds whose partials also keep the gaps they counted (subject keys; methodists' ids):
their whole lists are short (about a hundred in the country), so a first page is read from
them by what it shows (``NativeGaps.first_pages``) instead of building the list."""


def enabled() -> bool:
    """Whether partials are used (the setting ``METHODNET_GAP_PARTIALS``, on by default).

    >>> enabled() in (True, False)
    True
    """
    return get_settings().gap_partials


def kept_counts(store: Store, kinds: Sequence[GapKind], *, period: str | None,
                level: str | None = None, norm: int | None = None,
                scope: Scope = EVERYTHING) -> dict[GapKind, int] | None:
    """The whole country's count of each kind of gap in ``kinds`` from the kept partials (the
    stale ones counted again), or ``None`` where partials cannot be used (among them a
    ``scope`` that is not the whole country: its questions count their own territories)."""
    partials = kept_partials(store, kinds, period=period, level=level, norm=norm, scope=scope)
    if partials is None:
        return None
    return {k: sum(partials[k].values()) for k in kinds}


def kept_partials(store: Store, kinds: Sequence[GapKind], *, period: str | None,
                  level: str | None = None, norm: int | None = None,
                  scope: Scope = EVERYTHING) -> Partials | None:
    """Each kind's count per district (districts with none left out), every one fresh; ``None``
    where partials cannot be used. Only a caller who may see the whole country reads them.

    >>> from graph.queries.demo import demo_store
    >>> kept_partials(demo_store(), [GapKind.district_without_methodist_pool],
    ...               period="2025-H1", scope=Scope.of(["RU-LEN"])) is None
    True
    """
    found = kept_gaps(store, kinds, period=period, level=level, norm=norm, scope=scope)
    if found is None:
        return None
    return {k: {d: n for d, (n, _gaps) in v.items()} for k, v in found.items()}


def kept_gaps(store: Store, kinds: Sequence[GapKind], *, period: str | None,
              level: str | None = None, norm: int | None = None,
              scope: Scope = EVERYTHING, read: Read | None = None) -> Counted | None:
    """:func:`kept_partials` with, for the kinds :data:`LISTED`, the gaps each district holds
    (subject keys; methodists' ids), ``None`` for the other kinds.

    >>> from graph.queries.demo import demo_store
    >>> found = kept_gaps(demo_store(), [GapKind.methodist_over_load], period="2025-H1",
    ...                   norm=1)
    >>> all(n == len(ids) for n, ids in found[GapKind.methodist_over_load].values())
    True
    """
    if not enabled() or not scope.unrestricted:
        return None
    return _kept_gaps(store, kinds, period=period, level=level, norm=norm, read=read)


@dataclass(frozen=True)
class Read:
    """What a first screen reads before counting, where the caller read it already (on Neo4j
    in one statement with the kept screen: ``NativeGaps.first_pages``): every district's
    generation, every district (:func:`districts_of`) and the partials kept under the keys of
    :func:`partial_keys`."""

    generations: dict[str, int]
    districts: list[str]
    kept: dict[str, dict[str, KeptPartial]]


def partial_keys(kinds: Sequence[GapKind], area: Area, *, level: str | None = None,
                 norm: int | None = None) -> list[str]:
    """The keys the partials of ``kinds`` in ``area``'s period are kept under (for a
    :class:`Read`).

    >>> from graph.queries.demo import demo_store
    >>> partial_keys([GapKind.methodist_over_load], Area(demo_store(), period="2025-H1"))
    ['methodist_over_load|2025-01-01|2025-06-30||25']
    """
    resolved = norm_for(norm, level) if GapKind.methodist_over_load in kinds else None
    return [_key(k, area, level, resolved) for k in dict.fromkeys(kinds)]


def recount(store: Store, periods: Sequence[str] | None = None, *,
            progress: Callable[[str, GapKind, int], None] | None = None
            ) -> dict[str, dict[GapKind, int]] | None:
    """Count again, and keep, every stale district's partials of every kind for each of
    ``periods`` (default: the latest assessed, the period the first screen opens on): what a
    bulk load and ``methodnet recount`` end with, so that the next first screen finds every
    count kept, and on Neo4j the first screen itself kept whole (:func:`keep_first_screen`).
    ``progress(period, kind, districts counted)`` is called as each kind is done. Returns each
    period's counts; ``None`` where the store keeps no partials (or they are off).

    >>> from graph.queries.demo import demo_store
    >>> store = demo_store()
    >>> store.forget_gap_partials()
    >>> found = recount(store, ["2025-H1"])
    >>> found["2025-H1"] == gap_report(store, period="2025-H1").counts
    True
    """
    if not enabled() or store.gap_generations() is None:
        return None
    from graph.queries.warm_up import screen_period

    found: dict[str, dict[GapKind, int]] = {}
    for period in periods or [screen_period(store)]:
        def done(kind: GapKind, n: int, period: str = period) -> None:
            if progress is not None:
                progress(period, kind, n)

        counted = _kept_gaps(store, list(GapKind), period=period, level=None, norm=None,
                             progress=done)
        if counted is None:
            return None
        found[period] = {k: sum(n for n, _g in v.values()) for k, v in counted.items()}
        keep_first_screen(store, period)
    return found


def keep_first_screen(store: Store, period: str) -> None:
    """On Neo4j, the whole country's first screen of ``period`` read by its statements (each
    planned, its pages read) and kept whole: what :func:`recount` ends with, so that the first
    screen after a load, a recount or a restart of the server is read back rather than made
    on a server whose plans and pages are cold. The embedded store keeps nothing here.

    >>> from graph.queries.demo import demo_store
    >>> keep_first_screen(demo_store(), "2025-H1")  # nothing to keep in the process
    """
    from graph.queries.native_gaps import NativeGaps, in_database
    from graph.queries.warm_up import FIRST_SCREEN

    native = in_database(store)
    if native is None:
        return
    afresh = NativeGaps(native.store, afresh=True)
    native.store.read_together(lambda: afresh.first_pages(list(GapKind), None, period,
                                                          EVERYTHING, first=FIRST_SCREEN))


def _kept_gaps(store: Store, kinds: Sequence[GapKind], *, period: str | None,
               level: str | None, norm: int | None, alone: bool = False,
               progress: Callable[[GapKind, int], None] | None = None,
               districts: list[str] | None = None, read: Read | None = None
               ) -> Counted | None:
    """``alone``: this thread holds the store's recount (see :func:`_recounting`);
    ``progress(kind, districts counted)`` is called as each kind's stale districts are
    counted; ``districts``: :func:`_districts`, when the caller read them (reading them takes
    0.1-0.3 s on a country's database: once a screen, not again after the recount's lock)."""
    generations = store.gap_generations() if read is None else read.generations
    if generations is None:
        return None
    kinds = list(dict.fromkeys(kinds))
    area = Area(store, period=period)
    resolved = norm_for(norm, level) if GapKind.methodist_over_load in kinds else None
    keys = {k: _key(k, area, level, resolved) for k in kinds}
    if read is not None:
        districts = read.districts
    elif districts is None:
        districts = _districts(store)
    every = generations.get("*", 0)
    tags = {d: f"{every}.{generations.get(d, 0)}" for d in districts}
    kept = (store.kept_gap_partials(list(keys.values())) if read is None else
            {k: v for k, v in read.kept.items() if k in keys.values()})
    fresh: dict[GapKind, dict[str, KeptPartial]] = {}
    stale: dict[GapKind, list[str]] = {}
    for k in kinds:
        mine = kept.get(keys[k], {})
        fresh[k] = {d: mine[d] for d in districts
                    if d in mine and mine[d][0] == tags[d] and _whole(k, mine[d])}
        stale[k] = [d for d in districts if d not in fresh[k]]
    todo = {k: d for k, d in stale.items() if d}
    if todo and not alone:  # read again once no other thread recounts: maybe all fresh then
        with _recounting(store):
            return _kept_gaps(store, kinds, period=period, level=level, norm=norm, alone=True,
                              progress=progress, districts=districts)
    if not todo:
        _plan_recounts(store, area, level=level, norm=resolved)
    else:
        _planned(store)
        counted = _count(store, area, todo, level=level, norm=resolved, of=len(districts),
                         progress=progress)
        for k, ds in todo.items():
            none: tuple[str, ...] | None = () if k in LISTED else None
            fresh[k].update({d: (tags[d], *counted[k].get(d, (0, none))) for d in ds})
        store.keep_gap_partials({keys[k]: fresh[k] for k in todo})
    return {k: {d: (n, gaps) for d, (_t, n, gaps) in sorted(fresh[k].items()) if n}
            for k in kinds}


def _whole(kind: GapKind, kept: KeptPartial) -> bool:
    """Whether a kept partial holds what its kind needs: the gaps it counted, for the kinds
    :data:`LISTED` (partials kept before they were listed are counted again)."""
    _tag, n, gaps = kept
    if kind not in LISTED:
        return True
    if gaps is None or len(gaps) != n:
        return False
    # A group of subjects is kept with its teachers.
    return kind is not GapKind.subject_without_methodist or all(GROUP_SEPARATOR in g
                                                                 for g in gaps)


# A recount of the country's stale districts is done by one thread of a process at a time: a
# first screen asked while another (or the start-up warm-up) recounts waits for it, then reads
# what it kept, rather than count the same districts a second time.
_RECOUNTS: weakref.WeakKeyDictionary[Store, threading.Lock] = weakref.WeakKeyDictionary()
_RECOUNTS_LOCK = threading.Lock()


@contextlib.contextmanager
def _recounting(store: Store) -> Iterator[None]:
    with _RECOUNTS_LOCK:
        lock = _RECOUNTS.setdefault(store, threading.Lock())
    with lock:
        yield


_PLANNING: weakref.WeakKeyDictionary[Store, threading.Thread] = weakref.WeakKeyDictionary()
# Stores whose recount planning waits (the start-up warm-up plans it last, after the screen).
_DEFERRED: weakref.WeakSet[Store] = weakref.WeakSet()


@contextlib.contextmanager
def planning_deferred(store: Store) -> Iterator[None]:
    """Within it no recount planning of ``store`` is begun in the background: the warm-up
    prepares the first screen first, with both of the server's cores, and plans after."""
    _DEFERRED.add(store)
    try:
        yield
    finally:
        _DEFERRED.discard(store)


def _plan_recounts(store: Store, area: Area, *, level: str | None, norm: int | None) -> None:
    """Once per store in a process, while nothing is stale: have the database plan the
    statements that recount a few districts (:meth:`NativeGaps.plan_partials
    <graph.queries.native_gaps.NativeGaps.plan_partials>`), in the background, so that
    neither this screen nor the first after a write waits for the planner (a recount that
    comes while it plans waits for it: :func:`_planned`)."""
    from graph.queries.native_gaps import in_database

    native = in_database(store)
    if native is None or store in _PLANNING or store in _DEFERRED:
        return

    def plan() -> None:
        # Only a head start (the store may be closed meanwhile): a recount plans what it needs.
        with contextlib.suppress(Exception):
            native.plan_partials(area, level=level, norm=norm)

    thread = threading.Thread(target=plan, name="gaps-plan", daemon=True)
    _PLANNING[store] = thread
    thread.start()


def plan_recounts(store: Store, period: str | None, *, level: str | None = None,
                  norm: int | None = None) -> None:
    """Have the database plan the statements that recount a few districts now (once per
    store in a process; a planning under way is waited for): what the start-up warm-up
    (:mod:`graph.queries.warm_up`) leaves ready for the first screen after a write.

    >>> from graph.queries.demo import demo_store
    >>> plan_recounts(demo_store(), "2025-H1")  # the embedded store plans nothing
    """
    area = Area(store, period=period)
    _DEFERRED.discard(store)
    _plan_recounts(store, area, level=level, norm=norm_for(norm, level))
    _planned(store)


def forget_plans(store: Store) -> None:
    """The server of ``store`` dropped its plans (it restarted): the next
    :func:`plan_recounts` plans again."""
    _PLANNING.pop(store, None)


def _planned(store: Store) -> None:
    """Wait for the statements' planning begun by :func:`_plan_recounts`, if any: a recount
    meanwhile would plan them a second time."""
    thread = _PLANNING.get(store)
    if thread is not None:
        thread.join()


def _key(kind: GapKind, area: Area, level: str | None, norm: int | None) -> str:
    """What a partial is kept under: the kind, the period's bounds and, for the load, the
    level and the norm (every argument that changes a count)."""
    more = f"|{level or ''}|{norm}" if kind is GapKind.methodist_over_load else ""
    return f"{kind.value}|{area.first.isoformat()}|{area.on.isoformat()}{more}"


def _districts(store: Store) -> list[str]:
    """Every district a gap can be counted in: each organization's territory, each
    municipality, and ``''`` for gaps with no territory."""
    from graph.queries.native_gaps import in_database

    native = in_database(store)
    if native is not None:  # one statement, from the index
        places, municipalities = native.districts()
    else:
        places = list(store.count_by("Organization", "territory_id"))
        municipalities = [n.id for n in store.nodes("Municipality")]
    return districts_of(places, municipalities)


def districts_of(places: Sequence[object], municipalities: Sequence[str]) -> list[str]:
    """Every district a gap can be counted in, from every organization's ``territory_id`` and
    every municipality's id: those, and ``''`` for gaps with no territory.

    >>> districts_of(["D2", None, "", "D1", "D2"], ["M1"])
    ['', 'D1', 'D2', 'M1']
    """
    found = {str(t) for t in places if t not in (None, "")} | set(municipalities)
    return sorted(found | {NOWHERE})


def _count(store: Store, area: Area, todo: dict[GapKind, list[str]], *, level: str | None,
           norm: int | None, of: int,
           progress: Callable[[GapKind, int], None] | None = None) -> Counted:
    """Each kind's count per district for the districts ``todo`` lists: in the database on
    Neo4j (one statement per kind), else from the whole country's gaps, by the district each
    names."""
    from graph.queries.native_gaps import in_database

    native = in_database(store)
    if native is not None:
        return native.partials(todo, area, level=level, norm=norm, of=of, progress=progress)
    report = gap_report(store, period=area.period, kinds=list(todo), level=level, norm=norm)
    found: Counted = {}
    for k, districts in todo.items():
        by: dict[str, list[str]] = {}
        for g in report.gaps[k]:
            district = g.territory_id if isinstance(g.territory_id, str) else NOWHERE
            by.setdefault(district, []).append(_listed_as(g))
        found[k] = {d: (len(by[d]), tuple(sorted(by[d])) if k in LISTED else None)
                    for d in districts if d in by}
        if progress is not None:
            progress(k, len(districts))
    return found


def _listed_as(gap: Gap) -> str:
    """What a district's partial keeps of a gap of a kind :data:`LISTED`: a group's subject
    key (as the statements compare subjects) and its teachers' ids, a methodist's id."""
    if gap.kind is GapKind.subject_without_methodist:
        teachers = sorted({e.source for e in gap.evidence})
        return GROUP_SEPARATOR.join([(gap.subject or "").strip().lower(), *teachers])
    return gap.node_id
