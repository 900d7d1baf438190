"""Network analysis: brokers, isolated schools, school communities, internship sites' reach.

The support and membership network (:data:`NETWORK_TYPES`) joins people and bodies by who
works where, who belongs to what, who supports, tutors, mentors or curates whom, and which
schools learn from each other. Its analyses run on networkx over a copy read in a few bulk
calls, so both stores give the same answers.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.errors import MethodnetError
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.in_database import in_database
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import (
    WORK_TYPES,
    Visibility,
    is_active,
    visibility_of,
    visible_ids,
)
from graph.queries.where import Where
from graph.store.base import Store, reads_together

__all__ = [
    "BROKER_EXACT_UP_TO",
    "BROKER_SAMPLE",
    "COMMUNITY_SEED",
    "NETWORK_TYPES",
    "Broker",
    "InternshipReach",
    "IsolatedSchool",
    "SchoolCommunity",
    "brokers",
    "internship_reach",
    "isolated_schools",
    "school_communities",
]

NETWORK_TYPES = ("SUPPORTS", "CURATES", "MENTORS", "TUTORS", "MEMBER_OF", "EMPLOYED_AT",
                 "HAS_ROLE", "HORIZONTAL_LEARNING")
"""The edges of the support and membership network."""

COMMUNITY_SEED = 47
"""Louvain's seed: fixed, so the same graph always splits the same way."""

BROKER_EXACT_UP_TO = 500
BROKER_SAMPLE = 64
"""Betweenness is exact on networks up to :data:`BROKER_EXACT_UP_TO` nodes and estimated from
this many sources above (chosen with :data:`COMMUNITY_SEED`, so the estimate is the same every
time): exact betweenness of a large district's network takes minutes, the estimate seconds."""

_ROUND = 6  # betweenness is rounded so that float noise cannot reorder equal brokers


@dataclass(frozen=True)
class Broker:
    """A node that lies on many shortest paths between others (normalised betweenness)."""

    node: NodeRecord
    betweenness: float
    degree: int
    edge_types: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class IsolatedSchool:
    """A school nobody supports or curates, with no horizontal learning and no community."""

    school: NodeRecord
    territory_id: str | None
    teachers: int


@dataclass(frozen=True)
class SchoolCommunity:
    """Schools joined, directly or not, by horizontal learning."""

    index: int
    schools: tuple[NodeRecord, ...]
    links: tuple[EdgeRecord, ...]
    territories: tuple[str, ...]


@dataclass(frozen=True)
class InternshipReach:
    """An internship site, who designated it and the schools and teachers it reaches."""

    site: NodeRecord
    designations: tuple[EdgeRecord, ...]
    designated_by: tuple[NodeRecord, ...]
    district_id: str | None
    schools: tuple[NodeRecord, ...]
    links: tuple[EdgeRecord, ...]
    teachers: int


# -- brokers ----------------------------------------------------------------------------------
@reads_together
def brokers(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    on: dt.date | None = None,
    label: str | None = None,
    top: int = 10,
    scope: Scope = EVERYTHING,
) -> list[Broker]:
    """The nodes with the highest betweenness in the support and membership network.

    The network of a territory holds its bodies and schools and the people who work there
    (active edges only when ``on`` is given); nodes with zero betweenness are left out. Ties
    are broken by id. ``label`` keeps only ``Person`` or ``Organization`` brokers. On networks
    larger than :data:`BROKER_EXACT_UP_TO` nodes the betweenness is a seeded estimate. Three or four
    reads.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, HorizontalLearning
    >>> s = MemoryStore(); b = Batch()
    >>> for i in ("a", "b", "c"):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional"))
    >>> b.add(HorizontalLearning(source="a", target="b"))
    >>> b.add(HorizontalLearning(source="b", target="c")); _ = s.write(b)
    >>> [(x.node.id, x.betweenness) for x in brokers(s)]
    [('b', 1.0)]
    """
    where = Where.of(where, territory_id=territory_id, on=on, scope=scope)
    territory_id, on, scope = where.territory_id, where.on, where.scope
    if top < 0:
        raise MethodnetError(f"top must not be negative, not {top}")
    sight = visibility_of(store, territory_id=territory_id, scope=scope)
    edges = _network_edges(store, sight, on)
    names = sorted({e.source for e in edges} | {e.target for e in edges})
    position = {n: i for i, n in enumerate(names)}
    linked: list[set[int]] = [set() for _ in names]
    for e in edges:
        a, b = position[e.source], position[e.target]
        if a != b:
            linked[a].add(b)
            linked[b].add(a)
    sources: Sequence[int] = range(len(names))
    if len(names) > BROKER_EXACT_UP_TO:
        # The sources networkx's estimate would take with the same seed.
        sources = [position[n] for n in random.Random(COMMUNITY_SEED).sample(names, BROKER_SAMPLE)]
    scores = betweenness([sorted(n) for n in linked], sources)
    ranked = sorted(((round(v, _ROUND), names[i]) for i, v in enumerate(scores) if v > 0),
                    key=lambda x: (-x[0], x[1]))
    degree = {names[i]: len(n) for i, n in enumerate(linked)}
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for e in edges:
        types[e.source][e.type] += 1
        types[e.target][e.type] += 1
    records = store.get_nodes([n for _, n in ranked]) if ranked else {}
    out = []
    for score, n in ranked:
        rec = records.get(n)
        if rec is None or (label is not None and rec.label != label):
            continue
        out.append(Broker(rec, score, degree[n], tuple(sorted(types[n].items()))))
        if len(out) >= top:
            break
    return out


def betweenness(adjacency: list[list[int]], sources: Iterable[int]) -> list[float]:
    """Normalised betweenness of an undirected, unweighted graph given as adjacency lists.

    Brandes' algorithm from ``sources`` (all nodes: exact; a sample: an estimate), normalised
    as networkx's ``betweenness_centrality`` does — the same numbers, several times faster
    because it walks plain lists instead of networkx's views, and because a leaf (one
    neighbour, as most teachers are in a support network) needs no walk of its own: every
    shortest path from it is its neighbour's, one step longer, so it adds its neighbour's
    dependencies and lies on nothing but passes through the neighbour to every other node.

    >>> betweenness([[1], [0, 2], [1]], range(3))  # a path a–b–c: b is on the only a…c path
    [0.0, 1.0, 0.0]
    """
    n = len(adjacency)
    score = [0.0] * n
    chosen = list(sources)
    # Each walk's root, and how many sources use it: itself, and its leaves.
    own: dict[int, int] = defaultdict(int)
    leaves: dict[int, int] = defaultdict(int)
    for s in chosen:
        near = adjacency[s]
        if len(near) == 1 and len(adjacency[near[0]]) > 1:
            leaves[near[0]] += 1
        else:
            own[s] += 1
    for root in sorted(own.keys() | leaves.keys()):
        delta, reached = _dependencies(adjacency, root)
        times = own[root] + leaves[root]
        for v, d in enumerate(delta):
            if d and v != root:
                score[v] += times * d
        # From each leaf, every node but the leaf and the root is reached through the root.
        score[root] += leaves[root] * (reached - 2)
    if n <= 2:
        return score
    pairs = n - 2  # a node is on a path between two others
    k = len(set(chosen))
    if k == n:
        return [x / ((n - 1) * pairs) for x in score]
    # A sampled source cannot be on its own paths: networkx 3.6 scales sources apart.
    in_sample = set(chosen)
    source_scale = 1 / ((k - 1) * pairs) if k > 1 else math.nan
    other_scale = 1 / (k * pairs)
    return [x * (source_scale if v in in_sample else other_scale) for v, x in enumerate(score)]


def _dependencies(adjacency: list[list[int]], s: int) -> tuple[list[float], int]:
    """Brandes' dependencies of every node on the shortest paths from ``s``, and how many
    nodes ``s`` reaches (itself included)."""
    n = len(adjacency)
    # Breadth-first: the order nodes are reached, their distance and shortest-path count.
    # Predecessors are not kept: they are the neighbours one step nearer to ``s``.
    dist = [-1] * n
    paths = [0] * n
    dist[s], paths[s] = 0, 1
    order = [s]
    i = 0
    while i < len(order):
        v = order[i]
        i += 1
        step, count = dist[v] + 1, paths[v]
        for w in adjacency[v]:
            if dist[w] < 0:
                dist[w] = step
                paths[w] = count
                order.append(w)
            elif dist[w] == step:
                paths[w] += count
    delta = [0.0] * n
    for w in reversed(order):
        nearer = dist[w] - 1
        share = (1.0 + delta[w]) / paths[w]
        for v in adjacency[w]:
            if dist[v] == nearer:
                delta[v] += paths[v] * share
    return delta, len(order)


def _network_edges(store: Store, sight: Visibility, on: dt.date | None) -> list[EdgeRecord]:
    """The active network edges between nodes the question may show."""
    if sight.unrestricted:
        return [e for e in store.edges(list(NETWORK_TYPES)) if is_active(e.props, on)]
    orgs = {o.id for o in store.nodes("Organization", where={"territory_id": sorted(sight.inside
                                                                                    or ())})}
    into = [e for e in store.edges(list(NETWORK_TYPES), targets=sorted(orgs))
            if is_active(e.props, on)]
    # People are in the network when they work in it; their other edges come with them.
    people = {e.source for e in into if e.type in WORK_TYPES}
    out = [e for e in store.edges(list(NETWORK_TYPES), sources=sorted(people))
           if is_active(e.props, on)] if people else []
    inside = orgs | people
    merged = {e.id: e for e in into + out if e.source in inside and e.target in inside}
    return [e for _, e in sorted(merged.items())]


# -- isolated schools -------------------------------------------------------------------------
@reads_together
def isolated_schools(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    on: dt.date | None = None,
    scope: Scope = EVERYTHING,
) -> list[IsolatedSchool]:
    """Schools with no support, no curating, no horizontal learning, no community membership.

    "No support" means no ``SUPPORTS`` or ``CURATES`` to the school and no ``SUPPORTS`` or
    ``TUTORS`` to any of its teachers; "no community" means none of its teachers is a member
    of a body of kind ``community``. Only active edges count when ``on`` is given. Ordered by
    territory and id; three reads besides the territory's (the schools, their edges, their
    teachers' edges with the bodies at their ends), on Neo4j one statement computed in the
    server, the territory's within the caller's scope included.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Curates
    >>> s = MemoryStore(); b = Batch()
    >>> for i in ("a", "b"):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional"))
    >>> b.add(Curates(source="a", target="b")); _ = s.write(b)
    >>> [x.school.id for x in isolated_schools(s)]
    ['a']
    """
    where = Where.of(where, territory_id=territory_id, on=on, scope=scope)
    territory_id, on, scope = where.territory_id, where.on, where.scope
    native = in_database(store)
    if native is not None:  # Neo4j: one statement, the same rules (tests/test_differential_…)
        # The caller's sight of the territory is computed in that statement too.
        return sorted((IsolatedSchool(school, _territory(school), teachers)
                       for school, teachers in native.isolated_schools(territory_id, scope, on)),
                      key=lambda x: (x.territory_id or "", x.school.id))
    sight = visibility_of(store, territory_id=territory_id, scope=scope)
    schools = _schools(store, sight)
    ids = sorted(schools)
    if not ids:
        return []
    here = set(ids)
    # One read for every edge of the schools, one for their teachers' (with the bodies they
    # belong to): the store's ``neighbours``, both directions in one statement.
    near = [e for e in store.neighbours(
        ids, ["SUPPORTS", "CURATES", "HORIZONTAL_LEARNING", *WORK_TYPES]).edges
        if is_active(e.props, on)]
    into = [e for e in near if e.target in here]
    connected = {e.target for e in into if e.type not in WORK_TYPES} | {
        e.source for e in near if e.type == "HORIZONTAL_LEARNING" and e.source in here}
    staff: dict[str, set[str]] = defaultdict(set)
    for e in into:
        if _teaches(e):
            staff[e.target].add(e.source)
    teachers = set().union(*staff.values()) if staff else set()
    helped: set[str] = set()
    in_community: set[str] = set()
    if teachers:
        # One read for who supports or tutors the teachers and what they are members of,
        # with the records at the edges' other ends (a community is told by its kind).
        around = store.neighbours(sorted(teachers), ["SUPPORTS", "TUTORS", "MEMBER_OF"],
                                  ends=True)
        for e in around.edges:
            if not is_active(e.props, on):
                continue
            if e.type != "MEMBER_OF" and e.target in teachers:
                helped.add(e.target)
            elif e.type == "MEMBER_OF" and e.source in teachers:
                body = around.ends.get(e.target)
                if body is not None and body.props.get("kind") == "community":
                    in_community.add(e.source)
    out = []
    for sid in ids:
        staff_here = staff.get(sid, set())
        if sid in connected or staff_here & (helped | in_community):
            continue
        out.append(IsolatedSchool(schools[sid], _territory(schools[sid]), len(staff_here)))
    return sorted(out, key=lambda x: (x.territory_id or "", x.school.id))


def _territory(school: NodeRecord) -> str | None:
    territory = school.props.get("territory_id")
    return territory if isinstance(territory, str) else None


def _teaches(e: EdgeRecord) -> bool:
    return e.type == "EMPLOYED_AT" or (e.type == "HAS_ROLE" and e.props.get("role") == "teacher")


def _schools(store: Store, sight: Visibility) -> dict[str, NodeRecord]:
    where: dict[str, object] = {"kind": "school"}
    if sight.inside is not None:
        where["territory_id"] = sorted(sight.inside)
    # Generic schools ("образовательные организации" of a regulation) are no schools at all.
    return {s.id: s for s in store.nodes("Organization", where=where)
            if not s.props.get("generic_name")}


# -- communities of schools -------------------------------------------------------------------
@reads_together
def school_communities(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    on: dt.date | None = None,
    method: str = "components",
    scope: Scope = EVERYTHING,
) -> list[SchoolCommunity]:
    """Groups of schools linked by horizontal learning, largest first.

    ``method="components"`` gives the connected components; ``"louvain"`` splits them further
    by modularity with the fixed seed :data:`COMMUNITY_SEED`. A lone school is no community.
    Two reads.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, HorizontalLearning
    >>> s = MemoryStore(); b = Batch()
    >>> for i in ("a", "b", "c"):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional"))
    >>> b.add(HorizontalLearning(source="a", target="b")); _ = s.write(b)
    >>> [[x.id for x in c.schools] for c in school_communities(s)]
    [['a', 'b']]
    """
    where = Where.of(where, territory_id=territory_id, on=on, scope=scope)
    territory_id, on, scope = where.territory_id, where.on, where.scope
    if method not in ("components", "louvain"):
        raise MethodnetError(f"method must be 'components' or 'louvain', not {method!r}")
    sight = visibility_of(store, territory_id=territory_id, scope=scope)
    schools = _schools(store, sight)
    links = [e for e in store.edges("HORIZONTAL_LEARNING", sources=sorted(schools))
             if e.target in schools and is_active(e.props, on)] if schools else []
    g = nx.Graph()
    g.add_edges_from((e.source, e.target) for e in links)
    if method == "components":
        groups: Iterable[set[str]] = nx.connected_components(g)
    else:
        groups = nx.community.louvain_communities(g, seed=COMMUNITY_SEED)
    ordered = sorted((sorted(c) for c in groups if len(c) > 1), key=lambda c: (-len(c), c[0]))
    out = []
    for i, members in enumerate(ordered, start=1):
        chosen = set(members)
        out.append(SchoolCommunity(
            i,
            tuple(schools[m] for m in members),
            tuple(e for e in links if e.source in chosen and e.target in chosen),
            tuple(sorted({str(schools[m].props.get("territory_id")) for m in members
                          if schools[m].props.get("territory_id")})),
        ))
    return out


# -- internship sites -------------------------------------------------------------------------
@reads_together
def internship_reach(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    on: dt.date | None = None,
    scope: Scope = EVERYTHING,
) -> list[InternshipReach]:
    """Internship sites and whom they reach.

    The rule: a site reaches the other schools of its own district and the schools it is
    linked to by horizontal learning (either way, any district the caller may see), and the
    teachers of those schools — not its own teachers, who host. Sites are ordered by teachers
    reached (most first), then id. Seven reads, and one more within a territory.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, InternshipSite
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Organization(id="loiro", name="ЛОИРО", kind="development_institute",
    ...                    level="regional"))
    >>> for i in ("a", "b"):
    ...     b.add(Organization(id=i, name=i, kind="school", level="institutional",
    ...                        territory_id="RU-LEN-luzhsky"))
    >>> b.add(InternshipSite(source="a", target="loiro")); _ = s.write(b)
    >>> [(r.site.id, [x.id for x in r.schools]) for r in internship_reach(s)]
    [('a', ['b'])]
    """
    where = Where.of(where, territory_id=territory_id, on=on, scope=scope)
    territory_id, on, scope = where.territory_id, where.on, where.scope
    sight = visibility_of(store, territory_id=territory_id, scope=scope)
    # Sites are schools: within a territory, read its schools' designations, not the country's.
    hosts = None if sight.unrestricted else [n.id for n in store.nodes(
        "Organization", where={"kind": "school", "territory_id": sorted(sight.inside or ())})]
    designations = [e for e in store.edges("INTERNSHIP_SITE", sources=hosts)
                    if is_active(e.props, on)]
    ends = store.get_nodes(sorted({e.source for e in designations}
                                  | {e.target for e in designations}))
    sites = sorted({e.source for e in designations if e.source in ends
                    and sight.contains(ends[e.source].props.get("territory_id"))})
    if not sites:
        return []
    districts = sorted({str(ends[s].props.get("territory_id")) for s in sites
                        if ends[s].props.get("territory_id")})
    schools = {s.id: s for s in store.nodes(
        "Organization", where={"kind": "school", "territory_id": districts})} if districts else {}
    links = [e for e in store.edges("HORIZONTAL_LEARNING", sources=sites)
             + store.edges("HORIZONTAL_LEARNING", targets=sites) if is_active(e.props, on)]
    unknown = sorted({x for e in links for x in (e.source, e.target)} - set(schools) - set(ends))
    schools.update(store.get_nodes(unknown))
    schools.update({s: ends[s] for s in sites})
    shown = visible_ids(store, schools.values(), sight)

    reached: dict[str, set[str]] = {}
    site_links: dict[str, list[EdgeRecord]] = defaultdict(list)
    for site in sites:
        district = ends[site].props.get("territory_id")
        near = {s for s, rec in schools.items()
                if district and rec.props.get("territory_id") == district}
        for e in links:
            if site in (e.source, e.target):
                near.add(e.target if e.source == site else e.source)
                site_links[site].append(e)
        reached[site] = {s for s in near if s != site and s in shown}
    all_reached = sorted(set().union(*reached.values()))
    staff: dict[str, set[str]] = defaultdict(set)
    if all_reached:
        for e in store.edges(list(WORK_TYPES), targets=all_reached):
            if _teaches(e) and is_active(e.props, on):
                staff[e.target].add(e.source)
    out = []
    for site in sites:
        own = [e for e in designations if e.source == site]
        teachers = set().union(*(staff.get(s, set()) for s in reached[site])) if reached[site] \
            else set()
        out.append(InternshipReach(
            ends[site], tuple(own),
            tuple(ends[b] for b in sorted({e.target for e in own}) if b in ends),
            ends[site].props.get("territory_id"),
            tuple(schools[s] for s in sorted(reached[site])),
            tuple(sorted({e.id: e for e in site_links[site]}.values(), key=lambda e: e.id)),
            len(teachers),
        ))
    return sorted(out, key=lambda r: (-r.teachers, r.site.id))
