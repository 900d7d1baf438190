"""The whole country's first screen kept whole, on both stores.

On Neo4j a whole-country first screen (``gap_report(..., first=N)``, every kind) keeps the rows
its page statements read with the digest of every district's generation
(``NativeGaps.first_pages``, ``cypher.FIRST_SCREEN_STATE``): asked again while no write has
marked a district, it reads them back (two short reads: the store's revision, then the
generations, districts, partials and the kept screen in one statement) instead of running the
page statements — what a server just restarted answers without planning them. Every screen
must equal the exact report cut to ``N``, before and after writes, for every ``N``; the
embedded store (which keeps nothing whole) must give the same. The network is the made-up
one of ``tests/test_listed_pages.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from graph.model import Batch, EmployedAt, HasDeficit, Person, Supports
from graph.queries.gaps import GapKind, GapReport, gap_report
from graph.queries.kept_counts import plan_recounts
from graph.queries.native_gaps import in_database
from graph.queries.scope import Scope
from graph.store import Store
from tests.test_listed_pages import PERIOD, _network

NORM = 1
# The store's revision; the generations, districts, partials and kept screen in one statement.
KEPT_READS = 2


@pytest.fixture
def net(store: Store) -> Iterator[Store]:
    store.write(_network())
    yield store


def _screen(store: Store, first: int, scope: Scope | None = None) -> GapReport:
    if scope is None:
        return gap_report(store, period=PERIOD, norm=NORM, first=first)
    return gap_report(store, period=PERIOD, norm=NORM, first=first, scope=scope)


def _exact(store: Store, first: int, scope: Scope | None = None) -> GapReport:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        if scope is None:
            whole = gap_report(store, period=PERIOD, norm=NORM)
        else:
            whole = gap_report(store, period=PERIOD, norm=NORM, scope=scope)
    return whole.cut(first)


def _reads(store: Store, first: int) -> tuple[GapReport, int | None]:
    """The screen, and how many reads it took (Neo4j only; the recount statements' planning,
    which a first screen begins in the background, waited for first)."""
    plan_recounts(store, PERIOD)
    before = getattr(store, "round_trips", None)
    screen = _screen(store, first)
    after = getattr(store, "round_trips", None)
    return screen, None if before is None or after is None else after - before


def _same(a: GapReport, b: GapReport) -> None:
    assert a.counts == b.counts
    for kind in GapKind:
        assert a.gaps[kind] == b.gaps[kind], kind


def test_a_screen_asked_again_is_read_back_whole_and_exact(net: Store) -> None:
    native = in_database(net) is not None
    made, _ = _reads(net, 2)
    _same(made, _exact(net, 2))
    again, reads = _reads(net, 2)
    _same(again, made)
    if native:  # the page statements were not run again
        assert reads == KEPT_READS
    # Another page size is another screen: made, then read back.
    one, _ = _reads(net, 1)
    _same(one, _exact(net, 1))
    one_again, reads = _reads(net, 1)
    _same(one_again, one)
    if native:
        assert reads == KEPT_READS


def test_a_write_that_marks_a_district_makes_the_screen_again(net: Store) -> None:
    native = in_database(net) is not None
    before, _ = _reads(net, 3)
    _reads(net, 3)
    # A new teacher in D1 with a deficit, no route, no methodist: three lists grow.
    b = Batch()
    b.extend([Person(id="t0", full_name="Учитель t0"),
              EmployedAt(source="t0", target="s1", start=dt.date(2024, 9, 1)),
              HasDeficit(source="t0", target="c-chem", date=dt.date(2025, 3, 1))])
    net.write(b)
    after, reads = _reads(net, 3)
    _same(after, _exact(net, 3))
    assert after.counts[GapKind.deficit_without_route] == \
        before.counts[GapKind.deficit_without_route] + 1
    assert after.gaps[GapKind.teacher_without_methodist][0].node_id == "t0"  # first by id
    if native:
        assert reads is not None and reads > KEPT_READS  # made again, not read back
    # A methodist now supports t0: t0 leaves the list of teachers without one.
    b = Batch()
    b.add(Supports(source="m-a", target="t0", start=dt.date(2025, 2, 1)))
    net.write(b)
    _same(_screen(net, 3), _exact(net, 3))
    assert "t0" not in [g.node_id for g in _screen(net, 3).gaps[GapKind.teacher_without_methodist]]


def test_a_caller_who_sees_part_of_the_country_gets_their_own_screen(net: Store) -> None:
    _reads(net, 2)
    _reads(net, 2)  # the country's screen kept
    part = Scope.of(["D2"])
    _same(_screen(net, 2, part), _exact(net, 2, part))
    assert all(g.territory_id in (None, "D2")
               for gaps in _screen(net, 2, part).gaps.values() for g in gaps
               if g.label != "Person")


def test_a_recount_keeps_the_screen_it_opens_on(net: Store) -> None:
    """A load and ``methodnet recount`` end with the first screen kept whole on Neo4j: the
    first screen after them (after a restart too) is read back, and exact."""
    from graph.queries.kept_counts import recount
    from graph.queries.warm_up import FIRST_SCREEN

    b = Batch()
    b.extend([Person(id="t9", full_name="Учитель t9"),
              EmployedAt(source="t9", target="s1", start=dt.date(2024, 9, 1))])
    net.write(b)  # D1 marked: no screen of it is kept now
    recount(net, [PERIOD])
    plan_recounts(net, PERIOD)
    before = getattr(net, "round_trips", None)
    screen = gap_report(net, period=PERIOD, first=FIRST_SCREEN)
    after = getattr(net, "round_trips", None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        exact = gap_report(net, period=PERIOD).cut(FIRST_SCREEN)
    _same(screen, exact)
    assert "t9" in [g.node_id for g in screen.gaps[GapKind.teacher_without_methodist]]
    if in_database(net) is not None:
        assert before is not None and after is not None
        assert after - before == KEPT_READS  # read back, not made
