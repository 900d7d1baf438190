"""The domain rules, written once: periods, what counts when, territories, young specialists,
routes, deficits, methodists and the load norm.

Every question, page, export and the generator ask these functions; nothing else in the code
knows what a period looks like or when an edge is active (``tests/test_rules_single_source.py``
fails on a copy). The module imports neither the model nor the stores at run time, so
``graph.model`` may use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.errors import MethodnetError
from graph.settings import Settings, get_settings

if TYPE_CHECKING:
    from graph.model.base import EdgeRecord, NodeRecord
    from graph.store.base import Store

__all__ = [
    "DATED_SUPPORT",
    "DEFAULT_LOAD_NORM",
    "EXPERIENCE_YEARS",
    "MENTEES",
    "METHODIST_BODY_KINDS",
    "METHODIST_ROLES",
    "PERIOD_PATTERN",
    "YOUNG_SPECIALIST_AGE_BAND",
    "YOUNG_SPECIALIST_MAX_AGE",
    "YOUNG_SPECIALIST_MAX_YEARS",
    "InvalidArgument",
    "PeriodSpan",
    "active_during",
    "active_on",
    "completed_by",
    "counts_in_period",
    "counts_in_window",
    "data_period",
    "default_period",
    "deficit_found",
    "diagnosed_by",
    "diagnosed_within",
    "experienced",
    "is_methodist_role",
    "is_period",
    "latest_period",
    "load_norm",
    "municipalities",
    "period_bounds",
    "period_of",
    "period_parts",
    "previous_period",
    "region_of",
    "results_flagged",
    "route_open",
    "territory_closure",
    "territory_closure_of",
    "territory_distance",
    "territory_level",
    "young_specialist",
]


class InvalidArgument(MethodnetError):
    """A filter a question cannot use: an unknown territory, a malformed period, a bad code."""


# -- periods ---------------------------------------------------------------------------------
PERIOD_PATTERN = r"^\d{4}-(H[12]|Q[1-4]|Y)$"
"""A monitoring period: ``2025-H1`` (half-year), ``2025-Q3`` (quarter) or ``2025-Y`` (year)."""
_PERIOD = re.compile(r"^(\d{4})-(H[12]|Q[1-4]|Y)$")


def period_parts(code: str | None) -> tuple[int, str] | None:
    """The year and the part (``H1`` … ``Q4``, ``Y``) of a period code, or ``None``.

    >>> period_parts("2025-Q3"), period_parts(" 2024-Y "), period_parts("2025-06")
    ((2025, 'Q3'), (2024, 'Y'), None)
    """
    m = _PERIOD.match((code or "").strip())
    return (int(m.group(1)), m.group(2)) if m else None


def is_period(code: str | None) -> bool:
    """Whether ``code`` is a monitoring period.

    >>> is_period("2025-H1"), is_period("2025-H3"), is_period(None)
    (True, False, False)
    """
    return period_parts(code) is not None


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a monitoring period (``2025-H1``, ``2025-Q3``, ``2025-Y``).

    >>> period_bounds("2025-H1")
    (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    >>> period_bounds("2024-Q1")
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    >>> period_bounds("2025-06")
    Traceback (most recent call last):
    ...
    graph.rules.InvalidArgument: period '2025-06' is not like 2025-H1, 2025-Q3 or 2025-Y
    """
    parts = period_parts(period)
    if parts is None:
        raise InvalidArgument(f"period {period!r} is not like 2025-H1, 2025-Q3 or 2025-Y")
    year, part = parts
    if part == "Y":
        first, last = 1, 12
    elif part[0] == "H":
        first = 1 if part == "H1" else 7
        last = first + 5
    else:
        first = 3 * int(part[1]) - 2
        last = first + 2
    end = dt.date(year + (last == 12), 1 if last == 12 else last + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def period_of(day: dt.date) -> str:
    """The half-year monitoring period a day falls in (the default period of the data).

    >>> period_of(dt.date(2025, 10, 1))
    '2025-H2'
    """
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def previous_period(code: str) -> str:
    """The period of the same length just before ``code``.

    >>> previous_period("2025-H1"), previous_period("2025-Q1"), previous_period("2025-Y")
    ('2024-H2', '2024-Q4', '2024-Y')
    """
    period_bounds(code)  # checks it
    year, part = period_parts(code) or (0, "")
    if part == "Y":
        return f"{year - 1}-Y"
    n = int(part[1])
    if n > 1:
        return f"{year}-{part[0]}{n - 1}"
    return f"{year - 1}-{part[0]}{2 if part[0] == 'H' else 4}"


def latest_period(periods: Iterable[str], today: dt.date | None = None) -> str:
    """The latest of the periods the data has (by last day), or the half-year of today when
    it has none; anything unlike a period is ignored.

    >>> latest_period(["2024-H2", "2025-H1", "весна"])
    '2025-H1'
    >>> latest_period([], dt.date(2025, 10, 1))
    '2025-H2'
    """
    valid = [p.strip() for p in periods if is_period(p)]
    if valid:
        return max(valid, key=lambda p: (period_bounds(p)[1], p))
    return period_of(today or dt.date.today())


@dataclass(frozen=True)
class PeriodSpan:
    """A monitoring period with its first and last day.

    >>> p = PeriodSpan.parse("2025-H1")
    >>> p.start.isoformat(), p.end.isoformat(), p.previous().code
    ('2025-01-01', '2025-06-30', '2024-H2')
    >>> p.overlaps("2025-06-30", None), p.overlaps(None, "2024-12-31")
    (True, False)
    """

    code: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, code: str) -> PeriodSpan:
        """The span of a period code; :class:`InvalidArgument` if malformed."""
        start, end = period_bounds(code)
        return cls(code.strip(), start, end)

    def previous(self) -> PeriodSpan:
        """The period of the same length just before this one."""
        return PeriodSpan.parse(previous_period(self.code))

    def overlaps(self, start: str | None, end: str | None) -> bool:
        """Whether a dated association (ISO strings, open ends allowed) holds during it."""
        return active_during({"start": start, "end": end}, self.start, self.end)


def default_period(store: Store) -> str:
    """The latest period any assessment in the store is for (or the current half-year)."""
    return latest_period(sorted({str(a.props.get("period")) for a in store.nodes("Assessment")}))


def data_period(store: Store) -> str:
    """The latest period in which monitoring flagged any school, so a first view shows the
    problem rather than a period where every count is zero; without flags, :func:`default_period`.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Assessment, Batch
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Assessment(id="a1", period="2025-H1", low_results=True))
    >>> b.add(Assessment(id="a2", period="2025-H2"))
    >>> _ = s.write(b)
    >>> data_period(s), default_period(s)
    ('2025-H1', '2025-H2')
    """
    flagged = sorted({str(a.props.get("period")) for a in store.nodes("Assessment")
                      if a.props.get("low_results")})
    return latest_period(flagged) if flagged else default_period(store)


# -- what is active when ---------------------------------------------------------------------
DATED_SUPPORT = ("SUPPORTS", "TUTORS", "MENTORS", "CURATES")
"""Support edges: they count in a period when active at any day of it (staff, roles and
membership count on its last day)."""


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def active_during(props: Mapping[str, Any], first: dt.date, last: dt.date) -> bool:
    """Whether a dated record (``start``/``end``, missing ends open) holds at some day of
    ``[first, last]``.

    >>> d = dt.date
    >>> active_during({"start": "2025-02-01", "end": "2025-03-01"}, d(2025, 3, 1), d(2025, 6, 30))
    True
    >>> active_during({"end": "2025-02-28"}, d(2025, 3, 1), d(2025, 6, 30))
    False
    """
    start, end = _iso(props.get("start")), _iso(props.get("end"))
    return (start is None or start <= last.isoformat()) and (
        end is None or end >= first.isoformat()
    )


def active_on(props: Mapping[str, Any], day: dt.date | None) -> bool:
    """Whether a dated record holds on ``day`` (always, when ``day`` is ``None``).

    >>> active_on({"start": "2025-09-01"}, dt.date(2025, 8, 31))
    False
    >>> active_on({"start": "2025-09-01", "end": "2026-05-31"}, dt.date(2025, 12, 1))
    True
    >>> active_on({"start": "2025-09-01"}, None)
    True
    """
    return day is None or active_during(props, day, day)


def counts_in_window(edge_type: str, props: Mapping[str, Any], first: dt.date,
                     last: dt.date) -> bool:
    """Whether an edge counts in the days ``[first, last]``: support (:data:`DATED_SUPPORT`)
    when active at any of them, anything else on the last.

    >>> d = dt.date
    >>> dates = {"start": "2025-02-01", "end": "2025-03-01"}
    >>> counts_in_window("SUPPORTS", dates, d(2025, 1, 1), d(2025, 6, 30))
    True
    >>> counts_in_window("EMPLOYED_AT", dates, d(2025, 1, 1), d(2025, 6, 30))
    False
    """
    return active_during(props, first if edge_type in DATED_SUPPORT else last, last)


def counts_in_period(edge: EdgeRecord, period: str) -> bool:
    """Whether ``edge`` counts in ``period`` (:func:`counts_in_window` over its days).

    >>> from graph.model.base import EdgeRecord
    >>> dates = {"start": "2025-02-01", "end": "2025-03-01"}
    >>> support = EdgeRecord("SUPPORTS", "m", "t", props=dates)
    >>> counts_in_period(support, "2025-H1"), counts_in_period(support, "2025-H2")
    (True, False)
    >>> counts_in_period(EdgeRecord("EMPLOYED_AT", "t", "s", props=dates), "2025-H1")
    False
    """
    first, last = period_bounds(period)
    return counts_in_window(edge.type, edge.props, first, last)


# -- what a teacher has, and when --------------------------------------------------------------
def _by(value: Any, day: dt.date) -> bool:
    """An optional date (ISO string or date) on or before ``day``; undated counts."""
    value = _iso(value)
    return value is None or (isinstance(value, str) and value <= day.isoformat())


def deficit_found(edge_props: Mapping[str, Any], on: dt.date) -> bool:
    """Whether a deficit (a ``HAS_DEFICIT`` edge) was found by ``on``; undated ones count.

    >>> day = dt.date(2025, 2, 1)
    >>> deficit_found({"date": "2025-03-01"}, day), deficit_found({}, day)
    (False, True)
    """
    return _by(edge_props.get("date"), on)


def diagnosed_by(diagnostic_props: Mapping[str, Any], on: dt.date) -> bool:
    """Whether a diagnostic was taken by ``on``; undated ones count.

    >>> diagnosed_by({"date": "2025-03-01"}, dt.date(2025, 6, 30))
    True
    """
    return _by(diagnostic_props.get("date"), on)


def diagnosed_within(diagnostic_props: Mapping[str, Any], first: dt.date,
                     last: dt.date) -> bool:
    """Whether a diagnostic was taken within ``[first, last]``; undated ones count.

    >>> diagnosed_within({"date": "2024-12-01"}, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    False
    """
    date = _iso(diagnostic_props.get("date"))
    return not isinstance(date, str) or first.isoformat() <= date <= last.isoformat()


def completed_by(edge_props: Mapping[str, Any], on: dt.date) -> bool:
    """Whether a course (a ``COMPLETED`` edge) was finished by ``on``: its end, else its
    start, on or before that day; undated ones count.

    >>> completed_by({"start": "2025-03-01", "end": "2025-05-20"}, dt.date(2025, 4, 1))
    False
    """
    return _by(edge_props.get("end") or edge_props.get("start"), on)


def route_open(route_props: Mapping[str, Any], on: dt.date) -> bool:
    """Whether an individual route (ИОМ) counts on ``on``: created by then and not cancelled.

    >>> day = dt.date(2025, 6, 30)
    >>> route_open({"created": "2025-04-01", "status": "active"}, day)
    True
    >>> route_open({"created": "2025-09-01", "status": "active"}, day)
    False
    >>> route_open({"created": "2025-04-01", "status": "cancelled"}, day)
    False
    """
    return route_props.get("status") != "cancelled" and _by(route_props.get("created"), on)


def results_flagged(assessment_props: Mapping[str, Any], period: str | None,
                    flags: Iterable[str] = ("low_results", "unreliable_results")) -> bool:
    """Whether an assessment flags its school in ``period`` (any period when ``None``) by
    one of ``flags`` (low results, ШНОР, or unreliable results).

    >>> results_flagged({"period": "2025-H1", "low_results": True}, "2025-H1")
    True
    >>> results_flagged({"period": "2025-H1", "low_results": True}, "2025-H2")
    False
    >>> results_flagged({"period": "2025-H1", "unreliable_results": True}, None, ["low_results"])
    False
    """
    return (period is None or assessment_props.get("period") == period) and any(
        assessment_props.get(f) for f in flags)


# -- young specialists -----------------------------------------------------------------------
# 004 §3.2.5 and 001 §4.1: a young teacher is under 35 and in the first three years of work.
YOUNG_SPECIALIST_MAX_AGE = 35
YOUNG_SPECIALIST_MAX_YEARS = 3
YOUNG_SPECIALIST_AGE_BAND = f"до {YOUNG_SPECIALIST_MAX_AGE}"
"""The youngest age band an analyst sees instead of a birth year (graph.store.pseudonymised)."""


def young_specialist(
    birth_year: int | None, career_start_year: int | None, on: dt.date,
    age_band: str | None = None,
) -> bool:
    """Whether a person born in ``birth_year`` who began teaching in ``career_start_year`` is
    a young specialist on ``on``: under 35 and in the first three years of work. Where the
    birth year is hidden (an analyst sees an ``age_band``), the band «до 35» stands for the age.

    >>> young_specialist(2000, 2024, dt.date(2025, 9, 1))
    True
    >>> young_specialist(2000, 2024, dt.date(2028, 9, 1))
    False
    >>> young_specialist(None, 2024, dt.date(2025, 9, 1)), young_specialist(None, 2024,
    ...                                                       dt.date(2025, 9, 1), "до 35")
    (False, True)
    """
    if career_start_year is None:
        return False
    if birth_year is None:
        if age_band != YOUNG_SPECIALIST_AGE_BAND:
            return False
        age = 0
    else:
        age = on.year - birth_year
    years = on.year - career_start_year
    return age < YOUNG_SPECIALIST_MAX_AGE and 0 <= years < YOUNG_SPECIALIST_MAX_YEARS


# -- mentors ---------------------------------------------------------------------------------
MENTEES = 2
"""Young specialists one mentor who is not a methodist takes at most (no regulation of the
sample regions fixes a number; two is the usual practice of the mentoring programmes)."""

EXPERIENCE_YEARS = 5
"""Years of work that make a teacher experienced enough to mentor."""


def experienced(career_start_year: int | None, on: dt.date) -> bool:
    """Whether a teacher who began in ``career_start_year`` has worked :data:`EXPERIENCE_YEARS`
    years by ``on`` (enough to mentor a young specialist).

    >>> experienced(2020, dt.date(2025, 6, 30)), experienced(2021, dt.date(2025, 6, 30))
    (True, False)
    """
    return isinstance(career_start_year, int) and on.year - career_start_year >= EXPERIENCE_YEARS


# -- methodists and their load -----------------------------------------------------------------
METHODIST_ROLES = ("regional_methodist", "municipal_methodist")
METHODIST_BODY_KINDS = ("development_institute", "pd_center", "methodological_center",
                        "methodological_service")
"""Bodies a methodist works for: the region's ЦНППМ / РМЦ / institute, a district's ММС."""


def is_methodist_role(role: str | None) -> bool:
    """Whether a ``HAS_ROLE`` role makes its holder a methodist.

    >>> is_methodist_role("municipal_methodist"), is_methodist_role("teacher")
    (True, False)
    """
    return role in METHODIST_ROLES


DEFAULT_LOAD_NORM: int = Settings.model_fields["load_norm"].default
"""The load norm when ``METHODNET_LOAD_NORM`` is not set (the generator plants overloads
against it)."""


def load_norm(norm: int | None = None) -> int:
    """Teachers one methodist may carry: ``norm`` if given, else the setting
    ``METHODNET_LOAD_NORM``; below 1 is an :class:`InvalidArgument`.

    >>> load_norm(10)
    10
    >>> load_norm(0)
    Traceback (most recent call last):
    ...
    graph.rules.InvalidArgument: the load norm must be at least 1 teacher, not 0
    """
    if norm is None:
        norm = get_settings().load_norm
    if norm < 1:
        raise InvalidArgument(f"the load norm must be at least 1 teacher, not {norm}")
    return norm


# -- territories -------------------------------------------------------------------------------
def territory_closure(store: Store, territories: Iterable[str]) -> set[str]:
    """The territories given plus the municipalities of any region among them (one read).

    >>> from graph.queries.demo import demo_store
    >>> sorted(territory_closure(demo_store(), ["RU-LEN"]))
    ['RU-LEN', 'RU-LEN-a', 'RU-LEN-b']
    """
    wanted = set(territories)
    return wanted | {m.id for m in municipalities(store, wanted)}


def territory_closure_of(territories: Iterable[str], regions: Mapping[str, str]) -> set[str]:
    """:func:`territory_closure` from the regions of the municipalities read already
    (``regions``: municipality id → its region, :func:`region_of`).

    >>> sorted(territory_closure_of(["RU-LEN", "RU-AMU-zeya"],
    ...                             {"RU-LEN-a": "RU-LEN", "RU-AMU-zeya": "RU-AMU"}))
    ['RU-AMU-zeya', 'RU-LEN', 'RU-LEN-a']
    """
    wanted = set(territories)
    return wanted | {m for m, region in regions.items() if region in wanted}


def municipalities(store: Store, regions: Iterable[str]) -> list[NodeRecord]:
    """The municipalities of ``regions`` (one read; none for no regions).

    >>> from graph.queries.demo import demo_store
    >>> [m.id for m in municipalities(demo_store(), ["RU-AMU"])]
    ['RU-AMU-zeya']
    """
    wanted = sorted(set(regions))
    return store.nodes("Municipality", where={"region_id": wanted}) if wanted else []


def territory_distance(territory: str | None, near: str | None, region: str) -> int:
    """How far a body or methodist located in ``territory`` is from a need in ``near`` within
    ``region``: 0 the same territory, 1 the region's own level, 2 another district.

    >>> [territory_distance(t, "RU-LEN-a", "RU-LEN") for t in ("RU-LEN-a", "RU-LEN", "RU-LEN-b")]
    [0, 1, 2]
    """
    return 0 if territory == near else 1 if territory == region else 2


def region_of(territory: NodeRecord | None) -> str | None:
    """The region a territory is in: a region itself, a municipality's ``region_id``;
    ``None`` for anything that is not a territory.

    >>> from graph.model.base import NodeRecord
    >>> region_of(NodeRecord("Municipality", "RU-LEN-a", {"region_id": "RU-LEN"}))
    'RU-LEN'
    >>> region_of(NodeRecord("Region", "RU-LEN")), region_of(None)
    ('RU-LEN', None)
    """
    if territory is None:
        return None
    if territory.label == "Region":
        return territory.id
    region = territory.props.get("region_id") if territory.label == "Municipality" else None
    return region if isinstance(region, str) else None


def territory_level(territory: NodeRecord | None) -> str | None:
    """The level of the bodies that govern a territory: ``regional`` for a region,
    ``municipal`` for a municipality, ``None`` for anything else.

    >>> from graph.model.base import NodeRecord
    >>> territory_level(NodeRecord("Region", "RU-LEN")), territory_level(None)
    ('regional', None)
    """
    if territory is None:
        return None
    return {"Region": "regional", "Municipality": "municipal"}.get(territory.label)
