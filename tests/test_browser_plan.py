"""The «Закрыть пробелы» page in a real headless Chromium: from the dashboard to the plan, tick
two pairs, accept them, and see the gaps drop; nothing is fetched from outside the computer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.store import MemoryStore
from tests.test_browser import _Server, _shot, browser  # noqa: F401 (a fixture)
from tests.viz_dataset import PERIOD, load

pytestmark = pytest.mark.browser

TEACHERS = "Педагоги без закреплённого методиста"


@pytest.fixture
def server() -> Iterator[_Server]:
    """A server of its own: the test writes."""
    with _Server(load(MemoryStore())) as s:
        yield s


@pytest.fixture
def page(browser: Any, server: _Server) -> Iterator[Any]:  # noqa: F811
    tab = browser.new_page()
    outside: list[str] = []

    def block(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    tab.route(lambda url: not url.startswith(("http://127.0.0.1:", "data:", "blob:")), block)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    tab.close()
    assert not errors, errors
    assert not outside, outside


def _gaps(tab: Any, name: str) -> tuple[int, int]:
    row = tab.locator("#gaps-before-after tr", has_text=name)
    return int(row.locator("td.before").inner_text()), int(row.locator("td.after").inner_text())


def test_tick_two_pairs_accept_and_the_gaps_drop(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/dashboard?territory=RU-LEN&period={PERIOD}")
    page.wait_for_selector("body[data-ready='1']")
    card = int(page.locator("#gap-cards a[data-gap='teacher_without_methodist'] .n")
               .inner_text())  # only those with deficits or young: the plan closes every one
    page.click("#close-gaps")
    page.wait_for_url(f"**/plan?territory=RU-LEN&period={PERIOD}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("h1").inner_text() == "Закрыть пробелы: Ленинградская область"
    before = _gaps(page, TEACHERS)[0]
    assert before >= card and _gaps(page, TEACHERS) == (before, 0)
    _shot(page, "plan-before")
    page.check("input[value='m-smirnova|t23|teacher_without_methodist']")
    page.check("input[value='m-smirnova|t24|teacher_without_methodist']")
    page.click("#accept")
    page.wait_for_url("**accepted=2**")
    page.wait_for_selector("body[data-ready='1']")
    assert "Принято связей: 2" in page.locator("#accepted").inner_text()
    assert _gaps(page, TEACHERS)[0] == before - 2
    assert page.locator("input[value='m-smirnova|t23|teacher_without_methodist']").count() == 0
    _shot(page, "plan-after")
    page.goto(f"{server.url}/dashboard?territory=RU-LEN&period={PERIOD}")
    page.wait_for_selector("body[data-ready='1']")
    note = page.locator("section, details", has_text="всего педагогов без закреплённого "
                                                     "методиста").last.text_content() or ""
    assert f"всего педагогов без закреплённого методиста: {before - 2}" in note
