"""The planner's candidates and plans are the same on both stores, on random networks.

On Neo4j, what a territory's gaps can be offered to in its region (the methodists with their
load, the pools and communities with their members and the schools they support, who already
supports the gaps' schools, the methodists' communities) is one statement computed in the
server (graph/queries/plan_in_database.py); the embedded store reads it through an area in
Python (graph/queries/plan.py). Hypothesis draws small random networks
(tests/random_area_networks.py, with pools, memberships and bodies' support added here) and
asks both stores for every gap's candidates and the plan of a random territory and period,
for the unrestricted caller and for a district's (at times a region's) coordinator: the
answers, or the errors, must be equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import MethodnetError
from graph.model import (
    Assessment,
    HasAssessment,
    HasRole,
    MemberOf,
    Organization,
    Person,
    Supports,
)
from graph.queries.plan import candidates, plan
from graph.queries.plan_in_database import planner_in_database
from graph.queries.scope import EVERYTHING, Scope
from graph.store import MemoryStore, Store
from tests.random_area_networks import AreaNetwork, area_networks, periods

pytestmark = pytest.mark.neo4j

SUBJECTS = ("математика", "Математика ", "физика", "история")


def _answer(ask: Callable[[], Any]) -> Any:
    """The answer, or the error a caller would see instead."""
    try:
        return ask()
    except MethodnetError as e:
        return ("error", type(e).__name__, str(e))


@st.composite
def planner_networks(draw: Any) -> AreaNetwork:
    """A random area network with what the planner reads besides: methodist pools (with
    subjects of their own or none), people and bodies as members of pools and communities
    (methodists among them), roles with subjects for the members, and bodies supporting
    schools and teachers, each dated inside, outside or across the periods."""
    network = draw(area_networks(max_schools=4, max_teachers=6, max_methodists=4))
    b = network.batch
    pick = st.sampled_from
    places = network.districts + network.regions
    day = pick(("2025-01-01", "2025-06-30", "2025-07-01", "2025-12-31", "2026-06-30"))

    def dates() -> dict[str, Any]:
        start, end = sorted(draw(st.lists(day, min_size=2, max_size=2)))
        return {"start": start if draw(st.booleans()) else None,
                "end": end if draw(st.booleans()) else None}

    # Methodists of the regions' ЦНППМ (and of districts) with subjects, some at their norm.
    centres = []
    for i, place in enumerate(draw(st.lists(pick(places), min_size=1, max_size=2))):
        centres.append(f"pd{i}")
        b.add(Organization(id=f"pd{i}", name=f"ЦНППМ {i}", kind="pd_center", level="regional",
                           territory_id=place))
    staff = [f"pm{i}" for i in range(draw(st.integers(1, 3)))]
    for m in staff:
        b.add(Person(id=m, full_name=f"Методист {m}",
                     subjects=sorted(set(draw(st.lists(pick(SUBJECTS), max_size=2))))))
        b.add(HasRole(source=m, target=draw(pick(centres)),
                      role=draw(pick(("regional_methodist", "municipal_methodist"))),
                      subjects=sorted(set(draw(st.lists(pick(SUBJECTS), max_size=2)))),
                      **(dates() if not draw(st.integers(0, 2)) else {})))
    teachers = sorted(n.id for n in b.nodes.values()
                      if n.label == "Person" and n.id.startswith("t"))
    for _ in range(draw(st.integers(0, 6))):
        b.add(Supports(source=draw(pick(staff)),
                       target=draw(pick(network.schools + tuple(teachers))),
                       subject=draw(st.none() | pick(SUBJECTS)),
                       **(dates() if draw(st.booleans()) else {})))
    for school in draw(st.lists(pick(network.schools), max_size=2, unique=True)) \
            if network.periods else ():
        b.add(Assessment(id=f"{school}-low", period=draw(pick(network.periods)),
                         low_results=True,
                         low_subjects=sorted(set(draw(st.lists(pick(SUBJECTS), min_size=1,
                                                               max_size=2))))))
        b.add(HasAssessment(source=school, target=f"{school}-low"))
    pools = [f"pool{i}" for i in range(draw(st.integers(0, 2)))]
    for p in pools:
        b.add(Organization(id=p, name=f"Методический актив {p}", kind="methodist_pool",
                           level="regional", territory_id=draw(pick(places)),
                           generic_name=not draw(st.integers(0, 4)),
                           subjects=sorted(set(draw(st.lists(pick(SUBJECTS), max_size=2))))))
    bodies = pools + [n.id for n in b.nodes.values()
                      if n.label == "Organization" and n.props.get("kind") == "community"]
    people = sorted(n.id for n in b.nodes.values() if n.label == "Person")
    if bodies and people:
        for _ in range(draw(st.integers(0, 6))):
            b.add(MemberOf(source=draw(pick(people)), target=draw(pick(bodies)), **dates()))
        for _ in range(draw(st.integers(0, 3))):
            subjects = sorted(set(draw(st.lists(pick(SUBJECTS), max_size=2))))
            b.add(HasRole(source=draw(pick(people)), target=draw(pick(bodies)),
                          role=draw(pick(("tutor", "manager"))), subjects=subjects,
                          **dates()))
    if bodies:
        for _ in range(draw(st.integers(0, 4))):
            target = draw(pick(network.schools + tuple(people)))
            b.add(Supports(source=draw(pick(bodies)), target=target,
                           subject=draw(st.none() | pick(SUBJECTS)), **dates()))
    return network


@st.composite
def _cases(draw: Any) -> tuple[AreaNetwork, str, str, int, Scope]:
    network = draw(planner_networks())
    territory = draw(st.sampled_from(network.school_districts or network.districts)
                     | st.sampled_from(network.regions + network.districts))
    assessed = st.sampled_from(network.periods) if network.periods else periods()
    period = draw(assessed | assessed | periods())
    norm = draw(st.integers(1, 4))
    district = st.sampled_from(network.school_districts or network.districts)
    scope = Scope.of([draw(district | district | st.sampled_from(network.regions))])
    return network, territory, period, norm, scope


def _questions(territory: str, period: str, norm: int,
               scope: Scope) -> dict[str, Callable[[Store], Any]]:
    def planned(s: Store) -> Any:
        p = plan(s, territory, period, scope=scope, norm=norm)
        return p.norm, p.assignments, p.unclosable, p.candidates  # not the revision

    return {"candidates": lambda s: candidates(s, territory, period, scope=scope, norm=norm),
            "plan": planned}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_cases())
def test_both_stores_plan_alike(_neo4j_store: Store,
                                case: tuple[AreaNetwork, str, str, int, Scope]) -> None:
    network, territory, period, norm, restricted = case
    assert planner_in_database(_neo4j_store) is not None  # the Cypher path is the one compared
    memory = MemoryStore()
    memory.write(network.batch)
    _neo4j_store.clear()
    _neo4j_store.write(network.batch)
    for scope in (EVERYTHING, restricted):
        for name, ask in _questions(territory, period, norm, scope).items():
            expected = _answer(lambda a=ask: a(memory))
            got = _answer(lambda a=ask: a(_neo4j_store))
            assert got == expected, f"{name} of {territory} {period} differs for {scope}"
