"""The dashboard's content: indicators per district with their change, and the gap lists."""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from graph.errors import NodeNotFound
from graph.model.base import NodeRecord
from graph.queries.area import Area
from graph.queries.gaps import Gap, GapKind, gap_report, teachers_needing_methodist
from graph.queries.indicators import INDICATORS as COMPUTED
from graph.queries.indicators import indicators
from graph.queries.nodes import title_of
from graph.queries.picture import assessed_periods, node_of, place_names
from graph.queries.plan import PlanGapKind, best_candidates, candidates
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import low_results_support
from graph.rules import DEFAULT_LOAD_NORM
from graph.store.base import Store
from viz.period import PeriodSpan, data_period, parse_period, period_ru
from viz.words import INDICATOR_NAMES, school_name

__all__ = [
    "CARDS",
    "GAPS",
    "INDICATORS",
    "MAX_ROWS",
    "Dashboard",
    "DashboardCache",
    "GapCard",
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

@dataclass(frozen=True)
class GapCard:
    """A kind of gap as the dashboard shows it: the card's title, what it counts, and the name of
    its XLSX sheet (Excel allows 31 characters: a complete short name, never a cut one)."""

    code: str
    name: str
    counts: str
    sheet: str


CARDS: list[GapCard] = [
    GapCard("unsupported_low_results_school", "ШНОР без адресной поддержки",
            "школы с низкими результатами в периоде, которым никто не оказывает адресной "
            "поддержки: ни методист, ни организация, ни сообщество", "ШНОР без поддержки"),
    GapCard("mismatched_low_results_school", "ШНОР с поддержкой не по тем предметам",
            "школы с низкими результатами, которые поддерживают, но не по всем предметам, "
            "по которым результаты низкие", "ШНОР, поддержка не по предметам"),
    GapCard(GapKind.deficit_without_route.value, "Педагоги с дефицитами без ИОМ",
            "педагоги с профессиональными дефицитами, выявленными к концу периода, у которых "
            "нет действующего индивидуального образовательного маршрута", "Дефициты без ИОМ"),
    GapCard(GapKind.teacher_without_methodist.value, "Педагоги с дефицитами или молодые "
            "без методиста",
            "педагоги, за которыми не закреплён методист, — только те, у кого есть "
            "профессиональные дефициты, и молодые педагоги", "Педагоги без методиста"),
    GapCard(GapKind.young_specialist_without_support.value, "Молодые педагоги без поддержки",
            "молодые педагоги (до 35 лет, первые три года работы) без наставника, методиста "
            "и тьютора и не в Школе молодого педагога", "Молодые педагоги без поддержки"),
    GapCard(GapKind.methodist_over_load.value, "Перегруженные методисты",
            "методисты, за которыми закреплено больше педагогов, чем норма нагрузки",
            "Перегруженные методисты"),
    GapCard(GapKind.subject_without_methodist.value, "Предметы без методиста",
            "пары «район — предмет»: у педагогов района есть дефициты по предмету, а методиста "
            "по нему в районе нет", "Предметы без методиста"),
    GapCard(GapKind.district_without_methodist_pool.value, "Районы без методического актива",
            "районы без муниципального методического актива или с активом без участников",
            "Районы без методического актива"),
    GapCard(GapKind.school_without_methodological_service.value, "ОО без методической службы",
            "образовательные организации без своей методической службы и без методического "
            "совета", "ОО без методической службы"),
]
"""The dashboard's cards, problems first: the low-results schools, then the other gaps."""

GAPS: dict[str, str] = {c.code: c.name for c in CARDS}
"""A gap list's code → its card's title."""

MAX_ROWS = 2000
"""The most rows of one list a dashboard page holds (sorted, filtered and paged in the
browser); longer lists are complete in the XLSX."""


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
    """One row of a gap list: what is missing something, named, with its district and the
    reason in words; ``link`` is the path of its network view (the period is added by the page);
    ``extra`` holds the values of a list's extra columns, by column title."""

    node_id: str
    name: str
    territory_id: str | None
    territory: str
    detail: str
    link: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class GapList:
    """A card and its table; ``previous`` is the count in the period before, when known;
    ``columns`` are extra columns (titles) its items fill in ``extra``; ``note`` says more about
    the count (what it leaves out)."""

    code: str
    name: str
    counts: str = ""
    items: list[GapItem] = field(default_factory=list)
    previous: int | None = None
    columns: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def trend(self) -> int | None:
        """The change of the count since the previous period (``None``: not known)."""
        return None if self.previous is None else len(self.items) - self.previous

    def by_district(self) -> Counter[str]:
        """The count per district id."""
        return Counter(i.territory_id for i in self.items if i.territory_id)


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
    districts: list[tuple[str, str]] = field(default_factory=list)  # (id, name), by name


def dashboard(store: Store, territory_id: str, period: str | None = None, *,
              load_norm: int = DEFAULT_LOAD_NORM, scope: Scope = EVERYTHING) -> Dashboard:
    """Indicators per district of ``territory_id`` for ``period`` and the one before, with gaps.

    The numbers come from :func:`graph.queries.indicators.indicators`, the lists from
    :func:`graph.queries.gaps.gap_report`, :func:`graph.queries.gaps.teachers_needing_methodist`
    and :func:`graph.queries.support.low_results_support`, each within the caller's ``scope``
    and all from one read of each period's area; a territory outside the scope is refused as an
    unknown one. Each list has the count of the period before when monitoring covered it.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> d = dashboard(s, "RU-LEN", "2025-H1")
    >>> d.previous.code, [r.name for r in d.rows], sum(len(g.items) for g in d.gaps)
    ('2024-H2', ['Итого: Ленинградская область'], 0)
    >>> [g.name for g in d.gaps][:2]
    ['ШНОР без адресной поддержки', 'ШНОР с поддержкой не по тем предметам']
    """
    territory = node_of(store, territory_id)
    if territory is None or territory.label not in ("Region", "Municipality") or \
            not scope.expanded(store).allows(territory_id):
        raise NodeNotFound(f"no region or municipality has the id {territory_id!r} / "
                           f"территория {territory_id!r} не найдена")
    span = parse_period(period or data_period(store))
    prev = span.previous()
    area = Area(store, territory_id=territory_id, period=span.code, scope=scope)
    before = Area(store, territory_id=territory_id, period=prev.code, scope=scope)
    values = indicators(store, territory_id=territory_id, period=span.code,
                        compare_to=prev.code, by_district=True, scope=scope, area=area,
                        compare_area=before)
    places = _place_names(store)
    names = places | {territory_id: f"Итого: {title_of(territory)}"}
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
    assessed = set(assessed_periods(store))
    periods = sorted(assessed | {span.code, prev.code}, key=lambda p: parse_period(p).end)
    gaps = _gaps(store, area, load_norm, places)
    if prev.code in assessed:  # a trend only against a period monitoring covered
        # Of the period before only the counts show: no row is built, no one proposed.
        for gap, count in zip(gaps, _card_counts(store, before, load_norm), strict=True):
            gap.previous = count
    districts = sorted(((d, places.get(d, d)) for d in area.districts),
                       key=lambda p: p[1].casefold())
    return Dashboard(territory, span, prev, ordered, gaps, periods, load_norm,
                     {v.code: v.title for v in values}, districts)


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
        self._computing: dict[tuple[object, ...], threading.Lock] = {}

    def get(self, store: Store, territory_id: str, period: str | None = None, *,
            load_norm: int = DEFAULT_LOAD_NORM, scope: Scope = EVERYTHING) -> Dashboard:
        revision = store.revision
        period = parse_period(period or data_period(store)).code  # one entry, however asked
        key = (id(store), revision, territory_id, period, load_norm, scope)
        with self._lock:
            hit = self._entries.get(store, {}).get(key)
        if hit is not None and (revision is not None or time.monotonic() - hit[0] < self.ttl):
            return hit[1]
        # One computation per dashboard at a time: a visitor arriving while the start-up
        # warm-up (or another visitor) computes it waits for that answer instead of a second.
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                hit = self._entries.get(store, {}).get(key)
            if hit is not None and (revision is not None or
                                    time.monotonic() - hit[0] < self.ttl):
                return hit[1]
            try:
                board = dashboard(store, territory_id, period, load_norm=load_norm, scope=scope)
                with self._lock:
                    # Entries of the store's older revisions can never be asked for again.
                    mine = {k: v for k, v in self._entries.get(store, {}).items()
                            if k[1] == revision}
                    mine[key] = (time.monotonic(), board)
                    self._entries[store] = mine
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return board


def gaps_xlsx(board: Dashboard, base_url: str | None = None) -> bytes:
    """The gap report as an XLSX: :func:`viz.workbook.gaps_xlsx` (kept here for its callers)."""
    from viz.workbook import gaps_xlsx as workbook

    return workbook(board, base_url)


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else round(value * scale, 1)


def _place_names(store: Store) -> dict[str, str]:
    """Territory id → its Russian name, so no table shows ``RU-LEN-tosnensky``."""
    return place_names(store)


def _link(node_id: str, label: str, kind: str | None = None) -> str:
    """The path of an item's network view: a school's own view, a district's, else the item
    with its neighbours.

    >>> _link("s1", "Organization", "school"), _link("t1", "Person")
    ('/network/school/s1', '/network/focus/t1?depth=1')
    """
    quoted = quote(node_id, safe="")
    if label == "Organization" and kind == "school":
        return f"/network/school/{quoted}"
    if label == "Municipality":
        return f"/network/district/{quoted}"
    return f"/network/focus/{quoted}?depth=1"


def _low_results_lists(store: Store, area: Area, places: dict[str, str]) -> list[GapList]:
    """The problems first: flagged schools nobody supports, then those supported in other
    subjects than the ones their results are low in."""
    support = low_results_support(store, period=area.period, territory_id=area.territory_id,
                                  scope=area.scope, area=area)
    when = period_ru(area.period)
    unsupported, mismatched = (_empty(CARDS[0]), _empty(CARDS[1]))
    for s in support.schools:
        where = places.get(s.territory_id or "", "")
        name = school_name(s.school_title, where)
        link = _link(s.school_id, "Organization", "school")
        if not s.supported:
            unsupported.items.append(GapItem(
                s.school_id, name, s.territory_id, where,
                f"ШНОР, {when}: {', '.join(s.low_subjects) or 'все предметы'}; "
                "нет адресной поддержки", link))
        elif s.uncovered_subjects:
            covered = ", ".join(s.covered_subjects) or "без указания предмета"
            mismatched.items.append(GapItem(
                s.school_id, name, s.territory_id, where,
                f"ШНОР, {when}: низкие результаты — {', '.join(s.low_subjects)}; "
                f"поддержка — {covered}; без поддержки — {', '.join(s.uncovered_subjects)}",
                link))
    return [unsupported, mismatched]


_SCHOOL = "Школа"
_TEACHER_GAPS = {GapKind.deficit_without_route.value, GapKind.teacher_without_methodist.value,
                 GapKind.young_specialist_without_support.value}


def _empty(card: GapCard) -> GapList:
    return GapList(card.code, card.name, card.counts)


def _card_counts(store: Store, area: Area, load_norm: int) -> list[int]:
    """What each card counts for one area, in the order of :data:`CARDS`: the length of the
    list :func:`_gaps` would give, without its rows."""
    support = low_results_support(store, period=area.period, territory_id=area.territory_id,
                                  scope=area.scope, area=area)
    counts = {CARDS[0].code: sum(not s.supported for s in support.schools),
              CARDS[1].code: sum(bool(s.supported and s.uncovered_subjects)
                                 for s in support.schools)}
    report = gap_report(store, territory_id=area.territory_id, period=area.period,
                        norm=load_norm, scope=area.scope, area=area)
    counts |= {k.value: len(v) for k, v in report.gaps.items()}
    counts[GapKind.teacher_without_methodist.value] = len(teachers_needing_methodist(
        store, area=area, among=report.gaps[GapKind.teacher_without_methodist]))
    return [counts.get(c.code, 0) for c in CARDS]


def _gaps(store: Store, area: Area, load_norm: int, places: dict[str, str]) -> list[GapList]:
    """Every card's list for one area, in the order of :data:`CARDS`, with each row's «кто
    мог бы взять»."""
    lists = {g.code: g for g in _low_results_lists(store, area, places)}
    report = gap_report(store, territory_id=area.territory_id, period=area.period,
                        norm=load_norm, scope=area.scope, area=area)
    found: dict[str, tuple[Gap, ...]] = {k.value: v for k, v in report.gaps.items()}
    everyone = found[GapKind.teacher_without_methodist.value]
    found[GapKind.teacher_without_methodist.value] = tuple(
        teachers_needing_methodist(store, area=area, among=everyone))
    for card in CARDS[2:]:
        gap_list = lists[card.code] = _empty(card)
        for g in found.get(card.code, ()):
            node = area.node(g.node_id)
            kind = node.props.get("kind") if node is not None else None
            where = places.get(g.territory_id or "", "")
            name = g.title
            if kind == "school":
                name = school_name(g.title, where)
            elif g.subject and g.label != "Person":
                name = f"{g.title} — {g.subject}"
            item = GapItem(g.node_id, name, g.territory_id, where, g.reason_ru,
                           _link(g.node_id, g.label, kind))
            if g.label == "Person" and card.code in _TEACHER_GAPS:
                item.extra[_SCHOOL] = ", ".join(
                    school_name(title_of(area.schools[s]), where)
                    for s in area.schools_of(g.node_id))
            gap_list.items.append(item)
        if card.code in _TEACHER_GAPS:
            gap_list.columns.append(_SCHOOL)
    lists[GapKind.teacher_without_methodist.value].note = (
        f"всего педагогов без закреплённого методиста: {len(everyone)}")
    lists[GapKind.methodist_over_load.value].note = f"норма нагрузки — {load_norm} педагогов"
    out = [lists[c.code] for c in CARDS]
    _who_could(store, area, load_norm, out)
    return out


_WHO = "Кто мог бы взять"
_PLANNED = {"unsupported_low_results_school": "low_results_school",
            "mismatched_low_results_school": "low_results_school"}


def _who_could(store: Store, area: Area, load_norm: int, lists: list[GapList]) -> None:
    """Add «кто мог бы взять» to the lists a plan can close: each row's best candidate of each
    of its gaps, and why (:func:`graph.queries.plan.candidates`, as the caller sees them)."""
    if area.territory_id is None or area.period is None:
        return
    best = best_candidates(candidates(store, area.territory_id, area.period, scope=area.scope,
                                      norm=load_norm, area=area))
    for gap in lists:
        kind = _PLANNED.get(gap.code, gap.code)
        if kind not in set(PlanGapKind):
            continue  # no plan closes it (a district without a pool, a school without a service)
        gap.columns.append(_WHO)
        for item in gap.items:
            item.extra[_WHO] = best.get((kind, item.node_id), "") or "—"
