"""The «Закрыть пробелы» page and the dashboard's candidate column, over HTTP on the hand-built
network of :mod:`tests.viz_dataset`: accept what is ticked, refuse stale, cross-site and
read-only posts, escape what users typed."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.main import create_app
from graph.auth.audit import audit_log
from graph.model import Batch, Person
from graph.queries.gaps import teachers_without_methodist
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.callers import caller_headers
from tests.viz_dataset import PERIOD, load

PAGE = f"/plan?territory=RU-LEN&period={PERIOD}"
PAIRS = ["m-smirnova|t23|teacher_without_methodist", "m-smirnova|t24|teacher_without_methodist"]


@pytest.fixture
def memory() -> Store:
    return load(MemoryStore())


@pytest.fixture
def client(memory: Store) -> TestClient:
    return TestClient(create_app(store=memory, settings=Settings(load_norm=25)))


def _revision(html: str) -> str:
    found = re.search(r'name="revision" value="(\d+)"', html)
    assert found, html[:2000]
    return found.group(1)


def _open(store: Store) -> set[str]:
    return {g.node_id for g in teachers_without_methodist(store, territory_id="RU-LEN",
                                                          period=PERIOD)}


def test_page_shows_plan_open_gaps_and_before_after(client: TestClient) -> None:
    r = client.get(PAGE)
    assert r.status_code == 200
    html = r.text
    assert "Закрыть пробелы: Ленинградская область" in html
    for key in PAIRS:
        assert f'value="{key}"' in html
    assert "Принять отмеченные" in html
    assert 'id="gaps-before-after"' in html and 'id="indicators-before-after"' in html
    row = re.search(r"<td>Педагоги без закреплённого методиста</td><td class=\"num before\">"
                    r"(\d+)</td><td class=\"num after[^\"]*\">(\d+)</td>", html)
    assert row and row.groups() == ("7", "0")
    assert "Молодые педагоги с поддержкой" in html  # an indicator, before and after


def test_accepting_two_ticked_pairs(client: TestClient, memory: Store) -> None:
    revision = _revision(client.get(PAGE).text)
    assert {"t23", "t24"} <= _open(memory)
    r = client.post("/plan/accept", data={"territory": "RU-LEN", "period": PERIOD,
                                          "revision": revision, "pair": PAIRS},
                    follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/plan?territory=RU-LEN&period={PERIOD}&accepted=2"
    assert not {"t23", "t24"} & _open(memory)
    (entry,) = audit_log(memory, action="plan_accept").entries
    assert (entry.actor, entry.via, entry.ids_total) == ("local", "page", 2)
    after = client.get(r.headers["location"]).text
    assert "Принято связей: 2" in after
    assert 'value="m-smirnova|t23|teacher_without_methodist"' not in after


def test_a_stale_form_is_refused_with_a_link_to_recompute(client: TestClient,
                                                         memory: Store) -> None:
    revision = _revision(client.get(PAGE).text)
    b = Batch()
    b.add(Person(id="late", full_name="Поздняя Анна"))
    memory.write(b)
    r = client.post("/plan/accept", data={"territory": "RU-LEN", "period": PERIOD,
                                          "revision": revision, "pair": PAIRS})
    assert r.status_code == 409
    assert "План рассчитан на устаревших данных" in r.text
    assert f'id="recompute" href="/plan?territory=RU-LEN&amp;period={PERIOD}"' in r.text
    assert {"t23", "t24"} <= _open(memory)  # nothing written


def test_cross_site_and_strange_posts_write_nothing(client: TestClient, memory: Store) -> None:
    revision = _revision(client.get(PAGE).text)
    form = {"territory": "RU-LEN", "period": PERIOD, "revision": revision, "pair": PAIRS}
    r = client.post("/plan/accept", data=form, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and "другого сайта" in r.text
    odd = client.post("/plan/accept", data={**form, "pair": ["m-smirnova|t01|young_x"]})
    assert odd.status_code == 400 and "нет в плане" in odd.text
    assert "Traceback" not in odd.text
    assert {"t23", "t24"} <= _open(memory)


def test_a_read_only_caller_sees_no_button_and_is_refused(memory: Store) -> None:
    app = create_app(store=memory, settings=Settings(load_norm=25))
    client = TestClient(app)
    headers = caller_headers(app, Scope.of(["RU-LEN"], read_only=True, pseudonymised=True))
    html = client.get(PAGE, headers=headers).text
    assert "Только просмотр" in html and "Принять отмеченные" not in html
    assert 'type="checkbox" name="pair"' not in html
    r = client.post("/plan/accept", headers=headers,
                    data={"territory": "RU-LEN", "period": PERIOD, "revision": "1",
                          "pair": PAIRS})
    assert r.status_code == 403
    assert {"t23", "t24"} <= _open(memory)


def test_what_users_typed_is_escaped(memory: Store, client: TestClient) -> None:
    b = Batch()
    (t23,) = memory.get_nodes(["t23"]).values()
    b.add(Person(id="t23", full_name="<b>Кузьмина</b>", birth_year=t23.props.get("birth_year"),
                 career_start_year=t23.props.get("career_start_year")))
    memory.write(b)
    html = client.get(PAGE).text
    assert "&lt;b&gt;Кузьмина&lt;/b&gt;" in html and "<b>Кузьмина</b>" not in html


def test_dashboard_links_the_page_and_says_who_could_take_each_gap(client: TestClient) -> None:
    html = client.get(f"/dashboard?territory=RU-LEN&period={PERIOD}").text
    assert f'id="close-gaps" class="button" href="/plan?territory=RU-LEN&amp;period={PERIOD}"' \
        in html
    assert "<th>Кто мог бы взять</th>" in html
    assert ("математика: Смирнова Ольга Петровна (региональный методист, нагрузка 4 из 25)"
            in html)
    r = client.get(f"/dashboard/gaps.xlsx?territory=RU-LEN&period={PERIOD}")
    sheet = load_workbook(io.BytesIO(r.content))["ШНОР без поддержки"]
    assert sheet["D2"].value == "Кто мог бы взять"
    assert sheet["D3"].value == (
        "математика: Смирнова Ольга Петровна (региональный методист, нагрузка 4 из 25)")


@pytest.mark.parametrize(("address", "status", "says"), [
    ("/plan?territory=RU-LEN-nowhere", 404, "территория не найдена"),
    ("/plan?territory=RU-LEN&period=2031-Q9", 400, "проверьте адрес страницы"),
    ("/plan?territory=vsev-s1", 404, "территория не найдена"),
])
def test_bad_addresses_get_a_russian_page(client: TestClient, address: str, status: int,
                                          says: str) -> None:
    r = client.get(address)
    assert r.status_code == status and says in r.text.lower()
    assert "Traceback" not in r.text
