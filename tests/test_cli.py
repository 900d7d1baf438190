"""The command line, called in-process on a real embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.store import MemoryStore
from tests.test_store import tiny

runner = CliRunner()


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    with MemoryStore(path) as s:
        s.write(tiny())
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_help_reads_well() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "load", "query", "info", "neo4j"):
        assert command in result.output


def test_info_counts(store_path: Path) -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "9 nodes, 9 edges" in result.output


def test_recount_says_the_embedded_store_keeps_its_counts_in_the_server(store_path: Path) -> None:
    result = runner.invoke(app, ["recount"])
    assert result.exit_code == 0, result.output
    assert "inside the serving process" in result.output


def test_query_prints_json(store_path: Path) -> None:
    result = runner.invoke(app, ["query", "query($id: ID!) { node(id: $id) { node { title } } }",
                                 "--var", "id=mms1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["data"]["node"]["node"]["title"] == "МУ «ВРМЦ»"


def test_query_error_exits_nonzero(store_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    result = runner.invoke(app, ["query", '{ node(id: "ghost") { node { id } } }'])
    assert result.exit_code == 1
    assert "nothing has the id 'ghost'" in result.output
    # The answer names the error; no traceback is logged beside it.
    assert not [r for r in caplog.records if r.exc_info or r.name.startswith("strawberry")]


def test_load_nothing_is_a_clear_error(store_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["load", str(empty)])
    assert result.exit_code == 1
    assert "nothing to load under" in result.output


def test_schema_export(tmp_path: Path) -> None:
    out = tmp_path / "schema.graphql"
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert "type Query" in out.read_text(encoding="utf-8")
