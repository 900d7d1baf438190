"""Malformed and hostile files give the problem report, never a traceback: XXE and entity bombs,
zip bombs, truncated or foreign files, undecodable bytes; and `validate` shows escapes, never
runs them."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset import read_dataset

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidBatch) as info:
        read_dataset(path)
    return info.value.problems


def workbook(path: Path) -> Path:
    """A valid one-sheet workbook (``people``) with one person."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "people"
    ws.append(["id", "full_name"])
    ws.append(["p1", "Иванова Ирина"])
    wb.save(path)
    return path


def replace_part(path: Path, name: str, data: bytes) -> Path:
    """The workbook with one part replaced (or added)."""
    out = path.with_name("hostile-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != name:
                dst.writestr(item, src.read(item.filename))
        dst.writestr(name, data)
    return out


def sheet_xml(doctype: str, cell: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{SHEET_NS}">'
            f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
            f'<c r="B1" t="inlineStr"><is><t>full_name</t></is></c></row>'
            f'<row r="2"><c r="A2" t="inlineStr"><is><t>p1</t></is></c>'
            f'<c r="B2" t="inlineStr"><is><t>{cell}</t></is></c></row></sheetData>'
            f'</worksheet>').encode()


def test_a_valid_workbook_still_loads(tmp_path: Path) -> None:
    batch = read_dataset(workbook(tmp_path / "ok.xlsx"))
    assert batch.nodes["p1"].props["full_name"] == "Иванова Ирина"


def test_xxe_workbook_does_not_read_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    book = replace_part(workbook(tmp_path / "b.xlsx"), "xl/worksheets/sheet1.xml",
                        sheet_xml(doctype, "&xxe;"))
    problems = problems_of(book)
    assert problems and all("TOP-SECRET" not in str(p) for p in problems)
    assert any("DTD" in p.message for p in problems)


def test_billion_laughs_workbook_is_refused_quickly(tmp_path: Path) -> None:
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    book = replace_part(workbook(tmp_path / "b.xlsx"), "xl/worksheets/sheet1.xml",
                        sheet_xml(f"<!DOCTYPE worksheet [{entities}]>", "&l9;"))
    started = time.perf_counter()
    problems = problems_of(book)
    assert time.perf_counter() - started < 2
    assert any("DTD" in p.message or "entities" in p.message for p in problems)


def test_a_300_mb_string_in_a_small_workbook_is_refused_without_reading_it(
        tmp_path: Path) -> None:
    book = workbook(tmp_path / "b.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item.filename))
        head, _, tail = sheet_xml("", "@@").partition(b"@@")
        with dst.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(head)
            chunk = b"A" * (1024 * 1024)
            for _ in range(300):
                part.write(chunk)
            part.write(tail)
    assert bomb.stat().st_size < 1024 * 1024  # ~300 KB on disk
    tracemalloc.start()
    try:
        problems = problems_of(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    (problem,) = problems
    assert problem.where == "bomb.xlsx" and "refused" in problem.message
    assert "отклонена" in problem.message_ru


@pytest.mark.parametrize(("name", "content"), [
    ("not-a-zip.xlsx", "id,full_name\np1,Иванова\n".encode()),
    ("empty.xlsx", b""),
    ("pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
])
def test_a_file_that_is_not_a_workbook_is_a_problem(tmp_path: Path, name: str,
                                                    content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    (problem,) = problems_of(tmp_path / name)
    assert problem.where == name and "not an XLSX workbook" in problem.message


def test_a_truncated_workbook_is_a_problem(tmp_path: Path) -> None:
    data = workbook(tmp_path / "b.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    (problem,) = problems_of(tmp_path / "cut.xlsx")
    assert problem.where == "cut.xlsx"


def test_another_zip_renamed_to_xlsx_is_a_problem(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    (problem,) = problems_of(tmp_path / "doc.xlsx")
    assert "no workbook" in problem.message


def test_a_damaged_sheet_is_a_problem_naming_the_sheet(tmp_path: Path) -> None:
    book = replace_part(workbook(tmp_path / "b.xlsx"), "xl/worksheets/sheet1.xml",
                        b"<worksheet><sheetData><row r='1'><c r='A1'")
    problems = problems_of(book)
    assert problems and all(isinstance(p, Problem) for p in problems)


@pytest.mark.parametrize("content", [
    b"id,full_name\np1,\x98\x98\x98\n",  # 0x98 is no character in Windows-1251
    b"\x98\x98id,full_name\n",
    bytes(range(256)) * 20,  # a binary file named .csv
])
def test_undecodable_csv_bytes_are_a_problem(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "people.csv").write_bytes(content)
    problems = problems_of(tmp_path)
    assert problems and all(p.where == "people.csv" for p in problems)


def test_validate_prints_escapes_not_raw_control_characters(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "id,full_name,x\x1b[2J\x1b]0;owned\x07\np1,Иванова\x1b[31m,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    output = result.output
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b" in output


def test_a_hostile_workbook_through_the_cli_is_a_report_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "b.xlsx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "not an XLSX workbook" in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                     SystemExit)
