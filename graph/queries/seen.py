"""What a caller sees of the whole store: nodes of a label, counts, a node with its edges.

Every surface (GraphQL, pages, downloads) that lists or counts the store goes through these
functions with the caller's :class:`~graph.queries.scope.Scope`, so the visibility rule of
:mod:`graph.queries.visibility` is applied once, here, and no surface can forget it: a hidden
node is never listed or counted, and an edge is shown only when both of its ends are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from graph.model.base import NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import (
    CATALOGUE_LABELS,
    OWNER_TYPES,
    WORK_TYPES,
    Visibility,
    visibility_of,
    visible_ids,
)
from graph.store.base import GraphCounts, Store, reads_together

__all__ = ["SEEN_LABELS", "seen_counts", "seen_ids", "seen_nodes"]

SEEN_LABELS = ("Region", "Municipality", "Organization", "Regulation", "Person", "Clause",
               "Duty", "Term", "Indicator", "Diagnostic", "IndividualRoute", "Assessment",
               "Competency", "Programme")
"""The labels a restricted caller can see at all (each by the rule of
:mod:`graph.queries.visibility`); any other label is located nowhere and shows only to an
unrestricted caller."""

_REGULATION_PARTS = ("Clause", "Duty", "Term", "Indicator")


def seen_ids(store: Store, ids: Iterable[str], *, scope: Scope = EVERYTHING) -> set[str]:
    """The ids among ``ids`` that exist and that the caller may see.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization
    >>> s = MemoryStore(); b = Batch()
    >>> for i, t in (("a", "M1"), ("b", "M2")):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional",
    ...                        territory_id=t))
    >>> _ = s.write(b)
    >>> sorted(seen_ids(s, ["a", "b", "ghost"], scope=Scope.of(["M1"])))
    ['a']
    """
    records = store.get_nodes(sorted(set(ids)))
    if scope.unrestricted:
        return set(records)
    return visible_ids(store, records.values(), visibility_of(store, scope=scope))


@reads_together
def seen_nodes(store: Store, label: str, *, scope: Scope = EVERYTHING) -> list[NodeRecord]:
    """The nodes of ``label`` the caller may see, ordered by id (a few reads).

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization
    >>> s = MemoryStore(); b = Batch()
    >>> for i, t in (("a", "M1"), ("b", "M2")):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional",
    ...                        territory_id=t))
    >>> _ = s.write(b)
    >>> [n.id for n in seen_nodes(s, "Organization", scope=Scope.of(["M2"]))]
    ['b']
    """
    if scope.unrestricted:
        return sorted(store.nodes(label), key=lambda n: n.id)
    found = _visible_nodes(store, visibility_of(store, scope=scope), [label])
    return sorted(found.get(label, []), key=lambda n: n.id)


@reads_together
def seen_counts(store: Store, *, scope: Scope = EVERYTHING) -> GraphCounts:
    """Nodes per label and edges per type among what the caller may see.

    An unrestricted caller gets the store's own counts (one read); a restricted one, the
    counts of the nodes :func:`seen_nodes` would list and of the edges between two of them.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, HorizontalLearning
    >>> s = MemoryStore(); b = Batch()
    >>> for i, t in (("a", "M1"), ("b", "M1"), ("c", "M2")):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional",
    ...                        territory_id=t))
    >>> b.add(HorizontalLearning(source="a", target="b"))
    >>> b.add(HorizontalLearning(source="a", target="c")); _ = s.write(b)
    >>> c = seen_counts(s, scope=Scope.of(["M1"]))
    >>> c.nodes, c.edges
    ({'Organization': 2}, {'HORIZONTAL_LEARNING': 1})
    """
    if scope.unrestricted:
        return store.counts()
    found = _visible_nodes(store, visibility_of(store, scope=scope), SEEN_LABELS)
    ids = {n.id for nodes in found.values() for n in nodes}
    edges = Counter(e.type for e in store.edges(sources=sorted(ids)) if e.target in ids)
    return GraphCounts({label: len(nodes) for label, nodes in sorted(found.items()) if nodes},
                       dict(sorted(edges.items())))


def _visible_nodes(store: Store, sight: Visibility, labels: Sequence[str]
                   ) -> dict[str, list[NodeRecord]]:
    """Every node of ``labels`` the restricted ``sight`` shows, by label: reads only the
    territories looked at, the bodies located there, the people who work at them, the records
    those people and schools own (one edges read for all owned labels, one for their other
    owners) and the catalogue."""
    wanted = set(labels)
    owned = [label for label in OWNER_TYPES if label in wanted]
    out: dict[str, list[NodeRecord]] = {}
    places = sorted((sight.inside or frozenset()) | sight.above)
    if wanted & {"Region", "Municipality"}:
        territories = store.get_nodes(places)
        for label in ("Region", "Municipality"):
            if label in wanted:
                out[label] = [t for t in territories.values()
                              if t.label == label and sight.shows_body(t.id)]
    orgs: list[NodeRecord] = []
    if wanted & {"Organization", "Person", *owned}:
        located = store.nodes("Organization", where={"territory_id": places})
        shown = visible_ids(store, located, sight)
        orgs = [o for o in located if o.id in shown]
        if "Organization" in wanted:
            out["Organization"] = orgs
    people: list[NodeRecord] = []
    if wanted & {"Person", "Diagnostic", "IndividualRoute"}:
        inside = [o.id for o in orgs if sight.contains(o.props.get("territory_id"))]
        workers = {e.source for e in store.edges(list(WORK_TYPES), targets=inside)} \
            if inside else set()
        people = [p for p in store.get_nodes(sorted(workers)).values() if p.label == "Person"]
        if "Person" in wanted:
            out["Person"] = people
    if owned:
        out.update(_owned_by(store, owned, {n.id for n in (*orgs, *people)}))
    if wanted & {"Regulation", *_REGULATION_PARTS}:
        regulations = [r for r in store.nodes("Regulation", where={"territory_id": places})
                       if sight.shows_body(r.props.get("territory_id"))]
        if "Regulation" in wanted:
            out["Regulation"] = regulations
        reg_ids = sorted(r.id for r in regulations)
        for label in _REGULATION_PARTS:
            if label in wanted:
                out[label] = store.nodes(label, where={"regulation_id": reg_ids}) \
                    if reg_ids else []
    for label in CATALOGUE_LABELS:
        if label in wanted:
            out[label] = store.nodes(label) if sight.catalogue else []
    return out


def _owned_by(store: Store, labels: Sequence[str], owners: set[str]
              ) -> dict[str, list[NodeRecord]]:
    """The records of ``labels`` (diagnostics, routes, assessments) whose every owner is among
    the visible ``owners`` (people and bodies): three reads for any number of them."""
    types = sorted({OWNER_TYPES[label] for label in labels})
    mine = {e.target for e in store.edges(types, sources=sorted(owners))} if owners else set()
    if not mine:
        return {label: [] for label in labels}
    # A record also linked to an owner the caller does not see stays hidden (visible_ids).
    shared = {e.target for e in store.edges(types, targets=sorted(mine))
              if e.source not in owners}
    found = store.get_nodes(sorted(mine - shared)).values()
    return {label: [n for n in found if n.label == label] for label in labels}
