"""docs/planning.md runs as written: its Python examples as doctests on the demo network, its
GraphQL examples and the CLI example on the sample data, each answer checked against the one the
page shows (an abridged answer: every key it names, and its lists' first items)."""

from __future__ import annotations

import asyncio
import doctest
import json
import re
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.context import Context
from api.schema import schema
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.conftest import REPO

DOC = (REPO / "docs" / "planning.md").read_text("utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", DOC, flags=re.S)
ELIDED = "…"


def matches(shown: Any, real: Any, where: str = "") -> None:
    """``shown`` (the page's answer) is ``real`` abridged: the keys it names have the values it
    gives, its lists are the first items of the real ones (a last ``"…"``: more follow)."""
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for key, value in shown.items():
            assert key in real, f"{where}.{key} is not in the answer"
            matches(value, real[key], f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(real, list), where
        more = bool(shown) and shown[-1] == ELIDED
        items = shown[:-1] if more else shown
        assert len(real) >= len(items) if more else len(real) == len(items), where
        for i, item in enumerate(items):
            matches(item, real[i], f"{where}[{i}]")
    else:
        assert shown == real, f"{where}: the page says {shown!r}, the answer is {real!r}"


def _pairs(kind: str) -> list[tuple[str, str | None]]:
    """Each ``kind`` block with the json block right after it (``None``: no answer shown)."""
    out = []
    for i, (lang, text) in enumerate(BLOCKS):
        if lang == kind:
            nxt = BLOCKS[i + 1] if i + 1 < len(BLOCKS) else ("", "")
            out.append((text, nxt[1] if nxt[0] == "json" else None))
    return out


def run(store: Store, document: str) -> dict[str, Any]:
    ctx = Context(store=store, settings=Settings(), scope=Scope())
    result = asyncio.run(schema.execute(document, context_value=ctx))
    assert not result.errors, [e.message for e in result.errors]
    assert result.data
    return result.data


def test_python_examples() -> None:
    text = "\n".join(t for lang, t in BLOCKS if lang == "python")
    assert ">>>" in text
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/planning.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


@pytest.fixture(scope="module")
def sample_path(sample_copy: Callable[[], Path]) -> Path:
    return sample_copy()


def test_cli_example(sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.main import app

    (block,) = [t for lang, t in BLOCKS if lang == "console"]
    command, *expected = block.strip().splitlines()
    assert command.startswith("$ methodnet ")
    monkeypatch.setenv("METHODNET_STORE_PATH", str(sample_path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    result = CliRunner().invoke(app, shlex.split(command)[2:])
    assert result.exit_code == 0, result.output
    shown = expected[:expected.index(ELIDED)] if ELIDED in expected else expected
    # The last column is the store's revision: 4 after `methodnet load data/`, as the page
    # says; a store loaded otherwise may be at another.
    def cut(lines: list[str]) -> list[str]:
        return [re.sub(r",\d+$", ",<revision>", line) for line in lines]

    assert cut(result.output.splitlines()[:len(shown)]) == cut(shown)


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> Iterator[Store]:
    with MemoryStore(sample_path) as store:
        yield store


def test_graphql_examples(sample: Store) -> None:
    queries = [(q, a) for q, a in _pairs("graphql") if not q.lstrip().startswith("mutation")]
    assert len(queries) >= 2
    for document, answer in queries:
        real = run(sample, document)
        assert answer is not None, document
        matches(json.loads(answer), real)


def test_graphql_accept_example(sample: Store) -> None:
    """The mutation as written, on the revision the sample store is at (the page's is "4")."""
    ((document, answer),) = [(q, a) for q, a in _pairs("graphql")
                             if q.lstrip().startswith("mutation")]
    revision = run(sample, '{ plan(territoryId: "RU-LEN-tosnensky", period: "2025-H1", '
                           'most: 0) { revision } }')["plan"]["revision"]
    real = run(sample, document.replace('revision: "4"', f'revision: "{revision}"'))
    assert answer is not None
    matches(json.loads(answer), real)
