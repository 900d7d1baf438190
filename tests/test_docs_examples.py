"""Every example of the docs runs as written on the sample data: the GraphQL documents of
docs/queries.md, docs/graphql.md and docs/planning.md (both stores giving the same answer to
each query), and the command line of every question of the registry.

Which questions need an example comes from the registry (``graph/queries/registry.py``): each
question's GraphQL field has a GraphQL example, and each verb its line in docs/queries.md.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import typer.main
from typer.testing import CliRunner

from api.context import Context
from api.schema import schema
from cli.main import app
from cli.questions import answer
from graph.loaders import load_path
from graph.queries.registry import QUESTIONS
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.conftest import REPO

DOCS = ("queries.md", "graphql.md", "planning.md")
EXAMPLES = [(f"{doc}:{i}", text) for doc in DOCS for i, text in enumerate(
    re.findall(r"```graphql\n(.*?)```", (REPO / "docs" / doc).read_text("utf-8"), flags=re.S),
    1)]
QUERIES = [(name, text) for name, text in EXAMPLES if not text.lstrip().startswith("mutation")]
MUTATIONS = [(name, text) for name, text in EXAMPLES if text.lstrip().startswith("mutation")]
CLI_TEXT = (REPO / "docs" / "queries.md").read_text("utf-8")


def run(store: Store, document: str) -> dict[str, Any]:
    ctx = Context(store=store, settings=Settings(), scope=Scope())
    result = asyncio.run(schema.execute(document, context_value=ctx))
    assert not result.errors, [e.message for e in result.errors]
    assert result.data
    return result.data


def _without_revision(value: Any) -> Any:
    """An answer without the store's revision, which counts writes and differs by store."""
    if isinstance(value, dict):
        return {k: _without_revision(v) for k, v in value.items() if k != "revision"}
    if isinstance(value, list):
        return [_without_revision(v) for v in value]
    return value


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample data loaded as the docs say: ``methodnet load data/`` into an embedded store."""
    path = tmp_path_factory.mktemp("sample") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_STORE_PATH", str(path))
        mp.setenv("METHODNET_STORE", "memory")
        result = CliRunner().invoke(app, ["load", str(REPO / "data"), "--quiet"])
        assert result.exit_code == 0, result.output
        yield path


@pytest.fixture(scope="module")
def sample_memory(sample_path: Path) -> Iterator[Store]:
    store = MemoryStore(sample_path, readonly=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def sample_neo4j(_neo4j_store: Store) -> Iterator[Store]:
    _neo4j_store.clear()
    load_path(_neo4j_store, REPO / "data")
    yield _neo4j_store
    _neo4j_store.clear()


def test_there_are_examples_for_every_question() -> None:
    text = "\n".join(document for _, document in EXAMPLES)
    for q in QUESTIONS.values():
        if q.graphql is None:
            continue
        field = q.graphql.rsplit(".", 1)[-1]
        assert re.search(rf"\b{field}\b", text), f"the docs have no GraphQL example of {field}"


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_verb_has_its_example_in_the_docs(name: str) -> None:
    q = QUESTIONS[name]
    line = f"methodnet {q.verb} {q.example}".strip()
    assert line in CLI_TEXT, f"docs/queries.md does not show `{line}`"


@pytest.mark.parametrize(("name", "document"), QUERIES, ids=[n for n, _ in QUERIES])
def test_example_runs_on_the_sample_data(sample_memory: Store, name: str,
                                         document: str) -> None:
    run(sample_memory, document)


@pytest.mark.parametrize(("name", "document"), MUTATIONS, ids=[n for n, _ in MUTATIONS])
def test_mutation_example_runs_on_a_copy_of_the_sample_data(
    sample_path: Path, tmp_path: Path, name: str, document: str
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(sample_path, copy, ignore=shutil.ignore_patterns("*.lock"))
    with MemoryStore(copy) as store:
        before = store.revision
        run(store, document)
        assert store.revision > before, f"{name} wrote nothing"


@pytest.mark.parametrize("name", sorted(q.name for q in QUESTIONS.values()
                                        if q.handwritten_cli is None))
def test_cli_example_answers_on_the_sample_data(sample_memory: Store, name: str) -> None:
    """The command line of the docs, parsed by the command and answered on the sample data
    (the commands themselves run end to end in tests/test_questions_registry.py)."""
    q = QUESTIONS[name]
    command = typer.main.get_command(app).get_command(  # type: ignore[attr-defined]
        click.Context(typer.main.get_command(app)), q.verb)
    values = command.make_context(q.verb, shlex.split(q.example)).params
    rows, _title = answer(q, sample_memory, values)
    assert rows, f"methodnet {q.verb} {q.example} answers nothing"


@pytest.mark.neo4j
def test_both_stores_answer_every_example_alike(sample_memory: Store, sample_neo4j: Store) -> None:
    assert sample_neo4j.counts() == sample_memory.counts()
    for name, document in QUERIES:
        assert _without_revision(run(sample_neo4j, document)) == _without_revision(
            run(sample_memory, document)), name
