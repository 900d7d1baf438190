"""Paths and structure: a teacher's support chain, the coordination tree, paths, neighbourhoods.

Relations between bodies point one way up or down the system; the chain climbs them and the
tree descends them (:data:`UP_TYPES`, :data:`DOWN_TYPES`): ``PART_OF``, ``SUBORDINATE_TO`` and
``ATTACHED_TO`` run from the lower body to the higher one, ``COORDINATES`` and ``GUIDES`` from
the higher to the lower. Shortest paths and neighbourhoods ignore direction and are the
store's graph primitives (one statement each on Neo4j), within a bound on depth and size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.errors import MethodnetError, NodeNotFound
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import WORK_TYPES, Visibility, is_active, visibility_of, visible_ids
from graph.rules import territory_level
from graph.store.base import Store, reads_together
from graph.store.primitives import bare, bfs, followed, path_back

__all__ = [
    "BODY_TYPES",
    "DOWN_TYPES",
    "MAX_VISITED",
    "UP_TYPES",
    "ChainStep",
    "CoordinationTree",
    "GraphPath",
    "Neighbour",
    "Neighbourhood",
    "SupportChain",
    "TooWide",
    "TreeNode",
    "coordination_tree",
    "neighbourhood",
    "shortest_path",
    "support_chain",
]

UP_TYPES = ("PART_OF", "SUBORDINATE_TO", "ATTACHED_TO")
"""Body relations whose target is the higher body."""
DOWN_TYPES = ("COORDINATES", "GUIDES")
"""Body relations whose source is the higher body."""
BODY_TYPES = UP_TYPES + DOWN_TYPES

MAX_VISITED = 50_000
"""A walk that meets more nodes than this stops with :class:`TooWide`."""

# The order chain steps are listed in within one depth.
ROLES = ("teacher", "school", "community", "supporter", "school_service", "supporter_body",
         "district_service", "coordinating_body")
_SUPPORT_TO_TEACHER = ("SUPPORTS", "TUTORS", "MENTORS")
_SUPPORT_TO_SCHOOL = ("SUPPORTS", "CURATES")


class TooWide(MethodnetError):
    """A walk over the graph reached too many nodes; narrow the edge types or the depth."""


@dataclass(frozen=True)
class ChainStep:
    """A node of a support chain: its role, hops from the teacher and the edges that tie it."""

    node: NodeRecord
    role: str
    depth: int
    via: tuple[EdgeRecord, ...]


@dataclass(frozen=True)
class SupportChain:
    """Everyone and everything between a teacher and the regional level."""

    teacher: NodeRecord
    steps: tuple[ChainStep, ...]

    @property
    def reaches_region(self) -> bool:
        """Whether the chain arrives at a regional body."""
        return any(s.node.label == "Organization" and s.node.props.get("level") == "regional"
                   for s in self.steps)

    def ids(self, role: str | None = None) -> list[str]:
        return [s.node.id for s in self.steps if role is None or s.role == role]


@dataclass(frozen=True)
class TreeNode:
    """A body in the coordination tree; ``also`` holds other links from above it."""

    node: NodeRecord
    depth: int
    parent_id: str | None
    via: EdgeRecord | None
    also: tuple[EdgeRecord, ...] = ()


@dataclass(frozen=True)
class CoordinationTree:
    """Who coordinates whom below a root body, depth first, children by id."""

    root: NodeRecord
    nodes: tuple[TreeNode, ...]
    truncated: bool = False


@dataclass(frozen=True)
class GraphPath:
    """A path: ``edges[i]`` joins ``nodes[i]`` and ``nodes[i + 1]`` (in its stored direction)."""

    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]

    @property
    def length(self) -> int:
        return len(self.edges)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(e.type for e in self.edges)


@dataclass(frozen=True)
class Neighbour:
    node: NodeRecord
    distance: int


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes within a number of hops of a centre and the edges walked to reach them."""

    center: NodeRecord
    nodes: tuple[Neighbour, ...]
    edges: tuple[EdgeRecord, ...]
    truncated: bool


# -- the support chain ------------------------------------------------------------------------
@reads_together
def support_chain(
    store: Store, teacher_id: str, *, on: dt.date | None = None, scope: Scope = EVERYTHING
) -> SupportChain:
    """From a teacher up to the regional level, with the edge behind every step.

    The teacher's schools (``EMPLOYED_AT``, ``HAS_ROLE``) and communities (``MEMBER_OF``) and
    who supports them (``SUPPORTS``, ``TUTORS``, ``MENTORS``) come first; then who supports or
    curates the schools, the schools' own methodological services, the bodies the supporters
    work for (and pools they belong to), and the methodological service of the school's
    district; then every body above those along :data:`UP_TYPES` and :data:`DOWN_TYPES`.
    About ten reads whatever the size of the graph.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Person, EmployedAt, PartOf
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Organization(id="s1", name="Школа № 1", kind="school", level="institutional"))
    >>> b.add(Organization(id="ko", name="Комитет", kind="education_authority", level="regional"))
    >>> b.add(Person(id="t1", full_name="Петрова А. И."))
    >>> b.add(EmployedAt(source="t1", target="s1")); b.add(PartOf(source="s1", target="ko"))
    >>> _ = s.write(b)
    >>> [(st.role, st.node.id) for st in support_chain(s, "t1").steps]
    [('teacher', 't1'), ('school', 's1'), ('coordinating_body', 'ko')]
    """
    area = visibility_of(store, scope=scope)
    teacher = _visible_node(store, teacher_id, area)
    steps: dict[str, _Step] = {teacher.id: _Step(teacher.id, "teacher", 0)}

    own = [e for e in store.edges([*WORK_TYPES, "MEMBER_OF"], sources=[teacher.id])
           if is_active(e.props, on)]
    places = store.get_nodes(sorted({e.target for e in own}))
    nodes: dict[str, NodeRecord] = {teacher.id: teacher, **places}
    schools = []
    for e in own:
        place = places.get(e.target)
        kind = place.props.get("kind") if place else None
        if e.type != "MEMBER_OF" and kind == "school" and (
            e.type == "EMPLOYED_AT" or e.props.get("role") == "teacher"
        ):
            _reach(steps, e.target, "school", 1, e)
            schools.append(e.target)
        elif e.type == "MEMBER_OF" and kind == "community":
            _reach(steps, e.target, "community", 1, e)
    schools = sorted(set(schools))

    incoming = [e for e in store.edges([*_SUPPORT_TO_TEACHER, "CURATES", "PART_OF"],
                                       targets=[teacher.id, *schools])
                if is_active(e.props, on)]
    for e in incoming:
        if e.target == teacher.id and e.type in _SUPPORT_TO_TEACHER:
            _reach(steps, e.source, "supporter", 1, e)
    for e in incoming:
        if e.target != teacher.id and e.type in _SUPPORT_TO_SCHOOL:
            _reach(steps, e.source, "supporter", 2, e)
    supporters = sorted({e.source for e in incoming if e.type != "PART_OF"})
    service_ids = [e.source for e in incoming if e.type == "PART_OF"]

    districts = sorted({str(places[s].props.get("territory_id")) for s in schools
                        if places[s].props.get("territory_id")})
    district_services = store.nodes(
        "Organization", where={"kind": "methodological_service", "territory_id": districts}
    ) if districts else []
    supporter_work = [e for e in store.edges([*WORK_TYPES, "MEMBER_OF"], sources=supporters)
                      if is_active(e.props, on)] if supporters else []
    wanted = {*supporters, *service_ids, *(e.target for e in supporter_work)} - set(nodes)
    nodes.update(store.get_nodes(sorted(wanted)))
    nodes.update({n.id: n for n in district_services})

    for sid in sorted(service_ids):
        if nodes.get(sid) and nodes[sid].props.get("kind") == "school_methodological_service":
            for e in incoming:
                if e.source == sid and e.type == "PART_OF":
                    _reach(steps, sid, "school_service", 2, e)
    for e in supporter_work:
        body = nodes.get(e.target)
        if body is None or body.label != "Organization":
            continue
        if e.type == "MEMBER_OF" and body.props.get("kind") != "methodist_pool":
            continue
        _reach(steps, e.target, "supporter_body", 2, e)
    for n in district_services:
        if not n.props.get("generic_name"):
            _reach(steps, n.id, "district_service", 2, None)

    _climb(steps, nodes, _Relations(store, upward=True))
    missing = sorted(set(steps) - set(nodes))
    nodes.update(store.get_nodes(missing))
    shown = visible_ids(store, [nodes[i] for i in steps if i in nodes], area)
    ordered = sorted((s for s in steps.values() if s.id in shown),
                     key=lambda s: (s.depth, ROLES.index(s.role), s.id))
    return SupportChain(
        teacher,
        tuple(ChainStep(nodes[s.id], s.role, s.depth, _unique(s.via or ()))
              for s in ordered),
    )


@dataclass
class _Step:
    id: str
    role: str
    depth: int
    via: list[EdgeRecord] | None = None

    def __post_init__(self) -> None:
        self.via = self.via or []


def _reach(steps: dict[str, _Step], node_id: str, role: str, depth: int,
           edge: EdgeRecord | None) -> None:
    step = steps.get(node_id)
    if step is None:
        step = steps[node_id] = _Step(node_id, role, depth)
    if edge is not None:
        assert step.via is not None
        step.via.append(edge)


class _Relations:
    """The body relations next to some bodies — those above them (``upward``) or below —
    read a breadth-first level at a time: a walk reads the bodies it meets, never the
    country's relations. One read per level (the store's ``neighbours``, both directions)."""

    def __init__(self, store: Store, *, upward: bool) -> None:
        self.store = store
        self.upward = upward
        self.next: dict[str, list[tuple[str, EdgeRecord]]] = defaultdict(list)
        self.read: set[str] = set()

    def of(self, node_id: str, pending: Iterable[str] = ()) -> list[tuple[str, EdgeRecord]]:
        """The bodies next to ``node_id`` with the linking edge, sorted by edge id; reads
        ``pending`` (the rest of the walk's queue) in the same trip if not read yet."""
        if node_id not in self.read:
            ids = sorted({node_id, *pending} - self.read)
            self.read.update(ids)
            from_side, to_side = (UP_TYPES, DOWN_TYPES) if self.upward else (DOWN_TYPES, UP_TYPES)
            here = set(ids)
            for e in self.store.neighbours(ids, [*from_side, *to_side]).edges:
                if e.type in from_side and e.source in here:
                    self.next[e.source].append((e.target, e))
                if e.type in to_side and e.target in here:
                    self.next[e.target].append((e.source, e))
        return sorted(self.next.get(node_id, ()), key=lambda pair: pair[1].id)


def _climb(steps: dict[str, _Step], nodes: dict[str, NodeRecord], up: _Relations) -> None:
    """Add every body above the organizations already in the chain, breadth first."""
    start = sorted((s for s in steps.values()
                    if nodes.get(s.id) is not None and nodes[s.id].label == "Organization"),
                   key=lambda s: (s.depth, s.id))
    queue = deque(start)
    while queue:
        here = queue.popleft()
        for above, e in up.of(here.id, (s.id for s in queue)):
            if above not in steps:
                step = _Step(above, "coordinating_body", here.depth + 1)
                steps[above] = step
                queue.append(step)
            # A link back down the chain (a school service to its school) is no evidence.
            if steps[above].depth >= here.depth:
                _reach(steps, above, steps[above].role, steps[above].depth, e)


# -- the coordination tree --------------------------------------------------------------------
@reads_together
def coordination_tree(
    store: Store,
    root_id: str | None = None,
    *,
    territory_id: str | None = None,
    max_depth: int = 8,
    limit: int = 2000,
    scope: Scope = EVERYTHING,
) -> CoordinationTree:
    """Who coordinates whom, from a root body down to the school associations.

    The root is ``root_id``, or else the education authority of ``territory_id`` (regional
    for a region, municipal for a municipality). A body reached along several links hangs
    under the first one met breadth first (ties by edge id); the others are kept in ``also``.
    A few reads: the root, the body relations one per level of the tree, the bodies.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Coordinates, SubordinateTo
    >>> s = MemoryStore(); b = Batch()
    >>> for i, k in (("ko", "education_authority"), ("mms", "methodological_service"),
    ...              ("s1", "school")):
    ...     b.add(Organization(id=i, name=i, kind=k, level="municipal"))
    >>> b.add(Coordinates(source="ko", target="mms"))
    >>> b.add(SubordinateTo(source="s1", target="ko"))
    >>> _ = s.write(b)
    >>> [(t.node.id, t.depth, t.parent_id) for t in coordination_tree(s, "ko").nodes]
    [('ko', 0, None), ('mms', 1, 'ko'), ('s1', 1, 'ko')]
    """
    area = visibility_of(store, scope=scope)
    root = (_visible_node(store, root_id, area) if root_id is not None
            else _authority_of(store, territory_id, area))
    down = _Relations(store, upward=False)
    placed: dict[str, tuple[int, str | None, EdgeRecord | None]] = {root.id: (0, None, None)}
    also: dict[str, list[EdgeRecord]] = defaultdict(list)
    queue = deque([root.id])
    truncated = False
    while queue:
        here = queue.popleft()
        depth = placed[here][0]
        for child, e in down.of(here, queue):
            if child in placed:
                if placed[child][2] != e and child != root.id:
                    also[child].append(e)
                continue
            if depth + 1 > max_depth or len(placed) >= limit:
                truncated = True
                continue
            placed[child] = (depth + 1, here, e)
            queue.append(child)
    records = store.get_nodes(sorted(placed))
    records[root.id] = root
    shown = visible_ids(store, records.values(), area)
    children: dict[str | None, list[str]] = defaultdict(list)
    for node_id, (_, parent, _e) in placed.items():
        children[parent].append(node_id)
    ordered: list[TreeNode] = []

    def visit(node_id: str) -> None:
        if node_id not in shown:
            return  # a hidden body hides what hangs below it too
        depth, parent, via = placed[node_id]
        ordered.append(TreeNode(records[node_id], depth, parent, via,
                                _unique(also.get(node_id, ()))))
        for child in sorted(children.get(node_id, ())):
            visit(child)

    visit(root.id)
    return CoordinationTree(root, tuple(ordered), truncated)


def _authority_of(store: Store, territory_id: str | None, area: Visibility) -> NodeRecord:
    if territory_id is None:
        raise MethodnetError("give the root body's id or a territory to start the tree from")
    level = territory_level(store.get_node(territory_id))
    if level is None:
        raise NodeNotFound(f"no territory has the id {territory_id!r}")
    authorities = [
        n for n in store.nodes("Organization", where={"kind": "education_authority",
                                                      "territory_id": territory_id})
        if not n.props.get("generic_name") and n.props.get("level") == level
    ]
    if not authorities or not area.shows_body(territory_id):
        raise NodeNotFound(f"no education authority is known for {territory_id!r}")
    return authorities[0]


# -- shortest paths and neighbourhoods --------------------------------------------------------
@reads_together
def shortest_path(
    store: Store,
    source_id: str,
    target_id: str,
    *,
    types: Sequence[str] | None = None,
    max_depth: int = 6,
    scope: Scope = EVERYTHING,
) -> GraphPath | None:
    """A shortest path between two nodes over edges of ``types`` (all if ``None``), either way.

    The store's own shortest path (:meth:`Store.shortest_path
    <graph.store.base.Store.shortest_path>`, one statement on Neo4j); of equally short paths
    the one whose edge ids, read from the target back, come first. A caller who cannot see the
    whole graph gets a path only through nodes they can see, found a ring at a time (one read
    per hop). ``None`` when the nodes are not joined within ``max_depth`` hops.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Person, EmployedAt, Supports
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Organization(id="s1", name="Школа", kind="school", level="institutional"))
    >>> b.add(Person(id="t1", full_name="Петрова")); b.add(Person(id="m1", full_name="Иванов"))
    >>> b.add(EmployedAt(source="t1", target="s1")); b.add(Supports(source="m1", target="s1"))
    >>> _ = s.write(b)
    >>> p = shortest_path(s, "t1", "m1")
    >>> [n.id for n in p.nodes], p.types
    (['t1', 's1', 'm1'], ('EMPLOYED_AT', 'SUPPORTS'))
    """
    area = visibility_of(store, scope=scope)
    if area.unrestricted:
        walk = store.shortest_path(source_id, target_id, types, max_hops=max_depth)
        if walk is not None:
            return GraphPath(walk.nodes, walk.edges)
    ends = store.get_nodes([source_id, target_id])
    for node_id in (source_id, target_id):
        if node_id not in ends or not visible_ids(store, [ends[node_id]], area):
            raise NodeNotFound(f"nothing has the id {node_id!r}")
    if area.unrestricted:
        return None
    if source_id == target_id:
        return GraphPath((ends[source_id],), ())
    step = _VisibleStep(store, types, area, max_met=MAX_VISITED)
    distance, into = bfs(step, [source_id], "both", max_depth, target=target_id)
    if target_id not in distance:
        return None
    ids, edges = path_back(source_id, target_id, distance, lambda n: into[n])
    records = step.records | ends
    return GraphPath(tuple(records[i] for i in ids), tuple(edges))


@reads_together
def neighbourhood(
    store: Store,
    node_id: str,
    *,
    depth: int = 1,
    types: Sequence[str] | None = None,
    limit: int = 200,
    nodes_only: bool = False,
    ids_only: bool = False,
    scope: Scope = EVERYTHING,
) -> Neighbourhood:
    """The nodes within ``depth`` hops of a node (either direction), at most ``limit`` of them.

    When a ring would pass the limit, its first nodes by id are kept and ``truncated`` is set.
    Edges are those walked from nodes nearer than ``depth`` (than the ring the limit cut).
    One read (the store's ``reach``, nodes and edges walked: one statement on Neo4j); a caller
    who cannot see the whole graph walks a ring at a time instead, never through a node they
    cannot see. With ``nodes_only`` the edges are neither read nor given (``edges`` is empty):
    the same nodes, for less. With ``ids_only`` the nodes (the centre too) come with their ids
    and labels but without their properties (empty ``props``, so no names or kinds): what an
    answer showing ids and distances needs; the same nodes, the same visibility.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Person, EmployedAt
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Organization(id="s1", name="Школа", kind="school", level="institutional"))
    >>> b.add(Person(id="t1", full_name="Петрова")); b.add(EmployedAt(source="t1", target="s1"))
    >>> _ = s.write(b)
    >>> [(n.node.id, n.distance) for n in neighbourhood(s, "s1").nodes]
    [('s1', 0), ('t1', 1)]
    >>> len(neighbourhood(s, "s1").edges), neighbourhood(s, "s1", nodes_only=True).edges
    (1, ())
    >>> bare_nodes = neighbourhood(s, "s1", ids_only=True).nodes
    >>> [(n.node.id, n.node.label, n.node.props) for n in bare_nodes]
    [('s1', 'Organization', {}), ('t1', 'Person', {})]
    """
    if depth < 0:
        raise MethodnetError(f"depth must not be negative, not {depth}")
    area = visibility_of(store, scope=scope)
    keep = max(limit, 1)  # the node itself is always kept
    walked: dict[str, EdgeRecord] = {}
    if area.unrestricted:
        # One statement: the nodes and the edges walked. One more node than kept: the first
        # one dropped tells which ring the limit cut.
        found = store.reach([node_id], types, max_hops=depth, limit=keep + 1,
                            edges=not nodes_only, properties=not ids_only)
        if node_id not in found.distance:
            raise NodeNotFound(f"nothing has the id {node_id!r}")
        reached, records = found.distance, found.nodes
        walked = {e.id: e for e in found.edges}
    else:
        center = _visible_node(store, node_id, area)
        step = _VisibleStep(store, types, area, walked=walked)
        reached, _ = bfs(step, [center.id], "both", depth, limit=keep)
        records = step.records | {center.id: center}
        if ids_only:  # visibility needed the properties; the answer does not show them
            records = {i: bare(r) for i, r in records.items()}
    ordered = sorted(reached.items(), key=lambda kv: (kv[1], kv[0]))
    truncated = len(ordered) > keep
    # Edges are walked from the rings before the one the limit cut (or all but the last).
    bound = ordered[keep][1] if truncated else depth
    distance = dict(ordered[:keep])
    # The walk's edges among the nodes kept (one more than kept, from nodes nearer than
    # ``depth``) hold those followed within the bound from the nodes kept here.
    edges = () if nodes_only else tuple(e for _, e in sorted(walked.items())
                                        if followed(e, distance, "both", bound))
    nodes = tuple(Neighbour(records[n], d) for n, d in distance.items() if n in records)
    return Neighbourhood(records[node_id], nodes, edges, truncated)


class _VisibleStep:
    """A ring of a walk that must not pass through nodes the caller cannot see: the edges
    touching the ring (one read, with their other ends) whose other end is visible. Keeps the
    visible nodes' records in ``records`` and every edge it reads in ``walked`` if given;
    raises :class:`TooWide` past ``max_met`` nodes met, if given."""

    def __init__(self, store: Store, types: Sequence[str] | None, area: Visibility, *,
                 walked: dict[str, EdgeRecord] | None = None,
                 max_met: int | None = None) -> None:
        self.store, self.types, self.area = store, types, area
        self.walked, self.max_met = walked, max_met
        self.records: dict[str, NodeRecord] = {}
        self.hidden: set[str] = set()

    def __call__(self, frontier: list[str]) -> list[EdgeRecord]:
        found = self.store.neighbours(frontier, self.types, ends=True)
        if self.walked is not None:
            self.walked.update((e.id, e) for e in found.edges)
        fresh = [n for i, n in found.ends.items()
                 if i not in self.records and i not in self.hidden]
        shown = visible_ids(self.store, fresh, self.area)
        self.records.update((n.id, n) for n in fresh if n.id in shown)
        self.hidden.update(n.id for n in fresh if n.id not in shown)
        if self.max_met is not None and len(self.records) + len(self.hidden) > self.max_met:
            raise TooWide(f"the search met more than {self.max_met} nodes; choose edge types "
                          "or a smaller depth")
        here = set(frontier)
        return [e for e in found.edges
                if all(end in here or end in self.records for end in (e.source, e.target))]


def _visible_node(store: Store, node_id: str, area: Visibility) -> NodeRecord:
    node = store.get_node(node_id)
    if node is None or not visible_ids(store, [node], area):
        raise NodeNotFound(f"nothing has the id {node_id!r}")
    return node


def _unique(edges: Sequence[EdgeRecord]) -> tuple[EdgeRecord, ...]:
    """Edges once each, by id."""
    return tuple(e for _, e in sorted({e.id: e for e in edges}.items()))
