"""Regulations saved as web pages: a site's page with navigation and footer, Word's "save as
HTML", a bare fragment, HTML saved under .txt; a text that merely mentions "<" stays text.
All texts here are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.loaders.regulations import Gazetteer, RegulationMeta, read_regulation_file
from graph.loaders.regulations.source import html_text, is_html, read_text

EMPTY = Gazetteer([], [], [])
runner = CliRunner()

CMS_PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Положение | Сайт центра</title>
<style>p { margin: 0 }</style><script>var menu = "1.1. не пункт";</script></head>
<body><nav><ul><li><a href="/">Главная</a></li><li><a href="/docs/">Документы</a></li></ul></nav>
<div class="content">
<h1>ПОЛОЖЕНИЕ<br>о методическом совете Тестового района</h1>
<h2>1. Общие положения</h2>
<p>1.1. Методический совет Тестового района (далее&nbsp;&ndash; Совет) является
коллегиальным органом.</p>
<h2>2. Функции Совета</h2>
<p>2.1. Совет осуществляет:</p>
<ul><li>анализ результатов оценочных процедур;</li>
<li>разработку мер поддержки школ с низкими образовательными результатами.</li></ul>
<table><tr><td>Участник</td><td>Функция</td></tr>
<tr><td>Совет</td><td>экспертиза программ</td></tr></table>
</div>
<footer>&copy; Центр, 2025 | <a href="/contacts/">1.5. Контакты</a></footer>
</body></html>
"""

WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251">
<style><!-- p.MsoNormal {margin:0cm} --></style></head>
<body lang=RU><div class=WordSection1>
<p class=MsoNormal align=center><b>Положение о школьном методическом объединении<o:p></o:p></b></p>
<p class=MsoNormal>1. Общие положения<o:p></o:p></p>
<p class=MsoNormal>1.1. Методическое объединение учителей начальных классов (далее &#8211;
МО) создаётся в школе.<o:p></o:p></p>
<p class=MsoNormal>2. Функции МО<o:p>&nbsp;</o:p></p>
<p class=MsoNormal>2.1. МО проводит анализ результатов всероссийских проверочных
работ.<o:p></o:p></p>
</div></body></html>
"""

FRAGMENT = ("<p>1. Общие положения</p>\n<p>1.1. Совет молодых педагогов Тестового города "
            "(далее – Совет) создаётся при управлении образования.</p>\n"
            "<p>2. Функции</p>\n<p>2.1. Совет организует наставничество.</p>\n")


def _meta() -> RegulationMeta:
    return RegulationMeta.model_validate({"id": "reg-h", "title": "Положение"})


def test_a_site_page_drops_navigation_scripts_and_footer() -> None:
    text = html_text(CMS_PAGE)
    lines = text.splitlines()
    assert lines[:2] == ["ПОЛОЖЕНИЕ", "о методическом совете Тестового района"]
    assert "1.1. Методический совет Тестового района (далее – Совет) является коллегиальным " \
           "органом." in lines
    assert "- анализ результатов оценочных процедур;" in lines
    assert "Совет | экспертиза программ" in lines
    assert not any(w in text for w in ("Главная", "var menu", "margin", "Контакты", "©", "<"))


def test_word_save_as_html_is_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "mo.htm"
    path.write_bytes(WORD_PAGE.encode("cp1251"))
    assert read_text(path).splitlines() == [
        "Положение о школьном методическом объединении", "1. Общие положения",
        "1.1. Методическое объединение учителей начальных классов (далее – МО) создаётся в "
        "школе.", "2. Функции МО",
        "2.1. МО проводит анализ результатов всероссийских проверочных работ."]


@pytest.mark.parametrize("name", ["council.html", "council.txt"])
def test_a_page_is_read_as_its_text_whatever_its_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(CMS_PAGE, "utf-8")
    doc = read_regulation_file(path, _meta(), EMPTY)
    numbers = sorted(n.props["number"] for n in doc.batch.nodes.values() if n.label == "Clause")
    assert numbers == ["1", "1.1", "2", "2.1"]  # nothing from the script or the footer
    council = next(n.id for n in doc.batch.nodes.values() if n.label == "Organization"
                   and n.props["name"].lower() == "методический совет тестового района")
    duties = doc.duties_of(council)
    assert "анализ результатов оценочных процедур" in duties
    low = [d for d in doc.duties if "low_results_support" in d.categories]
    assert [d.clause_number for d in low] == ["2.1"]


def test_a_bare_fragment_under_txt_is_html() -> None:
    assert is_html(FRAGMENT)
    assert html_text(FRAGMENT).splitlines()[1].startswith("1.1. Совет молодых педагогов")


@pytest.mark.parametrize("text", [
    "1.1. Доля школ с результатом <50 % снижается.\n1.2. Совет <b>не</b> тег, x < y.",
    "2.1. Совет рассматривает вопросы, где баллы < 30 и > 10.",
    "Положение\n1. Общие положения\n1.1. Совет (см. <приложение>) создаётся.",
])
def test_a_text_that_mentions_brackets_stays_text(tmp_path: Path, text: str) -> None:
    assert not is_html(text)
    path = tmp_path / "plain.txt"
    path.write_text(text, "utf-8")
    assert read_text(path) == text


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_load_and_check_read_a_saved_page(cli_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "council.html"
    path.write_text(CMS_PAGE, "utf-8")
    checked = runner.invoke(app, ["regulations", "check", str(path), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    numbers = [c["number"] for c in json.loads(checked.stdout)["clauses"]]
    assert numbers == ["1", "1.1", "2", "2.1"]
    loaded = runner.invoke(app, ["load", str(path), "--territory", "RU-PSK", "-q"])
    assert loaded.exit_code == 0, loaded.output
    shown = runner.invoke(app, ["regulations", "show", "reg-council", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert {d["clause"] for d in json.loads(shown.stdout)["duties"]} >= {"2.1"}
