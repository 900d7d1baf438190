"""``methodnet gaps --candidates`` and ``methodnet support --candidates``: who could take each gap,
in-process on an embedded store of the demo network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.questions import register
from graph.queries.demo import demo_batch
from graph.store import MemoryStore

runner = CliRunner()
app = typer.Typer()
app.command("noop")(lambda: None)
register(app)


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    with MemoryStore(path) as s:
        s.write(demo_batch())
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_gaps_with_candidates() -> None:
    result = runner.invoke(app, ["gaps", "-t", "RU-LEN-a", "-p", "2025-H1", "-k",
                                 "young_specialist_without_support", "-k",
                                 "school_without_methodological_service", "--candidates",
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    rows = {r["id"]: r["candidate"] for r in found}
    # m1, the regional methodist of математика, with 2 teachers of 25
    assert rows["t3"] == "Методистова Мария (региональный методист, нагрузка 2 из 25)"
    services = [r for r in found if r["kind"] == "school_without_methodological_service"]
    assert services and all(r["candidate"] == "" for r in services)  # no plan closes these


def test_support_with_candidates_names_each_subject() -> None:
    result = runner.invoke(app, ["support", "-t", "RU-LEN-a", "-p", "2025-H1", "--candidates",
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    found = {r["school"]: r["candidate"] for r in json.loads(result.output)}
    assert found["s1"].startswith("физика: ") and found["s2"].startswith("математика: ")


def test_candidates_need_a_territory_and_a_period() -> None:
    result = runner.invoke(app, ["gaps", "--candidates"])
    assert result.exit_code == 1
    assert "укажите --territory и --period" in " ".join(result.output.split())
