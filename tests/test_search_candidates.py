"""Search looks up only the nodes that can score enough, and loses none of them: on both stores
the answers equal a scan that scores every node (made-up names and places).

A name matching some but not all words of a query scores at most 0.45 × matched / words
(``graph.queries.search._needed``); the candidates asked of the full-text index and of the
embedded index must meet that many words. A lone letter counts as met, a town stem finds its
adjectives.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graph.queries.search as search_module
from graph.model import Batch, EmployedAt, HasRole, Municipality, Organization, Person, Region
from graph.queries.search import SearchHit, search
from graph.store import MemoryStore
from graph.store.base import Store
from tests.test_search_stores import _network, _question

_REGION, _TOSNO = "RU-XX", "RU-XX-tosno"


def _people_and_places() -> Batch:
    b = Batch()
    b.add(Region(id=_REGION, name="Условная область"))
    b.add(Municipality(id=_TOSNO, name="Тосненский муниципальный район", region_id=_REGION))
    b.add(Organization(id="school", name="Средняя школа № 1 г. Тосно", kind="school",
                       level="institutional", territory_id=_TOSNO))
    b.add(Organization(id="petrovsky", name="Петровский методический центр",
                       kind="methodological_service", level="municipal", territory_id=_TOSNO))
    b.add(Organization(id="tosno-mms", name="Методическая служба Тосненского района",
                       kind="methodological_service", level="municipal", territory_id=_TOSNO))
    for pid, name in [("p1", "Петрова Анна Ивановна"), ("p2", "Анна Петрова"),
                      ("p3", "Петров Иван"), ("p4", "Иванова Мария Петровна")]:
        b.add(Person(id=pid, full_name=name))
        b.add(EmployedAt(source=pid, target="school"))
    b.add(Person(id="m1", full_name="Соколова Мария"))
    b.add(HasRole(source="m1", target="tosno-mms", role="municipal_methodist",
                  subjects=["математика"]))
    return b


def _scanned(store: Store, text: str, monkeypatch: pytest.MonkeyPatch, **kw: object
             ) -> list[SearchHit]:
    """What search answers when it scores every searchable node of the store."""
    with monkeypatch.context() as m:
        m.setattr(search_module, "_index_of", lambda store: None)
        return search(store, text, **kw)  # type: ignore[arg-type]


@pytest.fixture
def net(store: Store) -> Iterator[tuple[Store, MemoryStore]]:
    """The network on the store under test, and on an embedded store to scan."""
    batch = _people_and_places()
    store.write(batch)
    scan = MemoryStore()
    scan.write(batch)
    yield store, scan


# (query, min_score, ids that must be among the hits, ids that must not)
_EDGES = [
    # Two of three words, every word of a two-word name: 2/3 × 0.5 × 0.9 = 0.3 (at the line).
    ("Анна Петрова Зюзюкина", 0.29, {"p2"}, {"p4"}),
    ("Анна Петрова Зюзюкина", 0.31, set(), {"p1", "p2"}),
    # One of two words: 0.5 × 0.5 × (0.7 + 0.2 / 2) = 0.2; under the default 0.3, nothing.
    ("Петрова Зюзюкина", 0.15, {"p1", "p2"}, set()),
    ("Петрова Зюзюкина", 0.3, set(), {"p1", "p2"}),
    # A lone letter is an initial next to a word that matched, whatever it is.
    ("Петрова А.", 0.3, {"p1", "p2"}, {"p4"}),
    ("Петрова М. И.", 0.3, set(), {"p1", "p2"}),
    # A town stem finds its adjectives («Петровский»), not other words («Петровна»).
    ("Петрова", 0.3, {"p1", "p2", "p3", "petrovsky"}, {"p4"}),
    ("Тосно", 0.3, {_TOSNO, "school", "tosno-mms"}, set()),
    # Both words in one role; a name with one of them is not enough.
    ("методист математики", 0.3, {"m1"}, {"tosno-mms"}),
    ("Иванову Марию", 0.3, {"p4"}, {"p3", "m1"}),
]


@pytest.mark.parametrize(("text", "min_score", "found", "not_found"), _EDGES)
def test_the_candidates_lose_no_hit_a_scan_finds(
        net: tuple[Store, MemoryStore], monkeypatch: pytest.MonkeyPatch, text: str,
        min_score: float, found: set[str], not_found: set[str]) -> None:
    store, scan = net
    for kw in (dict(min_score=min_score), dict(min_score=min_score, territory_id=_TOSNO),
               dict(min_score=min_score, labels=["Person"], limit=2)):
        hits = search(store, text, **kw)  # type: ignore[arg-type]
        assert hits == _scanned(scan, text, monkeypatch, **kw), kw
    ids = {h.node.id for h in search(store, text, min_score=min_score, limit=50)}
    assert found <= ids and not ids & not_found, ids


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_embedded_index_answers_as_a_scan_at_any_minimum(data: st.DataObject) -> None:
    batch, words = data.draw(_network())
    store = MemoryStore()
    store.write(batch)
    text = data.draw(_question(words))
    min_score = data.draw(st.sampled_from([0.0, 0.1, 0.2, 0.225, 0.25, 0.3, 0.3375, 0.4, 0.6]))
    indexed = search(store, text, min_score=min_score, limit=50)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(search_module, "_index_of", lambda store: None)
        assert indexed == search(store, text, min_score=min_score, limit=50), (text, min_score)


@pytest.mark.neo4j
def test_where_people_work_comes_with_the_candidates(_neo4j_store: Store) -> None:
    """On Neo4j a district's search is one read: the caller's sight of the district (the
    visibility rule) and the candidates with where the people among them work, in one
    statement; no read per person, none for their places, and the answer of the rule that
    reads them."""
    from tests.reads import count_reads

    store = _neo4j_store
    store.clear()
    try:
        b = _people_and_places()
        b.add(Municipality(id="RU-XX-luga", name="Лужский муниципальный район",
                           region_id=_REGION))
        b.add(Organization(id="luga-school", name="Школа г. Луга", kind="school",
                           level="institutional", territory_id="RU-XX-luga"))
        for i in range(5):
            b.add(Person(id=f"luga-{i}", full_name=f"Петрова Ольга {i}"))
            b.add(EmployedAt(source=f"luga-{i}", target="luga-school"))
        b.add(EmployedAt(source="p1", target="luga-school"))  # p1 works in both districts
        store.write(b)
        memory = MemoryStore()
        memory.write(b)
        for where in (_TOSNO, "RU-XX-luga"):
            hits = search(store, "Петрова", territory_id=where, limit=50)
            assert hits == search(memory, "Петрова", territory_id=where, limit=50)
            assert count_reads(store, lambda w=where: search(store, "Петрова",  # type: ignore[misc]
                                                             territory_id=w)) == 1
        assert {h.node.id for h in search(store, "Петрова", territory_id="RU-XX-luga",
                                          limit=50)} == {"p1", *(f"luga-{i}" for i in range(5))}
    finally:
        store.clear()
