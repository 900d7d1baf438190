"""The one-loop completion of lists (api/fastlists.py) never changes an answer.

Every GraphQL document the repository uses — the docs' examples, the string documents of the
tests, the bench's (the @neo4j/graphql comparison's pairs) — runs on the sample data through
the schema twice: with graphql-core's own completion and with the one loop, on both stores;
``data`` and ``errors`` (message, path, locations) must be the same. Hypothesis then writes
selections of its own: over the entity types on the sample data (aliases, ``__typename``,
nested objects, fields met twice), and over a small schema of plain objects whose values it
chooses, nulls in non-null fields included (the error and the nulling of the parent must be
graphql-core's).
"""

from __future__ import annotations

import ast
import asyncio
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    OperationDefinitionNode,
    OperationType,
    parse,
    type_from_ast,
    validate,
)
from graphql.error import GraphQLSyntaxError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.context import Context
from api.fastlists import FastListExecutionContext
from api.schema import make_schema
from bench import neo4j_graphql
from graph.loaders import load_path
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.conftest import REPO


class CountingContext(FastListExecutionContext):
    """The one loop, counting the lists it completed itself (so a test can see it ran)."""

    completed = 0

    def _complete_items(self, *args: Any, **kwargs: Any) -> list[Any]:
        answer = super()._complete_items(*args, **kwargs)
        CountingContext.completed += 1
        return answer


FAST = make_schema()
FAST.execution_context_class = CountingContext
PLAIN = make_schema(fast_lists=False)
GRAPHQL_SCHEMA = FAST._schema

# Ids of the sample data (data/), by the kind of variable that names them.
IDS = {
    # A district only: the region's questions have the same shapes and cost ten times as much
    # (the region's plan alone takes seconds); documents naming the region still ask it.
    "territory": ["RU-LEN-vsevolozhsky"],
    "period": ["2025-H1"],
    "teacher": ["LEN-vsevolozhsky-s001-t001"],
    "school": ["LEN-vsevolozhsky-s023"],
    "node": ["LEN-vsevolozhsky-s023", "LEN-rmc", "LEN-vsevolozhsky-s001-t001"],
    "other": ["LEN-koipo", "LEN-vsevolozhsky-mms"],
}


def _documents() -> list[tuple[str, str]]:
    """(where, text) of every executable GraphQL document of the docs, tests and bench."""
    found: dict[str, str] = {}
    for doc in sorted((REPO / "docs").glob("*.md")):
        blocks = re.findall(r"```graphql\n(.*?)```", doc.read_text("utf-8"), flags=re.S)
        for i, text in enumerate(blocks, 1):
            found.setdefault(text, f"docs/{doc.name}:{i}")
    for path in sorted([*(REPO / "tests").glob("*.py"), *(REPO / "bench").glob("*.py")]):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, f"{path.relative_to(REPO)}:{node.lineno}")
    for pair in neo4j_graphql.pairs("RU-LEN-vsevolozhsky", "2025-H1", "LEN-vsevolozhsky-s023",
                                    "LEN-vsevolozhsky-s001-t001", "LEN-koipo"):
        found.setdefault(pair.methodnet, f"bench pair {pair.name}")
    documents = []
    for text, where in found.items():
        if "{" not in text:
            continue
        try:
            parsed = parse(text)
        except GraphQLSyntaxError:
            continue
        operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
        if (len(operations) != 1 or operations[0].operation != OperationType.QUERY
                or validate(GRAPHQL_SCHEMA, parsed)):
            continue  # mutations write (run twice they would differ); invalid: never executed
        documents.append((where, text))
    return documents


DOCUMENTS = _documents()


def _kind(name: str) -> str:
    lowered = name.lower()
    for kind in ("territory", "period", "teacher", "school"):
        if kind in lowered:
            return kind
    if lowered in {"t", "district", "region"}:
        return "territory"
    if lowered == "p":
        return "period"
    if lowered in {"b", "targetid", "methodist"}:
        return "other"
    return "node"


def _values(name: str, type_: Any) -> list[Any] | None:
    """Values to try for a variable; ``None`` if the test cannot make one."""
    nullable = not isinstance(type_, GraphQLNonNull)
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        item = _values(name, inner.of_type)
        return [None] if nullable else ([[item[0]]] if item else None)
    if isinstance(inner, GraphQLEnumType):
        return [next(iter(inner.values))]
    if isinstance(inner, GraphQLInputObjectType):
        return [None] if nullable else None
    assert isinstance(inner, GraphQLScalarType)
    if inner.name == "Int":
        return [2]
    if inner.name == "Boolean":
        return [True, False]
    if inner.name in {"ID", "String"}:
        return IDS[_kind(name)]
    return [None] if nullable else None


def _variables(text: str) -> Iterator[dict[str, Any]]:
    """A few assignments of the document's variables (at most two)."""
    operation = next(d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode))
    names, choices = [], []
    for definition in operation.variable_definitions or ():
        type_ = type_from_ast(GRAPHQL_SCHEMA, definition.type)
        values = _values(definition.variable.name.value, type_)
        if values is None:
            if isinstance(type_, GraphQLNonNull) and definition.default_value is None:
                return
            continue
        names.append(definition.variable.name.value)
        choices.append(values)
    for combination in itertools.islice(itertools.product(*choices), 2):
        yield dict(zip(names, combination, strict=True))


def _answer(schema: strawberry.Schema, store: Store, text: str,
            variables: dict[str, Any]) -> tuple[Any, list[tuple[Any, ...]]]:
    ctx = Context(store=store, settings=Settings(), scope=Scope())
    result = asyncio.run(schema.execute(text, variable_values=variables, context_value=ctx))
    errors = [(e.message, e.path, [(loc.line, loc.column) for loc in e.locations or ()])
              for e in result.errors or ()]
    # The root fields are async and run together: their errors come in the order they
    # finish, which no executor fixes. Compared in the order of their paths.
    return result.data, sorted(errors, key=repr)


def _same_answer(store: Store, text: str, variables: dict[str, Any], where: str = "") -> None:
    plain = _answer(PLAIN, store, text, variables)
    fast = _answer(FAST, store, text, variables)
    for _ in range(4):
        if fast == plain or plain[0] is not None:
            break
        # A non-null root field failed: graphql-core drops the whole answer and abandons the
        # other root fields wherever they are, so which of their errors are collected depends
        # on timing (graphql-core's own executor differs from itself). Asked again until the
        # timing agrees; a difference of completion would never agree.
        plain = _answer(PLAIN, store, text, variables)
        fast = _answer(FAST, store, text, variables)
    assert fast == plain, (where, text, variables)


@pytest.fixture(scope="module")
def sample_memory(sample_copy: Callable[[], Path]) -> Iterator[Store]:
    store = MemoryStore(sample_copy())
    yield store
    store.close()


@pytest.fixture(scope="module")
def sample_neo4j(request: pytest.FixtureRequest) -> Iterator[Store]:
    store: Store = request.getfixturevalue("_neo4j_store")
    store.clear()
    load_path(store, REPO / "data")
    yield store
    store.clear()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def sample(request: pytest.FixtureRequest) -> Store:
    store: Store = request.getfixturevalue(f"sample_{request.param}")
    return store


def test_the_documents_are_found() -> None:
    """The collection is not empty by accident: the docs, the tests and the bench give many."""
    wheres = {where.split(":")[0].split("/")[0].split(" ")[0] for where, _ in DOCUMENTS}
    assert {"docs", "tests", "bench"} <= wheres
    assert len(DOCUMENTS) > 100
    texts = "\n".join(text for _, text in DOCUMENTS)
    assert "neighbourhood(" in texts and "search(" in texts


def test_every_document_answers_the_same(sample_memory: Store) -> None:
    # On the embedded store only: the loop completes the objects the questions return, the
    # same on both stores (the conformance suite); the Neo4j store's values are checked by
    # the selections below and the neighbourhood's test, at a fraction of this one's time.
    before = CountingContext.completed
    runs = 0
    for where, text in DOCUMENTS:
        for variables in _variables(text):
            _same_answer(sample_memory, text, variables, where)
            runs += 1
    assert runs >= len(DOCUMENTS)
    # The one loop did complete lists, not only hand them back.
    assert CountingContext.completed - before > 50


def test_the_neighbourhood_is_completed_in_one_loop(sample: Store) -> None:
    text = ("query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 500) "
            "{ nodes { node { id } distance } } }")
    before = CountingContext.completed
    data, errors = _answer(FAST, sample, text, {"id": "LEN-vsevolozhsky-s023"})
    assert not errors and len(data["neighbourhood"]["nodes"]) > 10
    assert CountingContext.completed == before + 1
    assert (data, errors) == _answer(PLAIN, sample, text, {"id": "LEN-vsevolozhsky-s023"})


def test_a_resolver_of_ours_leaves_the_list_to_graphql_core(sample: Store) -> None:
    """`properties` has a resolver: the neighbours' list selecting it is graphql-core's; each
    node's own list of properties (plain key/value objects) is the loop's."""
    text = ('{ neighbourhood(id: "LEN-vsevolozhsky-s023", depth: 1) '
            "{ nodes { node { id properties { key } } } } }")
    before = CountingContext.completed
    fast = _answer(FAST, sample, text, {})
    completed = CountingContext.completed - before
    assert fast == _answer(PLAIN, sample, text, {})
    nodes = fast[0]["neighbourhood"]["nodes"]
    assert nodes and completed == len(nodes)


# Selections written by hypothesis over the entity types, on the sample data.

ROOTS = [
    ('neighbourhood(id: "LEN-vsevolozhsky-s023", depth: 2)', "Neighbourhood"),
    ('neighbourhood(id: "LEN-rmc", depth: 1)', "Neighbourhood"),
    ('coordinationTree(territoryId: "RU-LEN-vsevolozhsky")', "CoordinationTree"),
    ('search(text: "школа", first: 30)', "SearchHitConnection"),
    ('node(id: "LEN-vsevolozhsky-s001-t001")', "NodeDetail"),
]


@st.composite
def _selection(draw: st.DrawFn, type_name: str, depth: int = 0) -> str:
    """A selection set on ``type_name``: fields without required arguments, with aliases,
    ``__typename``, fields asked twice, inline fragments on the type itself."""
    object_type = GRAPHQL_SCHEMA.get_type(type_name)
    assert isinstance(object_type, GraphQLObjectType)
    usable = sorted(name for name, field in object_type.fields.items()
                    if not any(isinstance(arg.type, GraphQLNonNull)
                               and arg.default_value is None for arg in field.args.values()))
    names = draw(st.lists(st.sampled_from([*usable, "__typename"]), min_size=1, max_size=5))
    parts = []
    for i, name in enumerate(names):
        alias = draw(st.sampled_from(["", f"a{i}: ", f"{name}: "]))
        if name == "__typename":
            parts.append(f"{alias}__typename")
            continue
        field_type = object_type.fields[name].type
        while isinstance(field_type, GraphQLNonNull | GraphQLList):
            field_type = field_type.of_type
        if isinstance(field_type, GraphQLObjectType):
            if depth >= 3:
                parts.append("__typename")
                continue
            inner = draw(_selection(field_type.name, depth + 1))
            parts.append(f"{alias}{name} {{ {inner} }}")
        elif isinstance(field_type, GraphQLScalarType | GraphQLEnumType):
            parts.append(f"{alias}{name}")
        else:  # an interface or a union: its own __typename and id
            parts.append(f"{alias}{name} {{ __typename }}")
        if draw(st.booleans()) and depth == 0:
            parts.append(f"... on {type_name} {{ {parts[-1]} }}")
    return " ".join(parts)


@st.composite
def _documents_over_entities(draw: st.DrawFn) -> str:
    root, type_name = draw(st.sampled_from(ROOTS))
    return f"{{ {root} {{ {draw(_selection(type_name))} }} }}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents_over_entities())
def test_selections_over_the_entity_types_answer_the_same(sample_memory: Store,
                                                          document: str) -> None:
    # Fields asked twice under one name with different selections are refused by validation,
    # alike by both: the comparison holds for them too.
    _same_answer(sample_memory, document, {})


@pytest.mark.neo4j
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents_over_entities())
def test_selections_over_the_entity_types_answer_the_same_on_neo4j(sample_neo4j: Store,
                                                                   document: str) -> None:
    _same_answer(sample_neo4j, document, {})


# A schema of plain objects whose values hypothesis chooses, nulls where types forbid them.

@strawberry.type
class Leaf:
    code: str
    note: str | None
    size: int


@strawberry.type
class Item:
    name: str
    rank: int | None
    leaf: Leaf
    spare: Leaf | None


@strawberry.type
class Holder:
    items: list[Item]
    maybe_items: list[Item | None] | None


ITEMS: list[Any] = []


@strawberry.type
class PlainQuery:
    @strawberry.field
    def holder(self) -> Holder:
        return Holder(items=ITEMS, maybe_items=ITEMS)

    @strawberry.field
    def items(self) -> list[Item] | None:
        return ITEMS


PLAIN_OBJECTS = strawberry.Schema(PlainQuery)
FAST_OBJECTS = strawberry.Schema(PlainQuery, execution_context_class=CountingContext)

# Values a standard scalar gives back as they are, values it converts (an int as a String,
# "7" or True as an Int) and values it refuses (2**40 as an Int, a list as a String).
_maybe_text = st.one_of(st.none(), st.text(max_size=3), st.integers(-3, 3), st.booleans(),
                        st.just([1]))
_maybe_int = st.one_of(st.none(), st.integers(-5, 5), st.just("7"), st.just(2**40),
                       st.just(-(2**31)), st.booleans(), st.just(1.0), st.just("x"))
_leaves = st.builds(Leaf, code=_maybe_text, note=_maybe_text, size=_maybe_int)
_items = st.one_of(st.none(), st.builds(Item, name=_maybe_text, rank=_maybe_int, leaf=st.one_of(
    st.none(), _leaves), spare=st.one_of(st.none(), _leaves)))

_LEAF_SELECTIONS = ["code", "note", "size", "__typename", "c: code", "size n: note"]
_ITEM_SELECTIONS = ["name", "rank", "__typename", "r: rank", "leaf { ", "spare { ",
                    "x: leaf { ", "...on Item { name }"]


@st.composite
def _plain_document(draw: st.DrawFn) -> str:
    parts = []
    for part in draw(st.lists(st.sampled_from(_ITEM_SELECTIONS), min_size=1, max_size=5)):
        if part.endswith("{ "):
            leaf = " ".join(draw(st.lists(st.sampled_from(_LEAF_SELECTIONS), min_size=1,
                                          max_size=3)))
            part = f"{part}{leaf} }}"
        parts.append(part)
    selection = " ".join(parts)
    root = draw(st.sampled_from(["items", "holder { items", "holder { maybeItems",
                                 "holder { a: items"]))
    close = " }" if root.startswith("holder") else ""
    return f"{{ {root} {{ {selection} }}{close} }}"


@settings(max_examples=300, deadline=None)
@given(items=st.lists(_items, max_size=4), document=_plain_document())
def test_plain_objects_with_nulls_answer_the_same(items: list[Any], document: str) -> None:
    ITEMS[:] = items
    plain = PLAIN_OBJECTS.execute_sync(document)
    fast = FAST_OBJECTS.execute_sync(document)
    assert fast.data == plain.data
    assert [(e.message, e.path, e.locations) for e in fast.errors or ()] == [
        (e.message, e.path, e.locations) for e in plain.errors or ()]


def test_plain_objects_are_completed_in_one_loop() -> None:
    ITEMS[:] = [Item(name="a", rank=None, leaf=Leaf(code="x", note=None, size=1), spare=None)]
    before = CountingContext.completed
    fast = FAST_OBJECTS.execute_sync("{ items { name r: rank leaf { code __typename } spare "
                                     "{ size } } }")
    assert fast.errors is None
    assert fast.data == {"items": [{"name": "a", "r": None,
                                    "leaf": {"code": "x", "__typename": "Leaf"}, "spare": None}]}
    assert CountingContext.completed == before + 1


def test_a_null_in_a_non_null_field_is_graphql_cores_error() -> None:
    ITEMS[:] = [Item(name="a", rank=1, leaf=Leaf(code="x", note=None, size=1), spare=None),
                Item(name="b", rank=2, leaf=None, spare=None)]  # type: ignore[arg-type]
    before = CountingContext.completed
    fast = FAST_OBJECTS.execute_sync("{ holder { items { name leaf { code } } } }")
    assert fast.data is None  # `holder` and `items` are non-null too: the null goes to the top
    assert fast.errors is not None
    assert [(e.message, e.path) for e in fast.errors] == [
        ("Cannot return null for non-nullable field Item.leaf.", ["holder", "items", 1, "leaf"])]
    assert CountingContext.completed == before  # handed back to graphql-core
    nullable = FAST_OBJECTS.execute_sync("{ holder { maybeItems { name leaf { code } } } }")
    assert nullable.data == {"holder": {"maybeItems": [{"name": "a", "leaf": {"code": "x"}},
                                                       None]}}
    assert [e.path for e in nullable.errors or ()] == [["holder", "maybeItems", 1, "leaf"]]


def test_a_schema_extension_that_hooks_resolve_turns_the_loop_off() -> None:
    from strawberry.extensions import SchemaExtension

    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    watched = strawberry.Schema(PlainQuery, extensions=[Watch],
                                execution_context_class=CountingContext)
    ITEMS[:] = [Item(name="a", rank=None, leaf=Leaf(code="x", note=None, size=1), spare=None)]
    before = CountingContext.completed
    assert watched.execute_sync("{ items { name } }").data == {"items": [{"name": "a"}]}
    assert seen == ["items", "name"]  # the extension saw every field
    assert CountingContext.completed == before
