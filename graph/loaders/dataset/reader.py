"""Reading a dataset's tables from a folder of CSV files or one XLSX workbook, as text cells."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import re
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from graph.errors import MethodnetError, Problem
from graph.loaders.dataset.columns import SHEETS
from graph.model.limits import (
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_PART_BYTES,
    MAX_WORKBOOK_RATIO,
    printable,
)
from graph.spreadsheet import unescape_csv_cell

__all__ = ["META_FILE", "META_SHEET", "Table", "is_ignored", "read_meta_raw", "read_tables",
           "sniff_separator", "xlsx_cell"]

META_FILE = "dataset.json"
META_SHEET = "dataset"
_SNIFF_BYTES = 64 * 1024


@dataclass
class Table:
    """One file or sheet: its headers and its rows as text, numbered as a spreadsheet shows them
    (the header is row 1). ``rows`` is read lazily, once."""

    name: str  # the sheet it is (``people``)
    where: str  # how problems name it (``people.csv``, ``book.xlsx:people``)
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    list_seps: str  # what separates the items of a list in a cell


def is_ignored(stem: str) -> bool:
    """Files, sheets and columns starting with ``_`` or ``x_`` are the user's own: not read.

    >>> is_ignored("_notes"), is_ignored("x_comment"), is_ignored("people")
    (True, True, False)
    """
    return stem.startswith("_") or stem.casefold().startswith("x_")


def read_tables(path: Path, problems: list[Problem]) -> Iterator[Table]:
    """The tables of a dataset, in the order of :data:`SHEETS`; files or sheets that are not
    part of the format are added to ``problems``. Consume each table's rows before the next."""
    if path.is_dir():
        yield from _csv_folder(path, problems)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _workbook(path, problems)
    elif path.suffix.lower() == ".csv":
        yield from _csv_files([path], problems)
    else:
        raise MethodnetError(f"{path} is neither a folder of CSV files nor an .xlsx workbook")


def read_meta_raw(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str]:
    """The raw content of ``dataset.json`` (or the workbook's ``dataset`` sheet) and its name."""
    if path.is_dir():
        file = path / META_FILE
        if not file.exists():
            return {}, META_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            problems.append(Problem(f"{META_FILE} is not valid JSON: {e}", META_FILE, None, None,
                                    f"{META_FILE} — некорректный JSON: {e}"))
            return {}, META_FILE
        if not isinstance(data, dict):
            problems.append(Problem(f"{META_FILE} must hold one JSON object", META_FILE, None,
                                    None, f"{META_FILE} должен содержать один объект JSON"))
            return {}, META_FILE
        return data, META_FILE
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        wb = _open_workbook(path, problems)
        if wb is None:
            return {}, META_FILE
        where = f"{path.name}:{META_SHEET}"
        try:
            for ws in wb.worksheets:
                if ws.title.strip().casefold() == META_SHEET:
                    # A two-column sheet: key | value; a header row ``key | value`` is skipped.
                    out: dict[str, Any] = {}
                    for cells in ws.iter_rows(values_only=True):
                        key, value = [*cells, None, None][:2]
                        name = xlsx_cell(key).strip()
                        if name and name.casefold() not in ("key", "параметр"):
                            out[name] = xlsx_cell(value)
                    return out, where
        except Exception as e:  # a damaged or hostile part: see _damaged
            _add(problems, _damaged(where, e))
        finally:
            wb.close()
    return {}, META_FILE


# -- CSV -------------------------------------------------------------------------------------


def _csv_folder(folder: Path, problems: list[Problem]) -> Iterator[Table]:
    found: list[Path] = []
    for file in sorted(folder.iterdir()):
        if not file.is_file() or file.suffix.lower() != ".csv" or file.name.startswith("."):
            continue  # README, dataset.json, the user's other files: not tables
        stem = file.stem.strip().casefold()
        if is_ignored(stem):
            continue
        if stem not in SHEETS:
            problems.append(_unknown_table(file.name, stem))
            continue
        found.append(file)
    yield from _csv_files(found, problems)


def _csv_files(files: list[Path], problems: list[Problem]) -> Iterator[Table]:
    order = list(SHEETS)
    for file in sorted(files, key=lambda f: order.index(f.stem.strip().casefold())
                       if f.stem.strip().casefold() in SHEETS else len(order)):
        stem = file.stem.strip().casefold()
        if stem not in SHEETS:
            problems.append(_unknown_table(file.name, stem))
            continue
        encoding = _encoding(file)
        try:
            with open(file, encoding=encoding, newline="") as fh:
                sep = sniff_separator(fh.readline(_SNIFF_BYTES))
        except UnicodeDecodeError:
            problems.append(Problem(
                "the file is neither UTF-8 nor Windows-1251 text; save it as «CSV UTF-8»",
                file.name, 1, None,
                "файл не является текстом в UTF-8 или Windows-1251; сохраните как «CSV UTF-8»"))
            continue
        rows = _csv_rows(file, encoding, sep, problems)
        headers = next(rows, (1, []))[1]
        yield Table(stem, file.name, headers, rows, "|;" if sep != ";" else "|")
        rows.close()  # the file is closed even if the table was not read to its end


def _encoding(file: Path) -> str:
    """UTF-8 (with or without BOM); Windows-1251 when the start of the file is not UTF-8, as
    Russian Excel's plain "CSV" is."""
    with open(file, "rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8-sig"


def sniff_separator(header_line: str) -> str:
    """The separator of a CSV file, from its header line: ``;``, tab or ``,``.

    >>> sniff_separator("id;ФИО;Предметы"), sniff_separator("id,full_name")
    (';', ',')
    """
    counts: dict[str, int] = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] > 0 else ","


def _csv_rows(file: Path, encoding: str, sep: str,
              problems: list[Problem]) -> Generator[tuple[int, list[str]], None, None]:
    with open(file, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=sep)
        number = 0
        try:
            for number, cells in enumerate(reader, start=1):
                # What escape_csv_cell did to keep a cell from running as a formula, undone.
                yield number, cells if number == 1 else [unescape_csv_cell(c) for c in cells]
        except UnicodeDecodeError:
            problems.append(Problem(
                "the file is not UTF-8 after this row; save it as «CSV UTF-8»",
                file.name, number + 1, None,
                "файл не в кодировке UTF-8 после этой строки; сохраните как «CSV UTF-8»"))
        except csv.Error as e:
            problems.append(Problem(f"the CSV cannot be read: {e}", file.name, number + 1, None,
                                    f"CSV не читается: {e}"))


# -- XLSX ------------------------------------------------------------------------------------


def _workbook(path: Path, problems: list[Problem]) -> Iterator[Table]:
    wb = _open_workbook(path, problems)
    if wb is None:
        return
    try:
        sheets = {}
        for ws in wb.worksheets:
            title = ws.title.strip().casefold()
            if title == META_SHEET or is_ignored(title):
                continue
            if title not in SHEETS:
                problems.append(_unknown_table(f"{path.name}:{ws.title}", title))
                continue
            sheets[title] = ws
        for name in SHEETS:
            if name not in sheets:
                continue
            where = f"{path.name}:{sheets[name].title}"
            rows = _sheet_rows(sheets[name], where, problems)
            headers = next(rows, (1, []))[1]
            yield Table(name, where, headers, rows, "|;")
            rows.close()
    finally:
        wb.close()


def _sheet_rows(ws: Any, where: str,
                problems: list[Problem]) -> Generator[tuple[int, list[str]], None, None]:
    number = 0
    try:
        for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, [xlsx_cell(c) for c in cells]
    except Exception as e:  # a damaged or hostile sheet: see _damaged
        _add(problems, _damaged(where, e, number + 1))


def _open_workbook(path: Path, problems: list[Problem]) -> Any:
    """The workbook opened read-only, or ``None`` with a problem when it is not a workbook, is
    damaged, or declares more than the limits let unpack (checked before anything is unpacked).
    openpyxl parses its XML with defusedxml: no external entities, no entity expansion."""
    problem = _workbook_problem(path)
    if problem is not None:
        _add(problems, problem)
        return None
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        _add(problems, _damaged(path.name, e))
        return None


def _workbook_problem(path: Path) -> Problem | None:
    name = path.name
    if not zipfile.is_zipfile(path):
        return Problem(
            "not an XLSX workbook: the file is not a zip archive (damaged, cut short, or another "
            "format renamed to .xlsx); save it from Excel as «Книга Excel (.xlsx)»", name, None,
            None, "это не книга XLSX: файл повреждён, обрезан или это другой формат с "
                  "расширением .xlsx; сохраните его в Excel как «Книга Excel (.xlsx)»")
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return _damaged(name, e)
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return Problem(
            "not an XLSX workbook: the archive has no workbook in it (an .ods, .docx or another "
            "zip renamed to .xlsx?)", name, None, None,
            "это не книга XLSX: в архиве нет книги Excel (файл .ods, .docx или другой архив?)")
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_WORKBOOK_PART_BYTES or (
                part.file_size > 1024 * 1024 and ratio > MAX_WORKBOOK_RATIO):
            return _too_big(name, f"its part {part.filename} unpacks to {part.file_size:,} bytes "
                                  f"from {part.compress_size:,}",
                            f"часть {part.filename} распаковывается в {part.file_size:,} байт "
                            f"из {part.compress_size:,}")
    if total > MAX_WORKBOOK_BYTES:
        return _too_big(name, f"it unpacks to {total:,} bytes", f"она распаковывается в "
                                                                 f"{total:,} байт")
    return None


def _too_big(where: str, detail: str, detail_ru: str) -> Problem:
    return Problem(
        f"the workbook is refused: {detail} (at most {MAX_WORKBOOK_PART_BYTES:,} bytes a part, "
        f"{MAX_WORKBOOK_BYTES:,} in all, {MAX_WORKBOOK_RATIO} times the packed size); split it "
        "or load CSV files", where, None, None,
        f"книга отклонена: {detail_ru}; это больше допустимого — разделите книгу или загрузите "
        "CSV-файлы")


def _damaged(where: str, error: Exception, row: int | None = None) -> Problem:
    """A workbook or sheet that cannot be read: damaged, or XML with a DTD or entities."""
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and cause not in chain:  # openpyxl wraps what the parser raised
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, DefusedXmlException) for c in chain):
        return Problem(
            "the workbook's XML declares a DTD or entities, which are refused (external "
            "entities read local files, nested ones are a bomb)", where, row, None,
            "XML книги содержит DTD или сущности — такие книги не принимаются")
    # The first line only, without the folder the file is in.
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    detail = printable(re.sub(r"\S*/(?=[^/\s]+)", "", first))[:200]
    return Problem(f"the workbook cannot be read: {detail}", where, row, None,
                   f"книгу не удаётся прочитать (файл повреждён): {detail}")


def _add(problems: list[Problem], problem: Problem) -> None:
    if problem not in problems:  # the dataset sheet and the tables open the same workbook
        problems.append(problem)


def xlsx_cell(value: Any) -> str:
    """A workbook cell as the text a CSV would hold.

    >>> xlsx_cell(dt.datetime(2025, 9, 1)), xlsx_cell(36.0), xlsx_cell(None), xlsx_cell(True)
    ('2025-09-01', '36', '', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unknown_table(where: str, stem: str) -> Problem:
    return Problem(
        f"'{stem}' is not a sheet of the dataset format (known: {', '.join(SHEETS)}); "
        "prefix its name with _ or x_ to keep it out of loading",
        where, None, None,
        f"«{stem}» — неизвестный лист (файл) формата; чтобы он не загружался, начните имя с _ "
        "или x_",
    )
