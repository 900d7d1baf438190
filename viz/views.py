"""The network views: the region's structure, one district, one school, one regulation, a focus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from graph.errors import NodeNotFound
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.nodes import node_territory, title_of
from graph.queries.picture import edges_at, node_of, nodes_of, nodes_where
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import visibility_of, visible_ids
from graph.rules import DEFAULT_LOAD_NORM, METHODIST_ROLES, municipalities, region_of
from graph.store.base import Store
from viz import detail
from viz.aggregate import AGGREGATE_ABOVE, aggregate
from viz.layout import lay_out
from viz.overlay import apply_overlay, coverage
from viz.period import PeriodSpan, data_period, parse_period, period_ru
from viz.scene import Scene, VisNode
from viz.style import AGGREGATE_TEACHERS, GROUPS, edge_label, group_of
from viz.words import category_ru, indicator_ru

__all__ = [
    "BODY_RELATIONS",
    "PAGE_NODES",
    "district_view",
    "focus_view",
    "region_view",
    "regulation_view",
    "school_view",
]

BODY_RELATIONS = ("PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES", "SUBORDINATE_TO",
                  "INTERACTS_WITH")
_PEOPLE_EDGES = ("HAS_ROLE", "EMPLOYED_AT", "MEMBER_OF", "CHAIRS", "SUPPORTS", "MENTORS",
                 "TUTORS")
_SCHOOL_EDGES = ("CURATES", "INTERNSHIP_SITE", "HORIZONTAL_LEARNING", "SUPPORTS")
_ROLE_ORDER = ("regional_methodist", "municipal_methodist", "tutor", "mentor", "manager", "teacher")
_LEVELS = {"federal": "федеральный", "regional": "региональный", "municipal": "муниципальный",
           "institutional": "институциональный"}
_STATUS = {"draft": "черновик", "active": "действует", "completed": "завершён",
           "cancelled": "отменён"}
_MAX_FOCUS_NODES = 30000
PAGE_NODES = 5000
"""The most nodes a district or region page holds (folded); a region with more is summarised
by district, a district with more has its teachers counted per school."""


def region_view(store: Store, region_id: str, *, period: str | None = None,
                load_norm: int = DEFAULT_LOAD_NORM, max_nodes: int = PAGE_NODES,
                scope: Scope = EVERYTHING) -> Scene:
    """The region's bodies and who coordinates whom, its districts, schools and people.

    When the whole region holds more than ``max_nodes`` things, its districts are summarised:
    each district node tells what it holds and the page fetches the district (``expand``)
    when it is opened. Otherwise everything is in the page, folded by :func:`viz.detail.fold`.

    >>> from viz.views import region_view
    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> [n.label for n in region_view(s, "RU-LEN").nodes.values()]
    ['Ленинградская область']
    """
    region = _require(store, region_id, ("Region",), scope)
    span = _span(store, period)
    munis = municipalities(store, [region_id])
    scene = Scene(f"Структура РСНМС: {title_of(region)}",
                  "органы, службы и советы; кто кого координирует", territory=region_id)
    scene.add_node(_node(region, rank=0))
    for m in munis:
        scene.add_node(_node(m, rank=2))
        scene.add_edge(m.id, region_id, "LOCATED_IN", edge_label("LOCATED_IN"))
    territories = [region_id, *(m.id for m in munis)]
    orgs = [o for o in nodes_where(store, "Organization", {"territory_id": territories})
            if not o.props.get("generic_name")]
    roles = _role_edges(store, [o.id for o in orgs], span)
    staff = {e.source for e in roles}
    summaries: dict[str, tuple[list[NodeRecord], set[str]]] = {}
    if len(scene.nodes) + len(orgs) + len(staff) > max_nodes:
        # Too much for one page: the region's own bodies and staff, districts as summaries.
        own = [o for o in orgs if o.props.get("territory_id") == region_id]
        placed = {o.id: str(o.props.get("territory_id")) for o in orgs}
        for m in munis:
            summaries[m.id] = ([o for o in orgs if placed[o.id] == m.id], set())
        for e in roles:
            district = placed.get(e.target)
            if district in summaries:
                summaries[district][1].add(e.source)
        orgs, roles = own, [e for e in roles if placed.get(e.target) == region_id]
        scene.notes.append("Районы показаны сводно — дважды щёлкните по району, чтобы "
                           "раскрыть его на месте.")
    _add_bodies(scene, orgs, regional=region_id)
    _add_people(store, scene, span, roles, rank=6)
    _connect(store, scene, span)
    return _finish(store, scene, span, region_id, load_norm, max_nodes, scope, fold="region",
                   summaries=summaries)


def district_view(store: Store, municipality_id: str, *, period: str | None = None,
                  load_norm: int = DEFAULT_LOAD_NORM, max_nodes: int = PAGE_NODES,
                  scope: Scope = EVERYTHING) -> Scene:
    """One district: its bodies, schools, teachers and methodists, and the regional bodies that
    work with them; every school's staff folded into it at first (:func:`viz.detail.fold`)."""
    muni = _require(store, municipality_id, ("Municipality",), scope)
    span = _span(store, period)
    scene = Scene(f"Район: {title_of(muni)}", "муниципальные органы, школы, педагоги и методисты",
                  territory=municipality_id)
    region = node_of(store, str(region_of(muni) or ""))
    if region is not None:
        scene.add_node(_node(region, rank=0))
    scene.add_node(_node(muni, rank=2))
    if region is not None:
        scene.add_edge(muni.id, region.id, "LOCATED_IN", edge_label("LOCATED_IN"))
    orgs = nodes_where(store, "Organization", {"territory_id": municipality_id})
    _add_bodies(scene, orgs, regional=None)
    ids = [o.id for o in orgs]
    above = {end for e in edges_at(store, ids, BODY_RELATIONS) for end in (e.source, e.target)}
    _add_bodies(scene, nodes_of(store, above - set(scene.nodes)).values(), regional=None, rank=1)
    _add_staff(store, scene, span, _role_edges(store, list(scene.nodes), span), rank=6,
               max_nodes=max_nodes)
    supporters = edges_at(store, list(scene.nodes), ["SUPPORTS", "TUTORS", "MENTORS"],
                          direction="in")
    helpers = {e.source for e in supporters if _active(e, span)} - set(scene.nodes)
    _add_people(store, scene, span, [], rank=5, extra=helpers)
    _connect(store, scene, span)
    return _finish(store, scene, span, municipality_id, load_norm, max_nodes, scope,
                   fold="district")


def school_view(store: Store, school_id: str, *, period: str | None = None,
                load_norm: int = DEFAULT_LOAD_NORM, max_nodes: int = AGGREGATE_ABOVE,
                scope: Scope = EVERYTHING) -> Scene:
    """One school's neighbourhood: its teachers, their methodists, mentors and routes, its
    results and the bodies above it."""
    school = _require(store, school_id, ("Organization",), scope)
    span = _span(store, period)
    scene = Scene(f"Школа: {title_of(school)}", "педагоги, методисты, наставники, ИОМ и органы")
    scene.focus = school_id
    scene.add_node(_node(school, rank=3))
    district = school.props.get("territory_id")
    if isinstance(district, str) and (muni := node_of(store, district)) is not None:
        scene.add_node(_node(muni, rank=0))
        scene.add_edge(school_id, muni.id, "LOCATED_IN", edge_label("LOCATED_IN"))
        bodies = nodes_where(store, "Organization", {
            "territory_id": district,
            "kind": ["education_authority", "methodological_service", "council"]})
        _add_bodies(scene, bodies, regional=None, rank=1)
    # Bodies that support, curate or designate the school, and its own service.
    touching = [e for e in edges_at(store, [school_id], (*_SCHOOL_EDGES, "PART_OF"))
                if e.target == school_id or e.type in ("INTERNSHIP_SITE", "HORIZONTAL_LEARNING")]
    others = {e.source for e in touching} | {e.target for e in touching}
    found = nodes_of(store, others - set(scene.nodes))
    _add_bodies(scene, [n for n in found.values() if n.label == "Organization"], regional=None,
                rank=2)
    _add_people(store, scene, span, [], rank=2,
                extra={n.id for n in found.values() if n.label == "Person"})
    staff = _role_edges(store, [school_id], span)
    _add_people(store, scene, span, staff, rank=4)
    teachers = [n for n in scene.nodes if scene.nodes[n].kind == "Person"]
    helpers = {e.source for e in edges_at(store, teachers, ["SUPPORTS", "TUTORS", "MENTORS"],
                                          direction="in")
               if _active(e, span)}
    _add_people(store, scene, span, [], rank=2, extra=helpers - set(scene.nodes))
    people = [n for n in scene.nodes if scene.nodes[n].kind == "Person"]
    homes = [e for e in edges_at(store, people, "HAS_ROLE", direction="out",
                                 where={"role": list(METHODIST_ROLES)}) if _active(e, span)]
    _add_bodies(scene, nodes_of(store, {e.target for e in homes} - set(scene.nodes)).values(),
                regional=None, rank=1)
    _add_development(store, scene, [n for n in people if n in set(teachers)], rank=5)
    assessed = edges_at(store, [school_id], "HAS_ASSESSMENT", direction="out")
    for a in nodes_of(store, [e.target for e in assessed]).values():
        scene.add_node(_node(a, rank=4))
    _connect(store, scene, span)
    territory = _known_territory(store, district if isinstance(district, str) else None)
    return _finish(store, scene, span, territory, load_norm, max_nodes, scope)


def regulation_view(store: Store, regulation_id: str, *, max_nodes: int = AGGREGATE_ABOVE,
                    scope: Scope = EVERYTHING) -> Scene:
    """A regulation → its clauses that set duties or indicators → the bodies → their duties."""
    reg = _require(store, regulation_id, ("Regulation",), scope)
    scene = Scene(f"Нормативный акт: {title_of(reg)}", "пункты → субъекты → функции; показатели")
    scene.layout = "layered"
    scene.focus = regulation_id
    scene.add_node(_node(reg, rank=0))
    parts = edges_at(store, [regulation_id], ["CITES", "HAS_CLAUSE", "HAS_INDICATOR"],
                     direction="out")
    found = nodes_of(store, [e.target for e in parts])
    for e in parts:
        if e.type == "CITES" and (cited := found.get(e.target)) is not None:
            scene.add_node(_node(cited, rank=0))
    clauses = {e.target: found[e.target] for e in parts
               if e.type == "HAS_CLAUSE" and e.target in found}
    duties = nodes_where(store, "Duty", {"regulation_id": regulation_id})
    indicators = {e.target: found[e.target] for e in parts
                  if e.type == "HAS_INDICATOR" and e.target in found}
    stated = {e.source: e.target for e in edges_at(
        store, [d.id for d in duties] + list(indicators), "STATED_IN", direction="out")}
    duty_edges = edges_at(store, [d.id for d in duties], "HAS_DUTY", direction="in")
    bodies = nodes_of(store, {e.source for e in duty_edges})
    for d in duties:
        scene.add_node(_node(d, rank=3))
    for i in indicators.values():
        scene.add_node(_node(i, rank=2))
    for b in bodies.values():
        scene.add_node(_node(b, rank=2))
    for e in duty_edges:
        clause = _clause_of(e, stated)
        if clause is not None and clause in clauses:
            scene.add_node(_node(clauses[clause], rank=1))
            scene.add_edge(clause, e.source, "SETS_DUTIES_OF", edge_label("SETS_DUTIES_OF"))
    for item, clause in stated.items():
        if item in indicators and clause in clauses:
            scene.add_node(_node(clauses[clause], rank=1))
            scene.add_edge(clause, item, "STATED_IN", edge_label("HAS_INDICATOR"))
    for c in list(scene.nodes):
        if c in clauses:
            scene.add_edge(regulation_id, c, "HAS_CLAUSE", edge_label("HAS_CLAUSE"))
    _connect(store, scene, None, types=("HAS_DUTY", "HAS_INDICATOR", "CITES"))
    _within(store, scene, scope)
    _place_names(store, scene)
    scene.drawn_from = len(scene.nodes)
    if not duties:
        scene.notes.append("В этом акте не выделены функции субъектов.")
    return lay_out(aggregate(scene, max_nodes))


def focus_view(store: Store, node_id: str, *, depth: int = 1, period: str | None = None,
               load_norm: int = DEFAULT_LOAD_NORM, max_nodes: int = AGGREGATE_ABOVE,
               scope: Scope = EVERYTHING) -> Scene:
    """Any node and everything within ``depth`` edges of it (both directions)."""
    start = _require(store, node_id, None, scope)
    span = _span(store, period)
    depth = max(0, min(depth, 4))
    scene = Scene(f"Связи: {title_of(start)}", f"на глубину {depth}")
    scene.focus = node_id
    dist = {node_id: 0}
    frontier = [node_id]
    edges: list[EdgeRecord] = []
    # Where a body is comes from its territory_id, not always from a stored LOCATED_IN edge.
    home = start.props.get("territory_id")
    if depth >= 1 and isinstance(home, str) and node_of(store, home) is not None:
        dist[home] = 1
        edges.append(EdgeRecord("LOCATED_IN", node_id, home))
    sight = None if scope.unrestricted else visibility_of(store, scope=scope)
    hidden: set[str] = set()
    for d in range(1, depth + 1):
        found = [e for e in edges_at(store, frontier) if _active(e, span)]
        if sight is not None:
            # Walk only through what the caller may see: a hidden node is neither drawn nor
            # walked through (and its neighbours are not read at all).
            new = {x for e in found for x in (e.source, e.target)} - set(dist) - hidden
            shown = visible_ids(store, nodes_of(store, sorted(new)).values(), sight)
            hidden |= new - shown
            found = [e for e in found if e.source not in hidden and e.target not in hidden]
        edges += found
        nxt = []
        for e in found:
            for end in (e.source, e.target):
                if end not in dist and len(dist) < _MAX_FOCUS_NODES:
                    dist[end] = d
                    nxt.append(end)
        frontier = nxt
        if not frontier:
            break
    records = nodes_of(store, list(dist))
    roles = _roles(store, [i for i, r in records.items() if r.label == "Person"], span)
    schools_of = _schools_of(edges, records)
    for i, rec in records.items():
        scene.add_node(_node(rec, role=roles.get(i), rank=dist[i], school=schools_of.get(i)))
    for e in edges:
        scene.add_edge(e.source, e.target, _draw_type(e), edge_label(e.type, e.props))
    return _finish(store, scene, span, _known_territory(store, node_territory(start)), load_norm,
                   max_nodes, scope)


def _known_territory(store: Store, territory: str | None) -> str | None:
    """A territory the gap queries accept (they refuse ids that are not in the store)."""
    if territory is None:
        return None
    node = node_of(store, territory)
    return territory if node is not None and node.label in ("Region", "Municipality") else None


# -- building blocks ---------------------------------------------------------------------------
def _require(store: Store, node_id: str, labels: Sequence[str] | None, scope: Scope
             ) -> NodeRecord:
    """The node a view starts from; the same 404 for an unknown id and for a hidden one."""
    node = node_of(store, node_id)
    hidden = node is not None and not scope.unrestricted and node_id not in visible_ids(
        store, [node], visibility_of(store, scope=scope))
    if node is None or hidden or (labels is not None and node.label not in labels):
        what = "/".join(labels) if labels else "node"
        ru = _NOT_FOUND.get(labels[0], "Объект") if labels and len(labels) == 1 else "Объект"
        raise NodeNotFound(f"no {what} has the id {node_id!r} / {ru} {node_id!r} не найден")
    return node


# What a coordinator was looking for, in the words of the error page («Район не найден»).
_NOT_FOUND = {"Municipality": "Район", "Region": "Регион", "Regulation": "Нормативный акт",
              "Organization": "Объект"}


def _span(store: Store, period: str | None) -> PeriodSpan:
    return parse_period(period or data_period(store))


def _active(edge: EdgeRecord, span: PeriodSpan | None) -> bool:
    return span is None or span.overlaps(edge.props.get("start"), edge.props.get("end"))


def _finish(store: Store, scene: Scene, span: PeriodSpan, territory: str | None,
            load_norm: int, max_nodes: int, scope: Scope, *, fold: str | None = None,
            summaries: dict[str, tuple[list[NodeRecord], set[str]]] | None = None) -> Scene:
    """Drop what the caller may not see, name places, mark the gaps; then fold and arrange a
    district or region (:mod:`viz.detail`), or aggregate and lay out the other views."""
    _within(store, scene, scope)
    _place_names(store, scene)
    cover = coverage(store, period=span.code, territory_id=territory, load_norm=load_norm,
                     scope=scope)
    apply_overlay(scene, cover)
    if fold is None:
        return lay_out(aggregate(scene, max_nodes))
    if summaries:
        _summarise(store, scene, summaries, cover.flags, scope)
    if len(scene.nodes) > max_nodes:
        aggregate(scene, max_nodes)
    detail.fold(scene, region=fold == "region")
    return detail.arrange(scene)


def _summarise(store: Store, scene: Scene,
               summaries: dict[str, tuple[list[NodeRecord], set[str]]],
               flags: dict[str, list[str]], scope: Scope) -> None:
    """A district node of a summarised region: what it holds, its gaps, and where the page
    fetches it from; only for a district the caller may see whole."""
    allowed = scope.expanded(store)
    shown = 0
    for muni_id, (orgs, people) in summaries.items():
        node = scene.nodes.get(muni_id)
        if node is None or not allowed.allows(muni_id):
            continue
        schools = sum(1 for o in orgs if o.props.get("kind") == "school")
        node.facts += [("Школ", str(schools)), ("Педагогов и других сотрудников", str(len(people))),
                       ("Органов, служб и объединений", str(len(orgs) - schools))]
        held = {o.id for o in orgs} | people
        node.flag_counts = dict(sorted(Counter(f for i in held for f in flags.get(i, []))
                                       .items()))
        node.expand = f"/network/data/district/{muni_id}"
        shown += len(held)
    scene.drawn_from = len(scene.nodes) + shown


def _place_names(store: Store, scene: Scene) -> None:
    """Name the territory a body is in: «Тосненский район», never ``RU-LEN-tosnensky``."""
    wanted = {f[1] for n in scene.nodes.values() for f in n.facts if f[0] == "Территория"}
    if not wanted:
        return
    names = {i: title_of(r) for i, r in nodes_of(store, sorted(wanted)).items()}
    for n in scene.nodes.values():
        n.facts = [(k, names.get(v, v) if k == "Территория" else v) for k, v in n.facts]


def _within(store: Store, scene: Scene, scope: Scope) -> Scene:
    """Drop what the caller may not see, as :mod:`graph.queries.visibility` rules: hidden
    nodes, the edges touching them and the hidden people a count node stands for. Views
    draw first and then pass here, so no view can show more than GraphQL would."""
    if scope.unrestricted:
        return scene
    sight = visibility_of(store, scope=scope)
    members = {m for ms in scene.members.values() for m in ms}
    records = nodes_of(store, sorted((set(scene.nodes) - set(scene.members)) | members))
    shown = visible_ids(store, records.values(), sight)
    for node_id in list(scene.nodes):
        people = scene.members.get(node_id)
        if people is None:
            if node_id not in shown:
                del scene.nodes[node_id]
            continue
        kept = people & shown
        node = scene.nodes[node_id]
        if not kept or (node.school is not None and node.school not in shown):
            del scene.nodes[node_id]
            del scene.members[node_id]
        elif kept != people:
            scene.members[node_id] = kept
            node.count = len(kept)
            node.label = f"Педагоги: {len(kept)}"
            node.facts = [f for f in node.facts if f[0] != "педагогов"] + [
                ("педагогов", str(len(kept)))]
    scene.edges = {k: e for k, e in scene.edges.items()
                   if e.source in scene.nodes and e.target in scene.nodes}
    if scene.focus is not None and scene.focus not in scene.nodes:
        scene.focus = None
    # "shown N (of M)" must count only what the caller may see, not the hidden remainder.
    if scene.drawn_from:
        scene.drawn_from = len(scene.nodes) - len(scene.members) + sum(
            len(m) for m in scene.members.values())
    return scene


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _shortest(rec: NodeRecord, title: str) -> str:
    """What a school or a district is called on the canvas: «СОШ № 5», «Тосненский район»
    (the tooltip names it in full)."""
    if rec.label == "Municipality" and " муниципальный район" in title:
        return title.replace(" муниципальный район", " район")
    if rec.label == "Municipality" or rec.props.get("kind") == "school":
        names = [rec.props.get("short_name"), *(rec.props.get("aliases") or [])]
        short = [n for n in names if isinstance(n, str) and 2 < len(n) < len(title)]
        if short:
            return min(short, key=len)
    return title


def _person_label(name: str) -> str:
    """«Иванова Анна Сергеевна» → «Иванова А. С.» (labels stay short on the canvas)."""
    parts = name.split()
    if len(parts) >= 2 and all(len(p) > 1 for p in parts[1:3]):
        return " ".join([parts[0], *(p[0] + "." for p in parts[1:3])])
    return name


def _node(rec: NodeRecord, *, role: str | None = None, rank: int = 0,
          school: str | None = None) -> VisNode:
    group = group_of(rec, role)
    title = title_of(rec)
    label = _person_label(title) if rec.label == "Person" else _short(_shortest(rec, title))
    if rec.label == "Clause":
        label = f"п. {rec.props.get('number', '')}"
    facts: list[tuple[str, str]] = [("Тип", GROUPS[group].name)]
    if title != label:
        facts.append(("Название", title))
    p = rec.props
    if rec.label == "Organization":
        if p.get("level") in _LEVELS:
            facts.append(("Уровень", _LEVELS[p["level"]]))
        if p.get("territory_id"):
            facts.append(("Территория", str(p["territory_id"])))
    for key, name in (("subjects", "Предметы"), ("low_subjects", "Предметы с низкими результатами"),
                      ("categories", "Категории"), ("code", "Показатель")):
        if p.get(key):
            value = p[key]
            if key == "categories":
                value = [category_ru(str(v)) for v in (value if isinstance(value, list) else
                                                       [value])]
            elif key == "code":
                value = indicator_ru(str(value), title)
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            facts.append((name, text))
    if rec.label == "Assessment":
        facts.append(("Период", period_ru(str(p.get("period")))))
        facts.append(("ШНОР", "да" if p.get("low_results") else "нет"))
        if p.get("unreliable_results"):
            facts.append(("Необъективные результаты", "да"))
        label = f"{period_ru(str(p.get('period')))}{' ШНОР' if p.get('low_results') else ''}"
    if rec.label == "IndividualRoute":
        facts.append(("Статус", _STATUS.get(str(p.get("status")), str(p.get("status")))))
        facts.append(("Создан", str(p.get("created"))))
        label = f"ИОМ {p.get('created', '')}"
    if rec.label in ("Diagnostic", "Regulation") and p.get("date"):
        facts.append(("Дата", str(p["date"])))
    if rec.label in ("Clause", "Duty", "Indicator") and p.get("text"):
        facts.append(("Текст", _short(str(p["text"]), 300)))
    district = rec.id if rec.label == "Municipality" else node_territory(rec)
    return VisNode(rec.id, label, group, rec.label, facts=facts, district=district,
                   school=school, rank=rank)


def _add_bodies(scene: Scene, orgs: Iterable[NodeRecord], *, regional: str | None,
                rank: int | None = None) -> None:
    for o in orgs:
        if o.props.get("generic_name"):
            continue  # "municipal pools in general" is knowledge, not part of the network
        kind = o.props.get("kind")
        if rank is not None:
            r = rank
        elif kind == "school":
            r = 4
        elif kind in ("school_methodological_service", "community"):
            r = 5
        else:
            r = 1 if o.props.get("territory_id") == regional else 3
        scene.add_node(_node(o, rank=r))
        territory = o.props.get("territory_id")
        if isinstance(territory, str) and territory in scene.nodes:
            scene.add_edge(o.id, territory, "LOCATED_IN", edge_label("LOCATED_IN"))


def _role_edges(store: Store, body_ids: list[str], span: PeriodSpan) -> list[EdgeRecord]:
    edges = edges_at(store, body_ids, ["HAS_ROLE", "EMPLOYED_AT"], direction="in")
    return [e for e in edges if _active(e, span)]


def _roles(store: Store, person_ids: list[str], span: PeriodSpan | None) -> dict[str, str]:
    """Each person's most telling role (a methodist before a mentor before a teacher)."""
    held: dict[str, set[str]] = {}
    implied = {"MENTORS": "mentor", "TUTORS": "tutor", "EMPLOYED_AT": "teacher"}
    for e in edges_at(store, person_ids, ["HAS_ROLE", *implied], direction="out"):
        if e.type == "HAS_ROLE" and _active(e, span):
            held.setdefault(e.source, set()).add(str(e.props.get("role")))
        elif e.type in implied:
            held.setdefault(e.source, set()).add(implied[e.type])
    return {p: next(r for r in _ROLE_ORDER if r in rs)
            for p, rs in held.items() if any(r in _ROLE_ORDER for r in rs)}


def _schools_of(edges: Iterable[EdgeRecord], records: dict[str, NodeRecord]) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in edges:
        target = records.get(e.target)
        if e.type in ("EMPLOYED_AT", "HAS_ROLE") and target is not None and \
                target.props.get("kind") == "school":
            out.setdefault(e.source, e.target)
    return out


def _add_people(store: Store, scene: Scene, span: PeriodSpan, role_edges: list[EdgeRecord],
                *, rank: int, extra: Iterable[str] = ()) -> None:
    ids = {e.source for e in role_edges} | set(extra)
    ids -= set(scene.nodes)
    if not ids:
        return
    people = nodes_of(store, sorted(ids))
    roles = _roles(store, sorted(people), span)
    schools: dict[str, str] = {}
    homes: dict[str, str] = {}
    for e in sorted(role_edges, key=lambda e: (e.type != "HAS_ROLE", e.target)):
        if e.target in scene.nodes and scene.nodes[e.target].group == "school":
            schools.setdefault(e.source, e.target)
        if e.target in scene.nodes:
            homes.setdefault(e.source, e.target)
    for pid, rec in people.items():
        if rec.label != "Person":
            continue
        role = roles.get(pid)
        r = rank if role in (None, "teacher", "manager", "mentor") else max(rank - 1, 0)
        node = _node(rec, role=role, rank=r, school=schools.get(pid))
        node.home = homes.get(pid)
        scene.add_node(node)


def _add_staff(store: Store, scene: Scene, span: PeriodSpan, role_edges: list[EdgeRecord],
               *, rank: int, max_nodes: int) -> None:
    """People with roles in the drawn bodies; if the schools' staff alone would pass
    ``max_nodes``, each school's staff is drawn as one count node from the start (reading
    15 000 teachers only to fold them away costs seconds)."""
    at_school: dict[str, set[str]] = {}
    for e in role_edges:
        if e.target in scene.nodes and scene.nodes[e.target].group == "school":
            at_school.setdefault(e.target, set()).add(e.source)
    staff = set().union(*at_school.values()) if at_school else set()
    if len(scene.nodes) + len(staff) <= max_nodes:
        _add_people(store, scene, span, role_edges, rank=rank)
        return
    for school_id, people in sorted(at_school.items()):
        school = scene.nodes[school_id]
        node = VisNode(f"count:teachers:{school_id}", f"Педагоги: {len(people)}",
                       AGGREGATE_TEACHERS, "Aggregate",
                       facts=[("Что это", f"Педагоги: {school.label}"),
                              ("педагогов", str(len(people)))],
                       district=school.district, school=school_id, rank=rank,
                       count=len(people), link=f"/network/school/{school_id}")
        scene.add_node(node)
        scene.members[node.id] = people
        scene.add_edge(node.id, school_id, "EMPLOYED_AT", edge_label("EMPLOYED_AT"), len(people))
    scene.drawn_from = len(scene.nodes) + len(staff) - len(at_school)
    scene.notes.append("Педагоги показаны числом по каждой школе — "
                       "дважды щёлкните, чтобы раскрыть.")
    others = [e for e in role_edges if e.target not in at_school]
    _add_people(store, scene, span, others, rank=rank)


def _add_development(store: Store, scene: Scene, people: list[str], *, rank: int) -> None:
    found = nodes_of(store, {e.target for e in edges_at(
        store, people, ["HAS_ROUTE", "HAS_DEFICIT"], direction="out")})
    for rec in found.values():
        scene.add_node(_node(rec, rank=rank))


def _draw_type(e: EdgeRecord) -> str:
    # A teacher's role edge and employment say the same thing on the canvas: draw one.
    if e.type == "HAS_ROLE" and e.props.get("role") == "teacher":
        return "EMPLOYED_AT"
    return e.type


def _connect(store: Store, scene: Scene, span: PeriodSpan | None,
             types: Sequence[str] | None = None) -> None:
    """Draw the stored edges of ``types`` (default: all) that join two drawn nodes."""
    ids = list(scene.nodes)
    for e in edges_at(store, ids, list(types) if types else None, direction="out"):
        if e.target in scene.nodes and _active(e, span) and e.type != "LOCATED_IN":
            label = edge_label(e.type, e.props) if _draw_type(e) == e.type else \
                edge_label("EMPLOYED_AT")
            scene.add_edge(e.source, e.target, _draw_type(e), label)


def _clause_of(edge: EdgeRecord, stated: dict[str, str]) -> str | None:
    clause = edge.props.get("clause_id")
    if isinstance(clause, str):
        return clause
    return stated.get(edge.target)
