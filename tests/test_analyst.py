"""An analyst sees people pseudonymised, on every GraphQL question and every page (issue #12).

The tiny demo network gets birth years no other number in it has and free text in every
field people type; then every root field of the schema (its whole selection tree, with each
id of the network where it asks for one) and every page and download are requested as an
analyst, and the answers' bytes must hold no real name, birth year or free text. The same
requests as a coordinator must show them, so the check can fail.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
    GraphQLUnionType,
    Undefined,
    get_named_type,
)

from api.main import create_app
from api.schema import schema
from graph.errors import StoreError
from graph.model import (
    Batch,
    Diagnostic,
    EmployedAt,
    MemberOf,
    Person,
    Supports,
)
from graph.model.organization import HorizontalLearning
from graph.queries.demo import demo_batch
from graph.queries.gaps import GapKind, gap_report
from graph.queries.scope import Scope
from graph.queries.search import search
from graph.settings import Settings
from graph.store.base import Store
from graph.store.pseudonymised import PseudonymisedStore, pseudonym
from tests.callers import caller_headers

KEY = "a test key"
BIRTH_YEARS = {"t1": 1981, "t2": 2001, "t3": 1998, "t4": 1973, "t5": 1986, "tz": 1991}
FREE_TEXT = [
    "завуч Секретова по УВР",
    "секретарь совета Пишущая",
    "обмен опытом с Учителевой",
    "по просьбе Новиковой",
    "анкета Химикова",
]
ANALYST = Scope(None, read_only=True, pseudonymised=True)
COORDINATOR = Scope(None)


def analyst_batch() -> Batch:
    b = demo_batch()
    careers = {"t1": 2005, "t2": 2024, "t3": 2023, "t4": 2000, "t5": 2008, "tz": 2012}
    names = {n.id: n.props["full_name"] for n in b.nodes.values() if n.label == "Person"}
    for pid, year in BIRTH_YEARS.items():
        b.add(Person(id=pid, full_name=names[pid], birth_year=year, career_start_year=careers[pid],
                     subjects=["физика", "вышивание по вторникам"] if pid == "t2" else []))
    start = dt.date(2025, 2, 1)
    b.extend([
        EmployedAt(source="t1", target="s1", start=start, position=FREE_TEXT[0]),
        MemberOf(source="t5", target="pool-b", start=start, role=FREE_TEXT[1]),
        HorizontalLearning(source="s3", target="s1", start=start, topic=FREE_TEXT[2]),
        Supports(source="m2", target="t5", subject=FREE_TEXT[3], start=start),
        Diagnostic(id="d-t5", date=dt.date(2025, 3, 1), instrument=FREE_TEXT[4]),
    ])
    return b


def leaked(secrets: list[str], text: str) -> list[str]:
    """The secrets a text holds: a name anywhere, a year as a number of its own (not four digits
    inside a longer one, as in a store's revision «7732280366169768504» or a page cursor).

    >>> leaked(["1986", "Учителева"], '{"revision": "119860", "year": 1986}')
    ['1986']
    >>> leaked(["1986", "Учителева"], '{"revision": "7732280119860", "name": "Учителева А."}')
    ['Учителева']
    """
    return [s for s in secrets if re.search(rf"(?<![0-9A-Za-z]){re.escape(s)}(?![0-9A-Za-z])"
                                            if s.isdigit() else re.escape(s), text)]


def secrets_of(b: Batch) -> list[str]:
    """What an analyst must never read: full names, surnames, birth years, free text."""
    names = [str(n.props["full_name"]) for n in b.nodes.values() if n.label == "Person"]
    return sorted({*names, *(n.split()[0] for n in names),
                   *(str(y) for y in BIRTH_YEARS.values()), *FREE_TEXT,
                   "вышивание по вторникам"})


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    store.write(analyst_batch())
    yield TestClient(create_app(store=store, settings=Settings(pseudonym_key=KEY)))


# -- the wrapper itself ------------------------------------------------------------------


def test_people_are_pseudonyms_with_age_bands(store: Store) -> None:
    store.write(analyst_batch())
    view = PseudonymisedStore(store, KEY.encode(), this_year=2026)
    t1 = view.get_node("t1")
    assert t1 is not None
    assert t1.props == {"full_name": pseudonym("t1", KEY.encode()), "age_band": "35–49",
                        "career_start_year": 2005, "synthetic": False}
    assert pseudonym("t1", KEY.encode()) != pseudonym("t2", KEY.encode())
    bands = {p.id: p.props.get("age_band") for p in view.nodes("Person")}
    assert bands == {"m1": None, "m2": None, "m3": None, "mz": None, "mt1": None,
                     "t1": "35–49", "t2": "до 35", "t3": "до 35", "t4": "50–64",
                     "t5": "35–49", "tz": "35–49"}
    t2 = view.get_node("t2")
    assert t2 is not None and t2.props["subjects"] == ["физика"]  # not the typed note


def test_filters_on_hidden_properties_reveal_nothing(store: Store) -> None:
    store.write(analyst_batch())
    view = PseudonymisedStore(store, KEY.encode())
    assert view.nodes("Person", where={"full_name": "Учителева Анна"}) == []
    assert view.nodes(where={"full_name": "Учителева Анна"}) == []
    assert view.nodes("Person", where={"birth_year": 1981}) == []
    assert [n.id for n in view.nodes("Person", where={"age_band": "до 35"})] == ["t2", "t3"]
    assert view.edges("EMPLOYED_AT", where={"position": FREE_TEXT[0]}) == []
    assert view.edges("SUPPORTS", where={"subject": FREE_TEXT[3]}) == []


def test_free_text_is_dropped_and_keys_holding_it_hashed(store: Store) -> None:
    store.write(analyst_batch())
    view = PseudonymisedStore(store, KEY.encode())
    employed = view.edges("EMPLOYED_AT", sources=["t1"])
    assert employed and all("position" not in e.props for e in employed)
    supports = {e.target: e for e in view.edges("SUPPORTS", sources=["m1", "m2"])}
    assert supports["t1"].props["subject"] == "математика"  # a catalogue subject stays
    assert supports["t1"].id == "m1|SUPPORTS>t1@математика@2025-02-01"
    assert supports["t5"].props["subject"] == "другое"
    assert FREE_TEXT[3] not in supports["t5"].id and "другое" not in supports["t5"].id
    assert view.get_node("d-t5") is not None
    assert "instrument" not in view.get_node("d-t5").props  # type: ignore[union-attr]
    everything = repr(view.nodes()) + repr(view.edges())
    assert not [s for s in secrets_of(analyst_batch()) if s in everything]


def test_analyst_cannot_write(store: Store) -> None:
    view = PseudonymisedStore(store, KEY.encode())
    b = Batch()
    b.add(Person(id="x", full_name="Новый Человек"))
    with pytest.raises(StoreError, match="только для чтения"):
        view.write(b)
    with pytest.raises(StoreError, match="read-only"):
        view.delete(["x"])
    with pytest.raises(StoreError, match="read-only"):
        view.clear()


def test_young_specialists_are_found_by_age_band(store: Store) -> None:
    """The analyst's gap list has the coordinator's young specialists, with a band, not an age."""
    store.write(analyst_batch())
    view = PseudonymisedStore(store, KEY.encode())
    kinds = [GapKind.young_specialist_without_support]
    real = gap_report(store, period="2025-H1", kinds=kinds)
    seen = gap_report(view, period="2025-H1", kinds=kinds)
    real_gaps = real.gaps[GapKind.young_specialist_without_support]
    seen_gaps = seen.gaps[GapKind.young_specialist_without_support]
    assert [g.node_id for g in seen_gaps] == [g.node_id for g in real_gaps] == ["t3"]
    assert "27 лет" in real_gaps[0].reason_ru
    assert "возраст до 35" in seen_gaps[0].reason_ru and "27" not in seen_gaps[0].reason_ru


def test_search_by_a_real_name_finds_nobody(store: Store) -> None:
    store.write(analyst_batch())
    view = PseudonymisedStore(store, KEY.encode())
    assert [h.node.id for h in search(store, "Учителева")] == ["t1"]  # the index is warm
    assert search(view, "Учителева") == []
    assert [h.node.id for h in search(view, pseudonym("t1", KEY.encode()))] == ["t1"]
    assert [h.node.id for h in search(store, "Учителева")] == ["t1"]


# -- every question and page, as an analyst ----------------------------------------------

IDS = ["t1", "t2", "t3", "t4", "t5", "tz", "m1", "m2", "mt1", "s1", "s3", "pool-b", "d-t5",
       "RU-LEN", "RU-LEN-a"]
MAX_DEPTH = 4


def _unwrap(t: GraphQLType) -> GraphQLType:
    while isinstance(t, GraphQLNonNull | GraphQLList):
        t = t.of_type
    return t


def _arg_values(name: str, t: GraphQLType, node_id: str) -> str | None:
    """A literal for a required argument, or ``None`` when it cannot be chosen."""
    named = _unwrap(t)
    if name in ("id", "teacherId", "sourceId"):
        return f'"{node_id}"'
    if name == "targetId":
        return '"s1"'
    if name == "text":
        return '"Учителева"'
    if name == "label":
        return '"Person"'
    if name == "category":
        return '"mentoring"'
    if name in ("aId", "bId"):  # the demo network holds no regulation
        return '"reg-none"'
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    if isinstance(named, GraphQLScalarType) and named.name == "Int":
        return "3"
    if isinstance(named, GraphQLScalarType) and named.name == "Boolean":
        return "true"
    return None


def _selection(t: GraphQLType, depth: int) -> str:
    named = get_named_type(t)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ""
    if depth >= MAX_DEPTH:
        return "{ __typename }"
    if isinstance(named, GraphQLUnionType):
        parts = [f"... on {m.name} {_selection(m, depth)}" for m in named.types]
        return "{ __typename " + " ".join(parts) + " }"
    if isinstance(named, GraphQLInterfaceType):  # the typed entities (api/entities)
        kinds = schema._schema.get_possible_types(named)
        parts = [f"... on {m.name} {_selection(m, depth)}" for m in kinds]
        return "{ __typename " + " ".join(parts) + " }"
    assert isinstance(named, GraphQLObjectType)
    fields = [_field(name, f, depth + 1, "") for name, f in named.fields.items()]
    return "{ " + " ".join(f for f in fields if f) + " }"


def _field(name: str, f: GraphQLField, depth: int, node_id: str) -> str:
    args = []
    for arg_name, arg in f.args.items():
        if arg_name in ("territoryId",) and depth == 1:
            args.append(f'{arg_name}: "RU-LEN"')
        elif arg_name == "period":
            args.append(f'{arg_name}: "2025-H1"')
        elif isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
            value = _arg_values(arg_name, arg.type, node_id)
            if value is None:
                return ""
            args.append(f"{arg_name}: {value}")
    call = f"{name}({', '.join(args)})" if args else name
    return f"{call} {_selection(f.type, depth)}"


def _is_entity(t: GraphQLType) -> bool:
    """Whether a root field answers typed entities (api/entities): a ``Node`` or a page of them."""
    named = get_named_type(t)
    if isinstance(named, GraphQLObjectType) and "nodes" in named.fields:
        named = get_named_type(named.fields["nodes"].type)
    return (isinstance(named, GraphQLInterfaceType | GraphQLObjectType) and any(
        i.name == "Node" for i in named.interfaces)) or getattr(named, "name", "") == "Node"


def analyst_questions() -> list[str]:
    """Every root field with its whole selection tree, once per id where it asks for one."""
    questions = []
    for name, f in schema._schema.query_type.fields.items():  # type: ignore[union-attr]
        wants_id = any(a in f.args for a in ("id", "teacherId", "sourceId"))
        # The typed entities link to one another without end: one level of them (every
        # field of every type an interface may be) shows every relationship of each.
        start = MAX_DEPTH - 1 if _is_entity(f.type) else 1
        for node_id in IDS if wants_id else [""]:
            questions.append("{ " + _field(name, f, start, node_id) + " }")
    return questions


def test_questions_cover_the_schema() -> None:
    questions = analyst_questions()
    roots = set(schema._schema.query_type.fields)  # type: ignore[union-attr]
    assert {q.split("(")[0].split()[1] for q in questions} == roots
    assert len(questions) > len(roots)


# Answers of the demo network that are errors for anyone: ids of the wrong kind, no authority.
EXPECTED_ERRORS = ("nothing has the id", "не найден", "no education authority",
                   "only an administrator reads the audit log",
                   "regulation 'reg-none' is not in the store")


def _answers(client: TestClient, scope: Scope) -> tuple[str, list[Any]]:
    """Every question's answer as text (JSON's ``\\u`` escapes decoded, so that a name cannot
    hide from the check), and the unexpected errors."""
    headers = caller_headers(client.app, scope)  # type: ignore[arg-type]
    body, errors = "", []
    for q in analyst_questions():
        response = client.post("/graphql", json={"query": q}, headers=headers)
        assert response.status_code == 200, response.text
        body += response.text + json.dumps(response.json(), ensure_ascii=False)
        errors += [(q[:60], e["message"]) for e in response.json().get("errors", [])
                   if not any(m in e["message"] for m in EXPECTED_ERRORS)]
    return body, errors


def test_no_graphql_answer_holds_a_real_name_birth_year_or_free_text(
    client: TestClient,
) -> None:
    secrets = secrets_of(analyst_batch())
    text, errors = _answers(client, ANALYST)
    assert errors == []
    assert leaked(secrets, text) == []
    assert pseudonym("t1", KEY.encode()) in text and "до 35" in text
    # The same questions as a coordinator show what the analyst did not see.
    shown, _ = _answers(client, COORDINATOR)
    assert "Учителева Анна" in shown and "1981" in shown and FREE_TEXT[0] in shown


PAGES = ["/", "/network/region", "/network/region/RU-LEN", "/network/district/RU-LEN-a",
         "/network/district/RU-LEN-b", "/network/school/s1", "/network/school/s3",
         *[f"/network/focus/{i}?depth=4" for i in IDS],
         "/dashboard?territory=RU-LEN&period=2025-H1",
         "/dashboard?territory=RU-LEN-a&period=2025-H1", "/explorer"]


def _pages(client: TestClient, scope: Scope) -> str:
    headers = caller_headers(client.app, scope)  # type: ignore[arg-type]
    text = ""
    for path in PAGES:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.text[:300])
        text += response.text
    xlsx = client.get("/dashboard/gaps.xlsx?territory=RU-LEN&period=2025-H1", headers=headers)
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        # The cells (the rest is the format's own XML, where "2001" is a namespace's year).
        text += "".join(z.read(n).decode("utf-8") for n in z.namelist()
                        if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml")
    return text


def test_no_page_or_download_holds_a_real_name_birth_year_or_free_text(
    client: TestClient,
) -> None:
    """Pages in both orders: neither caller is ever served the other's cached dashboard."""
    secrets = secrets_of(analyst_batch())
    before = _pages(client, COORDINATOR)
    assert "Учителева Анна" in before or "Учителева" in before
    seen = _pages(client, ANALYST)
    assert leaked(secrets, seen) == []
    assert pseudonym("t3", KEY.encode()) in seen
    after = _pages(client, COORDINATOR)
    assert pseudonym("t3", KEY.encode()) not in after
    assert "Юнцова" in after


def test_pseudonyms_are_stable_across_apps_with_a_key_file(store: Store, tmp_path: Any) -> None:
    """Without a configured key, one is made once and kept: the same pseudonym after a restart."""
    store.write(analyst_batch())
    settings = Settings(pseudonym_key_file=tmp_path / "pseudonym.key")
    seen = []
    for _ in range(2):
        app = create_app(store=store, settings=settings)
        body = TestClient(app).post(
            "/graphql", json={"query": '{ node(id: "t1") { node { title } } }'},
            headers=caller_headers(app, ANALYST)).json()
        seen.append(body["data"]["node"]["node"]["title"])
    assert seen[0] == seen[1] and seen[0].startswith("Педагог ")
    assert (tmp_path / "pseudonym.key").stat().st_mode & 0o077 == 0
