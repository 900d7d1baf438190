"""The dashboard's content: indicators per district with their change, and the gap lists."""

from __future__ import annotations

import io
import threading
import time
import weakref
from dataclasses import dataclass, field

from graph.errors import NodeNotFound
from graph.model.base import NodeRecord
from graph.queries.gaps import GapKind, gap_report
from graph.queries.indicators import INDICATORS as COMPUTED
from graph.queries.indicators import indicators
from graph.queries.nodes import title_of
from graph.queries.plan import best_candidates, candidates
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import low_results_support
from graph.spreadsheet import xlsx_row
from graph.store.base import Store
from viz.period import PeriodSpan, data_period, parse_period, period_ru
from viz.words import INDICATOR_NAMES

__all__ = [
    "GAPS",
    "INDICATORS",
    "Dashboard",
    "DashboardCache",
    "GapItem",
    "GapList",
    "IndicatorColumn",
    "IndicatorRow",
    "dashboard",
    "gaps_xlsx",
]


@dataclass(frozen=True)
class IndicatorColumn:
    """An indicator as a dashboard column: a short Russian name; shares shown in per cent."""

    code: str
    name: str
    percent: bool


# Short headers for the table (viz.words); the regulation's full wording is the tooltip.
_SHORT = INDICATOR_NAMES
INDICATORS: list[IndicatorColumn] = [
    IndicatorColumn(code, _SHORT.get(code, d.title), d.unit == "share")
    for code, d in COMPUTED.items()
]

GAPS: dict[str, str] = {
    "unsupported_low_results_school": "ШНОР без адресной поддержки",
    "mismatched_low_results_school": "ШНОР с поддержкой не по тем предметам",
    GapKind.methodist_over_load.value: "Перегруженные методисты",
    GapKind.deficit_without_route.value: "Педагоги с дефицитами без ИОМ",
    GapKind.teacher_without_methodist.value: "Педагоги без закреплённого методиста",
    GapKind.young_specialist_without_support.value: "Молодые педагоги без поддержки",
    GapKind.school_without_methodological_service.value: "ОО без методической службы",
    GapKind.district_without_methodist_pool.value: "Районы без методического актива",
    GapKind.subject_without_methodist.value: "Предметы без методиста",
}


@dataclass
class IndicatorRow:
    """One district (or the whole territory): each indicator's value, previous value, change,
    shares already in per cent and changes in percentage points."""

    territory_id: str
    name: str
    values: dict[str, tuple[float | None, float | None, float | None]]
    total: bool = False


@dataclass
class GapItem:
    node_id: str
    name: str
    territory: str
    detail: str
    candidate: str = ""  # who could take it: the best candidate and why (empty: no plan does)


@dataclass
class GapList:
    """A card and its table; ``previous`` is the count in the period before, when known."""

    code: str
    name: str
    items: list[GapItem] = field(default_factory=list)
    previous: int | None = None

    @property
    def trend(self) -> int | None:
        """The change of the count since the previous period (``None``: not known)."""
        return None if self.previous is None else len(self.items) - self.previous


@dataclass
class Dashboard:
    """Everything the dashboard page shows, for one territory and period."""

    territory: NodeRecord
    period: PeriodSpan
    previous: PeriodSpan
    rows: list[IndicatorRow]
    gaps: list[GapList]
    periods: list[str]
    load_norm: int
    titles: dict[str, str] = field(default_factory=dict)  # indicator code → regulation wording


def dashboard(store: Store, territory_id: str, period: str | None = None, *,
              load_norm: int = 25, scope: Scope = EVERYTHING) -> Dashboard:
    """Indicators per district of ``territory_id`` for ``period`` and the one before, with gaps.

    The numbers come from :func:`graph.queries.indicators.indicators`, the lists from
    :func:`graph.queries.gaps.gap_report` and :func:`graph.queries.support.low_results_support`,
    each within the caller's ``scope``; a territory outside it is refused as an unknown one.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> d = dashboard(s, "RU-LEN", "2025-H1")
    >>> d.previous.code, [r.name for r in d.rows], sum(len(g.items) for g in d.gaps)
    ('2024-H2', ['Итого: Ленинградская область'], 0)
    """
    territory = store.get_node(territory_id)
    if territory is None or territory.label not in ("Region", "Municipality") or \
            not scope.expanded(store).allows(territory_id):
        raise NodeNotFound(f"no region or municipality has the id {territory_id!r} / "
                           f"территория {territory_id!r} не найдена")
    span = parse_period(period or data_period(store))
    prev = span.previous()
    values = indicators(store, territory_id=territory_id, period=span.code,
                        compare_to=prev.code, by_district=True, scope=scope)
    names = {territory_id: f"Итого: {title_of(territory)}"}
    names |= {m.id: title_of(m) for m in store.nodes("Municipality", where={
        "region_id": territory_id})}
    rows: dict[str, IndicatorRow] = {}
    for v in values:
        where = v.territory_id or territory_id
        row = rows.setdefault(where, IndicatorRow(where, names.get(where, where), {},
                                                  total=where == territory_id))
        scale = 100.0 if v.unit == "share" else 1.0
        row.values[v.code] = (_scaled(v.value, scale), _scaled(v.previous_value, scale),
                              _scaled(v.change, scale))
    ordered = sorted(rows.values(), key=lambda r: (r.total, r.name))
    if territory.label == "Municipality":
        ordered = [r for r in ordered if r.territory_id == territory_id]
        ordered[0].total = False
        ordered[0].name = title_of(territory)
    assessed = {str(a.props.get("period")) for a in store.nodes("Assessment")}
    periods = sorted(assessed | {span.code, prev.code}, key=lambda p: parse_period(p).end)
    places = _place_names(store)
    gaps = _gaps(store, territory_id, span.code, load_norm, scope, places)
    if prev.code in assessed:  # a trend only against a period monitoring covered
        before = _low_results_lists(store, territory_id, prev.code, scope, places)
        for gap, old in zip(gaps, before, strict=False):
            gap.previous = len(old.items)
    return Dashboard(territory, span, prev, ordered, gaps, periods,
                     load_norm,
                     {v.code: v.title for v in values})


class DashboardCache:
    """Dashboards already computed, so a coordinator opening one does not wait twice.

    An entry stays valid while the store's :attr:`~graph.store.base.Store.revision` is
    unchanged (both stores tell it; on Neo4j it costs one short read); a store that cannot
    tell its revision keeps entries for ``ttl`` seconds.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> cache = DashboardCache()
    >>> cache.get(s, "RU-LEN", "2025-H1") is cache.get(s, "RU-LEN", "2025-H1")
    True
    """

    def __init__(self, ttl: float = 300.0) -> None:
        self.ttl = ttl
        # Per store object (an analyst's pseudonymised view is another object than the store
        # it wraps), held weakly: a store gone takes its entries along, and a new one can never
        # be served an old one's answers, whatever ``id()`` it gets.
        self._entries: weakref.WeakKeyDictionary[
            Store, dict[tuple[object, ...], tuple[float, Dashboard]]
        ] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: Store, territory_id: str, period: str | None = None, *,
            load_norm: int = 25, scope: Scope = EVERYTHING) -> Dashboard:
        revision = store.revision
        key = (id(store), revision, territory_id, period, load_norm, scope)
        with self._lock:
            hit = self._entries.get(store, {}).get(key)
        if hit is not None and (revision is not None or time.monotonic() - hit[0] < self.ttl):
            return hit[1]
        board = dashboard(store, territory_id, period, load_norm=load_norm, scope=scope)
        with self._lock:
            # Entries of the store's older revisions can never be asked for again.
            mine = {k: v for k, v in self._entries.get(store, {}).items() if k[0] == revision}
            mine[key] = (time.monotonic(), board)
            self._entries[store] = mine
        return board


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else round(value * scale, 1)


def _place_names(store: Store) -> dict[str, str]:
    """Territory id → its Russian name, so no table shows ``RU-LEN-tosnensky``."""
    return {n.id: title_of(n) for label in ("Region", "Municipality")
            for n in store.nodes(label)}


def _low_results_lists(store: Store, territory_id: str, period: str, scope: Scope,
                       places: dict[str, str]) -> list[GapList]:
    """The problems first: flagged schools nobody supports, then those supported in other
    subjects than the ones their results are low in."""
    support = low_results_support(store, period=period, territory_id=territory_id, scope=scope)
    when = period_ru(period)
    unsupported = GapList("unsupported_low_results_school",
                          GAPS["unsupported_low_results_school"])
    mismatched = GapList("mismatched_low_results_school", GAPS["mismatched_low_results_school"])
    for s in support.schools:
        place = places.get(s.territory_id or "", "")
        if not s.supported:
            unsupported.items.append(GapItem(
                s.school_id, s.school_title, place,
                f"ШНОР, {when}: {', '.join(s.low_subjects) or 'все предметы'}; "
                "нет адресной поддержки"))
        elif s.uncovered_subjects:
            covered = ", ".join(s.covered_subjects) or "без указания предмета"
            mismatched.items.append(GapItem(
                s.school_id, s.school_title, place,
                f"ШНОР, {when}: низкие результаты — {', '.join(s.low_subjects)}; "
                f"поддержка — {covered}; без поддержки — {', '.join(s.uncovered_subjects)}"))
    return [unsupported, mismatched]


def _gaps(store: Store, territory_id: str, period: str, load_norm: int, scope: Scope,
          places: dict[str, str] | None = None) -> list[GapList]:
    places = _place_names(store) if places is None else places
    out = _low_results_lists(store, territory_id, period, scope, places)
    report = gap_report(store, territory_id=territory_id, period=period, norm=load_norm,
                        scope=scope)
    for kind, gaps in report.gaps.items():
        items = [GapItem(g.node_id, g.title + (f" — {g.subject}" if g.subject and
                                               g.label != "Person" else ""),
                         places.get(g.territory_id or "", ""), g.reason_ru) for g in gaps]
        out.append(GapList(kind.value, GAPS.get(kind.value, kind.value), items))
    _who_could(store, territory_id, period, load_norm, scope, out)
    return out


_PLANNED = {"unsupported_low_results_school": "low_results_school",
            "mismatched_low_results_school": "low_results_school"}


def _who_could(store: Store, territory_id: str, period: str, load_norm: int, scope: Scope,
               lists: list[GapList]) -> None:
    """Fill each row's «кто мог бы взять»: the best candidate of each of its gaps, and why
    (:func:`graph.queries.plan.candidates`, as the caller sees them)."""
    best = best_candidates(candidates(store, territory_id, period, scope=scope,
                                      norm=load_norm))
    for gap in lists:
        kind = _PLANNED.get(gap.code, gap.code)
        for item in gap.items:
            item.candidate = best.get((kind, item.node_id), "")


def gaps_xlsx(board: Dashboard, base_url: str | None = None) -> bytes:
    """The gap report as an XLSX workbook: one sheet of indicators, one sheet per gap list.

    Rows name things and territories, never their ids; with ``base_url`` (the app's address)
    each row links to its place in the network view, in the board's period."""
    from urllib.parse import quote

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Показатели"
    ws.append(xlsx_row(ws, [f"{title_of(board.territory)}: {period_ru(board.period.code)} "
                            f"(предыдущий период — {period_ru(board.previous.code)})"]))
    header = ["Территория"]
    for ind in INDICATORS:
        unit = ", %" if ind.percent else ""
        header += [ind.name + unit, f"{period_ru(board.previous.code)}{unit}",
                   "Изменение" + (", п.п." if ind.percent else "")]
    ws.append(xlsx_row(ws, header))
    for row in board.rows:
        line: list[object] = [row.name]
        for ind in INDICATORS:
            line += list(row.values.get(ind.code, (None, None, None)))
        ws.append(xlsx_row(ws, line))
    for gap in board.gaps:
        sheet = wb.create_sheet(gap.name[:31])
        sheet.append(xlsx_row(sheet, [f"{gap.name}: {len(gap.items)}"]))
        sheet.append(xlsx_row(sheet, ["Название", "Территория", "Причина"] +
                              (["Сеть"] if base_url else []) + ["Кто мог бы взять"]))
        for item in gap.items:
            sheet.append(xlsx_row(sheet, [item.name, item.territory, item.detail] +
                                  (["открыть в сети"] if base_url else []) +
                                  [item.candidate]))
            if base_url:
                link = sheet.cell(row=sheet.max_row, column=4)
                link.hyperlink = (f"{base_url.rstrip('/')}/network/focus/"
                                  f"{quote(item.node_id, safe='')}?period={board.period.code}"
                                  "&depth=1")
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
