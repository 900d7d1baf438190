"""The first pages of the two short lists read from the gaps the kept partials name, on both stores.

A whole-country first screen (``gap_report(..., first=N)``) takes the first page of «subjects
without a methodist» and «methodists over the norm» from the gaps each district's kept partial
names (``graph/queries/kept_counts.py`` ``LISTED``): the page must be the first ``N`` of the
whole list, in its order, for every ``N`` — a page that ends inside a district, groups of one
district tied on the district and ordered by subject, a subject spelt two ways, a teacher in two
districts, methodists ordered by id across districts — and stay so after writes that add and
remove gaps. A tiny hand-built network (made up) whose lists are known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from graph.model import (
    Batch,
    Competency,
    EmployedAt,
    HasDeficit,
    HasRole,
    Municipality,
    Organization,
    Person,
    Region,
    Supports,
)
from graph.queries.gaps import GapKind, GapReport, gap_report
from graph.queries.kept_counts import kept_gaps
from graph.store import Store

PERIOD = "2025-H1"
NORM = 1
LISTED = [GapKind.subject_without_methodist, GapKind.methodist_over_load]
_S = dt.date(2024, 9, 1)
_ON = dt.date(2025, 2, 1)


def _org(id_: str, kind: str, territory: str) -> Organization:
    level = "institutional" if kind == "school" else "municipal"
    return Organization.model_validate({"id": id_, "name": f"Организация {id_}", "kind": kind,
                                        "level": level, "territory_id": territory})


def _network() -> Batch:
    """Districts D1–D3 (D2 with two schools); deficits in химия, физика, биология and
    «Физика » (the same subject as физика, spelt otherwise); ``t-both`` works in D1 and D3;
    methodists ``m-a``…``m-d`` with 2, 2, 1 and 3 teachers (norm 1: all but ``m-c`` over it)."""
    b = Batch()
    b.extend([
        Region(id="R", name="Область"),
        *[Municipality(id=d, name=f"Район {d}", region_id="R") for d in ("D1", "D2", "D3")],
        _org("s1", "school", "D1"), _org("s2", "school", "D2"), _org("s2b", "school", "D2"),
        _org("s3", "school", "D3"),
        _org("mms-1", "methodological_service", "D1"), _org("mms-3", "methodological_service",
                                                            "D3"),
        Competency(id="c-chem", name="Химия", subject="химия"),
        Competency(id="c-phys", name="Физика", subject="физика"),
        Competency(id="c-phys2", name="Физика (иначе)", subject="Физика "),
        Competency(id="c-bio", name="Биология", subject="биология"),
    ])
    teachers = {"t1": ("s1", ["c-chem", "c-phys"]), "t2": ("s2", ["c-chem", "c-bio"]),
                "t3": ("s2b", ["c-phys2", "c-bio"]), "t4": ("s3", ["c-phys"]),
                "t5": ("s2", ["c-phys"]), "t-both": ("s1", ["c-bio"])}
    for t, (school, deficits) in teachers.items():
        b.extend([Person(id=t, full_name=f"Учитель {t}"),
                  EmployedAt(source=t, target=school, start=_S)])
        for c in deficits:
            b.add(HasDeficit(source=t, target=c, date=dt.date(2025, 3, 1)))
    b.add(EmployedAt(source="t-both", target="s3", start=_S))
    for m, body, supported in (("m-d", "mms-3", ["t1", "t2", "t3"]), ("m-a", "mms-1", ["t4", "t5"]),
                               ("m-c", "mms-1", ["t1"]), ("m-b", "mms-3", ["t2", "t-both"])):
        b.extend([Person(id=m, full_name=f"Методист {m}"),
                  HasRole(source=m, target=body, role="municipal_methodist",
                          subjects=["русский язык"], start=_S)])
        for t in supported:
            b.add(Supports(source=m, target=t, start=_ON))
    return b


@pytest.fixture
def net(store: Store) -> Iterator[Store]:
    store.write(_network())
    yield store


def _screen(store: Store, first: int, *, partials: bool = True) -> GapReport:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "1" if partials else "0")
        return gap_report(store, period=PERIOD, kinds=LISTED, norm=NORM, first=first)


def _whole(store: Store) -> GapReport:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        return gap_report(store, period=PERIOD, kinds=LISTED, norm=NORM)


def _every_page_is_the_whole_lists_start(store: Store) -> GapReport:
    whole = _whole(store)
    longest = max(len(v) for v in whole.gaps.values())
    for first in range(longest + 2):
        page = _screen(store, first)
        assert page.counts == whole.counts, first
        for kind in LISTED:
            assert page.gaps[kind] == whole.gaps[kind][:first], (kind, first)
    return whole


def test_the_lists_are_as_built(net: Store) -> None:
    whole = _whole(net)
    groups = [(g.territory_id, g.subject, g.value)
              for g in whole.gaps[GapKind.subject_without_methodist]]
    # «Физика » and физика are one group in D2; t-both counts in D1 (first school) and D3.
    assert [(d, (s or "").strip().lower(), v) for d, s, v in groups] == [
        ("D1", "биология", 1), ("D1", "физика", 1), ("D1", "химия", 1),
        ("D2", "биология", 2), ("D2", "физика", 2), ("D2", "химия", 1),
        ("D3", "биология", 1), ("D3", "физика", 1)]
    assert [(g.node_id, g.value) for g in whole.gaps[GapKind.methodist_over_load]] == [
        ("m-a", 2), ("m-b", 2), ("m-d", 3)]


def test_every_first_page_is_the_start_of_the_whole_list(net: Store) -> None:
    _every_page_is_the_whole_lists_start(net)
    # Asked again: read from what was kept, the same.
    _every_page_is_the_whole_lists_start(net)


def test_the_pages_follow_writes_that_add_and_remove_gaps(net: Store) -> None:
    _every_page_is_the_whole_lists_start(net)
    # A methodist of физика now supports D2's second school: its физика group goes.
    net.write(_batch(
        Person(id="m-phys", full_name="Методист физики"),
        HasRole(source="m-phys", target="mms-3", role="municipal_methodist",
                subjects=["физика"], start=_S),
        Supports(source="m-phys", target="s2b", start=_ON)))
    whole = _every_page_is_the_whole_lists_start(net)
    assert ("D2", "физика") not in {(g.territory_id, (g.subject or "").strip().lower())
                                    for g in whole.gaps[GapKind.subject_without_methodist]}
    # A new teacher with a deficit in химия in D3, supported by m-c: a group and a methodist
    # over the norm appear (m-c now has 2 teachers), between the others by id and district.
    net.write(_batch(
        Person(id="t6", full_name="Учитель t6"),
        EmployedAt(source="t6", target="s3", start=_S),
        HasDeficit(source="t6", target="c-chem", date=dt.date(2025, 3, 1)),
        Supports(source="m-c", target="t6", start=_ON)))
    whole = _every_page_is_the_whole_lists_start(net)
    assert [g.node_id for g in whole.gaps[GapKind.methodist_over_load]] == [
        "m-a", "m-b", "m-c", "m-d"]
    assert ("D3", "химия") in {(g.territory_id, (g.subject or "").strip().lower())
                              for g in whole.gaps[GapKind.subject_without_methodist]}


def test_the_partials_keep_each_group_with_its_teachers(net: Store) -> None:
    found = kept_gaps(net, LISTED, period=PERIOD, norm=NORM)
    assert found is not None
    subjects = found[GapKind.subject_without_methodist]
    assert {d: n for d, (n, _g) in subjects.items()} == {"D1": 3, "D2": 3, "D3": 2}
    d3 = [g.split("\x1e") for g in subjects["D3"][1] or ()]
    assert d3 == [["биология", "t-both"], ["физика", "t4"]]
    load = found[GapKind.methodist_over_load]
    assert sorted(i for _n, ids in load.values() for i in ids or ()) == ["m-a", "m-b", "m-d"]


def _batch(*items: object) -> Batch:
    b = Batch()
    b.extend(items)  # type: ignore[arg-type]
    return b
