"""Big scenes made readable: teachers into counts per school, schools into counts per district."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from viz.scene import Scene, VisEdge, VisNode
from viz.style import AGGREGATE_SCHOOLS, AGGREGATE_TEACHERS, GROUPS

__all__ = ["AGGREGATE_ABOVE", "aggregate"]

AGGREGATE_ABOVE = 1500
"""Scenes with more nodes than this are aggregated (a few thousand dots help nobody)."""

_TEACHER_GROUPS = frozenset({"teacher"})
_SCHOOL_GROUPS = frozenset({"school", "school_methodological_service"})


def aggregate(scene: Scene, threshold: int = AGGREGATE_ABOVE) -> Scene:
    """Collapse the scene step by step until it has at most ``threshold`` nodes.

    First every school's teachers become one count node (drill-down: the school's view); if that
    is not enough, every district's schools (with their counts) become one node (drill-down: the
    district's view). Flags of collapsed nodes are kept as counts on the aggregate.

    >>> s = Scene("t")
    >>> s.add_node(VisNode("s1", "Школа", "school", "Organization", district="d1"))
    >>> for i in range(5):
    ...     flags = ["deficit_without_route"] if i == 0 else []
    ...     s.add_node(VisNode(f"t{i}", "П", "teacher", "Person", school="s1", flags=flags))
    ...     s.add_edge(f"t{i}", "s1", "EMPLOYED_AT", "работает в")
    >>> a = aggregate(s, threshold=3)
    >>> counted = a.nodes["count:teachers:s1"]
    >>> sorted(a.nodes), counted.count, counted.flag_counts
    (['count:teachers:s1', 's1'], 5, {'deficit_without_route': 1})
    """
    scene.drawn_from = max(scene.drawn_from, len(scene.nodes))
    if len(scene.nodes) <= threshold:
        return scene
    _collapse(scene, _teacher_bucket)
    _note(scene, "Педагоги показаны числом по каждой школе — дважды щёлкните, чтобы раскрыть.")
    if len(scene.nodes) <= threshold:
        return scene
    _collapse(scene, _school_bucket)
    _note(scene, "Школы показаны числом по каждому району — дважды щёлкните, чтобы раскрыть.")
    if len(scene.nodes) <= threshold:
        return scene
    # Still too many (a focus on a hub reaches thousands of routes or people): every large group
    # of leaves becomes one count node.
    sizes = Counter(n.group for n in scene.nodes.values())
    big = {g for g, k in sizes.items() if k > _GROUP_LIMIT and g not in _KEEP}
    _collapse(scene, lambda node, _s: _group_bucket(node, big))
    _note(scene, "Большие группы показаны одним значком с числом.")
    return scene


_GROUP_LIMIT = 40
_KEEP = frozenset({"Region", "Municipality", AGGREGATE_SCHOOLS, AGGREGATE_TEACHERS})


def _group_bucket(node: VisNode, big: set[str]) -> VisNode | None:
    if node.group not in big:
        return None
    name = GROUPS[node.group].name
    return VisNode(f"count:group:{node.group}", "", AGGREGATE_TEACHERS if node.kind == "Person"
                   else node.group, "Aggregate", facts=[("Что это", name)], rank=node.rank)


def _note(scene: Scene, text: str) -> None:
    if text not in scene.notes:
        scene.notes.append(text)


Bucket = Callable[[VisNode, Scene], VisNode | None]


def _teacher_bucket(node: VisNode, scene: Scene) -> VisNode | None:
    if node.group not in _TEACHER_GROUPS or node.school is None:
        return None
    school = scene.nodes.get(node.school)
    name = school.label if school else node.school
    return VisNode(f"count:teachers:{node.school}", "", AGGREGATE_TEACHERS, "Aggregate",
                   facts=[("Что это", f"Педагоги: {name}")], district=school.district if school
                   else None, school=node.school, rank=node.rank,
                   link=f"/network/school/{node.school}")


def _school_bucket(node: VisNode, scene: Scene) -> VisNode | None:
    if node.group == AGGREGATE_TEACHERS:
        school = scene.nodes.get(node.school or "")
        district = school.district if school else node.district
    elif node.group in _SCHOOL_GROUPS:
        district = node.district
    else:
        return None
    if district is None:
        return None
    dnode = scene.nodes.get(district)
    name = dnode.label if dnode else district
    # Only a district has a view to drill down to (schools right in a region have none).
    link = f"/network/district/{district}" if dnode is not None and \
        dnode.kind == "Municipality" else None
    return VisNode(f"count:schools:{district}", "", AGGREGATE_SCHOOLS, "Aggregate",
                   facts=[("Что это", f"Школы и педагоги: {name}")], district=district,
                   rank=node.rank, link=link)


def _collapse(scene: Scene, bucket: Bucket) -> None:
    members: dict[str, list[VisNode]] = defaultdict(list)
    aggregates: dict[str, VisNode] = {}
    moved: dict[str, str] = {}
    for node in list(scene.nodes.values()):
        agg = bucket(node, scene)
        if agg is None:
            continue
        aggregates.setdefault(agg.id, agg)
        members[agg.id].append(node)
        moved[node.id] = agg.id
    for agg_id, nodes in members.items():
        agg = aggregates[agg_id]
        flags: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for n in nodes:
            flags.update(n.flags)
            flags.update(n.flag_counts)
            kinds[n.group] += n.count or 1
            del scene.nodes[n.id]
        agg.count = sum(kinds.values())
        agg.flag_counts = dict(sorted(flags.items()))
        agg.label = _label(kinds)
        agg.facts += [(_KIND_NAMES.get(k, GROUPS[k].name if k in GROUPS else k), str(v))
                      for k, v in sorted(kinds.items())]
        scene.nodes[agg_id] = agg
    old_edges = list(scene.edges.values())
    scene.edges = {}
    for e in old_edges:
        source, target = moved.get(e.source, e.source), moved.get(e.target, e.target)
        if source == target:
            continue
        merged = VisEdge(source, target, e.type, e.label, e.count)
        if merged.key in scene.edges:
            scene.edges[merged.key].count += e.count
        else:
            scene.edges[merged.key] = merged
    if scene.focus in moved:
        scene.focus = moved[scene.focus]


_KIND_NAMES = {
    "teacher": "педагогов",
    AGGREGATE_TEACHERS: "педагогов",
    "school": "образовательных организаций",
    "school_methodological_service": "методических служб ОО",
}


def _label(kinds: Counter[str]) -> str:
    if len(kinds) == 1 and next(iter(kinds)) not in _KIND_NAMES:
        group, n = next(iter(kinds.items()))
        return f"{GROUPS[group].name}: {n}"
    schools = kinds.get("school", 0)
    teachers = kinds.get("teacher", 0) + kinds.get(AGGREGATE_TEACHERS, 0)
    if schools:
        return f"Школы: {schools}\nпедагоги: {teachers}" if teachers else f"Школы: {schools}"
    return f"Педагоги: {teachers}"

