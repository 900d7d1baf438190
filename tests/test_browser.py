"""The coordinator's screen in a real headless Chromium: dashboard → gap → network view.

Needs Debian's chromium (``tools/install-chromium.sh``) and Playwright for Python; Playwright's
own browser download is never used. Screenshots go to ``test-artifacts/screenshots``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.main import create_app
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.viz_dataset import PERIOD, SCHOOLS, load

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
LENINGRAD = REPO / "data" / "samples" / "leningrad"


class _Server:
    """The app on a free local port, served by uvicorn in a thread."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        app = create_app(store=store, settings=settings or Settings(load_norm=25))
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    with _Server(load(MemoryStore())) as s:
        yield s


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run tools/install-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        # A persistent context is how Playwright takes a fresh --user-data-dir of our choosing.
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 860},
            locale="ru-RU")
        yield context
        context.close()


@pytest.fixture
def page(browser: Any, server: _Server) -> Iterator[Any]:
    """A tab that records every request it makes, so tests can prove nothing left the host."""
    tab = browser.new_page()
    tab.requested = []
    tab.on("request", lambda r: tab.requested.append(r.url))
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    tab.close()
    assert not errors, errors
    local = ("http://127.0.0.1:", "data:", "blob:")
    foreign = [u for u in tab.requested if not u.startswith(local)]
    assert not foreign, foreign


def _drawn(tab: Any) -> dict[str, dict[str, Any]]:
    """The nodes vis-network holds, read from its DataSet in the page."""
    tab.wait_for_function("window.methodnet && window.methodnet.ready === true", timeout=60_000)
    nodes = tab.evaluate("""() => window.methodnet.nodes.get().map(n => ({
        id: n.id, label: n.plain_label, group: n.group, flags: n.flags, count: n.count || null,
        flag_counts: n.flag_counts || {}, hidden: !!n.hidden, link: n.link || null}))""")
    return {n["id"]: n for n in nodes}


def _canvas_painted(tab: Any) -> bool:
    """Whether the network canvas has coloured pixels (the drawing happened, not just the DOM)."""
    return bool(tab.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        if (!c || !c.width) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4 * 97) {
            if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) coloured++;
        }
        return coloured > 50;
    }"""))


def _shot(tab: Any, name: str) -> Path:
    """A screenshot kept with the test run's artifacts (the docs' images come from
    ``tools/screenshots*.py`` on the sample data, never from a test's tiny graphs)."""
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path


def test_dashboard_gap_leads_to_its_network_view(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/dashboard?territory=RU-LEN&period={PERIOD}")
    page.wait_for_selector("body[data-ready='1']")
    labels = page.evaluate("() => window.methodnetDashboard.chart.data.labels")
    assert labels == ["Всеволожский муниципальный район", "Лужский муниципальный район"]
    current = page.evaluate("() => window.methodnetDashboard.chart.data.datasets[1].data")
    assert current == [17.9, 0.0]  # share diagnosed, per cent, as the table shows
    card = page.locator("#gap-cards a[data-gap='unsupported_low_results_school'] .n")
    assert card.inner_text() == "1"
    page.select_option("#chart-indicator", "share_schools_with_methodological_service")
    assert page.evaluate("() => window.methodnetDashboard.chart.data.datasets[1].data") == \
        [50.0, 0.0]
    _shot(page, "dashboard")  # the README image: test_browser_screen.py, 1440×900

    page.click("table[data-gap='unsupported_low_results_school'] a.focus-link[data-node='vsev-s2']")
    page.wait_for_url("**/network/focus/vsev-s2**")
    nodes = _drawn(page)
    assert nodes["vsev-s2"]["label"] == "МОУ «Лицей № 2» г. Всеволожска"
    assert nodes["vsev-s2"]["flags"] == ["unsupported_low_results_school"]
    teachers = {f"t{i}" for i in range(23, 29)}  # the school's six teachers
    assert teachers <= set(nodes)
    assert {"a-vsev-s2-2025-H1", "RU-LEN-vsevolozhsky"} <= set(nodes)
    assert "vsev-s1" not in nodes  # depth 1 stays in the neighbourhood
    assert page.locator("#details h2").inner_text() == "МОУ «Лицей № 2» г. Всеволожска"
    assert _canvas_painted(page)
    _shot(page, "focus-unsupported-school")


def test_overloaded_methodist_and_deficits_stand_out(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/dashboard?territory=RU-LEN&period={PERIOD}")
    page.click("#gap-cards a[data-gap='methodist_over_load']")  # opens the folded list
    page.click("table[data-gap='methodist_over_load'] a.focus-link[data-node='m-kuznetsov']")
    nodes = _drawn(page)
    assert nodes["m-kuznetsov"]["flags"] == ["overloaded_methodist"]
    supported = {n for n in nodes if n.startswith("t")}
    assert len(supported) == 26
    _shot(page, "focus-overloaded-methodist")


@pytest.mark.parametrize(("path", "expected", "name"), [
    ("/network/region/RU-LEN", {"RU-LEN", "LEN-koipo", "LEN-cnppm", "LEN-vsevolozhsky-mms",
                                "vsev-s1", "t01", "m-kuznetsov"}, "region"),
    ("/network/district/RU-LEN-luzhsky", {"RU-LEN-luzhsky", "luga-s1", "LEN-luzhsky-mms",
                                          "t30", "m-kuznetsov"}, "district"),
    ("/network/school/vsev-s1", {"vsev-s1", "vsev-s1-ms", "t01", "m-smirnova", "r-t02",
                                 "c-methods", "LEN-cnppm"}, "school"),
    ("/network/regulation/LEN-reg-004", {"LEN-reg-004", "LEN-reg-004-3.2.4", "LEN-cnppm",
                                         "LEN-reg-004-duty-1", "LEN-reg-004-ind-1"},
     "regulation"),
    ("/network/focus/LEN-cnppm?depth=2", {"LEN-cnppm", "LEN-loiro", "LEN-koipo",
                                          "LEN-luzhsky-mms", "m-smirnova"}, "focus-cnppm"),
])
def test_each_view_draws_its_nodes(page: Any, server: _Server, path: str, expected: set[str],
                                   name: str) -> None:
    page.goto(server.url + path)
    nodes = _drawn(page)
    assert expected <= set(nodes), expected - set(nodes)
    assert _canvas_painted(page)
    legend = page.locator("#legend").inner_text()
    assert "Образовательная организация" in legend or name == "regulation"
    _shot(page, name)


def test_own_controls_keep_cyrillic_and_nodes(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/network/region/RU-LEN?period={PERIOD}")
    before = _drawn(page)
    page.fill("#site-search", "петрова м")  # lower case, Cyrillic: the API's search
    page.wait_for_selector("#search-results a[data-node='t01']")
    page.click("#search-results a[data-node='t01']")
    assert page.evaluate("() => window.methodnet.network.getSelectedNodes()") == ["t01"]
    assert page.locator("#details h2").inner_text() == before["t01"]["label"] == "Петрова М. И."
    page.click("#collapse-all")
    # Hiding a legend group hides only that group; nothing vanishes, labels stay Cyrillic.
    page.click("#legend label[data-group='teacher'] input")
    after = _drawn(page)
    assert len(after) == len(before)
    assert all(n["hidden"] == (n["group"] == "teacher") for n in after.values())
    assert after["vsev-s1"]["label"] == SCHOOLS["vsev-s1"][0]
    page.click("#legend label[data-group='teacher'] input")
    assert not any(n["hidden"] for n in _drawn(page).values())
    _shot(page, "region-search")


def _point(page: Any, node: str) -> dict[str, float]:
    """Where ``node`` (or a cluster) is drawn on the screen."""
    return dict(page.evaluate("""id => {
        const net = window.methodnet.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", node))


def _shown(page: Any) -> list[str]:
    return list(page.evaluate("() => window.methodnet.shownIds()"))


def test_double_click_on_a_summarised_district_opens_it_in_place(
        page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/network/region/RU-LEN?period={PERIOD}&max_nodes=50")
    nodes = _drawn(page)
    assert "vsev-s1" not in nodes and "t25" not in nodes  # the districts are summarised
    assert nodes["RU-LEN-vsevolozhsky"]["flag_counts"]["unsupported_low_results_school"] == 1
    page.evaluate("() => { window.stayed = true; }")  # gone if the page were loaded again
    point = _point(page, "RU-LEN-vsevolozhsky")
    with page.expect_response(lambda r: "/network/data/district/RU-LEN-vsevolozhsky" in r.url
                              and f"period={PERIOD}" in r.url):  # the period is kept
        page.mouse.dblclick(point["x"], point["y"])
    page.wait_for_function("() => !!window.methodnet.nodes.get('vsev-s2')")
    shown = _shown(page)
    assert "cluster:school:vsev-s2" in shown and "t25" not in shown  # teachers still folded
    assert page.evaluate("() => window.stayed") is True
    page.evaluate("() => window.methodnet.showDetails('RU-LEN-vsevolozhsky')")
    page.click("#details >> text=Свернуть")
    shown = _shown(page)
    assert "cluster:district:RU-LEN-vsevolozhsky" in shown
    assert "cluster:school:vsev-s2" not in shown
    # Opened again from the page, without asking the server a second time.
    page.evaluate("() => window.methodnet.unfold('cluster:district:RU-LEN-vsevolozhsky')")
    assert "cluster:school:vsev-s2" in _shown(page)


def test_explorer_opens_graphiql_with_a_query(page: Any, server: _Server) -> None:
    page.goto(f"{server.url}/explorer")
    links = page.locator("a.example")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert href.startswith("/graphql?query=")
    _shot(page, "explorer")
    page.goto(f"{server.url}/")
    assert "Структура РСНМС по регионам" in page.inner_text("main")
    _shot(page, "landing")


@pytest.mark.skipif(not LENINGRAD.exists(), reason="the Leningrad sample is not generated")
def test_leningrad_region_is_summarised(browser: Any, sample_copy: Callable[[], Path]) -> None:
    store = MemoryStore(sample_copy())
    teachers = len({e.source for e in store.edges("HAS_ROLE", where={"role": "teacher"})})
    assert teachers > 10_000
    with _Server(store) as srv:
        tab = browser.new_page()
        started = time.perf_counter()
        tab.goto(f"{srv.url}/network/region/RU-LEN", timeout=180_000)
        nodes = _drawn(tab)
        seconds = time.perf_counter() - started
        assert len(nodes) < 300, len(nodes)  # the districts' schools and people stay out
        districts = [n for n in nodes.values() if n["id"].startswith("RU-LEN-")]
        assert len(districts) == 18
        held = tab.evaluate("""() => window.methodnet.nodes.get()
            .filter(n => n.expand).map(n => n.facts.filter(f => f[0].startsWith('Педагогов'))
            .map(f => Number(f[1]))[0]).reduce((a, b) => a + b, 0)""")
        assert held > 10_000  # the teachers are there, as counts
        assert _canvas_painted(tab)
        print(f"Leningrad region view: {len(nodes)} nodes in the page for {held} people, "
              f"{seconds:.1f} s to ready")
        _shot(tab, "leningrad-region")
        tab.close()
