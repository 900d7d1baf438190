"""Bodies found in the text and structure in every usual layout, rule by rule, on tiny texts
whose answers are known by construction."""

from __future__ import annotations

import pytest

from graph.loaders.regulations import (
    Gazetteer,
    ParsedRegulation,
    RegulationMeta,
    parse_regulation,
    read_regulations,
)
from graph.loaders.regulations.morph import lemma_key
from graph.loaders.regulations.report import LoadReport
from graph.loaders.regulations.text import split_clauses

EMPTY = Gazetteer([], [], [])


def _parse(text: str, reg: str = "reg-t", **meta: object) -> ParsedRegulation:
    return parse_regulation(text, RegulationMeta.model_validate(
        {"id": reg, "title": "Положение", "territory_id": "RU-TST", "level": "municipal",
         **meta}), EMPTY)


def _bodies(doc: ParsedRegulation) -> dict[str, dict[str, object]]:
    return {n.id: n.props for n in doc.batch.nodes.values() if n.label == "Organization"}


def _body(doc: ParsedRegulation, name: str) -> str:
    """The body called so in the document, in whatever case the text used."""
    return next(i for i, p in _bodies(doc).items()
                if lemma_key(name) in {lemma_key(str(n)) for n in (p["name"],
                                                                  *(p.get("aliases") or []))})


def test_roman_sections_are_clauses_not_duties() -> None:
    doc = _parse("I. Общие положения\n1.1. Совет молодых педагогов района (далее – Совет) "
                 "создаётся при отделе образования.\nII. Функции Совета\n2.1. Совет:\n"
                 "- проводит слёт молодых педагогов.\nIV. Порядок работы совета\n"
                 "4.1. Заседания проводятся ежегодно.")
    numbers = [c.number for c in doc.clauses]
    assert numbers == ["1", "1.1", "2", "2.1", "4", "4.1"]
    assert [d.text for d in doc.duties] == ["проводит слёт молодых педагогов"]


def test_roman_headings_above_straight_numbering_are_headings() -> None:
    report = LoadReport()
    t = split_clauses("I. Общие положения\n1. Текст.\n2. Текст.\nII. Структура\n3. Текст.",
                      report=report)
    assert [c.number for c in t.clauses] == ["1", "2", "3"]
    assert [s.line for s in report.skipped] == [1, 4]


@pytest.mark.parametrize("marker", ["1)", "а)", "–", "—", "•", "-"])
def test_list_markers_are_dropped_from_duties(marker: str) -> None:
    doc = _parse(f"1. Функции\n1.1. Функции Центра развития образования района:\n"
                 f"{marker} консультирование педагогов;\n{marker} организация семинаров.")
    assert [d.text for d in doc.duties] == ["консультирование педагогов", "организация семинаров"]


def test_a_joined_line_is_split_at_numbers_that_continue_the_numbering() -> None:
    t = split_clauses("1. Общие положения 1.1. Совет создан приказом от 29.12.2012 № 3.1. "
                      "1.2. Совет действует по плану 2.1 раза в год. 2. Задачи 2.1. Задачи: "
                      "- первая; - вторая.")
    assert [c.number for c in t.clauses] == ["1", "1.1", "1.2", "2", "2.1"]
    assert [p.text for p in t.clauses[-1].paragraphs] == ["Задачи:", "первая;", "вторая."]


def test_three_digit_parts_and_a_text_without_numbers() -> None:
    assert [c.number for c in split_clauses("2.105. Текст пункта.").clauses] == ["2.105"]
    t = split_clauses("Совет создаётся при управлении.\nЗадачи Совета:\n- первая;\n"
                      "Совет отчитывается ежегодно.")
    assert [c.number for c in t.clauses] == ["1", "2", "3"]


def test_sub_clauses_used_as_items_are_duties_of_the_list_owner() -> None:
    doc = _parse("2. Деятельность\n2.1. Деятельность Методического кабинета района состоит в "
                 "следующем:\n2.1.1. методическое сопровождение школ;\n2.1.2. ведение реестра "
                 "наставников:\n2.1.2.1. внесение сведений о наставниках.")
    cabinet = _body(doc, "Методический кабинет района")
    assert [(d.clause_number, d.text) for d in doc.duties] == [
        ("2.1.1", "методическое сопровождение школ"), ("2.1.2", "ведение реестра наставников"),
        ("2.1.2.1", "внесение сведений о наставниках")]
    assert len(doc.duties_of(cabinet)) == 3


def test_an_institution_is_what_its_proper_name_says() -> None:
    doc = _parse("1.1. Руководство ММС осуществляет муниципальное бюджетное учреждение «Центр "
                 "образовательных ресурсов» (далее – МБУ «ЦОР»).\n1.2. Муниципальная "
                 "методическая служба района (далее – ММС) объединяет педагогов.\n"
                 "1.3. МКУ «Центр оценки качества» проводит мониторинг.")
    bodies = _bodies(doc)
    cor = _body(doc, "МБУ «ЦОР»")
    assert bodies[cor]["kind"] == "methodological_service"  # not a school: «Центр …»
    assert "ММС" not in str(bodies[cor].get("aliases"))  # the abbreviation did not swallow ММС
    assert f"{cor}|GUIDES>{_body(doc, 'ММС')}" in doc.batch.edges
    assert bodies[_body(doc, "МКУ «Центр оценки качества»")]["level"] == "municipal"


def test_two_abbreviations_give_two_names() -> None:
    doc = _parse("1.1. Муниципальное казённое учреждение «Информационно-методический центр» "
                 "(далее ИМЦ или центр) подведомственно Управлению образования района.\n"
                 "1.2. Координацию деятельности центра осуществляет Управление образования "
                 "района.")
    imc = _body(doc, "ИМЦ")
    assert _body(doc, "центр") == imc
    authority = _body(doc, "Управление образования района")
    assert {f"{imc}|SUBORDINATE_TO>{authority}",
            f"{authority}|COORDINATES>{imc}"} <= set(doc.batch.edges)


@pytest.mark.parametrize(("sentence", "edge"), [
    ("Совет создаётся при управлении образования района.", "ATTACHED_TO"),
    ("Совет работает под руководством управления образования района.", "GUIDES<"),
    ("Совет подотчётен управлению образования района.", "SUBORDINATE_TO"),
    ("Совет ежегодно отчитывается перед управлением образования района.", "SUBORDINATE_TO"),
    ("Совет является структурным подразделением управления образования района.", "PART_OF"),
    ("Совет работает на базе управления образования района.", "PART_OF"),
    ("Совет взаимодействует с управлением образования района.", "INTERACTS_WITH"),
    ("Деятельность Совета координирует управление образования района.", "COORDINATES<"),
])
def test_relations_in_plain_words_carry_their_clause(sentence: str, edge: str) -> None:
    doc = _parse(f"1.1. Районный методический совет (далее – Совет) действует.\n1.2. {sentence}")
    council, authority = _body(doc, "Совет"), _body(doc, "управления образования района")
    type_, back = edge.rstrip("<"), edge.endswith("<")
    source, target = (authority, council) if back else (council, authority)
    assert doc.batch.edges[f"{source}|{type_}>{target}"].props["clause_id"] == "reg-t:1.2"


def test_a_plural_name_is_a_class_never_merged_with_one_body() -> None:
    doc = _parse("1.1. Муниципальный методический совет района (далее – ММС) действует.\n"
                 "1.2. Муниципальные методические советы школ создаются при ММС.")
    bodies = _bodies(doc)
    generic = [b for b in bodies.values() if b["generic_name"]]
    assert len(bodies) == 2 and len(generic) == 1


def test_councils_of_two_schools_are_two_bodies_and_merges_are_explained() -> None:
    text = ("1.1. Методический совет (далее – Совет) является коллегиальным органом.\n"
            "1.2. Совет:\n- рассматривает рабочие программы.")
    a, b = _parse(text, "reg-a", level="institutional"), _parse(text, "reg-b",
                                                                 level="institutional")
    assert set(_bodies(a)).isdisjoint(_bodies(b))
    assert any("abbreviation (далее – Совет)" in r for r in a.report.resolutions)


def test_the_bundled_gazetteer_still_reads_the_bundled_five(tmp_path: object) -> None:
    batch, _ = read_regulations(__import__("pathlib").Path(__file__).resolve().parent.parent
                                / "data" / "regulations")
    assert not [n for n in batch.nodes if "-body-" in n]  # every body came from the gazetteer


def test_a_list_on_one_line_and_what_a_body_is_obliged_to_do() -> None:
    doc = _parse("1. Совет молодых педагогов района (далее – Совет) действует.\n"
                 "2. Совет: определяет план работы; проводит слёт; организует конкурс.\n"
                 "3. Совет обязан ежегодно отчитываться о работе.")
    council = _body(doc, "Совет")
    # what it must do, said as the other duties are: without «обязан»
    assert doc.duties_of(council) == ["определяет план работы", "проводит слёт",
                                      "организует конкурс", "ежегодно отчитываться о работе"]


def test_acronyms_of_well_known_bodies_need_no_expansion() -> None:
    doc = _parse("1. ЦНППМ:\n- строит индивидуальные маршруты педагогов.\n"
                 "2. КИРО организует курсы повышения квалификации.", level="municipal")
    bodies = _bodies(doc)
    assert (bodies[_body(doc, "ЦНППМ")]["kind"], bodies[_body(doc, "ЦНППМ")]["level"]) == (
        "pd_center", "regional")
    assert bodies[_body(doc, "КИРО")]["kind"] == "development_institute"
    assert len(doc.duties) == 2


def test_without_a_body_in_the_title_the_first_named_body_owns_unowned_lists() -> None:
    doc = _parse("1. Творческая группа учителей истории (далее – группа) создаётся ежегодно.\n"
                 "2. Задачи:\n- подготовка открытых уроков.")
    group = _body(doc, "группа")
    assert _bodies(doc)[group]["community_kind"] == "creative_group"
    assert doc.duties_of(group) == ["подготовка открытых уроков"]


def test_the_list_is_of_the_body_right_before_its_verb() -> None:
    doc = _parse("1. Районный методический совет (далее – Совет) создаётся при Комитете по "
                 "образованию района (далее – Комитет).\n2. В соответствии с решением Комитета "
                 "Совет осуществляет:\n- экспертизу программ.\n3. Совет:\n"
                 "1. рассматривает планы;\n2. проводит семинары.")
    council = _body(doc, "Совет")
    assert doc.duties_of(council) == ["экспертизу программ", "рассматривает планы",
                                      "проводит семинары"]
    assert [c.number for c in doc.clauses] == ["1", "2", "3"]


def test_a_new_text_of_a_gazetteer_region_finds_its_bodies_and_the_gazetteers_names() -> None:
    g = Gazetteer.from_file(__import__("pathlib").Path(__file__).resolve().parent.parent
                            / "data" / "regulations" / "bodies.json")
    text = ("1.1. Районное методическое объединение учителей истории Лужского района (далее – "
            "РМО) создаётся при Комитете по образованию Лужского района (далее – Комитет).\n"
            "1.2. РМО:\n- организует семинары для учителей истории.\n"
            "1.3. Комитет утверждает план работы РМО.")
    doc = parse_regulation(text, RegulationMeta(id="reg-luga", title="Положение о РМО",
                                                territory_id="RU-LEN"), g)
    rmo = _body(doc, "РМО")
    assert rmo.startswith("LEN-body-")  # a district's body, not a region-wide generic node
    assert _bodies(doc)[rmo]["level"] == "municipal"
    assert f"{rmo}|ATTACHED_TO>LEN-luzhsky-ko" in doc.batch.edges  # the gazetteer's Committee
    assert any("LEN-luzhsky-ko" in r and "gazetteer" in r for r in doc.report.resolutions)
