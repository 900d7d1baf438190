"""Which districts a write can change the gap counts of: the rule every store's writes follow.

The country's gap counts are kept per district (:mod:`graph.queries.kept_counts`); a write
must mark, in its own transaction, every district whose count it can change. The kinds of gap
(:mod:`graph.queries.gaps`, rules in :mod:`graph.rules`) each read a small neighbourhood:

- a teacher's gaps read the teacher, their work at schools (and the schools' kind and
  territory), who supports, tutors or mentors them (and whether those are methodists: their
  roles at bodies), their deficits (and the competency's subject), routes (their status) and
  communities (their kind); the teacher counts in the district of their first school;
- a methodist over the load norm reads their roles (bodies, territories) and whom they
  support; a school without a service the services and councils attached to it; a district
  without a pool its pools and their members; a subject without a methodist the teachers of
  the district's schools, their deficits, and the methodists working there or supporting them.

So a change reaches a district through at most three steps, each but the first through a
person: a body (its kind) → a methodist → a teacher they support → the teacher's schools; a
school (its territory) → a teacher → the teacher's other schools; a person (their roles or
subjects) → a teacher → a school; a route, competency or community → a teacher → a school.
:func:`touched` walks exactly that, from every written node (three steps from an
organization, two from anything else) and from each written edge's ends (two steps from a
person; an organization or anything else is counted where it is), collecting every
territory met (a node's ``territory_id``, a municipality's own id) and ``''``, the bucket of
gaps with no territory. The store runs it before the write and after it, so a territory left
and a territory entered are both marked. A hop reaching more than :data:`CAP` nodes means the
write is too broad to bound: then ``None``, every district.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["CAP", "NOWHERE", "Met", "touched"]

CAP = 5000
"""Nodes one hop of :func:`touched` may reach before a write counts as unbounded."""

NOWHERE = ""
"""The district key of gaps with no territory (a school without ``territory_id``)."""


@dataclass(frozen=True)
class Met:
    """A node met on the walk: what decides whether the walk goes on from it, and where it is."""

    id: str
    person: bool = False
    org: bool = False
    municipality: bool = False
    territory: object = None

    def districts(self) -> set[str]:
        found = {str(self.territory)} if self.territory not in (None, "") else set()
        if self.municipality:
            found.add(self.id)
        return found


Neighbours = Callable[[Sequence[str], bool], Sequence[Met] | None]
"""The distinct neighbours (both directions) of some nodes; with ``last`` only organizations
and municipalities; ``None`` if more than :data:`CAP`."""


def touched(nodes: Iterable[Met], ends: Iterable[Met],
            neighbours: Neighbours) -> set[str] | None:
    """The districts whose gap counts a write of ``nodes`` and of edges with ``ends`` can
    change, as the store stands now; ``None``: too many to bound (every district).

    >>> school = Met("s1", org=True, territory="D1")
    >>> teacher = Met("t1", person=True)
    >>> graph = {"s1": [teacher], "t1": [school, Met("s2", org=True, territory="D2")]}
    >>> def around(ids, last):
    ...     return [n for i in ids for n in graph.get(i, []) if not last or n.org]
    >>> sorted(touched([school], [], around))  # the school's teacher also works in D2
    ['', 'D1', 'D2']
    >>> sorted(touched([], [school], around))  # an edge to the school: the school's own
    ['', 'D1']
    """
    found = {NOWHERE}
    walks: dict[int, list[Met]] = {3: [], 2: []}
    for n in nodes:
        found |= n.districts()
        walks[3 if n.org else 2].append(n)
    for n in ends:
        found |= n.districts()
        if n.person:
            walks[2].append(n)
    for depth, starts in walks.items():
        seen = {n.id for n in starts}
        frontier = sorted(seen)
        for step in range(1, depth + 1):
            if not frontier:
                break
            met = neighbours(frontier, step == depth)
            if met is None:
                return None
            for n in met:
                found |= n.districts()
            frontier = sorted({n.id for n in met if n.person and n.id not in seen})
            seen.update(n.id for n in met)
    return found
