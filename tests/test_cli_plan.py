"""``methodnet plan`` and ``plan accept``, in-process on an embedded store of the demo network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.planning import register
from graph.auth import users
from graph.auth.audit import audit_log
from graph.model import Person
from graph.queries.demo import demo_batch
from graph.store import MemoryStore
from tests.test_plan import _with

runner = CliRunner()
app = typer.Typer()
app.command("noop")(lambda: None)  # a group, so that ``plan`` is a subcommand
register(app)

PLAN = ["plan", "--territory", "RU-LEN-a", "--period", "2025-H1"]


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    with MemoryStore(path) as s:
        s.write(demo_batch())
        users.add_user(s, "anna", "district_coordinator", territory="RU-LEN-a")
        users.add_user(s, "rita", "regional_coordinator", territory="RU-LEN")
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_plan_as_json() -> None:
    result = runner.invoke(app, [*PLAN, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["methodist"], r["target"], r["edge"]) for r in rows if r["keep"]] == [
        ("m3", "s1", "SUPPORTS"), ("comm-math", "s2", "SUPPORTS"), ("m3", "t2", "SUPPORTS"),
        ("m1", "t3", "SUPPORTS"), ("m3", "t2", "HAS_ROUTE"), ("m1", "t3", "HAS_ROUTE"),
        ("m1", "t3", "MENTORS")]
    assert rows[1]["candidate_kind"] == "community"
    assert [r["target"] for r in rows if not r["keep"]] == []


def _flat(text: str) -> str:
    return " ".join(text.split())


def _untick(path: Path, keep: set[tuple[str, str, str]]) -> None:
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cell = dict(zip(head, row, strict=True))
        if (cell["methodist"].value, cell["target"].value, cell["edge"].value) not in keep:
            cell["keep"].value = ""
    wb.save(path)


def test_xlsx_round_trip(tmp_path: Path, store_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert runner.invoke(app, [*PLAN, "-f", "xlsx", "-o", str(out)]).exit_code == 0
    _untick(out, {("m3", "s1", "SUPPORTS"), ("m3", "t2", "SUPPORTS")})
    result = runner.invoke(app, ["plan", "accept", str(out), "--as", "rita"])
    assert result.exit_code == 0, result.output
    assert "created 2" in result.output
    with MemoryStore(store_path) as s:
        assert sorted(e.target for e in s.edges("SUPPORTS", sources=["m3"])) == ["s1", "t2"]
        assert [e.actor for e in audit_log(s, action="plan_accept").entries] == ["rita"]


def test_accept_refused_outside_scope_and_when_stale(tmp_path: Path, store_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert runner.invoke(app, [*PLAN, "-f", "csv", "-o", str(out)]).exit_code == 0
    # The plan is computed again as anna sees it: only her district's methodists, so the
    # rows naming the regional m1 and the other district's m3 are not hers to accept.
    refused = runner.invoke(app, ["plan", "accept", str(out), "--as", "anna"])
    assert refused.exit_code == 1 and "нет в плане" in _flat(refused.output)
    with MemoryStore(store_path) as s:
        s.write(_with(Person(id="late", full_name="late")))
    stale = runner.invoke(app, ["plan", "accept", str(out), "--as", "rita"])
    assert stale.exit_code == 1 and "устаревших" in _flat(stale.output)
    with MemoryStore(store_path) as s:
        assert s.edges("SUPPORTS", sources=["m3"]) == []


def test_a_ticked_row_not_in_the_plan_is_named(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert runner.invoke(app, [*PLAN, "-f", "csv", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8").replace("x,low_results_school,s1,", "x,low_results_"
                                                   "school,s9,", 1)
    out.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", "accept", str(out), "--as", "rita"])
    assert result.exit_code == 1
    assert "row 2" in _flat(result.output) and "нет в плане" in _flat(result.output)
