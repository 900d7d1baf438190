"""The coordination commands, called in-process on an embedded store holding the demo network."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.questions import register
from graph.queries.demo import demo_batch
from graph.store import MemoryStore

runner = CliRunner()
app = typer.Typer()
register(app)


@pytest.fixture(autouse=True)
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    with MemoryStore(path) as s:
        s.write(demo_batch())
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_support_as_json() -> None:
    result = runner.invoke(app, ["support", "--territory", "RU-LEN", "--period", "2025-H1",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["school"], r["supporter"], r["status"]) for r in rows if r["direct"]] == [
        ("s1", "m1", "mismatched"), ("s1", "mt1", "mismatched"),
        ("s1", "school-strong", "mismatched")]
    assert {r["status"] for r in rows if r["school"] == "s2"} == {"unsupported"}


def test_gaps_table_and_csv() -> None:
    table = runner.invoke(app, ["gaps", "--period", "2025-H1", "--summary"])
    assert table.exit_code == 0, table.output
    assert "Gaps: 13" in table.output and "teacher_without_methodist" in table.output
    result = runner.invoke(app, ["gaps", "--period", "2025-H1", "--kind",
                                 "subject_without_methodist", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["id"], r["subject"], r["evidence"]) for r in rows] == [
        ("RU-LEN-a", "физика", "t2|HAS_DEFICIT>c-phys@d-t2"),
        ("RU-LEN-b", "химия", "t4|HAS_DEFICIT>c-chem@d-t4")]


def test_gaps_first_page_of_each_kind() -> None:
    whole = json.loads(runner.invoke(app, ["gaps", "--period", "2025-H1", "--format",
                                           "json"]).output)
    result = runner.invoke(app, ["gaps", "--period", "2025-H1", "--first", "1"])
    assert result.exit_code == 0, result.output
    assert "Gaps: 13" in result.output  # the title counts every gap
    rows = json.loads(runner.invoke(app, ["gaps", "--period", "2025-H1", "--first", "1",
                                          "--format", "json"]).output)
    firsts = [r for i, r in enumerate(whole) if i == 0 or whole[i - 1]["kind"] != r["kind"]]
    assert rows == firsts and len(rows) < len(whole)
    bad = runner.invoke(app, ["gaps", "--first", "-1"])
    assert bad.exit_code != 0 and "first must be 0 or more" in bad.output
    assert "Traceback" not in bad.output


def test_indicators_to_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "indicators.xlsx"
    result = runner.invoke(app, ["indicators", "--territory", "RU-LEN", "--period", "2025-H1",
                                 "--compare-to", "2024-H2", "--format", "xlsx", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("territory", "code", "numerator", "denominator", "value")
    assert rows[1][:5] == ("RU-LEN", "share_teachers_diagnosed", "4", "5", "0.8")


def test_methodist_load_and_bad_territory() -> None:
    result = runner.invoke(app, ["methodist-load", "--period", "2025-H1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(r["methodist"], r["teachers"]) for r in json.loads(result.output)] == [
        ("m1", 2), ("m2", 1), ("m3", 0), ("mz", 0)]
    bad = runner.invoke(app, ["gaps", "--territory", "RU-NOWHERE"])
    assert bad.exit_code == 1
    assert "no territory has the id 'RU-NOWHERE'" in bad.output
    assert "Traceback" not in bad.output


# -- who could take each gap (--candidates) ---------------------------------------------------
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
