"""Every GraphQL example in docs/queries.md runs as written on the sample data, and both stores
give the same answer to it: the conformance suite on realistic data."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest

from api.context import Context
from api.schema import schema
from graph.loaders import load_path
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.conftest import REPO

EXAMPLES = re.findall(r"```graphql\n(.*?)```", (REPO / "docs" / "queries.md").read_text("utf-8"),
                      flags=re.S)


def run(store: Store, document: str) -> dict[str, Any]:
    ctx = Context(store=store, settings=Settings(), scope=Scope())
    result = asyncio.run(schema.execute(document, context_value=ctx))
    assert not result.errors, [e.message for e in result.errors]
    assert result.data
    return result.data


@pytest.fixture(scope="module")
def sample_memory() -> Iterator[Store]:
    store = MemoryStore()
    load_path(store, REPO / "data")
    yield store


@pytest.fixture(scope="module")
def sample_neo4j(_neo4j_store: Store) -> Iterator[Store]:
    _neo4j_store.clear()
    load_path(_neo4j_store, REPO / "data")
    yield _neo4j_store
    _neo4j_store.clear()


def test_there_are_examples_for_every_question() -> None:
    text = "\n".join(EXAMPLES)
    for field in ("lowResultsSupport", "gaps", "methodistLoad", "indicators", "dutyCompliance",
                  "supportChain", "coordinationTree", "shortestPath", "neighbourhood", "brokers",
                  "isolatedSchools", "schoolCommunities", "internshipReach", "search"):
        assert re.search(rf"\b{field}\b", text), f"docs/queries.md has no example of {field}"


@pytest.mark.parametrize("document", EXAMPLES,
                         ids=[f"example{i + 1}" for i in range(len(EXAMPLES))])
def test_example_runs_on_the_sample_data(sample_memory: Store, document: str) -> None:
    run(sample_memory, document)


@pytest.mark.neo4j
def test_both_stores_answer_every_example_alike(sample_memory: Store, sample_neo4j: Store) -> None:
    assert sample_neo4j.counts() == sample_memory.counts()
    for i, document in enumerate(EXAMPLES, 1):
        assert run(sample_neo4j, document) == run(sample_memory, document), f"example {i}"


