"""What a territory filter within a caller's scope looks at (:func:`visibility_of`): the same
areas on both stores, from a single read however the territory and the scope combine."""

from __future__ import annotations

import pytest

from graph.model import Municipality, Region
from graph.model.batch import Batch
from graph.queries.scope import Scope
from graph.queries.visibility import SEE_ALL, municipality_regions, visibility_of
from graph.store.base import Store
from tests.reads import count_reads


# Two regions: A with districts; B with district B-1.
def _territories() -> Batch:
    b = Batch()
    b.add(Region(id="A", name="Регион А"))
    b.add(Region(id="B", name="Регион Б"))
    b.add(Municipality(id="A-1", name="Район А1", region_id="A"))
    b.add(Municipality(id="A-2", name="Район А2", region_id="A"))
    b.add(Municipality(id="B-1", name="Район Б1", region_id="B"))
    return b


CASES = [
    # (territory, scope territories, inside, above)
    ("A", None, {"A", "A-1", "A-2"}, set()),
    ("A-1", None, {"A-1"}, {"A"}),
    (None, ["A-2"], {"A-2"}, {"A"}),
    (None, ["A", "B-1"], {"A", "A-1", "A-2", "B-1"}, {"B"}),
    ("A", ["A-1"], {"A-1"}, {"A"}),
    ("A-1", ["A"], {"A-1"}, {"A"}),
    ("B", ["A"], set(), set()),
    ("B-1", ["A-1", "B"], {"B-1"}, {"B"}),
    ("nowhere", None, {"nowhere"}, set()),
    (None, ["nowhere"], {"nowhere"}, set()),
]


@pytest.mark.parametrize(("territory", "allowed", "inside", "above"), CASES)
def test_the_area_looked_at_in_one_read(
    store: Store, territory: str | None, allowed: list[str] | None, inside: set[str],
    above: set[str],
) -> None:
    store.write(_territories())
    scope = Scope.of(allowed)
    found = visibility_of(store, territory_id=territory, scope=scope)
    assert (set(found.inside or ()), set(found.above)) == (inside, above)
    if hasattr(store, "round_trips"):
        assert count_reads(store, lambda: visibility_of(store, territory_id=territory,
                                                        scope=scope)) == 1


def test_no_read_for_an_unrestricted_question_of_the_country(store: Store) -> None:
    store.write(_territories())
    assert count_reads(store, lambda: visibility_of(store)) == 0
    assert visibility_of(store) is SEE_ALL


def test_the_regions_of_municipalities_named_or_within(store: Store) -> None:
    store.write(_territories())
    assert municipality_regions(store, ["B", "A-2", "A"]) == {
        "A-1": "A", "A-2": "A", "B-1": "B"}
    assert municipality_regions(store, ["A-1"]) == {"A-1": "A"}
    assert municipality_regions(store, ["B", "nowhere"]) == {"B-1": "B"}
    assert municipality_regions(store, []) == {}
