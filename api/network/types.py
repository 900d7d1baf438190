"""GraphQL types of questions 5–8, each made from the query layer's answer by ``from_…``."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import strawberry

from api.system.types import CountRow, EdgeRef, NodeRef
from graph.model.base import EdgeRecord
from graph.queries import compliance, network, paths, search

__all__ = [
    "BodyCompliance",
    "Broker",
    "ChainStep",
    "CommunityMethod",
    "ComplianceStatus",
    "DutyClause",
    "DutyCompliance",
    "GraphPath",
    "InternshipReach",
    "IsolatedSchool",
    "Neighbour",
    "Neighbourhood",
    "SchoolCommunity",
    "SearchHit",
    "SupportChain",
    "TreeNode",
]


def _edges(items: Iterable[EdgeRecord]) -> list[EdgeRef]:
    return [EdgeRef.from_record(e) for e in items]


@strawberry.enum(description="How a body stands against a duty.")
class ComplianceStatus(StrEnum):
    met = "met"
    not_met = "not_met"
    not_measurable = "not_measurable"


@strawberry.enum(description="How to group schools linked by horizontal learning.")
class CommunityMethod(StrEnum):
    components = "components"
    louvain = "louvain"


# -- Q5 duty compliance -----------------------------------------------------------------------
@strawberry.type(description="Where a duty is written: regulation, clause and its words.")
class DutyClause:
    duty_id: strawberry.ID
    regulation_id: strawberry.ID
    clause_number: str | None
    clause_id: strawberry.ID | None
    text: str

    @classmethod
    def from_clause(cls, c: compliance.DutyClause) -> DutyClause:
        return cls(duty_id=strawberry.ID(c.duty_id), regulation_id=strawberry.ID(c.regulation_id),
                   clause_number=c.clause_number,
                   clause_id=strawberry.ID(c.clause_id) if c.clause_id else None, text=c.text)


@strawberry.type(description="A concrete body bound by a duty, and the edges that show it done.")
class BodyCompliance:
    body: NodeRef
    status: ComplianceStatus
    evidence_count: int
    all_evidence: strawberry.Private[list[EdgeRecord]]

    @strawberry.field(description="the edges that show the duty done, first ones by id")
    def evidence(self, first: int = 10) -> list[EdgeRef]:
        return _edges(self.all_evidence[:max(first, 0)])

    @classmethod
    def from_answer(cls, b: compliance.BodyCompliance) -> BodyCompliance:
        return cls(body=NodeRef.from_record(b.body), status=ComplianceStatus(b.status),
                   evidence_count=len(b.evidence), all_evidence=list(b.evidence))


@strawberry.type(description="A duty category a regulation assigns, and which bodies show it "
                             "done (regulation against reality).")
class DutyCompliance:
    category: str
    assigned_to: NodeRef
    generic: bool = strawberry.field(description="assigned to a kind of body, not one body")
    kind: str | None
    level: str | None
    clause: DutyClause = strawberry.field(description="the first duty of the clause")
    duties: list[DutyClause] = strawberry.field(
        description="every duty of this category the clause assigns (often several bullets)")
    measurable: bool
    rule: str = strawberry.field(description="the edges that count as the duty done")
    met_count: int
    not_met_count: int
    bodies: list[BodyCompliance]

    @classmethod
    def from_answer(cls, r: compliance.DutyCompliance) -> DutyCompliance:
        return cls(category=r.category, assigned_to=NodeRef.from_record(r.assigned_to),
                   generic=bool(r.assigned_to.props.get("generic_name")), kind=r.kind,
                   level=r.level, clause=DutyClause.from_clause(r.clause),
                   duties=[DutyClause.from_clause(d) for d in r.duties],
                   measurable=r.measurable, rule=r.rule, met_count=len(r.met),
                   not_met_count=len(r.not_met),
                   bodies=[BodyCompliance.from_answer(b) for b in r.bodies])


# -- Q6 paths and structure -------------------------------------------------------------------
@strawberry.type(description="A node of a support chain: its role, hops from the teacher and "
                             "the edges that tie it to the chain.")
class ChainStep:
    node: NodeRef
    role: str = strawberry.field(description="teacher, school, community, supporter, "
                                             "school_service, supporter_body, district_service "
                                             "or coordinating_body")
    depth: int
    via: list[EdgeRef]

    @classmethod
    def from_step(cls, s: paths.ChainStep) -> ChainStep:
        return cls(node=NodeRef.from_record(s.node), role=s.role, depth=s.depth,
                   via=_edges(s.via))


@strawberry.type(description="Everyone and everything between a teacher and the regional level.")
class SupportChain:
    teacher: NodeRef
    reaches_region: bool
    steps: list[ChainStep]

    @classmethod
    def from_chain(cls, c: paths.SupportChain) -> SupportChain:
        return cls(teacher=NodeRef.from_record(c.teacher), reaches_region=c.reaches_region,
                   steps=[ChainStep.from_step(s) for s in c.steps])


@strawberry.type(description="A body of the coordination tree, listed depth first.")
class TreeNode:
    node: NodeRef
    depth: int
    parent_id: strawberry.ID | None
    via: EdgeRef | None
    also: list[EdgeRef] = strawberry.field(description="other links from above, not the tree's")

    @classmethod
    def from_node(cls, t: paths.TreeNode) -> TreeNode:
        return cls(node=NodeRef.from_record(t.node), depth=t.depth,
                   parent_id=strawberry.ID(t.parent_id) if t.parent_id else None,
                   via=EdgeRef.from_record(t.via) if t.via else None, also=_edges(t.also))


@strawberry.type(description="A path: edges[i] joins nodes[i] and nodes[i + 1].")
class GraphPath:
    length: int
    nodes: list[NodeRef]
    edges: list[EdgeRef]
    types: list[str]

    @classmethod
    def from_path(cls, p: paths.GraphPath) -> GraphPath:
        return cls(length=p.length, nodes=[NodeRef.from_record(n) for n in p.nodes],
                   edges=_edges(p.edges), types=list(p.types))


@strawberry.type
class Neighbour:
    node: NodeRef
    distance: int


@strawberry.type(description="The nodes within some hops of a centre and the edges walked.")
class Neighbourhood:
    center: NodeRef
    nodes: list[Neighbour]
    answer: strawberry.Private[paths.Neighbourhood]

    @strawberry.field
    def edges(self) -> list[EdgeRef]:
        # Made only when asked for: a neighbourhood has more edges than nodes.
        return _edges(self.answer.edges)

    @strawberry.field
    def truncated(self) -> bool:
        return self.answer.truncated

    @classmethod
    def from_answer(cls, n: paths.Neighbourhood) -> Neighbourhood:
        return cls(center=NodeRef.from_record(n.center),
                   nodes=[Neighbour(node=NodeRef.from_record(x.node), distance=x.distance)
                          for x in n.nodes],
                   answer=n)


# -- Q7 network analysis ----------------------------------------------------------------------
@strawberry.type(description="A node on many shortest paths of the support network.")
class Broker:
    node: NodeRef
    betweenness: float
    degree: int
    edge_types: list[CountRow]

    @classmethod
    def from_answer(cls, b: network.Broker) -> Broker:
        return cls(node=NodeRef.from_record(b.node), betweenness=b.betweenness, degree=b.degree,
                   edge_types=[CountRow(name=t, count=c) for t, c in b.edge_types])


@strawberry.type(description="A school with no support, curating, horizontal learning or "
                             "community membership.")
class IsolatedSchool:
    school: NodeRef
    territory_id: strawberry.ID | None
    teachers: int

    @classmethod
    def from_answer(cls, x: network.IsolatedSchool) -> IsolatedSchool:
        return cls(school=NodeRef.from_record(x.school),
                   territory_id=strawberry.ID(x.territory_id) if x.territory_id else None,
                   teachers=x.teachers)


@strawberry.type(description="Schools joined by horizontal learning.")
class SchoolCommunity:
    index: int
    size: int
    schools: list[NodeRef]
    links: list[EdgeRef]
    territories: list[strawberry.ID]

    @classmethod
    def from_answer(cls, c: network.SchoolCommunity) -> SchoolCommunity:
        return cls(index=c.index, size=len(c.schools),
                   schools=[NodeRef.from_record(s) for s in c.schools], links=_edges(c.links),
                   territories=[strawberry.ID(t) for t in c.territories])


@strawberry.type(description="An internship site and whom it reaches: the other schools of its "
                             "district and the schools it learns with, and their teachers.")
class InternshipReach:
    site: NodeRef
    designated_by: list[NodeRef]
    designations: list[EdgeRef]
    district_id: strawberry.ID | None
    school_count: int
    schools: list[NodeRef]
    links: list[EdgeRef]
    teachers: int

    @classmethod
    def from_answer(cls, r: network.InternshipReach) -> InternshipReach:
        return cls(site=NodeRef.from_record(r.site),
                   designated_by=[NodeRef.from_record(b) for b in r.designated_by],
                   designations=_edges(r.designations),
                   district_id=strawberry.ID(r.district_id) if r.district_id else None,
                   school_count=len(r.schools),
                   schools=[NodeRef.from_record(s) for s in r.schools], links=_edges(r.links),
                   teachers=r.teachers)


# -- Q8 search --------------------------------------------------------------------------------
@strawberry.type(description="A node found by search, how well (0–1) and by which name.")
class SearchHit:
    node: NodeRef
    score: float
    field: str
    matched: str

    @classmethod
    def from_hit(cls, h: search.SearchHit) -> SearchHit:
        return cls(node=NodeRef.from_record(h.node), score=h.score, field=h.field,
                   matched=h.matched)
