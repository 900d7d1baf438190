"""``methodnet duties``: who must perform a duty category, in-process through Typer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.questions import register
from graph.loaders.regulations import load_regulations
from graph.store import MemoryStore

FOLDER = Path(__file__).resolve().parent.parent / "data" / "regulations"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("METHODNET_STORE", "memory")
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    with MemoryStore(tmp_path / "store") as store:
        load_regulations(store, FOLDER)
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:  # a group, so the command is called by its name as in methodnet
        pass

    return app


def test_duties_as_json(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["duties", "low_results_support", "--territory", "RU-AMU",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["body_id"], r["clause"]) for r in rows] == [("AMU-zeya-gms", "1.3")]


def test_duties_table_and_unknown_category(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["duties", "mentoring"])
    assert result.exit_code == 0, result.output
    assert "3.2.5" in result.stdout
    bad = CliRunner().invoke(app, ["duties", "flying"])
    assert bad.exit_code == 1
    assert "unknown duty category" in bad.output
