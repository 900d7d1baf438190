"""The gap report as an XLSX a coordinator can use: a summary first, then a sheet per list."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from graph.queries.nodes import title_of
from graph.spreadsheet import xlsx_row
from viz.dashboard import CARDS, INDICATORS, Dashboard, GapList
from viz.home import with_period
from viz.period import period_ru

__all__ = ["SHEETS", "SHEET_LIMIT", "gaps_xlsx"]

SHEET_LIMIT = 31
"""The most characters Excel allows in a sheet's name."""

SUMMARY, INDICATOR_SHEET, DISTRICT_SHEET = "Сводка", "Показатели", "Пробелы по районам"
SHEETS: list[str] = [SUMMARY, *(c.sheet for c in CARDS), DISTRICT_SHEET, INDICATOR_SHEET]
"""Every sheet of the workbook, in order: complete short names, none cut to fit."""

_WIDE = 70  # the width of a column of sentences (reasons, what a list counts), wrapped
_LINK = "открыть"


def gaps_xlsx(board: Dashboard, base_url: str | None = None) -> bytes:
    """The dashboard's gap lists as an XLSX workbook.

    The first sheet sums up every list (its count, the previous period's, the change, what it
    counts) and links to the list's sheet; then one sheet per list, the gaps per district and
    the indicators. Each sheet has its header row frozen, a filter and columns sized to their
    text; rows name things and districts, never their ids, with reasons in words. With
    ``base_url`` (the app's address) each row links to its place in the app, in the board's
    period. Every text goes through :func:`graph.spreadsheet.xlsx_row`, so none is a formula.

    >>> from openpyxl import load_workbook
    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> from viz.dashboard import dashboard
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> wb = load_workbook(io.BytesIO(gaps_xlsx(dashboard(s, "RU-LEN", "2025-H1"))))
    >>> wb.sheetnames[:3], wb.sheetnames == SHEETS
    (['Сводка', 'ШНОР без поддержки', 'ШНОР, поддержка не по предметам'], True)
    """
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = SUMMARY
    place, when = title_of(board.territory), period_ru(board.period.code)
    before = period_ru(board.previous.code)
    url = _url(base_url)
    _head(summary, f"Пробелы в покрытии: {place}, {when}; сравнение — с периодом «{before}»",
          ["Список", "Сколько", f"Было ({before})", "Изменение", "Что считается", "Лист",
           "На панели"])
    for card, gap in zip(CARDS, board.gaps, strict=True):
        change = gap.trend
        summary.append(xlsx_row(summary, [
            gap.name, len(gap.items), gap.previous,
            "нет сравнения" if change is None else change,
            gap.counts + (f"; {gap.note}" if gap.note else ""), card.sheet,
            _LINK if url else None]))
        row = summary.max_row
        _internal_link(summary.cell(row=row, column=6), card.sheet)
        if url:
            _link(summary.cell(row=row, column=7),
                  url(with_period("/dashboard", board.period.code,
                                  territory=board.territory.id) + f"#gap-{gap.code}"))
    _finish(summary, wide={5})
    for card, gap in zip(CARDS, board.gaps, strict=True):
        _gap_sheet(wb.create_sheet(card.sheet), gap, board, url)
    _district_sheet(wb.create_sheet(DISTRICT_SHEET), board)
    _indicator_sheet(wb.create_sheet(INDICATOR_SHEET), board)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _url(base_url: str | None) -> Any:
    if not base_url:
        return None
    base = base_url.rstrip("/")
    return lambda path: base + path


def _head(ws: Any, title: str, header: Sequence[str]) -> None:
    """The sheet's title row, then its header row (bold)."""
    from openpyxl.styles import Font

    ws.append(xlsx_row(ws, [title]))
    ws.append(xlsx_row(ws, list(header)))
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    for cell in ws[2]:
        cell.font = Font(bold=True)


def _gap_sheet(ws: Any, gap: GapList, board: Dashboard, url: Any) -> None:
    header = ["Название", "Район", "Подробности", *gap.columns, "Сеть"]
    _head(ws, f"{gap.name}: {len(gap.items)} ({period_ru(board.period.code)}). "
              f"Что считается: {gap.counts}" + (f"; {gap.note}" if gap.note else ""), header)
    link_column = len(header)
    for item in gap.items:
        ws.append(xlsx_row(ws, [item.name, item.territory, item.detail,
                                *(item.extra.get(c, "") for c in gap.columns),
                                _LINK if url else None]))
        if url:
            _link(ws.cell(row=ws.max_row, column=link_column),
                  url(with_period(item.link, board.period.code)))
    _finish(ws, wide={3})


def _district_sheet(ws: Any, board: Dashboard) -> None:
    _head(ws, f"Пробелы по районам: {title_of(board.territory)}, "
              f"{period_ru(board.period.code)}", ["Район", *(g.name for g in board.gaps)])
    counts = [g.by_district() for g in board.gaps]
    for did, name in board.districts:
        ws.append(xlsx_row(ws, [name, *(c.get(did, 0) for c in counts)]))
    _finish(ws, header_width=18)


def _indicator_sheet(ws: Any, board: Dashboard) -> None:
    before = period_ru(board.previous.code)
    header = ["Территория"]
    for ind in INDICATORS:
        unit = ", %" if ind.percent else ""
        header += [ind.name + unit, f"{ind.name}: {before}{unit}",
                   f"{ind.name}: изменение" + (", п.п." if ind.percent else "")]
    _head(ws, f"Показатели: {title_of(board.territory)}, {period_ru(board.period.code)} "
              f"(предыдущий период — {before})", header)
    for row in board.rows:
        line: list[object] = [row.name]
        for ind in INDICATORS:
            line += list(row.values.get(ind.code, (None, None, None)))
        ws.append(xlsx_row(ws, line))
    _finish(ws, header_width=18)


def _link(cell: Any, target: str) -> None:
    """A hyperlink to a page of the app: a link, not a ``HYPERLINK`` formula."""
    cell.hyperlink = target
    cell.style = "Hyperlink"


def _internal_link(cell: Any, sheet: str) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A1")
    cell.style = "Hyperlink"


def _finish(ws: Any, *, wide: set[int] | None = None, header_width: int | None = None) -> None:
    """Header frozen, a filter over the table, columns as wide as their text (sentences wrap)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "B3" if header_width else "A3"
    last = get_column_letter(ws.max_column)
    ws.auto_filter.ref = f"A2:{last}{max(ws.max_row, 2)}"
    wide = wide or set()
    for index, column in enumerate(ws.iter_cols(min_row=2), start=1):
        letter = get_column_letter(index)
        if index in wide:
            ws.column_dimensions[letter].width = _WIDE
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            continue
        texts = [str(c.value) for c in column[1:] if c.value is not None]
        longest = max((len(t) for t in texts), default=0)
        head = len(str(column[0].value or ""))
        if header_width and index > 1:  # many long headers: wrapped, the numbers are short
            column[0].alignment = Alignment(wrap_text=True, vertical="top")
            head = min(head, header_width)
        ws.column_dimensions[letter].width = min(max(longest, head, 8) + 2, _WIDE)
