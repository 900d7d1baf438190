"""The level of detail of a first view: what the page folds (vis-network clusters) and where
everything stands, so that any district or region opens legible on a 1440×900 screen.

The rule, in :func:`fold`: a view opens with at most :data:`FIRST_VIEW` things visible. Every
school is drawn with its staff folded into it (a teacher is one double-click away); if that is
still too much, then, step by step, people are folded per body they work at (flagged people
stay visible), districts into their district node (a region), communities per kind and the
schools nothing is flagged at per district. :func:`arrange` lays out what is visible in rows by
rank, as wide as the screen, and puts every folded node near what it is folded into, where it
appears when the cluster is opened in place.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from viz.scene import Cluster, Scene, VisNode
from viz.style import GROUPS

__all__ = ["FIRST_VIEW", "FONT_SIZE", "LABEL_WIDTH", "SCREEN", "arrange", "fold", "visible"]

FIRST_VIEW = 150
"""The most things (nodes and clusters) a first view shows."""
SCREEN = (1146.0, 780.0)
"""The network's drawing area at 1440×900, in pixels; the layout keeps its proportions."""
_CELL = (136.0, 80.0)  # a node with a two-line label at scale 1
LABEL_WIDTH = 126.0  # labels wrap at this width (the page's ``widthConstraint``)
_MEMBER_CELL = (118.0, 56.0)
FONT_SIZE = 15
"""The labels' font size at scale 1; a first view is laid out so that it is read at ≥ 9 px."""

_PEOPLE_PLURAL = {
    "regional_methodist": "Региональные методисты",
    "municipal_methodist": "Муниципальные методисты",
    "manager": "Руководители", "mentor": "Наставники", "tutor": "Тьюторы", "teacher": "Педагоги",
    "Person": "Люди",
}
_STEPS_DISTRICT = ("schools", "others", "regional_methodists", "methodists", "communities",
                   "quiet_schools", "groups")
_STEPS_REGION = ("schools", "districts", "others", "regional_methodists", "methodists",
                 "communities", "groups")
# A district shows its methodists when there is room; a region is its structure: bodies and
# districts, people folded per body.
_ALWAYS_DISTRICT = frozenset({"schools"})
_ALWAYS_REGION = frozenset({"schools", "districts", "others", "regional_methodists",
                            "methodists"})


def visible(scene: Scene) -> int:
    """How many things the first view shows: nodes outside clusters and outermost clusters.

    >>> s = Scene("t"); s.add_node(VisNode("a", "А", "school", "Organization"))
    >>> visible(s)
    1
    """
    return sum(1 for n in scene.nodes.values() if n.cluster is None) + \
        sum(1 for c in scene.clusters.values() if c.parent is None)


def fold(scene: Scene, *, region: bool = False, budget: int = FIRST_VIEW) -> Scene:
    """Fold the scene into clusters until at most ``budget`` things are visible.

    Schools are always drawn with their staff folded into them; the other steps run only while
    the view is too full (a region also folds its districts and its people at once: it is a
picture of the structure).

    >>> s = Scene("t"); s.add_node(VisNode("s1", "Школа", "school", "Organization"))
    >>> for i in range(3):
    ...     flags = ["deficit_without_route"] if i == 0 else []
    ...     s.add_node(VisNode(f"t{i}", "П", "teacher", "Person", school="s1", flags=flags))
    >>> c = fold(s).clusters["cluster:school:s1"]
    >>> c.anchor, c.count, c.flag_counts, visible(s), c.label
    ('s1', 4, {'deficit_without_route': 1}, 1, 'Школа\\nпедагогов: 3')
    """
    always = _ALWAYS_REGION if region else _ALWAYS_DISTRICT
    for step in _STEPS_REGION if region else _STEPS_DISTRICT:
        if step not in always and visible(scene) <= budget:
            break
        _STEPS[step](scene)
    return scene


# -- the steps ---------------------------------------------------------------------------------
def _schools(scene: Scene) -> None:
    """Each school with its people, its methodological service and what is part of it."""
    owner: dict[str, str] = {}
    for n in scene.nodes.values():
        if n.kind == "Person" and n.school in scene.nodes and n.cluster is None \
                and n.id != scene.focus:
            owner[n.id] = n.school
    parts = [(e.source, e.target) for e in scene.edges.values() if e.type == "PART_OF"]
    changed = True
    while changed:  # a school's service, the service's ШМО, …
        changed = False
        for source, target in parts:
            home = target if _is_school(scene, target) else owner.get(target)
            if home and source not in owner and not _is_school(scene, source) \
                    and scene.nodes[source].cluster is None:
                owner[source] = home
                changed = True
    members: dict[str, list[str]] = defaultdict(list)
    for node_id, owned_by in owner.items():
        members[owned_by].append(node_id)
    for school_id, ids in sorted(members.items()):
        school = scene.nodes[school_id]
        people = sum(1 for i in ids if scene.nodes[i].kind == "Person")
        label = f"{_line(school.label)}\nпедагогов: {people}" if people else school.label
        facts = [*school.facts, ("Педагогов и сотрудников", str(people))]
        _make(scene, f"cluster:school:{school_id}", [school_id, *ids], label, school.group,
              anchor=school_id, facts=facts, rank=school.rank)


def _line(text: str, limit: int = 26) -> str:
    """A label short enough for two lines at most, with its count under it."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _is_school(scene: Scene, node_id: str) -> bool:
    node = scene.nodes.get(node_id)
    return node is not None and node.group == "school"


def _people(scene: Scene, wanted: Callable[[VisNode], bool]) -> None:
    """People not yet folded and not flagged, per body they work at (else per role)."""
    by_home: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n in scene.nodes.values():
        if n.kind == "Person" and n.cluster is None and not n.flags and n.id != scene.focus \
                and wanted(n):
            home = n.home if n.home in scene.nodes else None
            by_home[(home or "", n.group)].append(n.id)
    for (home, group), ids in sorted(by_home.items()):
        if len(ids) < 3:
            continue
        plural = _PEOPLE_PLURAL.get(group, GROUPS[group].name)
        where = scene.nodes[home].label if home else None
        facts = [("Кто", plural), *([("Где работают", where)] if where else []),
                 ("Человек", str(len(ids)))]
        rank = min(scene.nodes[i].rank for i in ids)
        _make(scene, f"cluster:people:{home or 'all'}:{group}", ids, f"{plural}: {len(ids)}",
              group, facts=facts, rank=rank)


def _others(scene: Scene) -> None:
    _people(scene, lambda n: n.group not in ("regional_methodist", "municipal_methodist"))


def _regional_methodists(scene: Scene) -> None:
    _people(scene, lambda n: n.group == "regional_methodist")


def _methodists(scene: Scene) -> None:
    _people(scene, lambda n: True)


def _communities(scene: Scene) -> None:
    by_district: dict[str, list[str]] = defaultdict(list)
    for n in scene.nodes.values():
        if n.group == "community" and n.cluster is None and not n.flags:
            by_district[n.district or ""].append(n.id)
    for district, ids in sorted(by_district.items()):
        if len(ids) >= 3:
            name = GROUPS["community"].name
            _make(scene, f"cluster:communities:{district or 'all'}", ids,
                  f"Объединения и сообщества: {len(ids)}", "community",
                  facts=[("Что это", name)], rank=min(scene.nodes[i].rank for i in ids))


def _quiet_schools(scene: Scene) -> None:
    """Schools nothing is flagged at, per district: the flagged ones stay in sight."""
    by_district: dict[str, list[str]] = defaultdict(list)
    for item, district, flagged in _top_schools(scene):
        if not flagged:
            by_district[district].append(item)
    for district, items in sorted(by_district.items()):
        if len(items) < 3:
            continue
        where = scene.nodes[district].label if district in scene.nodes else ""
        facts = [("Что это", "Школы, где нет отмеченных пробелов"),
                 *([("Где", where)] if where else []), ("Школ", str(len(items)))]
        _make(scene, f"cluster:schools:{district or 'all'}", items,
              f"Школы без отметок: {len(items)}", "school", facts=facts,
              rank=min(_rank(scene, i) for i in items))


def _top_schools(scene: Scene) -> Iterable[tuple[str, str, bool]]:
    """(visible item, district, flagged) of every school in sight, folded or not."""
    for c in scene.clusters.values():
        if c.parent is None and c.anchor in scene.nodes and _is_school(scene, c.anchor):
            school = scene.nodes[c.anchor]
            yield c.id, school.district or "", bool(school.flags)
    for n in scene.nodes.values():
        if n.cluster is None and n.group == "school":
            yield n.id, n.district or "", bool(n.flags)


def _districts(scene: Scene) -> None:
    """A region's districts, each folded into its district node."""
    for muni in [n for n in scene.nodes.values() if n.kind == "Municipality"]:
        items = [n.id for n in scene.nodes.values() if n.cluster is None and n.id != muni.id
                 and n.district == muni.id]
        items += [c.id for c in scene.clusters.values() if c.parent is None and c.anchor
                  and scene.nodes[c.anchor].district == muni.id]
        if not items:
            continue
        _make(scene, f"cluster:district:{muni.id}", [muni.id, *items], muni.label, muni.group,
              anchor=muni.id, facts=list(muni.facts), rank=muni.rank)
        cluster = scene.clusters[f"cluster:district:{muni.id}"]
        schools = sum(1 for n in scene.nodes.values() if n.group == "school"
                      and n.district == muni.id)
        people = sum(1 for n in scene.nodes.values() if n.kind == "Person"
                     and n.district == muni.id)
        cluster.facts += [("Школ", str(schools)), ("Педагогов и других сотрудников", str(people))]


def _groups(scene: Scene) -> None:
    """Last resort: every large group of things still in sight becomes one cluster."""
    by_group: dict[str, list[str]] = defaultdict(list)
    for n in scene.nodes.values():
        if n.cluster is None and not n.flags and n.id != scene.focus \
                and n.kind not in ("Region", "Municipality"):
            by_group[n.group].append(n.id)
    for group, ids in sorted(by_group.items(), key=lambda kv: -len(kv[1])):
        if visible(scene) <= FIRST_VIEW:
            return
        if len(ids) >= 5:
            name = _PEOPLE_PLURAL.get(group, GROUPS[group].name)
            _make(scene, f"cluster:group:{group}", ids, f"{name}: {len(ids)}", group,
                  facts=[("Что это", name)], rank=min(scene.nodes[i].rank for i in ids))


_STEPS: dict[str, Callable[[Scene], None]] = {
    "schools": _schools, "others": _others, "regional_methodists": _regional_methodists,
    "methodists": _methodists, "communities": _communities, "quiet_schools": _quiet_schools,
    "districts": _districts, "groups": _groups,
}


def _rank(scene: Scene, item: str) -> int:
    return scene.clusters[item].rank if item in scene.clusters else scene.nodes[item].rank


def _make(scene: Scene, cluster_id: str, items: list[str], label: str, group: str, *,
          anchor: str | None = None, facts: list[tuple[str, str]] | None = None,
          rank: int = 0) -> None:
    """A cluster of ``items`` (nodes or outermost clusters): flags of what it holds counted."""
    flags: Counter[str] = Counter()
    count = 0
    for item in items:
        if item in scene.clusters:
            inner = scene.clusters[item]
            inner.parent = cluster_id
            flags.update(inner.flag_counts)
            flags.update(inner.flags)
            count += inner.count
        else:
            node = scene.nodes[item]
            node.cluster = cluster_id
            if item != anchor:
                flags.update(node.flags)
            flags.update(node.flag_counts)
            count += 1
    own = list(scene.nodes[anchor].flags) if anchor else []
    scene.clusters[cluster_id] = Cluster(cluster_id, label, group, anchor, facts or [], own,
                                         dict(sorted(flags.items())), count, rank=rank)


# -- the layout --------------------------------------------------------------------------------
def arrange(scene: Scene, screen: tuple[float, float] = SCREEN) -> Scene:
    """Positions for a folded scene: what is visible in rows by rank, wrapped to the screen's
    proportions; folded nodes in a block under what they are folded into.

    >>> s = Scene("t"); s.add_node(VisNode("r", "Р", "Region", "Region"))
    >>> for i in range(30):
    ...     s.add_node(VisNode(f"s{i}", "Ш", "school", "Organization", rank=4))
    >>> p = {n.id: (n.x, n.y) for n in arrange(s).nodes.values()}
    >>> p["r"][1] < p["s0"][1], len(set(p.values())) == 31
    (True, True)
    """
    items = [n.id for n in scene.nodes.values() if n.cluster is None] + \
        [c.id for c in scene.clusters.values() if c.parent is None]
    if not items:
        return scene
    by_rank: dict[int, list[str]] = defaultdict(list)
    for item in items:
        by_rank[_rank(scene, item)].append(item)
    order = {g: i for i, g in enumerate(GROUPS)}

    def key(item: str) -> tuple[int, str, str]:
        thing = scene.clusters.get(item) or scene.nodes[item]
        return (order.get(thing.group, 99), thing.label.casefold(), item)

    groups = [sorted(by_rank[rank], key=key) for rank in sorted(by_rank)]
    rows = max((_rows(groups, cols) for cols in range(4, 25)),
               key=lambda rows: (_fit(rows, screen), -len(rows)))
    width, height = _CELL
    for r, cells in enumerate(rows):
        left = -(len(cells) - 1) * width / 2
        for c, cell in enumerate(cells):
            if cell is not None:
                _place(scene, cell, left + c * width, r * height)
    return scene


def _rows(groups: list[list[str]], cols: int) -> list[list[str | None]]:
    """Rank after rank, ``cols`` to a row; a small rank shares the row before it.

    >>> _rows([["r"], ["a", "b", "c"], ["x"]], 3)
    [['r'], ['a', 'b', 'c'], ['x']]
    """
    rows: list[list[str | None]] = [[]]
    for group in groups:
        row = rows[-1]
        if row and len(row) + 1 + len(group) > cols:
            rows.append([])
        elif row:
            row.append(None)  # a gap between ranks sharing a row
        for item in group:
            if len(rows[-1]) >= cols:
                rows.append([])
            rows[-1].append(item)
    return rows


def _fit(rows: list[list[str | None]], screen: tuple[float, float]) -> float:
    """The scale at which ``rows`` fill the screen (as vis-network fits: 10 % margin).

    >>> round(_fit([["a"] * 10] * 10, SCREEN), 2)
    0.77
    """
    width = (max(len(r) for r in rows) - 1) * _CELL[0] + LABEL_WIDTH
    height = (len(rows) - 1) * _CELL[1] + _CELL[1] * 0.8
    return min(screen[0] / (width * 1.1), screen[1] / (height * 1.1))


def _place(scene: Scene, item: str, x: float, y: float) -> None:
    """Put a node or a cluster at (x, y) and what it holds in a block under it."""
    if item in scene.nodes:
        node = scene.nodes[item]
        node.x, node.y = round(x, 1), round(y, 1)
        return
    cluster = scene.clusters[item]
    cluster.x, cluster.y = round(x, 1), round(y, 1)
    inner = [n.id for n in scene.nodes.values() if n.cluster == item and n.id != cluster.anchor]
    inner += [c.id for c in scene.clusters.values() if c.parent == item]
    if cluster.anchor is not None:
        anchor = scene.nodes[cluster.anchor]
        anchor.x, anchor.y = cluster.x, cluster.y
    cols = max(1, math.ceil(math.sqrt(len(inner) * 2)))
    width, height = _MEMBER_CELL
    for k, member in enumerate(sorted(inner, key=lambda i: (_rank(scene, i), i))):
        row, col = divmod(k, cols)
        _place(scene, member, x + (col - (cols - 1) / 2) * width, y + (row + 1) * height)
