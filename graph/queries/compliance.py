"""Duty compliance: what the regulations oblige bodies to do against the edges the graph holds.

A duty (``Organization -HAS_DUTY-> Duty``) binds either one concrete body or, through a generic
body ("муниципальные методические активы"), every concrete body of the same kind and level in
the regulation's territory. Each duty category is checked against the edges that would show it
done (:data:`CATEGORY_EVIDENCE`); "the body" includes its structural units (``PART_OF``, at any
depth) and "its people" are those with a role, a job or a membership there. Categories no edge
can show (:data:`NOT_MEASURABLE`: monitoring, information, best practices) are reported as not
measurable rather than as failures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.errors import MethodnetError
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.enums import DutyCategory, Level
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import Visibility, visibility_of
from graph.queries.where import Where
from graph.rules import (
    active_during,
    diagnosed_within,
    period_bounds,
    region_of,
    results_flagged,
    route_open,
    young_specialist,
)
from graph.rules import municipalities as municipalities_of
from graph.store.base import Store, reads_together

__all__ = [
    "CATEGORY_EVIDENCE",
    "NOT_MEASURABLE",
    "BodyCompliance",
    "DutyClause",
    "DutyCompliance",
    "duty_compliance",
]

CATEGORY_EVIDENCE: dict[str, str] = {
    "low_results_support": "SUPPORTS or CURATES from the body or its people to a school with "
                          "low or unreliable results in the period, or SUPPORTS or TUTORS to "
                          "one of its teachers",
    "young_specialists": "SUPPORTS, MENTORS or TUTORS from the body or its people to a young "
                         "specialist (under 35, first three years)",
    "mentoring": "MENTORS from the body's people",
    "consulting": "SUPPORTS of kind consulting from the body or its people",
    "individual_routes": "an individual route (not cancelled) of a person the body or its "
                         "people support or tutor",
    "diagnostics": "a diagnostic of a person the body or its people support or tutor",
    "pd_programmes": "a programme PROVIDED_BY the body",
    "coordination": "COORDINATES from the body",
}
"""For each duty category, the edges that count as the duty done (the operational mapping)."""

NOT_MEASURABLE = frozenset(c.value for c in DutyCategory) - set(CATEGORY_EVIDENCE)
"""Categories with no operational evidence in the graph: reported, never judged."""

_MEMBERSHIP = ("HAS_ROLE", "EMPLOYED_AT", "MEMBER_OF")
_ACTS = ("SUPPORTS", "CURATES", "MENTORS", "TUTORS", "COORDINATES")


@dataclass(frozen=True)
class DutyClause:
    """Where a duty is written: the regulation, the clause and its words."""

    duty_id: str
    regulation_id: str
    clause_number: str | None
    clause_id: str | None
    text: str


@dataclass(frozen=True)
class BodyCompliance:
    """One concrete body under a duty: ``met``, ``not_met`` or ``not_measurable``."""

    body: NodeRecord
    status: str
    evidence: tuple[EdgeRecord, ...] = ()


@dataclass(frozen=True)
class DutyCompliance:
    """A duty category a regulation assigns, and how each body bound by it stands."""

    category: str
    assigned_to: NodeRecord
    kind: str | None
    level: str | None
    duties: tuple[DutyClause, ...]
    measurable: bool
    rule: str
    bodies: tuple[BodyCompliance, ...]

    @property
    def clause(self) -> DutyClause:
        """The first duty of the clause (one clause often lists several in one category)."""
        return self.duties[0]

    @property
    def met(self) -> list[str]:
        return [b.body.id for b in self.bodies if b.status == "met"]

    @property
    def not_met(self) -> list[str]:
        return [b.body.id for b in self.bodies if b.status == "not_met"]


@reads_together
def duty_compliance(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    period: str | None = None,
    on: dt.date | None = None,
    category: str | None = None,
    level: str | None = None,
    regulation_id: str | None = None,
    scope: Scope = EVERYTHING,
) -> list[DutyCompliance]:
    """For each duty category a regulation assigns, which bodies show it done and which do not.

    ``period`` (``2025-H1``) chooses the assessments that flag low results and, unless ``on``
    is given, keeps the dated edges active at some day of it; ``on`` keeps those active that
    day. ``level`` filters by the level of the body the duty is assigned to. Rows are ordered by
    regulation, clause and category; bodies by id. About a dozen reads in all.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Duty, HasDuty, Coordinates
    >>> s = MemoryStore(); b = Batch()
    >>> for i in ("mms", "mo"):
    ...     b.add(Organization(id=i, name=i, kind="methodological_service", level="municipal"))
    >>> b.add(Duty(id="d", text="координирует", categories=["coordination"], regulation_id="r"))
    >>> b.add(HasDuty(source="mms", target="d", regulation_id="r"))
    >>> b.add(Coordinates(source="mms", target="mo")); _ = s.write(b)
    >>> [(r.category, r.met, r.not_met) for r in duty_compliance(s)]
    [('coordination', ['mms'], [])]
    """
    where = Where.of(where, territory_id=territory_id, period=period, on=on, scope=scope)
    territory_id, period, on, scope = where.territory_id, where.period, where.on, where.scope
    if category is not None and category not in DutyCategory.__members__:
        raise MethodnetError(f"unknown duty category {category!r}; known: "
                             f"{', '.join(c.value for c in DutyCategory)}")
    if level is not None and level not in Level.__members__:
        raise MethodnetError(f"unknown level {level!r}; known: {', '.join(Level)}")
    window = _window(period, on)
    sight = visibility_of(store, territory_id=territory_id, scope=scope)

    duty_edges = store.edges("HAS_DUTY")
    if regulation_id is not None:
        duty_edges = [e for e in duty_edges if e.props.get("regulation_id") == regulation_id]
    known = store.get_nodes(sorted({e.source for e in duty_edges} | {e.target for e in duty_edges}))
    assignments = []
    for e in duty_edges:
        body, duty = known.get(e.source), known.get(e.target)
        if body is None or duty is None:
            continue
        if level is not None and body.props.get("level") != level:
            continue
        for cat in duty.props.get("categories", []):
            if category is None or cat == category:
                assignments.append((e, body, duty, cat))
    if not assignments:
        return []

    bound = _bound_bodies(store, [a[1] for a in assignments], sight)
    concrete = {b.id: b for bodies in bound.values() for b in bodies}
    evidence = _Evidence(store, concrete, window, period)
    # One row per body, clause and category: a clause often lists several duties of one
    # category, and they rest on the same evidence.
    grouped: dict[tuple[str, str, str, str], list[DutyClause]] = defaultdict(list)
    heads: dict[tuple[str, str, str, str], NodeRecord] = {}
    for e, body, duty, cat in assignments:
        if body.id not in bound:
            continue  # bound to no territory the question looks at
        clause = DutyClause(
            duty.id, str(duty.props.get("regulation_id") or e.props.get("regulation_id") or ""),
            duty.props.get("clause_number"), e.props.get("clause_id"),
            str(duty.props.get("text", "")),
        )
        key = (body.id, clause.regulation_id, clause.clause_number or "", cat)
        grouped[key].append(clause)
        heads[key] = body
    rows = []
    for key, clauses in grouped.items():
        body, cat = heads[key], key[3]
        measurable = cat not in NOT_MEASURABLE
        results = []
        for b in bound[body.id]:
            if not measurable:
                results.append(BodyCompliance(b, "not_measurable"))
                continue
            found = evidence.of(cat, b.id)
            results.append(BodyCompliance(b, "met" if found else "not_met", found))
        rows.append(DutyCompliance(
            cat, body, body.props.get("kind"), body.props.get("level"),
            tuple(sorted(clauses, key=lambda c: c.duty_id)), measurable,
            CATEGORY_EVIDENCE.get(cat, "no edge of the graph shows this duty done"),
            tuple(results),
        ))
    rows.sort(key=lambda r: (r.clause.regulation_id, _clause_key(r.clause.clause_number),
                             r.category, r.assigned_to.id))
    return rows


def _window(period: str | None, on: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days a dated edge must touch: ``on`` alone, else the period, else any day."""
    if on is not None:
        return on, on
    return None if period is None else period_bounds(period)


def _touches(edge: EdgeRecord, window: tuple[dt.date, dt.date] | None) -> bool:
    return window is None or active_during(edge.props, *window)


def _clause_key(number: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".")) if number else ()


def _bound_bodies(
    store: Store, assigned: Iterable[NodeRecord], sight: Visibility
) -> dict[str, list[NodeRecord]]:
    """For each assigned body, the concrete bodies its duties bind within the question's area."""
    by_id = {b.id: b for b in assigned}
    generic = [b for b in by_id.values() if b.props.get("generic_name")]
    bound: dict[str, list[NodeRecord]] = {}
    for b in by_id.values():
        if not b.props.get("generic_name") and sight.contains(b.props.get("territory_id")):
            bound[b.id] = [b]
    if not generic:
        return bound
    municipalities: dict[str, set[str]] = defaultdict(set)
    regions = sorted({str(g.props["territory_id"]) for g in generic
                      if g.props.get("territory_id") is not None})
    for m in municipalities_of(store, regions):
        municipalities[str(region_of(m))].add(m.id)
    where: dict[str, object] = {"kind": sorted({str(g.props.get("kind")) for g in generic})}
    if sight.inside is not None:  # nothing located elsewhere can be bound (see below)
        where["territory_id"] = sorted(sight.inside)
    candidates = store.nodes("Organization", where=where)
    for g in generic:
        territory = g.props.get("territory_id")
        reach = None if territory is None else {territory} | municipalities.get(territory, set())
        if reach is not None and sight.inside is not None and not reach & sight.inside:
            continue  # the regulation speaks of another territory
        bound[g.id] = [
            c for c in candidates
            if not c.props.get("generic_name")
            and c.props.get("kind") == g.props.get("kind")
            and (g.props.get("level") is None or c.props.get("level") == g.props.get("level"))
            and (reach is None or c.props.get("territory_id") in reach)
            and sight.contains(c.props.get("territory_id"))
        ]
    return bound


class _Evidence:
    """The edges that show duties done, read in bulk once for every body of the question."""

    def __init__(self, store: Store, bodies: Mapping[str, NodeRecord],
                 window: tuple[dt.date, dt.date] | None, period: str | None) -> None:
        self.store = store
        self.window = window
        self.period = period
        self.period_days = _window(period, None)
        # The day routes and young specialists are judged on: ``on``, else the period's last.
        self.day = self.window[1] if self.window else dt.date.today()
        # Every body with its units at any depth (a unit of a unit works for the body too),
        # read a level of units at a time.
        units: dict[str, set[str]] = defaultdict(set)
        level, seen = sorted(bodies), set(bodies)
        while level:
            found = store.edges("PART_OF", targets=level)
            for e in found:
                units[e.target].add(e.source)
            level = sorted({e.source for e in found} - seen)
            seen.update(level)
        self.family: dict[str, set[str]] = {}
        for b in bodies:
            family, todo = {b}, [b]
            while todo:
                for unit in units.get(todo.pop(), ()):
                    if unit not in family:
                        family.add(unit)
                        todo.append(unit)
            self.family[b] = family
        all_bodies = sorted(set().union(*self.family.values())) if self.family else []
        members = [e for e in store.edges(list(_MEMBERSHIP), targets=all_bodies)
                   if _touches(e, window)] if all_bodies else []
        self.people: dict[str, list[EdgeRecord]] = defaultdict(list)
        for e in members:
            self.people[e.target].append(e)
        actors = sorted(set(all_bodies) | {e.source for e in members})
        self.acts = [e for e in store.edges(list(_ACTS), sources=actors)
                     if _touches(e, window)] if actors else []
        self.by_source: dict[str, list[EdgeRecord]] = defaultdict(list)
        for e in self.acts:
            self.by_source[e.source].append(e)
        self.provided = store.edges("PROVIDED_BY", targets=all_bodies) if all_bodies else []
        self._done: dict[str, list[tuple[EdgeRecord, EdgeRecord | None]]] = {}
        self._low: tuple[set[str], dict[str, EdgeRecord]] | None = None
        self._young: set[str] | None = None
        self._growth: dict[str, list[EdgeRecord]] | None = None

    def _actions(self, body: str) -> list[tuple[EdgeRecord, EdgeRecord | None]]:
        """What a body and its people did: ``(act, the membership tying the actor to it)``."""
        if body in self._done:
            return self._done[body]
        out: list[tuple[EdgeRecord, EdgeRecord | None]] = []
        self._done[body] = out
        for b in sorted(self.family[body]):
            out += [(e, None) for e in self.by_source.get(b, ())]
            for m in self.people.get(b, ()):
                out += [(e, m) for e in self.by_source.get(m.source, ())]
        return out

    def of(self, category: str, body: str) -> tuple[EdgeRecord, ...]:
        found: dict[str, EdgeRecord] = {}

        def keep(*edges: EdgeRecord | None) -> None:
            for e in edges:
                if e is not None:
                    found[e.id] = e

        acts = self._actions(body)
        if category == "coordination":
            keep(*(e for e, m in acts if m is None and e.type == "COORDINATES"))
        elif category == "pd_programmes":
            keep(*(e for e in self.provided if e.target in self.family[body]))
        elif category == "mentoring":
            keep(*(x for e, m in acts if m is not None and e.type == "MENTORS" for x in (e, m)))
        elif category == "consulting":
            keep(*(x for e, m in acts if e.type == "SUPPORTS"
                   and e.props.get("kind") == "consulting" for x in (e, m)))
        elif category == "low_results_support":
            low, teachers = self.low_results_schools()
            for e, m in acts:
                if e.type in ("SUPPORTS", "CURATES") and e.target in low:
                    keep(e, m)
                elif e.type in ("SUPPORTS", "TUTORS") and e.target in teachers:
                    keep(e, m, teachers[e.target])  # a teacher of the school is supported
        elif category == "young_specialists":
            young = self.young_specialists()
            keep(*(x for e, m in acts if e.type in ("SUPPORTS", "MENTORS", "TUTORS")
                   and e.target in young for x in (e, m)))
        elif category in ("individual_routes", "diagnostics"):
            growth = self.growth()
            wanted = "HAS_ROUTE" if category == "individual_routes" else "HAS_DIAGNOSTIC"
            for e, m in acts:
                if e.type in ("SUPPORTS", "TUTORS"):
                    shown = [g for g in growth.get(e.target, ()) if g.type == wanted]
                    if shown:
                        keep(e, m, *shown)
        return tuple(e for _, e in sorted(found.items()))

    def _targets(self, *types: str) -> list[str]:
        return sorted({e.target for e in self.acts if e.type in types})

    def low_results_schools(self) -> tuple[set[str], dict[str, EdgeRecord]]:
        """Schools flagged in the period, and their teachers with the edge placing each."""
        if self._low is None:
            # Only what the bodies' acts reach can count: the schools they support or curate
            # and the schools of the people they support — never the country's assessments.
            people = self._targets("SUPPORTS", "TUTORS")
            staff = [e for e in self.store.edges(["EMPLOYED_AT", "HAS_ROLE"], sources=people)
                     if _touches(e, self.window)
                     and (e.type == "EMPLOYED_AT" or e.props.get("role") == "teacher")
                     ] if people else []
            reached = sorted(set(self._targets("SUPPORTS", "CURATES")) | {e.target for e in staff})
            links = self.store.edges("HAS_ASSESSMENT", sources=reached) if reached else []
            found = self.store.get_nodes(sorted({e.target for e in links}))
            flagged = {i for i, a in found.items()
                       if results_flagged(a.props, self.period)}
            schools = {e.source for e in links if e.target in flagged}
            teachers = {e.source: e for e in staff if e.target in schools}
            self._low = (schools, teachers)
        return self._low

    def young_specialists(self) -> set[str]:
        if self._young is None:
            day = self.day
            people = self.store.get_nodes(self._targets("SUPPORTS", "MENTORS", "TUTORS"))
            self._young = set()
            for p in people.values():
                if p.label == "Person" and young_specialist(
                    p.props.get("birth_year"), p.props.get("career_start_year"), day,
                    p.props.get("age_band"),
                ):
                    self._young.add(p.id)
        return self._young

    def growth(self) -> dict[str, list[EdgeRecord]]:
        """Each supported person's routes (created by the last day looked at and not
        cancelled: :func:`graph.rules.route_open`) and diagnostics (in the period)."""
        if self._growth is None:
            people = self._targets("SUPPORTS", "TUTORS")
            links = (self.store.edges(["HAS_ROUTE", "HAS_DIAGNOSTIC"], sources=people)
                     if people else [])
            found = self.store.get_nodes(sorted({e.target for e in links}))
            self._growth = defaultdict(list)
            day = self.day
            for e in links:
                node = found.get(e.target)
                if node is None:
                    continue
                if e.type == "HAS_ROUTE" and not route_open(node.props, day):
                    continue
                if e.type == "HAS_DIAGNOSTIC" and self.period_days and not diagnosed_within(
                        node.props, *self.period_days):
                    continue
                self._growth[e.source].append(e)
        return self._growth

