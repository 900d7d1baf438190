"""All the Cypher Methodnet sends, in one place.

Fixed statements are UPPER_CASE constants; statements that vary by label or relationship type
are built by small functions that take the name only from the model's whitelist and put it in
backticks. Every value is a ``$parameter``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.model.registry import EDGE_TYPES, NODE_LABELS
from graph.store.base import check_private_label

__all__ = [
    "CLEAR_CHUNK",
    "CLEAR_EDGES_CHUNK",
    "CLEAR_PRIVATE_CHUNK",
    "COUNT_EDGES",
    "COUNT_NODES",
    "GET_ENDS",
    "GET_NODES",
    "NODE_ID_CONSTRAINT",
    "NOTHING",
    "SHOW_SCHEMA_NAMES",
    "count_by_query",
    "count_private",
    "edges_query",
    "get_private",
    "merge_edges",
    "merge_nodes",
    "merge_private",
    "neighbours_query",
    "nodes_query",
    "obsolete_indexes",
    "private_constraints",
    "private_query",
    "property_indexes",
    "reach_query",
    "relabel_conflicts",
    "relationship_indexes",
    "shortest_path_query",
    "streamed",
]

# Every node carries the label Node besides its own, so one constraint keeps all ids unique
# and every lookup by id uses one index whatever the label.
NODE_ID_CONSTRAINT = (
    "CREATE CONSTRAINT methodnet_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE"
)

# Properties the questions filter on most.
_INDEXED_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Organization": ("kind", "territory_id", "level"),
    "Municipality": ("region_id",),
    "Assessment": ("period",),
    "Clause": ("regulation_id",),
    "Duty": ("regulation_id",),
}

# Methodist roles are read by role across a whole area (there are few of them among the
# teacher roles of the same type).
_INDEXED_EDGE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "HAS_ROLE": ("role",),
}

_LABEL = "[l IN labels(n) WHERE l <> 'Node'][0]"

# Reads return their rows as one collected list: the driver spends tens of microseconds on each
# record it receives, several times what decoding one list element costs. Rows are
# ``[id, label, props]`` for nodes and ``[type, source, target, props]`` for edges; the store
# sorts them (cheaper in Python than an ORDER BY on a property map).
GET_NODES = f"""
UNWIND $ids AS id
MATCH (n:Node {{id: id}})
RETURN collect([n.id, {_LABEL}, properties(n)]) AS rows
"""

# What an edge-end check needs: the label and the kind, not every property.
GET_ENDS = f"""
UNWIND $ids AS id
MATCH (n:Node {{id: id}})
RETURN collect([n.id, {_LABEL}, n.kind]) AS rows
"""

# A read that touches nothing, for the bookmark its commit returns (see ``revision``).
NOTHING = "RETURN 1"

COUNT_NODES = f"""
MATCH (n:Node)
RETURN {_LABEL} AS name, count(*) AS count
"""

COUNT_EDGES = """
MATCH ()-[r]->()
RETURN type(r) AS name, count(*) AS count
"""

# Relationships go first and in chunks: a node's DETACH DELETE takes all its relationships
# into the same transaction, which for a hub (a school, a region) can exceed the server's
# transaction memory.
CLEAR_EDGES_CHUNK = """
MATCH (:Node)-[r]->(:Node)
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
"""

CLEAR_CHUNK = """
MATCH (n:Node)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

DELETE_NODES = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
RETURN count(*) AS deleted
"""

# Edges are found from their source (its id is part of the edge's, see ``edge_id``) through
# the id constraint's index: no relationship index is needed. Rows are ``{source, id}``.
DELETE_EDGES = """
UNWIND $rows AS row
MATCH (:Node {id: row.source})-[r {id: row.id}]->(:Node)
DELETE r
RETURN count(*) AS deleted
"""


SHOW_SCHEMA_NAMES = """
SHOW INDEXES YIELD name
RETURN collect(name) AS names
"""


_COLLECTED = re.compile(r"RETURN collect\((?P<row>.*)\) AS rows\s*$", re.S)


def streamed(query: str) -> str:
    """The same read returning its rows one record each, for results too large to collect.

    A collected list is built whole in the server's transaction memory; a country's people
    exceed it, a district's never do.

    >>> streamed(GET_NODES).strip().splitlines()[-1]
    "RETURN [n.id, [l IN labels(n) WHERE l <> 'Node'][0], properties(n)] AS row"
    """
    found = _COLLECTED.search(query)
    if found is None:
        raise ValueError("not a collected read")
    return query[: found.start()] + f"RETURN {found['row']} AS row\n"


def schema_statements() -> dict[str, str]:
    """Every constraint and index Methodnet needs, by the name it creates.

    >>> schema_statements()["methodnet_node_id"].startswith("CREATE CONSTRAINT")
    True
    """
    statements = [NODE_ID_CONSTRAINT, *private_constraints(), *property_indexes(),
                  *relationship_indexes()]
    return {statement.split()[2]: statement for statement in statements}


# -- private records (users, tokens, the audit log) ---------------------------------------
# They carry their own label and never the label Node, so no statement above (all of which
# match ``:Node``) can see, count, export or delete them by accident.

CLEAR_PRIVATE_CHUNK = """
MATCH (n)
WHERE n:User OR n:Token OR n:AuditEntry
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""


def private_label(name: str) -> str:
    """A private record label, checked against :data:`graph.store.base.PRIVATE_LABELS`.

    >>> private_label("AuditEntry")
    '`AuditEntry`'
    """
    return f"`{check_private_label(name)}`"


def private_constraints() -> list[str]:
    """One id constraint (and so one index) per private label."""
    from graph.store.base import PRIVATE_LABELS

    return [
        f"CREATE CONSTRAINT methodnet_{name.lower()}_id IF NOT EXISTS "
        f"FOR (n:{private_label(name)}) REQUIRE n.id IS UNIQUE"
        for name in PRIVATE_LABELS
    ]


def merge_private(name: str) -> str:
    """Upsert private records of one label; each row is ``{id, props}`` (``props`` with id)."""
    return f"""
UNWIND $rows AS row
MERGE (n:{private_label(name)} {{id: row.id}})
SET n = row.props
"""


def get_private(name: str) -> str:
    """Private records of one label by id."""
    return f"""
UNWIND $ids AS id
MATCH (n:{private_label(name)} {{id: id}})
RETURN collect([n.id, properties(n)]) AS rows
"""


def private_query(
    name: str, keys: Sequence[str], membership: Sequence[bool], *, descending: bool,
    after: bool, limit: bool,
) -> str:
    """Private records of one label matching ``$v0``…, ordered by id, beyond ``$after``, at
    most ``$limit``: the id constraint's index serves the order and the cursor."""
    conditions = _where("n", keys, membership)
    if after:
        conditions.append(f"n.id {'<' if descending else '>'} $after")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
MATCH (n:{private_label(name)})
{where}
RETURN [n.id, properties(n)] AS row
ORDER BY n.id {'DESC' if descending else 'ASC'}
{'LIMIT $limit' if limit else ''}
"""


def count_private(name: str, keys: Sequence[str], membership: Sequence[bool]) -> str:
    """How many private records of one label match ``$v0``…."""
    conditions = _where("n", keys, membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
MATCH (n:{private_label(name)})
{where}
RETURN count(n) AS count
"""


def label(name: str) -> str:
    """A node label, checked against the model, in backticks.

    >>> label("Organization")
    '`Organization`'
    """
    if name not in NODE_LABELS:
        raise ValueError(f"unknown node label {name!r}")
    return f"`{name}`"


def rel_type(name: str) -> str:
    """A relationship type, checked against the model, in backticks."""
    if name not in EDGE_TYPES:
        raise ValueError(f"unknown edge type {name!r}")
    return f"`{name}`"


def property_indexes() -> list[str]:
    return [
        f"CREATE INDEX methodnet_{lab.lower()}_{prop} IF NOT EXISTS "
        f"FOR (n:{label(lab)}) ON (n.`{prop}`)"
        for lab, props in _INDEXED_PROPERTIES.items()
        for prop in props
    ]


def relationship_indexes() -> list[str]:
    return [
        f"CREATE INDEX methodnet_rel_{t.lower()}_{p} IF NOT EXISTS FOR ()-[r:{rel_type(t)}]-() "
        f"ON (r.{prop(p)})"
        for t, props in _INDEXED_EDGE_PROPERTIES.items()
        for p in props
    ]


def obsolete_indexes(existing: Sequence[str]) -> list[str]:
    """``DROP`` statements for indexes earlier versions made and no statement uses any more.

    Relationship indexes on ``id`` (one per type) made every edge write about 40 % slower and
    served no read: edges are found from their ends (see :data:`DELETE_EDGES`).

    >>> obsolete_indexes(["methodnet_rel_supports_id", "methodnet_node_id"])
    ['DROP INDEX `methodnet_rel_supports_id` IF EXISTS']
    """
    return [f"DROP INDEX `{name}` IF EXISTS" for name in existing
            if name.startswith("methodnet_rel_") and name.endswith("_id")]


def relabel_conflicts(node_label: str) -> str:
    """Ids of a batch that already exist under another label."""
    return f"""
UNWIND $ids AS id
MATCH (n:Node {{id: id}})
WHERE NOT n:{label(node_label)}
RETURN n.id AS id, {_LABEL} AS label
"""


def merge_nodes(node_label: str) -> str:
    """Upsert nodes of one label; counts what was created and what changed.

    Each row is ``{id, props}`` where ``props`` includes the id, so ``SET n = row.props``
    replaces the node's properties exactly as the memory store does.
    """
    return f"""
UNWIND $rows AS row
OPTIONAL MATCH (old:Node {{id: row.id}})
WITH row, old IS NULL AS created,
     old IS NOT NULL AND properties(old) <> row.props AS changed
MERGE (n:Node {{id: row.id}})
SET n = row.props, n:{label(node_label)}
RETURN sum(toInteger(created)) AS created, sum(toInteger(changed)) AS updated, count(*) AS total
"""


def merge_edges(edge_type: str) -> str:
    """Upsert edges of one type between existing nodes."""
    t = rel_type(edge_type)
    return f"""
UNWIND $rows AS row
MATCH (a:Node {{id: row.source}})
MATCH (b:Node {{id: row.target}})
OPTIONAL MATCH (a)-[old:{t} {{id: row.id}}]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND properties(old) <> row.props AS changed
MERGE (a)-[r:{t} {{id: row.id}}]->(b)
SET r = row.props
RETURN sum(toInteger(created)) AS created, sum(toInteger(changed)) AS updated, count(*) AS total
"""


_PROPERTY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def prop(name: str) -> str:
    """A property name in backticks, checked to be a plain identifier.

    Filter keys come from the query layer, not from callers, but are checked all the same.
    They are written into the statement (values stay ``$parameters``) because a dynamic
    lookup such as ``n[$key]`` hides the property from the planner, which then scans every
    node of the label instead of using its index.

    >>> prop("territory_id")
    '`territory_id`'
    >>> prop("x`) DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    ValueError: not a property name: 'x`) DETACH DELETE n //'
    """
    if not _PROPERTY_RE.match(name):
        raise ValueError(f"not a property name: {name!r}")
    return f"`{name}`"


def _where(var: str, keys: Sequence[str], membership: Sequence[bool]) -> list[str]:
    """Conditions on ``$v0``, ``$v1``…: ``IN`` where the value is a list, else ``=``.

    One parameter per value, not ``$values[i]``: the planner uses an index only for a
    parameter, never for an element of one.
    """
    return [
        f"{var}.{prop(key)} {'IN' if is_list else '='} $v{i}"
        for i, (key, is_list) in enumerate(zip(keys, membership, strict=True))
    ]


def nodes_query(
    node_label: str | None, keys: Sequence[str], membership: Sequence[bool]
) -> str:
    """Nodes of a label whose properties ``keys`` match ``$v0``… (equality or ``IN``)."""
    pattern = f"(n:{label(node_label)})" if node_label else "(n:Node)"
    conditions = _where("n", keys, membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
MATCH {pattern}
{where}
RETURN collect([n.id, {_LABEL}, properties(n)]) AS rows
"""


def edges_query(
    types: Sequence[str] | None,
    *,
    by_source: bool,
    by_target: bool,
    keys: Sequence[str] = (),
    membership: Sequence[bool] = (),
) -> str:
    """Edges of some types, anchored on ``$sources`` or ``$targets`` when given."""
    rel = f"[r:{'|'.join(rel_type(t) for t in types)}]" if types else "[r]"
    if by_source:
        head = f"UNWIND $sources AS sid\nMATCH (a:Node {{id: sid}})-{rel}->(b:Node)"
        extra = ["b.id IN $targets"] if by_target else []
    elif by_target:
        head = f"UNWIND $targets AS tid\nMATCH (a:Node)-{rel}->(b:Node {{id: tid}})"
        extra = []
    else:
        head = f"MATCH (a:Node)-{rel}->(b:Node)"
        extra = []
        only = types[0] if types and len(types) == 1 else None
        indexed = [k for k in keys if only and k in _INDEXED_EDGE_PROPERTIES.get(only, ())]
        if only and indexed:
            # Without the hint the planner, not knowing the list's size, scans every node.
            head += f"\nUSING INDEX r:{rel_type(only)}({prop(indexed[0])})"
    conditions = extra + _where("r", keys, membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
{head}
{where}
RETURN collect([type(r), a.id, b.id, properties(r)]) AS rows
"""


# -- graph primitives (see graph/store/primitives.py) -------------------------------------------
# Each is one statement. A bound on hops cannot be a parameter in Cypher: it is written into
# the pattern, checked to be a whole number first (``check_hops``); types come from the model's
# whitelist; every value is a parameter.

_EDGE_ROW = "[type(r), startNode(r).id, endNode(r).id, properties(r)]"


def _label_of(var: str) -> str:
    return f"[l IN labels({var}) WHERE l <> 'Node'][0]"


def _pattern(types: Sequence[str] | None, direction: str, hops: str = "") -> str:
    """The two halves of a relationship pattern of ``types`` in ``direction`` (``out`` from
    the left node, ``in`` into it, ``both``), with a length like ``*0..3`` if given."""
    from graph.store.primitives import check_direction

    kinds = f":{'|'.join(rel_type(t) for t in types)}" if types else ""
    var = "" if hops else "r"
    inner = f"[{var}{kinds}{hops}]"
    return {"out": f"-{inner}->", "in": f"<-{inner}-",
            "both": f"-{inner}-"}[check_direction(direction)]


def neighbours_query(types: Sequence[str] | None, direction: str, *, ends: bool) -> str:
    """The edges touching the nodes ``$ids`` in ``direction``, one row per (node, edge) —
    ``[type, source, target, props]``, followed by the far end's ``[id, label, props]`` when
    ``ends`` — found from the id constraint's index and the nodes' own relationship chains.

    >>> print(neighbours_query(["SUPPORTS"], "in", ends=False).strip().splitlines()[1])
    MATCH (a:Node {id: id})<-[r:`SUPPORTS`]-(b:Node)
    """
    arrow = _pattern(types, direction)
    row = _EDGE_ROW[:-1] + f", b.id, {_label_of('b')}, properties(b)]" if ends else _EDGE_ROW
    return f"""
UNWIND $ids AS id
MATCH (a:Node {{id: id}}){arrow}(b:Node)
RETURN collect({row}) AS rows
"""


def reach_query(types: Sequence[str] | None, direction: str, max_hops: int, *,
                limit: bool, edges: bool) -> str:
    """The nodes within ``max_hops`` of ``$ids`` with their hops, the first ``$limit`` by
    (hops, id) when ``limit``, and with ``edges`` the edges followed from those nearer than
    ``max_hops`` (a list per node, flattened by the store). Every such edge leads to a node
    within reach, so only a limit can leave one end out: the store drops those edges (a test
    of membership in the kept list, per edge, would cost the server more than sending them).

    The starts are found by the id constraint's index (``NodeUniqueIndexSeek``); the walk is
    a breadth-first variable-length expand that visits each node once
    (``VarLengthExpand(Pruning,BFS)`` in the plan: ``min(length(p))`` per start and end node
    lets the planner prune), so its cost is the nodes and edges within reach, not the paths.
    The minimum is taken per start first: grouped by the end node alone, Neo4j 5.26 prunes
    across starts and gives a start reached from another start that start's distance, not 0.

    >>> "*0..2" in reach_query(None, "both", 2, limit=False, edges=False)
    True
    """
    from graph.store.primitives import check_hops

    walk = _pattern(types, direction, f"*0..{check_hops(max_hops)}")
    step = _pattern(types, direction)
    walked = (f""",
       [a IN [i IN range(0, size(kept) - 1) WHERE hops[i] < {max_hops} | kept[i]] |
          [(a){step}(b:Node) | {_EDGE_ROW}]] AS edges""" if edges
              else ", [] AS edges")
    return f"""
MATCH (s:Node) WHERE s.id IN $ids
MATCH p = (s){walk}(n:Node)
WITH s, n, min(length(p)) AS d
WITH n, min(d) AS d
ORDER BY d, n.id
{'LIMIT $limit' if limit else ''}
WITH collect(n) AS kept, collect(d) AS hops
RETURN [i IN range(0, size(kept) - 1) |
          [kept[i].id, {_label_of('kept[i]')}, properties(kept[i]), hops[i]]] AS nodes{walked}
"""


def shortest_path_query(types: Sequence[str] | None, direction: str, max_hops: int) -> str:
    """Of all shortest paths from ``$source`` to ``$target`` (at most ``max_hops`` edges,
    at least one), the one whose edge ids read from the target back come first: the rule
    :func:`graph.store.primitives.path_back` states for every store.

    Both ends are found by the id constraint's index; ``allShortestPaths`` searches from both
    ends at once (``ShortestPath`` in the plan) and the choice among the paths it finds is
    made in the server.

    >>> "allShortestPaths((a)-[:`GUIDES`*1..3]->(b))" in shortest_path_query(
    ...     ["GUIDES"], "out", 3)
    True
    """
    from graph.store.primitives import check_hops

    walk = _pattern(types, direction, f"*1..{check_hops(max_hops)}")
    return f"""
MATCH (a:Node {{id: $source}}), (b:Node {{id: $target}})
MATCH p = allShortestPaths((a){walk}(b))
WITH p ORDER BY [r IN reverse(relationships(p)) | r.id] LIMIT 1
RETURN [n IN nodes(p) | [n.id, {_label_of('n')}, properties(n)]] AS nodes,
       [r IN relationships(p) | {_EDGE_ROW}] AS edges
"""


def count_by_query(node_label: str, key: str, keys: Sequence[str],
                   membership: Sequence[bool]) -> str:
    """How many nodes of a label matching ``$v0``… have each value of ``key``: counted in the
    server, one row per value (the label's property indexes serve the filter).

    >>> print(count_by_query("Organization", "territory_id", ["kind"], [False]).strip())
    MATCH (n:`Organization`)
    WHERE n.`kind` = $v0
    RETURN n.`territory_id` AS value, count(*) AS count
    """
    conditions = _where("n", keys, membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
MATCH (n:{label(node_label)})
{where}
RETURN n.{prop(key)} AS value, count(*) AS count
"""
