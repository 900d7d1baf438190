"""The gap questions give identical answers on both stores, on random networks.

On Neo4j the gap questions are Cypher computed in the server (graph/queries/native_gaps.py,
the "Gap questions" section of graph/store/cypher.py); on the embedded store they are Python
(graph/queries/gaps.py over graph/queries/area.py). Two implementations of one rule may
drift apart; this test draws random small networks (tests/random_networks.py), writes each
into a MemoryStore and into the test Neo4j, and asks every kind of gap — the report, each
list, the counts, a first page — for a random period, territory, subject, level and norm, for
the unscoped caller and for a district coordinator. Answers must be equal, ordering and
wording included.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.queries import gaps
from graph.queries.area import InvalidArgument
from graph.queries.native_gaps import in_database
from graph.queries.scope import EVERYTHING, Scope
from graph.store import MemoryStore, Store
from graph.store.pseudonymised import PseudonymisedStore
from tests.random_networks import SUBJECTS, Network, networks, periods

pytestmark = pytest.mark.neo4j

_LISTS = {
    gaps.GapKind.deficit_without_route: gaps.deficits_without_route,
    gaps.GapKind.teacher_without_methodist: gaps.teachers_without_methodist,
    gaps.GapKind.young_specialist_without_support: gaps.young_specialists_without_support,
    gaps.GapKind.school_without_methodological_service:
        gaps.schools_without_methodological_service,
    gaps.GapKind.district_without_methodist_pool: gaps.districts_without_methodist_pool,
    gaps.GapKind.subject_without_methodist: gaps.subjects_without_methodist,
    gaps.GapKind.methodist_over_load: gaps.methodists_over_load,
}
_WITH_SUBJECT = {gaps.GapKind.deficit_without_route, gaps.GapKind.teacher_without_methodist,
                 gaps.GapKind.young_specialist_without_support,
                 gaps.GapKind.subject_without_methodist, gaps.GapKind.methodist_over_load}

# An example costs a write and some 40 statements, most of them planned again by Neo4j (a new
# network changes its statistics): 20 examples take some 40 s on a quiet machine.
_SETTINGS = settings(max_examples=20, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture
def neo(_neo4j_store: Store) -> Iterator[Store]:
    _neo4j_store.clear()
    yield _neo4j_store
    _neo4j_store.clear()


def _both(neo: Store, net: Network) -> MemoryStore:
    """The network written into a new MemoryStore and into ``neo`` (emptied first)."""
    mem = MemoryStore()
    mem.write(net.batch)
    neo.clear()
    neo.write(net.batch)
    return mem


def _answer(store: Store, ask: object, **kw: object) -> object:
    """The answer, or the error a user would see (both stores must refuse alike)."""
    try:
        return ask(store, **kw)  # type: ignore[operator]
    except InvalidArgument as e:
        return ("refused", str(e))


@_SETTINGS
@given(data=st.data())
def test_every_gap_is_the_same_on_both_stores(neo: Store, data: st.DataObject) -> None:
    period = data.draw(periods(), label="period")
    net = data.draw(networks(around=period), label="network")
    mem = _both(neo, net)
    assert in_database(neo) is not None and in_database(mem) is None
    district = data.draw(st.sampled_from(net.districts), label="coordinator's district")
    # The whole network with no filter first (where any divergence shows), then filters
    # within a coordinator's scope, then another period: the network costs a write, a question
    # a few milliseconds.
    _same_gaps(neo, mem, data, net, period, EVERYTHING, filtered=False)
    _same_gaps(neo, mem, data, net, period, Scope.of([district]))
    _same_gaps(neo, mem, data, net, data.draw(periods(), label="another period"), EVERYTHING)


def _same_gaps(neo: Store, mem: Store, data: st.DataObject, net: Network, period: str,
               scope: Scope, *, filtered: bool = True) -> None:
    """Every gap question asked alike of both stores gives the same answer (``filtered``: with
    a random territory, subject, level and norm; else none and a norm of 1)."""
    subject, level, norm, territory = None, None, 1, None
    if filtered:
        subject = data.draw(st.none() | st.sampled_from(SUBJECTS), label="subject")
        level = data.draw(st.sampled_from([None, "regional", "municipal"]), label="level")
        norm = data.draw(st.integers(1, 3), label="norm")
        territory = data.draw(st.sampled_from([None, *net.territories, "nowhere"]),
                              label="territory")
    where = {"territory_id": territory, "period": period, "scope": scope}
    report = _answer(mem, gaps.gap_report, subject=subject, level=level, norm=norm, **where)
    assert _answer(neo, gaps.gap_report, subject=subject, level=level, norm=norm,
                   **where) == report
    for kind, ask in _LISTS.items() if filtered else ():
        # Each list on its own (the report asks them all alike; filters are what they pass).
        more: dict[str, object] = {"subject": subject} if kind in _WITH_SUBJECT else {}
        if kind is gaps.GapKind.methodist_over_load:
            more |= {"level": level, "norm": norm}
        expected = _answer(mem, ask, **more, **where)
        assert _answer(neo, ask, **more, **where) == expected, kind
        if isinstance(report, gaps.GapReport):
            assert expected == list(report.gaps[kind])
    counted = _answer(neo, gaps.gap_report, subject=subject, level=level, norm=norm,
                      counts_only=True, **where)
    if isinstance(report, gaps.GapReport):
        assert isinstance(counted, gaps.GapReport) and counted.counts == report.counts
    else:
        assert counted == report
    # A first screen: the counts and each list's first page (on Neo4j, the country's pages
    # come from statements bounded by the page).
    first = data.draw(st.integers(0, 4), label="first")
    page = _answer(neo, gaps.gap_report, subject=subject, level=level, norm=norm, first=first,
                   **where)
    assert page == _answer(mem, gaps.gap_report, subject=subject, level=level, norm=norm,
                           first=first, **where)
    if isinstance(report, gaps.GapReport):
        assert page == report.cut(first)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_analysts_gaps_are_the_same_on_both_stores(neo: Store, data: st.DataObject) -> None:
    """Through the analyst's pseudonymising wrapper there is no native path: the questions
    read through the wrapper (so they see pseudonyms and age bands) on either store."""
    net = data.draw(networks(), label="network")
    mem = _both(neo, net)
    period = data.draw(periods(), label="period")
    wrapped = [PseudonymisedStore(s, b"differential", this_year=2026) for s in (mem, neo)]
    assert all(in_database(w) is None for w in wrapped)
    on_memory, on_neo4j = (gaps.gap_report(w, period=period) for w in wrapped)
    assert on_neo4j == on_memory
    names = {g.title for found in on_neo4j.gaps.values() for g in found if g.label == "Person"}
    assert not any(name.startswith("Педагог ") and name[8:].isdigit() for name in names)
