"""The area questions give identical answers on both stores, on random networks.

On Neo4j, indicators, low-results support and methodist load are computed by Cypher in the
server (graph/queries/in_database.py); the embedded store computes them in Python
(graph/queries/area.py). Hypothesis draws small random networks (tests/random_area_networks.py)
and questions about them; each network is written into a MemoryStore and into the test Neo4j,
and every answer — the same objects in the same order with the same evidence, or the same
error — must be equal, for the unrestricted caller and for a random district's (at times a
region's) coordinator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import MethodnetError
from graph.queries.demo import demo_batch, demo_store
from graph.queries.in_database import in_database
from graph.queries.indicators import indicators
from graph.queries.load import methodist_load
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import low_results_support
from graph.store import MemoryStore, Store
from graph.store.pseudonymised import PseudonymisedStore
from tests.random_area_networks import AreaNetwork, AreaQuestion, area_networks, area_questions

pytestmark = pytest.mark.neo4j


def _answer(ask: Callable[[], Any]) -> Any:
    """The answer, or the error a caller would see instead."""
    try:
        return ask()
    except MethodnetError as e:
        return ("error", type(e).__name__, str(e))


def _questions(q: AreaQuestion, scope: Scope) -> dict[str, Callable[[Store], Any]]:
    where = {"territory_id": q.territory_id, "scope": scope}
    return {
        "indicators": lambda s: indicators(s, period=q.period, compare_to=q.compare_to,
                                           by_district=True, **where),
        "indicators today": lambda s: indicators(s, **where),
        "support": lambda s: low_results_support(s, period=q.period, flag=q.flag,
                                                 subject=q.subject, **where),
        "support, latest period": lambda s: low_results_support(s, flag=q.flag, **where),
        "load": lambda s: methodist_load(s, period=q.period, subject=q.subject,
                                         level=q.level, norm=q.norm, **where),
    }


@st.composite
def _cases(draw: Any) -> tuple[AreaNetwork, AreaQuestion, Scope]:
    network = draw(area_networks())
    question = draw(area_questions(network))
    # Mostly a district's coordinator (a district with schools where there is one), at times
    # a region's.
    district = st.sampled_from(network.school_districts or network.districts)
    scope = Scope.of([draw(district | district | district | st.sampled_from(network.regions))])
    return network, question, scope


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_cases())
def test_both_stores_answer_alike(_neo4j_store: Store, case: tuple[AreaNetwork, AreaQuestion,
                                                                   Scope]) -> None:
    network, question, restricted = case
    assert in_database(_neo4j_store) is not None  # the Cypher path is the one compared
    memory = MemoryStore()
    memory.write(network.batch)
    _neo4j_store.clear()
    _neo4j_store.write(network.batch)
    for scope in (EVERYTHING, restricted):
        for name, ask in _questions(question, scope).items():
            expected = _answer(lambda a=ask: a(memory))
            got = _answer(lambda a=ask: a(_neo4j_store))
            assert got == expected, f"{name} differs for {scope}"


def test_pseudonymised_neo4j_keeps_the_python_path(_neo4j_store: Store) -> None:
    """The analyst's view rewrites what it reads, so it is answered from its records: the
    native path is not offered through it, and its answers equal those of the same view over
    the embedded store — people shown by pseudonym."""
    _neo4j_store.clear()
    _neo4j_store.write(demo_batch())
    key = b"differential"
    over_neo4j = PseudonymisedStore(_neo4j_store, key, this_year=2026)
    over_memory = PseudonymisedStore(demo_store(), key, this_year=2026)
    assert in_database(over_neo4j) is None
    questions: list[Callable[[Store], Any]] = [
        lambda s: indicators(s, territory_id="RU-LEN", period="2025-H1", by_district=True),
        lambda s: low_results_support(s, period="2025-H1"),
        lambda s: methodist_load(s, period="2025-H1"),
    ]
    for ask in questions:
        assert ask(over_neo4j) == ask(over_memory)
    support = low_results_support(over_neo4j, period="2025-H1")
    people = [p for s in support.schools for p in s.supporters if p.label == "Person"]
    assert people and all(p.title.startswith("Педагог ") for p in people)
