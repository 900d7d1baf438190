"""The coordinator's screen, second pass, in a real headless Chromium at 1440×900: it opens on
the coordinator's territory and the latest period with flagged schools, the problems first;
the period survives navigation; no page shows an internal id or an English word.

The store is the hand-built network of :mod:`tests.viz_dataset` plus two things that make the
defaults matter: a later period (2025-H2) in which no school is flagged, and a region
(Амурская область, first by id and by name) holding no schools.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from graph.store import MemoryStore
from tests.test_browser import _drawn, _Server, _shot, browser  # noqa: F401 (a fixture)
from tests.test_viz_screen import with_extras
from tests.viz_dataset import PERIOD, SCHOOLS

pytestmark = pytest.mark.browser

LATER = "2025-H2"  # assessed, nothing flagged: a dashboard there would show grey zeros
EARLIER = "2024-H2"

# What a coordinator must never read: ids, codes of periods, snake_case codes, English.
INTERNAL_ID = re.compile(r"\bRU-[A-Z]{2,3}\b|\b(?:RU-)?LEN-[\w.-]+|\b[a-z]+-[a-z0-9]+(?:-[\w-]+)?\b"
                         r"|\b[a-z]+_[a-z_]+\b|\b\d{4}-(?:H[12]|Q[1-4]|Y)\b")
ENGLISH = ["monitoring", "diagnostics", "mentoring", "coordination", "share_", "period",
           "node", "not found", "no municipality", "is not like", "aggregate", "school",
           "teacher", "methodist", "district", "region", "error", "internal", "unknown"]
MAIN_PAGES = [
    "/",
    "/dashboard",
    f"/dashboard?territory=RU-LEN-vsevolozhsky&period={PERIOD}",
    "/network/region/RU-LEN",
    f"/network/district/RU-LEN-vsevolozhsky?period={PERIOD}",
    f"/network/school/vsev-s2?period={PERIOD}",
    f"/network/focus/LEN-cnppm?depth=2&period={PERIOD}",
    "/network/regulation/LEN-reg-004",
    f"/plan?territory=RU-LEN&period={PERIOD}",
    "/network/district/RU-LEN-nowhere",
    "/dashboard?period=2031-Q9",
]


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    with _Server(with_extras(MemoryStore())) as s:
        yield s


@pytest.fixture
def page(browser: Any, server: _Server) -> Iterator[Any]:  # noqa: F811
    """A fresh 1440×900 tab without cookies; nothing it requests may leave the host."""
    browser.clear_cookies()
    tab = browser.new_page()
    tab.set_viewport_size({"width": 1440, "height": 900})
    requested: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: requested.append(r.url))
    tab.on("response", lambda r: failed.append(r.url) if r.status == 404 and
           "nowhere" not in r.url else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    tab.close()
    assert not errors, errors
    assert not [u for u in requested if not u.startswith(("http://127.0.0.1:", "data:",
                                                          "blob:"))]
    assert not failed, failed  # the favicon among them


def _query(url: str) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlparse

    return dict(parse_qsl(urlparse(url).query))


def test_dashboard_opens_on_the_latest_flagged_period_problems_first(
        page: Any, server: _Server) -> None:
    page.goto(server.url + "/")
    page.click("header.top >> text=Панель мониторинга")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("h1").inner_text() == "Панель мониторинга: Ленинградская область"
    assert page.locator("#period-name").inner_text() == "1-е полугодие 2025"  # not 2025-H2
    cards = page.locator("#gap-cards a.card")
    assert cards.nth(0).get_attribute("data-gap") == "unsupported_low_results_school"
    assert cards.nth(1).get_attribute("data-gap") == "mismatched_low_results_school"
    assert cards.nth(0).locator(".n").inner_text() == "1"
    assert "было 0" in cards.nth(0).inner_text()  # vsev-s2 was not flagged in 2024-H2
    # The first list on the page is the unsupported schools', with the school by its name.
    first = page.locator("table.gap").first
    assert first.get_attribute("data-gap") == "unsupported_low_results_school"
    row = first.locator("tbody tr").first.inner_text()
    assert SCHOOLS["vsev-s2"][0] in row and "Всеволожский муниципальный район" in row
    _shot(page, "dashboard-default")  # docs/img: tools/screenshots_dashboard.py, sample data

    # «Структура региона» opens the same territory, in the period on screen.
    page.click("header.top >> text=Структура региона")
    page.wait_for_url("**/network/region/RU-LEN?period=2025-H1")


def test_the_last_territory_chosen_is_remembered(page: Any, server: _Server) -> None:
    page.goto(server.url + "/dashboard")
    page.select_option("select[name=territory]", "RU-AMU")
    page.click("form.inline button[type=submit]")
    page.wait_for_url("**/dashboard?territory=RU-AMU**")
    page.goto(server.url + "/dashboard")
    assert page.locator("h1").inner_text() == "Панель мониторинга: Амурская область"
    page.goto(server.url + "/network/region")
    page.wait_for_url("**/network/region/RU-AMU")


def _open_school_from_district(page: Any, school: str) -> None:
    _drawn(page)
    page.evaluate("id => window.methodnet.showDetails(id)", school)
    page.click("#details >> text=Вид школы")


def test_the_period_survives_dashboard_district_school_and_back(
        page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/dashboard?territory=RU-LEN&period={EARLIER}")
    page.click("a.district-link >> text=Всеволожский муниципальный район")
    page.wait_for_url("**/network/district/RU-LEN-vsevolozhsky?period=2024-H2")
    assert page.locator("#period").input_value() == EARLIER
    assert page.locator("#period-name").inner_text() == "2-е полугодие 2024"
    _open_school_from_district(page, "vsev-s1")
    page.wait_for_url("**/network/school/vsev-s1?period=2024-H2")
    assert page.locator("#period").input_value() == EARLIER
    # Every drill-down link the page makes keeps the period, summary nodes' included.
    links = page.evaluate("""() => window.methodnet.nodes.get().filter(n => n.link)
        .map(n => window.methodnet.url(n.link))""")
    assert all(_query(u)["period"] == EARLIER for u in links)
    page.click("header.top >> text=Панель мониторинга")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#period-name").inner_text() == "2-е полугодие 2024"
    page.go_back()
    page.go_back()
    assert _query(page.url)["period"] == EARLIER
    assert page.locator("#period").input_value() == EARLIER

    # Changing the period on a network page reloads the view in that period, as a link.
    page.select_option("#period", PERIOD)
    page.wait_for_url(f"**/network/district/RU-LEN-vsevolozhsky?period={PERIOD}")
    _open_school_from_district(page, "vsev-s2")
    page.wait_for_url(f"**/network/school/vsev-s2?period={PERIOD}")
    assert _drawn(page)["vsev-s2"]["flags"] == ["unsupported_low_results_school"]
    _shot(page, "school-flagged")  # docs/img/network.png: tools/screenshots.py, sample data


def _visible_text(page: Any) -> str:
    """The page's text plus, on a network page, every node's label, tooltip facts and flags."""
    text = page.inner_text("body")
    if page.evaluate("() => !!window.methodnet"):
        _drawn(page)
        text += "\n" + page.evaluate("""() => window.methodnet.nodes.get().map(n =>
            [n.plain_label].concat(n.facts.map(f => f[0] + ': ' + f[1])).join('\\n'))
            .join('\\n')""")
        text += "\n" + page.inner_text("#legend")
    return text


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_page_shows_an_id_or_english(page: Any, server: _Server, path: str) -> None:
    page.goto(server.url + path)
    text = _visible_text(page)
    ids = sorted(set(INTERNAL_ID.findall(text)))
    assert not ids, ids
    lowered = text.casefold()
    english = [w for w in ENGLISH if w in lowered]
    assert not english, english
    if "nowhere" in path or "2031" in path:
        assert page.locator("#go-back").count() == 1  # an error page with a way back


def _pixel_of(page: Any, node: str) -> tuple[int, int, int]:
    """The colour drawn at the centre of a node, read from the canvas."""
    rgb = page.evaluate("""id => {
        const net = window.methodnet.network;
        net.redraw();
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const c = document.querySelector('#network canvas');
        const k = c.width / c.clientWidth;
        const d = c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k),
                                                  1, 1).data;
        return [d[0], d[1], d[2]];
    }""", node)
    return (rgb[0], rgb[1], rgb[2])


def test_gaps_only_keeps_the_flagged_school_red(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/network/district/RU-LEN-vsevolozhsky?period={PERIOD}")
    _drawn(page)
    page.evaluate("() => window.methodnet.network.setOptions({physics: {enabled: false}})")
    page.evaluate("() => window.methodnet.network.focus('vsev-s2', {scale: 2.5})")
    red = _pixel_of(page, "vsev-s2")
    assert red[0] > 180 and red[1] < 110, red
    page.check("#gaps-only")
    assert _pixel_of(page, "vsev-s2") == red  # not repainted in the school green
    # The legend's swatch for the flag is painted like the flagged node.
    swatch = page.evaluate("""() => getComputedStyle(document.querySelector(
        "#legend label[data-group='flag:unsupported_low_results_school'] .swatch"))
        .backgroundColor""")
    assert swatch == "rgb(229, 57, 53)"
