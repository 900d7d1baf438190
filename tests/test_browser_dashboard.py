"""The dashboard as coordinators use it, signed in, in a real headless Chromium at 1440×900 with
every request that would leave the computer aborted.

The store is :mod:`tests.viz_dataset` with the later, unflagged period of
:func:`tests.test_viz_screen.with_extras`, and in 2025-H1: ``vsev-s1`` low in physics too (it is
supported in mathematics only: wrongly supported), ``luga-s1`` flagged in history, in which
nobody supports it (wrongly supported, in another district), and 30 Luga schools without a
methodological service (a list longer than a page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.model import Assessment, Batch, HasAssessment, Organization
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore
from tests.callers import caller_headers
from tests.test_browser import _drawn, _Server, _shot, browser  # noqa: F401 (a fixture)
from tests.test_browser_screen import ENGLISH, INTERNAL_ID
from tests.test_viz_screen import with_extras
from tests.viz_dataset import PERIOD, SCHOOLS

pytestmark = pytest.mark.browser

DISTRICT = "RU-LEN-vsevolozhsky"
EXTRA_SCHOOLS = 30


def _store() -> MemoryStore:
    store = with_extras(MemoryStore())
    b = Batch()
    b.add(Assessment(id=f"a-vsev-s1-{PERIOD}", period=PERIOD, low_results=True,
                     low_subjects=["математика", "физика"]))
    b.add(Assessment(id=f"a-luga-s1-{PERIOD}", period=PERIOD, low_results=True,
                     low_subjects=["история"]))
    for i in range(EXTRA_SCHOOLS):
        sid = f"luga-x{i:02d}"
        b.add(Organization(id=sid, name=f"МОУ «ООШ № {i + 10}» г. Луги", kind="school",
                           level="institutional", territory_id="RU-LEN-luzhsky",
                           school_kind="general"))
        b.add(Assessment(id=f"a-{sid}-{PERIOD}", period=PERIOD))
        b.add(HasAssessment(source=sid, target=f"a-{sid}-{PERIOD}"))
    store.write(b)
    return store


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    with _Server(_store(), Settings(auth="on", load_norm=25)) as s:
        yield s


def _signed_in(browser: Any, server: _Server, scope: Scope) -> Any:  # noqa: F811
    """A fresh 1440×900 tab of a caller with ``scope``; requests leaving the host are aborted."""
    browser.clear_cookies()
    browser.set_extra_http_headers(caller_headers(server.server.config.app, scope))
    local = ("http://127.0.0.1:", "data:", "blob:")
    browser.unroute("**/*")
    browser.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local)
                  else route.abort())
    tab = browser.new_page()
    tab.set_viewport_size({"width": 1440, "height": 900})
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    return tab


@pytest.fixture
def district_tab(browser: Any, server: _Server) -> Iterator[Any]:  # noqa: F811
    tab = _signed_in(browser, server, Scope.of([DISTRICT]))
    yield tab
    tab.close()
    assert not tab.errors, tab.errors


@pytest.fixture
def region_tab(browser: Any, server: _Server) -> Iterator[Any]:  # noqa: F811
    tab = _signed_in(browser, server, Scope.of(["RU-LEN"]))
    yield tab
    tab.close()
    assert not tab.errors, tab.errors


def _words_a_user_reads(tab: Any) -> str:
    """What the page shows, and every row of its lists (also those on other pages of a list)."""
    rows = tab.evaluate("""() => (window.methodnetTables || []).map(t =>
        t.rows.map(r => r.innerText).join('\\n')).join('\\n')""")
    return tab.inner_text("body") + "\n" + rows


def test_a_district_coordinator_finds_the_problem_schools_and_opens_one(
        district_tab: Any, server: _Server) -> None:
    tab = district_tab
    tab.goto(server.url + "/")
    tab.click("header.top >> text=Панель мониторинга")
    tab.wait_for_selector("body[data-ready='1']")
    # Their own district, in the latest period in which monitoring flagged a school.
    assert tab.locator("h1").inner_text() == \
        "Панель мониторинга: Всеволожский муниципальный район"
    assert tab.locator("#period-name").inner_text() == "1-е полугодие 2025"
    cards = tab.locator("#gap-cards a.card")
    assert cards.nth(0).locator(".n").inner_text() == "1"  # vsev-s2, nobody supports it
    assert cards.nth(1).locator(".n").inner_text() == "1"  # vsev-s1, physics left out
    assert "(было " in cards.nth(1).inner_text()  # its trend
    assert "не по всем предметам" in cards.nth(1).inner_text()  # what the card counts
    assert tab.url == f"{server.url}/dashboard"  # no empty period from the landing page

    # The wrongly supported school: the card's figure opens its list.
    cards.nth(1).click()
    section = tab.locator("#gap-mismatched_low_results_school")
    assert section.get_attribute("open") is not None
    row = section.locator("tbody tr").first.inner_text()
    assert f"{SCHOOLS['vsev-s1'][0]}, Всеволожский район" in row
    assert "без поддержки — " in row and "физика" in row
    text = _words_a_user_reads(tab)
    assert "Луги" not in text and "Лужский" not in text  # another district's schools
    assert not INTERNAL_ID.findall(text), INTERNAL_ID.findall(text)
    assert not [w for w in ENGLISH if w in text.casefold()]
    _shot(tab, "dashboard-district-coordinator")

    # The unsupported one, found by typing in its list, opened in its view in the same period.
    unsupported = tab.locator("#gap-unsupported_low_results_school")
    unsupported.locator("input.t-search").fill("лицей")
    assert unsupported.locator("tbody tr").count() == 1
    unsupported.locator("a.item-link").click()
    tab.wait_for_url(f"**/network/school/vsev-s2?period={PERIOD}")
    assert _drawn(tab)["vsev-s2"]["flags"] == ["unsupported_low_results_school"]
    assert tab.locator("#period").input_value() == PERIOD


def test_lists_sort_filter_by_district_and_page(region_tab: Any, server: _Server) -> None:
    tab = region_tab
    tab.goto(f"{server.url}/dashboard?period={PERIOD}")
    tab.wait_for_selector("body[data-ready='1']")
    assert tab.locator("h1").inner_text() == "Панель мониторинга: Ленинградская область"
    mismatched = tab.locator("#gap-cards a.card[data-gap='mismatched_low_results_school']")
    assert mismatched.locator(".n").inner_text() == "2"  # vsev-s1, and luga-s1 for history
    assert "▲ +2 (было 0)" in mismatched.inner_text()
    code = "school_without_methodological_service"
    card = tab.locator(f"#gap-cards a.card[data-gap='{code}']")
    assert card.locator(".n").inner_text() == str(EXTRA_SCHOOLS + 2)
    card.click()
    section = tab.locator(f"#gap-{code}")
    assert section.get_attribute("open") is not None
    info = section.locator(".t-info")
    assert info.inner_text() == f"строки 1–25 из {EXTRA_SCHOOLS + 2}"
    assert section.locator("tbody tr").count() == 25
    section.locator("button.t-next").click()
    assert info.inner_text() == f"строки 26–{EXTRA_SCHOOLS + 2} из {EXTRA_SCHOOLS + 2}"

    # Sorting by name, in Russian order with numbers as numbers; twice turns it round.
    header = section.locator("th", has_text="Название")
    header.click()
    names = section.locator("tbody tr td:first-child")
    assert names.first.inner_text() == "МОУ «Лицей № 2» г. Всеволожска, Всеволожский район"
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert names.first.inner_text() == "МОУ «СОШ № 3» г. Луги, Лужский район"

    # The district filter applies to every list and is kept in the address.
    tab.select_option("#district-filter", DISTRICT)
    assert info.inner_text() == f"строки 1–1 из 1 (всего в списке {EXTRA_SCHOOLS + 2})"
    assert f"district={DISTRICT}" in tab.url
    wrongly = tab.locator("#gap-mismatched_low_results_school tbody tr")
    assert wrongly.count() == 1  # luga-s1 is filtered out
    assert SCHOOLS["vsev-s1"][0] in wrongly.inner_text()
    tab.reload()
    tab.wait_for_selector("body[data-ready='1']")
    assert tab.locator("#district-filter").input_value() == DISTRICT

    # A figure of the gaps per district opens its list, filtered to that district.
    tab.select_option("#district-filter", "")
    figure = tab.locator("#district-gaps tr[data-district='RU-LEN-luzhsky'] "
                         f"a[href$='#gap-{code}']")
    assert figure.inner_text() == str(EXTRA_SCHOOLS + 1)
    figure.click()  # in place; as a link (opened in a new tab, say) it gives the same view
    tab.wait_for_function(
        "document.getElementById('district-filter').value === 'RU-LEN-luzhsky'")
    assert info.inner_text() == f"строки 1–25 из {EXTRA_SCHOOLS + 1} (всего в списке " \
                                f"{EXTRA_SCHOOLS + 2})"
    assert tab.url.endswith(f"#gap-{code}")
    _shot(tab, "dashboard-region-filtered")
    # The same view as a link.
    tab.goto(server.url + str(figure.get_attribute("href")))
    tab.wait_for_selector("body[data-ready='1']")
    assert tab.locator("#district-filter").input_value() == "RU-LEN-luzhsky"
    assert tab.locator(f"#gap-{code}").get_attribute("open") is not None
    assert tab.locator(f"#gap-{code} .t-info").inner_text().startswith(
        f"строки 1–25 из {EXTRA_SCHOOLS + 1}")

    # The download is there, and nothing left the computer.
    with tab.expect_download() as download:
        tab.click("#download-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
