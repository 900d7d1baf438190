"""GraphQL types of the regulations' questions, made from the query layer's answers."""

from __future__ import annotations

from typing import Self

import strawberry

from graph.queries import regulations

__all__ = ["BodyDuty", "Obligation", "RegulationDiff"]


@strawberry.type(description="A duty a regulation gives a body, by clause (the body typed: "
                             "`entity(id: organizationId)`).")
class Obligation:
    organization_id: strawberry.ID
    organization_title: str
    duty: str
    categories: list[str]
    regulation_id: strawberry.ID
    regulation_title: str
    clause_number: str
    clause_text: str

    @classmethod
    def from_answer(cls, o: regulations.Obligation) -> Self:
        return cls(organization_id=strawberry.ID(o.organization_id),
                   organization_title=o.organization, duty=o.duty,
                   categories=list(o.categories), regulation_id=strawberry.ID(o.regulation_id),
                   regulation_title=o.regulation, clause_number=o.clause_number,
                   clause_text=o.clause_text)


@strawberry.type(description="A body and a duty category one regulation gives it and the "
                             "other does not.")
class BodyDuty:
    organization_id: strawberry.ID
    category: str


@strawberry.type(description="What two regulations differ in: the bodies they name, the duty "
                             "categories they give, and which body gets which category.")
class RegulationDiff:
    a_id: strawberry.ID
    b_id: strawberry.ID
    bodies_only_in_a: list[strawberry.ID]
    bodies_only_in_b: list[strawberry.ID]
    categories_only_in_a: list[str]
    categories_only_in_b: list[str]
    duties_only_in_a: list[BodyDuty]
    duties_only_in_b: list[BodyDuty]

    @classmethod
    def from_answer(cls, d: regulations.RegulationDiff) -> Self:
        def ids(items: tuple[str, ...]) -> list[strawberry.ID]:
            return [strawberry.ID(i) for i in items]

        def pairs(items: tuple[tuple[str, str], ...]) -> list[BodyDuty]:
            return [BodyDuty(organization_id=strawberry.ID(b), category=c) for b, c in items]

        return cls(a_id=strawberry.ID(d.a_id), b_id=strawberry.ID(d.b_id),
                   bodies_only_in_a=ids(d.bodies_only_in_a),
                   bodies_only_in_b=ids(d.bodies_only_in_b),
                   categories_only_in_a=list(d.categories_only_in_a),
                   categories_only_in_b=list(d.categories_only_in_b),
                   duties_only_in_a=pairs(d.duties_only_in_a),
                   duties_only_in_b=pairs(d.duties_only_in_b))
