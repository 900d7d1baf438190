"""All the Cypher Methodnet sends, in one place.

Fixed statements are UPPER_CASE constants; statements that vary by label or relationship type
are built by small functions that take the name only from the model's whitelist and put it in
backticks. Every value is a ``$parameter``.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model.registry import EDGE_TYPES, NODE_LABELS

__all__ = [
    "CLEAR_CHUNK",
    "CLEAR_EDGES_CHUNK",
    "COUNT_EDGES",
    "COUNT_NODES",
    "GET_NODES",
    "NODE_ID_CONSTRAINT",
    "SHOW_SCHEMA_NAMES",
    "edges_query",
    "merge_edges",
    "merge_nodes",
    "nodes_query",
    "property_indexes",
    "relabel_conflicts",
    "relationship_indexes",
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

DELETE_EDGES = """
UNWIND $ids AS id
MATCH (:Node)-[r {id: id}]->(:Node)
DELETE r
RETURN count(*) AS deleted
"""


SHOW_SCHEMA_NAMES = """
SHOW INDEXES YIELD name
RETURN collect(name) AS names
"""


def schema_statements() -> dict[str, str]:
    """Every constraint and index Methodnet needs, by the name it creates.

    >>> schema_statements()["methodnet_node_id"].startswith("CREATE CONSTRAINT")
    True
    """
    statements = [NODE_ID_CONSTRAINT, *property_indexes(), *relationship_indexes()]
    return {statement.split()[2]: statement for statement in statements}


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
        f"CREATE INDEX methodnet_rel_{t.lower()}_id IF NOT EXISTS FOR ()-[r:{rel_type(t)}]-() "
        "ON (r.id)"
        for t in sorted(EDGE_TYPES)
    ]


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


def _where(var: str, membership: Sequence[bool]) -> list[str]:
    """Conditions on ``$keys[i]``/``$values[i]``: ``IN`` where the value is a list, else ``=``."""
    return [
        f"{var}[$keys[{i}]] {'IN' if is_list else '='} $values[{i}]"
        for i, is_list in enumerate(membership)
    ]


def nodes_query(node_label: str | None, membership: Sequence[bool]) -> str:
    """Nodes of a label whose properties match ``$keys``/``$values`` (equality or ``IN``)."""
    pattern = f"(n:{label(node_label)})" if node_label else "(n:Node)"
    conditions = _where("n", membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
MATCH {pattern}
{where}
RETURN collect([n.id, {_LABEL}, properties(n)]) AS rows
"""


def edges_query(
    types: Sequence[str] | None, *, by_source: bool, by_target: bool, membership: Sequence[bool]
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
    conditions = extra + _where("r", membership)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"""
{head}
{where}
RETURN collect([type(r), a.id, b.id, properties(r)]) AS rows
"""
