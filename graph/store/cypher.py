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
    "count_private",
    "edges_query",
    "gap_statement",
    "get_private",
    "merge_edges",
    "merge_nodes",
    "merge_private",
    "nodes_query",
    "obsolete_indexes",
    "private_constraints",
    "private_query",
    "profiled",
    "property_indexes",
    "relabel_conflicts",
    "relationship_indexes",
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


def _teachers(scoped: bool) -> str:
    """The area's teachers ``t`` (active EMPLOYED_AT, or HAS_ROLE teacher, to its schools) with
    ``work`` (those edges as evidence), ``schools`` (``[id, territory]``) and ``subjects``."""
    return f"""{_schools(scoped)}
MATCH (t:Node)-[w:EMPLOYED_AT|HAS_ROLE]->(s)
WHERE (type(w) = 'EMPLOYED_AT' OR w.role = 'teacher') AND {_active_on('w')}
WITH t, collect([w.id, type(w), t.id, s.id]) AS work, collect([s.id, s.territory_id]) AS schools,
     reduce(a = [], x IN collect(w.subjects) | a + x) AS listed
WITH t, work, schools, CASE WHEN size(listed) = 0 THEN coalesce(t.subjects, [])
                            ELSE listed END AS subjects
"""


def _gap_deficit_without_route(scoped: bool) -> tuple[str, str]:
    body = f"""{_teachers(scoped)}
WHERE NOT EXISTS {{ MATCH (t)-[:HAS_ROUTE]->(r:Node)
                    WHERE coalesce(r.status, '') <> 'cancelled'
                      AND coalesce(r.created, '') <= $on }}
MATCH (t)-[d:HAS_DEFICIT]->(c:Node)
WHERE (d.date IS NULL OR d.date <= $on)
  AND ($subject IS NULL OR toLower(trim(c.subject)) = $subject)
WITH t, schools, collect([d.id, type(d), t.id, c.id, c.subject, {_title('c')}]) AS deficits
"""
    return body, f"RETURN t.id AS id, {_title('t')} AS title, schools, deficits"


def _gap_teacher_without_methodist(scoped: bool) -> tuple[str, str]:
    body = f"""{_teachers(scoped)}
WHERE {_TEACHES}
WITH t, work, schools,
     COLLECT {{ MATCH (src:Node)-[r:SUPPORTS|TUTORS]->(t) WHERE {_active_in('r')}
               RETURN [r.id, type(r), src.id, t.id, {_title('src')}, {_methodist('src')}] }}
     AS support
WHERE none(x IN support WHERE x[5])
"""
    return body, f"RETURN t.id AS id, {_title('t')} AS title, schools, work, support"


def _gap_young_specialist_without_support(scoped: bool) -> tuple[str, str]:
    body = f"""{_teachers(scoped)}
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

_GAP_STATEMENTS = {
    "deficit_without_route": _gap_deficit_without_route,
    "teacher_without_methodist": _gap_teacher_without_methodist,
    "young_specialist_without_support": _gap_young_specialist_without_support,
    "school_without_methodological_service": _gap_school_without_methodological_service,
    "district_without_methodist_pool": _gap_district_without_methodist_pool,
    "subject_without_methodist": _gap_subject_without_methodist,
    "methodist_over_load": _gap_methodist_over_load,
}


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
    lean = _GAP_COUNTS.get(kind) if count else None
    if lean is not None and (kind == "deficit_without_route" or not by_subject):
        return lean(scoped) + "RETURN count(*) AS n\n"
    body, rows = _GAP_STATEMENTS[kind](scoped)
    return body + ("RETURN count(*) AS n\n" if count else rows + "\n")
