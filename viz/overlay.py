"""The coverage overlay: gaps stand out (unsupported low-results school, overloaded methodist,
teacher with deficits and no route), as the gap queries of ``graph.queries`` find them."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from graph.queries.area import Area
from graph.queries.gaps import deficits_without_route, methodists_over_load
from graph.queries.load import loads
from graph.queries.picture import graph_size
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import low_results_support
from graph.rules import DEFAULT_LOAD_NORM
from graph.store.base import Store
from viz.period import period_ru
from viz.scene import Scene

__all__ = ["FLAGS", "Coverage", "apply_overlay", "coverage"]

FLAGS = ("unsupported_low_results_school", "overloaded_methodist", "deficit_without_route")


@dataclass
class Coverage:
    """Flags per node id, and the facts the tooltips add (low results, support, load)."""

    period: str
    flags: dict[str, list[str]] = field(default_factory=dict)
    facts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def flag(self, node_id: str, code: str, fact: tuple[str, str] | None = None) -> None:
        self.flags.setdefault(node_id, []).append(code)
        if fact is not None:
            self.note(node_id, fact)

    def note(self, node_id: str, fact: tuple[str, str]) -> None:
        self.facts.setdefault(node_id, []).append(fact)


_CACHE: OrderedDict[tuple[object, ...], Coverage] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def coverage(store: Store, *, period: str, territory_id: str | None = None,
             load_norm: int = DEFAULT_LOAD_NORM, scope: Scope = EVERYTHING) -> Coverage:
    """The three overlay gaps of a territory (all if ``None``) in ``period``.

    Answers are remembered per store state (its node and edge counts): a region's gaps take
    seconds to find and every view of the region asks for them.

    >>> from graph.store import MemoryStore
    >>> coverage(MemoryStore(), period="2025-H1").flags
    {}
    """
    total_nodes, total_edges = graph_size(store)
    key = (id(store), total_nodes, total_edges, period, territory_id, load_norm,
           scope)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    out = _coverage(store, period=period, territory_id=territory_id, load_norm=load_norm,
                    scope=scope)
    with _CACHE_LOCK:
        _CACHE[key] = out
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out


def _coverage(store: Store, *, period: str, territory_id: str | None, load_norm: int,
              scope: Scope) -> Coverage:
    out = Coverage(period)
    support = low_results_support(store, period=period, territory_id=territory_id, scope=scope)
    for school in support.schools:
        out.note(school.school_id,
                 (f"ШНОР, {period_ru(period)}", ", ".join(school.low_subjects) or "да"))
        if school.supported:
            helpers = ", ".join(s.title for s in school.supporters if s.direct)
            out.note(school.school_id, ("Адресная поддержка", helpers))
        else:
            out.flag(school.school_id, "unsupported_low_results_school",
                     ("Адресная поддержка", "нет"))
    area = Area(store, territory_id=territory_id, period=period, scope=scope)  # read once
    for gap in methodists_over_load(store, norm=load_norm, area=area):
        out.flag(gap.node_id, "overloaded_methodist")
    for gap in deficits_without_route(store, area=area):
        out.flag(gap.node_id, "deficit_without_route", ("Дефициты", gap.reason_ru))
    for row in loads(area):
        out.note(row.methodist_id, ("Сопровождает педагогов",
                                    f"{row.teacher_count} (норма {load_norm})"))
    return out


def apply_overlay(scene: Scene, cover: Coverage) -> Scene:
    """Mark the scene's flagged nodes and add the coverage facts to their tooltips.

    >>> from viz.scene import VisNode
    >>> s = Scene("t"); s.add_node(VisNode("s1", "Школа", "school", "Organization"))
    >>> c = Coverage("2025-H1")
    >>> c.flag("s1", "unsupported_low_results_school", ("Поддержка", "нет"))
    >>> apply_overlay(s, c).nodes["s1"].flags, s.nodes["s1"].facts
    (['unsupported_low_results_school'], [('Поддержка', 'нет')])
    """
    for node in scene.nodes.values():
        node.flags = list(cover.flags.get(node.id, []))
        node.facts += cover.facts.get(node.id, [])
        members = scene.members.get(node.id)
        if members:  # a count node drawn instead of people: count their flags
            counted = Counter(f for m in members for f in cover.flags.get(m, ()))
            node.flag_counts = dict(sorted(counted.items()))
    scene.period = cover.period
    return scene
