"""Root fields of questions 5–8; each asks the registry's question off the event loop."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types.nodes import SelectedField

from api.context import Info
from api.network.types import (
    Broker,
    CommunityMethod,
    DutyCompliance,
    GraphPath,
    InternshipReach,
    IsolatedSchool,
    Neighbourhood,
    SchoolCommunity,
    SearchHit,
    SupportChain,
    TreeNode,
)
from api.pagination import MAX_PAGE, Connection, paginate
from api.questions import ask
from api.system.types import NodeRef
from graph.model.registry import EDGE_TYPES

__all__ = ["MAX_BROKERS", "MAX_HOPS", "MAX_NEIGHBOURS", "CoordinationTree", "NetworkQuery"]

MAX_HOPS = 8
MAX_NEIGHBOURS = 500
MAX_BROKERS = 100

_TERRITORY = "a region (with its municipalities) or a municipality id, e.g. RU-LEN-vsevolozhsky"
_ON = "count only edges active on this day (default: any day)"
_TYPES = "edge types to walk, e.g. [SUPPORTS, MEMBER_OF] (default: all)"

Territory = Annotated[str | None, strawberry.argument(description=_TERRITORY)]
On = Annotated[dt.date | None, strawberry.argument(description=_ON)]
Types = Annotated[list[str] | None, strawberry.argument(description=_TYPES)]


def _bounded(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _selects(info: Info, name: str) -> bool:
    """Whether the operation asks the field being resolved for its field ``name`` (written
    there or in a fragment spread into it): what is not asked for need not be read.

    >>> from types import SimpleNamespace as N
    >>> edges = SelectedField("edges", {}, {}, [])
    >>> _selects(N(selected_fields=[N(selections=[edges])]), "edges")
    True
    >>> _selects(N(selected_fields=[N(selections=[N(selections=[])])]), "edges")
    False
    """
    todo = [s for f in info.selected_fields for s in f.selections]
    while todo:
        selection = todo.pop()
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        else:  # a fragment, spread or inline: its fields are the field's own
            todo += selection.selections
    return False


_NODE_CONTENT = frozenset({"properties", "title", "kind"})
"""What a node shows that is made of its properties (its id and label are not)."""


def _selects_within(info: Info, names: frozenset[str]) -> bool:
    """Whether the operation asks for a field named in ``names`` anywhere below the field
    being resolved (at any depth, through fragments).

    >>> from types import SimpleNamespace as N
    >>> title = SelectedField("title", {}, {}, [])
    >>> node = SelectedField("node", {}, {}, [title])
    >>> _selects_within(N(selected_fields=[N(selections=[node])]), frozenset({"title"}))
    True
    >>> _selects_within(N(selected_fields=[N(selections=[node])]), frozenset({"kind"}))
    False
    """
    todo = [s for f in info.selected_fields for s in f.selections]
    while todo:
        selection = todo.pop()
        if isinstance(selection, SelectedField) and selection.name in names:
            return True
        todo += selection.selections
    return False


def _types(types: list[str] | None) -> list[str] | None:
    if not types:
        return None
    unknown = [t for t in types if t not in EDGE_TYPES]
    if unknown:
        raise ValueError(f"unknown edge type(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(EDGE_TYPES))}")
    return types


@strawberry.type(description="Who coordinates whom below a root body, depth first.")
class CoordinationTree:
    root: NodeRef
    truncated: bool
    nodes: Connection[TreeNode]


@strawberry.type
class NetworkQuery:
    # -- Q5 -------------------------------------------------------------------------------
    @strawberry.field(description="For each duty category a regulation assigns (to one body or a "
                                  "kind of body), which bodies in the territory have the edges "
                                  "that show it done and which do not, with the clause.")
    async def duty_compliance(
        self,
        info: Info,
        territory_id: Territory = None,
        period: Annotated[str | None, strawberry.argument(
            description="a monitoring period, e.g. 2025-H1: chooses low-results assessments "
                        "and, without `on`, the edges active in it")] = None,
        on: On = None,
        category: Annotated[str | None, strawberry.argument(
            description="a duty category, e.g. low_results_support, mentoring")] = None,
        level: Annotated[str | None, strawberry.argument(
            description="level of the body the duty is assigned to: regional, municipal…")
        ] = None,
        regulation_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[DutyCompliance]:
        rows = await ask(info, "duty_compliance", territory_id=territory_id, period=period,
                         on=on, category=category, level=level, regulation_id=regulation_id)
        return paginate(rows, first, after, DutyCompliance.from_answer)

    # -- Q6 -------------------------------------------------------------------------------
    @strawberry.field(description="The support chain from a teacher up to the regional level: "
                                  "school, supporters, their bodies, the district service and "
                                  "the bodies above.")
    async def support_chain(self, info: Info, teacher_id: strawberry.ID,
                            on: On = None) -> SupportChain:
        chain = await ask(info, "support_chain", teacher_id=str(teacher_id), on=on)
        return SupportChain.from_chain(chain)

    @strawberry.field(description="Who coordinates whom, from a body (or a territory's education "
                                  "authority) down to the school associations.")
    async def coordination_tree(
        self,
        info: Info,
        root_id: strawberry.ID | None = None,
        territory_id: Territory = None,
        max_depth: int = 8,
        first: int = 200,
        after: str | None = None,
    ) -> CoordinationTree:
        tree = await ask(info, "coordination_tree", root_id=root_id, territory_id=territory_id,
                         max_depth=_bounded("maxDepth", max_depth, 0, MAX_HOPS * 2))
        return CoordinationTree(root=NodeRef.from_record(tree.root), truncated=tree.truncated,
                                nodes=paginate(tree.nodes, first, after, TreeNode.from_node))

    @strawberry.field(description="A shortest path between two nodes (edges in either "
                                  "direction), with the relationship types; null if none.")
    async def shortest_path(
        self,
        info: Info,
        source_id: strawberry.ID,
        target_id: strawberry.ID,
        types: Types = None,
        max_depth: int = 6,
    ) -> GraphPath | None:
        path = await ask(info, "shortest_path", source_id=str(source_id),
                         target_id=str(target_id), types=_types(types),
                         max_depth=_bounded("maxDepth", max_depth, 1, MAX_HOPS))
        return GraphPath.from_path(path) if path is not None else None

    @strawberry.field(description="The nodes within `depth` hops of a node and the edges walked.")
    async def neighbourhood(
        self,
        info: Info,
        id: strawberry.ID,
        depth: int = 1,
        types: Types = None,
        limit: int = 200,
    ) -> Neighbourhood:
        answer = await ask(info, "neighbourhood", node_id=str(id),
                           depth=_bounded("depth", depth, 0, 3), types=_types(types),
                           limit=_bounded("limit", limit, 1, MAX_NEIGHBOURS),
                           nodes_only=not _selects(info, "edges"),
                           # An edge's properties count too: a rare case, read in full.
                           ids_only=not _selects_within(info, _NODE_CONTENT))
        return Neighbourhood.from_answer(answer)

    # -- Q7 -------------------------------------------------------------------------------
    @strawberry.field(description="Brokers: the nodes with the highest betweenness in the "
                                  "support and membership network of a territory.")
    async def brokers(
        self,
        info: Info,
        territory_id: Territory = None,
        on: On = None,
        label: Annotated[str | None, strawberry.argument(
            description="Person or Organization (default: both)")] = None,
        top: int = 10,
    ) -> list[Broker]:
        if label is not None and label not in ("Person", "Organization"):
            raise ValueError(f"label must be Person or Organization, not {label!r}")
        answer = await ask(info, "brokers", territory_id=territory_id, on=on, label=label,
                           top=_bounded("top", top, 1, MAX_BROKERS))
        return [Broker.from_answer(b) for b in answer]

    @strawberry.field(description="Schools with no support, no curating, no horizontal learning "
                                  "and no community membership of their teachers.")
    async def isolated_schools(
        self, info: Info, territory_id: Territory = None, on: On = None, first: int = 50,
        after: str | None = None,
    ) -> Connection[IsolatedSchool]:
        answer = await ask(info, "isolated_schools", territory_id=territory_id, on=on)
        return paginate(answer, first, after, IsolatedSchool.from_answer)

    @strawberry.field(description="Communities of schools linked by horizontal learning, "
                                  "largest first.")
    async def school_communities(
        self, info: Info, territory_id: Territory = None, on: On = None,
        method: CommunityMethod = CommunityMethod.components, first: int = 50,
        after: str | None = None,
    ) -> Connection[SchoolCommunity]:
        answer = await ask(info, "school_communities", territory_id=territory_id, on=on,
                           method=method.value)
        return paginate(answer, first, after, SchoolCommunity.from_answer)

    @strawberry.field(description="Internship sites and whom they reach: the other schools of "
                                  "their district and the schools they learn with.")
    async def internship_reach(
        self, info: Info, territory_id: Territory = None, on: On = None, first: int = 50,
        after: str | None = None,
    ) -> Connection[InternshipReach]:
        answer = await ask(info, "internship_reach", territory_id=territory_id, on=on)
        return paginate(answer, first, after, InternshipReach.from_answer)

    # -- Q8 -------------------------------------------------------------------------------
    @strawberry.field(description="Find any node by name, short name, alias or abbreviation, "
                                  "in any case and word form (Russian).")
    async def search(
        self,
        info: Info,
        text: str,
        labels: Annotated[list[str] | None, strawberry.argument(
            description="labels to search, e.g. [Organization, Person] (default: all "
                        "searchable)")] = None,
        territory_id: Territory = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[SearchHit]:
        hits = await ask(info, "search", text=text, labels=labels, territory_id=territory_id,
                         limit=MAX_PAGE)
        return paginate(hits, first, after, SearchHit.from_hit)
