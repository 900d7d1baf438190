"""Bounded requests: cost (fragments priced once), argument ranges, input sizes, GET, answer size,
introspection switch, bad variables; each refused with a clear error, and pages alike."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLObjectType,
    GraphQLScalarType,
    build_schema,
    get_named_type,
    get_nullable_type,
    parse,
)

from api import bounds
from api.bounds import MAX_COST, MAX_LIST_INPUT, MAX_STRING, argument_range, check
from api.main import create_app
from api.router import MAX_ANSWER_BYTES, BoundedGraphQLRouter
from api.schema import schema
from graph.settings import Settings
from graph.store import MemoryStore
from graph.store.base import Store
from tests.graphql import gql
from tests.test_store import tiny

GRAPHQL = schema._schema


def fan_out(levels: int) -> str:
    """Fragments that each spread the previous one twice: 2**levels fields once expanded."""
    parts = ["fragment F0 on Query { health { status } }"]
    parts += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return f"query {{ ...F{levels} }}\n" + "\n".join(parts)


def finishes(work: Any, seconds: float) -> Any:
    """Run ``work`` in a thread; fail (instead of hanging the suite) if it takes longer."""
    out: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still working after {seconds} s"
    return out["value"]


@pytest.fixture
def client(store: Store) -> TestClient:
    store.write(tiny())
    return TestClient(create_app(store=store))


# -- cost ----------------------------------------------------------------------------------------


def test_fragments_are_priced_once() -> None:
    # 2**60 fields once expanded: only a pass that prices each fragment once can finish.
    result = finishes(lambda: check(GRAPHQL, parse(fan_out(60)), {}), 10)
    assert result.cost == 2 ** 61
    assert "the query would cost" in result.errors[0].message


def test_cost_multiplies_page_sizes_and_weighs_expensive_questions() -> None:
    tiny_schema = build_schema("type Query { items(first: Int = 10): [Item] one: Item }"
                               " type Item { a: Int b: Int }")
    assert check(tiny_schema, parse("{ one { a b } }"), {}).cost == 3
    assert check(tiny_schema, parse("{ items { a b } }"), {}).cost == 1 + 10 * 2
    assert check(tiny_schema, parse("query($n: Int) { items(first: $n) { a } }"),
                 {"n": 7}).cost == 1 + 7
    one = check(GRAPHQL, parse("{ brokers { degree } }"), {}).cost
    assert one >= bounds.FIELD_WEIGHTS[("Query", "brokers")]
    assert check(GRAPHQL, parse("{ a: brokers { degree } b: brokers { degree } }"),
                 {}).errors, "two betweenness runs fit in one request"


@pytest.mark.parametrize("levels", [21, 25])
def test_fan_out_is_refused_before_validation(client: TestClient, levels: int) -> None:
    document = fan_out(levels)
    body = finishes(lambda: gql(client, document), 10)
    assert body["data"] is None
    assert [e["message"].split(":")[0] for e in body["errors"]] == [
        f"the query would cost {2 ** (levels + 1)}, more than the {MAX_COST} allowed"]


def test_bounds_are_checked_before_graphql_validation(client: TestClient) -> None:
    # An unknown field would fail validation; the cost refusal comes first and alone.
    body = gql(client, fan_out(22).replace("health { status }", "health { status nonsense }"))
    assert len(body["errors"]) == 1 and "would cost" in body["errors"][0]["message"]
    # Within bounds, graphql-core's validation still runs.
    body = gql(client, "{ health { nonsense } }")
    assert "Cannot query field 'nonsense'" in body["errors"][0]["message"]


def test_thirty_brokers_are_refused_one_is_answered(client: TestClient) -> None:
    many = "{ " + " ".join(f"b{i}: brokers(top: 100) {{ degree }}" for i in range(30)) + " }"
    assert "would cost" in gql(client, many)["errors"][0]["message"]
    assert "errors" not in gql(client, "{ brokers(top: 100) { degree } }")


def test_depth_and_aliases_are_bounded() -> None:
    deep = build_schema("type Query { a: A } type A { a: A x: Int }")
    nested = "{ " + "a { " * 11 + "x" + " }" * 11 + " }"
    assert "nests 11 levels" in check(deep, parse(nested), {}).errors[0].message
    nested = "{ " + "a { " * 10 + "x" + " }" * 10 + " }"
    assert check(deep, parse(nested), {}).errors == []
    aliased = "{ " + " ".join(f"a{i}: health {{ status }}" for i in range(31)) + " }"
    assert "31 aliases found" in check(GRAPHQL, parse(aliased), {}).errors[0].message


def test_graphiql_introspection_fits() -> None:
    from graphql import get_introspection_query

    assert check(GRAPHQL, parse(get_introspection_query()), {}).errors == []


# -- argument ranges -----------------------------------------------------------------------------


def _paths_to_every_argument() -> list[tuple[str, str, str]]:
    """``(query, field, argument)`` for every Int argument anywhere in the schema, the query
    reaching the field from the root with ``argument`` one above its maximum."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    assert GRAPHQL.query_type is not None
    queue: deque[tuple[GraphQLObjectType, str]] = deque([(GRAPHQL.query_type, "@")])
    while queue:
        parent, frame = queue.popleft()
        if parent.name in seen:
            continue
        seen.add(parent.name)
        for name, definition in parent.fields.items():
            required = _required_arguments(definition)
            for arg_name, arg in definition.args.items():
                if get_named_type(arg.type).name == "Int":
                    _, most = argument_range(name, arg_name) or (None, None)
                    value = (most or 0) + 1
                    args = ", ".join([*required, f"{arg_name}: {value}"])
                    out.append((frame.replace("@", f"{name}({args}) {_leaf(definition)}"),
                                name, arg_name))
            child = get_named_type(definition.type)
            if isinstance(child, GraphQLObjectType):
                args = f"({', '.join(required)})" if required else ""
                queue.append((child, frame.replace("@", f"{name}{args} {{ @ }}")))
    return out


def _required_arguments(definition: GraphQLField) -> list[str]:
    samples = {"ID": '"x"', "String": '"x"', "Int": "1", "GapKind": "teacher_without_methodist"}
    return [f"{n}: {samples[get_named_type(a.type).name]}" for n, a in definition.args.items()
            if get_nullable_type(a.type) is not a.type and a.default_value is None]


def _leaf(definition: GraphQLField) -> str:
    return "" if isinstance(get_named_type(definition.type), GraphQLScalarType) else \
        "{ __typename }"


ARGUMENTS = _paths_to_every_argument()


def test_the_schema_has_integer_arguments_to_check() -> None:
    assert {(f, a) for _, f, a in ARGUMENTS} >= {("evidence", "first"), ("brokers", "top"),
                                                 ("neighbourhood", "limit"), ("items", "first")}


@pytest.mark.parametrize(("query", "field_name", "argument"), ARGUMENTS,
                         ids=[f"{f}.{a}" for _, f, a in ARGUMENTS])
def test_every_integer_argument_has_a_maximum(query: str, field_name: str,
                                              argument: str) -> None:
    assert argument_range(field_name, argument), \
        f"{field_name}({argument}) has no range in api.bounds.ARGUMENT_RANGES"
    errors = check(GRAPHQL, parse("{ " + query + " }"), {}).errors
    assert any(f"{argument} must be" in e.message for e in errors), [e.message for e in errors]


def test_list_valued_arguments_are_bounded_too() -> None:
    list_args = [(t.name, f, a) for t in GRAPHQL.type_map.values()
                 if isinstance(t, GraphQLObjectType) and not t.name.startswith("__")
                 for f, d in t.fields.items() for a, arg in d.args.items()
                 if isinstance(get_nullable_type(arg.type), GraphQLList)]
    assert ("Query", "indicators", "codes") in list_args  # the generic check covers them all
    codes = ", ".join(f'"c{i}"' for i in range(MAX_LIST_INPUT + 1))
    errors = check(GRAPHQL, parse(f"{{ indicators(codes: [{codes}]) {{ code }} }}"), {}).errors
    assert f"longer than the {MAX_LIST_INPUT} allowed" in errors[0].message


def test_compliance_evidence_cannot_ask_for_a_million(client: TestClient) -> None:
    body = gql(client, "{ dutyCompliance { nodes { bodies { evidence(first: 1000000) "
                       "{ id } } } } }")
    assert body["errors"][0]["message"] == (
        "first must be between 0 and 500, not 1000000 / first: от 0 до 500, а передано 1000000")


def test_argument_ranges_hold_for_variables(client: TestClient) -> None:
    body = gql(client, "query($n: Int!) { neighbourhood(id: \"t1\", limit: $n) { truncated } }",
               n=100000)
    assert body["errors"][0]["message"].startswith("limit must be between 1 and 500")


def test_a_document_sent_again_is_checked_again(client: TestClient) -> None:
    """Parse and validation are kept per document text (api/documents.py); the bounds,
    which depend on the variables, are checked on every request, and a document that
    fails validation fails it every time."""
    from api import documents

    documents.clear()
    ask = "query($n: Int!) { neighbourhood(id: \"t1\", limit: $n) { truncated } }"
    assert "errors" not in gql(client, ask, n=5)
    assert len(documents._VALID) == 1  # kept valid: the next request validates no more
    refused = gql(client, ask, n=100000)
    assert refused["errors"][0]["message"].startswith("limit must be between 1 and 500")
    assert "errors" not in gql(client, ask, n=5)
    invalid = "{ neighbourhood(id: \"t1\") { nosuchfield } }"
    for _ in range(2):
        assert "nosuchfield" in gql(client, invalid)["errors"][0]["message"]
    assert len(documents._VALID) == 1  # an invalid document is never kept as valid
    # Both texts' written inputs are within bounds: each walked once (validation comes after).
    assert len(documents._INPUTS) == 2


def test_a_document_with_inputs_beyond_bounds_is_refused_every_time(client: TestClient) -> None:
    """The inputs written in a document are walked once per text when within bounds; a text
    beyond them is never kept, so it is refused again, with its own message."""
    from api import documents

    documents.clear()
    long = "я" * (MAX_STRING + 1)
    refused = f'{{ node(id: "{long}") {{ node {{ id }} }} }}'
    for _ in range(2):
        assert f"longer than the {MAX_STRING} allowed" in \
            gql(client, refused)["errors"][0]["message"]
    assert len(documents._INPUTS) == 0


# -- input sizes ---------------------------------------------------------------------------------


def test_long_strings_are_refused_written_or_passed(client: TestClient) -> None:
    long = "я" * (MAX_STRING + 1)
    written = gql(client, f'{{ node(id: "{long}") {{ node {{ id }} }} }}')
    passed = gql(client, "query($id: ID!) { node(id: $id) { node { id } } }", id=long)
    for body in (written, passed):
        message = body["errors"][0]["message"]
        assert f"longer than the {MAX_STRING} allowed" in message
        assert long not in message and len(message) < 300


def test_strings_in_input_objects_are_checked(client: TestClient) -> None:
    body = gql(client, """mutation($input: SupportInput!) { assignSupport(input: $input) {
        created } }""", input={"sourceId": "m1", "targetId": "t2", "subject": "x" * 5000})
    assert "variable $input.subject is a string of 5000 characters" in body["errors"][0]["message"]


def test_large_variables_are_refused(client: TestClient) -> None:
    body = gql(client, "query($t: [String!]) { shortestPath(sourceId: \"t1\", targetId: \"t2\", "
                       "types: $t) { length } }", t=["x" * 900] * 90)
    assert "the variables take" in body["errors"][0]["message"]


def test_errors_never_echo_a_long_input(client: TestClient) -> None:
    # 1 000 characters are allowed; the error naming the unknown id is cut short.
    body = gql(client, "query($id: ID!) { node(id: $id) { node { id } } }", id="z" * MAX_STRING)
    message = body["errors"][0]["message"]
    assert message.startswith("nothing has the id") and len(message) <= 600
    assert message.endswith("characters)")


# -- bad variables -------------------------------------------------------------------------------


@pytest.mark.parametrize(("variables", "expected"), [
    ({"on": "2025-13-45"}, "Value cannot represent a Date: \"2025-13-45\""),
    ({"on": 5}, "Value cannot represent a Date"),
])
def test_bad_dates_in_variables_are_explained(client: TestClient, variables: dict[str, Any],
                                              expected: str) -> None:
    body = gql(client, "query($on: Date) { brokers(on: $on) { degree } }", **variables)
    message = body["errors"][0]["message"]
    assert expected in message and "переменная $on задана неверно" in message
    assert "internal server error" not in message


def test_wrong_types_in_input_objects_are_explained(client: TestClient) -> None:
    body = gql(client, """mutation($input: SupportInput!) { assignSupport(input: $input) {
        created } }""", input={"sourceId": "m1", "targetId": "t2", "start": "2025-02-30"})
    message = body["errors"][0]["message"]
    assert "Variable '$input' has invalid value at .start" in message
    assert "day is out of range for month" in message


# -- transport -----------------------------------------------------------------------------------


def test_queries_and_mutations_are_refused_over_get(client: TestClient) -> None:
    query = client.get("/graphql", params={"query": "{ health { status } }"})
    assert query.status_code == 400
    mutation = client.get("/graphql", params={"query": 'mutation { assignSupport(input: '
                                                       '{sourceId: "m1", targetId: "t2"}) '
                                                       "{ created } }"})
    assert mutation.status_code == 400
    assert client.get("/graphql", headers={"Accept": "text/html"}).status_code == 200


def test_deeply_nested_json_is_a_clear_400(client: TestClient) -> None:
    response = client.post("/graphql", content="[" * 100_000,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "nests too deep" in response.json()["detail"]


def test_answers_over_the_limit_become_an_error() -> None:
    router = BoundedGraphQLRouter(schema)
    small = router.encode_json({"data": {"a": "x"}})
    assert small == '{"data":{"a":"x"}}'
    big = router.encode_json({"data": {"a": "x" * MAX_ANSWER_BYTES}})
    assert len(big) < 1000 and "the answer would take" in str(big)


def test_introspection_can_be_switched_off(store: Store) -> None:
    store.write(tiny())
    off = TestClient(create_app(store=store, settings=Settings(graphql_introspection=False)))
    body = gql(off, "{ __schema { types { name } } }")
    assert body["errors"][0]["message"].startswith("introspection is switched off")
    assert gql(off, "{ __typename health { status } }")["data"]["health"] == {"status": "ok"}
    on = TestClient(create_app(store=store, settings=Settings()))
    assert gql(on, "{ __schema { queryType { name } } }")["data"] == {
        "__schema": {"queryType": {"name": "Query"}}}


# -- pages ---------------------------------------------------------------------------------------


@pytest.fixture
def pages() -> TestClient:
    store = MemoryStore()
    store.write(tiny())
    return TestClient(create_app(store=store))


@pytest.mark.parametrize(("url", "expected"), [
    ("/network/focus/s1?max_nodes=20000", "max_nodes: не больше 5000"),
    ("/network/focus/s1?depth=9", "depth: не больше 4"),
    ("/network/focus/s1?depth=abc", "depth: нужно целое число"),
    ("/network/district/M1?period=" + "9" * 100, "period: не длиннее 32 символов"),
    ("/dashboard?territory=" + "R" * 300, "territory: не длиннее 200 символов"),
])
def test_pages_answer_bad_parameters_in_russian(pages: TestClient, url: str,
                                                expected: str) -> None:
    response = pages.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert "20000" not in response.text and "9" * 100 not in response.text


def test_pages_within_bounds_still_answer(pages: TestClient) -> None:
    assert pages.get("/network/focus/s1?depth=4&max_nodes=5000").status_code == 200
