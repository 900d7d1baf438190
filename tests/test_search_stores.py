"""Search on both stores: Neo4j finds candidates with its full-text index, the embedded store
with its in-process index, and the answers are the same (made-up names and places)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pymorphy3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import (
    Batch,
    EmployedAt,
    HasRole,
    Municipality,
    Organization,
    Person,
    Region,
)
from graph.model.wordforms import SEARCH_PROPERTIES, SearchTerms, WordTerms, forms
from graph.queries.scope import Scope
from graph.queries.search import FindsNames, search
from graph.store import MemoryStore
from graph.store.base import Store

_REGION, _A, _B = "RU-XX", "RU-XX-a", "RU-XX-b"
_TOWNS = {_A: ("Тосно", "Тосненский"), _B: ("Луга", "Лужский")}


def _places() -> Batch:
    b = Batch()
    b.add(Region(id=_REGION, name="Условная область"))
    for muni, (town, adjective) in _TOWNS.items():
        b.add(Municipality(id=muni, name=f"{adjective} муниципальный район", region_id=_REGION))
        b.add(Organization(id=f"{muni}-school", name=f"Средняя школа №1 г. {town}",
                           kind="school", level="institutional", territory_id=muni))
        b.add(Organization(id=f"{muni}-mms", name=f"Методическая служба {adjective} района",
                           kind="methodological_service", level="municipal",
                           territory_id=muni))
    return b


def _ids(hits: list) -> list[str]:
    return [h.node.id for h in hits]


# -- people are where they work -------------------------------------------------------------
def test_a_person_moved_to_another_school_is_found_where_they_work_now(store: Store) -> None:
    b = _places()
    b.add(Person(id="p1", full_name="Петрова Анна Ивановна"))
    b.add(EmployedAt(source="p1", target=f"{_A}-school"))
    store.write(b)
    assert _ids(search(store, "Петровой", territory_id=_A)) == ["p1"]
    assert search(store, "Петровой", scope=Scope.of([_B])) == []
    store.delete(edge_ids=[EmployedAt(source="p1", target=f"{_A}-school").to_record().id])
    moved = Batch()
    moved.add(EmployedAt(source="p1", target=f"{_B}-school"))
    store.write(moved)
    assert search(store, "Петровой", territory_id=_A) == []
    assert _ids(search(store, "Петровой", scope=Scope.of([_B]))) == ["p1"]
    store.delete(node_ids=["p1"])
    assert search(store, "Петровой") == []


def test_a_role_finds_its_person_and_a_new_role_at_once(store: Store) -> None:
    b = _places()
    b.add(Person(id="m1", full_name="Соколова Мария Петровна"))
    b.add(HasRole(source="m1", target=f"{_B}-mms", role="municipal_methodist",
                  subjects=["математика"]))
    store.write(b)
    assert _ids(search(store, "методист математики", labels=["Person"])) == ["m1"]
    assert search(store, "тьютор", labels=["Person"]) == []
    tutor = Batch()
    tutor.add(HasRole(source="m1", target=f"{_B}-mms", role="tutor"))
    store.write(tutor)  # the first search after the write sees it
    assert _ids(search(store, "тьютор", labels=["Person"], territory_id=_B)) == ["m1"]
    assert search(store, "тьютор", labels=["Person"], territory_id=_A) == []


def test_the_bulk_loader_writes_what_search_finds(store: Store) -> None:
    b = _places()
    b.add(Person(id="p2", full_name="Кузнецов Иван Сергеевич"))
    b.add(EmployedAt(source="p2", target=f"{_B}-school"))
    store.bulk_write([b])
    assert _ids(search(store, "Кузнецова", territory_id=_B)) == ["p2"]
    assert [h.field for h in search(store, "Тосно")][:2] == ["name", "name"]


@pytest.mark.parametrize("text", [
    '"Петрова', "Петрова*", "Петрова~2", "full_name:Петрова", "Петрова AND Иванова", "(Петрова",
    "Петрова]", "\\Петрова/", "OR", "школа №1 г. Тосно) NOT"])
def test_query_syntax_is_only_text(store: Store, text: str) -> None:
    b = _places()
    b.add(Person(id="p1", full_name="Петрова Анна Ивановна"))
    b.add(EmployedAt(source="p1", target=f"{_A}-school"))
    store.write(b)
    memory = MemoryStore()
    memory.write(b)
    assert search(store, text) == search(memory, text)


@pytest.mark.neo4j
def test_lucene_syntax_in_the_terms_is_escaped(_neo4j_store: Store) -> None:
    store = _neo4j_store
    store.clear()
    b = _places()
    b.add(Person(id="AND", full_name="Петрова Анна"))
    store.write(b)
    assert isinstance(store, FindsNames)
    odd = WordTerms(frozenset({'"', "*", "~", ":", "AND", "(", "a]", "\\", "&&"}),
                    frozenset({"(", '"x', "OR"}), frozenset({"/", ".*", "a|b", "(x"}),
                    frozenset({"NOT"}))
    everywhere = dict(labels=["Person"], inside=None, near=None)
    for needed in (1, 2):
        terms = SearchTerms((odd, WordTerms(frozenset({"петрова"}))), needed, 'x"(:*')
        found, _, _ = store.find_named(terms, **everywhere)  # type: ignore[arg-type]
        assert [n.id for n in found] == ([] if needed == 2 else ["AND"])
    by_id = SearchTerms((WordTerms(frozenset({"zz"})),), 1, "and")
    found, _, _ = store.find_named(by_id, **everywhere)  # type: ignore[arg-type]
    assert [n.id for n in found] == ["AND"]


# -- a database written before the search properties existed --------------------------------
@pytest.mark.neo4j
def test_connecting_gives_older_data_its_search_properties(_neo4j_store: Store) -> None:
    from graph.store.neo4j import Neo4jStore

    store = _neo4j_store
    assert isinstance(store, Neo4jStore)
    store.clear()
    b = _places()
    b.add(Person(id="p1", full_name="Петрова Анна Ивановна"))
    b.add(HasRole(source="p1", target=f"{_A}-mms", role="tutor"))
    store.write(b)
    # What a database loaded by an earlier version looks like: no properties, no indexes.
    with store.driver.session(database=store.database) as session:
        session.run("MATCH (n:Node) REMOVE n._search_words, n._search_initials, n._search_id"
                    ).consume()
        session.run("MATCH ()-[r:HAS_ROLE]->() REMOVE r._search_words").consume()
        for name in ("methodnet_search", "methodnet_search_roles"):
            session.run(f"DROP INDEX {name} IF EXISTS").consume()
    reopened = Neo4jStore(store.driver)  # connecting prepares the schema, filling in first
    try:
        assert _ids(search(reopened, "Петровой", territory_id=_A)) == ["p1"]
        assert _ids(search(reopened, "тьютор", labels=["Person"])) == ["p1"]
        assert _ids(search(reopened, "Лужский"))[0] == _B
        assert reopened._fill_search() == 0  # nothing is left without them
        shown = reopened.get_nodes(["p1"])["p1"].props
        assert not set(shown) & set(SEARCH_PROPERTIES)
        assert all("_search_words" not in e.props for e in reopened.edges("HAS_ROLE"))
    finally:
        store.clear()


# -- the two stores answer alike ------------------------------------------------------------
_SURNAMES = ["Петров", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Лебедев", "Зайцев",
             "Волков", "Морозов", "Новиков"]
_FIRST = {"m": ["Иван", "Пётр", "Сергей", "Алексей"], "f": ["Анна", "Мария", "Ольга", "Елена"]}
_PATRONYMIC = {"m": ["Иванович", "Петрович", "Сергеевич"],
               "f": ["Ивановна", "Петровна", "Сергеевна"]}
_CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
_ROLES = ["teacher", "municipal_methodist", "tutor", "mentor", None]
_SUBJECTS = ["математика", "физика", "русский язык", "история"]


@st.composite
def _network(draw: st.DrawFn) -> tuple[Batch, list[str]]:
    b = _places()
    words: list[str] = ["Тосно", "Луга", "школа", "методическая", "служба", "ТМР"]
    for i in range(draw(st.integers(1, 12))):
        sex = draw(st.sampled_from(["m", "f"]))
        surname = draw(st.sampled_from(_SURNAMES)) + ("а" if sex == "f" else "")
        first = draw(st.sampled_from(_FIRST[sex]))
        full = f"{surname} {first} {draw(st.sampled_from(_PATRONYMIC[sex]))}"
        b.add(Person(id=f"p{i}", full_name=full))
        muni = draw(st.sampled_from([_A, _B]))
        if draw(st.booleans()):
            b.add(EmployedAt(source=f"p{i}", target=f"{muni}-school"))
        role = draw(st.sampled_from(_ROLES))
        if role is not None:
            b.add(HasRole(source=f"p{i}", target=f"{muni}-mms", role=role,
                          subjects=draw(st.lists(st.sampled_from(_SUBJECTS), max_size=2,
                                                 unique=True)),
                          end=draw(st.sampled_from([None, "2020-01-01"]))))
        words += [surname, first]
    return b, words


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _inflected(word: str, case: str, cut: int) -> str:
    parsed = _morph().parse(word)[0].inflect({case})
    text = parsed.word if parsed is not None else word.lower()
    return text[:len(text) - cut] if len(text) - cut >= 3 else text


@st.composite
def _question(draw: st.DrawFn, words: list[str]) -> str:
    picked = draw(st.lists(st.sampled_from(words), min_size=1, max_size=2))
    out = [_inflected(w, draw(st.sampled_from(_CASES)), draw(st.integers(0, 2))) for w in picked]
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(["А.", "И", "методист", "математики", "г.", "№1"])))
    return " ".join(out)


@pytest.fixture
def both(_neo4j_store: Store) -> Iterator[Store]:
    yield _neo4j_store
    _neo4j_store.clear()


@pytest.mark.neo4j
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_both_stores_answer_alike(both: Store, data: st.DataObject) -> None:
    batch, words = data.draw(_network())
    memory = MemoryStore()
    memory.write(batch)
    both.clear()
    both.write(batch)
    asked = [dict(), dict(territory_id=_A), dict(scope=Scope.of([_B])),
             dict(labels=["Person"], limit=3)]
    for _ in range(3):
        text = data.draw(_question(words))
        for kw in asked:
            assert search(both, text, **kw) == search(memory, text, **kw), (text, kw)  # type: ignore[arg-type]


def test_the_words_compared_have_forms() -> None:
    # The differential test above is not between words the dictionary does not know.
    assert "петров" in forms("петровой")
    assert _inflected("Петров", "datv", 0) == "петрову"


@pytest.mark.neo4j
def test_both_stores_answer_alike_on_the_sample_data(_neo4j_store: Store) -> None:
    """The regulations and a sample region: terms, regulations, programmes, bodies, people."""
    from pathlib import Path

    from graph.loaders import load_path
    from tests.test_queries_search import _QUERIES

    root = Path(__file__).resolve().parent.parent / "data"
    memory = MemoryStore()
    neo = _neo4j_store
    neo.clear()
    try:
        for store in (memory, neo):
            load_path(store, root / "regulations")
            load_path(store, root / "samples" / "zeya")
        asked = [dict(), dict(labels=["Organization"]), dict(territory_id="RU-AMU-zeya"),
                 dict(labels=["Municipality", "Person"], limit=5),
                 dict(scope=Scope.of(["RU-AMU"])), dict(labels=["Term", "Regulation"])]
        compared = 0
        for text in _QUERIES:
            for kw in asked:
                mine = search(neo, text, **kw)  # type: ignore[arg-type]
                assert mine == search(memory, text, **kw), (text, kw)  # type: ignore[arg-type]
                compared += bool(mine)
        assert compared >= 40  # not a comparison of empty answers
    finally:
        neo.clear()
