"""All the Cypher Methodnet sends, in one place.

Fixed statements are UPPER_CASE constants; statements that vary by label or relationship type
are built by small functions that take the name only from the model's whitelist and put it in
backticks. Every value is a ``$parameter``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from graph.model.registry import EDGE_TYPES, NODE_LABELS
from graph.model.wordforms import SEARCH_LABELS, SEARCH_PROPERTIES, TOWN_ADJECTIVE, SearchTerms
from graph.store.base import check_private_label

__all__ = [
    "BUMP_GENERATIONS",
    "CLEAR_CHUNK",
    "CLEAR_EDGES_CHUNK",
    "CLEAR_PRIVATE_CHUNK",
    "COUNT_EDGES",
    "COUNT_NODES",
    "FIND_NAMED",
    "FIND_NAMED_WITHIN",
    "FIND_RANKED",
    "FIRST_SCREEN_STATE",
    "GAP_DISTRICTS",
    "GAP_PARTIAL_CONSTRAINTS",
    "GENERATIONS",
    "GET_ENDS",
    "GET_NODES",
    "GROUP_SEPARATOR",
    "KEEP_PAGE",
    "KEEP_PARTIALS",
    "KEPT_PARTIALS",
    "NODE_ID_CONSTRAINT",
    "NOTHING",
    "SEARCH_BACKFILL_EDGES",
    "SEARCH_BACKFILL_NODES",
    "SEARCH_INDEX",
    "SEARCH_INDEXES",
    "SEARCH_KEYS",
    "SEARCH_KEYS_MARK",
    "SEARCH_ROLES_INDEX",
    "SERVER_STARTED",
    "SET_EDGE_SEARCH",
    "SET_NODE_SEARCH",
    "SHOW_SCHEMA_NAMES",
    "SIGHT",
    "STALE_EDGE_ENDS",
    "STALE_NEIGHBOURS",
    "STALE_NODES",
    "SUPPORTED_TEACHERS_BY_DISTRICT",
    "TEACHERS_BY_DISTRICT",
    "TERRITORY_MUNICIPALITIES",
    "TERRITORY_SIGHT",
    "count_by_query",
    "count_private",
    "edges_query",
    "gap_partial_statement",
    "gap_report_statement",
    "gap_statement",
    "get_private",
    "load_page_statement",
    "lucene_search",
    "lucene_term",
    "merge_edges",
    "merge_nodes",
    "merge_private",
    "neighbours_query",
    "nodes_query",
    "obsolete_indexes",
    "private_constraints",
    "private_query",
    "profiled",
    "property_indexes",
    "reach_query",
    "relabel_conflicts",
    "relationship_indexes",
    "shortest_path_query",
    "streamed",
    "subject_coverage",
    "subject_page_statement",
]

# Every node carries the label Node besides its own, so one constraint keeps all ids unique
# and every lookup by id uses one index whatever the label.
NODE_ID_CONSTRAINT = (
    "CREATE CONSTRAINT methodnet_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE"
)

# Properties the questions filter on most.
_INDEXED_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Organization": ("kind", "territory_id", "level"),
    # The whole country's young specialists are a narrow range of it (graph/rules.py).
    "Person": ("career_start_year",),
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

# The municipalities among ``$ids`` or in a region among them, with their regions: what a
# territory filter within the caller's scope needs (graph/queries/visibility.py) in one read.
TERRITORY_MUNICIPALITIES = """
CALL {
  MATCH (m:Municipality) WHERE m.region_id IN $ids
  RETURN m
  UNION
  UNWIND $ids AS id
  MATCH (m:Node {id: id}) WHERE m:Municipality
  RETURN m
}
RETURN collect([m.id, m.region_id]) AS rows
"""

# The caller's sight of a territory in Cypher: the rule of ``visibility_of``
# (graph/queries/visibility.py) for a statement to begin with, so that a question narrowed to a
# territory reads the territory's municipalities and its own answer in one round trip.
# ``$territory``: the territory asked (null: none); ``$allowed``: the scope's territories (null:
# unrestricted). Leaves one row: ``inside``, the territories looked at (the territory and, for a
# region, its municipalities, within the scope's; null: everything), and ``above``, the regions
# of the municipalities inside that are not inside themselves (their bodies are shown).
# ``tests/test_sight.py`` keeps it equal to the embedded store's reading of the same rule.
SIGHT = """
WITH CASE WHEN $territory IS NULL THEN [] ELSE [$territory] END + coalesce($allowed, []) AS ids
CALL (ids) {
  MATCH (m:Municipality) WHERE m.region_id IN ids
  RETURN m
  UNION
  UNWIND ids AS id
  MATCH (m:Node {id: id}) WHERE m:Municipality
  RETURN m
}
WITH [r IN collect(DISTINCT [m.id, m.region_id]) WHERE r[1] IS NOT NULL] AS regions
WITH regions,
     CASE WHEN $territory IS NULL THEN null
          ELSE [$territory] + [r IN regions WHERE r[1] = $territory | r[0]] END AS asked,
     CASE WHEN $allowed IS NULL THEN null
          ELSE $allowed + [r IN regions WHERE r[1] IN $allowed | r[0]] END AS within
WITH regions, CASE WHEN asked IS NULL THEN within WHEN within IS NULL THEN asked
                   ELSE [t IN asked WHERE t IN within] END AS inside
WITH inside, [r IN regions WHERE r[0] IN inside AND NOT r[1] IN inside | r[1]] AS above
"""

TERRITORY_SIGHT = SIGHT + "RETURN inside, above\n"
"""The caller's sight alone (:data:`SIGHT`), for the questions that read more than once."""

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
                  *relationship_indexes(), *GAP_PARTIAL_CONSTRAINTS]
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


# Indicators, support and load ----------------------------------------------------------------
# The area questions computed in the server (graph/queries/in_database.py): indicators per
# territory, low-results support and methodist load. The rules they apply are those of
# ``graph.queries.area.Area``, which the embedded store runs in Python; the differential test
# (tests/test_differential_indicators.py) holds the two equal. Every value is a parameter:
# ``$territories`` (the area: a territory with its municipalities within the caller's scope),
# ``$first`` and ``$on`` (the period's first and last day, ISO dates), ``$year`` (the last day's
# year), ``$inside``/``$above`` (what the caller may see, see graph/queries/visibility.py).
# Plans (PROFILE on the bench's region data): no cartesian product and no label scan; each
# statement starts from an index and expands from there —
# - indicator_schools, indicator_teachers, flagged_period, flagged_schools: the area's schools
#   by methodnet_organization_territory_id (a territory) or methodnet_organization_kind;
# - area_methodists: the bodies by methodnet_organization_territory_id or _kind, or for the
#   whole country the methodist roles by methodnet_rel_has_role_role;
# - METHODIST_LOAD, SCHOOL_SUPPORT: the methodists and schools by id (methodnet_node_id), the
#   district services by methodnet_organization_territory_id.

# Staff (employment, roles, membership) counts on the period's last day, support
# (SUPPORTS, TUTORS, MENTORS, CURATES) at any day of it.
def _on(var: str) -> str:
    return (f"({var}.start IS NULL OR {var}.start <= $on) "
            f"AND ({var}.end IS NULL OR {var}.end >= $on)")


def _during(var: str) -> str:
    return (f"({var}.start IS NULL OR {var}.start <= $on) "
            f"AND ({var}.end IS NULL OR {var}.end >= $first)")

# -- graph primitives (see graph/store/primitives.py) -------------------------------------------
# Each is one statement. A bound on hops cannot be a parameter in Cypher: it is written into
# the pattern, checked to be a whole number first (``check_hops``); types come from the model's
# whitelist; every value is a parameter.

_EDGE_ROW = "[type(r), startNode(r).id, endNode(r).id, properties(r)]"


def _label_of(var: str) -> str:
    return f"[l IN labels({var}) WHERE l <> 'Node'][0]"


_TEACHER_EDGE = "(type(w) = 'EMPLOYED_AT' OR w.role = 'teacher')"


def _area_schools(located: bool) -> str:
    """The schools of the area: of ``$territories``, or everywhere (``located`` false)."""
    where = "s.kind = 'school'" + (" AND s.territory_id IN $territories" if located else "")
    return f"MATCH (s:Organization)\nWHERE {where}"


def indicator_schools(located: bool) -> str:
    """Per territory of the area's schools (``''``: the whole area) the schools and those with
    a methodological service (PART_OF) or council (ATTACHED_TO) of their own."""
    return f"""
{_area_schools(located)}
WITH s, EXISTS {{
  MATCH (x:Node)-[r:PART_OF|ATTACHED_TO]->(s)
  WHERE {_on('r')} AND ((type(r) = 'PART_OF' AND x.kind = 'school_methodological_service')
                       OR (type(r) = 'ATTACHED_TO' AND x.kind = 'council'))
}} AS served
UNWIND [''] + CASE WHEN s.territory_id IS NULL THEN [] ELSE [s.territory_id] END AS part
WITH part, count(*) AS schools, sum(CASE WHEN served THEN 1 ELSE 0 END) AS served
RETURN collect([part, schools, served]) AS rows
"""


def indicator_teachers(located: bool) -> str:
    """Per territory of the area's schools (``''``: the whole area) the teachers working there
    on the period's last day and those of them each teacher indicator counts; the regional
    methodists supporting or tutoring them in the period, as a list of ids."""
    return f"""
{_area_schools(located)}
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE {_TEACHER_EDGE} AND {_on('w')}
WITH t, collect(DISTINCT s.territory_id) AS places
WITH t, places,
  EXISTS {{ MATCH (t)-[:HAS_DIAGNOSTIC]->(d:Node) WHERE d.date IS NULL OR d.date <= $on }}
  OR EXISTS {{ MATCH (t)-[x:HAS_DEFICIT]->(:Node) WHERE x.date IS NULL OR x.date <= $on }}
    AS diagnosed,
  EXISTS {{ MATCH (t)-[:HAS_ROUTE]->(r:Node)
           WHERE coalesce(r.status, '') <> 'cancelled' AND coalesce(r.created, '') <= $on }}
    AS routed,
  EXISTS {{ MATCH (t)-[c:COMPLETED]->(p:Node)
           WHERE p.in_federal_registry = true AND c.from_diagnostic = true
             AND coalesce(c.end, c.start, '') <= $on }} AS registry,
  coalesce(t:Person AND t.career_start_year IS NOT NULL
           AND $year - t.career_start_year >= 0
           AND $year - t.career_start_year < $young_years
           AND $year - t.birth_year < $young_age, false) AS young,
  [(x:Node)-[e:SUPPORTS|TUTORS]->(t)
   WHERE {_during('e')} AND EXISTS {{
     MATCH (x)-[h:HAS_ROLE]->(:Node) WHERE h.role = 'regional_methodist' AND {_on('h')} }}
   | x.id] AS regional
WITH t, places, diagnosed, routed, registry, regional,
  young AND (EXISTS {{ MATCH (:Node)-[e:MENTORS|SUPPORTS|TUTORS]->(t) WHERE {_during('e')} }}
             OR EXISTS {{ MATCH (t)-[m:MEMBER_OF]->(c:Node)
                         WHERE {_on('m')} AND c.community_kind = 'young_teacher_school' }})
    AS supported, young
UNWIND [''] + places AS part
WITH part,
  count(*) AS teachers,
  sum(CASE WHEN diagnosed THEN 1 ELSE 0 END) AS diagnosed,
  sum(CASE WHEN routed THEN 1 ELSE 0 END) AS routed,
  sum(CASE WHEN registry THEN 1 ELSE 0 END) AS registry,
  sum(CASE WHEN young THEN 1 ELSE 0 END) AS young,
  sum(CASE WHEN supported THEN 1 ELSE 0 END) AS young_supported,
  sum(CASE WHEN size(regional) > 0 THEN 1 ELSE 0 END) AS regionally_supported,
  collect(CASE WHEN size(regional) > 0 THEN regional END) AS regional_methodists
RETURN collect([part, teachers, diagnosed, routed, registry, young, young_supported,
                regionally_supported, regional_methodists]) AS rows
"""


def area_methodists(located: bool) -> str:
    """The people with an active methodist role (``$roles``) at a body of ``$body_kinds``
    located in the area (anywhere: ``located`` false), each with all their active methodist
    roles and the nodes at both ends, as rows the store turns into records."""
    if located:
        head = f"""
MATCH (b:Organization)
WHERE b.kind IN $body_kinds AND b.territory_id IN $territories
MATCH (p:Person)-[r:HAS_ROLE]->(b)
WHERE r.role IN $roles AND {_on('r')}"""
    else:
        head = f"""
MATCH (p:Person)-[r:HAS_ROLE]->(b:Organization)
USING INDEX r:`HAS_ROLE`(`role`)
WHERE r.role IN $roles AND {_on('r')} AND b.kind IN $body_kinds"""
    return f"""{head}
WITH DISTINCT p
MATCH (p)-[r:HAS_ROLE]->(b:Node)
WHERE r.role IN $roles AND {_on('r')}
WITH p, collect([type(r), p.id, b.id, properties(r)]) AS roles,
     collect([b.id, {_label_of('b')}, properties(b)]) AS bodies
RETURN collect([[p.id, {_label_of('p')}, properties(p)], roles, bodies]) AS rows
"""


AREA_ROLES = f"""
MATCH (b:Organization)
WHERE b.kind IN $body_kinds AND b.territory_id IN $territories
MATCH (p:Node)-[r:HAS_ROLE]->(b)
WHERE r.role IN $roles
WITH DISTINCT p
MATCH (p)-[r:HAS_ROLE]->(b:Node)
WHERE r.role IN $roles AND {_on('r')}
WITH p, collect([type(r), p.id, b.id, properties(r)]) AS roles,
     collect([b.id, {_label_of('b')}, properties(b)]) AS bodies
RETURN collect([[p.id, {_label_of('p')}, properties(p)], roles, bodies]) AS rows
"""
"""The active methodist roles (``$roles``), wherever their body, of everyone holding such a
role (active or not) at a body of ``$body_kinds`` located in ``$territories``, with the nodes at
both ends: what ``Area._local_roles`` reads for a territory in four reads, in one."""


METHODIST_LOAD = f"""
UNWIND $methodists AS mid
MATCH (m:Node {{id: mid}})
OPTIONAL MATCH (m)-[e:SUPPORTS|TUTORS|CURATES]->(x:Node)
WHERE {_during('e')}
WITH mid, e, x,
  CASE WHEN x.kind = 'school' THEN [x.id] ELSE [] END
  + CASE WHEN x:Person THEN [(x)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Node)
                            WHERE s.kind = 'school' AND {_TEACHER_EDGE} AND {_on('w')} | s.id]
         ELSE [] END AS reached
WITH mid,
  collect(DISTINCT CASE WHEN x:Person THEN x.id END) AS teachers,
  reduce(acc = [], some IN collect(reached) | acc + some) AS schools,
  collect(CASE WHEN e IS NOT NULL THEN [e.id, type(e), mid, x.id] END) AS evidence
RETURN collect([mid, teachers, schools, evidence]) AS rows
"""
"""Per methodist (``$methodists``): the people they support or tutor in the period, the schools
they support or curate and those their people teach at, the edges counted."""


# The planner (graph/queries/plan_in_database.py): what a gap's candidates are drawn from.
PLANNER_REGION = f"""
CALL () {{
  MATCH (b:Organization)
  WHERE b.kind IN $body_kinds AND b.territory_id IN $territories
  MATCH (p:Person)-[r:HAS_ROLE]->(b)
  WHERE r.role IN $roles AND {_on('r')}
  RETURN collect(DISTINCT p) AS staff
}}
CALL () {{
  MATCH (c:Organization)
  WHERE c.kind IN $pool_kinds AND c.territory_id IN $territories
    AND coalesce(c.generic_name, false) = false
  RETURN collect(c) AS bodies
}}
CALL (staff, bodies) {{
  UNWIND staff AS p
  CALL (p) {{
    MATCH (p)-[r:HAS_ROLE]->(b:Node)
    WHERE r.role IN $roles AND {_on('r')}
    RETURN collect([type(r), p.id, b.id, properties(r)]) AS roles,
           collect([b.id, {_label_of('b')}, properties(b)]) AS ends
  }}
  CALL (p) {{
    OPTIONAL MATCH (p)-[e:SUPPORTS|TUTORS|CURATES]->(x:Node)
    WHERE {_during('e')}
    RETURN count(DISTINCT CASE WHEN x:Person THEN x END) AS teachers,
           count(DISTINCT CASE WHEN x:Person OR type(e) = 'TUTORS' THEN null
                               WHEN x.kind = 'school' THEN x END) AS schools
  }}
  RETURN collect([[p.id, {_label_of('p')}, properties(p)], roles, ends, teachers, schools,
                  [(p)-[r:MEMBER_OF]->(c:Organization) WHERE c IN bodies AND {_on('r')}
                   | c.id]]) AS methodists
}}
CALL (bodies) {{
  UNWIND bodies AS c
  WITH c, coalesce(c.community_kind, '') = $young_kind AS young,
       size(coalesce(c.subjects, [])) = 0 AS borrowed
  WITH c, young, borrowed,
       NOT young AND ($wanted IS NULL OR borrowed OR any(s IN c.subjects
         WHERE toLower(trim(s)) IN $wanted OR NOT toLower(trim(s)) =~ $plain)) AS counted
  WITH c, young, borrowed, counted,
       CASE WHEN NOT counted THEN []
            ELSE COLLECT {{ MATCH (x:Node)-[r:MEMBER_OF]->(c) WHERE {_on('r')}
                             RETURN DISTINCT x }} END AS members,
       COLLECT {{ MATCH (c)-[e:SUPPORTS]->(x:Node) WHERE {_during('e')}
                 RETURN DISTINCT x.id }} AS supported
  RETURN collect([c.id, {_label_of('c')}, properties(c),
    CASE WHEN counted THEN size(members) END,
    CASE WHEN NOT counted OR NOT borrowed THEN []
         ELSE reduce(acc = [], x IN members |
           acc + reduce(own = [], h IN [(x)-[h:HAS_ROLE]->() WHERE {_on('h')} | h]
                        | own + coalesce(h.subjects, [])))
    END,
    size(supported), [x IN supported WHERE x IN $schools]
  ]) AS pools
}}
CALL () {{
  UNWIND $schools AS sid
  MATCH (s:Node {{id: sid}})
  WHERE s.kind = 'school'
  CALL (s) {{
    MATCH (m:Person)-[e:SUPPORTS|TUTORS|CURATES]->(s)
    WHERE {_during('e')}
    RETURN m.id AS who
    UNION
    MATCH (m:Person)-[e:SUPPORTS|TUTORS|CURATES]->(t:Person)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
    WHERE {_during('e')} AND {_TEACHER_EDGE} AND {_on('w')}
    RETURN m.id AS who
  }}
  RETURN collect([s.id, who]) AS reached
}}
RETURN [methodists, pools, reached] AS rows
"""
"""What a territory's gaps can be offered to, in its region (``$territories``): the people with
an active methodist role at a body of ``$body_kinds`` there (each with all their active
methodist roles and the nodes at both ends; the people they support or tutor and the schools
they support or curate in the period, counted; the pools and communities of the region they
are active members of); the region's pools and communities (``$pool_kinds``, not generic),
each with its active members counted where a gap could take it (not a young teachers' school,
``$young_kind``; a body without subjects, or with one whose key is among ``$wanted``, or not
matched by ``$plain``, the subjects whose lower case is their key; every body if ``$wanted`` is
null) and the subjects of its members' active roles when it has none of its own, the targets it
supports in the period counted and those of them among ``$schools``; and for each school of
``$schools``, who supports, tutors or curates it or one of its teachers in the period."""


def flagged_period(located: bool) -> str:
    """The latest period in which a school of the area is flagged ``$flag``."""
    return f"""
{_area_schools(located)}
MATCH (s)-[:HAS_ASSESSMENT]->(a:Node)
WHERE CASE $flag WHEN 'low_results' THEN a.low_results ELSE a.unreliable_results END = true
WITH max(a.period) AS period
RETURN [period] AS rows
"""


def flagged_schools(located: bool) -> str:
    """The assessments of ``$period`` flagging the area's schools ``$flag``, by school."""
    return f"""
{_area_schools(located)}
MATCH (s)-[h:HAS_ASSESSMENT]->(a:Node)
WHERE a.period = $period
  AND CASE $flag WHEN 'low_results' THEN a.low_results ELSE a.unreliable_results END = true
RETURN collect([s.id, h.id, a.id, properties(a)]) AS rows
"""


_SHOWN = """($unrestricted
  OR (x:Person AND EXISTS { MATCH (x)-[:EMPLOYED_AT|HAS_ROLE]->(b:Node)
                           WHERE b.territory_id IN $inside })
  OR (x:Organization AND (x.territory_id IN $inside
                          OR (coalesce(x.kind, '') <> 'school' AND x.territory_id IN $above))))"""

_SCHOOL_AROUND = f"""
CALL (teachers) {{
  UNWIND teachers AS t
  MATCH (t)-[m:MEMBER_OF]->(x:Node)
  WHERE {_on('m')} AND x.kind = 'community'
  WITH x, collect([m.id, type(m), t.id, x.id]) AS edges
  WHERE {_SHOWN}
  RETURN collect([x.id, {_label_of('x')}, properties(x), edges]) AS communities
}}
CALL (s) {{
  MATCH (d:Organization)
  WHERE d.kind = 'methodological_service' AND d.territory_id = s.territory_id
    AND NOT coalesce(d.generic_name, false) AND coalesce(d.level, '') <> 'regional'
  RETURN collect([d.id, {_label_of('d')}, properties(d)]) AS services
}}
"""


def _school_support(whole: bool) -> str:
    """Per flagged school (``$schools``): its teachers on the period's last day; who supports
    it (SUPPORTS, CURATES) or its teachers (SUPPORTS, TUTORS) in the period and may be shown,
    with the edges and their active methodist roles; with ``whole``, also the communities its
    teachers belong to and the methodological services of its district (empty lists without:
    the planner needs only the direct supporters' subjects)."""
    around = _SCHOOL_AROUND if whole else (
        "WITH s, teachers, direct, [] AS communities, [] AS services\n")
    return f"""
UNWIND $schools AS sid
MATCH (s:Node {{id: sid}})
CALL (s) {{
  MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
  WHERE {_TEACHER_EDGE} AND {_on('w')}
  RETURN collect(DISTINCT t) AS teachers
}}
CALL (s, teachers) {{
  UNWIND [s] + teachers AS target
  MATCH (x:Node)-[e:SUPPORTS|CURATES|TUTORS]->(target)
  WHERE {_during('e')}
    AND CASE WHEN target = s THEN type(e) <> 'TUTORS' ELSE type(e) <> 'CURATES' END
  WITH x, collect([e.id, type(e), x.id, target.id, e.subject]) AS edges
  WHERE {_SHOWN}
  RETURN collect([x.id, {_label_of('x')}, properties(x), edges,
                  [(x)-[h:HAS_ROLE]->(:Node) WHERE h.role IN $roles AND {_on('h')}
                   | [h.role, h.subjects]]]) AS direct
}}
{around}RETURN collect([[s.id, {_label_of('s')}, properties(s)], [t IN teachers | t.id],
                direct, communities, services]) AS rows
"""


SCHOOL_SUPPORT = _school_support(True)
SCHOOL_SUPPORT_DIRECT = _school_support(False)

# -- isolated schools (graph/queries/network.py) ----------------------------------------------

def isolated_schools_query(*, scoped: bool) -> str:
    """The schools (located inside the caller's sight of ``$territory`` and ``$allowed``
    when ``scoped``, composed in the statement from :data:`SIGHT`, else all; generic ones
    left out) with
    no ``SUPPORTS``, ``CURATES`` or ``HORIZONTAL_LEARNING`` edge in and no horizontal
    learning out, none of whose teachers (``EMPLOYED_AT``, or ``HAS_ROLE`` as a teacher) is
    supported or tutored or a member of a community; each with its number of teachers, as
    ``rows`` of ``[id, label, props, teachers]``. Edges count when active on ``$on`` (any,
    when ``$on`` is null): the rules of :func:`graph.queries.network.isolated_schools`,
    whose Python the embedded store runs (``tests/test_differential_isolated.py`` keeps the
    two equal).

    The schools come from ``methodnet_organization_territory_id`` (scoped) or
    ``methodnet_organization_kind``; everything else is expanded from each school.

    >>> "s.territory_id IN inside" in isolated_schools_query(scoped=True)
    True
    """
    def active(r: str) -> str:
        return f"($on IS NULL OR ({_active_on(r)}))"

    # Composed after the sight, the territories are a variable the planner cannot size: the
    # hint keeps the seek on the territory's index (a district's few dozen schools), not the
    # country's schools by kind.
    where = "s.territory_id IN inside AND s.kind = 'school'" if scoped \
        else "s.kind = 'school'"
    hint = "USING INDEX s:Organization(territory_id)\n" if scoped else ""
    return (SIGHT if scoped else "") + f"""
MATCH (s:Organization)
{hint}WHERE {where} AND NOT coalesce(s.generic_name, false)
  AND NOT EXISTS {{ MATCH (s)<-[r:SUPPORTS|CURATES|HORIZONTAL_LEARNING]-() WHERE {active('r')} }}
  AND NOT EXISTS {{ MATCH (s)-[r:HORIZONTAL_LEARNING]->() WHERE {active('r')} }}
WITH s, COLLECT {{ MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
                   WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {active('w')}
                   RETURN DISTINCT t }} AS staff
WHERE NONE(t IN staff WHERE
           EXISTS {{ MATCH (t)<-[r:SUPPORTS|TUTORS]-() WHERE {active('r')} }}
           OR EXISTS {{ MATCH (t)-[r:MEMBER_OF]->(c) WHERE c.kind = 'community'
                                                      AND {active('r')} }})
RETURN collect([s.id, {_label_of('s')}, properties(s), size(staff)]) AS rows
"""


# -- search: full-text indexes over the words of names (graph/model/wordforms.py) ----------
# Every searchable node carries its names' words and dictionary forms, its initials and its
# lower-cased id as space-separated properties (``search_properties``), a HAS_ROLE edge the
# words of the role; the indexes split on whitespace only, so a token is exactly one of those
# words and the database finds the candidates the embedded index finds. Updated in the same
# transaction as the write (not eventually consistent): the first search after a write sees it.
_FULLTEXT_OPTIONS = ("OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', "
                     "`fulltext.eventually_consistent`: false}}")
SEARCH_INDEX = "methodnet_search"
SEARCH_ROLES_INDEX = "methodnet_search_roles"
SEARCH_KEYS_MARK = "methodnet_search_keys"
_SEARCH_LABELS = "|".join(label(lab) for lab in SEARCH_LABELS)

SEARCH_INDEXES = {
    SEARCH_INDEX: (
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{_SEARCH_LABELS}) "
        f"ON EACH [n._search_words, n._search_initials, n._search_id] {_FULLTEXT_OPTIONS}"
    ),
    SEARCH_ROLES_INDEX: (
        f"CREATE FULLTEXT INDEX {SEARCH_ROLES_INDEX} IF NOT EXISTS "
        f"FOR ()-[r:{rel_type('HAS_ROLE')}]-() ON EACH [r._search_words] {_FULLTEXT_OPTIONS}"
    ),
    # No node carries this label: the index only records that every searchable node and role
    # has its ``_search_key`` (a database written before the keys gets them when it is missing).
    SEARCH_KEYS_MARK: f"CREATE INDEX {SEARCH_KEYS_MARK} IF NOT EXISTS "
                      "FOR (n:MethodnetSearchKeys) ON (n.version)",
}
"""The full-text indexes (and the mark of the search keys), by name; made after
:data:`SEARCH_BACKFILL_NODES` has run (see ``Neo4jStore.ensure_schema``), so a database loaded
before them gets its properties first."""

# People are where they work: a person is a candidate of a restricted search only if a body
# they work at (``$work``: the edge types that place a person) is located in ``$inside``.
# Where there are many people among the candidates (a district's search for «Петрова» over a
# country: 6 401), the search starts from the territory: the people working at its bodies
# (from the index on ``territory_id``; a district's few hundred) are collected once and a
# candidate is kept if it is one of them. Where there are few (or the territory is large: a
# region's tens of thousands of people for one «Иванова Мария»), each is expanded to where it
# works instead. Checking one person where they work costs about as many database hits as
# collecting the people of seven bodies (measured with PROFILE on the nation's data), hence
# the 7. Labels are checked last: most candidates are people, whom one test places.
# ``inside`` and ``near`` are the statement's parameters (``$inside``, ``$near``: the sight read
# before) or, in a district's search, the variables :data:`SIGHT` leaves (the sight read in the
# same statement).
def _here(inside: str, near: str, keep: str = "") -> str:
    return f"""
WITH found{keep}, CASE WHEN {near} IS NOT NULL
                      AND size([x IN found WHERE x:Person])
                          > 7 * COUNT {{ MATCH (b:Organization) WHERE b.territory_id IN {inside} }}
     THEN COLLECT {{ MATCH (b:Organization) WHERE b.territory_id IN {inside}
                    MATCH (p:Person)-[w]->(b) WHERE type(w) IN $work RETURN DISTINCT p }}
     END AS here
"""


def _named_where(inside: str, near: str) -> str:
    works_inside = ("EXISTS { MATCH (n)-[w]->(b:Node) "
                    f"WHERE type(w) IN $work AND b.territory_id IN {inside} }}")
    return f"""
WHERE ({near} IS NULL
       OR CASE WHEN n:Person THEN CASE WHEN here IS NULL THEN {works_inside}
                                       ELSE n IN here END
               WHEN n:Region OR n:Municipality THEN n.id IN {near}
               WHEN n:Organization OR n:Regulation THEN n.territory_id IN {near}
               ELSE true END)
  AND any(l IN labels(n) WHERE l IN $labels)
"""

# The nodes found by their names and the people found by the words of a role, once each,
# in one list. A row is ``[id, label, props, work]``, ``work`` a person's edges of ``$work``
# (EMPLOYED_AT, HAS_ROLE) as ``[type, target, the target's territory_id, props]``: what a
# person does is scored and where they work decides who sees them, with no second read for
# either. The words kept for the index are not sent back (a third of a person's row).
_UNSENT = ", ".join(f"{name}: null" for name in SEARCH_PROPERTIES)
_NAMED_ROW = (f"[n.id, {_LABEL}, n {{.*, {_UNSENT}}}, "
              "CASE WHEN n:Person THEN [(n)-[w]->(b:Node) WHERE type(w) IN $work "
              "| [type(w), b.id, b.territory_id, w {.*, _search_words: null, _search_key: null}]] "
              "ELSE [] END]")
_CANDIDATES = f"""
CALL () {{
  CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $names) YIELD node
  RETURN node AS n
  UNION
  CALL db.index.fulltext.queryRelationships('{SEARCH_ROLES_INDEX}', $roles) YIELD relationship
  RETURN startNode(relationship) AS n
}}"""
FIND_NAMED = f"""{_CANDIDATES}
WITH collect(n) AS found
{_here("$inside", "$near")}
UNWIND found AS n
WITH n, here
{_named_where("$inside", "$near")}
RETURN collect({_NAMED_ROW}) AS rows
"""

# A search narrowed to a territory or by the caller's scope (``$territory``, ``$allowed``):
# the caller's sight (:data:`SIGHT`) and the candidates in one statement, which returns the
# sight too (``inside``, ``above``: what the rest of the visibility rule needs in Python).
FIND_NAMED_WITHIN = f"""{SIGHT}
WITH inside, above, inside + above AS near
CALL () {{{_CANDIDATES}
  RETURN collect(n) AS found
}}
{_here("inside", "near", keep=", inside, near, above")}
CALL (found, here, inside, near) {{
  UNWIND found AS n
  WITH n, here, inside, near
  {_named_where("inside", "near")}
  RETURN collect({_NAMED_ROW}) AS rows
}}
RETURN rows, inside, above
"""

# A whole-country search ranks by keys (``search_key``): the candidates' keys, one short
# value each, then for each role whose words are found the person who holds it (its element
# id: reading nothing of the person, as reading a property of each of thousands would) and
# the role's key. An empty string is a node or role written before the keys existed (the
# search then reads them whole). Keys are JSON texts: a node's ``[label, id, props]``, a
# role's ``[target, props]``. The people found only by a role are ranked by their roles
# first; their own keys are read (:data:`SEARCH_KEYS`) only for those who can reach the page.
FIND_RANKED = f"""
CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $names) YIELD node
RETURN collect(coalesce(node._search_key, '')) AS keys
UNION ALL
CALL db.index.fulltext.queryRelationships('{SEARCH_ROLES_INDEX}', $roles) YIELD relationship
RETURN collect([elementId(startNode(relationship)),
                coalesce(relationship._search_key, '')]) AS keys
"""

SEARCH_KEYS = """
UNWIND $refs AS ref
MATCH (n:Person) WHERE elementId(n) = ref
RETURN collect([ref, coalesce(n._search_key, '')]) AS keys
"""

# A database written before the search properties (or their keys) existed gets them in
# chunks, each its own transaction; a node or edge with no names gets empty strings, so every
# chunk makes progress.
SEARCH_BACKFILL_NODES = f"""
MATCH (n:{_SEARCH_LABELS})
WHERE n._search_words IS NULL OR n._search_key IS NULL
WITH n LIMIT $limit
RETURN collect([n.id, {_LABEL}, properties(n)]) AS rows
"""

SEARCH_BACKFILL_EDGES = f"""
MATCH ()-[r:{rel_type('HAS_ROLE')}]->()
WHERE r._search_words IS NULL OR r._search_key IS NULL
WITH r LIMIT $limit
RETURN collect([elementId(r), properties(r)]) AS rows
"""

SET_NODE_SEARCH = """
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n += row.search
"""

SET_EDGE_SEARCH = """
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r += row.search
"""

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_LUCENE_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})


def lucene_term(text: str) -> str:
    """One term of a Lucene query, every character of its syntax escaped.

    >>> lucene_term('a"b*c~d:e'), lucene_term("(x"), lucene_term("AND")
    ('a\\\\"b\\\\*c\\\\~d\\\\:e', '\\\\(x', '\\\\AND')
    """
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text)
    return "\\" + escaped if escaped in _LUCENE_OPERATORS else escaped


def lucene_search(terms: SearchTerms, *, names: bool = True) -> str:
    """The Lucene query of a search's terms: over the names' index (``names``: words,
    initials, id) or the roles' (words only). Each word of the query is a group of its terms —
    whole words, beginnings (``петров*``), town stems with an adjective's ending (a regular
    expression, :data:`TOWN_ADJECTIVE`), initials — and a node must meet ``terms.at_least``
    groups: all of them (``+`` each), any one, or one of the combinations of that many.

    >>> from graph.model.wordforms import WordTerms
    >>> one = WordTerms(frozenset({"тосно"}), frozenset({"тосно"}), frozenset({"тосн"}))
    >>> print(lucene_search(SearchTerms((one,), 1, "x")).replace(TOWN_ADJECTIVE, "<ending>"))
    (_search_words:(тосно тосно* /тосн<ending>/)) _search_id:(x)
    >>> two = (WordTerms(frozenset({"петров"})),
    ...        WordTerms(frozenset({"анна"}), initials=frozenset({"анна"})))
    >>> print(lucene_search(SearchTerms(two, 2), names=False))
    (+(_search_words:(петров)) +(_search_words:(анна)))
    """
    groups = []
    for word in terms.per_word:
        items = ([lucene_term(t) for t in sorted(word.words)]
                 + [lucene_term(p) + "*" for p in sorted(word.prefixes)]
                 + [f"/{_regexp_literal(s)}{TOWN_ADJECTIVE}/" for s in sorted(word.stems)])
        group = f"_search_words:({' '.join(items)})" if items else ""
        if names and word.initials:
            initials = " ".join(lucene_term(t) for t in sorted(word.initials))
            group = f"{group} _search_initials:({initials})".strip()
        if group:
            groups.append(f"({group})")
    query = _at_least(groups, terms.at_least)
    if names and terms.node_id:
        query = f"{query} _search_id:({lucene_term(terms.node_id)})".strip()
    return query


_MAX_COMBINATIONS = 64


def _at_least(groups: Sequence[str], needed: int) -> str:
    """Lucene's classic syntax has no "at least n of": all of them, any of them, or each
    combination of n (past :data:`_MAX_COMBINATIONS`, any of them: more candidates, scored the
    same)."""
    if needed <= 1 or len(groups) <= 1:
        return " ".join(groups)
    if needed >= len(groups):
        return f"({' '.join('+' + g for g in groups)})"
    combinations = list(itertools.combinations(groups, needed))
    if len(combinations) > _MAX_COMBINATIONS:
        return " ".join(groups)
    return " ".join(f"({' '.join('+' + g for g in chosen)})" for chosen in combinations)


def _regexp_literal(text: str) -> str:
    """Text as the literal start of a Lucene regular expression (its letters and digits as they
    are, anything else escaped)."""
    return "".join(c if c.isalnum() else "\\" + c for c in text)


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
                limit: bool, edges: bool, properties: bool = True) -> str:
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
    Without ``properties`` a node's row is its id, label and hops only: reading and sending
    every property of a few hundred nodes is most of the statement when only ids are shown.

    >>> "*0..2" in reach_query(None, "both", 2, limit=False, edges=False)
    True
    >>> "properties(" in reach_query(None, "both", 2, limit=True, edges=False,
    ...                              properties=False)
    False
    """
    from graph.store.primitives import check_hops

    walk = _pattern(types, direction, f"*0..{check_hops(max_hops)}")
    step = _pattern(types, direction)
    props = "properties(kept[i]), " if properties else ""
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
          [kept[i].id, {_label_of('kept[i]')}, {props}hops[i]]] AS nodes{walked}
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

# -- Gap questions ---------------------------------------------------------------------------
# The seven kinds of coverage gap (graph/queries/gaps.py) computed in the server: each
# statement filters, joins and counts there and returns only the gaps, with the raw values
# their evidence and reasons are made of (the query layer words them, graph/queries/
# native_gaps.py). The rules are those of graph/queries/area.py, kept equal to the Python by
# tests/test_differential_gaps.py. Parameters: ``$terrs`` (the area's territories, or null for
# the whole country), ``$first`` and ``$on`` (the period's first and last day, ISO strings),
# ``$year`` (the year of ``$on``), ``$subject`` (a subject key: trimmed, lower case, or null),
# ``$roles`` (the methodist roles), ``$bodies`` (the kinds of body a methodist works for),
# ``$young_band``, ``$max_age``, ``$max_years`` (the young-specialist rule), ``$level``,
# ``$norm``.
#
# Indexes: a territory's statements start from ``methodnet_organization_territory_id`` (its
# schools, bodies and pools) or the id constraint (its municipalities); the whole country's
# from ``methodnet_organization_kind`` (every school, every methodist body) or the label scan
# of Municipality; the country's count of deficits without a route and its subjects without a
# methodist from the relationship type lookup index (HAS_DEFICIT: fewer than the teachers).
# Everything else is expanded from those nodes. ``bench/gaps_in_database.py --plans`` prints
# each statement's PROFILE leaves and fails on a cartesian product.

def _active_on(r: str) -> str:
    """Staff, membership, service and council edges: active on the period's last day."""
    return f"({r}.start IS NULL OR {r}.start <= $on) AND ({r}.end IS NULL OR {r}.end >= $on)"


def _active_in(r: str) -> str:
    """Support edges (SUPPORTS, TUTORS, MENTORS, CURATES): active at some day of the period."""
    return f"({r}.start IS NULL OR {r}.start <= $on) AND ({r}.end IS NULL OR {r}.end >= $first)"


def _title(n: str) -> str:
    """The properties a title is taken from, in order (see ``graph.queries.nodes.title_of``)."""
    return f"[{n}.short_name, {n}.name, {n}.full_name, {n}.title, {n}.number, {n}.text]"


def _methodist(m: str) -> str:
    """Whether ``m`` holds an active methodist role (at any body)."""
    return (f"EXISTS {{ MATCH ({m})-[h:HAS_ROLE]->(:Node) "
            f"WHERE h.role IN $roles AND {_active_on('h')} }}")


def _roles(m: str) -> str:
    """``m``'s active methodist roles, the first deciding the level and the territory (regional
    first, then by edge id): ``[not regional, edge id, body territory, body kind, subjects]``."""
    return (f"COLLECT {{ MATCH ({m})-[h:HAS_ROLE]->(b:Node) "
            f"WHERE h.role IN $roles AND {_active_on('h')} "
            f"RETURN [h.role <> 'regional_methodist', h.id, b.territory_id, b.kind, "
            f"coalesce(h.subjects, [])] AS role ORDER BY role[0], role[1] }}")


def _subject_keys(roles: str, m: str) -> str:
    """A methodist's subject keys: those of the role edges, else the person's own."""
    listed = f"reduce(a = [], r IN {roles} | a + r[4])"
    return (f"[x IN CASE WHEN size({listed}) = 0 THEN coalesce({m}.subjects, []) "
            f"ELSE {listed} END | toLower(trim(x))]")


def _schools(scoped: bool) -> str:
    """The area's schools as ``s``."""
    if scoped:
        return ("UNWIND $terrs AS tid\n"
                "MATCH (s:Organization {territory_id: tid}) WHERE s.kind = 'school'")
    return "MATCH (s:Organization {kind: 'school'})"


_TEACHES = "($subject IS NULL OR any(x IN subjects WHERE toLower(trim(x)) = $subject))"


def _teachers(scoped: bool, page: str | None = None) -> str:
    """The area's teachers ``t`` (active EMPLOYED_AT, or HAS_ROLE teacher, to its schools) with
    ``work`` (those edges as evidence), ``schools`` (``[id, territory]``) and ``subjects``.

    ``page``: the country's teachers of one kind of gap, the first ``$limit`` by id
    (``_page_of_teachers``), instead of every teacher of the area."""
    start = (f"{page}MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)\n"
             "WHERE s.kind = 'school' AND " if page is not None else
             f"{_schools(scoped)}\nMATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)\nWHERE ")
    return f"""{start}(type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH t, collect([w.id, type(w), t.id, s.id]) AS work, collect([s.id, s.territory_id]) AS schools,
     reduce(a = [], x IN collect(w.subjects) | a + x) AS listed
WITH t, work, schools, CASE WHEN size(listed) = 0 THEN coalesce(t.subjects, [])
                            ELSE listed END AS subjects
"""


def _gap_deficit_without_route(scoped: bool, page: str | None = None) -> tuple[str, str]:
    body = f"""{_teachers(scoped, page)}
WHERE NOT EXISTS {{ MATCH (t)-[:HAS_ROUTE]->(r:Node)
                    WHERE coalesce(r.status, '') <> 'cancelled'
                      AND coalesce(r.created, '') <= $on }}
MATCH (t)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on)
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH t, schools, collect([d.id, type(d), t.id, c.id, c.subject, {_title('c')}]) AS deficits
"""
    return body, f"RETURN t.id AS id, {_title('t')} AS title, schools, deficits"


def _gap_teacher_without_methodist(scoped: bool, page: str | None = None) -> tuple[str, str]:
    body = f"""{_teachers(scoped, page)}
WHERE {_TEACHES}
WITH t, work, schools,
     COLLECT {{ MATCH (src:Node)-[r:SUPPORTS|TUTORS]->(t) WHERE {_active_in('r')}
               RETURN [r.id, type(r), src.id, t.id, {_title('src')}, {_methodist('src')}] }}
     AS support
WHERE none(x IN support WHERE x[5])
"""
    return body, f"RETURN t.id AS id, {_title('t')} AS title, schools, work, support"


def _gap_young_specialist_without_support(scoped: bool, page: str | None = None) -> tuple[str, str]:
    body = f"""{_teachers(scoped, page)}
WHERE {_TEACHES}
  AND {_UNSUPPORTED_YOUNG}
"""
    return body, (f"RETURN t.id AS id, {_title('t')} AS title, schools, work, "
                  "t.birth_year AS birth_year, t.career_start_year AS career_start_year, "
                  "t.age_band AS age_band")


def _gap_school_without_methodological_service(scoped: bool) -> tuple[str, str]:
    body = f"""{_schools(scoped)}
WITH s
WHERE NOT EXISTS {{ MATCH (x:Node)-[r:PART_OF]->(s)
                    WHERE x.kind = 'school_methodological_service' AND {_active_on('r')} }}
  AND NOT EXISTS {{ MATCH (x:Node)-[r:ATTACHED_TO]->(s)
                    WHERE x.kind = 'council' AND {_active_on('r')} }}
"""
    return body, f"RETURN s.id AS id, {_title('s')} AS title, s.territory_id AS territory_id"


def _gap_district_without_methodist_pool(scoped: bool) -> tuple[str, str]:
    districts = ("UNWIND $terrs AS tid\nMATCH (d:Node {id: tid}) WHERE d:Municipality"
                 if scoped else "MATCH (d:Municipality)")
    body = f"""{districts}
WITH d, COLLECT {{ MATCH (p:Organization {{territory_id: d.id}})
                  WHERE p.kind = 'methodist_pool' AND NOT coalesce(p.generic_name, false)
                  RETURN [p.id, {_title('p')},
                          EXISTS {{ MATCH (:Node)-[r:MEMBER_OF]->(p) WHERE {_active_on('r')} }}]
               }} AS pools
WHERE none(x IN pools WHERE x[2])
"""
    return body, f"RETURN d.id AS id, {_title('d')} AS title, pools"


def _gap_subject_without_methodist(scoped: bool) -> tuple[str, str]:
    keys = _subject_keys("roles", "m")
    supported = ("CASE WHEN r.subject IS NOT NULL AND r.subject <> '' "
                 f"THEN [toLower(trim(r.subject))] ELSE {_subject_keys(_roles('m'), 'm')} END")
    deficit = """(t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)"""
    work = f"""(type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
  AND s.territory_id IS NOT NULL AND s.territory_id <> ''"""
    # A territory: from its schools to their teachers' deficits; the country: from the
    # deficits (fewer than the teachers) to the schools of those who have them.
    found = (f"""{_schools(scoped)}
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE {work}
WITH DISTINCT t, s.territory_id AS district
MATCH {deficit}
""" if scoped else f"""MATCH {deficit}
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND {work}
WITH DISTINCT t, d, c, s.territory_id AS district
""")
    body = f"""{found}WITH district, toLower(trim(c.subject)) AS key,
     collect([t.id, d.id, c.id, c.subject]) AS found
WHERE NOT EXISTS {{
    MATCH (:Organization {{territory_id: district}})<-[h0:HAS_ROLE]-(m:Node)
    WHERE h0.role IN $roles AND {_active_on('h0')}
    WITH DISTINCT m
    WITH m, {_roles('m')} AS roles
    WHERE roles[0][2] = district
      AND any(r IN roles WHERE r[3] IN $bodies AND ($terrs IS NULL OR r[2] IN $terrs))
      AND key IN {keys} }}
  AND NOT EXISTS {{
    MATCH (m:Node)-[r:SUPPORTS]->(s:Organization {{territory_id: district}})
    WHERE s.kind = 'school' AND {_active_in('r')} AND {_methodist('m')}
      AND key IN {supported} }}
  AND NOT EXISTS {{
    MATCH (s:Organization {{territory_id: district}})<-[w:EMPLOYED_AT|HAS_ROLE]-(:Node)
          <-[r:SUPPORTS|TUTORS]-(m:Node)
    WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher')
      AND {_active_on('w')} AND {_active_in('r')} AND {_methodist('m')}
      AND key IN {supported} }}
OPTIONAL MATCH (n:Node {{id: district}}) WHERE n:Municipality
"""
    return body, f"RETURN district, key, found, n IS NOT NULL AS known, {_title('n')} AS title"


def _gap_methodist_over_load(scoped: bool) -> tuple[str, str]:
    bodies = ("UNWIND $terrs AS tid\n"
              "MATCH (b:Organization {territory_id: tid}) WHERE b.kind IN $bodies"
              if scoped else "MATCH (b:Organization) WHERE b.kind IN $bodies")
    body = f"""{bodies}
MATCH (m:Node)-[h0:HAS_ROLE]->(b)
WHERE h0.role IN $roles AND {_active_on('h0')}
WITH DISTINCT m
WITH m, {_roles('m')} AS roles
WITH m, roles, {_subject_keys('roles', 'm')} AS keys
WHERE ($level IS NULL OR (roles[0][0] = false) = ($level = 'regional'))
  AND ($subject IS NULL OR $subject IN keys)
WITH m, roles, COUNT {{ MATCH (m)-[r:SUPPORTS|TUTORS|CURATES]->(x:Person)
                        WHERE {_active_in('r')} RETURN DISTINCT x }} AS teachers
WHERE teachers > $norm
"""
    return body, (f"RETURN m.id AS id, {_title('m')} AS title, roles[0][2] AS territory_id, "
                  "teachers, COLLECT { MATCH (m)-[r:SUPPORTS|TUTORS|CURATES]->(x:Node) "
                  f"WHERE {_active_in('r')} RETURN [r.id, type(r), m.id, x.id] }} AS evidence")


def _lean_teachers(scoped: bool) -> str:
    """The area's teachers ``t`` alone, for counting (no evidence, no subjects)."""
    return f"""{_schools(scoped)}
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH DISTINCT t
"""


_UNSUPPORTED_YOUNG = f"""t:Person AND t.career_start_year IS NOT NULL
  AND CASE WHEN t.birth_year IS NULL THEN CASE WHEN t.age_band = $young_band THEN 0 END
           ELSE $year - t.birth_year END < $max_age
  AND $year - t.career_start_year >= 0 AND $year - t.career_start_year < $max_years
  AND NOT EXISTS {{ MATCH (:Node)-[r:MENTORS|SUPPORTS|TUTORS]->(t) WHERE {_active_in('r')} }}
  AND NOT EXISTS {{ MATCH (t)-[r:MEMBER_OF]->(c:Node)
                    WHERE c.community_kind = 'young_teacher_school' AND {_active_on('r')} }}"""

# Counting needs no evidence: where the subject does not decide (the deficits' subject is the
# competency's, not the teacher's), each teacher is one row and the statement only checks.
_GAP_COUNTS = {
    "deficit_without_route": lambda scoped: (f"""{_lean_teachers(scoped)}
WHERE EXISTS {{ MATCH (t)-[d:HAS_DEFICIT]->(c:Node)
               WHERE (d.date IS NULL OR d.date <= $on)
                 AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject) }}
""" if scoped else f"""MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on)
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH DISTINCT t
WHERE EXISTS {{ MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
               WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher')
                 AND {_active_on('w')} }}
""") + """  AND NOT EXISTS { MATCH (t)-[:HAS_ROUTE]->(r:Node)
                    WHERE coalesce(r.status, '') <> 'cancelled'
                      AND coalesce(r.created, '') <= $on }
""",
    "teacher_without_methodist": lambda scoped: f"""{_lean_teachers(scoped)}
WHERE NOT EXISTS {{ MATCH (src:Node)-[r:SUPPORTS|TUTORS]->(t)
                    WHERE {_active_in('r')} AND {_methodist('src')} }}
""",
    "young_specialist_without_support": lambda scoped: f"""{_lean_teachers(scoped)}
WHERE {_UNSUPPORTED_YOUNG}
""",
}

# -- The whole country --------------------------------------------------------------------
# A country has a million teachers: its statements start from the smallest set that decides a
# kind and never expand every teacher once per group. Young specialists come from the index on
# Person.career_start_year (the first years of work are a narrow range); the teachers a
# methodist supports from the methodists (by the index on HAS_ROLE.role), so the count of
# teachers without one is the area's teachers less those; a subject is covered in a district
# by the methodists' coverage, computed once (``SUBJECT_COVERAGE``) and passed back as
# ``$covered``, ``[district, subject key]`` pairs, where each (district, subject) group of
# deficits is looked up.

def _works_in_area(t: str, scoped: bool) -> str:
    """Whether ``t`` teaches (an active EMPLOYED_AT, or HAS_ROLE teacher) at a school of the
    area: the rule of ``_teachers``, checked from the teacher."""
    terr = " AND s.territory_id IN $terrs" if scoped else ""
    return (f"EXISTS {{ MATCH ({t})-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization) "
            f"WHERE s.kind = 'school'{terr} AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') "
            f"AND {_active_on('w')} }}")


_YOUNG_RANGE = ("(t:Person)\nWHERE t.career_start_year > $year - $max_years "
                "AND t.career_start_year <= $year")

# Every methodist of the country, from the index on the role (without the hint the planner
# scans every node and its roles).
_METHODISTS = f"""MATCH (m:Node)-[h:HAS_ROLE]->(:Node)
USING INDEX h:HAS_ROLE(role)
WHERE h.role IN $roles AND {_active_on('h')}
WITH DISTINCT m
"""


def _country_deficit_without_route(_scoped: bool) -> tuple[str, str]:
    # From the deficits (fewer than the teachers) to those who have them, then their schools.
    deficit = """(t)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on)
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)"""
    body = f"""MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on)
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH DISTINCT t
WHERE NOT EXISTS {{ MATCH (t)-[:HAS_ROUTE]->(r:Node)
                    WHERE coalesce(r.status, '') <> 'cancelled'
                      AND coalesce(r.created, '') <= $on }}
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH t, collect([s.id, s.territory_id]) AS schools
MATCH {deficit}
WITH t, schools, collect([d.id, type(d), t.id, c.id, c.subject, {_title('c')}]) AS deficits
"""
    return body, _gap_deficit_without_route(False)[1]


def _country_young_specialist_without_support(_scoped: bool) -> tuple[str, str]:
    # The person's own conditions first: only then their schools and subjects.
    body = f"""MATCH {_YOUNG_RANGE}
  AND CASE WHEN t.birth_year IS NULL THEN CASE WHEN t.age_band = $young_band THEN 0 END
           ELSE $year - t.birth_year END < $max_age
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH t, collect([w.id, type(w), t.id, s.id]) AS work, collect([s.id, s.territory_id]) AS schools,
     reduce(a = [], x IN collect(w.subjects) | a + x) AS listed
WITH t, work, schools, CASE WHEN size(listed) = 0 THEN coalesce(t.subjects, [])
                            ELSE listed END AS subjects
WHERE {_TEACHES}
  AND {_UNSUPPORTED_YOUNG}
"""
    return body, _gap_young_specialist_without_support(False)[1]


def _country_subject_without_methodist(_scoped: bool) -> tuple[str, str]:
    body = """MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {active}
  AND s.territory_id IS NOT NULL AND s.territory_id <> ''
WITH DISTINCT t, d, c, s.territory_id AS district
WITH district, toLower(trim(c.subject)) AS key, collect([t.id, d.id, c.id, c.subject]) AS found
WHERE NOT [district, key] IN $covered
OPTIONAL MATCH (n:Node {id: district}) WHERE n:Municipality
""".replace("{active}", _active_on("w"))
    return body, _gap_subject_without_methodist(False)[1]


_COUNTRY_STATEMENTS = {
    "deficit_without_route": _country_deficit_without_route,
    "young_specialist_without_support": _country_young_specialist_without_support,
    "subject_without_methodist": _country_subject_without_methodist,
}

_COUNTRY_COUNTS = {
    "young_specialist_without_support": lambda: f"""MATCH {_YOUNG_RANGE}
  AND {_works_in_area('t', False)}
  AND {_UNSUPPORTED_YOUNG}
RETURN count(*) AS n
""",
    # The area's teachers, less those a methodist supports or tutors during the period.
    "teacher_without_methodist": lambda: f"""CALL {{
{_lean_teachers(False)}RETURN count(*) AS teachers
}}
CALL {{
{_METHODISTS}MATCH (m)-[r:SUPPORTS|TUTORS]->(t:Node)
WHERE {_active_in('r')}
WITH DISTINCT t
WHERE {_works_in_area('t', False)}
RETURN count(*) AS supported
}}
RETURN teachers - supported AS n
""",
    "subject_without_methodist": lambda: """MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH DISTINCT t, toLower(trim(c.subject)) AS key
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {active}
  AND s.territory_id IS NOT NULL AND s.territory_id <> ''
WITH DISTINCT s.territory_id AS district, key
WHERE NOT [district, key] IN $covered
RETURN count(*) AS n
""".replace("{active}", _active_on("w")),
}


def subject_deficit_groups() -> str:
    """The whole country's ``[district, subject key]`` groups of deficits (of the period, of
    teachers of the district's schools): the groups ``_gap_subject_without_methodist`` makes,
    without their evidence. Less those ``subject_coverage`` covers, they are the country's
    subjects without a methodist; both statements run at once.

    >>> subject_deficit_groups().splitlines()[0]
    'MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)'
    """
    return f"""MATCH (t:Node)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH DISTINCT t, toLower(trim(c.subject)) AS key
MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
WHERE s.kind = 'school' AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
  AND s.territory_id IS NOT NULL AND s.territory_id <> ''
WITH DISTINCT s.territory_id AS district, key
RETURN collect([district, key]) AS rows
"""


def subject_groups_statement() -> str:
    """The rows of ``_gap_subject_without_methodist`` for the groups ``$groups`` (``[district,
    subject key]`` pairs no methodist covers): each group's deficits found from its district's
    schools, as a territory's statement finds them.

    >>> subject_groups_statement().splitlines()[0]
    'UNWIND $groups AS g'
    """
    return f"""UNWIND $groups AS g
MATCH (s:Organization {{territory_id: g[0]}}) WHERE s.kind = 'school'
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH DISTINCT g, t
MATCH (t)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND toLower(trim(c.subject)) = g[1]
WITH g[0] AS district, g[1] AS key, collect([t.id, d.id, c.id, c.subject]) AS found
OPTIONAL MATCH (n:Node {{id: district}}) WHERE n:Municipality
{_gap_subject_without_methodist(False)[1]}
"""


def subject_coverage() -> str:
    """The whole country's ``[district, subject key]`` pairs a methodist covers, the three
    ways ``_gap_subject_without_methodist`` checks one group: a local methodist of the subject
    (a methodist role at an organization of the district, the first role's body there, some
    role at a methodist body); a methodist supporting a school of the district; a methodist
    supporting or tutoring a teacher of one of its schools. Computed once from the methodists
    (few), for the gap statement to look each group up in.

    >>> subject_coverage().splitlines()[0]
    'MATCH (m:Node)-[h:HAS_ROLE]->(:Node)'
    """
    keys = _subject_keys("roles", "m")
    supported = ("CASE WHEN r.subject IS NOT NULL AND r.subject <> '' "
                 f"THEN [toLower(trim(r.subject))] ELSE {keys} END")
    work = f"(type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}"
    return f"""{_METHODISTS}WITH m, {_roles('m')} AS roles
CALL {{
    WITH m, roles
    WITH m, roles WHERE any(r IN roles WHERE r[3] IN $bodies)
      AND EXISTS {{ MATCH (m)-[h0:HAS_ROLE]->(o:Organization)
                   WHERE o.territory_id = roles[0][2] AND h0.role IN $roles
                     AND {_active_on('h0')} }}
    UNWIND {keys} AS key
    RETURN roles[0][2] AS district, key
  UNION
    WITH m, roles
    MATCH (m)-[r:SUPPORTS]->(s:Organization)
    WHERE s.kind = 'school' AND {_active_in('r')}
    UNWIND {supported} AS key
    RETURN s.territory_id AS district, key
  UNION
    WITH m, roles
    MATCH (m)-[r:SUPPORTS|TUTORS]->(:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization)
    WHERE s.kind = 'school' AND {_active_in('r')} AND {work}
    UNWIND {supported} AS key
    RETURN s.territory_id AS district, key
}}
WITH DISTINCT district, key
WHERE district IS NOT NULL AND key IS NOT NULL
RETURN collect([district, key]) AS rows
"""


_GAP_STATEMENTS = {
    "deficit_without_route": _gap_deficit_without_route,
    "teacher_without_methodist": _gap_teacher_without_methodist,
    "young_specialist_without_support": _gap_young_specialist_without_support,
    "school_without_methodological_service": _gap_school_without_methodological_service,
    "district_without_methodist_pool": _gap_district_without_methodist_pool,
    "subject_without_methodist": _gap_subject_without_methodist,
    "methodist_over_load": _gap_methodist_over_load,
}


def _collected(returned: str, name: str) -> str:
    """A statement's ``RETURN a AS x, y, …`` as one row: ``collect({x: a, y: y, …}) AS name``.

    >>> _collected("RETURN d.id AS id, pools", "found")
    'RETURN collect({id: d.id, pools: pools}) AS found'
    """
    items, depth, start = [], 0, 0
    text = returned.strip().removeprefix("RETURN").strip()
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    items.append(text[start:].strip())
    pairs = []
    for item in items:
        expression, _, alias = item.rpartition(" AS ")
        pairs.append(f"{alias or item}: {expression or item}")
    return f"RETURN collect({{{', '.join(pairs)}}}) AS {name}"


def gap_report_statement(kinds: Sequence[str]) -> str:
    """The rows of several kinds of gap in one statement, for a territory (``$terrs``): one
    subquery per kind, each collecting the rows its own statement returns (as maps) into a
    column named after the kind. A district's report is then one round trip, not seven.

    >>> print(gap_report_statement(["district_without_methodist_pool"]).splitlines()[-1])
    RETURN district_without_methodist_pool
    """
    calls = []
    for kind in kinds:
        body, rows = _GAP_STATEMENTS[kind](True)
        calls.append(f"CALL {{\n{body}{_collected(rows, kind)}\n}}\n")
    return "".join(calls) + f"RETURN {', '.join(kinds)}"


# -- The first page of the country's lists ---------------------------------------------------
# A coordinator's first screen shows each kind's count and the first page of its list, in the
# list's order (by id). The country's lists of teachers are long (on nation data 969 009
# teachers have no methodist); their first page is found by walking the nodes in id order on
# the index of Node.id and checking each against the kind's rule written as existence checks
# only (an aggregation before the LIMIT makes the planner read every teacher first); only the
# ``$limit`` teachers found are expanded by the kind's own statement, which checks them again.
# A list of schools is ordered in the server and cut there (a top-N sort over the schools).

_WORK_IN_AREA = (f"MATCH (t)-[w:EMPLOYED_AT|HAS_ROLE]->(s:Organization) WHERE s.kind = 'school' "
                 f"AND (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}")

# ``_TEACHES`` from the teacher: the subjects of their work edges in the area, or their own
# where no such edge lists any.
_TEACHES_FROM_T = f"""($subject IS NULL
       OR EXISTS {{ {_WORK_IN_AREA}
                   AND any(x IN coalesce(w.subjects, []) WHERE toLower(trim(x)) = $subject) }}
       OR (NOT EXISTS {{ {_WORK_IN_AREA} AND size(coalesce(w.subjects, [])) > 0 }}
           AND any(x IN coalesce(t.subjects, []) WHERE toLower(trim(x)) = $subject)))"""

_PAGE_RULES = {
    "deficit_without_route": """EXISTS { MATCH (t)-[d:HAS_DEFICIT]->(c:Node)
               WHERE (d.date IS NULL OR d.date <= $on)
                 AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject) }
  AND NOT EXISTS { MATCH (t)-[:HAS_ROUTE]->(r:Node)
                   WHERE coalesce(r.status, '') <> 'cancelled'
                     AND coalesce(r.created, '') <= $on }""",
    "teacher_without_methodist": f"""{_TEACHES_FROM_T}
  AND NOT EXISTS {{ MATCH (src:Node)-[r:SUPPORTS|TUTORS]->(t)
                    WHERE {_active_in('r')} AND {_methodist('src')} }}""",
    "young_specialist_without_support": f"""{_UNSUPPORTED_YOUNG}
  AND {_TEACHES_FROM_T}""",
}

# Where a kind's teachers are walked from: in id order; young specialists of one subject (a
# few among the young, who are a few among the teachers) from the index on career_start_year
# (a narrow range of first years of work), then put in order.
_PAGE_BY_SUBJECT = {"young_specialist_without_support": f"MATCH {_YOUNG_RANGE}"}
_IN_ID_ORDER = "MATCH (t:Node) WHERE t.id IS NOT NULL"


def gap_page_statement(kind: str, *, by_subject: bool = False) -> str | None:
    """The first ``$limit`` gaps of one kind for the whole country, in the list's order
    (by id), without building the rest of the list; ``None`` for the kinds whose whole list
    is short (districts, subjects in a district, methodists over the norm). ``by_subject``:
    ``$subject`` is given.

    >>> print(gap_page_statement("teacher_without_methodist").splitlines()[0])
    MATCH (t:Node) WHERE t.id IS NOT NULL
    >>> gap_page_statement("district_without_methodist_pool") is None
    True
    """
    if kind in _PAGE_RULES:
        start = (_PAGE_BY_SUBJECT if by_subject else {}).get(kind, _IN_ID_ORDER)
        page = (f"{start}\n  AND {_works_in_area('t', False)}\n"
                f"  AND {_PAGE_RULES[kind]}\nWITH t ORDER BY t.id LIMIT $limit\n")
        body, rows = _GAP_STATEMENTS[kind](False, page)  # type: ignore[call-arg]
        return body + rows + "\n"
    if kind == "school_without_methodological_service":
        body, rows = _GAP_STATEMENTS[kind](False)
        ordered = ("MATCH (s:Node) USING INDEX s:Node(id)\n"
                   "WHERE s.id IS NOT NULL AND s:Organization AND s.kind = 'school'")
        body = body.replace(_schools(False), ordered, 1)
        return f"{body}WITH s ORDER BY s.id LIMIT $limit\n{rows}\n"
    return None


def profiled(query: str) -> str:
    """A read run with its plan profiled (for checking which indexes a statement uses).

    >>> profiled("RETURN 1")
    'PROFILE RETURN 1'
    """
    return f"PROFILE {query}"


def gap_statement(kind: str, *, scoped: bool, count: bool = False,
                  by_subject: bool = False) -> str:
    """The statement answering one kind of gap: its rows, or (``count``) only their number.

    ``scoped``: the area is ``$terrs`` (else the whole country); ``by_subject``: ``$subject``
    is given (a count of teachers of a subject needs their subjects).

    >>> print(gap_statement("school_without_methodological_service", scoped=False,
    ...                     count=True).splitlines()[0])
    MATCH (s:Organization {kind: 'school'})
    """
    if not scoped and count and kind in _COUNTRY_COUNTS and (
            kind == "subject_without_methodist" or not by_subject):
        return _COUNTRY_COUNTS[kind]()
    lean = _GAP_COUNTS.get(kind) if count else None
    if lean is not None and (kind == "deficit_without_route" or not by_subject):
        return lean(scoped) + "RETURN count(*) AS n\n"
    made = _COUNTRY_STATEMENTS.get(kind) if not scoped else None
    body, rows = (made or _GAP_STATEMENTS[kind])(scoped)
    return body + ("RETURN count(*) AS n\n" if count else rows + "\n")


# -- The country's gap counts kept per district ----------------------------------------------
# A coordinator's first screen of the whole country shows every kind's count; counted exactly
# each time they cost seconds of server CPU on nation data. They are kept instead as partials
# per district (graph/queries/kept_counts.py): each kind's count of the gaps a district holds,
# every gap in exactly one district (a teacher in the district of their first school by id, a
# school and a group of deficits in their own, a methodist in the district of their first
# role's body, a district in itself; ``''`` for a gap with no territory), so that the country's
# count is their sum. ``gap_partial_statement`` counts them for the districts ``$districts``
# (every other parameter as in the gap statements above, ``$terrs`` null: the country's rule).
# Every write marks the districts it can change (``STALE_*``, ``BUMP_GENERATIONS``) in its own
# transaction; a partial kept with the generations it was counted at is fresh while they are.

_SCHOOLS_OF_DISTRICTS = ("UNWIND $districts AS tid\n"
                         "MATCH (s:Organization {territory_id: tid}) WHERE s.kind = 'school'")
_SCHOOLS_WITHOUT_DISTRICT = ("MATCH (s:Organization {kind: 'school'})\n"
                             "WHERE coalesce(s.territory_id, '') = ''")


def _partial_teachers(kind: str, nowhere: bool) -> str:
    start = _SCHOOLS_WITHOUT_DISTRICT if nowhere else _SCHOOLS_OF_DISTRICTS
    return f"""{start}
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH DISTINCT t
WITH t, COLLECT {{ {_WORK_IN_AREA} RETURN s.territory_id AS home ORDER BY s.id LIMIT 1 }} AS homes
WITH t, coalesce(homes[0], '') AS district
WHERE district IN $districts
  AND {_PAGE_RULES[kind]}
RETURN district, count(*) AS n
"""


def _partial_schools(nowhere: bool) -> str:
    body, _rows = _gap_school_without_methodological_service(True)
    start = _SCHOOLS_WITHOUT_DISTRICT if nowhere else _SCHOOLS_OF_DISTRICTS
    return (body.replace(_schools(True), start, 1)
            + "RETURN coalesce(s.territory_id, '') AS district, count(*) AS n\n")


def _partial_districts() -> str:
    body, _rows = _gap_district_without_methodist_pool(True)
    return body.replace("$terrs", "$districts", 1) + "RETURN d.id AS district, count(*) AS n\n"


def _partial_subjects() -> str:
    body, _rows = _gap_subject_without_methodist(True)
    # Each group kept as its subject key and its teachers' ids (``GROUP_SEPARATOR`` between
    # them): a first page reads only those teachers (``subject_page_statement``).
    return (body.replace("UNWIND $terrs AS tid", "UNWIND $districts AS tid", 1)
            + f"RETURN district, count(*) AS n, collect({_GROUP_MEMBER}) AS members\n")


# A kept group of the subjects without a methodist: its subject key, then the ids of its
# teachers, each after a character no id or subject holds.
GROUP_SEPARATOR = "\x1e"
_GROUP_MEMBER = "reduce(x = key, f IN found | x + '\\u001E' + f[0])"


def _partial_load(nowhere: bool) -> str:
    body, _rows = _gap_methodist_over_load(True)
    start = (_METHODISTS if nowhere else
             "UNWIND $districts AS tid\nMATCH (:Organization {territory_id: tid})"
             f"<-[h0:HAS_ROLE]-(m:Node)\nWHERE h0.role IN $roles AND {_active_on('h0')}\n"
             "WITH DISTINCT m\n")
    roles = f"WITH m, {_roles('m')} AS roles\n"
    _head, found, rest = body.partition(roles)
    assert found, "the load statement lists the roles"
    return (start + roles
            + "WITH m, roles WHERE coalesce(roles[0][2], '') IN $districts\n"
              "  AND any(r IN roles WHERE r[3] IN $bodies)\n"
            + rest + "RETURN coalesce(roles[0][2], '') AS district, count(*) AS n, "
                     "collect(m.id) AS members\n")


# The first school of a teacher's ``schools`` (``[id, territory]`` pairs), by id: its district.
_HOME = ("coalesce(reduce(b = schools[0], x IN schools | CASE WHEN x[0] < b[0] THEN x ELSE b "
         "END)[1], '')")


def _country_partial_teachers(kind: str) -> str:
    """Every district's teachers of one kind at once, from where the country's counts start
    (the deficits; the young), each teacher's district found only for those who count. Every
    district's row comes back (a list of thousands checked for each of a million teachers
    costs more than the rows): the caller keeps those it asked for."""
    if kind == "deficit_without_route":
        made, _rows = _COUNTRY_STATEMENTS[kind](False)
        body = made.split("\nMATCH (t)-[d:HAS_DEFICIT]", 1)[0] + "\n"
        body += f"WITH t, {_HOME} AS district\n"
    else:
        body = f"""MATCH {_YOUNG_RANGE}
  AND {_works_in_area('t', False)}
  AND {_UNSUPPORTED_YOUNG}
WITH t, COLLECT {{ {_WORK_IN_AREA} RETURN s.territory_id AS home ORDER BY s.id LIMIT 1 }} AS homes
WITH t, coalesce(homes[0], '') AS district
"""
    return body + "RETURN district, count(*) AS n\n"


_TEACHERS_BY_DISTRICT = """WITH t, min([s.id, s.territory_id]) AS first
RETURN coalesce(first[1], '') AS district, count(*) AS n
"""

# The country's teachers per district (each in the district of their first school), and those
# of them a methodist supports or tutors during the period: teachers without a methodist per
# district are the difference, as the country's count is (``_COUNTRY_COUNTS``).
TEACHERS_BY_DISTRICT = f"""MATCH (s:Organization {{kind: 'school'}})
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
{_TEACHERS_BY_DISTRICT}"""

SUPPORTED_TEACHERS_BY_DISTRICT = f"""{_METHODISTS}MATCH (m)-[r:SUPPORTS|TUTORS]->(t:Node)
WHERE {_active_in('r')}
WITH DISTINCT t
{_WORK_IN_AREA}
{_TEACHERS_BY_DISTRICT}"""


def gap_partial_statement(kind: str, *, nowhere: bool = False,
                          country: bool = False) -> str | None:
    """The count of one kind of gap in each district of ``$districts``: rows ``district, n``
    (a district with none has no row). ``nowhere``: the gaps with no territory (``$districts``
    is then ``['']``); ``None`` where a kind has none (districts, groups of a district).
    ``country``: for many districts at once, the teachers' kinds start where the country's
    statements do, not from each district's schools.

    >>> print(gap_partial_statement("school_without_methodological_service").splitlines()[0])
    UNWIND $districts AS tid
    >>> gap_partial_statement("district_without_methodist_pool", nowhere=True) is None
    True
    """
    if kind in ("deficit_without_route", "young_specialist_without_support") and country \
            and not nowhere:
        return _country_partial_teachers(kind)
    if kind in _PAGE_RULES:
        return _partial_teachers(kind, nowhere)
    if kind == "school_without_methodological_service":
        return _partial_schools(nowhere)
    if kind == "methodist_over_load":
        return _partial_load(nowhere)
    if nowhere:
        return None
    if kind == "district_without_methodist_pool":
        return _partial_districts()
    if kind == "subject_without_methodist":
        return _partial_subjects()
    raise ValueError(f"no partial statement for {kind!r}")


def subject_page_statement() -> str:
    """The rows of the country's subjects without a methodist for the groups ``$groups``
    (``[district, subject key, [teacher id, …]]``: the groups the kept partials name, with
    their teachers; see ``graph/queries/kept_counts.py``): the first page of that list, only
    the page's teachers read, with their deficits of the group's subject.

    >>> subject_page_statement().splitlines()[0]
    'UNWIND $groups AS g'
    """
    return f"""UNWIND $groups AS g
UNWIND g[2] AS tid
MATCH (t:Node {{id: tid}})-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on) AND c.subject IS NOT NULL AND c.subject <> ''
  AND toLower(trim(c.subject)) = g[1]
WITH g[0] AS district, g[1] AS key, collect([t.id, d.id, c.id, c.subject]) AS found
OPTIONAL MATCH (n:Node {{id: district}}) WHERE n:Municipality
{_gap_subject_without_methodist(False)[1]}
"""


def load_page_statement() -> str:
    """The rows of the country's methodists over the norm among ``$ids`` (the first page of
    that list, by id, as the kept partials name them; see ``graph/queries/kept_counts.py``),
    the rule checked again for each.

    >>> load_page_statement().splitlines()[0]
    'UNWIND $ids AS i'
    """
    body, rows = _gap_methodist_over_load(False)
    roles = f"WITH m, {_roles('m')} AS roles\n"
    _head, found, rest = body.partition(roles)
    assert found, "the load statement lists the roles"
    return ("UNWIND $ids AS i\nMATCH (m:Node {id: i})\nWITH DISTINCT m\n" + roles
            + "WITH m, roles WHERE any(r IN roles WHERE r[3] IN $bodies)\n"
            + rest + rows + "\n")


# What a write touches, read in its own transaction before and after it: the written nodes and
# the ends of written edges, then their neighbours hop by hop (``$last``: only the bodies and
# municipalities, where a walk ends), at most ``$cap`` of them a hop (more: the write is too
# broad to bound, and every district is marked).
STALE_NODES = """
UNWIND $ids AS i
MATCH (x:Node {id: i})
RETURN x.id AS id, x:Person AS person, x:Organization AS org, x:Municipality AS municipality,
       x.territory_id AS territory
"""

STALE_NEIGHBOURS = """
UNWIND $ids AS i
MATCH (:Node {id: i})--(y:Node)
WHERE NOT $last OR y:Organization OR y:Municipality
WITH DISTINCT y LIMIT $cap
RETURN y.id AS id, y:Person AS person, y:Organization AS org, y:Municipality AS municipality,
       y.territory_id AS territory
"""

STALE_EDGE_ENDS = """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})-[r {id: row.id}]->(b:Node)
RETURN a.id AS source, b.id AS target
"""

# ``*`` is every district's generation (bumped by writes too broad to bound).
BUMP_GENERATIONS = """
UNWIND $districts AS d
MERGE (g:GapGeneration {id: d})
SET g.gen = coalesce(g.gen, 0) + 1
"""

GENERATIONS = """
MATCH (g:GapGeneration)
RETURN collect([g.id, g.gen]) AS rows
"""

KEPT_PARTIALS = """
UNWIND $keys AS k
MATCH (p:GapPartials {id: k})
RETURN p.id AS id, p.districts AS districts, p.tags AS tags, p.counts AS counts,
       p.members AS members
"""

KEEP_PARTIALS = """
UNWIND $rows AS row
MERGE (p:GapPartials {id: row.id})
SET p.districts = row.districts, p.tags = row.tags, p.counts = row.counts,
    p.members = row.members
"""

# The whole country's first screen kept whole (``NativeGaps.first_pages``): the rows its page
# statements read, under a key naming what they depend on, with the digest of every district's
# generation when they were read (``tag``). Read with the generations as they are now, in one
# statement (``FIRST_SCREEN_STATE``): a kept page whose tag is theirs is exact (no write has
# marked a district since).
# A first screen reads, in this one statement, what it needs before counting: every district's
# generation, every district (each organization's territory from its index, each
# municipality), the partials kept under ``$keys`` and the screen kept under ``$page``.
FIRST_SCREEN_STATE = """
OPTIONAL MATCH (g:GapGeneration)
WITH collect([g.id, g.gen]) AS generations
OPTIONAL MATCH (o:Organization) WHERE o.territory_id IS NOT NULL
WITH generations, collect(DISTINCT o.territory_id) AS places
OPTIONAL MATCH (m:Municipality)
WITH generations, places, collect(m.id) AS municipalities
OPTIONAL MATCH (p:GapPage {id: $page})
RETURN generations, places, municipalities, p.tag AS tag, p.rows AS page,
       COLLECT { UNWIND $keys AS k MATCH (q:GapPartials {id: k})
                 RETURN [q.id, q.districts, q.tags, q.counts, q.members] } AS partials
"""

# When the server's process started (milliseconds): a restart drops every plan and cached page
# (graph/queries/warm_up.py ``ServerWatch``).
SERVER_STARTED = """
CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes
RETURN attributes.StartTime.value AS started
"""

# Every district a gap can be counted in (graph/queries/kept_counts.py ``_districts``): each
# organization's territory, from the index alone, and each municipality.
GAP_DISTRICTS = """
OPTIONAL MATCH (o:Organization) WHERE o.territory_id IS NOT NULL
WITH collect(DISTINCT o.territory_id) AS places
OPTIONAL MATCH (m:Municipality)
RETURN places, collect(m.id) AS municipalities
"""

KEEP_PAGE = """
MERGE (p:GapPage {id: $key})
SET p.tag = $tag, p.rows = $rows
"""

GAP_PARTIAL_CONSTRAINTS = [
    "CREATE CONSTRAINT methodnet_gapgeneration_id IF NOT EXISTS "
    "FOR (n:GapGeneration) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT methodnet_gappartials_id IF NOT EXISTS "
    "FOR (n:GapPartials) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT methodnet_gappage_id IF NOT EXISTS "
    "FOR (n:GapPage) REQUIRE n.id IS UNIQUE",
]
