"""GraphQL types of the graph's entities, each with its relationships as fields.

Every relationship field loads through the request's :class:`~api.entities.loaders.
EntityLoaders` (batched per level, filtered by the caller's scope). People are one ``Person``
type whatever their roles (a methodist may also teach): ``roles`` lists them, and the
role-specific relationships (``methodists``, ``mentors``, ``tutors``, ``mentees``,
``supporting``) are simply empty for someone without that role.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from api.context import Info
from api.coordination.queries import counts_asked_only, pages_reach
from api.coordination.types import GapReport, IndicatorValue, LowResultsSupport
from api.entities.loaders import Link, loaders_of
from api.network.types import SupportChain
from api.planning.candidates import candidates_of
from api.questions import ask
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.nodes import title_of
from graph.queries.paths import UP_TYPES
from graph.queries.visibility import WORK_TYPES
from graph.rules import active_on, counts_in_period, region_of

if TYPE_CHECKING:
    from api.planning.types import GapCandidates

_PLANNING = "api.planning.types"
_GAP_CANDIDATES = ("Its gaps a plan could close in a period, each with who could take it, best "
                   "first (docs/planning.md); empty when it has none.")

__all__ = [
    "ENTITY_TYPES",
    "Assessment",
    "Body",
    "Clause",
    "Competency",
    "Completion",
    "Deficit",
    "Diagnostic",
    "Duty",
    "Indicator",
    "IndividualRoute",
    "Municipality",
    "Node",
    "Organization",
    "Person",
    "Programme",
    "Region",
    "Regulation",
    "Role",
    "School",
    "Term",
    "Territory",
    "entity_of",
]

_PARENT = UP_TYPES  # a body's parent: the relations whose target is the higher body
_WORK = WORK_TYPES  # the edges that place a person at a body


def _str(rec: NodeRecord | EdgeRecord, key: str) -> str | None:
    value = rec.props.get(key)
    return None if value is None else str(value)


def _strs(rec: NodeRecord | EdgeRecord, key: str) -> list[str]:
    value = rec.props.get(key)
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _date(rec: NodeRecord | EdgeRecord, key: str) -> dt.date | None:
    value = rec.props.get(key)
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10]) if value else None


async def _links(info: Info, direction: str, types: tuple[str, ...], node_id: str
                 ) -> list[Link]:
    return await loaders_of(info.context).links.load(
        (direction, types, node_id))  # type: ignore[arg-type]


async def _node(info: Info, node_id: Any) -> Node | None:
    if not isinstance(node_id, str) or not node_id:
        return None
    rec = await loaders_of(info.context).nodes.load(node_id)
    return entity_of(rec) if rec is not None else None


async def _having(info: Info, label: str, prop: str, value: str) -> list[NodeRecord]:
    return await loaders_of(info.context).having.load((label, prop, value))


def _typed(links: list[Link], cls: type[Any]) -> list[Any]:
    found = [entity_of(link.node) for link in links]
    return [x for x in found if isinstance(x, cls)]


async def _linked_one(info: Info, direction: str, types: tuple[str, ...], node_id: str,
                      cls: type[Any]) -> Any:
    """The first entity of type ``cls`` linked to ``node_id`` (a parent, an owner), or None."""
    found = _typed(await _links(info, direction, types, node_id), cls)
    return found[0] if found else None


def _when(links: list[Link], on: dt.date | None, period: str | None) -> list[Link]:
    """The links active on the day ``on`` and counting in ``period`` (the rule of
    :func:`graph.rules.counts_in_period`: support at any day of it, staff on its last)."""
    return [x for x in links if active_on(x.edge.props, on)
            and (period is None or counts_in_period(x.edge, period))]


def _unique(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x.id not in seen:
            seen.add(x.id)
            out.append(x)
    return out


# -- the interfaces ------------------------------------------------------------------------------
@strawberry.interface(description="Anything of the graph with an id; `entity(id)` finds it.")
class Node:
    id: strawberry.ID
    title: str = strawberry.field(description="the name a person would call it by")
    rec: strawberry.Private[NodeRecord]

    @classmethod
    def of(cls, rec: NodeRecord) -> Self:
        return cls(id=strawberry.ID(rec.id), title=title_of(rec), rec=rec)


@strawberry.interface(description="A region or a municipality.")
class Territory(Node):
    @strawberry.field
    def name(self) -> str:
        return self.rec.props.get("name", self.rec.id)

    @strawberry.field(description="Coverage gaps of this territory in a period (the root "
                                  "`gaps` question, narrowed here; as there, only as far into "
                                  "each list as the query's pages reach).")
    async def gaps(self, info: Info, period: str | None = None,
                   subject: str | None = None) -> GapReport:
        counts_only = counts_asked_only(info)
        report = await ask(info, "gap_report", territory_id=self.id, period=period,
                           subject=subject, counts_only=counts_only,
                           first=None if counts_only else pages_reach(info),
                           norm=info.context.settings.load_norm)
        return GapReport.from_report(report)

    @strawberry.field(description="bodies and schools located here, optionally of one kind")
    async def organizations(self, info: Info, kind: str | None = None) -> list[Organization]:
        found = [x for x in map(entity_of, await _having(
            info, "Organization", "territory_id", self.id)) if isinstance(x, Organization)]
        return [o for o in found if kind is None or o.rec.props.get("kind") == kind]


@strawberry.type(description="A federal subject (субъект РФ).")
class Region(Territory):
    @strawberry.field
    async def municipalities(self, info: Info) -> list[Municipality]:
        return [Municipality.of(n) for n in await _having(
            info, "Municipality", "region_id", self.id)]


@strawberry.type(description="A municipal district or city (муниципальный район, округ).")
class Municipality(Territory):
    @strawberry.field
    async def region(self, info: Info) -> Region | None:
        found = await _node(info, region_of(self.rec))
        return found if isinstance(found, Region) else None

    @strawberry.field(description="Who supports its schools flagged with low results in a "
                                  "period (the root `lowResultsSupport`, narrowed here).")
    async def low_results_support(self, info: Info, period: str | None = None,
                                  subject: str | None = None) -> LowResultsSupport:
        answer = await ask(info, "low_results_support", territory_id=self.id, period=period,
                           subject=subject)
        return LowResultsSupport.from_answer(answer)

    @strawberry.field(description="Its indicators in a period, compared with another if given "
                                  "(the root `indicators`, narrowed here).")
    async def indicators(self, info: Info, period: str | None = None,
                         compare_to: str | None = None) -> list[IndicatorValue]:
        rows = await ask(info, "indicators", territory_id=self.id, period=period,
                         compare_to=compare_to)
        return [IndicatorValue.from_value(r) for r in rows]


@strawberry.interface(description="A body of the support system or a school (`kind` tells "
                                  "which, see the glossary).")
class Organization(Node):
    @strawberry.field
    def name(self) -> str:
        return self.rec.props.get("name", self.rec.id)

    @strawberry.field
    def short_name(self) -> str | None:
        return _str(self.rec, "short_name")

    @strawberry.field
    def kind(self) -> str:
        return _str(self.rec, "kind") or ""

    @strawberry.field
    def level(self) -> str | None:
        return _str(self.rec, "level")

    @strawberry.field
    async def territory(self, info: Info) -> Territory | None:
        found = await _node(info, self.rec.props.get("territory_id"))
        return found if isinstance(found, Territory) else None

    @strawberry.field(description="the body it is part of, attached to or subordinate to")
    async def parent(self, info: Info) -> Organization | None:
        return await _linked_one(info, "out", _PARENT, self.id, Organization)

    @strawberry.field(description="bodies that are part of, attached or subordinate to it")
    async def units(self, info: Info) -> list[Organization]:
        return _unique(_typed(await _links(info, "in", _PARENT, self.id), Organization))

    @strawberry.field(description="bodies it coordinates")
    async def coordinates(self, info: Info) -> list[Organization]:
        return _typed(await _links(info, "out", ("COORDINATES",), self.id), Organization)

    @strawberry.field(description="the duties regulations give it")
    async def duties(self, info: Info) -> list[Duty]:
        return _typed(await _links(info, "out", ("HAS_DUTY",), self.id), Duty)

    @strawberry.field(description="its members and the people who hold a role in it")
    async def members(self, info: Info, on: dt.date | None = None) -> list[Person]:
        links = await _links(info, "in", ("MEMBER_OF", "HAS_ROLE"), self.id)
        return _unique(_typed([x for x in links if active_on(x.edge.props, on)], Person))


@strawberry.type(description="A school, kindergarten or college (образовательная организация).")
class School(Organization):
    @strawberry.field
    def school_kind(self) -> str | None:
        return _str(self.rec, "school_kind")

    @strawberry.field(description="people who work at it (employed or in the teacher role), "
                                  "on a day or on a period's last day if given; with "
                                  "`deficitIn`, only those with a deficit in that subject (as "
                                  "`Person.deficits(subject)`)")
    async def teachers(self, info: Info, on: dt.date | None = None, period: str | None = None,
                       deficit_in: str | None = None) -> list[Person]:
        links = _when(await _links(info, "in", _WORK, self.id), on, period)
        found: list[Person] = _unique(_typed([
            x for x in links
            if x.edge.type == "EMPLOYED_AT" or x.edge.props.get("role") == "teacher"], Person))
        if deficit_in is None:
            return found
        # One batched read for every teacher of the level (the loader gathers the keys).
        deficits = await asyncio.gather(*(_links(info, "out", ("HAS_DEFICIT",), p.id)
                                          for p in found))
        return [p for p, held in zip(found, deficits, strict=True)
                if any(x.node.props.get("subject") == deficit_in for x in held)]

    @strawberry.field(description=_GAP_CANDIDATES + " A school's: its low-results subjects "
                                  "without support.")
    async def gap_candidates(self, info: Info, period: str, first: int = 3) -> list[
            Annotated[GapCandidates, strawberry.lazy(_PLANNING)]]:
        from api.planning.types import GapCandidates

        rows = await candidates_of(info, _str(self.rec, "territory_id"), period,
                                   "low_results_school", self.id)
        return [GapCandidates.from_row(r, first) for r in rows]

    @strawberry.field(description="its assessments, of one period if given")
    async def assessments(self, info: Info, period: str | None = None) -> list[Assessment]:
        found = _typed(await _links(info, "out", ("HAS_ASSESSMENT",), self.id), Assessment)
        return [a for a in found if period is None or a.rec.props.get("period") == period]

    @strawberry.field(description="who supports or curates it (methodists, bodies, schools), "
                                  "on a day or at any day of a period if given")
    async def supporters(self, info: Info, on: dt.date | None = None,
                         period: str | None = None) -> list[Node]:
        links = await _links(info, "in", ("SUPPORTS", "CURATES"), self.id)
        return _unique([entity_of(x.node) for x in _when(links, on, period)])


@strawberry.type(description="Any body that is not a school: authority, institute, centre, "
                             "service, council, pool, association or community.")
class Body(Organization):
    @strawberry.field
    def community_kind(self) -> str | None:
        return _str(self.rec, "community_kind")


# -- people ----------------------------------------------------------------------------------------
@strawberry.type(description="A role a person holds at a body (teacher, methodist, tutor…).")
class Role:
    role: str
    subjects: list[str]
    start: dt.date | None
    end: dt.date | None
    organization: Organization


@strawberry.type(description="A professional deficit found by a diagnostic.")
class Deficit:
    competency: Competency
    diagnostic_id: strawberry.ID | None
    date: dt.date | None
    severity: int | None


@strawberry.type(description="A programme a person completed.")
class Completion:
    programme: Programme
    start: dt.date | None
    end: dt.date | None


@strawberry.type(description="A person: teacher, manager, methodist, tutor or mentor, by the "
                             "roles they hold (one type for all roles).")
class Person(Node):
    @strawberry.field
    def full_name(self) -> str:
        return self.rec.props.get("full_name", self.rec.id)

    @strawberry.field
    def subjects(self) -> list[str]:
        return _strs(self.rec, "subjects")

    @strawberry.field
    async def roles(self, info: Info, on: dt.date | None = None) -> list[Role]:
        return [Role(role=_str(x.edge, "role") or "", subjects=_strs(x.edge, "subjects"),
                     start=_date(x.edge, "start"), end=_date(x.edge, "end"),
                     organization=entity_of(x.node))  # type: ignore[arg-type]
                for x in await _links(info, "out", ("HAS_ROLE",), self.id)
                if active_on(x.edge.props, on) and isinstance(entity_of(x.node), Organization)]

    @strawberry.field(description="the bodies and schools they work at")
    async def workplaces(self, info: Info, on: dt.date | None = None) -> list[Organization]:
        links = await _links(info, "out", _WORK, self.id)
        return _unique(_typed([x for x in links if active_on(x.edge.props, on)], Organization))

    @strawberry.field(description=_GAP_CANDIDATES + " A teacher's: no methodist, deficits "
                                  "without a route, a young specialist without support.")
    async def gap_candidates(self, info: Info, period: str, first: int = 3) -> list[
            Annotated[GapCandidates, strawberry.lazy(_PLANNING)]]:
        from api.planning.types import GapCandidates

        schools = sorted((x.node for x in await _links(info, "out", _WORK, self.id)
                          if x.node.props.get("kind") == "school"), key=lambda n: n.id)
        district = _str(schools[0], "territory_id") if schools else None
        kinds = ("teacher_without_methodist", "deficit_without_route",
                 "young_specialist_without_support")
        found = await asyncio.gather(*(candidates_of(info, district, period, k, self.id)
                                       for k in kinds))
        return [GapCandidates.from_row(r, first) for rows in found for r in rows]

    @strawberry.field(description="bodies, communities and pools they are members of")
    async def memberships(self, info: Info) -> list[Organization]:
        return _typed(await _links(info, "out", ("MEMBER_OF",), self.id), Organization)

    @strawberry.field(description="their deficits, in one subject if given")
    async def deficits(self, info: Info, subject: str | None = None) -> list[Deficit]:
        return [Deficit(competency=Competency.of(x.node),
                        diagnostic_id=strawberry.ID(d) if (d := _str(x.edge, "diagnostic_id"))
                        else None, date=_date(x.edge, "date"),
                        severity=x.edge.props.get("severity"))
                for x in await _links(info, "out", ("HAS_DEFICIT",), self.id)
                if subject is None or x.node.props.get("subject") == subject]

    @strawberry.field(description="the people who support them (methodists), on a day or at "
                                  "any day of a period if given")
    async def methodists(self, info: Info, on: dt.date | None = None,
                         period: str | None = None) -> list[Person]:
        links = await _links(info, "in", ("SUPPORTS",), self.id)
        return _unique(_typed(_when(links, on, period), Person))

    @strawberry.field(description="their mentors, on a day or at any day of a period if given")
    async def mentors(self, info: Info, on: dt.date | None = None,
                      period: str | None = None) -> list[Person]:
        links = await _links(info, "in", ("MENTORS",), self.id)
        return _typed(_when(links, on, period), Person)

    @strawberry.field
    async def tutors(self, info: Info, on: dt.date | None = None) -> list[Person]:
        links = await _links(info, "in", ("TUTORS",), self.id)
        return _typed([x for x in links if active_on(x.edge.props, on)], Person)

    @strawberry.field(description="the people they mentor")
    async def mentees(self, info: Info, on: dt.date | None = None) -> list[Person]:
        links = await _links(info, "out", ("MENTORS",), self.id)
        return _typed([x for x in links if active_on(x.edge.props, on)], Person)

    @strawberry.field(description="the people and schools they support (as a methodist)")
    async def supporting(self, info: Info, on: dt.date | None = None) -> list[Node]:
        links = await _links(info, "out", ("SUPPORTS",), self.id)
        return _unique([entity_of(x.node) for x in links if active_on(x.edge.props, on)])

    @strawberry.field(description="their individual routes (ИОМ)")
    async def routes(self, info: Info) -> list[IndividualRoute]:
        return _typed(await _links(info, "out", ("HAS_ROUTE",), self.id), IndividualRoute)

    @strawberry.field
    async def diagnostics(self, info: Info) -> list[Diagnostic]:
        return _typed(await _links(info, "out", ("HAS_DIAGNOSTIC",), self.id), Diagnostic)

    @strawberry.field(description="Their support chain up to the regional level (the root "
                                  "`supportChain` of this person).")
    async def support_chain(self, info: Info, on: dt.date | None = None) -> SupportChain:
        chain = await ask(info, "support_chain", teacher_id=self.id, on=on)
        return SupportChain.from_chain(chain)

    @strawberry.field
    async def completions(self, info: Info) -> list[Completion]:
        return [Completion(programme=Programme.of(x.node), start=_date(x.edge, "start"),
                           end=_date(x.edge, "end"))
                for x in await _links(info, "out", ("COMPLETED",), self.id)]


# -- records -------------------------------------------------------------------------------------
@strawberry.type(description="A professional competency (the catalogue).")
class Competency(Node):
    @strawberry.field
    def name(self) -> str:
        return self.rec.props.get("name", self.rec.id)

    @strawberry.field
    def subject(self) -> str | None:
        return _str(self.rec, "subject")

    @strawberry.field
    def area(self) -> str | None:
        return _str(self.rec, "area")


@strawberry.type(description="A school's measured results in a period.")
class Assessment(Node):
    @strawberry.field
    def period(self) -> str:
        return _str(self.rec, "period") or ""

    @strawberry.field
    def procedure(self) -> str | None:
        return _str(self.rec, "procedure")

    @strawberry.field
    def low_results(self) -> bool:
        return bool(self.rec.props.get("low_results"))

    @strawberry.field
    def unreliable_results(self) -> bool:
        return bool(self.rec.props.get("unreliable_results"))

    @strawberry.field
    def low_subjects(self) -> list[str]:
        return _strs(self.rec, "low_subjects")

    @strawberry.field
    async def school(self, info: Info) -> School | None:
        return await _linked_one(info, "in", ("HAS_ASSESSMENT",), self.id, School)


@strawberry.type(description="A diagnostic of a person's professional competencies.")
class Diagnostic(Node):
    @strawberry.field
    def date(self) -> dt.date | None:
        return _date(self.rec, "date")

    @strawberry.field
    def instrument(self) -> str | None:
        return _str(self.rec, "instrument")

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _linked_one(info, "in", ("HAS_DIAGNOSTIC",), self.id, Person)


@strawberry.type(description="An individual route of development (ИОМ).")
class IndividualRoute(Node):
    @strawberry.field
    def created(self) -> dt.date | None:
        return _date(self.rec, "created")

    @strawberry.field
    def status(self) -> str | None:
        return _str(self.rec, "status")

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await _linked_one(info, "in", ("HAS_ROUTE",), self.id, Person)

    @strawberry.field(description="the competencies it addresses")
    async def addresses(self, info: Info) -> list[Competency]:
        return _typed(await _links(info, "out", ("ADDRESSES",), self.id), Competency)

    @strawberry.field(description="the programmes it includes")
    async def programmes(self, info: Info) -> list[Programme]:
        return _typed(await _links(info, "out", ("INCLUDES",), self.id), Programme)


@strawberry.type(description="A professional-development programme (ДПП).")
class Programme(Node):
    @strawberry.field
    def hours(self) -> int | None:
        value = self.rec.props.get("hours")
        return value if isinstance(value, int) else None

    @strawberry.field
    def in_federal_registry(self) -> bool:
        return bool(self.rec.props.get("in_federal_registry"))

    @strawberry.field
    async def providers(self, info: Info) -> list[Organization]:
        return _typed(await _links(info, "out", ("PROVIDED_BY",), self.id), Organization)


# -- regulations ---------------------------------------------------------------------------------
@strawberry.type(description="A normative document; `cites` lists the acts it cites.")
class Regulation(Node):
    @strawberry.field
    def act_kind(self) -> str | None:
        return _str(self.rec, "act_kind")

    @strawberry.field(description="the act's own number (№ 204); a clause's is `Clause.number`")
    def act_number(self) -> str | None:
        return _str(self.rec, "number")

    @strawberry.field
    def date(self) -> dt.date | None:
        return _date(self.rec, "date")

    @strawberry.field
    def level(self) -> str | None:
        return _str(self.rec, "level")

    @strawberry.field
    async def territory(self, info: Info) -> Territory | None:
        found = await _node(info, self.rec.props.get("territory_id"))
        return found if isinstance(found, Territory) else None

    @strawberry.field(description="its clauses in order, or the one with this number")
    async def clauses(self, info: Info, number: str | None = None) -> list[Clause]:
        found = [Clause.of(n) for n in await _having(info, "Clause", "regulation_id", self.id)]
        return [c for c in found if number is None or c.rec.props.get("number") == number]

    @strawberry.field
    async def duties(self, info: Info) -> list[Duty]:
        return [Duty.of(n) for n in await _having(info, "Duty", "regulation_id", self.id)]

    @strawberry.field
    async def terms(self, info: Info) -> list[Term]:
        return [Term.of(n) for n in await _having(info, "Term", "regulation_id", self.id)]

    @strawberry.field
    async def indicators(self, info: Info) -> list[Indicator]:
        return [Indicator.of(n) for n in await _having(info, "Indicator", "regulation_id",
                                                       self.id)]

    @strawberry.field(description="the acts it cites (its normative base)")
    async def cites(self, info: Info) -> list[Regulation]:
        return _typed(await _links(info, "out", ("CITES",), self.id), Regulation)


@strawberry.type(description="A numbered part of a regulation (`3.2.4`).")
class Clause(Node):
    @strawberry.field
    def number(self) -> str:
        return _str(self.rec, "number") or ""

    @strawberry.field
    def text(self) -> str:
        return _str(self.rec, "text") or ""

    @strawberry.field
    async def regulation(self, info: Info) -> Regulation | None:
        found = await _node(info, self.rec.props.get("regulation_id"))
        return found if isinstance(found, Regulation) else None

    @strawberry.field(description="the duties it states")
    async def duties(self, info: Info) -> list[Duty]:
        found = await _having(info, "Duty", "regulation_id",
                              str(self.rec.props.get("regulation_id")))
        return [Duty.of(n) for n in found
                if n.props.get("clause_number") == self.rec.props.get("number")]


@strawberry.type(description="What a regulation obliges a body to do.")
class Duty(Node):
    @strawberry.field
    def text(self) -> str:
        return _str(self.rec, "text") or ""

    @strawberry.field
    def categories(self) -> list[str]:
        return _strs(self.rec, "categories")

    @strawberry.field
    def clause_number(self) -> str | None:
        return _str(self.rec, "clause_number")

    @strawberry.field
    async def regulation(self, info: Info) -> Regulation | None:
        found = await _node(info, self.rec.props.get("regulation_id"))
        return found if isinstance(found, Regulation) else None

    @strawberry.field
    async def clause(self, info: Info) -> Clause | None:
        found = await _having(info, "Clause", "regulation_id",
                              str(self.rec.props.get("regulation_id")))
        number = self.rec.props.get("clause_number")
        return next((Clause.of(n) for n in found if n.props.get("number") == number), None)

    @strawberry.field(description="the bodies the duty is given to")
    async def assigned_to(self, info: Info) -> list[Organization]:
        return _typed(await _links(info, "in", ("HAS_DUTY",), self.id), Organization)


@strawberry.type(description="A concept a regulation defines.")
class Term(Node):
    @strawberry.field
    def name(self) -> str:
        return _str(self.rec, "name") or ""

    @strawberry.field
    def definition(self) -> str:
        return _str(self.rec, "definition") or ""

    @strawberry.field
    def abbreviation(self) -> str | None:
        return _str(self.rec, "abbreviation")

    @strawberry.field
    async def regulation(self, info: Info) -> Regulation | None:
        found = await _node(info, self.rec.props.get("regulation_id"))
        return found if isinstance(found, Regulation) else None


@strawberry.type(description="A performance indicator a regulation defines.")
class Indicator(Node):
    @strawberry.field
    def text(self) -> str:
        return _str(self.rec, "text") or ""

    @strawberry.field
    def clause_number(self) -> str | None:
        return _str(self.rec, "clause_number")

    @strawberry.field
    def computable(self) -> bool:
        return bool(self.rec.props.get("computable"))

    @strawberry.field
    async def regulation(self, info: Info) -> Regulation | None:
        found = await _node(info, self.rec.props.get("regulation_id"))
        return found if isinstance(found, Regulation) else None


@strawberry.type(description="A node of a label with no type of its own.")
class Opaque(Node):
    @strawberry.field
    def label(self) -> str:
        return self.rec.label


_BY_LABEL: dict[str, type[Any]] = {
    "Region": Region, "Municipality": Municipality, "Person": Person,
    "Competency": Competency, "Assessment": Assessment, "Diagnostic": Diagnostic,
    "IndividualRoute": IndividualRoute, "Programme": Programme, "Regulation": Regulation,
    "Clause": Clause, "Duty": Duty, "Term": Term, "Indicator": Indicator,
}


ENTITY_TYPES: tuple[type[Any], ...] = (*_BY_LABEL.values(), School, Body, Opaque)
"""Every concrete entity type, for the schema (a type reached only through an interface must
be named to it)."""


def entity_of(rec: NodeRecord) -> Node:
    """The typed entity of a node record (a ``School`` or a ``Body`` for an organization).

    >>> entity_of(NodeRecord("Organization", "s1", {"name": "Школа", "kind": "school"})).title
    'Школа'
    """
    if rec.label == "Organization":
        cls: type[Any] = School if rec.props.get("kind") == "school" else Body
    else:
        cls = _BY_LABEL.get(rec.label, Opaque)
    found: Node = cls.of(rec)
    return found


