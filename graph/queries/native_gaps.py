"""The gap questions computed in the database, on Neo4j.

On the embedded store a gap question reads its area in a few bulk reads and counts in Python
(:mod:`graph.queries.gaps`, :class:`graph.queries.area.Area`). On Neo4j that means carrying
every teacher of a country into the process; here each kind of gap is instead one Cypher
statement (``graph.store.cypher.gap_statement``) that filters, joins and counts in the server
and returns only the gaps, with the values their reasons and evidence are made of. This module
words them exactly as :mod:`graph.queries.gaps` does, so the answers are equal on both stores
— ordering included — which ``tests/test_differential_gaps.py`` checks on random networks.

What stays in Python here is what a question needs before its statement: the territories of
the area (the filter within the caller's scope, :class:`Area`'s own rule) and the period's
bounds. A store that is not a plain :class:`~graph.store.neo4j.Neo4jStore` — the analyst's
:class:`~graph.store.pseudonymised.PseudonymisedStore` around one — has no native path:
:func:`in_database` answers ``None`` and the question takes its Python path, whose reads the
wrapper pseudonymises.

Subjects compare as :func:`graph.queries.area.same_subject` says, trimmed and case-blind; the
server lower-cases where Python case-folds, which differs only for a few letters no subject
name has (German ß, final sigma).
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from graph.model.base import NodeRecord
from graph.queries import kept_counts
from graph.queries.area import Area, Evidence
from graph.queries.gaps import Gap, GapKind, GapReport, norm_for
from graph.queries.nodes import _TITLE_PROPS, title_of
from graph.queries.scope import Scope
from graph.queries.warm_up import wait_for_warm_up
from graph.rules import (
    METHODIST_BODY_KINDS,
    METHODIST_ROLES,
    YOUNG_SPECIALIST_AGE_BAND,
    YOUNG_SPECIALIST_MAX_AGE,
    YOUNG_SPECIALIST_MAX_YEARS,
)
from graph.store import cypher
from graph.store.base import Store
from graph.store.stale import NOWHERE

if TYPE_CHECKING:
    from graph.store.neo4j import Neo4jStore

__all__ = ["NativeGaps", "in_database"]

T = TypeVar("T")


def in_database(store: Store) -> NativeGaps | None:
    """The native gap questions of ``store``, or ``None`` where they are answered in Python.

    >>> from graph.store import MemoryStore
    >>> in_database(MemoryStore()) is None
    True
    """
    from graph.store.neo4j import Neo4jStore

    return NativeGaps(store) if type(store) is Neo4jStore else None


def _title(node_id: str, values: Sequence[Any] | None) -> str:
    """:func:`title_of` on the title properties a statement returned."""
    return title_of(NodeRecord("", node_id, dict(zip(_TITLE_PROPS, values or (), strict=False))))


def _evidence(rows: Sequence[Sequence[Any]]) -> list[Evidence]:
    """``[id, type, source, target, …]`` rows as evidence, by edge id."""
    return sorted((Evidence(r[0], r[1], r[2], r[3]) for r in rows), key=lambda e: e.edge_id)


def _district(schools: Sequence[Sequence[Any]]) -> str | None:
    """The territory of a teacher's first school (by id), as :func:`gaps._teacher_gap` says."""
    first = min(schools, key=lambda s: s[0]) if schools else None
    return first[1] if first is not None and isinstance(first[1], str) else None


class NativeGaps:
    """The gap questions of one Neo4j store, each one statement computed in the server.

    The methods take the keywords of the functions of :mod:`graph.queries.gaps` (less
    ``area``) and return what they return.
    """

    def __init__(self, store: Neo4jStore, *, afresh: bool = False) -> None:
        self.store = store
        # A whole-country first screen read by its statements even where it is kept whole
        # (and kept again if it changed): what the warm-up asks, to have them planned.
        self.afresh = afresh
        self._fetched: dict[GapKind, list[dict[str, Any]]] = {}

    def _ask(self, kind: GapKind, area: Area, *, count: bool = False, subject: str | None = None,
             **more: Any) -> list[dict[str, Any]]:
        if not count and kind in self._fetched:
            return self._fetched.pop(kind)
        if kind is GapKind.subject_without_methodist and area.territories is None:
            rows = self._country_subjects(area, subject)
            return [{"n": len(rows)}] if count else rows
        query, params = self._statement(kind, area, count=count, subject=subject, **more)
        return self.store.answer_records(query, **params)

    def _country_subjects(self, area: Area, subject: str | None) -> list[dict[str, Any]]:
        """The country's subjects without a methodist: its groups of deficits and the
        methodists' coverage read at once, the groups left then read with their evidence."""
        params = self._params(area, subject)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gaps") as pool:
            covering = pool.submit(self._covered, params)
            groups = {(d, k) for d, k in self.store.answer(cypher.subject_deficit_groups(),
                                                           **params)}
            covered = {(d, k) for d, k in covering.result()}
        left = sorted(groups - covered)
        if not left:
            return []
        return self.store.answer_records(cypher.subject_groups_statement(), **params,
                                         groups=[list(g) for g in left])

    def _fetch_together(self, kinds: Sequence[GapKind], area: Area, *, subject: str | None,
                        level: str | None, norm: int) -> None:
        """Every kind's rows for a territory in one statement (``cypher.gap_report_statement``),
        kept for the methods below to word: one round trip for a district's report."""
        _query, params = self._statement(kinds[0], area, subject=subject, level=level,
                                         norm=norm)
        query = cypher.gap_report_statement([k.value for k in kinds])
        found = self.store.answer_records(query, **params)
        self._fetched = {k: list(found[0][k.value]) for k in kinds} if found else {}

    def profile(self, kind: GapKind, area: Area, *, count: bool = False) -> dict[str, Any]:
        """The profiled plan of one kind's statement (see ``bench/gaps_in_database.py``)."""
        query, params = self._statement(kind, area, count=count, norm=1)
        return self.store.profile(query, **params)

    @staticmethod
    def _params(area: Area, subject: str | None, **more: Any) -> dict[str, Any]:
        return {
            "terrs": None if area.territories is None else sorted(area.territories),
            "first": area.first.isoformat(), "on": area.on.isoformat(), "year": area.on.year,
            "subject": None if subject is None else subject.strip().casefold(),
            "roles": list(METHODIST_ROLES), "bodies": list(METHODIST_BODY_KINDS),
            "young_band": YOUNG_SPECIALIST_AGE_BAND, "max_age": YOUNG_SPECIALIST_MAX_AGE,
            "max_years": YOUNG_SPECIALIST_MAX_YEARS, "level": None, "norm": 0, **more,
        }

    def _statement(self, kind: GapKind, area: Area, *, count: bool = False,
                   subject: str | None = None, **more: Any) -> tuple[str, dict[str, Any]]:
        params = self._params(area, subject, **more)
        query = cypher.gap_statement(kind.value, scoped=area.territories is not None,
                                     count=count, by_subject=subject is not None)
        if kind is GapKind.subject_without_methodist and area.territories is None:
            params["covered"] = self._covered(params)
        return query, params

    def _covered(self, params: dict[str, Any]) -> list[list[str]]:
        """The country's ``[district, subject key]`` pairs some methodist covers
        (``cypher.subject_coverage``), for its subjects without a methodist."""
        return [pair for pair in self.store.answer(cypher.subject_coverage(), **params)]

    def districts(self) -> tuple[list[Any], list[str]]:
        """Every organization's ``territory_id`` (read from its index alone) and every
        municipality's id, in one statement (``cypher.GAP_DISTRICTS``)."""
        rows = self.store.answer_records(cypher.GAP_DISTRICTS)
        return (list(rows[0]["places"]), list(rows[0]["municipalities"])) if rows else ([], [])

    def area(self, territory_id: str | None, period: str | None, scope: Scope) -> Area:
        """The area's territories and period (an :class:`Area` reads nothing more until a
        question asks it to)."""
        return Area(self.store, territory_id=territory_id, period=period, scope=scope)

    # -- the seven kinds -----------------------------------------------------------------------
    def deficits_without_route(self, territory_id: str | None, period: str | None,
                               scope: Scope, *, subject: str | None = None,
                               area: Area | None = None) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        gaps = []
        for row in sorted(self._ask(GapKind.deficit_without_route, area, subject=subject),
                          key=lambda r: r["id"]):
            deficits = row["deficits"]
            names = sorted({d[4] if isinstance(d[4], str) and d[4] else _title(d[3], d[5])
                            for d in deficits})
            gaps.append(Gap(
                kind=GapKind.deficit_without_route, node_id=row["id"], label="Person",
                title=_title(row["id"], row["title"]), territory_id=_district(row["schools"]),
                reason=f"deficits in {', '.join(names)}; no individual route",
                reason_ru=f"дефициты: {', '.join(names)}; нет ИОМ",
                value=len(deficits), evidence=tuple(_evidence(deficits))))
        return gaps

    def teachers_without_methodist(self, territory_id: str | None, period: str | None,
                                   scope: Scope, *, subject: str | None = None,
                                   area: Area | None = None) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        gaps = []
        for row in sorted(self._ask(GapKind.teacher_without_methodist, area, subject=subject),
                          key=lambda r: r["id"]):
            support = row["support"]
            others = sorted({s[2] for s in support})
            more = f" (supported by non-methodists: {', '.join(others)})" if others else ""
            names = sorted({_title(s[2], s[4]) for s in support})
            more_ru = f" (поддерживают не методисты: {', '.join(names)})" if others else ""
            gaps.append(Gap(
                kind=GapKind.teacher_without_methodist, node_id=row["id"], label="Person",
                title=_title(row["id"], row["title"]), territory_id=_district(row["schools"]),
                reason=f"no methodist supports or tutors this teacher{more}",
                reason_ru=f"за педагогом не закреплён методист{more_ru}",
                evidence=(*_evidence(row["work"]), *_evidence(support))))
        return gaps

    def young_specialists_without_support(self, territory_id: str | None, period: str | None,
                                          scope: Scope, *, subject: str | None = None,
                                          area: Area | None = None) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        gaps = []
        rows = self._ask(GapKind.young_specialist_without_support, area, subject=subject)
        for row in sorted(rows, key=lambda r: r["id"]):
            year = area.on.year - row["career_start_year"] + 1
            if row["birth_year"] is not None:
                age, age_ru = (f"age {area.on.year - row['birth_year']}",
                               f"{area.on.year - row['birth_year']} лет")
            else:
                age, age_ru = f"age {row['age_band']}", f"возраст {row['age_band']}"
            gaps.append(Gap(
                kind=GapKind.young_specialist_without_support, node_id=row["id"],
                label="Person", title=_title(row["id"], row["title"]),
                territory_id=_district(row["schools"]),
                reason=f"young specialist ({age}, year {year} of work) with no mentor or support",
                reason_ru=f"молодой педагог ({age_ru}, {year}-й год работы) без наставника и "
                          "поддержки",
                evidence=tuple(_evidence(row["work"]))))
        return gaps

    def schools_without_methodological_service(self, territory_id: str | None, period: str | None,
                                               scope: Scope, *, area: Area | None = None
                                               ) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        rows = self._ask(GapKind.school_without_methodological_service, area)
        return [
            Gap(kind=GapKind.school_without_methodological_service, node_id=row["id"],
                label="Organization", title=_title(row["id"], row["title"]),
                territory_id=row["territory_id"],
                reason="no methodological service or council of its own",
                reason_ru="нет методической службы (совета) образовательной организации")
            for row in sorted(rows, key=lambda r: r["id"])
        ]

    def districts_without_methodist_pool(self, territory_id: str | None, period: str | None,
                                         scope: Scope, *, area: Area | None = None
                                         ) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        gaps = []
        for row in sorted(self._ask(GapKind.district_without_methodist_pool, area),
                          key=lambda r: r["id"]):
            pools = sorted(row["pools"], key=lambda p: p[0])
            if pools:
                ids = ", ".join(p[0] for p in pools)
                names = ", ".join(f"«{_title(p[0], p[1])}»" for p in pools)
                reason, reason_ru = (f"the methodist pool {ids} has no members",
                                     f"в муниципальном методическом активе {names} нет "
                                     "участников")
            else:
                reason, reason_ru = ("no municipal methodist pool",
                                     "нет муниципального методического актива")
            gaps.append(Gap(kind=GapKind.district_without_methodist_pool, node_id=row["id"],
                            label="Municipality", title=_title(row["id"], row["title"]),
                            territory_id=row["id"], reason=reason, reason_ru=reason_ru))
        return gaps

    def subjects_without_methodist(self, territory_id: str | None, period: str | None,
                                   scope: Scope, *, subject: str | None = None,
                                   area: Area | None = None) -> list[Gap]:
        area = area or self.area(territory_id, period, scope)
        gaps = []
        rows = self._ask(GapKind.subject_without_methodist, area, subject=subject)
        for row in sorted(rows, key=lambda r: (r["district"], r["key"])):
            found = sorted(row["found"], key=lambda f: (f[0], f[1]))  # teacher, then edge
            district, name = row["district"], found[0][3]
            teachers = len({f[0] for f in found})
            gaps.append(Gap(
                kind=GapKind.subject_without_methodist, node_id=district,
                label="Municipality",
                title=_title(district, row["title"]) if row["known"] else district,
                territory_id=district,
                reason=f"{teachers} teacher(s) with deficits in {name}; no methodist of {name} "
                       "works in or supports the district",
                reason_ru=f"педагогов с дефицитами по предмету «{name}»: {teachers}; "
                          "нет методиста по этому предмету",
                subject=name, value=teachers,
                evidence=tuple(Evidence(f[1], "HAS_DEFICIT", f[0], f[2]) for f in found)))
        return gaps

    def methodists_over_load(self, territory_id: str | None, period: str | None,
                             scope: Scope, *, norm: int, subject: str | None = None,
                             level: str | None = None, area: Area | None = None
                             ) -> list[Gap]:
        """Checked arguments only (``norm`` resolved and at least 1, ``level`` known)."""
        area = area or self.area(territory_id, period, scope)
        rows = self._ask(GapKind.methodist_over_load, area, subject=subject, level=level,
                         norm=norm)
        return [
            Gap(kind=GapKind.methodist_over_load, node_id=row["id"], label="Person",
                title=_title(row["id"], row["title"]), territory_id=row["territory_id"],
                reason=f"{row['teachers']} teachers, over the norm of {norm}",
                reason_ru=f"закреплено педагогов: {row['teachers']}, норматив {norm}",
                value=row["teachers"], evidence=tuple(_evidence(row["evidence"])))
            for row in sorted(rows, key=lambda r: r["id"])
        ]

    def gap_report(self, kinds: Sequence[GapKind], territory_id: str | None,
                   period: str | None, scope: Scope, *, subject: str | None = None,
                   level: str | None = None, norm: int | None = None) -> GapReport:
        """Every kind of gap in ``kinds`` for one area, as :func:`graph.queries.gaps.gap_report`
        builds it (the territories are resolved once for all of them)."""
        area = self.area(territory_id, period, scope)
        if area.territories is not None and 0 < len(area.territories) <= _TOGETHER and kinds:
            self._fetch_together(
                list(dict.fromkeys(kinds)), area, subject=subject, level=level,
                norm=norm_for(norm, level) if GapKind.methodist_over_load in kinds else 0)
        found: dict[GapKind, list[Gap]] = {}
        for kind in kinds:
            if kind is GapKind.methodist_over_load:
                found[kind] = self.methodists_over_load(
                    territory_id, period, scope, subject=subject, level=level,
                    norm=norm_for(norm, level), area=area)
            elif kind in (GapKind.school_without_methodological_service,
                          GapKind.district_without_methodist_pool):
                found[kind] = getattr(self, _METHODS[kind])(territory_id, period, scope,
                                                            area=area)
            else:
                found[kind] = getattr(self, _METHODS[kind])(territory_id, period, scope,
                                                            subject=subject, area=area)
        return GapReport(territory_id=territory_id, period=period,
                         gaps={k: tuple(v) for k, v in found.items()})

    def first_pages(self, kinds: Sequence[GapKind], territory_id: str | None,
                    period: str | None, scope: Scope, *, first: int,
                    subject: str | None = None, level: str | None = None,
                    norm: int | None = None) -> GapReport:
        """Every kind's count and the first ``first`` gaps of its list, as
        ``gap_report(...).cut(first)`` says, without building the country's long lists: each
        is counted in the server and its first page found by a statement bounded by
        ``$limit`` (``cypher.gap_page_statement``). A territory's report is small: it is
        built whole and cut."""
        area = self.area(territory_id, period, scope)
        if area.territories is not None:
            return self.gap_report(kinds, territory_id, period, scope, subject=subject,
                                   level=level, norm=norm).cut(first)
        wait_for_warm_up(self.store)  # the start-up's warm-up prepares this very screen
        kinds = list(dict.fromkeys(kinds))
        # The long counts from the partials kept per district, where they can be used; the
        # short lists' first pages from the gaps they keep. The page statements' rows are
        # kept whole with them (the whole country for a caller who sees it all): while no
        # write has marked a district since, they are the rows those statements would read
        # now. All of it read in one statement.
        on_screen = [k for k in kinds if k in _KEPT_ON_SCREEN]
        page_key = tag = None
        rows_kept: dict[str, list[dict[str, Any]]] = {}
        read = None
        if subject is None and area.scope.unrestricted and kept_counts.enabled():
            page_key = _page_key(kinds, area, self._params(area, None), first=first,
                                 level=level, norm=norm_for(norm, level))
            state = self.store.first_screen_state(
                kept_counts.partial_keys(on_screen, area, level=level, norm=norm), page_key)
            read = kept_counts.Read(
                state["generations"],
                kept_counts.districts_of(state["places"], state["municipalities"]),
                state["partials"])
            tag = _generations_tag(state["generations"])
            if state["rows"] is not None and state["tag"] == tag:
                rows_kept = json.loads(zlib.decompress(state["rows"]))
        kept = _kept(self.store, on_screen, area, subject, level=level, norm=norm, read=read)
        if kept is None:
            page_key = None
        rows_read: dict[str, list[dict[str, Any]]] = {}

        def rows_of(kind: GapKind, read: Callable[[], list[dict[str, Any]]]
                    ) -> list[dict[str, Any]]:
            rows = rows_kept[kind.value] if kind.value in rows_kept and not self.afresh \
                else read()
            rows_read[kind.value] = rows
            return rows

        def page(kind: GapKind) -> tuple[int, list[Gap]]:
            if kept is not None and kind in kept and kind in _LISTED:
                rows = rows_of(kind, lambda: self._listed_rows(
                    kind, kept[kind], area, first, level=level, norm=norm) if first else [])
                return (sum(n for n, _gaps in kept[kind].values()),
                        self._list(kind, area, subject=None, level=level, norm=norm,
                                   rows=rows)[:first] if rows else [])
            query = cypher.gap_page_statement(kind.value, by_subject=subject is not None)
            if query is None:  # a short list: built whole, and counted
                more: dict[str, Any] = {"subject": subject}  # as the kind's method asks
                if kind is GapKind.methodist_over_load:
                    more.update(level=level, norm=norm_for(norm, level))
                elif kind in (GapKind.school_without_methodological_service,
                              GapKind.district_without_methodist_pool):
                    more = {}
                rows = rows_of(kind, lambda: self._ask(kind, area, **more))
                gaps = self._list(kind, area, subject=subject, level=level, norm=norm,
                                  rows=rows)
                return len(gaps), gaps[:first]
            n = (sum(n for n, _gaps in kept[kind].values()) if kept is not None else
                 self._count(kind, area, subject=subject, level=level, norm=norm))
            if first == 0 or n == 0:
                return n, []
            _query, params = self._statement(kind, area, subject=subject)
            rows = rows_of(kind, lambda: self.store.answer_records(query, **params,
                                                                    limit=first))
            return n, self._list(kind, area, subject=subject, level=level, norm=norm,
                                 rows=rows)[:first]

        found = _each(kinds, page)
        if page_key is not None and tag is not None and rows_read != rows_kept:
            self.store.keep_gap_page(page_key, tag, zlib.compress(
                json.dumps(rows_read, ensure_ascii=False).encode()))
        return GapReport(territory_id, period, {k: tuple(found[k][1]) for k in kinds},
                         {k: found[k][0] for k in kinds}, first)

    def partials(self, todo: dict[GapKind, list[str]], area: Area, *, level: str | None,
                 norm: int | None, of: int,
                 progress: Callable[[GapKind, int], None] | None = None
                 ) -> dict[GapKind, dict[str, tuple[int, tuple[str, ...] | None]]]:
        """Each kind's count per district for the districts ``todo`` lists (of ``of`` in
        all), the whole country's rule (``cypher.gap_partial_statement``; see
        :mod:`graph.queries.kept_counts`): one statement per kind for all its districts (and
        one for the gaps with no territory), the kinds at once. From half the districts or
        :data:`_MANY_DISTRICTS` on, a teacher's kind is counted the country's way. With each
        count, for the kinds ``kept_counts.LISTED``, the gaps counted (subject keys, ids).
        ``progress(kind, districts)`` is called as each kind is counted."""
        from graph.queries.kept_counts import LISTED

        params = self._params(area, None, level=level, norm=norm or 0)

        def count(kind: GapKind) -> dict[str, tuple[int, tuple[str, ...] | None]]:
            found: dict[str, tuple[int, tuple[str, ...] | None]] = {}
            listed = kind in LISTED

            def keep(rows: list[dict[str, Any]], wanted: set[str] | None = None) -> None:
                found.update({r["district"]: (int(r["n"]), _members(kind, r["members"])
                                              if listed else None)
                              for r in rows if wanted is None or r["district"] in wanted})

            districts = todo[kind]
            places = [d for d in districts if d != NOWHERE]
            many = len(places) >= min(_MANY_DISTRICTS, of / 2)
            query = cypher.gap_partial_statement(kind.value, country=many)
            wanted = set(places)  # the country's statements answer every district
            if many and kind in (GapKind.teacher_without_methodist,
                                 GapKind.subject_without_methodist):
                found.update(self._country_partials(kind, places, params))
            elif places and query is not None:
                for some in [places] if many else _lists_of_one_size(places):
                    keep(self.store.answer_records(query, **params, districts=some), wanted)
            nowhere = cypher.gap_partial_statement(kind.value, nowhere=True)
            if NOWHERE in districts and nowhere is not None:
                keep(self.store.answer_records(nowhere, **params, districts=[NOWHERE]))
            if progress is not None:
                progress(kind, len(districts))
            return found

        return _each(list(todo), count)

    def plan_partials(self, area: Area, *, level: str | None, norm: int | None) -> None:
        """Have the server plan each kind's recount of a few districts (and of the gaps with
        no territory) before a write needs it: each statement asked for no district at all.
        Planned once per server (the subjects' statement takes about a second to plan on nation
        data), the first screen after a write would otherwise pay for it."""
        params = self._params(area, None, level=level, norm=norm or 0)

        def plan(kind: GapKind) -> None:
            for query, districts in ((cypher.gap_partial_statement(kind.value),
                                      _lists_of_one_size([])[0]),
                                     (cypher.gap_partial_statement(kind.value, nowhere=True),
                                      [_NO_DISTRICT])):
                if query is not None:
                    self.store.answer_records(query, **params, districts=districts)

        _each(list(GapKind), plan)

    def _country_partials(self, kind: GapKind, places: list[str], params: dict[str, Any]
                          ) -> dict[str, tuple[int, tuple[str, ...] | None]]:
        """Many districts' teachers without a methodist, or subjects without one, the way the
        country's counts are made: every teacher less those a methodist supports (two
        statements at once); the country's groups of deficits less the methodists' coverage."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gaps") as pool:
            if kind is GapKind.teacher_without_methodist:
                supported = pool.submit(self.store.answer_records,
                                        cypher.SUPPORTED_TEACHERS_BY_DISTRICT, **params,
                                        districts=places)
                every = {r["district"]: int(r["n"]) for r in self.store.answer_records(
                    cypher.TEACHERS_BY_DISTRICT, **params, districts=places)}
                for r in supported.result():  # (a write between the two: counted again)
                    every[r["district"]] = every.get(r["district"], 0) - int(r["n"])
                wanted = set(places)
                return {d: (n, None) for d, n in every.items() if n and d in wanted}
            covering = pool.submit(self._covered, params)
            groups = {(d, k) for d, k in self.store.answer(cypher.subject_deficit_groups(),
                                                           **params)}
            covered = {(d, k) for d, k in covering.result()}
        wanted = set(places)
        left = sorted(g for g in groups - covered if g[0] in wanted)
        # Each group kept with its teachers (as ``cypher.gap_partial_statement`` keeps it).
        members: dict[str, list[str]] = {}
        for some in [left[i:i + _A_LIST] for i in range(0, len(left), _A_LIST)]:
            for row in self.store.answer_records(cypher.subject_groups_statement(), **params,
                                                 groups=[list(g) for g in some]):
                teachers = sorted({f[0] for f in row["found"]})
                members.setdefault(row["district"], []).append(
                    cypher.GROUP_SEPARATOR.join([row["key"], *teachers]))
        return {d: (len(ms), tuple(sorted(ms))) for d, ms in members.items()}

    def _listed_rows(self, kind: GapKind, kept: dict[str, tuple[int, tuple[str, ...] | None]],
                     area: Area, first: int, *, level: str | None, norm: int | None
                     ) -> list[dict[str, Any]]:
        """The rows of the first ``first`` of the country's subjects without a methodist or
        methodists over the norm, from the gaps the kept partials name (``kept``: per district,
        the count and the subject keys or ids): only the page's groups or methodists are read,
        with their evidence (``cypher.subject_page_statement``, ``cypher.load_page_statement``);
        :meth:`_list` words them."""
        if kind is GapKind.subject_without_methodist:
            groups = sorted((d, *member.split(cypher.GROUP_SEPARATOR))
                            for d, (_n, members) in kept.items() for member in members or ())
            page: list[list[Any]] = [[d, key, sorted(set(teachers))]
                                     for d, key, *teachers in groups[:first]]
            if not page:
                return []
            page += [[_NO_DISTRICT, "", []]] * (_AT_LEAST - len(page))
            return self.store.answer_records(cypher.subject_page_statement(),
                                             **self._params(area, None), groups=page)
        ids = sorted(i for _n, found in kept.values() for i in found or ())[:first]
        if not ids:
            return []
        ids += [_NO_DISTRICT] * (_AT_LEAST - len(ids))
        return self.store.answer_records(
            cypher.load_page_statement(),
            **self._params(area, None, level=level, norm=norm_for(norm, level)), ids=ids)

    def _list(self, kind: GapKind, area: Area, *, subject: str | None, level: str | None,
              norm: int | None, rows: list[dict[str, Any]] | None = None) -> list[Gap]:
        """One kind's gaps in ``area`` (``rows``: its statement's rows, read already)."""
        if rows is not None:
            self._fetched[kind] = rows
        if kind is GapKind.methodist_over_load:
            return self.methodists_over_load(None, area.period, area.scope, subject=subject,
                                             level=level, norm=norm_for(norm, level),
                                             area=area)
        if kind in (GapKind.school_without_methodological_service,
                    GapKind.district_without_methodist_pool):
            return list(getattr(self, _METHODS[kind])(None, area.period, area.scope,
                                                      area=area))
        return list(getattr(self, _METHODS[kind])(None, area.period, area.scope,
                                                  subject=subject, area=area))

    def counts(self, kinds: Sequence[GapKind], territory_id: str | None,
               period: str | None, scope: Scope, *, subject: str | None = None,
               level: str | None = None, norm: int | None = None,
               area: Area | None = None) -> dict[GapKind, int]:
        """How many gaps of each kind in ``kinds``, counted in the server: no gap leaves it."""
        area = area or self.area(territory_id, period, scope)
        kinds = list(dict.fromkeys(kinds))
        if area.territories is not None:  # a territory: each count is quick
            return {k: self._count(k, area, subject=subject, level=level, norm=norm)
                    for k in kinds}
        if subject is None and area.scope.unrestricted:
            from graph.queries.kept_counts import kept_counts

            wait_for_warm_up(self.store)

            kept = kept_counts(self.store, kinds, period=period, level=level, norm=norm,
                               scope=area.scope)
            if kept is not None:
                return kept
        return _each(kinds, lambda k: self._count(k, area, subject=subject, level=level,
                                                  norm=norm))

    def _count(self, kind: GapKind, area: Area, *, subject: str | None, level: str | None,
               norm: int | None) -> int:
        if kind is GapKind.methodist_over_load:
            rows = self._ask(kind, area, count=True, subject=subject, level=level,
                             norm=norm_for(norm, level))
        else:
            rows = self._ask(kind, area, count=True, subject=subject)
        return int(rows[0]["n"]) if rows else 0


# The whole country's kinds are asked concurrently, each in a session of its own on a
# thread of its own, so that the server's cores share them (one statement runs on one core):
# at most this many at a time, the longest first.
_WORKERS = 4
_LONGEST_FIRST = (GapKind.subject_without_methodist, GapKind.teacher_without_methodist,
                  GapKind.deficit_without_route, GapKind.young_specialist_without_support,
                  GapKind.school_without_methodological_service, GapKind.methodist_over_load,
                  GapKind.district_without_methodist_pool)


def _each(kinds: Sequence[GapKind], work: Callable[[GapKind], T]) -> dict[GapKind, T]:
    """``work`` done for every kind, concurrently; a failure of one is raised here."""
    if len(kinds) < 2:
        return {k: work(k) for k in kinds}
    ordered = sorted(kinds, key=_LONGEST_FIRST.index)
    with ThreadPoolExecutor(max_workers=min(len(kinds), _WORKERS),
                            thread_name_prefix="gaps") as pool:
        done = dict(zip(ordered, pool.map(work, ordered), strict=True))
    return {k: done[k] for k in kinds}  # in the order asked


# From this many stale districts on, a teacher's kind is counted from where the country's
# statements start (every school, the deficits, the young), not district by district: a cold
# start (every district stale) is one pass over the country.
_MANY_DISTRICTS = 200

# Neo4j 5 keeps a plan per statement and per order of magnitude of a list parameter's size (1,
# 2–10, 11–100, 101–1000 …): recounting 8 districts after recounting 42 planned every kind's
# statement again (the subjects' about a second, each other kind's 0.1–0.2 s, on nation data),
# and that, not the counting, was most of a first screen after writes. A recount's districts
# therefore go in lists of one size class: at most ``_A_LIST``, padded to ``_AT_LEAST`` with a
# key no district has (it matches no school, body or municipality).
_A_LIST = 100
_AT_LEAST = 11
_NO_DISTRICT = "\x00"


def _members(kind: GapKind, members: Sequence[str]) -> tuple[str, ...]:
    """A district's gaps as a partial keeps them, in order: methodists' ids; groups as their
    subject key then their teachers' ids, each once (``cypher.GROUP_SEPARATOR`` between).

    >>> sep = cypher.GROUP_SEPARATOR
    >>> _members(GapKind.subject_without_methodist, [sep.join(["химия", "P2", "P1", "P2"])])
    ('химия\\x1eP1\\x1eP2',)
    """
    if kind is not GapKind.subject_without_methodist:
        return tuple(sorted(members))
    groups = [m.split(cypher.GROUP_SEPARATOR) for m in members]
    return tuple(sorted(cypher.GROUP_SEPARATOR.join([key, *sorted(set(teachers))])
                        for key, *teachers in groups))


def _lists_of_one_size(districts: Sequence[str]) -> list[list[str]]:
    """``districts`` in lists of 11 to 100 keys, padded with a key no district has.

    >>> [len(some) for some in _lists_of_one_size([f"D{i}" for i in range(150)])]
    [100, 50]
    >>> some, = _lists_of_one_size(["D1", "D2"])
    >>> len(some), some[:2], some[2] == _NO_DISTRICT
    (11, ['D1', 'D2'], True)
    """
    lists = [list(districts[i:i + _A_LIST]) for i in range(0, len(districts), _A_LIST)]
    lists = lists or [[]]
    return [some + [_NO_DISTRICT] * (_AT_LEAST - len(some)) for some in lists]


# The kinds a first screen takes from the partials kept per district: those whose exact count
# costs seconds on nation data (the others' whole lists are short, and built anyway).
_KEPT_ON_SCREEN = (GapKind.deficit_without_route, GapKind.teacher_without_methodist,
                   GapKind.young_specialist_without_support,
                   GapKind.school_without_methodological_service,
                   GapKind.subject_without_methodist, GapKind.methodist_over_load)
# The kinds whose first page is read from the gaps the partials keep (kept_counts.LISTED).
_LISTED = (GapKind.subject_without_methodist, GapKind.methodist_over_load)


def _kept(store: Store, kinds: list[GapKind], area: Area, subject: str | None, *,
          level: str | None, norm: int | None, read: kept_counts.Read | None = None
          ) -> dict[GapKind, dict[str, tuple[int, tuple[str, ...] | None]]] | None:
    """The country's partials per district of ``kinds`` (:mod:`graph.queries.kept_counts`),
    with the gaps of the short lists, or ``None`` where they cannot be used (a subject filter,
    a caller who may not see it all). ``read``: what the screen read already."""
    if not kinds or subject is not None or not area.scope.unrestricted:
        return None
    return kept_counts.kept_gaps(store, kinds, period=area.period, level=level, norm=norm,
                                 scope=area.scope, read=read)


# A report of at most this many territories (a district and what it holds) is read in one
# statement; a region's lists, collected in one row, could outgrow the server's transaction
# memory, so they keep one statement per kind.
_TOGETHER = 8

def _page_key(kinds: Sequence[GapKind], area: Area, params: dict[str, Any], *, first: int,
              level: str | None, norm: int | None) -> str:
    """What a first screen's rows are kept under: the kinds, the period's bounds, the page
    size, the load's level and norm, and a digest of the rules' values and of the statements
    that read the rows (another version of them keeps its own screen).

    >>> from graph.queries.demo import demo_store
    >>> area = Area(demo_store(), period="2025-H1")
    >>> _page_key([GapKind.methodist_over_load], area, {}, first=50, level=None,
    ...           norm=30).rsplit("|", 1)[0]
    'methodist_over_load|2025-01-01|2025-06-30|50|None|30'
    """
    made = f"{_statements_digest()}\n{json.dumps(params, sort_keys=True, default=str)}"
    digest = hashlib.blake2b(made.encode(), digest_size=8).hexdigest()
    return "|".join([",".join(k.value for k in kinds), area.first.isoformat(),
                     area.on.isoformat(), str(first), str(level), str(norm), digest])


@functools.cache
def _statements_digest() -> str:
    """A digest of every statement a whole-country first screen reads its rows with."""
    made = [cypher.gap_page_statement(k.value) or cypher.gap_statement(k.value, scoped=False)
            for k in GapKind]
    made += [cypher.subject_page_statement(), cypher.load_page_statement(),
             cypher.subject_deficit_groups(), cypher.subject_coverage(),
             cypher.subject_groups_statement()]
    return hashlib.blake2b("\n".join(made).encode(), digest_size=8).hexdigest()


def _generations_tag(generations: dict[str, int]) -> str:
    """Every district's generation in one short digest: equal while no write has marked a
    district (generations only grow).

    >>> _generations_tag({"D1": 2, "*": 1}) == _generations_tag({"*": 1, "D1": 2})
    True
    >>> _generations_tag({"D1": 2}) == _generations_tag({"D1": 3})
    False
    """
    text = json.dumps(sorted(generations.items()))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


_METHODS = {
    GapKind.deficit_without_route: "deficits_without_route",
    GapKind.teacher_without_methodist: "teachers_without_methodist",
    GapKind.young_specialist_without_support: "young_specialists_without_support",
    GapKind.school_without_methodological_service: "schools_without_methodological_service",
    GapKind.district_without_methodist_pool: "districts_without_methodist_pool",
    GapKind.subject_without_methodist: "subjects_without_methodist",
}
