"""Isolated schools: the same answer on both stores, on random networks.

On Neo4j the question is one Cypher statement computed in the server
(``graph.store.cypher.isolated_schools_query``); the embedded store runs the Python of
``graph.queries.network.isolated_schools``. Hypothesis draws small random networks
(tests/random_networks.py: support, tutoring, curating, memberships in communities and pools,
teachers by employment or by role, dated inside, outside and across periods), adds horizontal
learning between their schools and generic schools, and asks both stores on a random day (or
none) for the whole country, a random territory and a district coordinator's scope: the
answers — the same schools in the same order with the same numbers of teachers — must be
equal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import Batch
from graph.model.organization import HorizontalLearning, Organization
from graph.queries.in_database import in_database
from graph.queries.network import isolated_schools
from graph.queries.scope import EVERYTHING, Scope
from graph.store import MemoryStore, Store
from graph.store.pseudonymised import PseudonymisedStore
from tests.random_networks import YEARS, Network, networks

pytestmark = pytest.mark.neo4j

_DAYS = st.none() | st.dates(dt.date(YEARS[0], 1, 1), dt.date(YEARS[-1], 12, 31)) \
    | st.sampled_from([dt.date(y, m, d) for y in YEARS for m, d in ((1, 1), (6, 30), (12, 31))])


@st.composite
def _cases(draw: Any) -> tuple[Batch, Network, str | None, Scope, dt.date | None]:
    network = draw(networks())
    batch = network.batch
    places = st.sampled_from([*network.districts, *network.regions, None])
    for i in range(draw(st.integers(0, 2))):  # generic schools are no schools at all
        batch.add(Organization(id=f"gs{i}", name=f"Образовательные организации {i}",
                               kind="school", level="institutional", generic_name=True,
                               territory_id=draw(places)))
    schools = network.schools
    for _ in range(draw(st.integers(0, 3))):
        source, target = draw(st.sampled_from(schools)), draw(st.sampled_from(schools))
        if source != target:
            start = draw(st.none() | _DAYS)
            batch.add(HorizontalLearning(source=source, target=target, start=start))
    territory = draw(st.none() | st.sampled_from(network.territories))
    scope = Scope.of([draw(st.sampled_from(network.districts))])
    return batch, network, territory, scope, draw(_DAYS)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_cases())
def test_both_stores_answer_alike(_neo4j_store: Store, case: tuple[
        Batch, Network, str | None, Scope, dt.date | None]) -> None:
    batch, _network, territory, restricted, day = case
    assert in_database(_neo4j_store) is not None  # the Cypher path is the one compared
    memory = MemoryStore()
    memory.write(batch)
    _neo4j_store.clear()
    _neo4j_store.write(batch)
    for scope in (EVERYTHING, restricted):
        for where in (None, territory):
            expected = isolated_schools(memory, territory_id=where, on=day, scope=scope)
            got = isolated_schools(_neo4j_store, territory_id=where, on=day, scope=scope)
            assert got == expected, f"differs for {where} on {day} as {scope}"


def test_a_network_with_isolated_schools_answers_alike(_neo4j_store: Store) -> None:
    """A hand-built case whose answer is known, so that the comparison above compares
    something: of three schools one is curated, one has a tutored teacher, one is alone."""
    from graph.model import Curates, EmployedAt, Person, Tutors

    b = Batch()
    for sid in ("a", "b", "c"):
        b.add(Organization(id=sid, name=sid, kind="school", level="institutional",
                           territory_id="D"))
    for pid in ("t1", "t2", "t3", "m"):
        b.add(Person(id=pid, full_name=pid))
    b.add(EmployedAt(source="t1", target="a"))
    b.add(EmployedAt(source="t2", target="b"))
    b.add(EmployedAt(source="t3", target="c"))
    b.add(Curates(source="a", target="b", start=dt.date(2025, 1, 1)))
    b.add(Tutors(source="m", target="t1"))
    memory = MemoryStore()
    memory.write(b)
    _neo4j_store.clear()
    _neo4j_store.write(b)
    for store in (memory, _neo4j_store):
        assert [(x.school.id, x.teachers) for x in isolated_schools(store)] == [("c", 1)]
        # Before the curating began, b was alone too.
        assert [x.school.id for x in isolated_schools(store, on=dt.date(2024, 6, 1))] \
            == ["b", "c"]
    # The analyst's view rewrites what it reads: it keeps the Python path.
    assert in_database(PseudonymisedStore(_neo4j_store, b"k", this_year=2026)) is None
