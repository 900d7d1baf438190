"""Questions over the regulations: who must do what, by which clause; citations; diffs."""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import NodeNotFound
from graph.model.base import NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.seen import seen_ids
from graph.rules import region_of, territory_closure
from graph.store.base import Store, reads_together

__all__ = [
    "CitationGraph",
    "CitedActView",
    "DutyView",
    "Obligation",
    "RegulationDiff",
    "RegulationExtract",
    "citation_graph",
    "duties_of",
    "regulation_diff",
    "regulation_extract",
    "who_must",
]


@dataclass(frozen=True)
class Obligation:
    """A body that must perform a duty, with the clause that says so."""

    organization_id: str
    organization: str
    duty: str
    categories: tuple[str, ...]
    regulation_id: str
    regulation: str
    clause_number: str
    clause_text: str


@dataclass(frozen=True)
class DutyView:
    """One duty of a body, from one regulation."""

    duty_id: str
    text: str
    categories: tuple[str, ...]
    regulation_id: str
    regulation: str
    clause_number: str


@dataclass(frozen=True)
class CitedActView:
    """A cited act and the documents that cite it."""

    id: str
    title: str
    act_kind: str
    date: str | None
    number: str | None
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class CitationGraph:
    """Regulations, the acts they cite, and the acts cited by more than one document."""

    acts: tuple[CitedActView, ...]
    edges: tuple[tuple[str, str], ...]

    @property
    def shared(self) -> tuple[CitedActView, ...]:
        return tuple(a for a in self.acts if len(a.cited_by) > 1)


@dataclass(frozen=True)
class RegulationDiff:
    """What regulation ``a`` has that ``b`` lacks, and the reverse."""

    a_id: str
    b_id: str
    bodies_only_in_a: tuple[str, ...]
    bodies_only_in_b: tuple[str, ...]
    categories_only_in_a: tuple[str, ...]
    categories_only_in_b: tuple[str, ...]
    duties_only_in_a: tuple[tuple[str, str], ...]  # (body id, category) pairs
    duties_only_in_b: tuple[tuple[str, str], ...]


def _name(node: NodeRecord | None, fallback: str) -> str:
    if node is None:
        return fallback
    for prop in ("short_name", "name", "title"):
        value = node.props.get(prop)
        if isinstance(value, str) and value:
            return value
    return fallback


def _categories(node: NodeRecord) -> tuple[str, ...]:
    value = node.props.get("categories") or []
    return tuple(value) if isinstance(value, list) else (str(value),)


def _clause_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split(".") if x.isdigit())


@reads_together
def who_must(store: Store, category: str, *, territory_id: str | None = None) -> list[Obligation]:
    """Bodies that must perform duties of a category, with the regulation and clause.

    ``territory_id`` keeps regulations of that territory and of the territories within it
    (a region's municipalities) or above it (a municipality's region).

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> from graph.loaders.regulations import load_regulations
    >>> s = MemoryStore(); _ = load_regulations(s, Path("data/regulations"))
    >>> rows = who_must(s, "low_results_support", territory_id="RU-LEN-vsevolozhsky")
    >>> [(o.organization_id, o.clause_number) for o in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('LEN-vsevolozhsky-mms', '2.2'),
     ('LEN-vsevolozhsky-generic-municipal-community-professional_association', '2.4'),
     ('LEN-cnppm', '3.2.4'), ('LEN-pool', '3.2.7'),
     ('LEN-generic-municipal-methodist_pool', '3.3.4')]
    """
    duties = [d for d in store.nodes("Duty") if category in _categories(d)]
    if not duties:
        return []
    regs = {r.id: r for r in store.nodes("Regulation")}
    allowed = _territories(store, territory_id) if territory_id else None
    by_duty = {e.target: e for e in store.edges("HAS_DUTY", targets=[d.id for d in duties])}
    orgs = store.get_nodes({e.source for e in by_duty.values()})
    clause_ids = {f"{d.props['regulation_id']}:{d.props.get('clause_number')}" for d in duties}
    clauses = store.get_nodes(clause_ids)
    out = []
    for d in duties:
        edge = by_duty.get(d.id)
        reg_id = str(d.props["regulation_id"])
        reg = regs.get(reg_id)
        if edge is None or reg is None:
            continue
        if allowed is not None and reg.props.get("territory_id") not in allowed:
            continue
        number = str(d.props.get("clause_number", ""))
        clause = clauses.get(f"{reg_id}:{number}")
        out.append(Obligation(edge.source, _name(orgs.get(edge.source), edge.source),
                              str(d.props["text"]), _categories(d), reg_id,
                              _name(reg, reg_id), number,
                              str(clause.props.get("text", "")) if clause else ""))
    out.sort(key=lambda o: (o.regulation_id, _clause_key(o.clause_number), o.organization_id,
                            o.duty))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for o in out:  # one row per body and clause: the duties of a clause say it once
        key = (o.organization_id, o.regulation_id, o.clause_number)
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return sorted(unique, key=lambda o: (_order(regs.get(o.regulation_id)),
                                         _clause_key(o.clause_number), o.organization_id))


def _order(reg: NodeRecord | None) -> tuple[str, str]:
    if reg is None:
        return ("", "")
    return ((str(reg.props.get("level") or "") != "municipal" and "1") or "0", reg.id)


def _territories(store: Store, territory_id: str) -> set[str]:
    node = store.get_node(territory_id)
    if node is None:
        raise NodeNotFound(f"territory {territory_id!r} is not in the store")
    if node.label == "Region":
        return territory_closure(store, [territory_id])
    return {territory_id, str(region_of(node) or "")}


@reads_together
def duties_of(store: Store, organization_id: str) -> list[DutyView]:
    """Everything a body must do, across all regulations, in clause order.

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> from graph.loaders.regulations import load_regulations
    >>> s = MemoryStore(); _ = load_regulations(s, Path("data/regulations"))
    >>> [d.clause_number for d in duties_of(s, "LEN-umo")]
    ['3.2.8', '3.2.8', '3.2.8']
    """
    if store.get_node(organization_id) is None:
        raise NodeNotFound(f"body {organization_id!r} is not in the store")
    edges = store.edges("HAS_DUTY", sources=[organization_id])
    duties = store.get_nodes([e.target for e in edges])
    regs = {r.id: r for r in store.nodes("Regulation")}
    out = [DutyView(d.id, str(d.props["text"]), _categories(d), str(d.props["regulation_id"]),
                    _name(regs.get(str(d.props["regulation_id"])), ""),
                    str(d.props.get("clause_number", "")))
           for d in duties.values()]
    return sorted(out, key=lambda v: (v.regulation_id, _clause_key(v.clause_number), v.duty_id))


@reads_together
def citation_graph(store: Store) -> CitationGraph:
    """Every cited act with the documents citing it; ``shared`` are those cited by several.

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> from graph.loaders.regulations import load_regulations
    >>> s = MemoryStore(); _ = load_regulations(s, Path("data/regulations"))
    >>> g = citation_graph(s)
    >>> [a.cited_by for a in g.acts if a.id == "act:federal_law:2012-12-29:273-fz"]
    [('reg-2023-lo-rsnms', 'reg-2023-vsevolozhsk-mms', 'reg-lo-mobile-service')]
    """
    edges = store.edges("CITES")
    targets = store.get_nodes({e.target for e in edges})
    citing: dict[str, set[str]] = {}
    for e in edges:
        citing.setdefault(e.target, set()).add(e.source)
    acts = []
    for act_id, node in sorted(targets.items()):
        acts.append(CitedActView(act_id, str(node.props.get("title", act_id)),
                                 str(node.props.get("act_kind", "other")),
                                 node.props.get("date"), node.props.get("number"),
                                 tuple(sorted(citing[act_id]))))
    return CitationGraph(tuple(acts), tuple(sorted((e.source, e.target) for e in edges)))


@reads_together
def regulation_diff(store: Store, a_id: str, b_id: str) -> RegulationDiff:
    """Bodies and duty categories one regulation has and the other lacks.

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> from graph.loaders.regulations import load_regulations
    >>> s = MemoryStore(); _ = load_regulations(s, Path("data/regulations"))
    >>> d = regulation_diff(s, "reg-2019-lo-regional-methodological-service", "reg-2023-lo-rsnms")
    >>> "LEN-cnppm" in d.bodies_only_in_b, "LEN-ks-rms" in d.bodies_only_in_a
    (True, True)
    """
    for rid in (a_id, b_id):
        node = store.get_node(rid)
        if node is None or node.label != "Regulation":
            raise NodeNotFound(f"regulation {rid!r} is not in the store")
    a, b = _duty_pairs(store, a_id), _duty_pairs(store, b_id)
    bodies_a = {o for o, _ in a} | _mentioned(store, a_id)
    bodies_b = {o for o, _ in b} | _mentioned(store, b_id)
    cats_a, cats_b = {c for _, c in a}, {c for _, c in b}
    return RegulationDiff(
        a_id, b_id,
        tuple(sorted(bodies_a - bodies_b)), tuple(sorted(bodies_b - bodies_a)),
        tuple(sorted(cats_a - cats_b)), tuple(sorted(cats_b - cats_a)),
        tuple(sorted(a - b)), tuple(sorted(b - a)),
    )


def _duty_pairs(store: Store, regulation_id: str) -> set[tuple[str, str]]:
    edges = store.edges("HAS_DUTY", where={"regulation_id": regulation_id})
    duties = store.get_nodes([e.target for e in edges])
    pairs = set()
    for e in edges:
        node = duties.get(e.target)
        if node is None:
            continue
        for c in _categories(node) or ("uncategorised",):
            pairs.add((e.source, c))
    return pairs


def _mentioned(store: Store, regulation_id: str) -> set[str]:
    return {e.target for e in store.edges("MENTIONS", sources=[regulation_id])}


# Edge types between bodies that a regulation states, each with its clause.
_BODY_RELATIONS = ("PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES", "SUBORDINATE_TO",
                   "INTERACTS_WITH", "CHAIRS")


@dataclass(frozen=True)
class RegulationExtract:
    """What the loader extracted from one regulation, section by section, as plain rows.

    ``unread`` holds the clauses nothing was extracted from (the load report, with lines and
    reasons, is printed when the text is loaded or checked).
    """

    regulation: dict[str, object]
    clauses: tuple[dict[str, object], ...]
    bodies: tuple[dict[str, object], ...]
    duties: tuple[dict[str, object], ...]
    relations: tuple[dict[str, object], ...]
    terms: tuple[dict[str, object], ...]
    citations: tuple[dict[str, object], ...]
    unread: tuple[dict[str, object], ...]

    SECTIONS = ("clauses", "bodies", "duties", "relations", "terms", "citations", "unread")

    def rows(self) -> list[dict[str, object]]:
        """Every section's rows in one table: section, clause, subject, what, text."""
        out: list[dict[str, object]] = []
        for r in self.clauses:
            out.append(_row("clause", r["number"], "", "", r["text"]))
        for r in self.bodies:
            out.append(_row("body", "", r["id"], f"{r['kind']}, {r['level']}",
                            "; ".join([str(r["name"]), *(n for n in _list(r["names"])
                                                         if n != r["name"])])))
        for r in self.duties:
            out.append(_row("duty", r["clause"], r["body_id"], "|".join(_list(r["categories"])),
                            r["text"]))
        for r in self.relations:
            out.append(_row("relation", r["clause"], r["source_id"], r["type"],
                            r["target_id"]))
        for r in self.terms:
            out.append(_row("term", r["clause"], r["abbreviation"] or "", r["name"],
                            r["definition"]))
        for r in self.citations:
            out.append(_row("citation", r["clause"], r["id"], r["act_kind"], r["title"]))
        for r in self.unread:
            out.append(_row("not understood", r["clause"], r.get("line") or "", r["why"],
                            r["text"]))
        return out


def _row(section: str, clause: object, subject: object, what: object,
         text: object) -> dict[str, object]:
    return {"section": section, "clause": clause, "subject": subject, "what": what,
            "text": text}


def _list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


@reads_together
def regulation_extract(store: Store, regulation_id: str, *,
                       scope: Scope = EVERYTHING) -> RegulationExtract:
    """Clauses, bodies with their duties, relations, terms, citations and the clauses nothing
    was read from, of one regulation the caller may see.

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> from graph.loaders.regulations import load_regulations
    >>> s = MemoryStore(); _ = load_regulations(s, Path("data/regulations"))
    >>> x = regulation_extract(s, "reg-zeya-gms")
    >>> len(x.clauses), x.bodies[0]["id"], x.duties[0]["clause"]
    (24, 'AMU-amiro', '1.3')
    """
    reg = store.get_node(regulation_id)
    if reg is None or reg.label != "Regulation" or regulation_id not in seen_ids(
            store, [regulation_id], scope=scope):
        raise NodeNotFound(f"regulation {regulation_id!r} is not in the store / документа "
                           f"{regulation_id!r} нет")
    clause_ids = [e.target for e in store.edges("HAS_CLAUSE", sources=[regulation_id])]
    clauses = sorted(store.get_nodes(clause_ids).values(),
                     key=lambda c: _clause_key(str(c.props.get("number", ""))))
    mentions = store.edges("MENTIONS", sources=[regulation_id])
    has_duty = store.edges("HAS_DUTY", where={"regulation_id": regulation_id})
    relations = store.edges(list(_BODY_RELATIONS), where={"regulation_id": regulation_id})
    org_ids = {e.target for e in mentions} | {e.source for e in has_duty} | {
        end for e in relations for end in (e.source, e.target)}
    visible = seen_ids(store, org_ids, scope=scope)
    orgs = store.get_nodes(sorted(visible))
    duties = store.get_nodes([e.target for e in has_duty])
    defines = store.edges("DEFINES", sources=[regulation_id])
    terms = store.get_nodes([e.target for e in defines])
    cites = store.edges("CITES", sources=[regulation_id])
    acts = store.get_nodes([e.target for e in cites])
    used = {_number(e.props.get("clause_id")) for e in [*has_duty, *relations, *defines, *cites]}
    duty_rows: list[dict[str, object]] = sorted(
        ({"clause": _number(e.props.get("clause_id")), "body_id": e.source,
          "body": _name(orgs.get(e.source), e.source),
          "text": str(duties[e.target].props.get("text", "")),
          "categories": list(_categories(duties[e.target]))}
         for e in has_duty if e.source in orgs and e.target in duties),
        key=lambda r: (_clause_key(str(r["clause"])), str(r["body_id"])))
    by_body: dict[str, list[str]] = {}
    for r in duty_rows:
        by_body.setdefault(str(r["body_id"]), []).extend(_list(r["categories"]))
    named = {e.target: e for e in mentions}
    body_rows: list[dict[str, object]] = [{"id": oid, "name": str(o.props.get("name", "")),
                  "kind": o.props.get("kind"), "level": o.props.get("level"),
                  "names": sorted({str(named[oid].props.get("name") or "")} - {""}
                                  | set(_list(o.props.get("aliases")))),
                  "rule": str(named[oid].props.get("rule") or "") if oid in named else "",
                  "duties": sum(1 for r in duty_rows if r["body_id"] == oid),
                  "categories": sorted(set(by_body.get(oid, [])))}
                 for oid, o in sorted(orgs.items())]
    return RegulationExtract(
        regulation={k: reg.props.get(k) for k in ("title", "act_kind", "territory_id", "level",
                                                  "date", "number", "source")}
        | {"id": regulation_id},
        clauses=tuple({"number": c.props.get("number"),
                       "text": str(c.props.get("text", "")).split("\n")[0][:200]}
                      for c in clauses),
        bodies=tuple(body_rows),
        duties=tuple(duty_rows),
        relations=tuple(sorted(
            ({"clause": _number(e.props.get("clause_id")), "type": e.type,
              "source_id": e.source, "source": _name(orgs.get(e.source), e.source),
              "target_id": e.target, "target": _name(orgs.get(e.target), e.target)}
             for e in relations if e.source in orgs and e.target in orgs),
            key=lambda r: (_clause_key(str(r["clause"])), str(r["type"])))),
        terms=tuple({"clause": _number(e.props.get("clause_id")),
                     "name": terms[e.target].props.get("name"),
                     "abbreviation": terms[e.target].props.get("abbreviation"),
                     "definition": terms[e.target].props.get("definition")}
                    for e in defines if e.target in terms),
        citations=tuple({"clause": _number(e.props.get("clause_id")), "id": e.target,
                         "act_kind": acts[e.target].props.get("act_kind"),
                         "title": acts[e.target].props.get("title"),
                         "date": acts[e.target].props.get("date"),
                         "number": acts[e.target].props.get("number")}
                        for e in cites if e.target in acts),
        unread=tuple({"clause": c.props.get("number"), "line": None,
                      "why": "nothing extracted from this clause",
                      "text": str(c.props.get("text", ""))[:200]}
                     for c in clauses if c.props.get("number") not in used
                     and not _mentions_only(c)),
    )


def _number(clause_id: object) -> str:
    return str(clause_id or "").rsplit(":", 1)[-1]


def _mentions_only(clause: NodeRecord) -> bool:
    """A clause that only has a heading (a section title)."""
    return "\n" not in str(clause.props.get("text", "")) and len(
        str(clause.props.get("text", ""))) < 60 and not str(clause.props.get("text", "")).endswith(
        (".", ";"))
