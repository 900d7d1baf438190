"""Lists of entities of one label the caller sees, filtered and ordered: the typed API's lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.model.base import NodeRecord
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope, territory_closure
from graph.queries.seen import seen_nodes
from graph.queries.visibility import OWNER_TYPES, person_places
from graph.store.base import Store, matches, reads_together

__all__ = ["entities"]


@reads_together
def entities(
    store: Store,
    label: str,
    *,
    where: Mapping[str, Any] | None = None,
    kinds: Sequence[str] | None = None,
    role: str | None = None,
    territory_id: str | None = None,
    name: str | None = None,
    order_by: str = "title",
    scope: Scope = EVERYTHING,
) -> list[NodeRecord]:
    """The nodes of ``label`` the caller may see that match every filter given.

    ``where`` compares properties (see :func:`~graph.store.base.matches`), ``kinds`` keeps the
    organizations of those kinds, ``role`` the people holding that role (``HAS_ROLE``),
    ``territory_id`` what is located in that territory (a region with its municipalities;
    people by where they work) and ``name`` what has it in its title, any case. Ordered by
    title (then id) or, with ``order_by="id"``, by id.

    >>> from graph.queries.demo import demo_store
    >>> s = demo_store()
    >>> [n.id for n in entities(s, "Organization", where={"kind": "school"},
    ...                         territory_id="RU-LEN-b")]
    ['s3']
    >>> [n.id for n in entities(s, "Person", role="teacher", territory_id="RU-LEN-a")]
    ['t1', 't3']

    A diagnostic or a route is where its person works, an assessment where its school is:

    >>> [n.id for n in entities(s, "Assessment", where={"low_results": True,
    ...                         "period": "2025-H1"}, territory_id="RU-LEN-a")]
    ['a-s1', 'a-s2']
    >>> [n.id for n in entities(s, "IndividualRoute", territory_id="RU-LEN-b")]
    ['r-t4']
    """
    found = [n for n in seen_nodes(store, label, scope=scope) if matches(n.props, where)]
    if kinds:
        found = [n for n in found if n.props.get("kind") in kinds]
    if name:
        wanted = name.casefold()
        found = [n for n in found if wanted in title_of(n).casefold()
                 or wanted in str(n.props.get("name", "")).casefold()]
    if territory_id is not None:
        places = territory_closure(store, [territory_id])
        if label == "Person":
            where_they_work = person_places(store, [n.id for n in found])
            found = [n for n in found if where_they_work.get(n.id, set()) & places]
        elif label in OWNER_TYPES:
            where = _owner_places(store, label, [n.id for n in found])
            found = [n for n in found if where.get(n.id, set()) & places]
        else:
            found = [n for n in found if n.id in places
                     or n.props.get("territory_id") in places]
    if role is not None and found:
        holders = {e.source for e in store.edges("HAS_ROLE", sources=[n.id for n in found])
                   if e.props.get("role") == role}
        found = [n for n in found if n.id in holders]
    if order_by == "id":
        return sorted(found, key=lambda n: n.id)
    return sorted(found, key=lambda n: (title_of(n).casefold(), n.id))


def _owner_places(store: Store, label: str, ids: list[str]) -> dict[str, set[str]]:
    """Where each record of ``label`` is: its school's territory (an assessment), or where
    its person works (a diagnostic, a route)."""
    owners: dict[str, set[str]] = {}
    for e in store.edges(OWNER_TYPES[label], targets=ids):
        owners.setdefault(e.target, set()).add(e.source)
    held = sorted({o for found in owners.values() for o in found})
    if label == "Assessment":
        places = {i: {str(n.props["territory_id"])} for i, n in store.get_nodes(held).items()
                  if n.props.get("territory_id")}
    else:
        places = person_places(store, held)
    return {record: set().union(*(places.get(o, set()) for o in found))
            for record, found in owners.items()}
