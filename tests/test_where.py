"""Where: a question's territory, period, day and scope as one value, on the demo network of
graph/queries/demo.py (made-up data) and a tiny hand-built one, on both stores."""

from __future__ import annotations

import datetime as dt
import doctest
import re
from pathlib import Path

import pytest

from graph.model import Batch, Municipality, Region
from graph.queries.demo import demo_store
from graph.queries.gaps import gap_report
from graph.queries.indicators import indicators
from graph.queries.load import methodist_load
from graph.queries.network import isolated_schools
from graph.queries.plan import plan
from graph.queries.registry import QUESTIONS
from graph.queries.scope import Scope
from graph.queries.support import low_results_support
from graph.queries.where import Where
from graph.rules import InvalidArgument
from graph.store.base import Store

LEN = Where(territory_id="RU-LEN", period="2025-H1")


@pytest.fixture
def demo(store: Store) -> Store:
    return demo_store(store)


def test_a_question_answers_the_same_to_a_where_and_to_its_keywords(demo: Store) -> None:
    keywords = {"territory_id": "RU-LEN", "period": "2025-H1"}
    assert gap_report(demo, LEN).counts == gap_report(demo, **keywords).counts
    assert indicators(demo, LEN) == indicators(demo, **keywords)
    assert low_results_support(demo, LEN) == low_results_support(demo, **keywords)
    assert methodist_load(demo, LEN) == methodist_load(demo, **keywords)
    assert plan(demo, where=LEN).assignments == plan(demo, "RU-LEN", "2025-H1").assignments
    on = Where(territory_id="RU-LEN", on=dt.date(2025, 3, 1))
    assert isolated_schools(demo, on) == isolated_schools(demo, territory_id="RU-LEN",
                                                          on=dt.date(2025, 3, 1))


def test_the_registry_passes_the_caller_s_scope_inside_the_where(demo: Store) -> None:
    district = Scope.of(["RU-LEN-a"])
    asked = QUESTIONS["gap_report"].ask(demo, scope=district, period="2025-H1")
    direct = gap_report(demo, Where(period="2025-H1", scope=district))
    assert asked.counts == direct.counts
    assert {g.territory_id for gaps in asked.gaps.values() for g in gaps} <= {"RU-LEN-a", None}
    # Outside the scope: the same refusal as an unknown territory.
    with pytest.raises(InvalidArgument, match="outside your scope"):
        QUESTIONS["gap_report"].ask(demo, scope=district, territory_id="RU-LEN-b")


def test_a_where_and_keywords_at_once_is_a_mistake(demo: Store) -> None:
    with pytest.raises(TypeError, match="not both"):
        gap_report(demo, LEN, territory_id="RU-LEN")


@pytest.mark.parametrize("question", ["gaps", "indicators", "methodist-load"])
def test_a_bad_period_is_refused_once(demo: Store, question: str) -> None:
    q = next(q for q in QUESTIONS.values() if q.verb == question)
    with pytest.raises(InvalidArgument, match="period '2025-13' is not like 2025-H1"):
        q.ask(demo, period="2025-13")


def test_the_territories_follow_a_write(store: Store) -> None:
    """The closure is kept per store revision: a municipality added is in the next answer."""
    b = Batch()
    b.add(Region(id="R", name="Регион"))
    b.add(Municipality(id="M1", name="Район 1", region_id="R"))
    store.write(b)
    where = Where(territory_id="R")
    assert where.territories(store) == {"R", "M1"}
    assert where.territories(store) == {"R", "M1"}  # kept
    b = Batch()
    b.add(Municipality(id="M2", name="Район 2", region_id="R"))
    store.write(b)
    assert where.territories(store) == {"R", "M1", "M2"}
    assert Where(territory_id="R", scope=Scope.of(["M2"])).territories(store) == {"M2"}
    assert Where(scope=Scope.of(["R"])).territories(store) == {"R", "M1", "M2"}
    assert Where().territories(store) is None


def test_the_days_of_a_where() -> None:
    assert LEN.window == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert (LEN.first, LEN.day) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert LEN.replace(period="2024-H2").day == dt.date(2024, 12, 31)
    today = Where()
    assert today.window is None and today.first == today.day == dt.date.today()


def test_the_python_example_of_the_docs_runs() -> None:
    """docs/queries.md shows a Where at work; the example runs as written."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "queries.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "docs/queries.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0
