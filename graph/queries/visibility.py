"""What a question may show: a territory filter within the caller's scope, and who is seen.

A question narrowed to a territory looks at that territory and, for a region, its
municipalities (:func:`graph.rules.territory_closure`); the caller's scope narrows it
further. What a caller may *see* is that area plus, for bodies only, the regions above the
area's municipalities: a district's coordinator sees the regional institute its methodists
report to, but never people or schools outside the district. Where a node is located:

- ``Region`` and ``Municipality``: themselves;
- ``Organization`` and ``Regulation``: their ``territory_id``;
- ``Person``: the territories of the bodies they work at (``EMPLOYED_AT``, ``HAS_ROLE``);
- ``Clause``, ``Duty``, ``Term``, ``Indicator``: the territory of their regulation;
- ``Diagnostic`` and ``IndividualRoute`` (ИОМ): where their person is (``HAS_DIAGNOSTIC``,
  ``HAS_ROUTE`` from the ``Person``), so a district's coordinator sees the diagnostics and
  routes of the people who work in the district; ``Assessment``: where its school is
  (``HAS_ASSESSMENT``). Such a record is shown when it has an owner and the caller sees *every*
  owner: a record wrongly linked to a second, hidden person stays hidden rather than showing
  that person's data (:data:`OWNER_TYPES`). A deficit is a ``HAS_DEFICIT`` edge and, like every
  edge, shows when both of its ends do;
- ``Competency`` and ``Programme``: a shared catalogue with no personal data (a competency's
  name, a programme's title and hours), shown to every caller — a programme run by a body of
  another region is still only a catalogue entry; the edges to it (a person's deficit, a
  completed course, the provider) still show only when their other end does. The catalogue is
  seen, not written: :func:`graph.queries.writes.writable_ids` asks with ``catalogue=False``;
- anything else: nowhere, so it shows only to an unrestricted caller — the conservative
  default for data that may be personal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.rules import active_on, municipalities, region_of, territory_closure_of
from graph.store import cypher
from graph.store.base import Store

__all__ = [
    "CATALOGUE_LABELS",
    "OWNER_TYPES",
    "SEE_ALL",
    "WORK_TYPES",
    "Visibility",
    "is_active",
    "municipality_regions",
    "person_places",
    "places_of",
    "sight_of",
    "sight_params",
    "visibility_of",
    "visible_ids",
]

# The edges that place a person at a body.
WORK_TYPES = ("EMPLOYED_AT", "HAS_ROLE")
_REGULATION_PARTS = ("Clause", "Duty", "Term", "Indicator")
OWNER_TYPES = {"Diagnostic": "HAS_DIAGNOSTIC", "IndividualRoute": "HAS_ROUTE",
               "Assessment": "HAS_ASSESSMENT"}
"""The records located where their owner is, and the edge from the owner (a person or a school)."""
CATALOGUE_LABELS = ("Competency", "Programme")
"""The shared catalogue: located nowhere and shown to every caller."""


@dataclass(frozen=True)
class Visibility:
    """Territories a question looks at (``inside``; ``None`` = all) and regions shown above.

    >>> v = Visibility(frozenset({"RU-LEN-vsevolozhsky"}), frozenset({"RU-LEN"}))
    >>> v.contains("RU-LEN-vsevolozhsky"), v.contains("RU-LEN"), v.shows_body("RU-LEN")
    (True, False, True)
    >>> SEE_ALL.contains(None)
    True
    """

    inside: frozenset[str] | None = None
    above: frozenset[str] = frozenset()
    catalogue: bool = True  # whether the shared catalogue (CATALOGUE_LABELS) is shown

    @property
    def unrestricted(self) -> bool:
        return self.inside is None

    def contains(self, territory_id: str | None) -> bool:
        """Whether data located in ``territory_id`` is inside the area looked at."""
        return self.inside is None or (territory_id is not None and territory_id in self.inside)

    def shows_body(self, territory_id: str | None) -> bool:
        """Whether a body (not a school) located in ``territory_id`` may be shown."""
        return self.contains(territory_id) or (territory_id is not None
                                               and territory_id in self.above)


SEE_ALL = Visibility()


def visibility_of(
    store: Store, *, territory_id: str | None = None, scope: Scope = EVERYTHING
) -> Visibility:
    """The territory (with its municipalities) within the scope; no read when unrestricted,
    one otherwise (:func:`municipality_regions`; on Neo4j the same rule in Cypher,
    :data:`graph.store.cypher.SIGHT`, which a question's own statement may begin with).

    >>> from graph.queries.demo import demo_store
    >>> v = visibility_of(demo_store(), territory_id="RU-LEN")
    >>> sorted(v.inside or ()), sorted(v.above)
    (['RU-LEN', 'RU-LEN-a', 'RU-LEN-b'], [])
    >>> sorted(visibility_of(demo_store(), territory_id="RU-LEN-a").above)
    ['RU-LEN']
    """
    from graph.store.neo4j import Neo4jStore

    if territory_id is None and scope.unrestricted:
        return SEE_ALL
    if isinstance(store, Neo4jStore):  # the rule in Cypher (cypher.SIGHT): one statement
        found = store.answer_records(cypher.TERRITORY_SIGHT, **sight_params(territory_id, scope))
        return sight_of(found[0]["inside"], found[0]["above"])
    asked = [] if territory_id is None else [territory_id]
    allowed = [] if scope.territories is None else list(scope.territories)
    regions = municipality_regions(store, asked + allowed)
    inside: set[str] | None = None
    if territory_id is not None:
        inside = territory_closure_of(asked, regions)
    if not scope.unrestricted:
        within = territory_closure_of(allowed, regions)
        inside = within if inside is None else inside & within
    assert inside is not None
    above = frozenset(regions[m] for m in inside if m in regions) - inside
    return Visibility(frozenset(inside), above)


def sight_params(territory_id: str | None, scope: Scope) -> dict[str, object]:
    """The parameters of :data:`graph.store.cypher.SIGHT`, the rule of :func:`visibility_of`
    composed into a Neo4j statement: the territory asked and the scope's territories (``None``
    when unrestricted).

    >>> sight_params("RU-LEN", Scope.of(["RU-LEN-b", "RU-LEN-a"]))
    {'territory': 'RU-LEN', 'allowed': ['RU-LEN-a', 'RU-LEN-b']}
    """
    return {"territory": territory_id,
            "allowed": None if scope.territories is None else sorted(scope.territories)}


def sight_of(inside: Iterable[str] | None, above: Iterable[str]) -> Visibility:
    """The :class:`Visibility` a statement that began with :data:`graph.store.cypher.SIGHT`
    returned (``inside`` ``None``: everything).

    >>> sight_of(None, []) == SEE_ALL, sorted(sight_of(["a", "a"], ["R"]).inside or ())
    (True, ['a'])
    """
    return SEE_ALL if inside is None else Visibility(frozenset(inside), frozenset(above))


def municipality_regions(store: Store, territories: Iterable[str]) -> dict[str, str]:
    """The region of each municipality among ``territories`` or in a region among them: one
    statement on Neo4j (``cypher.TERRITORY_MUNICIPALITIES``), the rules' reads elsewhere.

    >>> from graph.queries.demo import demo_store
    >>> municipality_regions(demo_store(), ["RU-AMU", "RU-LEN-a"])
    {'RU-AMU-zeya': 'RU-AMU', 'RU-LEN-a': 'RU-LEN'}
    """
    from graph.store.neo4j import Neo4jStore

    wanted = sorted(set(territories))
    if not wanted:
        return {}
    if isinstance(store, Neo4jStore):
        found = [NodeRecord("Municipality", m, {"region_id": r})
                 for m, r in store.answer(cypher.TERRITORY_MUNICIPALITIES, ids=wanted)]
    else:
        found = municipalities(store, wanted) + [
            n for n in store.get_nodes(wanted).values() if n.label == "Municipality"]
    return {m.id: r for m in sorted(found, key=lambda m: m.id) if (r := region_of(m)) is not None}


is_active = active_on
"""Whether a dated edge holds on a day: :func:`graph.rules.active_on`."""


def person_places(
    store: Store, person_ids: Iterable[str], *, on: dt.date | None = None
) -> dict[str, set[str]]:
    """The territories each person works in (two reads for any number of people)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    work = [e for e in store.edges(list(WORK_TYPES), sources=ids) if active_on(e.props, on)]
    bodies = store.get_nodes(sorted({e.target for e in work}))
    return places_of(work, {b.id: b.props.get("territory_id") for b in bodies.values()}, on=on)


def places_of(work: Iterable[EdgeRecord], territories: Mapping[str, object], *,
              on: dt.date | None = None) -> dict[str, set[str]]:
    """The territories people work in, from their ``WORK_TYPES`` edges and the territory of
    each body those edges lead to (read already, e.g. in the statement that found the people).

    >>> from graph.model import EmployedAt
    >>> work = [EmployedAt(source="p", target="s1").to_record(),
    ...         EmployedAt(source="p", target="s2", end="2020-01-01").to_record()]
    >>> places_of(work, {"s1": "RU-LEN-a", "s2": "RU-LEN-b"}, on=dt.date(2025, 1, 1))
    {'p': {'RU-LEN-a'}}
    """
    places: dict[str, set[str]] = defaultdict(set)
    for e in work:
        territory = territories.get(e.target)
        if e.type in WORK_TYPES and active_on(e.props, on) and isinstance(territory, str):
            places[e.source].add(territory)
    return dict(places)


def visible_ids(store: Store, nodes: Iterable[NodeRecord], sight: Visibility, *,
                places: Mapping[str, set[str]] | None = None) -> set[str]:
    """The ids among ``nodes`` that may be shown (see the module docstring).

    At most five reads, whatever the number of nodes: the owners of the diagnostics, routes and
    assessments (one edges read, one nodes read), where the people work (two; none when
    ``places`` gives every person's, see :func:`places_of`), the regulations of the clauses and
    duties (one).

    >>> from graph.store import MemoryStore
    >>> from graph.model import (Batch, Competency, Diagnostic, EmployedAt, HasDiagnostic,
    ...                          Organization, Person)
    >>> s = MemoryStore(); b = Batch()
    >>> for m in ("M1", "M2"):
    ...     b.add(Organization(id=f"s-{m}", name="Школа", kind="school", level="institutional",
    ...                        territory_id=m))
    ...     b.add(Person(id=f"p-{m}", full_name="Учитель")); b.add(Diagnostic(id=f"d-{m}",
    ...                                                                  date="2025-02-01"))
    ...     b.add(EmployedAt(source=f"p-{m}", target=f"s-{m}"))
    ...     b.add(HasDiagnostic(source=f"p-{m}", target=f"d-{m}"))
    >>> b.add(Competency(id="c1", name="Предметная")); _ = s.write(b)
    >>> sorted(visible_ids(s, s.nodes(), Visibility(frozenset({"M1"}))))
    ['c1', 'd-M1', 'p-M1', 's-M1']
    """
    records = list(nodes)
    if sight.unrestricted:
        return {n.id for n in records}
    owned = [n for n in records if n.label in OWNER_TYPES]
    owners: dict[str, set[str]] = defaultdict(set)
    if owned:
        wanted = {n.id: OWNER_TYPES[n.label] for n in owned}
        for e in store.edges(sorted(set(wanted.values())), targets=sorted(wanted)):
            if wanted.get(e.target) == e.type:
                owners[e.target].add(e.source)
    # The owners are judged with the other nodes, so people are placed in one go.
    located = [n for n in records if n.label not in OWNER_TYPES]
    extra = sorted(set().union(*owners.values()) - {n.id for n in located}) if owners else []
    located += store.get_nodes(extra).values() if extra else []
    shown = _located_ids(store, located, sight, places)
    for n in owned:
        if owners.get(n.id) and owners[n.id] <= shown:
            shown.add(n.id)
    return shown & {n.id for n in records}


def _located_ids(store: Store, records: list[NodeRecord], sight: Visibility,
                 places: Mapping[str, set[str]] | None = None) -> set[str]:
    """The ids among ``records`` (no owned records) shown by where they are located."""
    shown: set[str] = set()
    people: list[str] = []
    parts: list[NodeRecord] = []
    for n in records:
        territory = n.props.get("territory_id")
        if n.label in ("Region", "Municipality"):
            if sight.shows_body(n.id):
                shown.add(n.id)
        elif n.label == "Organization":
            is_school = n.props.get("kind") == "school"
            if sight.contains(territory) or (not is_school and sight.shows_body(territory)):
                shown.add(n.id)
        elif n.label == "Regulation":
            if sight.shows_body(territory):
                shown.add(n.id)
        elif n.label == "Person":
            people.append(n.id)
        elif n.label in _REGULATION_PARTS:
            parts.append(n)
        elif n.label in CATALOGUE_LABELS and sight.catalogue:
            shown.add(n.id)
    if people:
        known = person_places(store, people) if places is None else places
        for pid in people:
            if any(sight.contains(t) for t in known.get(pid, ())):
                shown.add(pid)
    if parts:
        regs = store.get_nodes(sorted({str(p.props.get("regulation_id")) for p in parts}))
        for p in parts:
            reg = regs.get(str(p.props.get("regulation_id")))
            if reg is not None and sight.shows_body(reg.props.get("territory_id")):
                shown.add(p.id)
    return shown
