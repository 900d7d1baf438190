"""The methodists a district's area knows of, on both stores (on Neo4j the district's
methodist roles are one statement, ``cypher.AREA_ROLES``): everyone who holds a methodist role
at a body of the district, with all their active methodist roles wherever the body. A
hand-built network in region R (districts A and B) whose answer is known."""

from __future__ import annotations

import datetime as dt

from graph.model import HasRole, Person
from graph.queries.area import Area
from graph.queries.in_database import in_database
from graph.store.base import Store
from tests.test_plan import PERIOD, START, _base, _methodist

ENDED = dt.date(2024, 12, 31)  # before the period 2025-H1


def _network(store: Store) -> None:
    """mA: a municipal methodist of A (математика) who is also a regional one (физика).
    mOld: was a methodist of A until before the period, is one of B now. mB: of B only."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    b.add(HasRole(source="mA", target="cnppm", role="regional_methodist", subjects=["физика"],
                  start=START))
    b.extend([Person(id="mOld", full_name="mOld"),
              HasRole(source="mOld", target="mms-A", role="municipal_methodist",
                      subjects=["химия"], start=START, end=ENDED),
              HasRole(source="mOld", target="mms-B", role="municipal_methodist",
                      subjects=["биология"], start=START)])
    _methodist(b, "mB", "mms-B", ["история"])
    store.write(b)


def test_a_districts_methodists_with_all_their_roles(store: Store) -> None:
    _network(store)
    area = Area(store, territory_id="A", period=PERIOD)
    # Known: mA (all roles: the regional one decides the level and body) and mOld, who held
    # a role in A; mB never did (and supports nothing in A).
    assert sorted(area.methodists) == ["mA", "mOld"]
    m = area.methodists["mA"]
    assert (m.level, m.body_id, m.subjects) == ("regional", "cnppm", ("математика", "физика"))
    assert area.methodists["mOld"].subjects == ("биология",)
    # Local: only those whose active role is at a body located in A.
    assert [m.id for m in area.local_methodists()] == ["mA"]
    native = in_database(store)
    if native is not None:  # the in-database questions share the same read
        assert list(native.methodists(area)) == ["mA"]
        assert native.methodists(area)["mA"] == m


def test_a_districts_methodist_roles_are_one_read_on_neo4j(store: Store) -> None:
    _network(store)
    area = Area(store, territory_id="A", period=PERIOD)
    if not hasattr(store, "round_trips"):
        assert sorted(m.id for m in area.local_methodists()) == ["mA"]
        return
    trips = store.round_trips
    assert [m.id for m in area.local_methodists()] == ["mA"]
    assert store.round_trips - trips == 1
