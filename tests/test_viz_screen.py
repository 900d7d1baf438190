"""The coordinator's screen without a browser: where the pages open, what links keep, which
words a page uses, on both stores."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.model import Assessment, Batch, HasAssessment, Municipality, Region
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.callers import caller_headers
from tests.viz_dataset import PERIOD, SCHOOLS, load
from viz.dashboard import dashboard
from viz.home import home_territory
from viz.period import data_period, default_period
from viz.workbook import gaps_xlsx

LATER = "2025-H2"


def with_extras(store: Store) -> Store:
    """The viz dataset, a later period with nothing flagged and an empty first region."""
    load(store)
    b = Batch()
    for sid in SCHOOLS:
        b.add(Assessment(id=f"a-{sid}-{LATER}", period=LATER))
        b.add(HasAssessment(source=sid, target=f"a-{sid}-{LATER}"))
    b.add(Region(id="RU-AMU", name="Амурская область"))
    b.add(Municipality(id="RU-AMU-zeya", name="Город Зея", region_id="RU-AMU"))
    store.write(b)
    return store


@pytest.fixture
def extras(store: Store) -> Store:
    return with_extras(store)


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(store=with_extras(MemoryStore()),
                                 settings=Settings(load_norm=25)))


def test_defaults_are_the_busiest_region_and_the_latest_flagged_period(extras: Store) -> None:
    assert default_period(extras) == LATER
    assert data_period(extras) == PERIOD
    assert home_territory(extras, Scope()) == "RU-LEN"  # not Амурская, first by id and name
    assert home_territory(extras, Scope(), "RU-AMU") == "RU-AMU"
    assert home_territory(extras, Scope(), "RU-nowhere") == "RU-LEN"
    district = Scope.of(["RU-LEN-luzhsky"])
    assert home_territory(extras, district) == "RU-LEN-luzhsky"
    assert home_territory(extras, district, "RU-AMU") == "RU-LEN-luzhsky"  # never wider


def test_dashboard_lists_wrongly_supported_schools_with_names(extras: Store) -> None:
    board = dashboard(extras, "RU-LEN", PERIOD)
    codes = [g.code for g in board.gaps]
    assert codes[:2] == ["unsupported_low_results_school", "mismatched_low_results_school"]
    unsupported = board.gaps[0]
    assert [i.node_id for i in unsupported.items] == ["vsev-s2"]
    assert unsupported.items[0].territory == "Всеволожский муниципальный район"
    assert "1-е полугодие 2025" in unsupported.items[0].detail
    assert (unsupported.previous, unsupported.trend) == (0, 1)
    assert all(not re.search(r"RU-LEN|\d{4}-H\d", i.territory + i.detail)
               for g in board.gaps for i in g.items)


def test_mismatched_school_is_listed(store: Store) -> None:
    load(store)
    b = Batch()
    # vsev-s1 is supported in mathematics; its results are now low in physics too.
    b.add(Assessment(id=f"a-vsev-s1-{PERIOD}", period=PERIOD, low_results=True,
                     low_subjects=["математика", "физика"]))
    store.write(b)
    mismatched = dashboard(store, "RU-LEN", PERIOD).gaps[1]
    assert mismatched.code == "mismatched_low_results_school"
    assert [i.node_id for i in mismatched.items] == ["vsev-s1"]
    detail = mismatched.items[0].detail
    assert "поддержка — математика" in detail and "без поддержки — физика" in detail
    assert mismatched.previous == 0  # in 2024-H2 its only low subject was supported


def test_a_district_coordinator_opens_on_their_district(client: TestClient) -> None:
    headers = caller_headers(client.app, Scope.of(["RU-LEN-luzhsky"]))  # type: ignore[arg-type]
    html = client.get("/dashboard", headers=headers).text
    assert "<h1>Панель мониторинга: Лужский муниципальный район</h1>" in html
    r = client.get("/network/region", headers=headers, follow_redirects=False)
    assert r.headers["location"] == "/network/district/RU-LEN-luzhsky"


def test_local_mode_remembers_the_territory_chosen(client: TestClient) -> None:
    html = client.get("/dashboard").text
    assert "<h1>Панель мониторинга: Ленинградская область</h1>" in html
    assert 'id="period-name">1-е полугодие 2025<' in html
    client.get("/dashboard?territory=RU-AMU")
    assert "<h1>Панель мониторинга: Амурская область</h1>" in client.get("/dashboard").text
    r = client.get("/network/region?period=2024-H2", follow_redirects=False)
    assert r.headers["location"] == "/network/region/RU-AMU?period=2024-H2"


def test_links_keep_the_period(client: TestClient) -> None:
    html = client.get("/dashboard?territory=RU-LEN&period=2024-H2").text
    assert 'href="/network/district/RU-LEN-vsevolozhsky?period=2024-H2"' in html
    assert 'href="/dashboard?period=2024-H2"' in html  # the top menu
    page = client.get("/network/school/vsev-s1?period=2024-H2").text
    assert '<option value="2024-H2" selected>2-е полугодие 2024</option>' in page
    assert 'href="/network/region?period=2024-H2"' in page
    assert '"period":"2024-H2"' in page  # the period the page's own links append


def test_error_pages_are_russian_with_a_way_back(client: TestClient) -> None:
    for path, status in [("/network/district/RU-LEN-nowhere", 404),
                         ("/dashboard?period=2031-Q9", 400)]:
        r = client.get(path)
        assert r.status_code == status
        main = r.text.split("<main>")[1].split("</main>")[0]
        text = re.sub(r"<[^>]+>", " ", main)
        assert "На главную" in text and "Вернуться назад" in text
        assert not re.search(r"RU-LEN|2031-Q9|[A-Za-z]{3,} [a-z]{3,}", text), text


def test_landing_page_sorts_districts_and_says_where_it_serves(client: TestClient) -> None:
    html = client.get("/").text
    districts = re.findall(r'href="/network/district/[^"]+">([^<]+)<', html)
    assert districts == sorted(districts, key=str.casefold)
    assert districts[0] == "Всеволожский муниципальный район"
    assert "http://testserver/" in html and "METHODNET_PORT" in html
    assert 'rel="icon"' in html
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.text.startswith("<svg")


def test_gap_xlsx_names_territories(client: TestClient) -> None:
    import io

    from openpyxl import load_workbook

    store = with_extras(MemoryStore())
    wb = load_workbook(io.BytesIO(gaps_xlsx(dashboard(store, "RU-LEN", PERIOD))))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None]
    assert "Всеволожский муниципальный район" in cells
    assert not [c for c in cells if "RU-LEN" in c or re.search(r"\d{4}-H\d", c)]


def test_no_trend_against_a_period_without_monitoring(extras: Store) -> None:
    board = dashboard(extras, "RU-LEN", "2024-H2")  # 2024-H1 has no assessment at all
    assert board.gaps[0].previous is None and board.gaps[0].trend is None
    assert dashboard(extras, "RU-LEN", LATER).gaps[0].previous == 1
