"""Layouts and wordings of regulations from other regions, rule by rule, on tiny made-up texts
whose answers are known by construction (the corpus and the held-out texts score them whole)."""

from __future__ import annotations

import itertools

from graph.loaders.regulations import Gazetteer, ParsedRegulation, RegulationMeta, parse_regulation
from graph.loaders.regulations.morph import lemma_key
from graph.loaders.regulations.text import split_clauses

EMPTY = Gazetteer([], [], [])


def _parse(text: str, level: str = "regional") -> ParsedRegulation:
    return parse_regulation(text, RegulationMeta.model_validate(
        {"id": "reg-t", "title": "Положение", "territory_id": "RU-TST", "level": level}), EMPTY)


def _orgs(doc: ParsedRegulation) -> dict[str, dict[str, object]]:
    return {n.id: n.props for n in doc.batch.nodes.values() if n.label == "Organization"}


def _body(doc: ParsedRegulation, name: str) -> str:
    """The one body called so in the document (its name, short name or an alias), in whatever
    case the text used."""
    found = [i for i, p in _orgs(doc).items()
             if lemma_key(name) in {lemma_key(str(n)) for n in (
                 p["name"], p.get("short_name") or "", *(p.get("aliases") or []))}]
    assert len(found) == 1, (name, _orgs(doc))
    return found[0]


def _duties(doc: ParsedRegulation) -> list[tuple[str, str, str]]:
    """(clause, body, text) of every duty."""
    return sorted((e.props["clause_id"].rsplit(":", 1)[1], e.source,
                   doc.batch.nodes[e.target].props["text"])
                  for e in doc.batch.edges.values() if e.type == "HAS_DUTY")


def _relations(doc: ParsedRegulation) -> set[tuple[str, str, str]]:
    return {(e.source, e.type, e.target) for e in doc.batch.edges.values()
            if e.type in ("PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES", "SUBORDINATE_TO",
                          "INTERACTS_WITH")}


def test_articles_numbering_their_parts_from_one_again() -> None:
    t = split_clauses("Статья 1. Общие положения\n1. Текст.\n2. Текст.\n"
                      "Статья 2. Функции\n1. Центр:\n1) проводит диагностику;\n2. Текст.")
    assert [c.number for c in t.clauses] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    # chapters above clauses numbered 1.1, 2.1 keep their numbers
    t = split_clauses("Глава 1. Общие положения\n1.1. Текст.\nГлава 2. Функции\n2.1. Текст.")
    assert [c.number for c in t.clauses] == ["1", "1.1", "2", "2.1"]


def test_a_name_broken_by_a_lines_end_and_a_pdfs_page_number() -> None:
    t = split_clauses("1.1. Совет школы «Лицей № 2» города\nКурска (далее – Совет) создан.\n"
                      "1.2. ЦНППМ подведомственно\nМинистерству. - 2 - 1.3. Текст.")
    assert [c.head for c in t.clauses] == [
        "Совет школы «Лицей № 2» города Курска (далее – Совет) создан.",
        "ЦНППМ подведомственно Министерству.", "Текст."]


def test_two_centres_are_never_one_body() -> None:
    doc = _parse("1.1. Муниципальный центр наставничества района (далее – МЦН, Центр) создан. "
                 "Центр непрерывного повышения профессионального мастерства педагогических "
                 "работников (далее – ЦНППМ) и Центр взаимодействуют.\n"
                 "1.2. Центру поручено обучение наставников.", level="municipal")
    mcn, cnppm = _body(doc, "МЦН"), _body(doc, "ЦНППМ")
    assert mcn != cnppm
    assert _orgs(doc)[cnppm]["kind"] == "pd_center"
    assert (mcn, "INTERACTS_WITH", cnppm) in _relations(doc)


def test_abbreviations_of_mixed_case_or_after_a_place() -> None:
    doc = _parse("1.1. Государственное автономное учреждение «Хакасский институт повышения "
                 "квалификации» (далее – ХакИПК) подведомственно Министерству образования "
                 "Республики Хакасия (далее – Министерство).\n"
                 "1.2. Муниципальное учреждение «Центр развития образования» г. Перми (далее – "
                 "ЦРО) подчиняется Министерству.")
    ipk, ministry, cro = _body(doc, "ХакИПК"), _body(doc, "Министерство"), _body(doc, "ЦРО")
    assert {(ipk, "SUBORDINATE_TO", ministry), (cro, "SUBORDINATE_TO", ministry)} <= \
        _relations(doc)


def test_duties_said_in_passive_or_object_first_and_together() -> None:
    doc = _parse("1.1. Институт развития образования (далее – ИРО) и региональный центр оценки "
                 "качества образования (далее – РЦОКО) созданы.\n"
                 "1.2. Мониторинг дефицитов педагогов осуществляется ИРО совместно с РЦОКО.\n"
                 "1.3. Контроль за деятельностью ИРО осуществляет РЦОКО.\n"
                 "1.4. РЦОКО по запросу ИРО готовит справки, а ИРО проводит семинары и "
                 "обобщает опыт.\n"
                 "1.5. ИРО и РЦОКО совместно:\n- выявляют затруднения педагогов.")
    iro, rcoko = _body(doc, "ИРО"), _body(doc, "РЦОКО")
    assert _duties(doc) == sorted([
        ("1.2", iro, "Мониторинг дефицитов педагогов осуществляется"),
        ("1.2", rcoko, "Мониторинг дефицитов педагогов осуществляется"),
        ("1.3", rcoko, "Контроль за деятельностью ИРО осуществляет"),
        ("1.4", rcoko, "по запросу ИРО готовит справки"),
        ("1.4", iro, "проводит семинары"),
        ("1.4", iro, "обобщает опыт"),
        ("1.5", iro, "выявляют затруднения педагогов"),
        ("1.5", rcoko, "выявляют затруднения педагогов"),
    ])


def test_rights_and_a_persons_duties_are_not_the_bodys() -> None:
    doc = _parse("1.1. Совет молодых педагогов области (далее – Совет) создан.\n"
                 "1.2. Совет вправе:\n- приглашать специалистов.\n"
                 "1.3. Председатель Совета обязан:\n- вести протоколы.\n"
                 "1.4. Совет обязан ежегодно представлять отчёт.")
    assert _duties(doc) == [("1.4", _body(doc, "Совет"), "ежегодно представлять отчёт")]


def test_a_table_copied_cell_by_cell_or_with_numbered_rows() -> None:
    cells = _parse("1.1. Институт развития образования (далее – ИРО) и Министерство "
                   "образования области (далее – Министерство) создают систему.\n"
                   "1.2. Функции участников:\nУчастник\nФункции\nМинистерство\n"
                   "утверждение плана;\nконтроль его выполнения\nИРО\nдиагностика педагогов")
    rows = _parse("1.1. Институт развития образования (далее – ИРО) и Министерство "
                  "образования области (далее – Министерство) создают систему.\n"
                  "1.2. Функции участников:\n№ п/п | Участник | Функции\n"
                  "1 | Министерство | утверждение плана; контроль его выполнения\n"
                  "2 | ИРО | диагностика педагогов")
    for doc in (cells, rows):
        ministry, iro = _body(doc, "Министерство"), _body(doc, "ИРО")
        assert [d for d in _duties(doc) if d[0] == "1.2"] == sorted([
            ("1.2", ministry, "утверждение плана"), ("1.2", ministry, "контроль его выполнения"),
            ("1.2", iro, "диагностика педагогов")])


def test_headings_inside_a_list_of_duties() -> None:
    doc = _parse("1. Функции\n1.1. Тьюторская служба области (далее – Служба) выполняет "
                 "следующие функции:\n1.1.1. В сфере диагностики:\nа) организация диагностики;\n"
                 "1.1.2. информационная деятельность:\nа) ведение реестра тьюторов.")
    service = _body(doc, "Служба")
    assert _duties(doc) == [("1.1.1", service, "организация диагностики"),
                            ("1.1.2", service, "ведение реестра тьюторов")]


def test_a_body_named_alone_over_its_items_and_a_system_with_an_acronym() -> None:
    doc = _parse("1. Региональная система научно-методического сопровождения (далее – РСНМС) "
                 "объединяет субъекты.\n2. Субъектами РСНМС являются:\n"
                 "• Министерство образования области (далее – Министерство).\n"
                 "3. Министерство\n• утверждает план мероприятий.")
    system, ministry = _body(doc, "РСНМС"), _body(doc, "Министерство")
    assert _orgs(doc)[system]["kind"] == "methodological_service"
    assert (ministry, "PART_OF", system) in _relations(doc)
    assert _duties(doc) == [("3", ministry, "утверждает план мероприятий")]


def test_low_results_in_other_words() -> None:
    doc = _parse("1.1. Положение о сети помощи школам с низкими результатами. Центр развития "
                 "образования района (далее – Центр) создан.\n"
                 "1.2. Центр:\n- сопровождает школы, функционирующие в неблагоприятных "
                 "социальных условиях;\n- помогает ОО с НОР;\n- ведёт проект «500+»;\n"
                 "- проводит мониторинг подшефных школ;\n- проводит конкурсы.",
                 level="municipal")
    low = [d.text for d in doc.duties if "low_results_support" in d.categories]
    assert low == ["сопровождает школы, функционирующие в неблагоприятных социальных условиях",
                   "помогает ОО с НОР", "ведёт проект «500+»",
                   "проводит мониторинг подшефных школ"]


def test_schools_named_only_in_passing_are_not_a_body() -> None:
    doc = _parse("1.1. Методический центр района (далее – Центр) помогает образовательным "
                 "организациям.\n1.2. Школы-кураторы:\n- проводят открытые уроки.",
                 level="municipal")
    kinds = sorted((p["kind"], p.get("generic_name")) for p in _orgs(doc).values())
    assert kinds == [("methodological_service", False), ("school", True)]
    assert any("named only in passing" in r for r in doc.report.resolutions)


def test_support_schools_and_a_department_by_education() -> None:
    doc = _parse("1.1. Сеть создаётся отделом по образованию администрации района (далее – "
                 "отдел по образованию).\n2.1. Опорные школы:\n- проводят стажировки.\n"
                 "2.2. Отдел по образованию утверждает перечень опорных школ.", level="municipal")
    otdel, schools = _body(doc, "отдел по образованию"), _body(doc, "Опорные школы")
    assert _orgs(doc)[otdel]["kind"] == "education_authority"
    assert _orgs(doc)[schools]["kind"] == "school" and _orgs(doc)[schools]["generic_name"]
    assert _duties(doc) == sorted([("2.1", schools, "проводят стажировки"),
                                   ("2.2", otdel, "утверждает перечень опорных школ")])


def test_sub_clauses_without_a_subject_in_a_section_of_functions() -> None:
    doc = _parse("1. Общие положения\n1.1. Муниципальный методический центр района (далее – "
                 "Центр) является муниципальной методической службой района.\n"
                 "2. Функции Центра\n2.1. Организует повышение квалификации педагогов.\n"
                 "2.2. Цель работы – рост мастерства.\n3. Права Центра\n"
                 "3.1. Запрашивать сведения о педагогах.", level="municipal")
    centre = _body(doc, "Центр")
    assert _duties(doc) == [("2.1", centre, "Организует повышение квалификации педагогов")]
    assert list(_orgs(doc)) == [centre]  # «является … службой района» says what it is


def test_other_ways_of_saying_further_called() -> None:
    doc = _parse("1. Муниципальное казённое учреждение «Информационно-методический центр» (в "
                 "дальнейшем – ИМЦ) подотчётно Управлению образования района (сокращённо – УО)."
                 "\n2. Координацию работы методистов осуществляет ИМЦ.", level="municipal")
    imc, uo = _body(doc, "ИМЦ"), _body(doc, "УО")
    assert (imc, "SUBORDINATE_TO", uo) in _relations(doc)
    assert _duties(doc) == [("2", imc, "Координацию работы методистов осуществляет")]


def test_relations_in_other_words_and_a_definitions_dash() -> None:
    doc = _parse("1.1. Методический центр района (далее – Центр) осуществляет свою деятельность "
                 "на базе муниципального общеобразовательного учреждения «Средняя школа № 1» "
                 "(далее – Школа).\n1.2. Центр находится в ведении комитета по образованию района "
                 "(далее – Комитет).\n1.3. Районные методические объединения (далее – РМО) "
                 "являются подразделениями Центра.\n1.4. Муниципальное учреждение «Центр "
                 "повышения квалификации» (МУ ЦПК) – городская методическая служба.",
                 level="municipal")
    centre, school, committee = _body(doc, "Центр"), _body(doc, "Школа"), _body(doc, "Комитет")
    rmo = _body(doc, "РМО")
    assert {(centre, "PART_OF", school), (centre, "SUBORDINATE_TO", committee),
            (rmo, "PART_OF", centre)} <= _relations(doc)
    assert not [p for p in _orgs(doc).values() if "служба" in str(p["name"])]


def test_capitalised_items_numbered_inside_a_clause_or_without_markers() -> None:
    numbered = split_clauses("2. Функции\n2.1. Функции ММС:\n1. Рассмотрение программ развития "
                             "службы.\n2. Экспертиза методических разработок.\n3. Заключительные "
                             "положения\n3.1. Текст.")
    assert [c.number for c in numbered.clauses] == ["2", "2.1", "3", "3.1"]
    assert [p.text for p in numbered.clauses[1].paragraphs[1:]] == [
        "Рассмотрение программ развития службы.", "Экспертиза методических разработок."]
    doc = _parse("1.1. Школьное методическое объединение учителей (далее – ШМО) создано.\n"
                 "2.1. ШМО осуществляет следующие функции:\nОрганизует изучение документов.\n"
                 "Проводит анализ результатов ВПР.", level="institutional")
    shmo = _body(doc, "ШМО")
    assert _duties(doc) == [("2.1", shmo, "Организует изучение документов"),
                            ("2.1", shmo, "Проводит анализ результатов ВПР")]


def test_an_acronym_that_skips_a_word_of_the_name_it_follows() -> None:
    # «РЦОКО» leaves out «мониторинга»; the order's joint duty is each body's
    doc = _parse("ПРИКАЗЫВАЮ:\n1. Учреждению «Тестовый институт развития образования» (далее – "
                 "ТИРО) провести семинар.\n2. Бюджетному учреждению «Региональный центр "
                 "мониторинга и оценки качества образования» (далее – РЦОКО) провести анализ "
                 "результатов ВПР.\n3. ТИРО и РЦОКО совместно подготовить доклад о школах с "
                 "низкими образовательными результатами.")
    tiro, rcoko = _body(doc, "ТИРО"), _body(doc, "РЦОКО")
    joint = [(c, b) for c, b, t in _duties(doc) if c == "3"]
    assert sorted(joint) == sorted([("3", tiro), ("3", rcoko)])


def test_a_list_owned_by_the_body_named_right_before_its_colon() -> None:
    # «В отношении ОО с НОР, Центр:» — the Centre's items, each about schools with low results
    doc = _parse("1.1. Методический центр (далее – Центр) создан.\n1.2. В отношении "
                 "общеобразовательных организаций, показывающих низкие образовательные "
                 "результаты (далее – ОО с НОР), Центр:\nа) анализирует отчёты;\nб) закрепляет "
                 "кураторов.", level="municipal")
    centre = _body(doc, "Центр")
    assert [(c, b) for c, b, _ in _duties(doc)] == [("1.2", centre), ("1.2", centre)]
    assert all("low_results_support" in d.props["categories"]
               for d in doc.batch.nodes.values() if d.label == "Duty")


def test_duties_of_schools_with_low_results_themselves_are_about_low_results() -> None:
    doc = _parse("1.1. Общеобразовательные организации, показывающие низкие образовательные "
                 "результаты (далее – ОО с НОР), создают рабочие группы.\n1.2. ОО с НОР:\n"
                 "а) разрабатывают программы повышения качества образования;\nб) представляют "
                 "отчёты.", level="municipal")
    duties = [d for d in doc.batch.nodes.values() if d.label == "Duty"]
    assert len(duties) == 3
    assert all("low_results_support" in d.props["categories"] for d in duties)


def test_an_abbreviation_after_a_participles_phrase_is_the_bodys_it_describes() -> None:
    # «Органы …, осуществляющие управление в сфере образования (далее – МОУО)»; in an order the
    # same in the dative, its items are that body's duties
    doc = _parse("3.2.1. Органы местного самоуправления, осуществляющие управление в сфере "
                 "образования (далее – МОУО).\nФункции:\nзакрепление кураторов за школами;\n"
                 "обеспечение участия педагогов в диагностике.")
    mouo = _body(doc, "МОУО")
    assert [(c, b) for c, b, _ in _duties(doc)] == [("3.2.1", mouo), ("3.2.1", mouo)]
    order = _parse("ПРИКАЗЫВАЮ:\n1. Утвердить перечень школ.\n2. Рекомендовать органам местного "
                   "самоуправления муниципальных районов и городского округа, осуществляющим "
                   "управление в сфере образования (далее – МОУО):\n2.1. назначить муниципальных "
                   "кураторов;\n2.2. обеспечить участие педагогов в диагностике.")
    mouo = _body(order, "МОУО")
    assert [(c, b) for c, b, _ in _duties(order)] == [("2.1", mouo), ("2.2", mouo)]


def test_joint_subjects_with_a_compound_class_and_a_passive_after_a_semicolon() -> None:
    # «школы-наставники» named again in lower case is the class; «закрепление осуществляется
    # Управлением» (two words before the verb) is the authority's duty
    doc = _parse("1.1. Управление образования (далее – Управление) и школы-наставники создают "
                 "условия для ОО с низкими образовательными результатами (далее – ОО с НОР).\n"
                 "2.1. Школы-наставники проводят стажировки.\n2.2. Управление и "
                 "школы-наставники ежегодно совместно разрабатывают дорожную карту.\n2.3. Каждая "
                 "ОО с НОР закрепляется за наставником; закрепление осуществляется Управлением.",
                 level="municipal")
    authority, mentors = _body(doc, "Управление"), _body(doc, "школы-наставники")
    assert {(c, b) for c, b, _ in _duties(doc) if c in ("2.2", "2.3")} == {
        ("2.2", authority), ("2.2", mentors), ("2.3", authority)}
    assert ("2.3", authority, "закрепление осуществляется Управлением") in _duties(doc)
    # about schools with low results: the sentence it is part of names them
    assert [d.props["categories"] for d in doc.batch.nodes.values() if d.label == "Duty"
            and d.props["clause_number"] == "2.3"] == [["low_results_support"]]


def test_a_team_of_curators_is_a_body_and_a_schools_management_team_is_not() -> None:
    doc = _parse("1.1. Муниципальная команда кураторов ОО с НОР (далее – команда кураторов) "
                 "формируется на базе Центра.\n2.1. Команда кураторов:\n– консультирует "
                 "управленческие команды школ;\n– готовит заключения.", level="municipal")
    team = _body(doc, "команда кураторов")
    assert _orgs(doc)[team]["kind"] == "methodist_pool"
    assert [(c, b) for c, b, _ in _duties(doc)] == [("2.1", team), ("2.1", team)]
    assert not [p for p in _orgs(doc).values() if "управленческ" in str(p["name"]).lower()]


def test_object_first_coordination_is_a_duty_and_a_relation() -> None:
    # «Работу Актива координирует РИМЦ»: the coordinator's duty (what is done up to its verb,
    # the doer being the body it is on) as well as the relation; «… взаимодействует с …»
    # likewise
    doc = _parse("1.1. Методический актив района (далее – Актив) создан.\n1.2. Районный "
                 "информационно-методический центр (далее – РИМЦ) создан.\n1.3. Работу Актива "
                 "координирует РИМЦ.\n1.4. Актив взаимодействует с РИМЦ по вопросам "
                 "аттестации.", level="municipal")
    pool, rimc = _body(doc, "Актив"), _body(doc, "РИМЦ")
    assert ("1.3", rimc, "Работу Актива координирует") in _duties(doc)
    assert ("1.4", pool, "взаимодействует с РИМЦ по вопросам аттестации") in _duties(doc)
    assert {(rimc, "COORDINATES", pool), (pool, "INTERACTS_WITH", rimc)} <= _relations(doc)


def test_a_contracted_name_and_a_compound_adjectives_group() -> None:
    # «(далее – Методсовет)» is the council's short name; «проблемно-творческие группы» a body
    doc = _parse("5. В структуру службы входят:\n• методический совет Лицея (далее – "
                 "Методсовет);\n• проблемно-творческие группы педагогов (далее – ПТГ).\n"
                 "6. ПТГ работают под руководством Методсовета.\n7. Методсовет определяет "
                 "методическую тему.", level="institutional")
    council, groups = _body(doc, "Методсовет"), _body(doc, "ПТГ")
    assert ("7", council, "определяет методическую тему") in _duties(doc)
    assert (council, "GUIDES", groups) in _relations(doc)


def test_a_presidium_and_sections_are_bodies_with_duties() -> None:
    doc = _parse("2.1. В состав учебно-методического объединения (далее – УМО) входят:\n"
                 "1) президиум УМО (далее – Президиум);\n2) предметные секции УМО (далее – "
                 "секции).\n2.2. Президиум координирует работу секций.\n3.3. Секции:\n"
                 "1) анализируют результаты аттестации;\n2) обобщают опыт.")
    presidium, sections, umo = _body(doc, "Президиум"), _body(doc, "секции"), _body(doc, "УМО")
    assert _orgs(doc)[presidium]["kind"] == "council"
    assert {(presidium, "PART_OF", umo), (sections, "PART_OF", umo),
            (presidium, "COORDINATES", sections)} <= _relations(doc)
    assert [(c, b) for c, b, _ in _duties(doc) if c == "3.3"] == [("3.3", sections)] * 2


def test_relations_said_by_a_participle_after_a_name() -> None:
    # «…, подведомственное Министерству» and «…, являющийся структурным подразделением ИРО»
    doc = _parse("1.1. Министерство образования края (далее – Министерство) создаёт систему.\n"
                 "1.2. Институт развития образования края (далее – ИРО) обучает педагогов.\n"
                 "1.3. Краевое бюджетное учреждение «Центр оценки качества образования» (далее – "
                 "ЦОКО), подведомственное Министерству, проводит мониторинг.\n1.4. Определить "
                 "центр непрерывного повышения профессионального мастерства, являющийся "
                 "структурным подразделением ИРО (далее – ЦНППМ), ответственным за сопровождение.")
    ministry, coko = _body(doc, "Министерство"), _body(doc, "ЦОКО")
    iro, cnppm = _body(doc, "ИРО"), _body(doc, "ЦНППМ")
    assert {(coko, "SUBORDINATE_TO", ministry), (cnppm, "PART_OF", iro)} <= _relations(doc)
    assert not [p for p in _orgs(doc).values() if "подведомств" in str(p["name"]).lower()]


def test_bodies_that_enter_a_body_named_first_and_a_team_formed_at_a_centre() -> None:
    doc = _parse("1.1. Городская методическая служба (далее – ГМС) создана. Центр методического "
                 "сопровождения (далее – ЦМС), городской методический совет (далее – Совет) и "
                 "городские методические объединения (далее – ГМО) работают.\n1.2. В ГМС "
                 "входят ЦМС, Совет и ГМО.\n1.3. Команда методистов (далее – Команда) "
                 "формируется на базе ЦМС.", level="municipal")
    gms, cms, council, gmo = (_body(doc, n) for n in ("ГМС", "ЦМС", "Совет", "ГМО"))
    team = _body(doc, "Команда")
    assert {(cms, "PART_OF", gms), (council, "PART_OF", gms), (gmo, "PART_OF", gms),
            (team, "PART_OF", cms)} <= _relations(doc)


def test_two_bodies_that_interact_each_interact_with_the_other() -> None:
    doc = _parse("1.1. Центр методического сопровождения (далее – ЦМС) создан. Институт развития "
                 "образования (далее – ИРО) обучает.\n3.1. ЦМС и ИРО взаимодействуют в рамках "
                 "соглашения о сетевом взаимодействии.", level="municipal")
    cms, iro = _body(doc, "ЦМС"), _body(doc, "ИРО")
    assert {(cms, "INTERACTS_WITH", iro), (iro, "INTERACTS_WITH", cms)} <= _relations(doc)


def test_guidance_named_as_a_list_item_is_the_lists_owners() -> None:
    doc = _parse("3.1. Институт развития образования (далее – Институт).\nФункции:\n"
                 "разработка программ;\nнаучно-методическое руководство деятельностью ЦНППМ.\n"
                 "3.2. Центр непрерывного повышения профессионального мастерства (далее – "
                 "ЦНППМ) создан.\n3.3. Научно-методическое руководство деятельностью ЦНППМ "
                 "осуществляет Институт.")
    institute, cnppm = _body(doc, "Институт"), _body(doc, "ЦНППМ")
    assert (institute, "GUIDES", cnppm) in _relations(doc)
    assert [r for r in _relations(doc) if r[1] == "GUIDES"] == [(institute, "GUIDES", cnppm)]


def test_a_duty_after_a_status_word_a_towns_abbreviation_and_a_generic_acronym() -> None:
    # «… подведомственно Министерству и обеспечивает …»; «… г. Сортавала (далее – ДОУ)
    # реализует …»; «Региональный» left out of «(далее – РЦОКО)» for «Алтайский краевой …»;
    # «Обучение … организует Институт»
    doc = _parse("1.1. Министерство образования края (далее – Министерство) создаёт систему.\n"
                 "1.2. Институт развития образования края (далее – Институт) подведомственно "
                 "Министерству и обеспечивает сопровождение деятельности Совета.\n"
                 "1.3. Муниципальное дошкольное образовательное учреждение «Детский сад № 12 "
                 "«Берёзка» г. Сортавала (далее – ДОУ) реализует образовательную программу.\n"
                 "1.4. Краевое бюджетное учреждение «Алтайский краевой центр оценки "
                 "качества образования» (далее – РЦОКО) создано.\n1.5. Мониторинг осуществляется "
                 "РЦОКО.\n1.6. Обучение методистов организует Институт.")
    institute, dou, rcoko = _body(doc, "Институт"), _body(doc, "ДОУ"), _body(doc, "РЦОКО")
    duties = _duties(doc)
    assert ("1.2", institute, "обеспечивает сопровождение деятельности Совета") in duties
    assert ("1.3", dou, "реализует образовательную программу") in duties
    assert ("1.5", rcoko, "Мониторинг осуществляется РЦОКО") in duties
    assert ("1.6", institute, "Обучение методистов организует") in duties


def test_a_team_named_by_what_it_does_is_a_body_and_its_name_says_low_results() -> None:
    # «команда поддержки …», «команда методического сопровождения …»: a team named by the work
    # it does (a genitive of an action, adjectives between) is a body; its duties are about
    # schools with low results when its name is
    doc = _parse("1.1. Окружная команда поддержки школ, работающих в сложных социальных "
                 "условиях (далее – Команда поддержки) создана.\n2.1. Команда поддержки:\n"
                 "– посещает уроки;\n– готовит рекомендации.\n2.2. Управленческая команда "
                 "школы утверждает план.", level="municipal")
    team = _body(doc, "Команда поддержки")
    assert _orgs(doc)[team]["kind"] == "methodist_pool"
    assert [(c, b) for c, b, _ in _duties(doc) if c == "2.1"] == [("2.1", team)] * 2
    assert all("low_results_support" in d.props["categories"] for d in doc.batch.nodes.values()
               if d.label == "Duty" and d.props["clause_number"] == "2.1")
    assert not [p for p in _orgs(doc).values() if "управленческ" in str(p["name"]).lower()]


def test_a_line_broken_inside_an_open_parenthesis_goes_on() -> None:
    doc = _parse("1.1. Районная проблемная группа учителей математики (далее –\nПроблемная "
                 "группа, Группа) создана.\n1.2. Группа проводит консультации.",
                 level="municipal")
    group = _body(doc, "Проблемная группа")
    assert ("1.2", group, "проводит консультации") in _duties(doc)


def test_two_actions_in_one_sentence_or_item_are_two_duties() -> None:
    # a second verb after adverbs and a circumstance («и ежегодно до 1 марта утверждает»), an
    # infinitive after «в том числе», an item of two action nouns
    doc = _parse("1.1. Городской методический совет (далее – ГМС) создан.\n1.2. ГМС согласует "
                 "программы и ежегодно до 1 марта утверждает отчёт центра.\n1.3. ГМС обязан:\n"
                 "– вести реестр наставников, в том числе вносить в него сведения о парах;\n"
                 "– подбор экспертов и проведение экспертизы разработок.", level="municipal")
    gms = _body(doc, "ГМС")
    assert [(c, t) for c, b, t in _duties(doc) if b == gms] == [
        ("1.2", "ежегодно до 1 марта утверждает отчёт центра"), ("1.2", "согласует программы"),
        ("1.3", "вести реестр наставников"), ("1.3", "вносить в него сведения о парах"),
        ("1.3", "подбор экспертов"), ("1.3", "проведение экспертизы разработок")]


def test_a_relative_clause_says_what_the_body_before_it_does() -> None:
    # «…, которая утверждает …» is the duty of the body named before the comma; «подотчётна …
    # и ежегодно до 1 мая направляет …» a duty after a status
    doc = _parse("1.1. Окружная методическая служба (далее – ОМС) создана.\n1.2. Школьные "
                 "методические объединения (далее – ШМО) действуют под руководством ОМС, которая "
                 "согласует их планы и обобщает их опыт.\n1.3. ОМС подотчётна Управлению "
                 "образования и ежегодно до 1 мая направляет ему отчёт.", level="municipal")
    oms, shmo = _body(doc, "ОМС"), _body(doc, "ШМО")
    duties = _duties(doc)
    assert {("1.2", oms, "согласует их планы"), ("1.2", oms, "обобщает их опыт"),
            ("1.3", oms, "ежегодно до 1 мая направляет ему отчёт")} <= set(duties)
    assert not [d for d in duties if d[1] == shmo]


def test_a_pages_number_of_pages_and_the_title_repeated_under_it_are_dropped() -> None:
    t = split_clauses("ПОЛОЖЕНИЕ\nо методическом кабинете района\n1. Кабинет:\n– ведёт банк "
                      "данных;\nСтраница 2 из 4\nПоложение о методическом кабинете\n– проводит "
                      "семинары.\n2. Кабинет подотчётен отделу.")
    assert [p.text for c in t.clauses for p in c.paragraphs] == [
        "Кабинет:", "ведёт банк данных;", "проводит семинары.", "Кабинет подотчётен отделу."]


def test_support_done_by_a_passive_agent_and_including_into_a_pool_are_duties() -> None:
    # «Научно-методическое сопровождение … осуществляется X» is X's duty (not guidance);
    # «Y включает педагогов в …» a duty (not a structure, as «включает в себя» is)
    doc = _parse("1.1. Районный ресурсный центр (далее – РРЦ) создан. Областной институт "
                 "развития образования (далее – ОИРО) создан.\n1.2. Научно-методическое "
                 "сопровождение деятельности РРЦ осуществляется ОИРО.\n1.3. РРЦ включает "
                 "лучших наставников в областной реестр.", level="municipal")
    rrc, oiro = _body(doc, "РРЦ"), _body(doc, "ОИРО")
    duties = _duties(doc)
    assert ("1.2", oiro,
            "Научно-методическое сопровождение деятельности РРЦ осуществляется") in duties
    assert ("1.3", rrc, "включает лучших наставников в областной реестр") in duties


def test_a_list_head_after_a_sentence_and_a_verb_after_a_semicolon() -> None:
    # «ГМО работают под руководством ГМС. ГМО:» heads a list of the associations' duties (and
    # says the guidance); «…; ведут …» goes on with the same doers
    doc = _parse("1.1. Городской методический совет (далее – ГМС) создан. Городские методические "
                 "объединения (далее – ГМО) созданы.\n2.1. ГМО работают под руководством ГМС. "
                 "ГМО:\n1) изучают запросы педагогов;\n2) обобщают опыт.\n2.2. ГМС рассматривает "
                 "программы; ведёт реестр экспертов.", level="municipal")
    gms, gmo = _body(doc, "ГМС"), _body(doc, "ГМО")
    duties = _duties(doc)
    assert [(c, b) for c, b, _ in duties if c == "2.1"] == [("2.1", gmo)] * 2
    assert ("2.2", gms, "ведёт реестр экспертов") in duties
    assert (gms, "GUIDES", gmo) in _relations(doc)


def test_schools_with_low_results_in_any_wording() -> None:
    # abbreviations in any case, spacing or inflection, and other words for such schools
    doc = _parse("1.1. Муниципальный методический центр (далее – ММЦ) создан.\n2.1. ММЦ:\n"
                 "– консультирует руководителей ШНОРов;\n– посещает уроки в ОО-НОР;\n"
                 "– ведёт перечень шнор;\n– помогает классам с низкой успеваемостью;\n"
                 "– проверяет антирисковые программы;\n– сопровождает школы с рисками учебной "
                 "неуспешности;\n– обучает педагогов низкорезультативных школ;\n– работает со "
                 "школами в сложных социальных контекстах;\n– помогает школам, работающим в "
                 "сложных условиях;\n– изучает опыт школ с низким уровнем образовательных "
                 "достижений;\n– утверждает нормы нагрузки.", level="municipal")
    cats = [d.props.get("categories") or [] for d in doc.batch.nodes.values()
            if d.label == "Duty"]
    assert len(cats) == 11
    assert ["low_results_support" in c for c in cats] == [True] * 10 + [False]


def test_parts_listed_after_a_colon_or_as_subjects_and_guidance_over_a_lines_end() -> None:
    # «В состав ОМС входят: A, B и C.», «Субъектами системы являются A и B.»; «… под
    # руководством / Отдела …» broken at the line's end
    doc = _parse("1.1. Окружная методическая служба (далее – ОМС) создана. Окружной методический "
                 "совет (далее – ОМСов) создан. Окружные методические объединения (далее – ОМО) "
                 "созданы. Отдел образования округа (далее – Отдел) действует.\n1.2. В состав "
                 "ОМС входят: ОМСов и ОМО.\n1.3. Субъектами ОМС являются Отдел, ОМСов и ОМО.\n"
                 "1.4. ОМО работают под руководством\nОтдела.", level="municipal")
    oms, council, omo, dept = (_body(doc, n) for n in ("ОМС", "ОМСов", "ОМО", "Отдел"))
    assert {(council, "PART_OF", oms), (omo, "PART_OF", oms), (dept, "PART_OF", oms),
            (dept, "GUIDES", omo)} <= _relations(doc)


def test_issuers_of_cited_acts_and_words_around_names_are_not_bodies() -> None:
    # «руководствуется приказами Министерства … и Комитета …» names issuers of acts, not bodies
    # of the regulation; «утверждённому отделом» is not part of the department's name;
    # «организация районной «Недели наставника»» is organising it
    doc = _parse("1.1. Районный методический кабинет (далее – Кабинет) руководствуется "
                 "приказами Министерства образования области и Министерства просвещения России.\n"
                 "1.2. Кабинет работает по плану, утверждённому отделом образования района.\n"
                 "2.1. Кабинет:\n– организация районной «Недели наставника»;\n– ведёт реестр "
                 "наставников.\n2.2. Отдел образования района утверждает план Кабинета.",
                 level="municipal")
    names = sorted(str(p["name"]).lower() for p in _orgs(doc).values())
    assert names == ["отдел образования района", "районный методический кабинет"]


def test_coordinating_them_refers_to_the_body_named_before() -> None:
    # «… ШМО и координация их деятельности» (the owner coordinates them); «ШМО работают под
    # руководством МС, который координирует их работу»; «… и осуществляет свою деятельность во
    # взаимодействии с …» is a duty (working with them), not the creation before it
    doc = _parse("1.1. Методический совет (далее – МС) создан. Школьные методические "
                 "объединения (далее – ШМО) созданы. Центр развития образования (далее – ЦРО) "
                 "создан.\n1.2. ШМО работают под руководством МС, который координирует их "
                 "работу.\n2.1. К компетенции ЦРО относится:\n– создание ШМО и координация их "
                 "деятельности.\n2.2. МС создаётся при ЦРО и осуществляет свою деятельность во "
                 "взаимодействии с ШМО.", level="institutional")
    council, shmo, cro = _body(doc, "МС"), _body(doc, "ШМО"), _body(doc, "ЦРО")
    assert {(council, "COORDINATES", shmo), (cro, "COORDINATES", shmo)} <= _relations(doc)
    assert [d for d in _duties(doc) if d[0] == "2.2"] == [
        ("2.2", council, "осуществляет свою деятельность во взаимодействии с ШМО")]


def test_creative_groups_named_only_in_passing_are_not_bodies() -> None:
    # «освоение цифровых лабораторий», «работа с временными творческими группами» in passing:
    # no duty or relation of their own, so not bodies; groups that act are kept
    doc = _parse("1.1. Школьное методическое объединение (далее – ШМО) создано.\n2.1. Задачи "
                 "ШМО:\n– освоение педагогами цифровых лабораторий;\n– поддержка временных "
                 "творческих групп.\n2.2. Проблемные группы учителей (далее – ПГУ) обобщают "
                 "опыт.", level="institutional")
    names = sorted(str(p["name"]).lower() for p in _orgs(doc).values())
    assert names == ["проблемные группы учителей", "школьное методическое объединение"]


def test_a_circumstance_before_the_subject_and_a_duty_laid_on_a_body() -> None:
    # «Для решения задач X проводит …» (a circumstance before the subject); «Контроль …
    # возлагается на Y» (a duty laid on a body); «низкие ОР» (results abbreviated)
    doc = _parse("1.1. Районный ресурсный центр (далее – РРЦ) создан. Отдел образования района "
                 "(далее – Отдел) действует.\n2.1. Для решения своих задач РРЦ проводит "
                 "семинары и организует стажировки.\n2.2. В соответствии с планом Отдела РРЦ "
                 "консультирует школы, показывающие низкие ОР.\n2.3. Контроль за работой РРЦ "
                 "возлагается на Отдел.", level="municipal")
    rrc, dept = _body(doc, "РРЦ"), _body(doc, "Отдел")
    duties = _duties(doc)
    assert {("2.1", rrc, "проводит семинары"), ("2.1", rrc, "организует стажировки"),
            ("2.2", rrc, "консультирует школы, показывающие низкие ОР"),
            ("2.3", dept, "Контроль за работой РРЦ")} <= set(duties)
    assert [d.props.get("categories") for d in doc.batch.nodes.values() if d.label == "Duty"
            and d.props["clause_number"] == "2.2"] == [["low_results_support"]]


def test_an_orders_dative_addressee_a_department_of_education_and_a_hyphenated_short_name() -> None:
    # «Отделу … (далее – Отдел) осуществлять …» (an addressee in the dative, then its
    # infinitive); «Отдел общего образования» is an education authority; «школ-участников» is
    # the short name «(далее – школы-участники)» of schools with low results
    doc = _parse("1. Определить общеобразовательные организации, имеющие низкие результаты "
                 "обучения (далее – школы-участники).\n2. Отделу общего образования (далее – "
                 "Отдел) осуществлять консультирование школ-участников.", level="municipal")
    dept = _body(doc, "Отдел")
    assert _orgs(doc)[dept]["kind"] == "education_authority"
    assert ("2", dept, "осуществлять консультирование школ-участников") in _duties(doc)
    assert [d.props.get("categories") for d in doc.batch.nodes.values() if d.label == "Duty"] \
        == [["low_results_support", "consulting"]]


def test_a_second_verb_after_a_takzhe_help_given_by_a_body_and_at_with_a_verbal_noun() -> None:
    # «…, а также участвуют …» is a second duty; «Методическую поддержку … оказывают ММС» the
    # doers' duty; «при участии ИРО» is no attachment to the institute
    doc = _parse("1.1. Институт развития образования (далее – ИРО) создан. Муниципальные "
                 "методические службы (далее – ММС) действуют.\n1.2. ММС представляют в ИРО "
                 "отчёт, а также участвуют в проектах.\n1.3. Методическую поддержку педагогов "
                 "оказывают ММС при участии ИРО.")
    iro, mms = _body(doc, "ИРО"), _body(doc, "ММС")
    duties = _duties(doc)
    assert {("1.2", mms, "представляют в ИРО отчёт"), ("1.2", mms, "участвуют в проектах"),
            ("1.3", mms, "Методическую поддержку педагогов оказывают")} <= set(duties)
    assert (mms, "ATTACHED_TO", iro) not in _relations(doc)


def test_a_long_circumstance_after_the_subject_and_two_verbs_after_it() -> None:
    doc = _parse("1.1. Районный методический кабинет (далее – РМК) создан.\n1.2. РМК по запросу "
                 "школ с низкими результатами государственной итоговой аттестации организует "
                 "консультации и проводит выездные семинары.", level="municipal")
    rmk = _body(doc, "РМК")
    assert [(b, t) for _, b, t in _duties(doc)] == [
        (rmk, "по запросу школ с низкими результатами государственной итоговой аттестации "
              "организует консультации"), (rmk, "проводит выездные семинары")]


def test_a_body_and_its_functions_after_a_dash_and_a_system_by_its_full_name() -> None:
    # «ММЦ – диагностика …; организация …» (functions after a dash, not «– объединение …», what
    # a body is); «Муниципальная система … (далее – МСНМС) включает …» names the system itself;
    # «… возложено на ММЦ»
    doc = _parse("1.1. Муниципальная система научно-методического сопровождения (далее – "
                 "МСНМС) включает муниципальный методический центр (далее – ММЦ) и школьные "
                 "методические объединения (далее – ШМО).\n2.1. ММЦ – диагностика дефицитов "
                 "педагогов; организация курсов.\n2.2. ШМО – объединения учителей одного "
                 "предмета.\n2.3. Обеспечение деятельности МСНМС возложено на ММЦ.",
                 level="municipal")
    system, mmc, shmo = _body(doc, "МСНМС"), _body(doc, "ММЦ"), _body(doc, "ШМО")
    assert {(mmc, "PART_OF", system), (shmo, "PART_OF", system)} <= _relations(doc)
    assert _duties(doc) == [("2.1", mmc, "диагностика дефицитов педагогов"),
                            ("2.1", mmc, "организация курсов"),
                            ("2.3", mmc, "Обеспечение деятельности МСНМС")]


def test_a_sections_heading_about_schools_with_low_results_labels_its_duties() -> None:
    doc = _parse("1. Общие положения\n1.1. Методический центр района (далее – Центр) создан.\n"
                 "2. Сопровождение школ с низкими образовательными результатами\n2.1. Центр "
                 "проводит диагностику педагогов.\n3. Прочие функции\n3.1. Центр ведёт сайт.",
                 level="municipal")
    labels = {d.props["clause_number"]: "low_results_support" in (d.props.get("categories") or [])
              for d in doc.batch.nodes.values() if d.label == "Duty"}
    assert labels == {"2.1": True, "3.1": False}


def test_a_ministrys_territorial_department_and_a_base_that_is_not_a_part() -> None:
    # «Северное управление министерства образования» is a body of its own (not the ministry);
    # «министерство образования» alone is regional; «ресурсный центр на базе МБОУ …» in a list
    # of parts: the school is its base, not a part
    doc = _parse("1.1. Окружная методическая служба (далее – ОМС) создаётся при Северном "
                 "управлении министерства образования (далее – Северное управление).\n1.2. В "
                 "состав ОМС входят: ресурсный центр на базе МБОУ «Гимназия № 2» (далее – "
                 "Ресурсный центр) и окружной методический совет (далее – Совет).",
                 level="municipal")
    oms, dept, centre = _body(doc, "ОМС"), _body(doc, "Северное управление"), \
        _body(doc, "Ресурсный центр")
    ministry = _body(doc, "министерство образования")
    assert dept != ministry and _orgs(doc)[dept]["kind"] == "education_authority"
    assert _orgs(doc)[ministry]["level"] == "regional"
    relations = _relations(doc)
    assert {(oms, "ATTACHED_TO", dept), (centre, "PART_OF", oms)} <= relations
    assert not [r for r in relations if r[1] == "PART_OF" and r[2] == oms
                and "gimnaziya" in r[0]]


def test_a_project_office_a_bureau_and_a_headquarters_are_bodies() -> None:
    doc = _parse("1.1. Муниципальный проектный офис (далее – Офис), методическое бюро округа "
                 "(далее – Бюро) и методический штаб округа (далее – Штаб) созданы.\n2.1. Офис "
                 "ведёт реестр проектов.\n2.2. Бюро готовит обзоры.\n2.3. Штаб координирует "
                 "работу Офиса.", level="municipal")
    office, bureau, hq = _body(doc, "Офис"), _body(doc, "Бюро"), _body(doc, "Штаб")
    # (a project office is a collegial group, as the headquarters is: five truths to one)
    assert _orgs(doc)[bureau]["kind"] == "methodological_service"
    assert _orgs(doc)[office]["kind"] == _orgs(doc)[hq]["kind"] == "council"
    assert {(c, b) for c, b, _ in _duties(doc)} >= {("2.1", office), ("2.2", bureau),
                                                    ("2.3", hq)}


def test_a_duty_stops_before_someone_else_after_a() -> None:
    # «…, а руководитель ШМО готовит отчёт» is not the association's (a person's act)
    doc = _parse("1.1. Школьное методическое объединение (далее – ШМО) создано.\n2.1. ШМО "
                 "ежегодно проводит предметную неделю, а руководитель ШМО готовит отчёт.",
                 level="institutional")
    assert _duties(doc) == [("2.1", _body(doc, "ШМО"), "ежегодно проводит предметную неделю")]


def test_a_relations_source_named_with_its_parent_in_its_name() -> None:
    # «Центр … работников ИРО (далее – ЦНППМ) курирует деятельность ГМО»: the centre curates,
    # not the institute named at the end of its name
    doc = _parse("1.1. Институт развития образования (далее – ИРО) создан. Городские "
                 "методические объединения (далее – ГМО) действуют.\n1.2. Центр непрерывного "
                 "повышения профессионального мастерства педагогических работников ИРО (далее – "
                 "ЦНППМ) курирует деятельность ГМО.")
    cnppm, iro, gmo = _body(doc, "ЦНППМ"), _body(doc, "ИРО"), _body(doc, "ГМО")
    relations = _relations(doc)
    assert (cnppm, "COORDINATES", gmo) in relations and (iro, "COORDINATES", gmo) not in relations


def test_section_numbers_without_a_dot_above_sub_clauses_without_a_dot() -> None:
    t = split_clauses("Положение\n1 Общие положения\n1.1 Кружок создан.\n2 Работа кружка\n"
                      "2.1 В рамках работы кружок:\nа) ведёт журнал;\nб) готовит отчёт.\n"
                      "Выдано 3 экземпляра.\n3 Заключение")
    assert [c.number for c in t.clauses] == ["1", "1.1", "2", "2.1", "3"]
    assert [p.text for p in t.clauses[3].paragraphs] == [
        "В рамках работы кружок:", "ведёт журнал;", "готовит отчёт.", "Выдано 3 экземпляра."]
    # a count at a line's start in a text numbered with dots stays running text
    t = split_clauses("1. Общие положения\n1.1. Кружок создан.\n2 Учителя входят в кружок.")
    assert [c.number for c in t.clauses] == ["1", "1.1"]


def test_a_list_head_that_opens_with_a_circumstance_and_ends_with_its_body() -> None:
    doc = _parse("1. Общие положения\n1.1. Школьный клуб краеведов (далее – Клуб) создан в "
                 "гимназии.\n2. Работа\n2.1. По итогам учебного года Клуб:\n"
                 "а) готовит выставку находок;\nб) публикует летопись школы.\n"
                 "2.2. Под руководством Клуба:\nа) ведётся летопись.")
    club = _body(doc, "Клуб")
    assert [(c, b, t) for c, b, t in _duties(doc) if c == "2.1"] == [
        ("2.1", club, "готовит выставку находок"), ("2.1", club, "публикует летопись школы")]
    assert not [d for d in _duties(doc) if d[0] == "2.2"]


def test_an_orders_addressee_with_the_initials_of_the_person_in_charge() -> None:
    doc = _parse("1. Утвердить план.\n2. Областному центру детского туризма (далее – ЦДТ) "
                 "(Петров Е.А.):\n2.1. обеспечить проведение слёта;\n2.2. организовать походы.")
    ctt = _body(doc, "ЦДТ")
    assert _duties(doc) == [("2.1", ctt, "обеспечить проведение слёта"),
                            ("2.2", ctt, "организовать походы")]


def test_a_regions_second_name_in_brackets_inside_a_bodys_name() -> None:
    t = split_clauses("1.1. Комитет по делам молодёжи Республики Марий Эл (Чувашия) (далее – "
                      "Комитет) утверждает план. Иванов (Петров) пишет.")
    assert t.clauses[0].head == ("Комитет по делам молодёжи Республики Марий Эл Чувашия (далее – "
                                 "Комитет) утверждает план. Иванов (Петров) пишет.")
    doc = _parse("1. Общие положения.\n1.1. Комитет по делам молодёжи Республики Марий Эл "
                 "(Чувашия) (далее – Комитет) утверждает план слёта.\n"
                 "1.2. Работу слёта координирует Комитет.")
    committee = _body(doc, "Комитет")
    assert _duties(doc) == [("1.1", committee, "утверждает план слёта"),
                            ("1.2", committee, "Работу слёта координирует")]


def test_a_word_broken_by_a_pdfs_hyphen_after_a_short_or_unknown_first_part() -> None:
    t = split_clauses("1.1. Кабинет ведёт со-\nпровождение кружков и оце-\nночные листы, "
                      "а также учебно-\nметодические пособия.")
    assert t.clauses[0].head == ("Кабинет ведёт сопровождение кружков и оценочные листы, "
                                 "а также учебно-методические пособия.")


def test_a_table_of_participants_and_their_functions_after_a_dash() -> None:
    doc = _parse("1. Общие положения.\n1.1. Школьный театральный совет (далее – Совет) и "
                 "Клуб юных актёров (далее – Клуб) работают в гимназии.\n"
                 "2. Функции\n2.1. Функции участников распределяются так:\n"
                 "Участник — Функции\nСовет — утверждает репертуар; проводит смотр.\n"
                 "Клуб — ставит спектакли.\nРежиссёр — ведёт репетиции.")
    council, club = _body(doc, "Совет"), _body(doc, "Клуб")
    assert [d for d in _duties(doc) if d[0] == "2.1"] == sorted([
        ("2.1", council, "утверждает репертуар"), ("2.1", council, "проводит смотр"),
        ("2.1", club, "ставит спектакли")])


def test_a_list_head_of_a_body_together_with_another_gives_the_items_to_both() -> None:
    doc = _parse("1. Общие положения.\n1.1. Центр юных натуралистов (далее – Центр) и "
                 "Клуб юных экологов (далее – Клуб) работают в районе.\n"
                 "2. Функции\n2.1. Центр совместно с Клубом:\n1) проводит слёт;\n"
                 "2) издаёт сборник.\n2.2. Клуб ведёт сайт.")
    station, club = _body(doc, "Центр"), _body(doc, "Клуб")
    assert [d for d in _duties(doc) if d[0] == "2.1"] == sorted([
        ("2.1", station, "проводит слёт"), ("2.1", station, "издаёт сборник"),
        ("2.1", club, "проводит слёт"), ("2.1", club, "издаёт сборник")])


def test_an_orders_recommend_before_the_duty_of_a_dative_addressee() -> None:
    doc = _parse("1. Утвердить план слёта.\n2. Муниципальным методическим центрам (далее – ММЦ) "
                 "рекомендовать провести отборочные соревнования.")
    assert [d[2] for d in _duties(doc)] == ["провести отборочные соревнования"]


def test_a_date_wrapped_to_a_lines_start_is_not_a_clause() -> None:
    t = split_clauses("1.1. Кружок действует на основании закона от\n29.12.2012 № 273-ФЗ и "
                      "устава.\n1.2. Текст.")
    assert [c.number for c in t.clauses] == ["1.1", "1.2"]
    assert "29.12.2012 № 273-ФЗ и устава." in t.clauses[0].text


def test_a_regions_institution_of_further_training_called_a_centre_is_an_institute() -> None:
    doc = _parse("1. Общие положения.\n1.1. Государственное автономное учреждение "
                 "дополнительного профессионального образования Тверской области «Тверской "
                 "центр учительского роста» (далее – Центр роста) проводит курсы.\n"
                 "1.2. Муниципальное бюджетное учреждение дополнительного профессионального "
                 "образования «Городской методический центр» (далее – ГМЦ) ведёт семинары.",
                 level="municipal")
    assert _orgs(doc)[_body(doc, "Центр роста")]["kind"] == "development_institute"
    assert _orgs(doc)[_body(doc, "ГМЦ")]["kind"] == "methodological_service"


def test_a_centre_named_by_its_word_in_another_case_with_what_it_does_after_it() -> None:
    doc = _parse("1. Общие положения.\n1.1. Муниципальное бюджетное учреждение «Методический "
                 "центр» города Энска (далее – Центр) создано управлением.\n"
                 "2. Функции\n2.1. Функции Центра по поддержке кружков:\n"
                 "1) проведение смотров;\n2) издание сборников.", level="municipal")
    centre = _body(doc, "Центр")
    assert len(_orgs(doc)) == 1
    assert _duties(doc) == [("2.1", centre, "издание сборников"),
                            ("2.1", centre, "проведение смотров")]


def test_a_name_broken_before_its_region_at_a_lines_end() -> None:
    t = split_clauses("1.2. Отдел образования администрации Энского муниципального района\n"
                      "Тверской области (далее – Отдел) утверждает план.")
    assert t.clauses[0].head == ("Отдел образования администрации Энского муниципального района "
                                 "Тверской области (далее – Отдел) утверждает план.")


def test_schools_named_as_a_class_by_a_participles_phrase_with_an_acronym_of_their_own() -> None:
    doc = _parse("1. Общие положения.\n1.1. В Программе используются понятия:\n"
                 "школы, показывающие слабые результаты по музыке (далее – ШСР), – школы района "
                 "с низкими баллами;\n2. Функции\n2.1. ШСР:\n1) разрабатывают планы улучшения;\n"
                 "2) направляют учителей на курсы.", level="municipal")
    schools = _body(doc, "ШСР")
    assert _orgs(doc)[schools]["kind"] == "school"
    assert _duties(doc) == [("2.1", schools, "направляют учителей на курсы"),
                            ("2.1", schools, "разрабатывают планы улучшения")]


def test_items_marked_by_a_letter_and_a_dot_lose_their_marker() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Творческая группа учителей истории (далее – Группа) создаётся в гимназии.\n"
                 "2. Функции\n"
                 "2.1. Группа осуществляет:\n"
                 "а. подбор материалов для уроков истории;\n"
                 "б. проведение школьной олимпиады по истории.\n")
    group = _body(doc, "Творческая группа учителей истории")
    assert ("2.1", group, "подбор материалов для уроков истории") in _duties(doc)
    assert ("2.1", group, "проведение школьной олимпиады по истории") in _duties(doc)
    # a town's abbreviation at a line's start stays text
    assert [(p.text, p.bullet) for p in split_clauses("1. Место\nг. Зея, улица Мира.\n")
            .clauses[0].paragraphs] == [("Место г. Зея, улица Мира.", False)]


def test_a_plans_measure_is_a_duty_of_each_body_on_its_responsible_line() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Городской методический кабинет (далее – ГМК) и Совет директоров школ "
                 "(далее – СДШ) исполняют план.\n"
                 "2. Мероприятия по поддержке школ с низкими результатами\n"
                 "2.1. Подготовка перечня семинаров для учителей.\n"
                 "Срок исполнения: март.\n"
                 "Ответственные исполнители: ГМК, СДШ, директора школ.\n"
                 "2.2. Выпуск сборника лучших уроков.\n"
                 "Исполнитель: ГМК.\n", level="municipal")
    gmk, sdsh = _body(doc, "ГМК"), _body(doc, "СДШ")
    duties = [d for d in _duties(doc) if d[0].startswith("2.")]
    assert duties == sorted([("2.1", gmk, "Подготовка перечня семинаров для учителей"),
                             ("2.1", sdsh, "Подготовка перечня семинаров для учителей"),
                             ("2.2", gmk, "Выпуск сборника лучших уроков")])
    # the section's heading names the schools: each measure under it is about them
    assert {d.text for d in doc.duties if "low_results_support" in d.categories} == {
        "Подготовка перечня семинаров для учителей", "Выпуск сборника лучших уроков"}


def test_an_unnumbered_page_has_its_blocks_between_capitals_headings_as_clauses() -> None:
    text = ("ГОРОДСКОЙ ЦЕНТР РАЗВИТИЯ ЧТЕНИЯ\n\n"
            "О ЦЕНТРЕ\n\n"
            "Городской центр развития чтения (ГЦРЧ) работает при библиотеке гимназии.\n\n"
            "ЧТО МЫ ДЕЛАЕМ\n\n"
            "Центр выполняет следующие функции:\n"
            "Проводит конкурсы чтецов.\n"
            "Собирает списки книг для каникул.\n")
    parsed = split_clauses(text)
    assert [(c.number, [p.text for p in c.paragraphs]) for c in parsed.clauses] == [
        ("1", ["Городской центр развития чтения (ГЦРЧ) работает при библиотеке гимназии."]),
        ("2", ["Центр выполняет следующие функции:", "Проводит конкурсы чтецов.",
               "Собирает списки книг для каникул."])]
    centre = _body(_parse(text, level="municipal"), "Городской центр развития чтения")
    assert [d for d in _duties(_parse(text, level="municipal")) if d[0] == "2"] == [
        ("2", centre, "Проводит конкурсы чтецов"),
        ("2", centre, "Собирает списки книг для каникул")]
    # without blank lines each paragraph is a clause of its own, the headings none
    assert [c.paragraphs[0].text for c in split_clauses(text.replace("\n\n", "\n")).clauses] \
        == ["Городской центр развития чтения (ГЦРЧ) работает при библиотеке гимназии.",
            "Центр выполняет следующие функции:", "Проводит конкурсы чтецов.",
            "Собирает списки книг для каникул."]


def test_what_a_bodys_work_includes_is_its_duties_not_its_parts() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Клуб юных экологов (далее – Клуб) работает при станции натуралистов.\n"
                 "2. Работа клуба\n"
                 "2.1. Деятельность Клуба включает:\n"
                 "* подготовку экологических экспедиций;\n"
                 "* выпуск стенной газеты.\n", level="municipal")
    club = _body(doc, "Клуб юных экологов")
    assert [d for d in _duties(doc) if d[0] == "2.1"] == [
        ("2.1", club, "выпуск стенной газеты"),
        ("2.1", club, "подготовку экологических экспедиций")]


def test_a_listed_abbreviation_whose_expansion_goes_on_after_a_comma() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. В плане используются следующие сокращения:\n"
                 "Управление – управление образования администрации Мглинского района;\n"
                 "РМК – районный методический кабинет, являющийся структурным подразделением "
                 "Управления.\n"
                 "2. Мероприятия\n"
                 "2.1. Выпуск методического бюллетеня.\n"
                 "Ответственные: РМК.\n", level="municipal")
    rmk = _body(doc, "районный методический кабинет")
    assert _body(doc, "РМК") == rmk
    assert ("2.1", rmk, "Выпуск методического бюллетеня") in _duties(doc)


def test_a_sentence_that_opens_with_its_verb_and_ends_with_its_body() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Клуб юных экологов (далее – Клуб) работает при методическом кабинете "
                 "Тарского района (далее – Кабинет).\n"
                 "2. Обеспечение\n"
                 "2.1. Утверждает программу экспедиций Клуба Кабинет.\n"
                 "2.2. Координирует работу Клуба.\n", level="municipal")
    station = _body(doc, "Кабинет")
    duties = [d for d in _duties(doc) if d[0] == "2.1"]
    assert duties == [("2.1", station, "Утверждает программу экспедиций Клуба")]
    # the body that ends the sentence in the genitive is what the work is about, not its doer
    assert [d for d in _duties(doc) if d[0] == "2.2"] == []


def test_an_acronym_before_its_full_name_after_a_dash() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Клуб юных экологов (далее – Клуб) работает на базе КМЦ – муниципального "
                 "бюджетного учреждения «Калачинский методический центр».\n"
                 "2. Функции\n"
                 "2.1. На КМЦ возлагаются следующие функции:\n"
                 "– закупка оборудования для Клуба;\n"
                 "– учёт участников Клуба.\n", level="municipal")
    station = _body(doc, "КМЦ")
    assert station == _body(doc, "муниципальное бюджетное учреждение «Калачинский методический "
                                  "центр»")
    assert [d for d in _duties(doc) if d[0] == "2.1"] == [
        ("2.1", station, "закупка оборудования для Клуба"),
        ("2.1", station, "учёт участников Клуба")]


def test_schools_in_a_zone_of_risk_by_their_results_are_schools_with_low_results() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Районный методический кабинет (далее – Кабинет) проводит выездные "
                 "семинары для учителей школ, оказавшихся в зоне риска по результатам "
                 "мониторинга.\n", level="municipal")
    assert [d.text for d in doc.duties if "low_results_support" in d.categories] == [
        "проводит выездные семинары для учителей школ, оказавшихся в зоне риска по результатам "
        "мониторинга"]


def test_a_measure_card_with_its_label_and_its_doers_below() -> None:
    doc = _parse("ПЛАН МЕРОПРИЯТИЙ\n"
                 "Сокращения:\n"
                 "ИМЦ – информационно-методический центр города Лесного;\n"
                 "ШМР – школы с низкими результатами обучения.\n"
                 "1. Наименование мероприятия: выпуск сборника лучших уроков.\n"
                 "Сроки: май.\n"
                 "Ответственные: ИМЦ, ШМР.\n"
                 "2. Мероприятие – проведение городской олимпиады по физике.\n"
                 "Срок исполнения – март.\n"
                 "Исполнитель – ИМЦ.\n", level="municipal")
    centre = _body(doc, "ИМЦ")
    schools = _body(doc, "ШМР")
    assert _body(doc, "школы с низкими результатами обучения") == schools
    assert _duties(doc) == sorted([("1", centre, "выпуск сборника лучших уроков"),
                                   ("1", schools, "выпуск сборника лучших уроков"),
                                   ("2", centre, "проведение городской олимпиады по физике")])
    # what the schools with low results do is about them
    assert {(e.source, doc.batch.nodes[e.target].props["text"]) for e in doc.batch.edges.values()
            if e.type == "HAS_DUTY" and "low_results_support" in
            doc.batch.nodes[e.target].props.get("categories", [])} == {
        (schools, "выпуск сборника лучших уроков")}


def test_a_measure_with_its_doer_on_the_same_line() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Районный методический кабинет (далее – РМК) и Совет директоров школ "
                 "(далее – СДШ) исполняют план.\n"
                 "2. План\n"
                 "2.1. Подготовка перечня семинаров для учителей (отв. РМК).\n"
                 "2.2. Выпуск сборника лучших уроков — исполнитель: СДШ.\n"
                 "2.3. Проведение конференции. Ответственные: РМК, СДШ.\n", level="municipal")
    rmk, sdsh = _body(doc, "РМК"), _body(doc, "СДШ")
    assert [d for d in _duties(doc) if d[0].startswith("2.")] == sorted([
        ("2.1", rmk, "Подготовка перечня семинаров для учителей"),
        ("2.2", sdsh, "Выпуск сборника лучших уроков"),
        ("2.3", rmk, "Проведение конференции"),
        ("2.3", sdsh, "Проведение конференции")])


def test_a_short_name_and_its_other_names_in_one_parenthesis() -> None:
    doc = _parse("Муниципальное бюджетное учреждение «Центр поддержки учителей «Маяк» (МБУ ЦПУ "
                 "«Маяк»; далее – Маяк или Центр) подчиняется Управлению образования "
                 "администрации города Зарецка (далее – Управление).\n\n"
                 "Для учителей, работающих первый год, Центр ведёт клуб молодого учителя.\n\n"
                 "Для школ, показывающих низкие результаты ВПР, Маяк проводит выездные "
                 "консультации.\n", level="municipal")
    centre, authority = _body(doc, "Маяк"), _body(doc, "Управление")
    assert _body(doc, "Центр") == _body(doc, "МБУ ЦПУ «Маяк»") == centre != authority
    assert (centre, "SUBORDINATE_TO", authority) in _relations(doc)
    assert {(b, t) for _, b, t in _duties(doc)} == {
        (centre, "ведёт клуб молодого учителя"), (centre, "проводит выездные консультации")}
    assert [d.text for d in doc.duties if "low_results_support" in d.categories] == [
        "проводит выездные консультации"]


def test_a_named_team_a_base_platform_and_a_cluster_are_bodies() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Региональная команда «Живая физика» (далее – ЖФ) создаётся для помощи "
                 "учителям сельских школ, работающих в сложных социальных условиях (далее – "
                 "ШССУ).\n"
                 "1.2. Стажировочная площадка по проектному обучению (далее – Площадка) "
                 "создаётся на базе гимназии.\n"
                 "1.3. Межшкольный кластер «Инженерная волна» (далее – Кластер) объединяет "
                 "школы района.\n"
                 "2. Функции\n"
                 "2.1. ЖФ проводит выездные уроки в ШССУ.\n"
                 "2.2. На Площадку возлагаются следующие функции:\n"
                 "· проведение стажировок для учителей;\n"
                 "· выпуск методических материалов.\n"
                 "2.3. Кластер организует инженерные каникулы.\n"
                 "2.4. ШССУ направляют учителей на выездные уроки.\n"
                 "2.5. Лицей как стажировочная площадка принимает учителей; материалы "
                 "размещаются на сетевой площадке.\n", level="regional")
    team, platform, cluster = _body(doc, "ЖФ"), _body(doc, "Площадка"), _body(doc, "Кластер")
    kinds = {k: _orgs(doc)[k]["kind"] for k in (team, platform, cluster)}
    assert kinds == {team: "methodist_pool", platform: "methodological_center",
                     cluster: "community"}
    schools = _body(doc, "ШССУ")
    assert _orgs(doc)[schools]["kind"] == "school"
    assert ("2.1", team, "проводит выездные уроки в ШССУ") in _duties(doc)
    assert [d for d in _duties(doc) if d[0] == "2.2"] == [
        ("2.2", platform, "выпуск методических материалов"),
        ("2.2", platform, "проведение стажировок для учителей")]
    assert ("2.3", cluster, "организует инженерные каникулы") in _duties(doc)
    assert sorted(d.text for d in doc.duties if "low_results_support" in d.categories) == [
        "направляют учителей на выездные уроки", "проводит выездные уроки в ШССУ"]
    assert len(_orgs(doc)) == 4  # neither the lyceum's part nor a website is a body


def test_what_is_done_named_first_keeps_its_verb() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Клуб юных химиков (далее – Клуб) создан при управлении образования "
                 "администрации Ухтинского района (далее – Управление).\n"
                 "1.2. Подвоз участников осуществляет Управление.\n"
                 "1.3. Учёт достижений проводится Клубом.\n", level="municipal")
    club, authority = _body(doc, "Клуб"), _body(doc, "Управление")
    assert [d for d in _duties(doc) if d[0] != "1.1"] == [
        ("1.2", authority, "Подвоз участников осуществляет"),
        ("1.3", club, "Учёт достижений проводится")]
    # guidance said object-first, scientific or plain, is a duty as well as a relation
    doc = _parse("1. Клуб юных химиков (далее – Клуб) создан. Учёный совет университета "
                 "(далее – Совет) и кафедра химии университета (далее – Кафедра) помогают ему.\n"
                 "2. Научно-методическое руководство деятельностью Клуба осуществляет Совет.\n"
                 "3. Руководство Клубом осуществляет Кафедра.\n", level="municipal")
    council, club, chair = _body(doc, "Совет"), _body(doc, "Клуб"), _body(doc, "Кафедра")
    assert [d for d in _duties(doc) if d[0] in ("2", "3")] == [
        ("2", council, "Научно-методическое руководство деятельностью Клуба осуществляет"),
        ("3", chair, "Руководство Клубом осуществляет")]
    assert (council, "GUIDES", club) in _relations(doc)


def test_lists_of_duties_introduced_by_any_phrase_that_gives_a_body_its_work() -> None:
    heads = ["Деятельность Клуба направлена на:", "На Клуб возлагаются следующие задачи:",
             "В компетенцию Клуба входит:", "Клуб в пределах своей компетенции:",
             "Основными функциями Клуба являются:", "Клуб обеспечивает:",
             "Работа Клуба нацелена на:", "Клубу поручается:", "Клуб выполняет следующие задачи:",
             "За Клубом закрепляются следующие функции:"]
    for head in heads:
        doc = _parse("1. Общие положения\n"
                     "1.1. Клуб юных астрономов (далее – Клуб) создан при Доме детского "
                     "творчества.\n"
                     "2. Работа\n"
                     f"2.1. {head}\n"
                     "• наблюдения звёздного неба;\n"
                     "▪ выпуск календаря затмений.\n", level="municipal")
        club = _body(doc, "Клуб")
        assert [d for d in _duties(doc) if d[0] == "2.1"] == [
            ("2.1", club, "выпуск календаря затмений"),
            ("2.1", club, "наблюдения звёздного неба")], head


def test_item_markers_of_every_kind_and_headings_in_capitals() -> None:
    for marker in ("·", "•", "—", "–", "-", "*", "▪", "►", "✓", "➢", "◦", "■"):
        doc = _parse("1. Общие положения\n"
                     "1.1. Клуб юных астрономов (далее – Клуб) создан при Доме детского "
                     "творчества.\n"
                     "2. Работа\n"
                     "2.1. Клуб осуществляет:\n"
                     f"{marker} наблюдения звёздного неба;\n"
                     f"{marker} выпуск календаря затмений.\n", level="municipal")
        assert [d[2] for d in _duties(doc) if d[0] == "2.1"] == [
            "выпуск календаря затмений", "наблюдения звёздного неба"], marker
    for heading in ("§ 2. Функции Клуба", "Раздел 2. Функции Клуба", "II. ФУНКЦИИ КЛУБА",
                    "ФУНКЦИИ КЛУБА"):
        doc = _parse("§ 1. Общие положения\n"
                     "1.1. Клуб юных астрономов (далее – Клуб) создан при Доме детского "
                     "творчества.\n"
                     f"{heading}\n"
                     "2.1. Проводит наблюдения звёздного неба.\n"
                     "2.2. Выпускает календарь затмений.\n", level="municipal")
        club = _body(doc, "Клуб")
        assert _duties(doc) == [("2.1", club, "Проводит наблюдения звёздного неба"),
                                ("2.2", club, "Выпускает календарь затмений")], heading
    # a heading in capitals without a number is clause 2 only above «2.1»
    t = split_clauses("1. Общие положения\n1.1. Текст.\nКЛУБ И ШКОЛА\n1.2. Текст.\n")
    assert [c.number for c in t.clauses] == ["1", "1.1", "1.2"]
    assert [p.text for p in t.clauses[1].paragraphs] == ["Текст.", "КЛУБ И ШКОЛА"]


def test_schools_with_low_results_in_every_wording() -> None:
    from graph.loaders.regulations.duties import duty_categories

    about = ["помощь НОР", "помощь Ш НОР", "поддержка ОО с НОР", "работа с ШНОРами",
             "сопровождение ОО НРО", "наставники для ШНРО",
             "помощь школам с низкими результатами обучения",
             "помощь школам с низкими образовательными результатами ГИА",
             "поддержка школ, показывающих низкие результаты",
             "поддержка школ, демонстрирующих низкие образовательные результаты",
             "поддержка школ, имеющих низкие результаты ОГЭ",
             "семинар для школ в сложных социальных условиях",
             "семинар для школ в неблагоприятных социальных условиях",
             "школы, находящиеся в зоне риска снижения образовательных результатов",
             "выезды в школы, находящиеся в зоне риска",
             "школы, функционирующие в сложных условиях", "школы-участники проекта 500+",
             "помощь школам с низким качеством подготовки обучающихся",
             "разбор заданий со школами с низкими баллами ЕГЭ",
             "поддержка школ с отрицательной динамикой результатов"]
    assert [t for t in about if "low_results_support" not in duty_categories(t)] == []
    assert "low_results_support" not in duty_categories("школы с признаками необъективности")
    assert "low_results_support" not in duty_categories("работа с детьми группы риска")


def test_a_second_name_after_an_acronym_that_fits_nothing_and_a_circumstance_with_a_participle(
        ) -> None:
    doc = _parse("1. Участниками являются: государственное бюджетное учреждение «Тверской "
                 "областной центр оценки качества» (далее – ТвЦОК, центр); управление "
                 "образования города Ржева (далее – управление).\n"
                 "2. Центр в отношении школ, оказавшихся в зоне риска, готовит аналитические "
                 "справки и проводит выездные семинары.\n")
    centre = _body(doc, "ТвЦОК")
    assert _body(doc, "центр") == centre
    assert _orgs(doc)[centre]["kind"] != "school"
    assert [d for d in _duties(doc) if d[0] == "2"] == [
        ("2", centre, "в отношении школ, оказавшихся в зоне риска, готовит аналитические "
                      "справки"),
        ("2", centre, "проводит выездные семинары")]
    assert len([d for d in doc.duties if "low_results_support" in d.categories]) == 2


def test_a_sentence_opened_by_an_introductory_phrase() -> None:
    doc = _parse("1. Клуб юных химиков (далее – Клуб) и Совет родителей (далее – Совет) "
                 "созданы.\n"
                 "2. Кроме того, Клуб ведёт летнюю школу. При этом Совет собирает взносы. "
                 "Помимо этого, Клуб выпускает газету.\n", level="municipal")
    club, council = _body(doc, "Клуб"), _body(doc, "Совет")
    assert [d for d in _duties(doc) if d[0] == "2"] == sorted([
        ("2", club, "ведёт летнюю школу"), ("2", council, "собирает взносы"),
        ("2", club, "выпускает газету")])
    # the doer named last, after a participle's phrase between commas
    doc = _parse("1. Клуб юных химиков (далее – Клуб) и Совет родителей (далее – Совет) "
                 "созданы.\n"
                 "2. Готовит наборы реактивов для школ, получивших низкие баллы ОГЭ, Совет.\n",
                 level="municipal")
    assert [d for d in _duties(doc) if d[0] == "2"] == [
        ("2", _body(doc, "Совет"), "Готовит наборы реактивов для школ, получивших низкие баллы "
                                   "ОГЭ")]


def test_a_unit_named_for_the_schools_it_serves_and_items_that_name_their_doer() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Сектор поддержки школ, показывающих низкие результаты ВПР (далее – СПШ, "
                 "Сектор), является подразделением института.\n"
                 "2. Направления работы\n"
                 "2.1. Направления работы:\n"
                 "Сектор ежегодно составляет список школ для выездов.\n"
                 "Сектор проводит выездные семинары.\n")
    unit = _body(doc, "СПШ")
    assert _orgs(doc)[unit]["kind"] != "school"
    assert _body(doc, "Сектор поддержки школ") == unit
    assert [d for d in _duties(doc) if d[0] == "2.1"] == [
        ("2.1", unit, "ежегодно составляет список школ для выездов"),
        ("2.1", unit, "проводит выездные семинары")]
    # a unit whose name is about the schools: all it does is about them
    assert len([d for d in doc.duties if "low_results_support" in d.categories]) == 2


def test_a_list_of_abbreviations_with_schools_by_their_part_and_a_name_without_quotes() -> None:
    doc = _parse("ПЛАН\n"
                 "1. Сокращения:\n"
                 "ШП – школы-партнёры, подписавшие соглашение;\n"
                 "ЦОКО – государственное бюджетное учреждение Центр оценки качества образования "
                 "Новгородской области.\n"
                 "2. Проведение пробных экзаменов.\n"
                 "Ответственные: ЦОКО, ШП.\n")
    partners, centre = _body(doc, "ШП"), _body(doc, "ЦОКО")
    assert _orgs(doc)[partners]["kind"] == "school"
    assert _orgs(doc)[centre]["kind"] != "school"
    assert _duties(doc) == sorted([("2", centre, "Проведение пробных экзаменов"),
                                   ("2", partners, "Проведение пробных экзаменов")])


def test_a_plans_table_row_is_a_duty_of_each_body_in_its_last_cell() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Районный методический кабинет (далее – РМК) и районные методические "
                 "объединения (далее – РМО) исполняют план.\n"
                 "2. План мероприятий\n"
                 "№ | Мероприятие | Срок | Ответственные\n"
                 "1 | Семинар для учителей школ с низкими результатами | март | РМК, РМО\n"
                 "2 | Выпуск сборника задач | май | РМК\n"
                 "3 | Родительское собрание | апрель | директора школ\n", level="municipal")
    rmk, rmo = _body(doc, "РМК"), _body(doc, "РМО")
    assert [d for d in _duties(doc) if d[0] == "2"] == sorted([
        ("2", rmk, "Семинар для учителей школ с низкими результатами"),
        ("2", rmo, "Семинар для учителей школ с низкими результатами"),
        ("2", rmk, "Выпуск сборника задач")])
    assert len([d for d in doc.duties if "low_results_support" in d.categories]) == 2


def test_measures_numbered_straight_through_each_with_its_own_doer_and_subject() -> None:
    doc = _parse("ДОРОЖНАЯ КАРТА\n"
                 "1. Семинар для руководителей ШНОР (отв. – управление образования "
                 "администрации Лесного района)\n"
                 "2. Диагностика учителей математики – ответственный: Районный методический "
                 "кабинет (РМК)\n"
                 "3. Выпуск сборника задач. Ответственные: РМК.\n", level="municipal")
    rmk = _body(doc, "РМК")
    authority = _body(doc, "управление образования администрации Лесного района")
    assert _duties(doc) == [("1", authority, "Семинар для руководителей ШНОР"),
                            ("2", rmk, "Диагностика учителей математики"),
                            ("3", rmk, "Выпуск сборника задач")]
    # what the first measure is about is not the next ones' subject
    assert [d.text for d in doc.duties if "low_results_support" in d.categories] == [
        "Семинар для руководителей ШНОР"]


def test_a_schools_council_is_not_the_school_its_initials_start() -> None:
    doc = _parse("1. Методический совет МБОУ «СОШ № 3» г. Лесного (далее – МС) — коллегиальный "
                 "орган.\n"
                 "2. В компетенцию МС входит:\n"
                 "а) анализ результатов ВПР;\n"
                 "б) выбор учебников.\n", level="municipal")
    council = _body(doc, "МС")
    assert _orgs(doc)[council]["kind"] == "council"
    assert [d for d in _duties(doc) if d[0] == "2"] == [
        ("2", council, "анализ результатов ВПР"), ("2", council, "выбор учебников")]


def test_a_heading_of_tasks_over_items_on_a_page_without_numbers() -> None:
    text = ("О нас\n\n"
            "Городской центр «Росток» (далее – Центр) и Совет молодых учителей (далее – Совет) "
            "работают с 2019 года.\n\n"
            "НАШИ ЗАДАЧИ\n\n"
            "✔ организация стажировок для молодых учителей;\n"
            "✔ проведение конкурса «Учитель года».\n\n"
            "Функции Совета\n\n"
            "• выдвижение кандидатов на конкурс.\n\n"
            "Наши цели\n\n"
            "• рост качества образования.\n")
    doc = _parse(text, level="municipal")
    centre, council = _body(doc, "Центр"), _body(doc, "Совет")
    assert sorted((b, t) for _, b, t in _duties(doc)) == sorted([
        (centre, "организация стажировок для молодых учителей"),
        (centre, "проведение конкурса «Учитель года»"),
        (council, "выдвижение кандидатов на конкурс")])


def test_short_capitalised_items_numbered_inside_a_clause_and_a_table_row_is_no_heading() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Ассоциация учителей физики (далее – Ассоциация) объединяет учителей.\n"
                 "2. Деятельность\n"
                 "2.1. Ассоциация:\n"
                 "1. Проводит олимпиаду.\n"
                 "2. Организует летнюю школу.\n", level="municipal")
    assert [d[2] for d in _duties(doc)] == ["Организует летнюю школу", "Проводит олимпиаду"]
    doc = _parse("Функции участников\n"
                 "Субъект | Функции\n"
                 "Районный методический кабинет | диагностика дефицитов; курсы для учителей "
                 "ШНОР\n", level="municipal")
    assert [d.text for d in doc.duties if "low_results_support" in d.categories] == [
        "курсы для учителей ШНОР"]


def test_a_plan_copied_with_tabs_doers_on_lines_of_their_own_and_abbreviations_on_one_line(
        ) -> None:
    text = ("Сокращения: ИМЦ – информационно-методический центр; УО – управление образования.\n"
            "№\tМероприятие\tСрок\tОтветственный\n"
            "1.\tСеминар для учителей\tмарт\tИМЦ\n"
            "2.\tМониторинг результатов ВПР\tапрель\tУО, ИМЦ\n"
            "3.\tВыпуск сборника\tмай\n"
            "Исполнители:\n"
            "ИМЦ;\n"
            "УО.\n")
    doc = _parse(text, level="municipal")
    imc, uo = _body(doc, "ИМЦ"), _body(doc, "УО")
    assert _orgs(doc)[uo]["kind"] == "education_authority"
    assert _duties(doc) == sorted([("1", imc, "Семинар для учителей"),
                                   ("2", imc, "Мониторинг результатов ВПР"),
                                   ("2", uo, "Мониторинг результатов ВПР"),
                                   ("3", imc, "Выпуск сборника"),
                                   ("3", uo, "Выпуск сборника")])


def test_an_orders_addressee_with_its_short_name_in_parentheses_or_as_an_acronym() -> None:
    doc = _parse("ПРИКАЗ\n"
                 "1. Муниципальному автономному учреждению «Центр развития образования» (МАУ "
                 "«ЦРО») обеспечить сопровождение проекта и включить его в план работы.\n"
                 "2. МАУ «ЦРО» подготовить отчёт.\n", level="municipal")
    centre = _body(doc, "МАУ «ЦРО»")
    assert _duties(doc) == [("1", centre, "включить его в план работы"),
                            ("1", centre, "обеспечить сопровождение проекта"),
                            ("2", centre, "подготовить отчёт")]


def test_abbreviations_listed_with_a_colon() -> None:
    doc = _parse("1. Сокращения\n"
                 "1.1. В Положении используются сокращения:\n"
                 "ИМЦ — информационно-методический центр управления образования;\n"
                 "РМО: районные методические объединения.\n"
                 "2. Функции\n"
                 "2.1. РМО проводят открытые уроки.\n", level="municipal")
    rmo = _body(doc, "РМО")
    assert _body(doc, "районные методические объединения") == rmo
    assert ("2.1", rmo, "проводят открытые уроки") in _duties(doc)


def test_an_academic_council_and_what_is_agreed_approved_or_prepared_named_first() -> None:
    doc = _parse("1. Клуб юных физиков (далее – Клуб) создан при институте развития "
                 "образования (далее – Институт).\n"
                 "2. Научно-методическое руководство деятельностью Клуба осуществляет учёный "
                 "совет Института.\n"
                 "3. Состав Клуба согласовывает Институт. План работы Клуба разрабатывает Клуб.\n",
                 level="regional")
    council = _body(doc, "учёный совет Института")
    institute, club = _body(doc, "Институт"), _body(doc, "Клуб")
    assert _orgs(doc)[council]["kind"] == "council"
    assert _duties(doc) == sorted([
        ("2", council, "Научно-методическое руководство деятельностью Клуба осуществляет"),
        ("3", institute, "Состав Клуба согласовывает"),
        ("3", club, "План работы Клуба разрабатывает")])


def test_a_school_named_by_its_legal_form_and_number_without_quotes() -> None:
    doc = _parse("1. Ресурсный центр по химии (далее – Центр) работает на базе МАОУ СОШ № 7 "
                 "г. Бердска (далее – Школа).\n"
                 "2. Школа предоставляет лабораторию. МБОУ Лицей № 2 направляет учителей.\n",
                 level="municipal")
    school = _body(doc, "Школа")
    assert _body(doc, "МАОУ СОШ № 7 г. Бердска") == school
    assert _orgs(doc)[school]["kind"] == "school"
    assert (_body(doc, "Центр"), "PART_OF", school) in _relations(doc)
    lyceum = _body(doc, "МБОУ Лицей № 2")
    assert sorted((b, t) for _, b, t in _duties(doc)) == sorted([
        (school, "предоставляет лабораторию"), (lyceum, "направляет учителей")])


def test_a_territorys_name_in_quotes_does_not_join_two_bodies() -> None:
    doc = _parse("1. Наименование: методическая служба муниципального образования «Озёрный "
                 "район» (далее – МС).\n"
                 "2. Отдел образования администрации муниципального образования «Озёрный район» "
                 "(далее – ОО) утверждает план работы МС.\n"
                 "3. МС проводит семинары для педагогов.\n", level="municipal")
    service, office = _body(doc, "МС"), _body(doc, "ОО")
    assert service != office
    assert _orgs(doc)[office]["kind"] == "education_authority"
    assert ("3", service, "проводит семинары для педагогов") in _duties(doc)
    # a body's own proper name in quotes still joins its names
    doc = _parse("1. Муниципальное бюджетное учреждение «Озёрный методический центр» (далее – "
                 "Центр) создано.\n2. МБУ «Озёрный методический центр» проводит семинары.\n",
                 level="municipal")
    assert _body(doc, "Центр") == _body(doc, "МБУ «Озёрный методический центр»")


def test_an_agreements_parties_undertake_duties_each_and_together() -> None:
    doc = _parse("Муниципальное бюджетное учреждение «Озёрный методический центр» (далее – Центр) "
                 "и Региональный институт развития образования (далее – Институт), вместе "
                 "именуемые «Стороны», при участии отдела образования (далее – Отдел) заключили "
                 "соглашение.\n"
                 "1. Обязанности Сторон\n"
                 "1.1. Институт обязуется:\n"
                 "1.1.1. проводить курсы для педагогов школ с низкими результатами;\n"
                 "1.1.2. предоставлять Центру методические материалы.\n"
                 "1.2. Центр принимает на себя обязательства:\n"
                 "1.2.1. формировать заявку на курсы.\n"
                 "1.3. Стороны совместно:\n"
                 "1.3.1. проводят ежегодную конференцию;\n"
                 "1.3.2. разрабатывают план поддержки школ с низкими результатами.\n"
                 "1.4. Стороны обязуются:\n"
                 "а) обмениваться сведениями о педагогах.\n"
                 "1.5. Отдел осуществляет контроль за исполнением соглашения.\n",
                 level="municipal")
    centre, institute = _body(doc, "Центр"), _body(doc, "Институт")
    duties = _duties(doc)
    assert ("1.1.1", institute, "проводить курсы для педагогов школ с низкими результатами") \
        in duties
    assert ("1.1.2", institute, "предоставлять Центру методические материалы") in duties
    assert ("1.2.1", centre, "формировать заявку на курсы") in duties
    for body in (centre, institute):  # «Стороны» are the parties the preamble names so
        assert ("1.3.1", body, "проводят ежегодную конференцию") in duties
        assert ("1.3.2", body, "разрабатывают план поддержки школ с низкими результатами") \
            in duties
        assert ("1.4", body, "обмениваться сведениями о педагогах") in duties
    office = _body(doc, "Отдел")  # taking part, not a party
    assert [d for d in duties if d[1] == office] == [
        ("1.5", office, "осуществляет контроль за исполнением соглашения")]


def test_a_passports_fields_and_an_acronym_that_leaves_out_the_place() -> None:
    doc = _parse("1. Наименование: методическая служба Озёрного района (далее – МС).\n"
                 "2. Организация, выполняющая функции МС: ГМЦ – муниципальное бюджетное "
                 "учреждение «Озёрный городской методический центр».\n"
                 "3. Функции ГМЦ:\n"
                 "* диагностика профессиональных дефицитов педагогов;\n"
                 "* организация конкурсов профессионального мастерства.\n"
                 "4. Задачи МС:\n"
                 "* согласование планов работы.\n"
                 "5. Структура: МС объединяет\n"
                 "* ГМЦ;\n"
                 "* Районный методический совет.\n", level="municipal")
    centre = _body(doc, "ГМЦ")
    assert _body(doc, "муниципальное бюджетное учреждение «Озёрный городской методический "
                      "центр»") == centre
    assert _duties(doc) == sorted([
        ("3", centre, "диагностика профессиональных дефицитов педагогов"),
        ("3", centre, "организация конкурсов профессионального мастерства"),
        ("4", _body(doc, "МС"), "согласование планов работы")])
    # a field's list head without its colon: the items still are what it says
    assert {(centre, "PART_OF", _body(doc, "МС")),
            (_body(doc, "Районный методический совет"), "PART_OF", _body(doc, "МС"))} <= \
        _relations(doc)


def test_a_legal_form_without_its_owners_letter_and_a_regions_letters_before_the_quotes() -> None:
    doc = _parse("1. Центр взаимодействует с БУ ДПО РК «Озёрный институт развития образования» "
                 "(далее – ОИРО). ОИРО проводит курсы для педагогов.\n"
                 "2. АУ «Озёрный методический центр» (далее – Центр) ведёт базу наставников.\n",
                 level="municipal")
    institute, centre = _body(doc, "ОИРО"), _body(doc, "Центр")
    assert _body(doc, "БУ ДПО РК «Озёрный институт развития образования»") == institute
    assert _orgs(doc)[institute]["kind"] == "development_institute"
    assert {("1", institute, "проводит курсы для педагогов"),
            ("2", centre, "ведёт базу наставников")} <= set(_duties(doc))


def test_steps_with_lettered_items_inherit_low_results_from_the_steps_heading() -> None:
    t = split_clauses("Шаг 1. Отбор школ\nа. Отдел формирует перечень.\nб. Центр проводит "
                      "семинар.\nСрок: до 1 мая.\nЭтап 2. Итоги\nа. Отдел подводит итоги.")
    assert [c.number for c in t.clauses] == ["1", "2"]
    assert [(p.bullet, p.text) for p in t.clauses[0].paragraphs[:3]] == [
        (False, "Отбор школ"), (True, "Отдел формирует перечень."),
        (True, "Центр проводит семинар.")]
    doc = _parse("Сокращения:\nОтдел – отдел образования администрации района;\n"
                 "ШНОР – школы с низкими образовательными результатами.\n"
                 "Шаг 1. Поддержка ШНОР\n"
                 "а. Отдел утверждает план поддержки ШНОР.\n"
                 "б. Районный методический центр (далее – Центр) проводит семинары для "
                 "педагогов.\n"
                 "Срок: до 1 мая.\n"
                 "Шаг 2. Подведение итогов\n"
                 "а. Центр готовит справку по итогам года.\n", level="municipal")
    low = [d.text for d in doc.duties if "low_results_support" in d.categories]
    assert sorted(low) == ["проводит семинары для педагогов", "утверждает план поддержки ШНОР"]
    assert "готовит справку по итогам года" in [d.text for d in doc.duties]


def test_an_adjectives_phrase_between_a_body_and_its_verb() -> None:
    doc = _parse("1. Отдел образования (далее – Отдел) утверждает план.\n"
                 "2. Методический центр (далее – Центр), подведомственный Отделу, проводит "
                 "диагностику педагогов. Районный методический совет, ответственный за "
                 "экспертизу, рассматривает программы.\n", level="municipal")
    centre = _body(doc, "Центр")
    assert ("2", centre, "проводит диагностику педагогов") in _duties(doc)
    council = _body(doc, "Районный методический совет")
    assert ("2", council, "рассматривает программы") in _duties(doc)
    assert (centre, "SUBORDINATE_TO", _body(doc, "Отдел")) in _relations(doc)


def test_a_councils_expert_commission_is_a_council_and_a_subjects_commission_a_community() -> None:
    doc = _parse("1. Экспертная комиссия по оценке проектов (далее – Комиссия) оценивает "
                 "проекты.\n"
                 "2. Предметно-цикловые комиссии колледжа (далее – ПЦК) проводят открытые "
                 "уроки.\n", level="municipal")
    assert _orgs(doc)[_body(doc, "Комиссия")]["kind"] == "council"
    assert _orgs(doc)[_body(doc, "ПЦК")]["kind"] == "community"


def test_further_also_called_and_a_long_name_before_it_in_the_parentheses() -> None:
    doc = _parse("1. Обеспечение работы Совета осуществляет МБУ ДПО «ИМЦ» (муниципальное "
                 "бюджетное учреждение дополнительного профессионального образования "
                 "«Информационно-методический центр города Озёрска», далее также – Центр).\n"
                 "2. ОИРО – областной институт развития образования (далее также – институт).\n"
                 "3. Центр:\n– ведёт протоколы заседаний;\n– информирует школы.\n"
                 "4. На институт возлагаются следующие функции:\n"
                 "4.1. организация курсов;\n4.2. экспертиза программ.\n", level="municipal")
    centre, institute = _body(doc, "Центр"), _body(doc, "институт")
    assert _body(doc, "МБУ ДПО «ИМЦ»") == centre
    assert _orgs(doc)[centre]["kind"] == "methodological_service"
    assert _body(doc, "ОИРО") == institute
    assert {("3", centre, "ведёт протоколы заседаний"), ("3", centre, "информирует школы"),
            ("4.1", institute, "организация курсов"),
            ("4.2", institute, "экспертиза программ")} <= set(_duties(doc))


def test_a_lower_case_abbreviation_opening_a_clause_is_that_body_not_a_namesake() -> None:
    # made-up: two kinds of «секция», one with a lower-case «далее» name opening its own clause
    doc = _parse("1. В структуру Совета входят предметные секции (далее – секции) и секция "
                 "молодых педагогов (далее – секция молодых).\n"
                 "2. Секции:\n– анализируют результаты диагностики;\n– готовят предложения.\n"
                 "3. Секция молодых:\n– закрепляет наставников за молодыми педагогами.\n",
                 level="municipal")
    sections, young = _body(doc, "предметные секции"), _body(doc, "секция молодых")
    assert sections != young
    duties = set(_duties(doc))
    assert {("2", sections, "анализируют результаты диагностики"),
            ("2", sections, "готовят предложения"),
            ("3", young, "закрепляет наставников за молодыми педагогами")} <= duties
    assert not {d for d in duties if d[0] == "2" and d[1] == young}


def test_one_paragraph_giving_each_participant_its_own_functions() -> None:
    # made-up: the functions of several bodies in one line, each part naming its doer
    doc = _parse("1. Участниками системы являются Департамент образования области (далее – "
                 "Департамент), областной институт развития образования (далее – Институт) и "
                 "ресурсные центры.\n"
                 "2. Функции участников распределяются следующим образом: Департамент "
                 "утверждает план работы и осуществляет контроль за его исполнением; Институт "
                 "проводит курсы повышения квалификации; ресурсные центры организуют "
                 "стажировки педагогов.\n"
                 "3. Полномочия Департамента: издаёт приказы; утверждает состав совета.\n")
    dep, inst = _body(doc, "Департамент"), _body(doc, "Институт")
    rc = _body(doc, "ресурсные центры")
    duties = set(_duties(doc))
    assert {("2", dep, "утверждает план работы"),
            ("2", dep, "осуществляет контроль за его исполнением"),
            ("2", inst, "проводит курсы повышения квалификации"),
            ("2", rc, "организуют стажировки педагогов"),
            ("3", dep, "издаёт приказы"), ("3", dep, "утверждает состав совета")} <= duties
    assert not {d for d in duties if d[0] == "2" and d[1] == dep and "курсы" in d[2]}


def test_a_centres_departments_named_by_what_they_do_are_its_units() -> None:
    # made-up: departments whose names carry no kind word, in a centre's regulation
    doc = _parse("1. Центр непрерывного повышения профессионального мастерства педагогических "
                 "работников (далее – Центр) является структурным подразделением института.\n"
                 "2. В структуру Центра входят отдел мониторинга (далее – ОМ) и отдел "
                 "наставничества.\n"
                 "3. ОМ проводит анкетирование педагогов.\n"
                 "4. Отдел наставничества ведёт перечень наставников.\n")
    centre, om = _body(doc, "Центр"), _body(doc, "отдел мониторинга")
    sector = _body(doc, "отдел наставничества")
    assert _orgs(doc)[om]["kind"] == _orgs(doc)[sector]["kind"] == _orgs(doc)[centre]["kind"]
    assert {(om, "PART_OF", centre), (sector, "PART_OF", centre)} <= _relations(doc)
    assert {("3", om, "проводит анкетирование педагогов"),
            ("4", sector, "ведёт перечень наставников")} <= set(_duties(doc))


def test_schools_named_by_a_passive_participles_phrase_then_their_own_list() -> None:
    # made-up: «…, указанные / перечисленные в приложении (далее – …)», then «…:» items
    for participle in ("указанные", "перечисленные", "определённые"):
        doc = _parse("1. Опорная школа (далее – Школа) работает с педагогами района.\n"
                     "2. За Школой закреплены общеобразовательные организации района, "
                     f"{participle} в приложении 1 (далее – школы-партнёры).\n"
                     "3. Школы-партнёры:\n– направляют заявки на стажировки;\n"
                     "– представляют отчёты о результатах.\n", level="municipal")
        partners = _body(doc, "общеобразовательные организации района")
        assert _body(doc, "школы-партнёры") == partners, participle
        assert {("3", partners, "направляют заявки на стажировки"),
                ("3", partners, "представляют отчёты о результатах")} <= set(_duties(doc))


def test_a_list_head_with_another_body_in_its_circumstance() -> None:
    # made-up: «В отношении / Для / По заявкам <bodies in an oblique case> <body>:»
    for head in ("В отношении закреплённых школ РЦ:", "Для закреплённых школ РЦ:",
                 "По заявкам закреплённых школ РЦ:"):
        doc = _parse("1. Общие положения\n"
                     "1.1. Ресурсный центр по физике (далее – РЦ) работает на базе гимназии.\n"
                     "1.2. За РЦ закреплены общеобразовательные организации района, "
                     "показывающие низкие результаты (далее – закреплённые школы).\n"
                     "2. Функции РЦ\n2.1. РЦ выполняет следующие функции:\n"
                     "а) проводит олимпиады;\n"
                     f"2.2. {head}\nа) проводит диагностику учителей физики;\n"
                     "б) организует стажировки.\n", level="municipal")
        rc = _body(doc, "РЦ")
        assert {("2.2", rc, "проводит диагностику учителей физики"),
                ("2.2", rc, "организует стажировки")} <= set(_duties(doc)), head


def test_a_relative_clause_with_also_after_an_object_first_sentence() -> None:
    # made-up: «Работу X координирует Y, который также …» in several wordings
    for opening, body, short, relative in (
            ("Работу Клуба координирует", "Районный методический кабинет", "РМК", "который"),
            ("Деятельность Клуба курирует", "Районный методический кабинет", "РМК",
             "который"),
            ("Работу Клуба координирует", "Методическая служба района", "Служба", "которая")):
        doc = _parse("1. Клуб молодых педагогов (далее – Клуб) объединяет учителей.\n"
                     f"2. {body} (далее – {short}) работает при управлении.\n"
                     f"3. {opening} {short}, {relative} также ведёт учёт участников Клуба и "
                     "готовит отчёт о работе.\n", level="municipal")
        doer = _body(doc, short)
        duties = {(c, b, t) for c, b, t in _duties(doc) if b == doer}
        assert {("3", doer, "также ведёт учёт участников Клуба"),
                ("3", doer, "готовит отчёт о работе"),
                ("3", doer, opening)} <= duties, (opening, short, duties)
        assert not any("котор" in t for _, _, t in duties)


def test_unmarked_lines_of_action_nouns_with_adjectives_before_them() -> None:
    # made-up: directions as plain capitalised lines, some opening with adjectives, some with a
    # noun pymorphy reads as accusative first; headings of levels are not directions
    doc = _parse("1. Методический центр района (далее – Центр) работает при управлении.\n"
                 "2. Основные направления деятельности Центра:\n"
                 "Выявление затруднений педагогов.\n"
                 "Сопровождение молодых учителей района.\n"
                 "Информационное и методическое сопровождение школьных объединений.\n"
                 "Организационно-техническое обеспечение конкурсов.\n", level="municipal")
    centre = _body(doc, "Центр")
    assert {("2", centre, "Выявление затруднений педагогов"),
            ("2", centre, "Сопровождение молодых учителей района"),
            ("2", centre, "Информационное и методическое сопровождение школьных объединений"),
            ("2", centre, "Организационно-техническое обеспечение конкурсов")} <= set(
                (c, b, t.rstrip(".")) for c, b, t in _duties(doc))
    doc = _parse("1. Региональная система сопровождения педагогов (далее – Система) "
                 "включает три уровня.\n2. Уровни Системы:\n"
                 "2.1. Региональный уровень\n2.2. Муниципальный уровень\n")
    assert _duties(doc) == []


def test_a_section_or_laboratory_named_by_its_work_with_po() -> None:
    # made-up: «секция / лаборатория / кафедра по …» with a «далее» name, part of a council
    for head, short in (("секция", "секция наставников"), ("лаборатория", "Лаборатория"),
                        ("кафедра", "кафедра наставничества")):
        doc = _parse("1. Методический совет района (далее – Совет) работает при управлении.\n"
                     f"2. В структуру Совета входят предметные секции (далее – секции) и {head} "
                     "по сопровождению молодых педагогов, работающих в сельских школах "
                     f"(далее – {short}).\n", level="municipal")
        council, unit = _body(doc, "Совет"), _body(doc, short)
        assert _body(doc, f"{head} по сопровождению молодых педагогов") == unit
        assert unit != _body(doc, "предметные секции")
        assert (unit, "PART_OF", council) in _relations(doc), head


def test_the_acronym_in_quotes_of_a_legal_forms_short_name_names_the_body_alone() -> None:
    # made-up: «(далее – МБУ «ЦМС»)», later «ЦМС …» alone, in two legal forms
    for full, legal, acronym in (
            ("муниципальное автономное учреждение «Центр методической службы»", "МАУ", "ЦМС"),
            ("муниципальное бюджетное учреждение дополнительного профессионального образования "
             "«Районный методический центр»", "МБУ ДПО", "РМЦ")):
        doc = _parse(f"1. Обеспечение работы Совета осуществляет {full} "
                     f"(далее – {legal} «{acronym}»).\n"
                     f"2. {acronym} взаимодействует с областным институтом развития "
                     "образования (далее – ИРО) по вопросам повышения квалификации.\n"
                     f"3. {acronym} готовит отчёт о работе Совета.\n", level="municipal")
        centre = _body(doc, f"{legal} «{acronym}»")
        duties = set(_duties(doc))
        assert ("3", centre, "готовит отчёт о работе Совета") in duties, legal
        assert (centre, "INTERACTS_WITH", _body(doc, "ИРО")) in _relations(doc), legal


def test_object_first_sentences_with_verbs_of_agreeing_and_nominating() -> None:
    # made-up: the thing done first, then the verb, then the bodies that do it
    doc = _parse("1. Районный методический кабинет (далее – РМК) и школьные методические "
                 "объединения (далее – ШМО) работают по плану.\n"
                 "2. Планы работы ШМО согласует РМК.\n"
                 "3. Кандидатуры наставников выдвигают ШМО.\n"
                 "4. Перечень тем семинаров формирует РМК.\n", level="municipal")
    rmk, shmo = _body(doc, "РМК"), _body(doc, "ШМО")
    found = {(c, b, t.split()[0]) for c, b, t in _duties(doc)}
    assert {("2", rmk, "Планы"), ("3", shmo, "Кандидатуры"), ("4", rmk, "Перечень")} <= found


def _low(doc: ParsedRegulation) -> set[tuple[str, str, str]]:
    """(clause, body, text) of every duty about schools with low results."""
    return {(e.props["clause_id"].rsplit(":", 1)[1], e.source,
             doc.batch.nodes[e.target].props["text"]) for e in doc.batch.edges.values()
            if e.type == "HAS_DUTY" and "low_results_support" in (
                doc.batch.nodes[e.target].props.get("categories") or [])}


def test_a_group_heading_inside_a_list_names_schools_with_low_results() -> None:
    # made-up: a list's items grouped under headings, one group about low-results schools, as
    # sub-clauses under the list's head and as headings among its items
    for heading in ("В области сопровождения ОО, показывающих низкие результаты ГИА:",
                    "В сфере поддержки школ с низкими образовательными результатами:",
                    "По направлению работы со школами, находящимися в зоне риска по "
                    "результатам ГИА:"):
        doc = _parse("1. Центр методической поддержки (далее – Центр) создан управлением.\n"
                     "2. На Центр возлагаются следующие функции:\n"
                     "2.1. В области аттестации:\n- консультирование аттестуемых педагогов;\n"
                     f"2.2. {heading}\n- разработка планов методической помощи;\n"
                     "- проведение выездных семинаров для учителей.\n", level="municipal")
        centre = _body(doc, "Центр")
        assert _low(doc) == {("2.2", centre, "разработка планов методической помощи"),
                             ("2.2", centre, "проведение выездных семинаров для учителей")}, \
            heading
        doc = _parse("1. Центр методической поддержки (далее – Центр) создан управлением.\n"
                     "2. Центр выполняет функции:\n1) в области аттестации:\n"
                     "- консультирование аттестуемых педагогов;\n"
                     f"2) {heading[0].lower()}{heading[1:]}\n"
                     "- разработка планов методической помощи;\n", level="municipal")
        assert _low(doc) == {("2", _body(doc, "Центр"),
                              "разработка планов методической помощи")}, heading


def test_schools_with_low_results_short_named_in_words_act_in_the_same_sentence() -> None:
    # made-up: «(далее – <words>)» for schools named by a participle's phrase, whose duties
    # follow in the sentence that names them
    for name, short in (("Школы, находящиеся в зоне риска по результатам ГИА", "школы риска"),
                        ("Школы, показывающие низкие результаты ОГЭ", "подшефные школы"),
                        ("Школы, показывающие низкие образовательные результаты",
                         "закреплённые ОО")):
        doc = _parse("1. Районное методическое объединение (далее – РМО) работает при "
                     "управлении образования.\n"
                     f"2. {name} (далее – {short}) направляют в РМО запросы на помощь и "
                     "обновляют программы повышения качества.\n", level="municipal")
        schools = _body(doc, short)
        assert _orgs(doc)[schools]["kind"] == "school"
        assert {("2", schools, "направляют в РМО запросы на помощь"),
                ("2", schools, "обновляют программы повышения качества")} <= _low(doc), short


def test_an_acronym_then_its_full_name_in_parentheses() -> None:
    # made-up: «при РМК (муниципальное … «… районный методический кабинет»)», then the acronym
    # doing something
    for acronym, full in (
            ("РМК", "муниципальное казённое учреждение «Бельский районный методический "
                    "кабинет»"),
            ("ИМЦ", "муниципальное бюджетное учреждение «Информационно-методический центр»"),
            ("ГМЦ", "муниципальное автономное учреждение «Городской методический центр "
                    "города Бельска»")):
        doc = _parse("1. Методическое объединение заместителей директоров (далее – МО) – "
                     f"профессиональное объединение, созданное при {acronym} ({full}).\n"
                     f"2. {acronym} ведёт банк управленческих практик и координирует работу "
                     "МО.\n", level="municipal")
        centre = _body(doc, acronym)
        assert _body(doc, full) == centre
        assert ("2", centre, "ведёт банк управленческих практик") in _duties(doc), acronym
        assert (centre, "COORDINATES", _body(doc, "МО")) in _relations(doc), acronym


def test_an_object_first_sentence_with_any_transitive_verb() -> None:
    # made-up: the thing done first, then a transitive verb, then the doers; also after a colon
    doc = _parse("1. Центр непрерывного повышения профессионального мастерства (далее – ЦНППМ) "
                 "и муниципальные методические службы (далее – ММС) работают по плану.\n"
                 "2. Молодые педагоги школ с низкими результатами сопровождаются в первую "
                 "очередь: наставников для них подбирает ЦНППМ совместно с ММС.\n"
                 "3. Деятельность клубов молодых педагогов поддерживает ЦНППМ.\n"
                 "4. Руководители школ информируют ММС о вакансиях.\n", level="municipal")
    cnppm, mms = _body(doc, "ЦНППМ"), _body(doc, "ММС")
    assert {("2", cnppm, "наставников для них подбирает"),
            ("2", mms, "наставников для них подбирает")} <= _low(doc)
    assert ("3", cnppm, "Деятельность клубов молодых педагогов поддерживает") in _duties(doc)
    # people in the nominative are the verb's subject: not a duty of the body after the verb
    assert [d for d in _duties(doc) if d[0] == "4"] == []


def test_a_passive_of_any_verb_of_doing_before_its_agent() -> None:
    # made-up: «<what> <passive verb> <body in the instrumental or an acronym> …»
    doc = _parse("1. Городской методический центр (далее – ГМЦ) и управление образования "
                 "города (далее – Управление) работают по плану.\n"
                 "2. Решения Совета по сопровождению школ с низкими результатами доводятся "
                 "ГМЦ до руководителей школ.\n"
                 "3. Заявки педагогов на стажировки рассматриваются Управлением в течение "
                 "месяца.\n"
                 "4. Сеть опорных школ создаётся Управлением.\n"
                 "5. Координатором сети является ГМЦ.\n", level="municipal")
    gmc, uo = _body(doc, "ГМЦ"), _body(doc, "Управление")
    assert ("2", gmc, "Решения Совета по сопровождению школ с низкими результатами "
                      "доводятся") in _low(doc)
    assert ("3", uo, "Заявки педагогов на стажировки рассматриваются") in _duties(doc)
    # founding a body and saying what a body is are not duties
    assert [d for d in _duties(doc) if d[0] in ("4", "5")] == []


def test_an_associations_general_assembly_and_board_are_its_councils() -> None:
    # made-up: «общее собрание членов …» and «Правление …» as bodies acting; «на общем
    # собрании» is a meeting, not a body
    for body, short in (("Ассоциация учителей физики края", "Ассоциация"),
                        ("Союз молодых педагогов района", "Союз")):
        doc = _parse(f"1. {body} (далее – {short}) объединяет учителей.\n"
                     f"2. Органами {short}а являются общее собрание членов {short}а и "
                     f"Правление {short}а (далее – Правление).\n"
                     f"3. Общее собрание членов {short}а избирает Правление и утверждает план "
                     "работы на год.\n"
                     "4. Правление:\nа) ведёт реестр членов;\nб) готовит отчёт о работе.\n"
                     "5. Председатель Правления избирается на общем собрании сроком на два "
                     "года.\n")
        assembly, board = _body(doc, f"общее собрание членов {short}а"), _body(doc, "Правление")
        assert {_orgs(doc)[assembly]["kind"], _orgs(doc)[board]["kind"]} == {"council"}
        assert {("3", assembly, "избирает Правление"), ("4", board, "ведёт реестр членов"),
                ("4", board, "готовит отчёт о работе")} <= set(_duties(doc)), short
        assert len([p for p in _orgs(doc).values() if "собрани" in str(p["name"])]) == 1


def test_a_decision_addressed_to_a_body_by_a_dash_then_infinitives() -> None:
    # made-up: minutes' «РЕШИЛИ:» items and an order's items «<body> – <circumstance>
    # <infinitive> … и <infinitive> …», the body in any case and as an acronym
    doc = _parse("1. СЛУШАЛИ: А.Б. Петрову, методиста МАУ «Городской методический центр» "
                 "г. Ростова-на-Дону (далее – ГМЦ), о работе со школами с низкими "
                 "результатами (далее – ШНР).\nРЕШИЛИ:\n"
                 "1.1. Информацию принять к сведению.\n"
                 "1.2. ГМЦ – в срок до 01.03.2026 подготовить план выездов в ШНР.\n"
                 "1.3. ШНР – до 15 марта разработать программы поддержки и направить их в "
                 "ГМЦ.\n"
                 "1.4. Районные методические объединения учителей физики (далее – РМО) – "
                 "провести открытые уроки.\n", level="municipal")
    gmc, shnr, rmo = _body(doc, "ГМЦ"), _body(doc, "ШНР"), _body(doc, "РМО")
    assert _body(doc, "МАУ «Городской методический центр»") == gmc
    assert {("1.2", gmc, "в срок до 01.03.2026 подготовить план выездов в ШНР"),
            ("1.3", shnr, "до 15 марта разработать программы поддержки"),
            ("1.3", shnr, "направить их в ГМЦ")} <= _low(doc)
    assert ("1.4", rmo, "провести открытые уроки") in _duties(doc)
    assert not [d for d in _duties(doc) if d[0] == "1.1"]


def test_an_organisation_chart_drawn_as_a_text_tree_with_functions_per_node() -> None:
    # made-up: nodes numbered under tree lines («│», «├──», «└──», «+--»), each with a
    # «Функции:» line of its own whose items are that node's body's
    for branch, last, bar in (("├──", "└──", "│"), ("+--", "+--", "│")):
        doc = _parse("1. Отдел образования администрации района (ОО АР)\n"
                     f"{bar}   Функции: утверждает план работы службы; проводит совещания.\n"
                     f"{bar}\n"
                     f"{branch} 1.1. Районный методический кабинет (РМК) — подведомственное "
                     "учреждение\n"
                     f"{bar}       Функции: организует курсы; ведёт банк практик.\n"
                     f"{last} 1.2. Районная команда поддержки школ с низкими результатами "
                     "(далее – Команда) — создана при РМК\n"
                     "        Функции: проводит выездные консультации; готовит планы "
                     "поддержки.\n", level="municipal")
        rmk, team = _body(doc, "РМК"), _body(doc, "Команда")
        assert {("1.1", rmk, "организует курсы"), ("1.1", rmk, "ведёт банк практик")} <= \
            set(_duties(doc)), branch
        assert {("1.2", team, "проводит выездные консультации"),
                ("1.2", team, "готовит планы поддержки")} <= _low(doc), branch
        assert not [d for d in _duties(doc) if d[0] == "1.1" and d[1] != rmk]
        assert not [p for p in _orgs(doc).values() if "│" in str(p["name"])]


def test_an_authority_whose_field_is_two_joined_by_and_with_an_adjective() -> None:
    # made-up: «Управление образования и молодёжной политики …», «Отдел образования и
    # социальной политики …»; two bodies joined by «и» stay two
    for name, short in (("Управление образования и молодёжной политики администрации района",
                         "УОиМП"),
                        ("Отдел образования и социальной политики администрации округа",
                         "ООиСП")):
        doc = _parse(f"1. {name} ({short}) утверждает план работы службы.\n"
                     f"2. {short} проводит совещания руководителей.\n", level="municipal")
        authority = _body(doc, short)
        assert _body(doc, name) == authority
        assert _orgs(doc)[authority]["kind"] == "education_authority", name
    doc = _parse("1. Совет школы и родительского комитета рассматривают план.\n",
                 level="institutional")
    assert not [p for p in _orgs(doc).values() if " и " in str(p["name"])]


def test_a_body_named_by_the_schools_with_low_results_it_works_with() -> None:
    # made-up: «… школ / организаций с низкими … результатами» inside a body's name: its
    # duties are about them
    for name in ("Муниципальная команда сопровождения школ с низкими образовательными "
                 "результатами",
                 "Центр поддержки общеобразовательных организаций с низкой результативностью",
                 "Районная лаборатория сопровождения учреждений с низкими результатами"):
        doc = _parse(f"1. {name} проводит выездные консультации и готовит планы работы.\n",
                     level="municipal")
        body = _body(doc, name)
        assert {("1", body, "проводит выездные консультации"),
                ("1", body, "готовит планы работы")} <= _low(doc), name


def test_items_that_name_their_doers_under_a_head_that_names_no_owner() -> None:
    # made-up: «Для … / В целях … / С этой целью:» over items «<body> <verb> …»
    for head in ("Для обеспечения взаимодействия участников системы:",
                 "В целях согласованной работы:", "С этой целью:"):
        doc = _parse("1. Институт развития образования (далее – Институт) и муниципальные "
                     "методические службы (далее – ММС) работают по плану.\n"
                     f"2. {head}\n- Институт ежеквартально обобщает отчёты ММС;\n"
                     "- ММС ежегодно представляют в Институт планы работы.\n")
        institute, mms = _body(doc, "Институт"), _body(doc, "ММС")
        found = {(c, b, t.split()[-1]) for c, b, t in _duties(doc)}
        assert {("2", institute, "ММС"), ("2", mms, "работы")} <= found, head


def test_a_list_of_the_partners_a_body_works_with() -> None:
    # made-up: «X взаимодействует со следующими организациями: / X осуществляет взаимодействие
    # с:» over one item per partner: each item a duty of X, each partner an INTERACTS_WITH
    for head in ("Кабинет взаимодействует со следующими организациями:",
                 "Кабинет осуществляет взаимодействие с:",
                 "Кабинет взаимодействует со следующими органами и учреждениями:"):
        doc = _parse("1. Районный методический кабинет (далее – Кабинет) работает при "
                     "управлении.\n"
                     f"2. {head}\n"
                     "- областной институт развития образования (далее – ИРО) – по вопросам "
                     "курсов;\n"
                     "- районный центр оценки качества образования (далее – ЦОКО) – по вопросам "
                     "мониторинга.\n", level="municipal")
        cabinet, iro, coko = _body(doc, "Кабинет"), _body(doc, "ИРО"), _body(doc, "ЦОКО")
        assert {(cabinet, "INTERACTS_WITH", iro), (cabinet, "INTERACTS_WITH", coko)} <= \
            _relations(doc), head
        assert [b for c, b, _ in _duties(doc) if c == "2"] == [cabinet, cabinet], head


def test_an_object_first_sentence_whose_doer_then_does_more() -> None:
    # made-up: «<what> <verb> <body> и <verb> …»: both the body's
    for first, second in (("Ежегодный отчёт готовит Институт", "направляет его в Министерство"),
                          ("План семинаров составляет Кабинет", "размещает его на сайте"),
                          ("Перечень школ формирует Институт", "ежегодно обновляет его")):
        doc = _parse("1. Областной институт развития образования (далее – Институт) и районный "
                     "методический кабинет (далее – Кабинет) работают по плану.\n"
                     f"2. {first} и {second}.\n")
        doer = _body(doc, first.split()[-1])
        assert ("2", doer, second) in _duties(doc), first
        assert ("2", doer, " ".join(first.split()[:-1])) in _duties(doc), first


def test_a_nodes_one_function_and_the_relations_its_functions_state() -> None:
    # made-up: a chart's nodes «<body> — <status>» over «Функции: …» with one function or
    # several; «координирует деятельность ГМО» among them is also the relation
    doc = _parse("1. Методический центр района (МЦ)\n"
                 "Функции: организует курсы; координирует деятельность ГМО.\n"
                 "1.1. Городские методические объединения (ГМО) — входят в структуру МЦ\n"
                 "Функции: проводят открытые уроки.\n", level="municipal")
    mc, gmo = _body(doc, "МЦ"), _body(doc, "ГМО")
    assert {(mc, "COORDINATES", gmo), (gmo, "PART_OF", mc)} <= _relations(doc)
    assert ("1.1", gmo, "проводят открытые уроки") in _duties(doc)
    # a status after the dash is not a function
    assert not [t for _, _, t in _duties(doc) if "входят" in t]


def test_a_verb_first_clause_in_a_functions_section_naming_its_doer_last() -> None:
    # made-up: «3. Функции Кабинета / 3.N. <verb> … <body>.»: the body named last does it,
    # not the section's owner; a clause without a doer of its own stays the owner's
    for clause, doer in (("Осуществляет контроль за исполнением решений Кабинета Отдел "
                          "образования", "Отдел образования"),
                         ("Проводит мониторинг работы Кабинета Отдел", "Отдел"),
                         ("Утверждает план работы Кабинета на год Отдел образования",
                          "Отдел образования")):
        doc = _parse("1. Общие положения\n1.1. Районный методический кабинет (далее – Кабинет) "
                     "подведомствен Отделу образования администрации района (далее – "
                     "Отдел).\n"
                     "3. Функции Кабинета\n3.1. Проводит семинары для учителей.\n"
                     f"3.2. {clause}.\n", level="municipal")
        cabinet, authority = _body(doc, "Кабинет"), _body(doc, doer)
        assert ("3.1", cabinet, "Проводит семинары для учителей") in _duties(doc)
        assert ("3.2", authority, clause.removesuffix(" " + doer)) in _duties(doc), clause
        assert not [d for d in _duties(doc) if d[0] == "3.2" and d[1] == cabinet], clause


def test_a_short_name_made_of_the_names_first_syllables() -> None:
    # made-up: «(далее – Минобрнауки РК)», «Минпросвещения …», «Депобразования»: the short
    # name is the name's own, and a passive duty with it as the doer is that body's
    for name, short in (("Министерства образования и науки Республики Тыва", "Минобрнауки РТ"),
                        ("Министерства просвещения Энской области", "Минпросвещения"),
                        ("Департамента образования Энской области", "Депобразования")):
        doc = _parse("1. Региональный методический центр (далее – Центр) находится в ведении "
                     f"{name} (далее – {short}).\n"
                     f"2. Перечень школ с низкими результатами ежегодно утверждается {short}.\n")
        authority = _body(doc, short)
        assert authority == _body(doc, name), short
        assert ("2", authority, "Перечень школ с низкими результатами ежегодно утверждается") \
            in _duties(doc), short
    # a short name that is not the name's syllables is not bound to it
    doc = _parse("1. Центр находится в ведении Министерства образования Энской области "
                 "(далее – Минкульт).\n")
    assert "Минкульт" not in {a for p in _orgs(doc).values() for a in p.get("aliases") or []}


def test_a_centres_branches_are_a_body_of_its_kind() -> None:
    # made-up: «территориальные отделения», «окружные филиалы», «межрайонные отделения» of
    # the centre the regulation is about: a class of bodies of the centre's kind, part of it,
    # with the duties listed under their name
    for branches in ("территориальные отделения", "окружные филиалы", "межрайонные отделения"):
        doc = _parse("1. Областной центр непрерывного повышения профессионального мастерства "
                     "(далее – Центр) подведомствен министерству образования области.\n"
                     f"2. В структуру Центра входят {branches}, действующие в трёх городах "
                     f"(далее – {branches}).\n"
                     f"3. {branches.capitalize()}:\n"
                     "1) организуют семинары для педагогов;\n"
                     "2) оказывают помощь школам с низкими образовательными результатами.\n")
        centre, units = _body(doc, "Центр"), _body(doc, branches)
        assert _orgs(doc)[units]["kind"] == _orgs(doc)[centre]["kind"] == "pd_center", branches
        assert (units, "PART_OF", centre) in _relations(doc), branches
        assert ("3", units, "организуют семинары для педагогов") in _duties(doc), branches


def test_the_bodies_that_make_up_a_bodys_structure() -> None:
    # made-up: «Структуру X составляют A и B», «Состав X составляет A»: each a part of X, and
    # the sentence is no duty; «План работы составляет A» stays a duty
    for sentence, parts in (
            ("Структуру Объединения составляют совет Объединения (далее – совет) и предметные "
             "секции (далее – секции)", ("совет", "секции")),
            ("Состав Объединения составляют творческие группы учителей (далее – группы)",
             ("группы",)),
            ("Структуру Объединения составляет президиум Объединения (далее – президиум)",
             ("президиум",))):
        doc = _parse("1. Районное методическое объединение учителей (далее – Объединение) "
                     "работает при отделе образования.\n"
                     f"2. {sentence}.\n"
                     "3. План работы составляет Объединение.\n", level="municipal")
        whole = _body(doc, "Объединение")
        for part in parts:
            assert (_body(doc, part), "PART_OF", whole) in _relations(doc), sentence
        assert not [d for d in _duties(doc) if d[0] == "2"], sentence
        assert ("3", whole, "План работы составляет") in _duties(doc), sentence


def test_an_object_first_duty_with_an_adjective_first_or_a_recipient_before_its_doer() -> None:
    # made-up: «<adjective> <object> <verb> [<recipient in the dative>] <doer>.»: the doer's
    # duty, written up to the verb; the recipient is a body of its own, not part of a name
    text = ("1. Министерство образования области (далее – Министерство), областной методический "
            "центр (далее – Центр) и областной институт развития образования (далее – ИРО) "
            "работают по плану.\n")
    for sentence, doer, what in (
            ("Аналитические материалы по итогам мониторинга предоставляет Центру ИРО", "ИРО",
             "Аналитические материалы по итогам мониторинга предоставляет"),
            ("Ежегодный отчёт представляет Министерству ИРО", "ИРО",
             "Ежегодный отчёт представляет"),
            ("Сведения о педагогах передаёт Министерству Центр", "Центр",
             "Сведения о педагогах передаёт"),
            ("Методические рекомендации готовит ИРО", "ИРО", "Методические рекомендации готовит")):
        doc = _parse(text + f"2. {sentence}.\n")
        assert [(c, b, t) for c, b, t in _duties(doc) if c == "2"] == [
            ("2", _body(doc, doer), what)], sentence
        assert len(_orgs(doc)) == 3, sentence  # no «Центру ИРО» beside «Центр» and «ИРО»


def test_two_actions_in_one_item_are_two_duties() -> None:
    # made-up: one duty per action (the corpus README). Two actions on one object: the item as
    # written is the first (it names the object), the second runs from its own word; two
    # actions with objects of their own: each up to the next
    doc = _parse("1. Районный методический совет (далее – Совет) действует при отделе "
                 "образования.\n2. Совет:\n"
                 "1) изучает и утверждает планы работы районных объединений;\n"
                 "2) подбор и обучение экспертов конкурса;\n"
                 "3) сбор, анализ и обобщение сведений о стажировках;\n"
                 "4) создание секций и методическое сопровождение их работы.\n",
                 level="municipal")
    council = _body(doc, "Совет")
    assert [t for c, b, t in _duties(doc) if c == "2" and b == council] == sorted([
        "изучает и утверждает планы работы районных объединений",
        "утверждает планы работы районных объединений",
        "подбор и обучение экспертов конкурса", "обучение экспертов конкурса",
        "сбор, анализ и обобщение сведений о стажировках",
        "анализ и обобщение сведений о стажировках", "обобщение сведений о стажировках",
        "создание секций", "методическое сопровождение их работы"])


def test_a_passive_done_by_a_bodys_order_is_that_bodys_duty() -> None:
    # made-up: «… утверждается / назначается / вносятся приказом (распоряжением) X» is X's duty,
    # written up to the verb (the corpus README); an order of a person («приказом директора
    # Школы») and a body's founding («создаётся приказом …») are not
    text = ("1. Районный совет наставников (далее – Совет) действует при Комитете по "
            "образованию администрации района (далее – Комитет).\n")
    for sentence, what in (
            ("Состав Совета утверждается приказом Комитета", "Состав Совета утверждается"),
            ("Председатель Совета назначается распоряжением Комитета сроком на два года",
             "Председатель Совета назначается"),
            ("Изменения в настоящее Положение вносятся приказом Комитета по представлению Совета",
             "Изменения в настоящее Положение вносятся"),
            ("Совет упраздняется постановлением Комитета", "Совет упраздняется")):
        doc = _parse(text + f"2. {sentence}.\n", level="municipal")
        assert [(c, b, t) for c, b, t in _duties(doc) if c == "2"] == [
            ("2", _body(doc, "Комитет"), what)], sentence
    for sentence in ("Состав Совета утверждается приказом председателя Комитета",
                     "Совет создаётся приказом Комитета"):
        doc = _parse(text + f"2. {sentence}.\n", level="municipal")
        assert [d for d in _duties(doc) if d[0] == "2"] == [], sentence


def test_schools_narrowed_by_what_they_show_are_a_class_of_their_own() -> None:
    # made-up: schools named as a class and narrowed by a participle's phrase or by «с …» at a
    # sentence's start, then acting: a body of its own named by the whole phrase, whose duties
    # are about them (low results when the phrase says so); schools in general stay apart
    for sentence, name, low in (
            ("Общеобразовательные организации, демонстрирующие низкие результаты ОГЭ, "
             "направляют в Центр заявки на консультации",
             "Общеобразовательные организации, демонстрирующие низкие результаты ОГЭ", True),
            ("Школы района с низкими результатами обучения направляют в Центр заявки на "
             "консультации", "Школы района с низкими результатами обучения", True),
            ("Образовательные организации с признаками необъективности оценивания направляют "
             "в Центр заявки на консультации",
             "Образовательные организации с признаками необъективности оценивания", False)):
        doc = _parse("1. Районный методический центр (далее – Центр) проводит семинары.\n"
                     "2. Образовательные организации района направляют педагогов на семинары.\n"
                     f"3. {sentence}.\n", level="municipal")
        schools = _body(doc, name)
        assert _orgs(doc)[schools]["kind"] == "school", sentence
        assert _orgs(doc)[schools]["level"] == "institutional", sentence
        duties = [(b, t) for c, b, t in _duties(doc) if c == "3"]
        assert duties == [(schools, "направляют в Центр заявки на консультации")], sentence
        general = [b for c, b, t in _duties(doc) if c == "2"]
        assert general and general[0] != schools, sentence
        labels = [doc.batch.nodes[e.target].props.get("categories", [])
                  for e in doc.batch.edges.values()
                  if e.type == "HAS_DUTY" and e.source == schools]
        assert ("low_results_support" in labels[0]) is low, sentence


def test_schools_named_by_their_part_in_lower_case_are_a_class() -> None:
    # made-up: «школы-наставники», «школы-партнёры» written in lower case in a list of
    # participants and as a measure's doers: a class of schools with the measure as its duty;
    # «школу-наставника» (one school, in another case) is no body of its own
    for role in ("школы-наставники", "школы-партнёры", "школы-кураторы"):
        doc = _parse("Участники: отдел образования администрации района (далее – Отдел); "
                     f"{role}, определённые Отделом.\n"
                     "1. Методическое сопровождение\n"
                     "1.1. Проведение открытых уроков для педагогов школ с низкими результатами.\n"
                     f"Ответственные: {role}, Отдел.\n"
                     "1.2. Закрепление за каждой школой школу-наставника.\n"
                     "Ответственные: Отдел.\n", level="municipal")
        schools = _body(doc, role)
        assert _orgs(doc)[schools]["kind"] == "school", role
        assert ("1.1", schools, "Проведение открытых уроков для педагогов школ с низкими "
                "результатами") in _duties(doc), role
        assert not [p for p in _orgs(doc).values() if "наставника" in str(p["name"])], role


def test_a_schools_consilium_is_a_council_and_grouping_lists_are_no_duties() -> None:
    # made-up: «психолого-педагогический консилиум» is a school's council (its name stays as
    # written); «Секции создаются по направлениям: …» names the sections, it lists no duties
    for name, short in (("Психолого-педагогический консилиум Гимназии", "ППк"),
                        ("Психолого-медико-педагогический консилиум Школы", "ПМПк")):
        doc = _parse("1. Методическое объединение учителей Школы (далее – Объединение) "
                     "работает в Школе.\n"
                     f"2. {name} (далее – {short}) по запросу Объединения готовит рекомендации "
                     "по сопровождению обучающихся.\n", level="institutional")
        council = _body(doc, short)
        assert _orgs(doc)[council]["kind"] == "council", name
        assert _orgs(doc)[council]["name"] == name, name
        assert ("2", council, "по запросу Объединения готовит рекомендации по сопровождению "
                "обучающихся") in _duties(doc), name
    for head in ("Предметные секции создаются по направлениям",
                 "Творческие группы формируются по следующим направлениям"):
        doc = _parse("1. Городской методический совет (далее – Совет) действует при "
                     "управлении образования.\n"
                     f"2. {head}: начальное образование; гуманитарные дисциплины; "
                     "естественные науки.\n", level="municipal")
        assert [d for d in _duties(doc) if d[0] == "2"] == [], head


def test_a_bare_head_word_is_the_body_the_regulation_is_about() -> None:
    # made-up: «Центр …» on the page of one centre that names other centres too: the centre
    # the regulation is about (its title), not no body; a head announcing «следующие работы.»
    # with a stop heads the lines after it like a colon
    for announce in ("Центр выполняет следующие работы.", "Центр ведёт следующие направления.",
                     "Центр выполняет следующие работы:"):
        doc = parse_regulation(
            "ГОРОДСКОЙ РЕСУРСНЫЙ ЦЕНТР НАСТАВНИЧЕСТВА\n\n"
            "Городской ресурсный центр наставничества – объединение наставников школ города.\n\n"
            "Центр работает вместе с Областным центром оценки качества образования и "
            "Районным центром детского творчества.\n\n"
            "ЧТО МЫ ДЕЛАЕМ\n\n"
            f"{announce}\n"
            "Организует стажировки молодых учителей.\n"
            "Проводит семинары для наставников.\n\n"
            "КОНТАКТЫ\n\nТелефон 00-00-00.\n",
            RegulationMeta.model_validate({
                "id": "reg-t", "title": "Городской ресурсный центр наставничества",
                "territory_id": "RU-TST-town", "level": "municipal"}), EMPTY)
        centre = _body(doc, "Городской ресурсный центр наставничества")
        assert [t for c, b, t in _duties(doc) if b == centre and c == "3"] == [
            "Организует стажировки молодых учителей", "Проводит семинары для наставников"], \
            announce


def test_coordination_carried_out_by_a_body_is_its_duty_and_a_relation() -> None:
    # made-up: «Координацию деятельности X осуществляет Y» (also passive) is Y's duty, written
    # up to the verb, as «Y координирует деятельность X» is, and a COORDINATES relation
    for sentence, what in (
            ("Координацию деятельности Клуба осуществляет Отдел", "Координацию деятельности "
             "Клуба осуществляет"),
            ("Координацию работы Клуба осуществляет Отдел", "Координацию работы Клуба "
             "осуществляет"),
            ("Координация деятельности Клуба осуществляется Отделом", "Координация "
             "деятельности Клуба осуществляется")):
        doc = _parse("1. Районный клуб молодых учителей (далее – Клуб) создаётся при отделе "
                     "образования администрации района (далее – Отдел).\n"
                     f"2. {sentence}.\n", level="municipal")
        club, dept = _body(doc, "Клуб"), _body(doc, "Отдел")
        assert [(b, t) for c, b, t in _duties(doc) if c == "2"] == [(dept, what)], sentence
        assert (dept, "COORDINATES", club) in _relations(doc), sentence


def test_how_often_before_the_verb_and_what_a_doer_is_called_before_its_name() -> None:
    # made-up: «не реже … », «не позднее …» before a body's verb are a circumstance of its duty;
    # an object-first duty's doer may be called what it is before a dash («… осуществляет
    # федеральный оператор – …»)
    text = ("1. Районный ресурсный центр (далее – Центр) работает при институте развития "
            "образования (далее – Институт).\n")
    for sentence, doer, what in (
            ("Центр не реже одного раза в квартал представляет в Институт отчёт", "Центр",
             "не реже одного раза в квартал представляет в Институт отчёт"),
            ("Центр не позднее 1 июня направляет в Институт план", "Центр",
             "не позднее 1 июня направляет в Институт план"),
            ("Экспертизу программ Центра осуществляет региональный оператор – Институт",
             "Институт", "Экспертизу программ Центра осуществляет"),
            ("Методическое сопровождение Центра осуществляет научный партнёр – Институт",
             "Институт", "Методическое сопровождение Центра осуществляет")):
        doc = _parse(text + f"2. {sentence}.\n", level="municipal")
        assert [(b, t) for c, b, t in _duties(doc) if c == "2"] == [(_body(doc, doer), what)], \
            sentence
    doc = _parse(text + "2. Центр не ведёт платную деятельность.\n", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "2"] == []


def test_parts_named_after_in_the_composition_of_and_partners_one_works_with() -> None:
    # made-up: «В составе X действуют A и B» (each a part of X), «A, входящий в структуру X, …»
    # (a part), «X сотрудничает с A» (an interaction, and a duty)
    doc = _parse("1. Городской методический совет (далее – Совет) действует при управлении "
                 "образования (далее – Управление).\n"
                 "2. В составе Совета действуют экспертная комиссия (далее – Комиссия) и "
                 "творческие группы учителей (далее – группы).\n"
                 "3. Отдел методического сопровождения (далее – Отдел), входящий в структуру "
                 "Управления, "
                 "готовит для Совета справки.\n"
                 "4. Совет сотрудничает с Областным институтом развития образования (далее – "
                 "Институт).\n", level="municipal")
    council, relations = _body(doc, "Совет"), _relations(doc)
    assert (_body(doc, "Комиссия"), "PART_OF", council) in relations
    assert (_body(doc, "группы"), "PART_OF", council) in relations
    assert (_body(doc, "Отдел"), "PART_OF", _body(doc, "Управление")) in relations
    assert (council, "INTERACTS_WITH", _body(doc, "Институт")) in relations
    assert ("4", council, "сотрудничает с Областным институтом развития образования") in [
        (c, b, t.split(" (")[0]) for c, b, t in _duties(doc)]


def test_directions_of_work_headed_by_what_kind_of_work_they_are() -> None:
    # made-up: a section of directions whose sub-clauses are headed «X деятельность:» (or
    # «Направление: …») over items, or say their one item on the same line, are the duties of
    # the body the regulation is about; «экспертное: рассматривает …» under a list of
    # directions is the body's duty without its label
    for heading in ("Основные направления деятельности", "Функции Кабинета",
                    "Направления работы"):
        doc = _parse("1. Методический кабинет (далее – Кабинет) создан при управлении "
                     "образования (далее – Управление).\n"
                     f"2. {heading}\n"
                     "2.1. Диагностическая деятельность:\n"
                     "- изучение затруднений учителей;\n"
                     "- ведение перечня школ с низкими результатами обучения.\n"
                     "2.2. Работа с молодыми учителями:\n"
                     "- организация школы молодого учителя.\n"
                     "2.3. Консультационная деятельность: консультирование руководителей "
                     "школ.\n"
                     "3. Управление утверждает план Кабинета.\n", level="municipal")
        cabinet = _body(doc, "Кабинет")
        assert [(c, b, t) for c, b, t in _duties(doc) if c.startswith("2")] == [
            ("2.1", cabinet, "ведение перечня школ с низкими результатами обучения"),
            ("2.1", cabinet, "изучение затруднений учителей"),
            ("2.2", cabinet, "организация школы молодого учителя"),
            ("2.3", cabinet, "консультирование руководителей школ")], heading
    doc = _parse("1. Предметная ассоциация учителей (далее – Ассоциация) создана при "
                 "институте (далее – Институт).\n"
                 "2. Ассоциация работает по следующим направлениям:\n"
                 "2.1. экспертное: рассматривает рабочие программы учителей;\n"
                 "2.2. просветительское направление: ежегодно проводит семинары.\n",
                 level="regional")
    assoc = _body(doc, "Ассоциация")
    assert [(c, b, t) for c, b, t in _duties(doc) if c.startswith("2.")] == [
        ("2.1", assoc, "рассматривает рабочие программы учителей"),
        ("2.2", assoc, "ежегодно проводит семинары")]


def test_working_in_interaction_with_bodies_is_a_duty_and_a_relation() -> None:
    # made-up: «работает (в тесном) во взаимодействии с …», «осуществляет (свою) деятельность
    # во взаимодействии с …» — also after another verb — are a duty of the body and an
    # INTERACTS_WITH each partner; «работает под руководством …» stays no duty
    head = ("1. Городская творческая группа (далее – Группа) создана при методическом центре "
            "(далее – Центр).\n")
    for sentence, what in (
            ("Группа работает в тесном взаимодействии с Центром",
             "работает в тесном взаимодействии с Центром"),
            ("Группа работает во взаимодействии с Центром", "работает во взаимодействии с Центром"),
            ("Группа осуществляет свою деятельность во взаимодействии с Центром",
             "осуществляет свою деятельность во взаимодействии с Центром"),
            ("Группа входит в городскую сеть и осуществляет деятельность в тесном "
             "взаимодействии с Центром",
             "осуществляет деятельность в тесном взаимодействии с Центром")):
        doc = _parse(head + f"2. {sentence}.\n", level="municipal")
        group, centre = _body(doc, "Группа"), _body(doc, "Центр")
        assert [(b, t) for c, b, t in _duties(doc) if c == "2"] == [(group, what)], sentence
        assert (group, "INTERACTS_WITH", centre) in _relations(doc), sentence
    doc = _parse(head + "2. Группа работает под руководством Центра.\n", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "2"] == []


def test_what_a_body_is_what_it_keeps_and_what_it_does_before_its_list() -> None:
    # made-up: «представляет собой …» says what a body is (no duty); «ведёт следующие журналы:
    # …» is one duty up to its colon; a sentence before a list's head («Совет координирует … .
    # Функциями Совета являются:») is a duty too; adjectives before the first of two action
    # nouns («методическая поддержка … и развитие …») still give two duties
    doc = _parse("1. Методический кабинет (далее – Кабинет) создан при институте развития "
                 "образования (далее – Институт).\n"
                 "2. Кабинет представляет собой систему методистов Института.\n"
                 "3. Кабинет ведёт следующую документацию: план работы, журнал консультаций.\n"
                 "4. Кабинет оформляет следующие отчёты: годовой, квартальный.\n"
                 "5. Совет Института координирует работу Кабинета. Основными функциями Совета "
                 "являются:\n- экспертиза программ;\n"
                 "- методическая поддержка молодых педагогов и развитие наставничества.\n",
                 level="municipal")
    cabinet, council = _body(doc, "Кабинет"), _body(doc, "Совет Института")
    assert _duties(doc) == [
        # (a list written with commas is the duty's words, six truths to two; with
        # semicolons, its items are what is kept)
        ("3", cabinet, "ведёт следующую документацию: план работы, журнал консультаций"),
        ("4", cabinet, "оформляет следующие отчёты: годовой, квартальный"),
        ("5", council, "координирует работу Кабинета"),
        ("5", council, "методическая поддержка молодых педагогов"),
        ("5", council, "развитие наставничества"),
        ("5", council, "экспертиза программ")]


def test_slides_are_clauses_and_a_heading_asking_what_a_body_does_heads_its_duties() -> None:
    # made-up: a presentation's text «Слайд N» (alone or before its title) numbers clause N;
    # «Что делает X» / «Что делают сами X» / «Чем занимается X» over items heads X's duties
    t = split_clauses("Доклад на совещании\nСлайд 1\nМодель поддержки\nСлайд 2: Кто участвует\n"
                      "▪ Управление\nСлайд 3\nИтоги")
    assert [c.number for c in t.clauses] == ["1", "2", "3"]
    for heading in ("Что делает Центр", "Что делают сами Центр и Управление",
                    "Чем занимается Центр"):
        doc = _parse("Слайд 1\nУчастники\n▪ Методический центр (далее – Центр) создан при "
                     "управлении образования (далее – Управление).\n"
                     f"Слайд 2\n{heading}\n▪ Проводит семинары для учителей\n"
                     "▪ Ежегодно готовит анализ результатов ОГЭ\n", level="municipal")
        centre = _body(doc, "Центр")
        assert [(c, b, t) for c, b, t in _duties(doc) if b == centre] == [
            ("2", centre, "Ежегодно готовит анализ результатов ОГЭ"),
            ("2", centre, "Проводит семинары для учителей")], heading


def test_a_legend_of_symbols_names_the_bodies_its_lines_are_about() -> None:
    # made-up: «Условные обозначения: УО – …; ЦМР – …» (or «Участники и обозначения: …») before
    # a schedule whose lines «— УО: verb …» / «— УО, ЦМР: verb …» are those bodies' duties
    for head in ("Условные обозначения", "Участники и обозначения"):
        doc = _parse(f"{head}: УО – управление образования администрации района; ЦМР – "
                     "районный центр методической работы; ШНОР – школы с низкими результатами "
                     "обучения.\n"
                     "1. ОКТЯБРЬ\n— УО: утверждает план работы центра.\n"
                     "— УО, ЦМР: проводят совещание директоров ШНОР.\n", level="municipal")
        uo, cmr = _body(doc, "УО"), _body(doc, "ЦМР")
        assert _duties(doc) == sorted([
            ("1", uo, "утверждает план работы центра"),
            ("1", uo, "проводят совещание директоров ШНОР"),
            ("1", cmr, "проводят совещание директоров ШНОР")]), head


def test_an_acronym_before_a_name_and_a_place_and_low_results_schools_in_parentheses() -> None:
    # made-up: «ЦМР (МБУ «Центр методической работы» г. Кимры)» names the centre ЦМР even with
    # its town after the name; «школы с низкими результатами (ШНОР)», without «далее», are a
    # class of schools called ШНОР
    for place, schools_line in (
            (" г. Кимры", "6 школ с низкими образовательными результатами (ШНОР) по итогам ВПР"),
            (" города Кимры", "поддержка школ с низкими результатами обучения (ШНОР) района"),
            ("", "12 школ с низкими результатами (ШНОР)")):
        doc = _parse("1. Участники модели:\n"
                     f"- ЦМР (МБУ «Центр методической работы»{place}) – штаб модели;\n"
                     f"- {schools_line}.\n"
                     "2. ЦМР проводит анализ результатов ВПР.\n"
                     "3. ШНОР разрабатывают программы перехода в эффективный режим.\n",
                     level="municipal")
        cmr, schools = _body(doc, "ЦМР"), _body(doc, "ШНОР")
        assert _orgs(doc)[cmr]["name"] == "МБУ «Центр методической работы»", place
        assert ("2", cmr, "проводит анализ результатов ВПР") in _duties(doc), place
        assert ("3", schools, "разрабатывают программы перехода в эффективный режим") in \
            _duties(doc), place


def test_how_often_in_words_before_a_second_verb_still_makes_two_duties() -> None:
    # made-up: «… и раз в полугодие подводит итоги», «… и два раза в год заслушивает …»
    head = "1. Управление образования (далее – Управление) создаёт районную сеть школ.\n"
    for second in ("раз в полугодие подводит итоги работы сети",
                   "два раза в год заслушивает отчёты школ",
                   "один раз в квартал проводит совещание"):
        doc = _parse(head + f"2. Управление утверждает состав сети и {second}.\n",
                     level="municipal")
        body = _body(doc, "Управление")
        assert [(b, t) for c, b, t in _duties(doc) if c == "2"] == sorted([
            (body, "утверждает состав сети"), (body, second)]), second


def test_what_a_body_will_do_over_items_in_the_infinitive() -> None:
    # made-up: «Опорная школа будет:» / «Для школ с низкими результатами центр будет:» over
    # infinitive items lists what that body will do
    head = ("1. Муниципальный методический центр (далее – Центр) работает при управлении "
            "образования (далее – Управление).\n")
    for lead in ("Центр будет:", "Для школ с низкими результатами Центр будет:",
                 "В новом учебном году Центр будет:"):
        doc = _parse(head + f"2. {lead}\n✅ проводить семинары для учителей;\n"
                     "✅ принимать учителей на стажировки.\n", level="municipal")
        centre = _body(doc, "Центр")
        assert [(c, b, t) for c, b, t in _duties(doc) if c == "2"] == [
            ("2", centre, "принимать учителей на стажировки"),
            ("2", centre, "проводить семинары для учителей")], lead
    doc = _parse(head + "2. Итоги будут:\n- подведены в мае.\n", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "2"] == []


def test_sub_clauses_opening_with_a_verb_under_a_sphere_heading_are_the_sections_body() -> None:
    # made-up: a section of functions whose sub-clauses («2.1. В сфере …:», «По направлению
    # …:») group third-level sub-clauses that open with a verb and name no doer: the body the
    # section (or the regulation) is about does each, even when the heading names no duty word
    for section, sphere, other in (
            ("Функции Бюро", "В сфере поддержки учителей:", "По линии работы с родителями:"),
            ("Задачи Бюро", "В части аттестации педагогов:", "В области мониторинга:"),
            ("Полномочия Бюро", "По направлению «Молодой педагог»:", "В сфере экспертизы:")):
        doc = _parse("1. Методическое бюро (далее – Бюро) создано при комитете образования "
                     "(далее – Комитет).\n"
                     f"2. {section}\n"
                     f"2.1. {sphere}\n"
                     "2.1.1. Проводит семинары для учителей школ района.\n"
                     "2.1.2. Ведёт реестр наставников.\n"
                     f"2.2. {other}\n"
                     "2.2.1. Готовит аналитические справки для Комитета.\n"
                     "3. Комитет утверждает план Бюро.\n", level="municipal")
        bureau = _body(doc, "Бюро")
        assert [(c, b, t) for c, b, t in _duties(doc) if c.startswith("2")] == [
            ("2.1.1", bureau, "Проводит семинары для учителей школ района"),
            ("2.1.2", bureau, "Ведёт реестр наставников"),
            ("2.2.1", bureau, "Готовит аналитические справки для Комитета")], section


def test_a_school_in_lower_case_that_teaches_teachers_is_a_community() -> None:
    # made-up: «школа» in lower case followed within a few words by whom it teaches (a young
    # teacher, a mentor, a methodist) is a form of work with teachers, a body of its own whose
    # short names are bound to it; a school of pupils in lower case is not a body
    for name, short in (("Районная школа профессионального роста молодого учителя «Шаг»",
                         "ШПР"),
                        ("Городская школа молодого педагога", "ГШМП"),
                        ("Муниципальная школа наставника «Вектор»", "МШН")):
        doc = _parse(f"1. {name} (далее – {short}) – форма методической работы с учителями.\n"
                     f"2. Основными функциями {short} являются:\n"
                     "- проведение практических занятий для учителей;\n"
                     "- организация посещения уроков.\n", level="municipal")
        body = _body(doc, short)
        assert _orgs(doc)[body]["kind"] == "community", name
        assert [(c, b) for c, b, _ in _duties(doc)] == [("2", body), ("2", body)], name
    doc = _parse("1. Методический кабинет (далее – Кабинет) помогает каждой школе с низкими "
                 "результатами обучения и закрепляет за каждой школой наставника.\n",
                 level="municipal")
    assert [p["name"] for p in _orgs(doc).values()] == ["Методический кабинет"]


def test_a_closed_towns_name_inside_an_institutions_name() -> None:
    # made-up: «ЗАТО Озёрный» (a closed administrative-territorial unit) between an
    # institution's legal words and its proper name is part of the name, whose short name is
    # then bound to it; an authority «Администрации ЗАТО …» keeps the place too
    for place in ("ЗАТО Озёрный", "ЗАТО г. Заречный"):
        doc = _parse(f"1. Клуб наставников (далее – Клуб) работает на базе муниципального "
                     f"бюджетного учреждения {place} «Центр развития образования» (далее – ЦРО)."
                     f"\n2. ЦРО подведомственен Управлению образования Администрации {place} "
                     "(далее – Управление).\n"
                     "3. ЦРО составляет план работы Клуба.\n", level="municipal")
        centre = _body(doc, "ЦРО")
        assert "«Центр развития образования»" in str(_orgs(doc)[centre]["name"]), place
        assert ("3", centre, "составляет план работы Клуба") in _duties(doc), place


def test_a_doer_named_last_in_lower_case_with_its_short_name_after_it() -> None:
    # made-up: a clause opening with its verb whose doer comes last, in lower case, followed by
    # the short name it is given («(далее – …)»): the doer does it
    for verb, what in (("Утверждает", "план работы Клуба"),
                       ("Согласовывает", "состав Клуба и его руководителя")):
        doc = _parse("1. Клуб молодых методистов (далее – Клуб) создан.\n"
                     f"2. {verb} {what} комитет по образованию администрации района "
                     "(далее – комитет).\n"
                     "3. Комитет проводит смотр работы Клуба.\n", level="municipal")
        committee = _body(doc, "комитет")
        assert ("2", committee, f"{verb} {what}") in _duties(doc), verb
        assert not [d for d in _duties(doc) if d[0] == "2" and d[1] != committee], verb


def test_what_is_done_opening_with_whose_it_is() -> None:
    # made-up: a passive or object-first part that opens with a possessive («его состав
    # утверждается распоряжением Комитета», «её план согласует Управление») is the doer's
    # duty, from the possessive to its verb
    for part, doer, what in (
            ("его состав утверждается распоряжением Комитета ежегодно", "Комитет",
             "его состав утверждается"),
            ("её план работы согласует Комитет", "Комитет", "её план работы согласует")):
        doc = _parse("1. Комитет по образованию (далее – Комитет) создал методическую службу "
                     "(далее – Служба).\n"
                     f"2. Служба работает при Комитете; {part}.\n", level="municipal")
        assert ("2", _body(doc, doer), what) in _duties(doc), part


def test_a_matrix_of_functions_each_row_what_is_done_then_who() -> None:
    # made-up: a distribution of functions whose rows say what is done (an action noun first),
    # a dash and only the bodies that do it; an entry of its list of abbreviations may give a
    # body two short names («ЦРО, центр – …»); a row naming something else after the dash
    # («Цель — …») is no duty
    doc = _parse("Сокращения:\n"
                 "ЦРО, центр – муниципальное бюджетное учреждение «Центр развития образования»;\n"
                 "Отдел – отдел образования администрации района.\n"
                 "I. АНАЛИЗ\n"
                 "1. Сбор сведений о результатах проверочных работ — ЦРО.\n"
                 "2. Утверждение перечня школ с низкими результатами — Отдел.\n"
                 "3. Проведение семинаров для учителей — центр, Отдел.\n"
                 "4. Цель — повышение качества образования.\n", level="municipal")
    centre, dept = _body(doc, "ЦРО"), _body(doc, "Отдел")
    assert _body(doc, "центр") == centre
    assert [(c, b, t) for c, b, t in _duties(doc)] == sorted([
        ("1", centre, "Сбор сведений о результатах проверочных работ"),
        ("2", dept, "Утверждение перечня школ с низкими результатами"),
        ("3", centre, "Проведение семинаров для учителей"),
        ("3", dept, "Проведение семинаров для учителей")])


def test_a_department_named_for_the_schools_it_serves_is_a_unit_not_a_school() -> None:
    # made-up: «отдел поддержки малокомплектных школ» of the centre the regulation is about is
    # a department of the centre's kind, though its name ends with schools
    for dept in ("отдел поддержки малокомплектных школ", "отдел консультирования школ",
                 "отдел сопровождения малочисленных школ"):
        doc = _parse("1. Региональный методический центр (далее – Центр) подведомствен "
                     "министерству образования области.\n"
                     f"2. В структуру Центра входит {dept} (далее – Отдел).\n"
                     "3. Отдел ведёт перечень закреплённых школ.\n")
        centre, unit = _body(doc, "Центр"), _body(doc, "Отдел")
        assert _orgs(doc)[unit]["kind"] == _orgs(doc)[centre]["kind"] == \
            "methodological_center", dept
        assert ("3", unit, "ведёт перечень закреплённых школ") in _duties(doc), dept


def test_schools_with_low_results_are_never_the_schools_in_general() -> None:
    # made-up: a class qualified by low results and given a short name of its own («ОО с НОР»,
    # «ШНОР», «школы с низкими результатами») is a body apart from the unqualified class
    # («ОО», «образовательные организации»), whichever is named first
    for (defined, short), every_first in itertools.product((
            ("в общеобразовательных организациях с низкими образовательными результатами "
             "(далее – ОО с НОР)", "ОО с НОР"),
            ("в школах с низкими результатами обучения (далее – ШНОР)", "ШНОР"),
            ("в образовательных организациях, показывающих низкие результаты (далее – "
             "школы с низкими результатами)", "школы с низкими результатами"),
            ("в образовательных организациях с низкими результатами (далее – ОНР)", "ОНР")),
            (False, True)):
        every_clause = ("Общеобразовательные организации (далее – ОО) направляют в Совет "
                        "отчёты о результатах.")
        low_clause = ("Совет по качеству образования района (далее – Совет) создаётся для "
                      f"повышения качества образования, в том числе {defined}.")
        first, third = (every_clause, low_clause) if every_first else (low_clause, every_clause)
        doc = _parse(f"1.1. {first}\n"
                     "1.2. Совет рассматривает результаты оценочных процедур "
                     "общеобразовательных организаций.\n"
                     f"1.3. {third}\n"
                     f"1.4. {short[:1].upper()}{short[1:]} разрабатывают программы повышения "
                     "качества образования.\n", level="municipal")
        low, every = _body(doc, short), _body(doc, "ОО")
        assert low != every, defined
        assert ("1.4", low, "разрабатывают программы повышения качества образования") in \
            _duties(doc), defined
        assert ("1.1" if every_first else "1.3", every,
                "направляют в Совет отчёты о результатах") in _duties(doc), defined
        low_duties = [doc.batch.nodes[e.target].props.get("categories", [])
                      for e in doc.batch.edges.values()
                      if e.type == "HAS_DUTY" and e.source == low]
        assert all("low_results_support" in c for c in low_duties), defined


def test_a_term_defined_once_carries_low_results_to_every_later_mention() -> None:
    # made-up: schools given a name of their own once («(далее – опорные школы)», a definition
    # clause «К …ам относятся …», «Под … понимаются …») as those with low results: every later
    # duty naming them, each duty of theirs and a list headed by their name are about low results
    for defined in (
            "1.2. Центр работает с закреплёнными за ним общеобразовательными организациями "
            "(далее – подшефные школы).\n"
            "1.3. К подшефным школам относятся общеобразовательные организации района, "
            "показывающие низкие результаты ВПР два года подряд.\n",
            "1.2. Под подшефными школами в настоящем Положении понимаются школы района с низкими "
            "образовательными результатами.\n1.3. Центр работает с подшефными школами.\n",
            "1.2. Центр работает со школами района, показывающими низкие результаты ЕГЭ, "
            "именуемыми в дальнейшем подшефные школы.\n1.3. Центр создан.\n"):
        doc = _parse("1. Общие положения\n"
                     "1.1. Районный методический центр (далее – Центр) создан.\n"
                     f"{defined}"
                     "2. Функции\n"
                     "2.1. Центр проводит семинары для учителей подшефных школ.\n"
                     "2.2. Центр в отношении подшефных школ:\n"
                     "- организует взаимопосещение уроков;\n"
                     "- проводит консультации.\n"
                     "2.3. Подшефные школы:\n"
                     "- направляют учителей на семинары Центра;\n"
                     "- представляют в Центр отчёт о выполнении плана.\n"
                     "2.4. Центр проводит конкурс профессионального мастерства.\n",
                     level="municipal")
        low = {(c, t): "low_results_support" in doc.batch.nodes[e.target].props.get(
            "categories", [])
            for e in doc.batch.edges.values() if e.type == "HAS_DUTY"
            for c, t in [(e.props["clause_id"].rsplit(":", 1)[1],
                          doc.batch.nodes[e.target].props["text"])]}
        assert low == {
            ("2.1", "проводит семинары для учителей подшефных школ"): True,
            ("2.2", "организует взаимопосещение уроков"): True,
            ("2.2", "проводит консультации"): True,
            ("2.3", "направляют учителей на семинары Центра"): True,
            ("2.3", "представляют в Центр отчёт о выполнении плана"): True,
            ("2.4", "проводит конкурс профессионального мастерства"): False}, defined


def test_a_municipalitys_administration_is_a_body_when_it_acts() -> None:
    # made-up: «администрация … района / округа / города» doing something is a municipal
    # authority; inside an authority's name («Управление образования администрации …»), as a
    # school's administration, or as a founder only it is no body of the text
    for admin, act in (("администрации Энского муниципального района", "постановлением"),
                       ("администрации города Энска", "распоряжением"),
                       ("Администрации Энского округа", "постановлением")):
        doc = _parse("1.1. Управление образования администрации Энского района (далее – "
                     "Управление) утверждает план работы Центра.\n"
                     "1.2. Учредителем Центра является администрация Энского района.\n"
                     "1.3. Администрация Школы согласует план работы.\n"
                     f"1.4. Изменения в Положение утверждаются {act} {admin}.\n",
                     level="municipal")
        names = {str(p["name"]).lower() for p in _orgs(doc).values()}
        assert not [n for n in names if n.startswith("администрация энского района")
                    or "школ" in n], names
        body = _body(doc, admin)
        assert (_orgs(doc)[body]["kind"], _orgs(doc)[body]["level"]) == (
            "education_authority", "municipal"), admin
        assert ("1.4", body, "Изменения в Положение утверждаются") in _duties(doc), admin


def test_an_adverb_before_a_classs_verb_two_nouns_after_a_light_verb_and_a_decision() -> None:
    # made-up: «Школы с низкими результатами ежегодно направляют …» names the class without
    # «ежегодно»; «осуществляет сбор и анализ сведений» is two actions on one object; «…
    # осуществляется решением Совета» is the Совет's duty as «… приказом Совета» would be
    doc = _parse("1. Районный методический центр (далее – Центр) и Совет по качеству "
                 "образования района (далее – Совет) работают совместно.\n"
                 "2. Центр осуществляет сбор и анализ сведений о кадровом составе школ.\n"
                 "3. Школы с низкими результатами обучения ежегодно направляют в Центр отчёт "
                 "о выполнении программ.\n"
                 "4. Включение школы в перечень осуществляется решением Совета.\n",
                 level="municipal")
    centre, council = _body(doc, "Центр"), _body(doc, "Совет")
    schools = _body(doc, "Школы с низкими результатами обучения")
    assert {("2", centre, "осуществляет сбор и анализ сведений о кадровом составе школ"),
            ("2", centre, "анализ сведений о кадровом составе школ"),
            ("3", schools, "ежегодно направляют в Центр отчёт о выполнении программ"),
            ("4", council, "Включение школы в перечень осуществляется")} <= set(_duties(doc))


def test_a_relative_clause_after_an_object_is_no_duty_of_its_own() -> None:
    # made-up: «…, в отношении которых / по которым / у которых …» says what the object is
    for relative in ("в отношении которых реализуются меры поддержки",
                     "по которым проводится мониторинг", "у которых выявлены дефициты"):
        doc = _parse("1. Совет по качеству образования района (далее – Совет) создан.\n"
                     f"2. Совет утверждает перечень школ, {relative}.\n", level="municipal")
        assert [(c, t) for c, _, t in _duties(doc)] == [
            ("2", f"утверждает перечень школ, {relative}")], relative


def test_a_note_of_one_paragraph_blocks_under_capitals_headings_by_level() -> None:
    # made-up: an explanatory note without numbers: its title (opening in capitals) and the
    # headings by level are no clauses; each paragraph between blank lines is one, in order
    text = ("ПОЯСНИТЕЛЬНАЯ ЗАПИСКА\nк районной модели поддержки педагогов\n\n"
            "Модель описывает, кто и как поддерживает педагогов района.\n\n"
            "МУНИЦИПАЛЬНЫЙ УРОВЕНЬ\n\n"
            "Районный методический центр (РМЦ) проводит диагностику дефицитов педагогов.\n\n"
            "Управление образования района (УО) утверждает план работы РМЦ.\n\n"
            "ШКОЛЬНЫЙ УРОВЕНЬ\n\n"
            "Методическая служба школы выявляет затруднения педагогов.\n\n"
            "Контроль за реализацией модели осуществляет УО.\n")
    t = split_clauses(text)
    assert [c.number for c in t.clauses] == ["1", "2", "3", "4", "5"]
    assert [c.paragraphs[0].text[:20] for c in t.clauses] == [
        "Модель описывает, кт", "Районный методически", "Управление образован",
        "Методическая служба ", "Контроль за реализац"]
    doc = _parse(text, level="municipal")
    assert ("2", _body(doc, "РМЦ"), "проводит диагностику дефицитов педагогов") in _duties(doc)
    assert ("5", _body(doc, "УО"), "Контроль за реализацией модели осуществляет") in \
        _duties(doc)


def test_a_system_called_by_words_and_an_acronym_and_a_doer_named_last_before_its_helper() -> None:
    # made-up: «(далее – муниципальная система, МСМС)» names the system by its acronym too
    # (its participants are its parts, its tasks its duties); «Проводит … Управление с
    # привлечением Центра» is the Управление's duty, whatever the section's heading names
    doc = _parse("1. Общие положения\n"
                 "1.1. Положение определяет порядок функционирования муниципальной системы "
                 "методического сопровождения педагогов Энского района (далее – муниципальная "
                 "система, МСМС).\n"
                 "1.2. Участниками муниципальной системы являются Управление образования "
                 "Энского района (далее – Управление) и районный методический центр (далее – "
                 "Центр).\n"
                 "2. Задачи муниципальной системы\n"
                 "2.1. Задачами муниципальной системы являются:\n"
                 "- выявление профессиональных дефицитов педагогов.\n"
                 "3. Функции участников муниципальной системы\n"
                 "3.1. Проводит мониторинг функционирования муниципальной системы Управление "
                 "с привлечением Центра.\n", level="municipal")
    system, authority, centre = _body(doc, "МСМС"), _body(doc, "Управление"), _body(doc, "Центр")
    assert {(authority, "PART_OF", system), (centre, "PART_OF", system)} <= _relations(doc)
    assert {("2.1", system, "выявление профессиональных дефицитов педагогов"),
            ("3.1", authority, "Проводит мониторинг функционирования муниципальной системы")} \
        <= set(_duties(doc))


def test_what_a_relative_clause_says_a_named_body_does() -> None:
    # made-up: «…, работу которых координирует X» and «…, ведение которой обеспечивается X» are
    # X's duties (an object-first clause; coordinating is also a relation to the body before
    # the comma); «…, с которым X взаимодействует по …» is X's duty and an INTERACTS_WITH
    doc = _parse("1. Районный методический центр (далее – РМЦ) и Совет директоров школ района "
                 "(далее – Совет) созданы.\n"
                 "2. Совет заслушивает руководителей районных методических объединений "
                 "(далее – РМО), работу которых координирует РМЦ.\n"
                 "3. Отчёты размещаются на районном портале, ведение которого обеспечивается "
                 "РМЦ.\n"
                 "4. Совет не подменяет областной институт развития образования (далее – ИРО), "
                 "с которым РМЦ взаимодействует по вопросам повышения квалификации.\n",
                 level="municipal")
    rmc, rmo, iro = _body(doc, "РМЦ"), _body(doc, "РМО"), _body(doc, "ИРО")
    assert {("2", rmc, "работу которых координирует"),
            ("3", rmc, "ведение которого обеспечивается"),
            ("4", rmc, "взаимодействует по вопросам повышения квалификации")} <= \
        set(_duties(doc))
    assert not [d for d in _duties(doc) if d[0] == "3" and d[1] != rmc]
    assert {(rmc, "COORDINATES", rmo), (rmc, "INTERACTS_WITH", iro)} <= _relations(doc)


def test_a_body_named_twice_by_a_dash_and_a_duty_done_jointly_with_a_body_named_first() -> None:
    # made-up: «МБУ «ЭМЦ» – муниципальное бюджетное учреждение «…» (далее – Центр) – является …
    # и обеспечивает …» is the centre's duty after what it is; «Совместно с X Центр проводит …»
    # is a duty of both
    doc = _parse("1. МБУ «ЭМЦ» – муниципальное бюджетное учреждение «Энский методический центр» "
                 "(далее – Центр) – является муниципальной методической службой и обеспечивает "
                 "сопровождение педагогов района.\n"
                 "2. Совместно с районным центром оценки качества образования (далее – ЦОКО) "
                 "Центр проводит анализ результатов оценочных процедур.\n", level="municipal")
    centre, coko = _body(doc, "Центр"), _body(doc, "ЦОКО")
    assert {("1", centre, "обеспечивает сопровождение педагогов района"),
            ("2", centre, "проводит анализ результатов оценочных процедур"),
            ("2", coko, "проводит анализ результатов оценочных процедур")} <= set(_duties(doc))


def test_a_participle_of_subordination_after_a_name_and_a_towns_district_in_it() -> None:
    # made-up: «… «Центр г.о. Энск» (далее – РМЦ), подведомственное Управлению» — the centre
    # is subordinate to the authority (not the body the sentence opens with), and «г.о.»
    # ends no sentence
    for place in ("г.о. Энск", "г. Энска", "м.о. Энский"):
        doc = _parse("1.1. Городской методический совет (далее – Совет) создан при Управлении "
                     "образования города Энска (далее – Управление).\n"
                     "1.2. Сопровождение деятельности Совета осуществляет муниципальное "
                     f"бюджетное учреждение «Ресурсный методический центр {place}» (далее – "
                     "РМЦ), подведомственное Управлению.\n", level="municipal")
        rmc, uo, council = _body(doc, "РМЦ"), _body(doc, "Управление"), _body(doc, "Совет")
        assert (rmc, "SUBORDINATE_TO", uo) in _relations(doc), place
        assert (council, "SUBORDINATE_TO", uo) not in _relations(doc), place


def test_close_interaction_with_several_partners_one_of_them_also_a_part() -> None:
    # made-up: «работает в тесном взаимодействии с A, также входящим в структуру Института
    # (далее – ЦОП), B и C»: an INTERACTS_WITH each partner; A is part of the Институт
    doc = _parse("1.1. Областной институт развития образования (далее – Институт) создан.\n"
                 "1.2. Центр непрерывного повышения профессионального мастерства (далее – "
                 "ЦНППМ) работает в тесном взаимодействии с центром оценки профессионального "
                 "мастерства педагогов, также входящим в структуру Института (далее – ЦОП), "
                 "муниципальными методическими службами области (далее – ММС) и региональным "
                 "методическим активом.\n")
    cnppm, cop, inst = _body(doc, "ЦНППМ"), _body(doc, "ЦОП"), _body(doc, "Институт")
    mms, active = _body(doc, "ММС"), _body(doc, "региональный методический актив")
    assert {(cnppm, "INTERACTS_WITH", cop), (cnppm, "INTERACTS_WITH", mms),
            (cnppm, "INTERACTS_WITH", active), (cop, "PART_OF", inst)} <= _relations(doc)


def test_a_regions_second_name_a_base_named_by_a_participle_and_a_persons_list() -> None:
    # made-up: «… автономного округа – Югры «…»» is one name of a regional body; «РТЦ, созданным
    # на базе Института» makes the РТЦ (not the sentence's subject) part of the Институт; «ЭТЦ
    # осуществляет деятельность под руководством Комитета» is a status, not a duty; a list
    # under «Муниципальный тьютор:» is a person's, not the centre's
    doc = _parse("1.1. Энский тьюторский центр (далее – ЭТЦ) является структурным "
                 "подразделением Центра развития образования города Энска (далее – ЦРО) и "
                 "осуществляет деятельность под руководством Комитета образования города Энска "
                 "(далее – Комитет).\n"
                 "1.2. ЭТЦ взаимодействует с Региональным тьюторским центром (далее – РТЦ), "
                 "созданным на базе автономного учреждения дополнительного профессионального "
                 "образования Ханты-Мансийского автономного округа – Югры «Институт развития "
                 "образования» (далее – Институт).\n"
                 "2. Функции\n"
                 "2.1. ЭТЦ проводит тьюторские консультации.\n"
                 "2.2. Муниципальный тьютор:\n"
                 "1) разрабатывает с педагогом индивидуальный маршрут;\n"
                 "2) консультирует педагога.\n", level="municipal")
    etc, rtc, inst = _body(doc, "ЭТЦ"), _body(doc, "РТЦ"), _body(doc, "Институт")
    assert _orgs(doc)[inst]["name"].endswith("округа – Югры «Институт развития образования»")
    assert (_orgs(doc)[inst]["kind"], _orgs(doc)[inst]["level"]) == (
        "development_institute", "regional")
    assert (rtc, "PART_OF", inst) in _relations(doc)
    assert (etc, "PART_OF", inst) not in _relations(doc)
    assert (_body(doc, "Комитет"), "GUIDES", etc) in _relations(doc)
    assert [(c, t[:30]) for c, b, t in _duties(doc) if b == etc] == [
        ("1.2", "взаимодействует с Региональным"), ("2.1", "проводит тьюторские консультац")]


def test_an_administration_issuing_a_resolution_is_a_body() -> None:
    # made-up: the administration that «п о с т а н о в л я е т:» (or «постановляет:») is a body
    # of the text though its own «Утвердить …» is no duty
    for verb in ("п о с т а н о в л я е т", "постановляет"):
        doc = _parse("В целях повышения качества образования администрация муниципального "
                     f"образования «Энский район» {verb}:\n"
                     "1. Утвердить план мероприятий.\n"
                     "2. Районному методическому кабинету (далее – РМК) провести семинары.\n",
                     level="municipal")
        admin = _body(doc, "администрация муниципального образования «Энский район»")
        assert (_orgs(doc)[admin]["kind"], _orgs(doc)[admin]["level"]) == (
            "education_authority", "municipal"), verb
        assert not [d for d in _duties(doc) if d[1] == admin], verb


def test_a_body_formed_at_another_mid_sentence_and_a_duty_after_a_colon() -> None:
    # made-up: «Для … при Совете формируется рабочая группа» attaches the group to the Совет;
    # «…, рассматриваются отдельно: по ним Управление организует …» is the Управление's duty,
    # not that of the schools the sentence opens with
    doc = _parse("1. Совет по качеству образования района (далее – Совет) и Управление "
                 "образования района (далее – Управление) созданы.\n"
                 "2. Для подготовки заседаний при Совете формируется рабочая группа из числа "
                 "специалистов Управления.\n"
                 "3. Рабочая группа готовит проекты решений.\n"
                 "4. Школы района, в которых выявлены признаки необъективности, рассматриваются "
                 "отдельно: по ним Управление организует перепроверку работ.\n",
                 level="municipal")
    council, authority = _body(doc, "Совет"), _body(doc, "Управление")
    group = _body(doc, "рабочая группа")
    assert (group, "ATTACHED_TO", council) in _relations(doc)
    assert [(b, t) for c, b, t in _duties(doc) if c == "4"] == [
        (authority, "организует перепроверку работ")]


def test_a_clipped_short_name_after_a_circumstance_and_in_another_case() -> None:
    # made-up: «(далее – Минобр)», a clipped word the dictionary misreads, is the ministry as a
    # subject after a circumstance and in the dative («подведомствен Минобру»)
    doc = _parse("1. Министерство образования Энской области (далее – Минобр) утверждает "
                 "модель.\n"
                 "2. На региональном уровне Минобр определяет целевые показатели модели.\n"
                 "3. Областной институт развития образования (далее – ОИРО) подведомствен "
                 "Минобру.\n")
    ministry, iro = _body(doc, "Минобр"), _body(doc, "ОИРО")
    assert ("2", ministry, "определяет целевые показатели модели") in _duties(doc)
    assert (iro, "SUBORDINATE_TO", ministry) in _relations(doc)


def test_a_group_of_people_the_text_defines_as_an_organ_is_a_body() -> None:
    # made-up: a school's team or a group with no word of the kinds a body's name needs is a
    # body when the text itself says it is a collegial, temporary or consultative organ; its
    # list's duties are its own, never its school's
    for name, short, definition in (
            ("Управленческая команда лицея", "Команда", "– временный коллегиальный орган"),
            ("Проектная команда гимназии", "ПК", "является постоянно действующим "
                                                 "совещательным органом"),
            ("Группа сопровождения перехода", "Группа", "– консультативный орган")):
        doc = _parse(f"1. {name} (далее – {short}) {definition} МБОУ «Лицей № 7» (далее – "
                     "Лицей).\n"
                     f"2. {short}:\n"
                     "- проводит самодиагностику Лицея;\n"
                     "- разрабатывает программу перехода в эффективный режим.\n",
                     level="municipal")
        body = _body(doc, short)
        assert [(c, b) for c, b, _ in _duties(doc)] == [("2", body), ("2", body)], name
        if name.startswith(("Управленческая", "Проектная")):
            # a team the text calls a collegial or consultative organ is a council
            assert _orgs(doc)[body]["kind"] == "council", name
    # a school's team the text does not define stays a team of people, no body
    doc = _parse("1. Управленческая команда гимназии провела самодиагностику.\n",
                 level="municipal")
    assert not [p for p in _orgs(doc).values() if "команда" in str(p["name"]).lower()]


def test_a_heading_naming_a_kind_of_function_is_never_a_duty() -> None:
    # made-up: sub-clauses that group a body's duties by kind («Организационные функции:»,
    # «Функции в области …:», «Полномочия по …:») are headings; their items are the body's
    for heading in ("Организационно-методические функции:", "Функции по работе с кадрами:",
                    "Полномочия в сфере мониторинга:", "Экспертные функции:"):
        doc = _parse("1. Муниципальный методический центр (далее – Центр) создан.\n"
                     "2. Центр в пределах своей компетенции:\n"
                     f"2.1. {heading}\n"
                     "— проводит экспертизу программ;\n"
                     "— организует семинары для педагогов.\n"
                     "2.2. Информационные функции:\n"
                     "— ведёт сайт Центра.\n", level="municipal")
        centre = _body(doc, "Центр")
        assert _duties(doc) == [("2.1", centre, "организует семинары для педагогов"),
                                ("2.1", centre, "проводит экспертизу программ"),
                                ("2.2", centre, "ведёт сайт Центра")], heading


def test_a_list_that_finishes_its_heads_sentence_is_the_bodys_named_there() -> None:
    # made-up: a list's head that ends mid-sentence with «…, который:» (the body named right
    # before the comma does the items) or with «… и:» after a body's verb (the subject does
    # them); a person's «Руководитель … избирается … и:» stays no body's
    for head, doer in (
            ("При Совете действует Президиум Совета (далее – Президиум), который:", "Президиум"),
            ("В составе Совета создаётся экспертная группа (далее – Группа), которая:", "Группа"),
            ("Районные методические объединения (далее – РМО) работают под руководством "
             "Совета и:", "РМО"),
            ("РМО действуют по плану, согласованному с Советом, и:", "РМО")):
        doc = _parse("1. Методический совет района (далее – Совет) и районные методические "
                     "объединения учителей (далее – РМО) созданы.\n"
                     f"2. {head}\n"
                     "1) готовит повестку заседаний;\n"
                     "2) проводит анализ результатов.\n", level="municipal")
        body = _body(doc, doer)
        assert [(c, b) for c, b, _ in _duties(doc)] == [("2", body), ("2", body)], head
        if "под руководством" in head:  # the head's own relation is read too
            assert (_body(doc, "Совет"), "GUIDES", body) in _relations(doc), head
    doc = _parse("1. Районное методическое объединение учителей (далее – РМО) создано.\n"
                 "2. Руководитель РМО избирается на заседании РМО и:\n"
                 "- организует заседания РМО;\n"
                 "- представляет отчёт о работе РМО.\n", level="municipal")
    assert _duties(doc) == []


def test_what_a_body_is_between_two_dashes_before_its_verb() -> None:
    # made-up: «X – what X is, …, – does something»: the words between the dashes describe the
    # body; the verb after the second dash is its duty (a circumstance may open it)
    for between, does in (
            ("структурное подразделение Управления, созданное в 2010 году,", "ведёт реестр"),
            ("центр, входящий в структуру Института,", "по заявкам школ ведёт реестр"),
            ("муниципальное учреждение, подведомственное Управлению,", "ежегодно ведёт реестр")):
        doc = _parse("1. Районный методический кабинет (далее – РМК) создан.\n"
                     f"2. РМК – {between} – {does} методистов и организует их обучение.\n",
                     level="municipal")
        rmk = _body(doc, "РМК")
        assert set(_duties(doc)) == {
            ("2", rmk, f"{does} методистов"), ("2", rmk, "организует их обучение")}, between


def test_what_a_body_is_not_then_what_it_does() -> None:
    # made-up: «X не является юридическим лицом и …»: the second verb is X's duty; a negated
    # duty («не проводит») is none
    for then in ("осуществляет свою деятельность во взаимодействии со школами района",
                 "проводит семинары для учителей", "ежегодно готовит отчёт Управлению"):
        doc = _parse("1. Районный методический кабинет (далее – РМК) создан.\n"
                     f"2. РМК не является юридическим лицом и {then}.\n"
                     "3. РМК не проводит аттестацию педагогов.\n", level="municipal")
        assert _duties(doc) == [("2", _body(doc, "РМК"), then)], then


def test_bodies_whose_names_differ_only_far_into_them_are_never_merged() -> None:
    # made-up: two schools (two authorities) whose long names share their first words and
    # differ only in the proper name in quotes are two bodies
    doc = _parse("1. Муниципальное бюджетное общеобразовательное учреждение «Энская средняя "
                 "школа № 7» подведомственно Управлению образования администрации городского "
                 "округа Энской области «Город Энск».\n"
                 "2. Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5 "
                 "города Зетска» подведомственно Управлению образования администрации городского "
                 "округа Энской области «Город Зетск».\n", level="regional")
    names = sorted(str(p["name"]) for p in _orgs(doc).values())
    assert len(names) == 4, names
    assert len({*_orgs(doc)}) == 4
    subordinate = {(a, b) for a, t, b in _relations(doc) if t == "SUBORDINATE_TO"}
    assert len(subordinate) == 2 and len({a for a, _ in subordinate}) == 2, subordinate


def test_an_institution_of_additional_education_is_a_school_whatever_its_proper_name() -> None:
    # made-up: «учреждение дополнительного образования «Дворец …»/«Центр …»/«Станция …»» is a
    # school of additional education (not a centre by its proper name); an institution of
    # additional PROFESSIONAL education stays what it was
    for name in ("муниципальное бюджетное учреждение дополнительного образования «Дворец "
                 "детского творчества» города Энска",
                 "муниципальное автономное учреждение дополнительного образования «Центр "
                 "детского технического творчества»",
                 "муниципальная организация дополнительного образования «Станция юных "
                 "натуралистов»"):
        doc = _parse(f"1. Опорный центр является структурным подразделением {name} (далее – "
                     "Учреждение).\n", level="municipal")
        kinds = {str(p["name"]): (p["kind"], p.get("school_kind")) for p in _orgs(doc).values()}
        assert ("school", "additional") in kinds.values(), (name, kinds)
    doc = _parse("1. Центр является структурным подразделением государственного автономного "
                 "учреждения дополнительного профессионального образования «Институт развития "
                 "образования» (далее – Институт).\n")
    assert [p["kind"] for p in _orgs(doc).values() if "Институт" in p.get("aliases", [])
            or "Институт" in str(p["name"])] == ["development_institute"]


def test_a_body_acting_inside_anothers_structure_is_its_part() -> None:
    # made-up: «В структуре X действует/создаётся/формируется Y» makes Y a part of X
    for verb in ("действует", "создаётся", "формируется"):
        doc = _parse("1. Совет руководителей методических служб района (далее – Совет) создан.\n"
                     f"2. В структуре Совета {verb} Президиум Совета (далее – Президиум).\n",
                     level="municipal")
        assert (_body(doc, "Президиум"), "PART_OF", _body(doc, "Совет")) in _relations(doc), verb


def test_whose_work_a_body_supervises_object_first_is_a_coordinates() -> None:
    # made-up: «Деятельность (работу) X курирует Y», like «… координирует Y», is Y COORDINATES X
    for said in ("Деятельность РМО курирует РМК", "Работу РМО курирует РМК",
                 "Деятельность РМО курирует районный методический кабинет"):
        doc = _parse("1. Районный методический кабинет (далее – РМК) и районные методические "
                     "объединения (далее – РМО) созданы.\n"
                     f"2. {said}.\n", level="municipal")
        assert (_body(doc, "РМК"), "COORDINATES", _body(doc, "РМО")) in _relations(doc), said


def test_a_coordinating_verb_first_then_whose_work_then_the_doer() -> None:
    # made-up: «Курирует (координирует) деятельность X Y», the doer after the object, is Y's duty
    # and Y COORDINATES X; «Руководит работой X Y» is Y GUIDES X (a relation only, as «Руководство
    # X осуществляет Y» is); in either order
    for said, kind in (("Курирует деятельность РМО Районный методический кабинет", "COORDINATES"),
                       ("Координирует работу РМО РМК", "COORDINATES"),
                       ("Курирует работу РМО РМК", "COORDINATES"),
                       ("Руководит деятельностью РМО РМК", "GUIDES"),
                       ("Деятельностью РМО руководит РМК", "GUIDES"),
                       ("РМК курирует деятельность РМО", "COORDINATES")):
        doc = _parse("1. Районный методический кабинет (далее – РМК) и районные методические "
                     "объединения (далее – РМО) созданы.\n"
                     f"2. {said}.\n", level="municipal")
        rmk, rmo = _body(doc, "РМК"), _body(doc, "РМО")
        assert (rmk, kind, rmo) in _relations(doc), said
        assert (rmo, kind, rmk) not in _relations(doc), said
        assert kind == "GUIDES" or any(c == "2" and b == rmk for c, b, _ in _duties(doc)), (
            said, _duties(doc))
        assert not any(c == "2" and b == rmo for c, b, _ in _duties(doc)), (said, _duties(doc))


def test_a_list_owner_coordinating_verb_first_stays_the_doer() -> None:
    # made-up: an item «координирует деятельность РМО и ШМО» of the kabinet's list is its own
    doc = _parse("1. Районный методический кабинет (далее – РМК), районные методические "
                 "объединения (далее – РМО) и школьные методические объединения (далее – ШМО) "
                 "созданы.\n2. РМК:\n- координирует деятельность РМО и ШМО;\n- ведёт учёт.\n",
                 level="municipal")
    rmk, rmo, shmo = _body(doc, "РМК"), _body(doc, "РМО"), _body(doc, "ШМО")
    assert {(rmk, "COORDINATES", rmo), (rmk, "COORDINATES", shmo)} <= _relations(doc)
    assert (shmo, "COORDINATES", rmo) not in _relations(doc)


def test_a_relative_clause_that_also_supervises_is_a_coordinates() -> None:
    # made-up: «…Центр, который также курирует (координирует) работу ГМО» is Центр COORDINATES ГМО
    for verb in ("курирует", "координирует"):
        doc = _parse("1. Городские методические объединения (далее – ГМО) созданы.\n"
                     "2. Сопровождение Клуба осуществляет городской методический центр "
                     f"(далее – Центр), который также {verb} работу ГМО.\n", level="municipal")
        assert (_body(doc, "Центр"), "COORDINATES", _body(doc, "ГМО")) in _relations(doc), verb


def test_a_kind_of_function_labelled_inline_is_not_part_of_its_duties() -> None:
    # made-up: «Аналитическая функция: …; …», «Функция сопровождения ШНОР: …», «Экспертное
    # направление: …» inline in a clause: its duties are what follows the colon, a label naming
    # schools with low results makes them low-results duties
    doc = _parse("1. Ресурсный центр Тестовой области (далее – Центр) создан.\n"
                 "2. Функции Центра\n"
                 "2.1. Аналитическая функция: мониторинг результатов оценочных процедур; "
                 "подготовка аналитических справок.\n"
                 "2.2. Функция сопровождения школ с низкими образовательными результатами: "
                 "закрепление наставников за школами.\n"
                 "2.3. Экспертное направление: экспертиза программ развития.\n")
    centre = _body(doc, "Центр")
    duties = {(c, t) for c, b, t in _duties(doc) if b == centre}
    assert {("2.1", "мониторинг результатов оценочных процедур"),
            ("2.1", "подготовка аналитических справок"),
            ("2.2", "закрепление наставников за школами"),
            ("2.3", "экспертиза программ развития")} <= duties, duties
    assert not any(":" in t for _, t in duties), duties
    assert ("2.2", centre, "закрепление наставников за школами") in _low(doc)
    assert ("2.1", centre, "подготовка аналитических справок") not in _low(doc)


def test_a_class_defined_as_schools_with_low_results_makes_its_duties_low_results() -> None:
    # made-up: whatever the definition's wording, the schools it defines are schools with low
    # results, and a duty that names them (by name or short name) is about them
    for definition in (
            "Школы-партнёры (далее – ШП) – общеобразовательные организации, показавшие низкие "
            "результаты ВПР",
            "Под школами-партнёрами (ШП) понимаются школы с низкими образовательными "
            "результатами",
            "Школы-партнёры – это образовательные организации, имеющие низкие результаты ЕГЭ"):
        doc = _parse("1. Ресурсный центр Тестового города (далее – Центр) создан.\n"
                     f"1.1. {definition}.\n"
                     "2. Центр в отношении школ-партнёров:\n- проводит диагностику учителей;\n"
                     "- организует взаимопосещение уроков.\n"
                     "3. Центр также организует олимпиаду для обучающихся.\n", level="municipal")
        centre = _body(doc, "Центр")
        low = {(c, t) for c, b, t in _low(doc) if b == centre}
        assert {("2", "проводит диагностику учителей"),
                ("2", "организует взаимопосещение уроков")} <= low, (definition, low)
        assert not any(c == "3" for c, _ in low), (definition, low)


def test_a_network_with_a_name_of_its_own_is_a_body() -> None:
    # made-up: «Городская сеть «…» (далее – Сеть)» is a community that does things; a network
    # without a proper name («сеть Интернет», «сеть методистов») is not a body
    for name in ("Городская сеть «Математический маршрут»", "Муниципальная сеть «Точка опоры»"):
        doc = _parse(f"1.1. {name} (далее – Сеть) объединяет школы города.\n"
                     "1.2. Сеть проводит семинары для учителей.\n"
                     "1.3. Материалы размещаются в сети «Интернет».\n"
                     "1.4. Региональная сеть методистов помогает учителям.\n", level="municipal")
        network = _body(doc, "Сеть")
        assert _orgs(doc)[network]["kind"] == "community"
        assert ("1.2", network, "проводит семинары для учителей") in _duties(doc)
        assert len(_orgs(doc)) == 1, _orgs(doc)


def test_attached_schools_defined_as_low_results_are_a_class_that_acts() -> None:
    # made-up: «Прикреплённые школы (далее – ПШ) – …низкие результаты…» are schools by the part
    # they play; what they do is about schools with low results
    doc = _parse("1.1. Ресурсный центр Тестового города (далее – Центр) создан.\n"
                 "1.2. Прикреплённые школы (далее – ПШ) – общеобразовательные организации, "
                 "имеющие низкие результаты ВПР по математике.\n"
                 "2.1. ПШ:\n- направляют учителей на семинары Центра;\n"
                 "- разрабатывают планы повышения результатов.\n", level="municipal")
    attached = _body(doc, "ПШ")
    assert _orgs(doc)[attached]["kind"] == "school"
    assert {("2.1", attached, "направляют учителей на семинары Центра"),
            ("2.1", attached, "разрабатывают планы повышения результатов")} <= _low(doc)


def test_a_list_of_what_a_bodys_work_holds_is_its_duties() -> None:
    # made-up: a list head naming the content of a body's work («Содержание работы X включает:»,
    # «В содержание деятельности X входит:», «Содержание деятельности X:») has no duty word,
    # and its nominal items are still the body's duties, not bodies that make it up
    for head in ("Содержание работы Клуба включает:", "В содержание деятельности Клуба входит:",
                 "Содержание деятельности Клуба:", "Основное содержание работы Клуба составляют:"):
        doc = _parse("1.1. Клуб молодых учителей Тестового района (далее – Клуб) создан.\n"
                     f"2.1. {head}\n- разбор трудных уроков;\n- взаимное посещение занятий.\n"
                     "3.1. В состав Клуба входят:\n- учителя школ района.\n", level="municipal")
        club = _body(doc, "Клуб")
        assert {("2.1", club, "разбор трудных уроков"),
                ("2.1", club, "взаимное посещение занятий")} <= set(_duties(doc)), (head, _duties(
                    doc))
        assert not any(c == "3.1" for c, _, _ in _duties(doc)), head


def test_a_body_inside_a_quoted_label_does_not_take_the_lists_duties() -> None:
    # made-up: «По направлению «Поддержка ШНР» Центр:» — the class of schools the direction
    # names is part of the label; the items are the centre's, about schools with low results
    for head in ("По направлению «Поддержка ШНР» Центр:", "В рамках проекта «Помощь ШНР» Центр:",
                 "По линии «Сопровождение ШНР» Центр:"):
        doc = _parse("1.1. Ресурсный центр Тестового города (далее – Центр) создан.\n"
                     "1.2. Школы с низкими результатами обучения (далее – ШНР) участвуют.\n"
                     f"2.1. {head}\n- закрепляет за каждой ШНР куратора;\n"
                     "- проводит анализ программ ШНР.\n", level="municipal")
        centre = _body(doc, "Центр")
        wanted = {("2.1", centre, "закрепляет за каждой ШНР куратора"),
                  ("2.1", centre, "проводит анализ программ ШНР")}
        assert wanted <= set(_duties(doc)), (head, _duties(doc))
        assert wanted <= _low(doc), (head, _low(doc))


def test_a_legal_form_and_a_number_stand_for_the_numbered_name() -> None:
    # made-up: «(далее – МБОУ СШ № 5)», «(далее – МБДОУ № 12)» after a name carrying the same
    # number (its nested quotes closed once or twice) are that body's short names
    for name, short in (("муниципального бюджетного общеобразовательного учреждения «Средняя "
                         "школа № 5 «Эврика»", "МБОУ СШ № 5"),
                        ("муниципального бюджетного дошкольного образовательного учреждения "
                         "«Детский сад № 12 «Ромашка»»", "МБДОУ № 12"),
                        ("муниципального автономного общеобразовательного учреждения «Лицей "
                         "№ 7»", "МАОУ Лицей № 7")):
        doc = _parse("1.1. Ресурсный центр Тестового города (далее – Центр) создан.\n"
                     f"1.2. Центр функционирует на базе {name} (далее – {short}).\n"
                     f"1.3. {short} подведомственно управлению образования Тестового города "
                     "(далее – УО).\n"
                     f"2.1. {short} обязуется:\n- предоставлять помещения для занятий Центра;\n"
                     "- назначить ответственного за работу Центра.\n", level="municipal")
        school = _body(doc, short)
        assert {("2.1", school, "предоставлять помещения для занятий Центра"),
                ("2.1", school, "назначить ответственного за работу Центра")} <= set(
                    _duties(doc)), (short, _duties(doc))
        assert (school, "SUBORDINATE_TO", _body(doc, "УО")) in _relations(doc), short


def test_a_unit_named_by_two_kinds_of_its_work_is_one_body_with_its_own_clause() -> None:
    # made-up: «отдел методической и информационной работы» is one name; its short name alone
    # over a list («4.2. Отдел:») opens its own clause of duties
    for unit, short in (("отделом методической и информационной работы Учреждения", "Отдел"),
                        ("сектором научной и экспериментальной деятельности Учреждения",
                         "Сектор")):
        doc = _parse("1.1. Методическое объединение учителей Тестовой школы (далее – МО) "
                     "создано.\n"
                     f"4.1. МО работает во взаимодействии с {unit} (далее – {short}).\n"
                     f"4.2. {short}:\n— обеспечивает участие педагогов МО в курсах;\n"
                     "— формирует банк разработок.\n", level="municipal")
        body = _body(doc, short)
        assert {("4.2", body, "обеспечивает участие педагогов МО в курсах"),
                ("4.2", body, "формирует банк разработок")} <= set(_duties(doc)), _duties(doc)
        assert (_body(doc, "МО"), "INTERACTS_WITH", body) in _relations(doc)
        if short == "Отдел":  # a methodological unit of the institution is the school's own
            assert _orgs(doc)[body]["kind"] == "school_methodological_service"
            assert _orgs(doc)[body]["level"] == "institutional"


def test_two_predicates_then_their_doer_at_the_sentences_end() -> None:
    # made-up: «Осуществляет … и утверждает … Комитет.» — both predicates are the doer's at the
    # end, not the body they are about
    for sentence, first, second in (
            ("Осуществляет контроль за деятельностью ММЦ и утверждает план его работы Комитет.",
             "Осуществляет контроль за деятельностью ММЦ", "утверждает план его работы"),
            ("Согласует программу ММЦ и утверждает отчёт о его работе Комитет.",
             "Согласует программу ММЦ", "утверждает отчёт о его работе")):
        doc = _parse("1.1. Межшкольный методический центр Тестового округа (далее – ММЦ) "
                     "создан.\n1.2. Комитет по образованию Тестового района (далее – Комитет) "
                     f"учредил ММЦ.\n3.1. {sentence}\n", level="municipal")
        committee = _body(doc, "Комитет")
        got = [(c, b, t) for c, b, t in _duties(doc) if c == "3.1"]
        assert got == [("3.1", committee, first), ("3.1", committee, second)], got


def test_a_relative_clause_naming_another_body_between_subject_and_verb() -> None:
    # made-up: «Совет, председателем которого является председатель Комитета, рассматривает …»
    # — the body in the relative clause says who the subject is; the duty is the subject's
    for between in ("председателем которого является председатель Комитета",
                    "в состав которого входит представитель Комитета",
                    "заседания которого проводятся в здании Комитета"):
        doc = _parse("1.1. Комитет по образованию Тестового района (далее – Комитет) создан.\n"
                     f"4.4. Районный методический совет, {between}, рассматривает вопросы "
                     "стратегии методической работы района.\n", level="municipal")
        council = _body(doc, "Районный методический совет")
        assert ("4.4", council, "рассматривает вопросы стратегии методической работы района") \
            in _duties(doc), (between, _duties(doc))
        assert not [d for d in _duties(doc) if d[1] == _body(doc, "Комитет")], _duties(doc)


def test_schools_with_a_role_in_apposition_and_a_hyphenated_short_name_are_a_class() -> None:
    # made-up: «… организациям – партнёрам (далее – ДС-партнёры)»: schools and the part they
    # play, which the short name repeats after its hyphen, are a class of schools that acts
    for schools, short in (("дошкольным образовательным организациям – партнёрам", "ДС-партнёры"),
                           ("общеобразовательным организациям – участникам", "ОО-участники"),
                           ("общеобразовательным организациям – партнёрам", "ОУ-партнёры")):
        doc = _parse("1.1. Ресурсный центр Тестового города (далее – Центр) создан.\n"
                     f"1.2. Центр оказывает методическую помощь {schools} (далее – {short}).\n"
                     f"2.1. {short}:\n- направляют педагогов на стажировки в Центр;\n"
                     "- представляют в Центр заявки на помощь.\n", level="municipal")
        partners = _body(doc, short)
        assert _orgs(doc)[partners]["kind"] == "school"
        assert {("2.1", partners, "направляют педагогов на стажировки в Центр"),
                ("2.1", partners, "представляют в Центр заявки на помощь")} <= set(
                    _duties(doc)), (short, _duties(doc))


def test_a_class_of_bodies_named_without_the_body_it_belongs_to_acts() -> None:
    # made-up: «окружные управления департамента (далее – ОУ)», then «Окружные управления
    # направляют …»: the class without whose it is, as the doer of its own clauses and lists
    for cls, short, bare in (("территориальные управления министерства", "ТУ",
                              "Территориальные управления"),
                             ("окружные управления департамента", "ОкУ", "Окружные управления"),
                             ("районные управления образования", "РУО", "Районные управления")):
        doc = _parse("1.1. Положение определяет порядок работы сети методической поддержки "
                     "Тестовой области.\n1.2. Участниками сети являются: министерство "
                     f"образования Тестовой области (далее – министерство); {cls} (далее – "
                     f"{short}); институт развития образования Тестовой области (далее – ИРО).\n"
                     f"3.4. {bare} направляют педагогов на курсы ИРО.\n"
                     f"4.4. {bare} на основании результатов диагностики:\n"
                     "а) формируют заявки на обучение педагогов;\n"
                     "б) сопровождают педагогов школ с низкими образовательными результатами.\n")
        cls_id = _body(doc, short)
        got = set(_duties(doc))
        assert {("3.4", cls_id, "направляют педагогов на курсы ИРО"),
                ("4.4", cls_id, "формируют заявки на обучение педагогов"),
                ("4.4", cls_id, "сопровождают педагогов школ с низкими образовательными "
                                "результатами")} <= got, (cls, got)
    # management has no plural: «системы управления» stays no body
    doc = _parse("1.1. Институт развития образования Тестовой области (далее – ИРО) "
                 "совершенствует системы управления школами.\n")
    assert set(_orgs(doc)) == {_body(doc, "ИРО")}


def test_a_body_done_to_by_a_body_named_after_its_passive_verb() -> None:
    # made-up: «Методический актив формируется Институтом …»: the agent in the instrumental
    # does it; a body it reports to or one being introduced («(далее – …)») does not
    for sentence, doer, what in (
            ("Методический актив формируется ИРО из числа педагогов.", "ИРО",
             "Методический актив формируется"),
            ("Методический актив ежегодно обновляется Институтом по итогам отбора.", "ИРО",
             "Методический актив ежегодно обновляется"),
            ("Методический актив утверждается Министерством.", "министерство",
             "Методический актив утверждается")):
        doc = _parse("1.1. Министерство образования Тестовой области (далее – министерство) и "
                     "институт развития образования Тестовой области (далее – ИРО, Институт) "
                     "создают методический актив Тестовой области (далее – Методический актив)."
                     f"\n4.8. {sentence}\n")
        assert ("4.8", _body(doc, doer), what) in _duties(doc), (sentence, _duties(doc))
    for sentence in ("Методический актив подчиняется Институту.",
                     "Методический актив формируется управлением образования Тестового района "
                     "(далее – Управление).",
                     "Методический актив руководствуется решениями Министерства."):
        doc = _parse("1.1. Министерство образования Тестовой области (далее – министерство) и "
                     "институт развития образования Тестовой области (далее – ИРО, Институт) "
                     "создают методический актив Тестовой области (далее – Методический актив)."
                     f"\n4.8. {sentence}\n")
        assert not [d for d in _duties(doc) if d[0] == "4.8"], (sentence, _duties(doc))


def test_done_together_with_one_body_then_what_is_chosen() -> None:
    # made-up: «определяют совместно с РЦ школы, нуждающиеся …»: the schools are what they
    # choose, never a partner in it; «совместно с РЦ и ИРО» names two partners
    doc = _parse("1.1. Ресурсный центр Тестового округа (далее – РЦ), институт развития "
                 "образования Тестовой области (далее – ИРО) и отдел образования Тестового "
                 "округа (далее – Отдел) работают в сети.\n"
                 "2.1. Отдел:\n"
                 "а) определяет совместно с РЦ образовательные организации, нуждающиеся в "
                 "поддержке;\n"
                 "б) проводит совместно с РЦ, ИРО семинары для педагогов.\n", level="municipal")
    rc, iro, dept = _body(doc, "РЦ"), _body(doc, "ИРО"), _body(doc, "Отдел")
    chosen = "определяет совместно с РЦ образовательные организации, нуждающиеся в поддержке"
    held = "проводит совместно с РЦ, ИРО семинары для педагогов"
    got = [d for d in _duties(doc) if d[0] == "2.1"]
    assert sorted(got) == sorted([("2.1", dept, chosen), ("2.1", rc, chosen),
                                  ("2.1", dept, held), ("2.1", rc, held), ("2.1", iro, held)]), got


def test_a_councils_abbreviation_of_its_own_and_its_owners_acronyms() -> None:
    # made-up: «методический совет … учреждения «… институт …» (далее – МС ИРО)»: «ИРО» alone
    # is the institute the council belongs to, which acts in its own clauses
    for inner, short, owner in (("методический совет", "МС", "ТИРО"),
                                ("научно-методическим советом", "НМС", "ТИПКиПРО"),
                                ("учёный совет", "УС", "ТИРОиПК")):
        doc = _parse("1.1. Региональный совет по методической работе Тестовой области (далее – "
                     "Совет) создан при Министерстве образования Тестовой области (далее – "
                     "Министерство).\n"
                     f"1.2. Совет не подменяет {inner} государственного автономного учреждения "
                     "дополнительного профессионального образования «Тестовый институт "
                     f"развития образования» (далее – {short} {owner}).\n"
                     f"1.4. Организационное обеспечение деятельности Совета осуществляет {owner}.\n"
                     f"3.2. {owner} по решению Совета:\n· готовит материалы к заседаниям;\n"
                     "· организует обсуждение проектов рекомендаций.\n")
        institute = _body(doc, owner)
        assert _orgs(doc)[institute]["kind"] == "development_institute", _orgs(doc)
        assert institute != _body(doc, f"{short} {owner}")
        assert {("3.2", institute, "готовит материалы к заседаниям"),
                ("3.2", institute, "организует обсуждение проектов рекомендаций"),
                ("1.4", institute, "Организационное обеспечение деятельности Совета "
                                   "осуществляет")} <= set(_duties(doc)), (owner, _duties(doc))


def test_what_a_body_does_after_a_relative_clause_says_what_it_is() -> None:
    # made-up: «…, который действует в структуре Института и рассматривает …»: «действует» says
    # what it is, «рассматривает» what it does
    for what_it_is in ("действует в структуре Института", "входит в структуру Института",
                       "работает при Институте"):
        doc = _parse("1.1. Институт развития образования Тестовой области (далее – Институт) "
                     "создаёт Совет.\n1.2. Совет не смешивают с учебно-методическим советом "
                     f"Института (далее – УМС), который {what_it_is} и рассматривает вопросы "
                     "его внутренней деятельности.\n")
        assert ("1.2", _body(doc, "УМС"), "рассматривает вопросы его внутренней деятельности") \
            in _duties(doc), (what_it_is, _duties(doc))
        assert not [d for d in _duties(doc) if d[2].startswith(what_it_is.split()[0])]


def test_a_passive_naming_where_to_before_its_doer() -> None:
    # made-up: «Рекомендации направляются в муниципальные органы Министерством»: where to is
    # no doer; the body in the instrumental after it is
    for sentence, what in (
            ("Рекомендации Совета направляются в муниципальные органы управления образованием "
             "Министерством в течение десяти дней.", "Рекомендации Совета направляются"),
            ("Протоколы Совета передаются в ИРО Министерством ежеквартально.",
             "Протоколы Совета передаются"),
            ("Решения Совета размещаются на сайте ИРО Министерством.",
             "Решения Совета размещаются")):
        doc = _parse("1.1. Совет по методической работе Тестовой области (далее – Совет) создан "
                     "при Министерстве образования Тестовой области (далее – Министерство); "
                     "институт развития образования Тестовой области (далее – ИРО) помогает "
                     f"Совету.\n6.3. {sentence}\n")
        got = [d for d in _duties(doc) if d[0] == "6.3"]
        assert got == [("6.3", _body(doc, "Министерство"), what)], (sentence, got)


def test_a_ministry_of_a_field_of_two_adjectives_and_its_clipped_short_name() -> None:
    # made-up: «министерства общего и профессионального образования Тестовой области (далее –
    # минобразование Тестовой области)», then «утверждается приказом минобразования Тестовой
    # области»: one ministry, whose order approves — its duty (the corpus README)
    for full, short, said in (
            ("министерства общего и профессионального образования", "минобразование",
             "минобразования"),
            ("министерства общего и профессионального образования", "минобразование",
             "минобразованием"),
            ("департамента общего и дополнительного образования", "депобразование",
             "депобразования")):
        doc = _parse("1.1. Отдел сопровождения школ (далее – Отдел) работает в Институте.\n"
                     f"1.3. Отдел руководствуется приказами {full} Тестовой области (далее – "
                     f"{short} Тестовой области).\n"
                     "2.1. Отдел сопровождает общеобразовательные организации с низкими "
                     "образовательными результатами (далее – ОО с НОР).\n"
                     "6.4. Перечень ОО с НОР утверждается "
                     f"{'приказом ' if said.endswith('я') else ''}{said} Тестовой области "
                     "ежегодно.\n")
        ministry = _body(doc, f"{short} Тестовой области")
        assert _orgs(doc)[ministry]["kind"] == "education_authority"
        assert ("6.4", ministry, "Перечень ОО с НОР утверждается") in _duties(doc), (
            said, _duties(doc))


def test_the_tasks_of_a_system_that_is_no_body_are_no_bodys() -> None:
    # made-up: «Задачи региональной системы: …» in a regulation the ministry approves: the
    # system's tasks, never the ministry's (nor any body's); a body's own list still counts
    for head, items in (("Задачи региональной системы:", "выявление дефицитов; построение "
                                                          "маршрутов"),
                        ("Основные задачи муниципальной программы:", "поддержка молодых "
                                                                     "педагогов; обмен опытом"),
                        ("Задачи сети методической поддержки:", "выявление дефицитов; "
                                                                "адресная поддержка школ")):
        doc = _parse("Приложение к приказу министерства образования Тестовой области\n"
                     "1.1. Положение определяет порядок работы региональной системы "
                     "методической поддержки. Участник системы – министерство образования "
                     "Тестовой области (далее – министерство).\n"
                     f"2.2. {head} {items}.\n"
                     f"2.3. {head}\n- {items.split('; ')[0]};\n- {items.split('; ')[1]}.\n"
                     "3.1. Министерство утверждает план работы системы.\n")
        ministry = _body(doc, "министерство")
        assert _duties(doc) == [("3.1", ministry, "утверждает план работы системы")], (
            head, _duties(doc))


def test_verbs_before_their_doer_an_acronym_or_a_name_in_lower_case() -> None:
    # made-up: under «Функции ММК» a clause «Координирует работу ШМО и утверждает их планы ММК.»
    # is ММК's, without its name; «Осуществляет контроль деятельности ММК отдел образования.»
    # is the department's (a name of two words in lower case after the object)
    for sentence, doer, what in (
            ("Координирует работу ШМО и утверждает их планы ММК.", "ММК",
             ["Координирует работу ШМО", "утверждает их планы"]),
            ("Согласует планы ШМО и обобщает их опыт ММК.", "ММК",
             ["Согласует планы ШМО", "обобщает их опыт"]),
            ("Осуществляет контроль деятельности ММК отдел образования.", "Отдел образования",
             ["Осуществляет контроль деятельности ММК"]),
            ("Утверждает план работы ММК отдел образования.", "Отдел образования",
             ["Утверждает план работы ММК"])):
        doc = _parse("1.1. Межшкольный методический кабинет Тестового района (далее – ММК) "
                     "работает при отделе образования Тестового района (далее – Отдел "
                     "образования). Школьные методические объединения (далее – ШМО) работают "
                     "с ММК.\n2. Функции ММК\n"
                     f"2.2. {sentence}\n", level="municipal")
        got = [(b, t) for c, b, t in _duties(doc) if c == "2.2"]
        assert got == [(_body(doc, doer), w) for w in what], (sentence, got)


def test_a_relative_clause_about_a_bodys_regulation_naming_its_doer() -> None:
    # made-up: «…, положение о котором утверждается Центром»: the doer after the passive is the
    # one who approves it
    for relative, what in (("положение о котором утверждается Центром",
                            "положение о котором утверждается"),
                           ("план работы которого утверждается Центром",
                            "план работы которого утверждается"),
                           ("состав которой определяется Центром",
                            "состав которой определяется")):
        doc = _parse("1.1. Районный методический центр (далее – Центр) создан.\n"
                     f"1.5. При Центре действует районный методический совет (далее – РМС), "
                     f"{relative}.\n", level="municipal")
        assert ("1.5", _body(doc, "Центр"), what) in _duties(doc), (relative, _duties(doc))


def test_a_class_of_bodies_in_the_dative_after_a_word_that_is_no_part_of_its_name() -> None:
    # made-up: «РЦ подведомственны соответствующим территориальным управлениям»: «соответствующим»
    # says which, the class is the «территориальные управления министерства (далее – ТУ)»
    for said in ("соответствующим территориальным управлениям", "территориальным управлениям",
                 "соответствующим окружным управлениям"):
        cls, short = ("окружные", "ОкУ") if "окружным" in said else ("территориальные", "ТУ")
        doc = _parse(f"1.1. Участники: {cls} управления министерства (далее – {short}); "
                     "ресурсные центры управлений (далее – РЦ).\n"
                     f"1.5. РЦ подведомственны {said}.\n")
        assert (_body(doc, "РЦ"), "SUBORDINATE_TO", _body(doc, short)) in _relations(doc), (
            said, _relations(doc))


def test_a_relation_stated_in_a_relative_clause_is_the_body_before_its() -> None:
    # made-up: «Совет работает с Центром, который входит в структуру Института»: the Centre is
    # part of the Institute, not the Council
    for clause, rel, target in (("который входит в структуру Института", "PART_OF", "Институт"),
                                ("который создан при Управлении", "ATTACHED_TO", "Управление"),
                                ("которая подведомственна Управлению", "SUBORDINATE_TO",
                                 "Управление")):
        body = "Службой" if clause.startswith("которая") else "Центром"
        doc = _parse("1.1. Районный методический центр (далее – Центр), районная методическая "
                     "служба (далее – Служба), институт развития образования Тестовой области "
                     "(далее – Институт), управление образования Тестового района (далее – "
                     "Управление) и совет по методической работе (далее – Совет) работают "
                     f"вместе.\n3.1. Совет работает с {body}, {clause}.\n", level="municipal")
        who = _body(doc, "Служба" if body == "Службой" else "Центр")
        got = _relations(doc)
        assert (who, rel, _body(doc, target)) in got, (clause, got)
        assert not [r for r in got if r[0] == _body(doc, "Совет") and r[1] == rel], got


def test_units_listed_after_a_colon_are_parts_and_partners() -> None:
    # made-up: «Отдел взаимодействует со структурными подразделениями Института: кафедрой … –
    # по …; лабораторией … (далее – Лаборатория) – по …»: each unit is PART_OF the Institute
    # and the department's partner
    for units in ("со структурными подразделениями", "с подразделениями",
                  "со следующими структурными подразделениями"):
        doc = _parse("1.1. Отдел сопровождения школ (далее – Отдел) – подразделение института "
                     "развития образования Тестовой области (далее – Институт).\n"
                     f"6.1. Отдел взаимодействует {units} Института: кафедрой педагогики "
                     "(далее – Кафедра) – по вопросам программ; региональным центром оценки "
                     "(далее – РЦО) – по вопросам диагностики.\n")
        dept, inst = _body(doc, "Отдел"), _body(doc, "Институт")
        chair, rco = _body(doc, "Кафедра"), _body(doc, "РЦО")
        got = _relations(doc)
        assert {(chair, "PART_OF", inst), (rco, "PART_OF", inst),
                (dept, "INTERACTS_WITH", chair), (dept, "INTERACTS_WITH", rco)} <= got, (
            units, got)


def test_a_municipal_body_whose_proper_name_names_a_school_stays_municipal() -> None:
    # made-up: «Муниципальная сеть … «Школа – школе»», «Районный клуб «Школа молодого
    # педагога»»: the adjective before the head says the level, not the school in its proper name
    for name, short in (("Муниципальная сеть горизонтального обучения «Школа – школе»", "Сеть"),
                        ("Муниципальный методический совет «Школа успеха»", "Совет"),
                        ("Региональная сеть «Школа – школе»", "Сеть")):
        doc = _parse(f"1.1. {name} (далее – {short}) объединяет школы района.\n"
                     f"2.1. {short} проводит семинары для педагогов.\n", level="municipal")
        want = "regional" if name.startswith("Региональн") else "municipal"
        assert _orgs(doc)[_body(doc, short)]["level"] == want, (name, _orgs(doc))
    # a school's own council named by the school stays the school's
    doc = _parse("1.1. Методический совет МБОУ «Школа № 5» (далее – Совет) создан.\n"
                 "2.1. Совет проводит семинары для педагогов.\n", level="municipal")
    assert _orgs(doc)[_body(doc, "Совет")]["level"] == "institutional"


def test_clause_numbers_and_item_markers_on_lines_of_their_own() -> None:
    # Text copied from a PDF: every number and every marker alone on its line, sometimes
    # with an empty line after it; a page's bare number stays out of the clauses.
    t = split_clauses("1.\nОбщие положения\n1.1.\n\nСовет создан при Управлении.\n2\n"
                      "2.\nФункции\n2.1.\nСовет:\n–\nпроводит семинары;\n•\nготовит отчёт.\n"
                      "III.\nПрава\n3.1)\nТекст.")
    assert [c.number for c in t.clauses][:5] == ["1", "1.1", "2", "2.1", "3"]
    assert t.clauses[1].head == "Совет создан при Управлении."
    doc = _parse("1.\nОбщие положения\n1.1.\nМетодический совет (далее – Совет) создан.\n"
                 "2.\nФункции Совета\n2.1.\nСовет:\n-\nпроводит семинары для учителей;\n"
                 "—\nготовит ежегодный отчёт.\n")
    council = _body(doc, "Методический совет")
    assert [(c, b, d) for c, b, d in _duties(doc)] == [
        ("2.1", council, "готовит ежегодный отчёт"),
        ("2.1", council, "проводит семинары для учителей")]


def test_a_list_head_naming_low_results_schools_then_its_doer() -> None:
    # made-up: the schools a head names before its doer (by a short name, by a participle, by a
    # period they are in) are the object of the items; the doer after them does the items, and
    # every item is about schools with low results, whatever else follows the doer
    heads = ("В отношении ШНР-ОГЭ Городской методический центр:",
             "В отношении ОО с НРХ Городской методический центр:",
             "В отношении школ, показывающих низкие результаты ВПР по физике, Городской "
             "методический центр дополнительно:",
             "В отношении ОО с НРХ Городской методический центр также:",
             "На время включения Школы № 3 в перечень школ с низкими результатами Городской "
             "методический центр дополнительно:")
    for head in heads:
        doc = _parse("1.1. Городской методический центр создан при Комитете.\n"
                     "1.2. Центр поддерживает школы, имеющие низкие результаты ЕГЭ по химии "
                     "(далее – ОО с НРХ), и школы с низкими результатами ОГЭ (далее – ШНР-ОГЭ).\n"
                     f"2.1. {head}\n- проводит консультации учителей;\n"
                     "- организует посещение уроков.\n"
                     "2.2. Центр проводит олимпиаду для обучающихся.\n", level="municipal")
        centre = _body(doc, "Городской методический центр")
        assert {("2.1", centre, "проводит консультации учителей"),
                ("2.1", centre, "организует посещение уроков")} <= _low(doc), (head, _duties(doc))
        assert not any(c == "2.2" for c, _, _ in _low(doc)), head


def test_a_function_of_supporting_low_results_schools_is_the_sections_bodys() -> None:
    # made-up: «Функция сопровождения школ … (далее – ОО с НР):» over numbered sub-clauses
    # names what the section's body does for the schools; the schools do none of it
    for head in ("Функция сопровождения школ, имеющих низкие результаты ОГЭ (далее – ОО с НР):",
                 "Направление поддержки школ с низкими результатами ВПР (далее – ШНР):",
                 "Функция поддержки общеобразовательных организаций с низкими "
                 "образовательными результатами:"):
        doc = _parse("1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                     "3. Функции Центра\n"
                     "3.1. Аналитическая функция:\n3.1.1. Проводит анализ результатов ВПР.\n"
                     f"3.2. {head}\n3.2.1. Разрабатывает программы повышения результатов.\n"
                     "3.2.2. Организует консультации для заместителей директоров.\n",
                     level="municipal")
        centre = _body(doc, "Центр")
        low = _low(doc)
        assert {("3.2.1", centre, "Разрабатывает программы повышения результатов"),
                ("3.2.2", centre, "Организует консультации для заместителей директоров")} <= \
            low, (head, _duties(doc))
        assert all(b == centre for _, b, _ in _duties(doc)), (head, _duties(doc))


def test_a_name_defined_for_low_results_schools_is_a_low_results_name_after() -> None:
    # made-up: whatever the definition's wording, the name it gives schools with low results
    # marks every later duty that names it, and the schools acting by it are that class
    for definition, name in (
            ("Для целей Положения школами сопровождения признаются общеобразовательные "
             "организации, показавшие низкие результаты ВПР два года подряд (далее – школы "
             "сопровождения).", "Школы сопровождения"),
            ("Под школами группы риска понимаются общеобразовательные организации с низкими "
             "образовательными результатами.", "Школы группы риска"),
            ("Центр поддерживает школы, имеющие низкие результаты ЕГЭ по химии (далее – ОО с "
             "НРХ).", "ОО с НРХ")):
        doc = _parse("1.1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                     f"1.2. {definition}\n"
                     f"2.1. Центр консультирует учителей ({name.lower()}).\n"
                     f"2.2. {name}:\n— направляют учителей на стажировки;\n"
                     "— разрабатывают планы повышения результатов.\n"
                     "2.3. Центр проводит олимпиаду.\n", level="municipal")
        schools = _body(doc, name)
        assert _orgs(doc)[schools]["kind"] == "school", (definition, _orgs(doc))
        assert {("2.2", schools, "направляют учителей на стажировки"),
                ("2.2", schools, "разрабатывают планы повышения результатов")} <= _low(doc), \
            (definition, _duties(doc))
        assert not any(c == "2.3" for c, _, _ in _low(doc)), definition


def test_a_head_naming_only_whom_it_serves_leaves_the_items_to_the_sections_body() -> None:
    # made-up: «По отношению к школам сопровождения:» names no doer: the section's body does the
    # items, each about schools with low results; the schools do none of it
    doc = _parse("1.1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                 "1.2. Под школами сопровождения понимаются общеобразовательные организации с "
                 "низкими образовательными результатами.\n"
                 "2. Функции Центра\n2.1. Центр проводит семинары для учителей.\n"
                 "2.2. По отношению к школам сопровождения:\n— проводит выездные консультации;\n"
                 "— организует стажировки учителей.\n", level="municipal")
    centre = _body(doc, "Центр")
    assert {("2.2", centre, "проводит выездные консультации"),
            ("2.2", centre, "организует стажировки учителей")} <= _low(doc), _duties(doc)
    assert all(b == centre for _, b, _ in _duties(doc)), _duties(doc)


def test_a_body_named_for_low_results_schools_has_low_results_duties() -> None:
    # made-up: a group whose own name names schools with low results is a body (by the work its
    # name says it does), and all it does is about them
    for name, short in (("группа адресной поддержки школ с низкими результатами", "Группа"),
                        ("команда сопровождения школ с низкими образовательными результатами",
                         "Команда")):
        doc = _parse("1.1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                     f"1.2. При Центре создаётся {name} (далее – {short}).\n"
                     f"2.1. {short}:\n— готовит планы помощи;\n— посещает уроки.\n"
                     "2.2. Центр проводит олимпиаду.\n", level="municipal")
        group = _body(doc, short)
        assert group != _body(doc, "Центр")
        assert {("2.1", group, "готовит планы помощи"), ("2.1", group, "посещает уроки")} <= \
            _low(doc), (name, _duties(doc))
        assert not any(c == "2.2" for c, _, _ in _low(doc)), name


def test_what_is_not_low_results_stays_out() -> None:
    # made-up: schools with signs of biased marking are not schools with low results; schools
    # in difficult social conditions are counted with them (the corpus's convention)
    doc = _parse("1.1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                 "2.1. Мониторинг образовательных организаций с признаками необъективности "
                 "результатов проводит Центр.\n"
                 "2.2. Центр проверяет работы в школах с признаками необъективного оценивания.\n"
                 "2.3. Центр консультирует учителей школ, функционирующих в сложных социальных "
                 "условиях.\n", level="municipal")
    assert {c for c, _, _ in _duties(doc)} == {"2.1", "2.2", "2.3"}, _duties(doc)
    assert {c for c, _, _ in _low(doc)} == {"2.3"}, _low(doc)


def test_working_groups_named_in_the_plural_are_a_body() -> None:
    # made-up: «рабочие группы» («рабочие» read first as the noun "workers") are a class of
    # bodies, and what they do for schools with low results under their list head is theirs
    doc = _parse("1.1. Городской методический штаб (далее – Штаб) создаётся при Комитете.\n"
                 "1.2. Под школами риска понимаются общеобразовательные организации с низкими "
                 "результатами ОГЭ.\n"
                 "2.1. Штаб утверждает планы помощи школам риска.\n"
                 "2.2. В составе Штаба действуют предметные рабочие группы по физике и химии "
                 "(далее – рабочие группы).\n"
                 "2.3. Рабочие группы:\n1) проводят анализ контрольных работ;\n"
                 "2) готовят рекомендации для учителей школ риска.\n", level="municipal")
    groups = _body(doc, "рабочие группы")
    assert groups != _body(doc, "Штаб")
    assert ("2.3", groups, "проводят анализ контрольных работ") in _duties(doc), _duties(doc)
    assert ("2.3", groups, "готовят рекомендации для учителей школ риска") in _low(doc), \
        _duties(doc)


def test_more_list_heads_naming_low_results_schools_in_a_section_of_functions() -> None:
    # made-up: with or without a doer, a head that names schools with low results only as whom
    # the items serve («в части поддержки …», «Сопровождение …», «Применительно к …», «закреплённых
    # за ним …») leaves the items to the doer it names, else to the section's body
    for head in ("Применительно к ОО с НР Центр:",
                 "В отношении закреплённых за ним ОО с НР Центр:",
                 "В части поддержки ОО с НР:",
                 "Сопровождение ОО с НР:",
                 "Методическая поддержка школ с низкими результатами:"):
        doc = _parse("1.1. Городской методический центр (далее – Центр) создан при Комитете.\n"
                     "1.2. Центр помогает общеобразовательным организациям, показывающим низкие "
                     "результаты ВПР (далее – ОО с НР).\n"
                     "2. Функции Центра\n2.1. Центр проводит семинары.\n"
                     f"2.2. {head}\n— проводит выездные консультации;\n"
                     "— организует стажировки учителей.\n", level="municipal")
        centre = _body(doc, "Центр")
        assert {("2.2", centre, "проводит выездные консультации"),
                ("2.2", centre, "организует стажировки учителей")} <= _low(doc), \
            (head, _duties(doc))
        assert all(b == centre for _, b, _ in _duties(doc)), (head, _duties(doc))


def test_a_class_of_a_bodys_units_acting_in_the_plural_in_its_own_list() -> None:
    doc = _parse("1.1. Городской методический совет (далее – ГМС, Совет) – коллегиальный орган.\n"
                 "3.2. Предметные секции Совета (далее – секции) входят в структуру Совета и:\n"
                 "- изучают затруднения учителей;\n- готовят заключения на разработки.\n"
                 "3.3. В составе Совета действуют рабочие группы по физике (далее – рабочие "
                 "группы).\n"
                 "3.4. Рабочие группы:\n1) проводят разбор диагностических работ;\n"
                 "2) готовят памятки для учителей.\n", level="municipal")
    council, sections = _body(doc, "ГМС"), _body(doc, "секции")
    groups = _body(doc, "рабочие группы")
    # a council's subject sections are a community of teachers, not an УМО
    assert _orgs(doc)[sections]["kind"] == "community"
    assert _orgs(doc)[sections]["level"] == "municipal"
    assert (sections, "PART_OF", council) in _relations(doc)
    assert ("3.2", sections, "изучают затруднения учителей") in _duties(doc)
    assert ("3.4", groups, "проводят разбор диагностических работ") in _duties(doc)
    assert not [d for d in _duties(doc) if d[1] == council]
    # the members of a body named first are not its parts: «В состав Совета входят … и:»
    doc = _parse("1.1. Районный совет (далее – Совет) создан.\n"
                 "1.2. В состав Совета входят методисты и:\n- изучают опыт.\n", level="municipal")
    assert not [d for d in _duties(doc) if d[2] == "изучают опыт"]


def test_a_school_bodies_acronym_whose_first_letter_says_of_schools() -> None:
    doc = _parse("1.1. Районная методическая служба (далее – РМС) объединяет методические "
                 "кабинеты общеобразовательных организаций (далее – ШМК).\n"
                 "3.3. ШМК:\n1) планируют методическую работу школы;\n"
                 "2) направляют учителей на курсы.\n", level="municipal")
    cabinets = _body(doc, "ШМК")
    assert ("3.3", cabinets, "планируют методическую работу школы") in _duties(doc)
    assert not [d for d in _duties(doc) if d[1] == _body(doc, "РМС")]


def test_an_authority_named_management_of_the_system_of_education() -> None:
    doc = _parse("1.1. Методический центр (далее – Центр) подведомствен управлению системой "
                 "образования администрации Лесного городского округа (далее – УСО).\n"
                 "1.2. Отчёт о деятельности Центра рассматривается УСО.\n"
                 "1.3. Органы, осуществляющие управление системой образования, согласуют план.\n",
                 level="municipal")
    uso, centre = _body(doc, "УСО"), _body(doc, "Центр")
    assert _orgs(doc)[uso]["kind"] == "education_authority"
    assert (centre, "SUBORDINATE_TO", uso) in _relations(doc)
    assert ("1.2", uso, "Отчёт о деятельности Центра рассматривается") in _duties(doc)
    # the work «управление системой образования» is no body
    assert len(_orgs(doc)) == 2


def test_object_first_general_guidance_and_a_passive_by_an_act_with_when() -> None:
    doc = _parse("1.1. Клуб молодых учителей (далее – Клуб) создан. Городской методический "
                 "центр (далее – ГМЦ) и отдел образования администрации города (далее – Отдел) "
                 "действуют.\n"
                 "1.2. Общее руководство деятельностью Клуба осуществляет ГМЦ.\n"
                 "1.3. План работы Клуба утверждается ежегодно распоряжением Отдела.\n"
                 "1.4. Руководство Клубом осуществляет председатель.\n", level="municipal")
    club, gmc, otdel = _body(doc, "Клуб"), _body(doc, "ГМЦ"), _body(doc, "Отдел")
    assert (gmc, "GUIDES", club) in _relations(doc)
    assert ("1.2", gmc, "Общее руководство деятельностью Клуба осуществляет") in _duties(doc)
    assert ("1.3", otdel, "План работы Клуба утверждается") in _duties(doc)
    assert not [d for d in _duties(doc) if d[0] == "1.4"]  # a person's


def test_unmarked_direction_lines_with_a_short_name_given_in_passing() -> None:
    doc = _parse("1.1. Областной центр развития педагогов (далее – Центр) создан.\n"
                 "2.3. Основные направления деятельности Центра:\n"
                 "Проведение диагностики затруднений учителей.\n"
                 "Поддержка учителей сельских школ (далее – СШ) по итогам диагностики.\n"
                 "Организация стажировок учителей.\n"
                 "Формирование регионального резерва наставников.\n")
    centre = _body(doc, "Центр")
    texts = [d[2] for d in _duties(doc) if d[1] == centre]
    assert "Организация стажировок учителей" in texts
    assert "Формирование регионального резерва наставников" in texts
    assert any(t.startswith("Поддержка учителей сельских школ") for t in texts)


def test_people_named_short_and_schools_whose_people_are_members_are_not_bodies() -> None:
    doc = _parse("1.1. Городской клуб наставников (далее – Клуб) – форма работы с учителями "
                 "общеобразовательных организаций города, имеющими стаж до пяти лет (далее – "
                 "начинающие учителя).\n"
                 "1.2. В состав Клуба входят методисты, заместители директоров "
                 "общеобразовательных организаций и наставники.\n"
                 "1.3. Начинающие учителя посещают заседания Клуба и выполняют задания.\n"
                 "1.4. Для подготовки вопросов при Клубе могут создаваться проектные группы "
                 "(далее – ПГ).\n", level="municipal")
    club, groups = _body(doc, "Клуб"), _body(doc, "ПГ")
    assert (groups, "ATTACHED_TO", club) in _relations(doc)
    # no class of schools: the teachers are people, the deputies' schools not the club's parts
    assert not [o for o, p in _orgs(doc).items() if p["kind"] == "school"], _orgs(doc)
    assert not [d for d in _duties(doc) if d[0] == "1.3"]


def test_coordinating_as_one_of_a_series_of_predicates() -> None:
    doc = _parse("1.1. Институт развития образования (далее – ИРО), районные методические "
                 "объединения (далее – РМО) и муниципальные методические службы (далее – ММС) "
                 "действуют.\n"
                 "3.3. ИРО разрабатывает программы, ведёт реестр тьюторов, координирует работу "
                 "РМО и взаимодействует с ММС.\n")
    iro, rmo, mms = _body(doc, "ИРО"), _body(doc, "РМО"), _body(doc, "ММС")
    assert (iro, "COORDINATES", rmo) in _relations(doc)
    assert (iro, "INTERACTS_WITH", mms) in _relations(doc)
    assert (iro, "COORDINATES", mms) not in _relations(doc)


def test_a_tutoring_centre_a_growth_point_and_an_independent_unit() -> None:
    doc = _parse("1.1. Городской тьюторский центр (далее – ГТЦ) создан. Центр образования "
                 "цифрового и гуманитарного профилей направленности «Точка роста» (далее – "
                 "центр «Точка роста») действует в Гимназии.\n"
                 "1.2. Институт развития образования (далее – Институт) и Центр повышения "
                 "мастерства (далее – Центр) действуют.\n"
                 "1.3. Центр оценки квалификаций (далее – ЦОК) является самостоятельным "
                 "структурным подразделением Института и в структуру Центра не входит.\n",
                 level="municipal")
    orgs = _orgs(doc)
    assert orgs[_body(doc, "ГТЦ")]["kind"] == "methodological_center"
    point = _body(doc, "центр «Точка роста»")
    assert (orgs[point]["kind"], orgs[point]["level"]) == ("school_methodological_service",
                                                           "institutional")
    cok = _body(doc, "ЦОК")
    assert (cok, "PART_OF", _body(doc, "Институт")) in _relations(doc)
    assert (cok, "PART_OF", _body(doc, "Центр")) not in _relations(doc)


def test_what_is_sent_to_a_body_is_no_word_of_its_name() -> None:
    doc = _parse("1.1. Районный методический центр (далее – Центр) и Управление образования "
                 "администрации района (далее – Управление образования) действуют.\n"
                 "3.3. Школы направляют в Центр заявки на диагностику.\n"
                 "3.4. Центр вносит в Управление образования предложения о поощрении учителей.\n",
                 level="municipal")
    assert len(_orgs(doc)) == 2, _orgs(doc)
    assert ("3.4", _body(doc, "Центр"), "вносит в Управление образования предложения о "
            "поощрении учителей") in _duties(doc)


def test_an_object_first_sub_clause_among_a_sections_functions_and_a_noun_after_a_name() -> None:
    doc = _parse("1.1. Методический штаб (далее – Штаб) создан. Городской методический центр "
                 "(далее – ГМЦ) действует.\n"
                 "3. Функции Штаба\n3.1. Организует работу групп.\n"
                 "3.2. Мониторинг объективности диагностических работ в школах проводит ГМЦ.\n"
                 "3.3. Составляет совместно со школами-партнёрами график проведения работ.\n",
                 level="municipal")
    shtab, gmc = _body(doc, "Штаб"), _body(doc, "ГМЦ")
    assert ("3.1", shtab, "Организует работу групп") in _duties(doc)
    assert ("3.2", gmc, "Мониторинг объективности диагностических работ в школах "
            "проводит") in _duties(doc)
    assert not [d for d in _duties(doc) if d[0] == "3.2" and d[1] == shtab]
    # «график» is not a genitive of the schools' name: no class «школами-партнёрами график …»
    assert not [p for p in _orgs(doc).values() if "график" in str(p["name"]).lower()]


def test_coordinating_their_work_said_with_a_verb_after_and() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – Центр) создан.\n"
                 "3. Функции Центра\n3.2. Организационная функция:\n"
                 "3.2.1. Организует работу районных методических объединений учителей (далее – "
                 "РМО) и координирует их деятельность.\n", level="municipal")
    assert (_body(doc, "Центр"), "COORDINATES", _body(doc, "РМО")) in _relations(doc)


def test_a_relative_clause_saying_what_a_body_is_not_part_of_then_what_it_does() -> None:
    doc = _parse("1.1. Районная методическая служба (далее – РМС) создана.\n"
                 "1.2. При службе действует экспертный совет (далее – Экспертный совет), который "
                 "в состав РМС не входит и согласует планы её работы.\n", level="municipal")
    council = _body(doc, "Экспертный совет")
    assert ("1.2", council, "согласует планы её работы") in _duties(doc)
    assert (council, "PART_OF", _body(doc, "РМС")) not in _relations(doc)


def test_functions_numbered_straight_through_under_bodies_names_in_capitals() -> None:
    doc = _parse("ПОРЯДОК ВЗАИМОДЕЙСТВИЯ\nучастников районной системы (сведения вымышлены)\n\n"
                 "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГО РАЙОНА (УО)\n\n"
                 "1. Утверждает районный план методической работы.\n"
                 "2. Координирует деятельность РМК.\n\n"
                 "МКУ «РАЙОННЫЙ МЕТОДИЧЕСКИЙ КАБИНЕТ» (РМК)\n\n"
                 "3. Проводит диагностику затруднений учителей.\n"
                 "4. Ведёт банк эффективных практик.\n\n"
                 "ШКОЛЬНЫЕ МЕТОДИЧЕСКИЕ ОБЪЕДИНЕНИЯ (ШМО)\n\n"
                 "5. Проводят открытые уроки.\n\n"
                 "СВЯЗИ УЧАСТНИКОВ\n\n"
                 "6. РМК подведомствен УО.\n", level="municipal")
    uo, rmk, shmo = _body(doc, "УО"), _body(doc, "РМК"), _body(doc, "ШМО")
    assert _orgs(doc)[uo]["kind"] == "education_authority"
    assert _duties(doc) == sorted([
        ("1", uo, "Утверждает районный план методической работы"),
        ("2", uo, "Координирует деятельность РМК"),
        ("3", rmk, "Проводит диагностику затруднений учителей"),
        ("4", rmk, "Ведёт банк эффективных практик"),
        ("5", shmo, "Проводят открытые уроки")])
    assert {(uo, "COORDINATES", rmk), (rmk, "SUBORDINATE_TO", uo)} <= _relations(doc)


def test_guided_named_first_a_body_curated_and_a_school_of_beginning_lecturers() -> None:
    doc = _parse("1.1. Методический совет (далее – МС) является совещательным органом Колледжа.\n"
                 "1.2. Под руководством МС действуют цикловые методические комиссии (далее – "
                 "ЦМК).\n"
                 "1.3. Отдел образования района (далее – Отдел) курирует Методический совет.\n"
                 "2.1. МС организует работу школы начинающего преподавателя.\n",
                 level="municipal")
    ms, cmk, otdel = _body(doc, "МС"), _body(doc, "ЦМК"), _body(doc, "Отдел")
    assert {(ms, "GUIDES", cmk), (otdel, "COORDINATES", ms)} <= _relations(doc)
    school = _body(doc, "школа начинающего преподавателя")
    assert _orgs(doc)[school]["community_kind"] == "young_teacher_school"


def test_a_class_without_its_territory_and_a_short_name_before_what_about() -> None:
    doc = _parse("1.1. Центр развития педагогов (далее – ЦРП, Центр) создан.\n"
                 "1.7. Районные методические кабинеты Лесной области (далее – РМК) "
                 "взаимодействуют с Центром по вопросам выявления дефицитов педагогов.\n"
                 "5. Взаимодействие Центра с районными методическими кабинетами\n"
                 "5.1. Центр проводит семинары для районных методических кабинетов.\n")
    centre, rmk = _body(doc, "ЦРП"), _body(doc, "РМК")
    assert len(_orgs(doc)) == 2, _orgs(doc)
    assert (rmk, "INTERACTS_WITH", centre) in _relations(doc)


def test_kinds_of_function_named_by_their_adjective_alone() -> None:
    # a sub-clause headed by the kind alone («3.1.1. Аналитическая:»): its items are the body's
    doc = _parse("1. Общие положения\n1.1. Кабинет методической работы (далее – Кабинет) создан.\n"
                 "2. Функции Кабинета\n2.1. На Кабинет возлагаются следующие функции:\n"
                 "2.1.1. Аналитическая:\n– изучает итоги олимпиад;\n– готовит справки.\n"
                 "2.1.2. Информационная и консультационная:\n– консультирует учителей химии.\n")
    cab = _body(doc, "Кабинет методической работы")
    assert [(c, b, t) for c, b, t in _duties(doc)] == [
        ("2.1.1", cab, "готовит справки"), ("2.1.1", cab, "изучает итоги олимпиад"),
        ("2.1.2", cab, "консультирует учителей химии")]
    # an item whose kind is given before a dash («экспертная – проведение …»): what follows it
    doc = _parse("1. Общие положения\n1.1. Клуб учителей музыки (далее – Клуб) создан.\n"
                 "2. Функции Клуба\n2.1. Основными функциями Клуба являются:\n"
                 "а) экспертная – проведение экспертизы сценариев концертов;\n"
                 "б) Просветительская — организация лекций для родителей.\n")
    club = _body(doc, "Клуб учителей музыки")
    assert _duties(doc) == [("2.1", club, "организация лекций для родителей"),
                            ("2.1", club, "проведение экспертизы сценариев концертов")]


def test_a_kind_of_a_bodys_work_that_includes_items() -> None:
    # «Аналитическая деятельность X включает:»: the items are that body's duties, not its parts
    doc = _parse("1. Общие положения\n1.1. Районное объединение учителей физики (далее – РОУФ) "
                 "создано.\n2. Содержание работы\n2.1. Аналитическая деятельность РОУФ включает:\n"
                 "- анализ итогов пробных экзаменов;\n- изучение запросов учителей.\n"
                 "2.2. Методическая работа РОУФ предусматривает:\n- проведение практикумов.\n")
    rouf = _body(doc, "Районное объединение учителей физики")
    assert _duties(doc) == [("2.1", rouf, "анализ итогов пробных экзаменов"),
                            ("2.1", rouf, "изучение запросов учителей"),
                            ("2.2", rouf, "проведение практикумов")]
    assert not _relations(doc)


def test_duties_laid_on_a_body_named_after_na_and_the_groups_whose_work_is_organised() -> None:
    # «На X в части обеспечения деятельности Y возлагаются:»: X's duties, not Y's
    doc = _parse("1. Общие положения\n1.1. Клуб молодых учителей (далее – Клуб) создан.\n"
                 "1.2. Районный информационно-методический центр (далее – РИМЦ) обеспечивает "
                 "работу Клуба.\n2. Функции\n"
                 "2.1. На РИМЦ в части обеспечения деятельности Клуба возлагаются:\n"
                 "- составление расписания встреч Клуба;\n"
                 "- организация работы творческих групп молодых учителей.\n"
                 "2.2. На Клуб возлагается проведение встреч.\n")
    rimc = _body(doc, "Районный информационно-методический центр")
    assert ("2.1", rimc, "составление расписания встреч Клуба") in _duties(doc)
    assert ("2.1", rimc, "организация работы творческих групп молодых учителей") in _duties(doc)
    assert not [d for d in _duties(doc) if d[0] == "2.1" and d[1] != rimc]
    # the groups whose work a duty organises are a body of the regulation, not named in passing
    _body(doc, "творческие группы молодых учителей")


def test_a_duty_done_together_with_schools_named_by_a_compound_in_any_case() -> None:
    # «совместно со школой-спутником» is the class «школы-спутники» defined in the text: both
    # bodies have the duty; the compound's two nouns both inflect
    doc = _parse("1. Общие положения\n1.1. Сеть объединяет базовые общеобразовательные "
                 "организации, имеющие лаборатории (далее – базовые школы), и общеобразовательные "
                 "организации, заключившие с ними соглашения о сотрудничестве (далее – "
                 "школы-спутники).\n2. Функции\n2.1. Базовая школа в отношении школ-спутников:\n"
                 "- проводит диагностику затруднений учителей;\n"
                 "- разрабатывает совместно со школой-спутником план поддержки.\n"
                 "2.2. Базовая школа составляет совместно со школами-спутниками график.\n")
    base = _body(doc, "базовые школы")
    sat = _body(doc, "школы-спутники")
    assert ("2.1", sat, "разрабатывает совместно со школой-спутником план поддержки") in \
        _duties(doc)
    assert ("2.2", sat, "составляет совместно со школами-спутниками график") in _duties(doc)
    assert ("2.1", base, "проводит диагностику затруднений учителей") in _duties(doc)
    assert ("2.1", sat, "проводит диагностику затруднений учителей") not in _duties(doc)


def test_what_a_bodys_head_does_is_no_bodys_duty() -> None:
    # «Руководитель Центра несёт ответственность за задачи, возложенные на Центр»: a person's;
    # «Директор Центра назначается Управлением»: the Управление's (the act is a body's)
    doc = _parse("1. Общие положения\n1.1. Центр методической поддержки (далее – Центр) создан."
                 "\n1.2. Центр проводит семинары.\n5. Ответственность\n"
                 "5.1. Руководитель Центра несёт персональную ответственность за выполнение "
                 "задач, возложенных на Центр.\n5.2. Заведующий Центром отвечает за сохранность "
                 "документов, переданных на хранение в Центр.\n")
    centre = _body(doc, "Центр методической поддержки")
    assert _duties(doc) == [("1.2", centre, "проводит семинары")]


def test_two_classes_of_schools_told_apart_by_their_qualifiers() -> None:
    # Made up: schools with low results and mentor schools, each given its own abbreviation.
    for weak, strong in (("с низкими образовательными результатами", "показывающие высокие "
                          "образовательные результаты"),
                         ("с низкими результатами обучения", "имеющие устойчиво высокие "
                          "результаты обучения")):
        doc = _parse(f"1.1. Положение определяет порядок поддержки общеобразовательных "
                     f"организаций {weak} (далее – ШНР).\n"
                     f"1.2. Участники: Центр оценки качества (далее – ЦОК); "
                     f"общеобразовательные организации, {strong} (далее – школы-наставники).\n"
                     "2.1. ЦОК взаимодействует со школами-наставниками и ШНР.\n",
                     level="municipal")
        low, mentors, centre = _body(doc, "ШНР"), _body(doc, "школы-наставники"), _body(doc, "ЦОК")
        assert low != mentors
        assert {(centre, "INTERACTS_WITH", mentors), (centre, "INTERACTS_WITH", low)} <= \
            _relations(doc), _relations(doc)


def test_a_network_with_a_proper_short_name_of_its_own_is_a_body() -> None:
    # Made up: a network named «Сеть» by the text is a body; «(далее – сеть)» in lower case,
    # a network of persons, is not.
    for name in ("муниципальной сети естественно-научного образования",
                 "районной сети методической взаимопомощи"):
        doc = _parse(f"1.1. Положение определяет порядок работы {name} (далее – Сеть).\n"
                     "1.2. Методический центр (далее – МЦ) курирует деятельность Сети.\n",
                     level="municipal")
        net, mc = _body(doc, "Сеть"), _body(doc, "МЦ")
        assert _orgs(doc)[net]["kind"] == "community"
        assert (mc, "COORDINATES", net) in _relations(doc), _relations(doc)
    doc = _parse("1.1. Региональная сеть методистов края (далее – сеть) – объединение "
                 "методистов.\n1.2. Методический центр (далее – МЦ) проводит семинары.\n")
    assert not [p for p in _orgs(doc).values() if p["kind"] == "community"], _orgs(doc)


def test_an_authoritys_board_is_a_council() -> None:
    # Made up: «коллегия» of an authority in two wordings, and a board named over a signature.
    for sentence in ("2.1. Итоги работы ежегодно рассматриваются коллегией Отдела образования.",
                     "2.1. Коллегия Отдела образования рассматривает итоги работы."):
        doc = _parse("1.1. Отдел образования района (далее – Отдел) утверждает план.\n"
                     + sentence + "\n", level="municipal")
        board = _body(doc, "коллегия Отдела образования")
        assert _orgs(doc)[board]["kind"] == "council"
    doc = _parse("1. Коллегия Отдела образования утверждает план.\n"
                 "Председатель коллегии                                     И.И. Иванов\n",
                 level="municipal")
    assert len([p for p in _orgs(doc).values() if p["kind"] == "council"]) == 1, _orgs(doc)


def test_the_council_of_a_school_of_young_teachers_is_a_municipal_council() -> None:
    # Made up: a council named after the body it leads keeps the kind of its head word and the
    # level of the town's school of young teachers (not a school's own council).
    for name in ("Совет Школы молодого педагога", "Совет Школы молодого учителя"):
        doc = _parse(f"1.1. Руководство работой осуществляет {name} (далее – Совет).\n"
                     "2.1. Совет утверждает план работы.\n", level="municipal")
        council = _body(doc, "Совет")
        assert (_orgs(doc)[council]["kind"], _orgs(doc)[council]["level"]) == \
            ("council", "municipal"), _orgs(doc)


def test_formed_at_a_body_coordination_carried_out_and_subordinate_in_the_prepositional() -> None:
    # Made up: «образуется при», «осуществляет координацию деятельности», and the participle
    # «подведомственном» after the name it describes.
    doc = _parse("1.1. Экспертный совет (далее – Совет) образуется при Отделе образования района "
                 "(далее – Отдел).\n"
                 "1.2. Отдел осуществляет координацию деятельности Совета.\n"
                 "1.3. Совет работает при муниципальном казённом учреждении «Районный "
                 "методический центр» (далее – РМЦ), подведомственном Отделу.\n",
                 level="municipal")
    council, otdel, rmc = _body(doc, "Совет"), _body(doc, "Отдел"), _body(doc, "РМЦ")
    assert {(council, "ATTACHED_TO", otdel), (otdel, "COORDINATES", council),
            (rmc, "SUBORDINATE_TO", otdel)} <= _relations(doc), _relations(doc)


def test_the_bodies_of_a_city_that_is_a_region_are_regional() -> None:
    doc = _parse("1.1. Совет создан при Департаменте образования и науки города Севастополя "
                 "(далее – Департамент).\n1.2. Департамент утверждает состав Совета.\n"
                 "1.3. Совет взаимодействует с управлением образования города Торжка.\n",
                 level="regional")
    levels = {p["name"]: p.get("level") for p in _orgs(doc).values()}
    dept = next(v for k, v in levels.items() if "Севастопол" in str(k))
    town = next(v for k, v in levels.items() if "Торжк" in str(k))
    assert (dept, town) == ("regional", "municipal")


def test_a_resource_centre_of_a_subject_is_a_methodological_centre_at_any_level() -> None:
    # Made up: a municipal resource centre of a subject or field in four wordings is a
    # methodological centre; one named only by its town, or for mentoring, is the municipal
    # methodological service (the glossary's and the truths' majority).
    for name, kind in (("Муниципальный ресурсный центр по физике", "methodological_center"),
                       ("Муниципальный ресурсный центр по филологическому образованию",
                        "methodological_center"),
                       ("Ресурсный центр естественно-научного образования",
                        "methodological_center"),
                       ("Муниципальный опорный центр дополнительного образования детей",
                        "methodological_center"),
                       ("Муниципальный ресурсный центр Грязовецкого муниципального округа",
                        "methodological_service"),
                       ("Муниципальный ресурсный центр наставничества",
                        "methodological_service")):
        doc = _parse(f"1.1. {name} (далее – РЦ) создан при управлении образования.\n"
                     "2.1. РЦ проводит семинары для учителей.\n", level="municipal")
        centre = _body(doc, name)
        assert (_orgs(doc)[centre]["kind"], _orgs(doc)[centre]["level"]) == \
            (kind, "municipal"), (name, _orgs(doc)[centre])


def test_a_centres_field_after_po_is_part_of_its_name() -> None:
    # Made up: «центр по <adjective> <noun>» and «сеть по …» keep their field, not a name cut
    # at «по».
    for name, short in (("муниципального ресурсного центра по филологическому образованию",
                         "Центр"),
                        ("городской сети по развитию функциональной грамотности", "Сеть")):
        doc = _parse(f"1.1. Положение регулирует деятельность {name} (далее – {short}).\n"
                     f"2.1. {short} проводит семинары.\n", level="municipal")
        body = _orgs(doc)[_body(doc, short)]
        assert lemma_key(str(body["name"])) == lemma_key(name), body


def test_an_expert_group_and_a_pmpc_are_councils() -> None:
    # Made up: a council's expert group, a commission named by «по» and its adjective, and a
    # territorial psychological-medical-pedagogical commission.
    for name in ("экспертная группа по оценке педагогических практик",
                 "комиссия по аттестационным материалам",
                 "территориальная психолого-медико-педагогическая комиссия"):
        doc = _parse("1.1. Методический совет района (далее – Совет) утверждает план.\n"
                     f"1.2. При Совете действует {name} (далее – ЭГ).\n"
                     "2.1. ЭГ проводит экспертизу материалов.\n", level="municipal")
        assert _orgs(doc)[_body(doc, name)]["kind"] == "council", (name, _orgs(doc))
    doc = _parse("1.1. Творческая группа учителей (далее – Группа) проводит семинары.\n",
                 level="municipal")
    assert _orgs(doc)[_body(doc, "Группа")]["kind"] == "community"


def test_schools_with_low_results_given_a_short_name_are_a_class_of_schools() -> None:
    # Made up: «школы с низкими … результатами (далее – …)» in a definitions list and in a
    # clause, then a list headed by their short name: the class does the items, all
    # low-results duties; named in passing, without a short name, they are no body.
    for opening in ("1.2. В Положении используются понятия:\nшколы с низкими образовательными "
                    "результатами (далее – ШНОР) – общеобразовательные организации района, "
                    "включённые в перечень;\n",
                    "1.2. Поддержка оказывается школам с низкими результатами обучения (далее "
                    "– ШНОР) района.\n"):
        doc = _parse("1.1. Управление образования района (далее – Управление) утверждает "
                     "перечень.\n" + opening + "2.1. ШНОР:\n– разрабатывают программы "
                     "антирисковых мер;\n– представляют отчёт в Управление.\n",
                     level="municipal")
        schools = _body(doc, "ШНОР")
        assert (_orgs(doc)[schools]["kind"], _orgs(doc)[schools]["level"]) == \
            ("school", "institutional"), _orgs(doc)
        mine = [d for d in _duties(doc) if d[1] == schools]
        assert [d[2] for d in mine] == ["представляют отчёт в Управление",
                                        "разрабатывают программы антирисковых мер"], mine
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) помогает школам с "
                 "низкими результатами обучения.\n", level="municipal")
    assert [p["kind"] for p in _orgs(doc).values()] == ["methodological_service"], _orgs(doc)


def test_a_list_head_naming_the_schools_a_body_works_with_is_the_bodys() -> None:
    # Made up: «К компетенции Центра в сфере работы со школами … относится:» — the Centre's
    # items, not the schools'.
    doc = _parse("1.1. Информационно-методический центр (далее – Центр) работает в районе.\n"
                 "3.2. К компетенции Центра в сфере работы со школами с низкими "
                 "образовательными результатами (далее – ШНОР) относится:\n"
                 "- анализ причин низких результатов в ШНОР;\n"
                 "- консультирование управленческих команд ШНОР.\n", level="municipal")
    centre = _body(doc, "Центр")
    assert {d[1] for d in _duties(doc)} == {centre}, _duties(doc)


def test_the_federal_operator_is_a_body_unless_it_only_says_what_another_is() -> None:
    # Made up: the federal operator named in a clause and by its short name; then the
    # Academy «являющимся федеральным оператором» and «федеральный оператор – ФГАОУ ДПО …».
    doc = _parse("1.1. Центр (далее – ЦНППМ) работает под научно-методическим руководством "
                 "федерального оператора единой федеральной системы научно-методического "
                 "сопровождения (далее – федеральный оператор).\n"
                 "1.2. Федеральный оператор осуществляет научно-методическое руководство "
                 "деятельностью ЦНППМ.\n")
    operator = _body(doc, "федеральный оператор")
    assert _orgs(doc)[operator]["kind"] == "federal_operator"
    assert (operator, "GUIDES", _body(doc, "ЦНППМ")) in _relations(doc), _relations(doc)
    for sentence in ("1.2. Институт взаимодействует с Академией Минпросвещения России, "
                     "являющейся федеральным оператором.\n",
                     "1.2. Сопровождение Центра осуществляет федеральный оператор – ФГАОУ ДПО "
                     "«Академия Минпросвещения России» (далее – Академия).\n"):
        doc = _parse("1.1. Центр (далее – ЦНППМ) работает в области.\n" + sentence)
        assert not [i for i in _orgs(doc) if "operator" in i and "federalnyy-operator" in i], \
            _orgs(doc)


def test_what_a_name_works_on_says_nothing_of_its_level() -> None:
    # Made up: a regional council «по сопровождению общеобразовательных организаций», a
    # section «… в начальной школе» of a city association, and the councils of schools.
    doc = _parse("1.1. Координационный совет по сопровождению общеобразовательных организаций "
                 "с низкими образовательными результатами (далее – Совет) создаётся при "
                 "Министерстве образования области (далее – Министерство).\n")
    assert _orgs(doc)[_body(doc, "Совет")]["level"] == "regional", _orgs(doc)
    doc = _parse("1.1. Городское методическое объединение учителей (далее – ГМО) работает в "
                 "городе.\n3.1. В структуру ГМО входят секции:\n"
                 "– секция «Функциональная грамотность в начальной школе».\n",
                 level="municipal")
    section = next(p for p in _orgs(doc).values() if "секция" in str(p["name"]).lower())
    assert section["level"] == "municipal", section
    doc = _parse("1.1. Методический кабинет (далее – Кабинет) взаимодействует с методическими "
                 "советами образовательных организаций района.\n", level="municipal")
    councils = [p for p in _orgs(doc).values() if p["kind"] == "council"]
    assert [p["level"] for p in councils] == ["institutional"], _orgs(doc)


def test_a_department_of_an_institute_is_a_regional_methodological_centre() -> None:
    # Made up: a department named for the municipal systems it serves, a chair and a
    # laboratory, each a structural unit of an institute.
    for name in ("Отдел методического сопровождения муниципальных систем образования",
                 "Кафедра педагогики и психологии", "Лаборатория диагностики компетенций"):
        doc = _parse(f"1.1. {name} (далее – ПИ) является структурным подразделением "
                     "государственного автономного учреждения дополнительного профессионального "
                     "образования «Институт развития образования» (далее – Институт).\n"
                     "2.1. ПИ проводит семинары.\n")
        unit = _orgs(doc)[_body(doc, name)]
        assert (unit["kind"], unit["level"]) == ("methodological_center", "regional"), unit


def test_what_a_body_reviews_at_its_meeting_is_its_duty() -> None:
    # Made up: «… рассматривается (заслушивается, обсуждается) на заседании X» is X's duty;
    # «Решения принимаются на заседании X» is how X works, no duty.
    for verb in ("рассматривается", "заслушивается", "обсуждается"):
        doc = _parse("1.1. Районный методический совет (далее – РМС) работает в районе.\n"
                     "1.2. Районное методическое объединение (далее – РМО) работает в районе.\n"
                     f"5.3. Отчёт о деятельности РМО {verb} на заседании РМС.\n",
                     level="municipal")
        assert _duties(doc) == [("5.3", _body(doc, "РМС"),
                                 f"Отчёт о деятельности РМО {verb}")], _duties(doc)
    doc = _parse("1.1. Районный методический совет (далее – РМС) работает в районе.\n"
                 "5.3. Решения принимаются на заседании РМС большинством голосов.\n",
                 level="municipal")
    assert _duties(doc) == [], _duties(doc)


def test_respectively_gives_the_last_short_name_to_the_schools_named_last() -> None:
    # Made up: «(далее соответственно – система поддержки, ШНОР)» after a system «…
    # общеобразовательных организаций, имеющих низкие образовательные результаты»: ШНОР are
    # those schools, whose list holds low-results duties.
    for schools in ("общеобразовательных организаций, имеющих низкие образовательные результаты",
                    "общеобразовательных организаций с низкими образовательными результатами"):
        doc = _parse("1.1. Положение определяет порядок функционирования муниципальной системы "
                     f"адресной поддержки {schools} (далее соответственно – система поддержки, "
                     "ШНОР).\n2.3. ШНОР:\n– разрабатывают программы перехода в эффективный "
                     "режим;\n– представляют отчёты.\n", level="municipal")
        shnor = _body(doc, "ШНОР")
        assert _orgs(doc)[shnor]["kind"] == "school", _orgs(doc)
        assert {d[1] for d in _duties(doc)} == {shnor}, _duties(doc)


def test_guided_under_a_hyphenated_kind_of_guidance() -> None:
    # Made up: «работает (действует) под научно-методическим (организационно-методическим)
    # руководством X»: X guides the body.
    for words in ("работает под научно-методическим руководством",
                  "действует под организационно-методическим руководством"):
        doc = _parse("1.1. Центр непрерывного повышения профессионального мастерства (далее – "
                     "ЦНППМ) работает в области.\n"
                     f"1.2. Региональный методический актив (далее – РМА) {words} ЦНППМ.\n")
        assert (_body(doc, "ЦНППМ"), "GUIDES", _body(doc, "РМА")) in _relations(doc), \
            _relations(doc)


def test_whose_work_is_coordinated_is_never_its_coordinator() -> None:
    # Made up: «Деятельность ГМО координирует Отдел» (and «Работу …»): the Отдел coordinates
    # the ГМО, and no relation the other way.
    for opening in ("Деятельность", "Работу"):
        doc = _parse("1.1. Методический отдел (далее – Отдел) работает в районе.\n"
                     "1.2. Городские методические объединения (далее – ГМО) работают.\n"
                     f"5.6. {opening} ГМО координирует Отдел; руководители ГМО назначаются "
                     "приказом Отдела.\n", level="municipal")
        otdel, gmo = _body(doc, "Отдел"), _body(doc, "ГМО")
        coordinates = {(s, t) for s, k, t in _relations(doc) if k == "COORDINATES"}
        assert coordinates == {(otdel, gmo)}, _relations(doc)


def test_a_methodological_department_of_an_authority_is_a_methodological_service() -> None:
    # Made up: the methodological department of an education authority, named with the
    # authority's name after it, in three wordings.
    for kind in ("Информационно-методический", "Научно-методический",
                 "Организационно-методический"):
        doc = _parse(f"1.1. {kind} отдел Управления образования администрации городского "
                     "округа (далее – Отдел) является структурным подразделением Управления "
                     "образования.\n2.1. Отдел проводит семинары.\n", level="municipal")
        unit = next(p for p in _orgs(doc).values() if str(p["name"]).startswith(kind))
        assert (unit["kind"], unit["level"]) == ("methodological_service", "municipal"), unit


def test_kinds_of_activity_in_a_charter_are_duties() -> None:
    # Made up: «Основными видами деятельности Учреждения являются:» lists what it does; the
    # kinds of activity that bring it income do not.
    doc = _parse("1.1. Муниципальное казённое учреждение «Центр развития образования» (далее – "
                 "Учреждение) работает в городе.\n"
                 "2.2. Основными видами деятельности Учреждения являются:\n"
                 "• информационно-методическое сопровождение образовательных организаций;\n"
                 "• мониторинг качества образования.\n"
                 "2.3. Учреждение вправе осуществлять виды деятельности, приносящие доход:\n"
                 "• платные курсы.\n", level="municipal")
    centre = _body(doc, "Учреждение")
    assert _duties(doc) == [("2.2", centre, "информационно-методическое сопровождение "
                             "образовательных организаций"),
                            ("2.2", centre, "мониторинг качества образования")], _duties(doc)


def test_a_municipalitys_registered_name_ends_a_bodys_name() -> None:
    # Made up: «муниципального образования Тимашевский район» (and «… Кировский муниципальный
    # район», «… Курский городской округ») is part of the authority's name.
    from graph.loaders.regulations.names import find_names

    for place in ("Тимашевский район", "Кировский муниципальный район",
                  "Курский городской округ"):
        name = f"управлением образования администрации муниципального образования {place}"
        assert [s.text for s in find_names(f"во взаимодействии с {name}, школами")] == [name]


def test_an_institutes_acronym_after_its_legal_form_is_one_body() -> None:
    # Made up: «ГБОУ ИРО Краснодарского края», «ГАУ ДПО ИРО Республики Дагестан», «ГАОУ ДПО
    # КИПК»: one regional institute each, not a second body for the acronym.
    for name in ("ГБОУ ИРО Краснодарского края", "ГАУ ДПО ИРО Республики Дагестан",
                 "ГАОУ ДПО КИПК"):
        doc = _parse(f"1.1. Служба (далее – МС) взаимодействует с {name}.\n"
                     f"1.2. Педагоги проходят курсы в {name}.\n", level="municipal")
        institutes = [p for p in _orgs(doc).values() if p["kind"] == "development_institute"]
        assert [(p["name"], p["level"]) for p in institutes] == [(name, "regional")], _orgs(doc)


def test_schools_by_their_part_are_never_the_body_before_them() -> None:
    # Made up: «… входят опорный центр, закреплённые за ним общеобразовательные организации
    # района (далее – школы-участники)»: the short name is the schools', not the centre's.
    for role in ("школы-участники", "школы-партнёры"):
        doc = _parse("1.1. Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                     "школа № 5» (далее – опорный центр) работает в районе.\n"
                     "1.2. В состав сети входят опорный центр, закреплённые за ним "
                     f"общеобразовательные организации района (далее – {role}).\n"
                     f"2.1. {role.capitalize()} участвуют в семинарах.\n", level="municipal")
        schools = _orgs(doc)[_body(doc, role)]
        assert schools["kind"] == "school" and "Средняя" not in str(schools["name"]), schools


def test_a_network_defined_as_an_association_is_a_body() -> None:
    # Made up: a network with a short name in lower case is a body when the text defines it
    # as an association of schools or names it with its adjective («методическая сеть»: two
    # held truths of two); a bare «(далее – сеть)» without either still is not.
    doc = _parse("1.2. Муниципальная методическая сеть района (далее – методическая сеть) – "
                 "добровольное объединение общеобразовательных организаций района.\n"
                 "2.1. Методическая сеть проводит семинары.\n", level="municipal")
    assert [p["kind"] for p in _orgs(doc).values()] == ["community"], _orgs(doc)
    doc = _parse("1.2. Муниципальная методическая сеть района (далее – сеть) "
                 "охватывает школы.\n", level="municipal")
    assert not [p for p in _orgs(doc).values() if p["kind"] == "community"], _orgs(doc)
    doc = _parse("1.2. Муниципальная методическая сеть района (далее – методическая сеть) "
                 "охватывает школы.\n2.1. Методическая сеть проводит семинары.\n",
                 level="municipal")
    assert [p["kind"] for p in _orgs(doc).values()] == ["community"], _orgs(doc)


def test_the_branches_of_an_association_are_communities() -> None:
    # Made up: «муниципальные отделения Ассоциации (далее – муниципальные отделения)» acting in
    # their own list: the branches' duties, not the association's.
    doc = _parse("1.1. Региональная ассоциация учителей математики (далее – Ассоциация) – "
                 "профессиональное сообщество учителей.\n"
                 "1.4. В состав Ассоциации входят муниципальные отделения Ассоциации (далее – "
                 "муниципальные отделения).\n"
                 "3.2. Муниципальные отделения:\n– организуют методическую работу;\n"
                 "– участвуют в проектах Ассоциации.\n")
    branches = _body(doc, "муниципальные отделения")
    assert _orgs(doc)[branches]["kind"] == "community", _orgs(doc)
    assert {d[1] for d in _duties(doc)} == {branches}, _duties(doc)


def test_a_body_called_by_the_part_it_plays() -> None:
    # Made up: «… осуществляет управление образования … (далее – Учредитель)», then a list
    # headed «Учредитель:» — the authority's duties; likewise «(далее – Оператор)».
    for role in ("Учредитель", "Оператор"):
        doc = _parse("1.4. Функции и полномочия учредителя осуществляет управление образования "
                     f"администрации Киржачского района (далее – {role}).\n"
                     f"4.2. {role}:\nа) утверждает Положение о Центре;\n"
                     "б) утверждает бюджетную смету Центра.\n", level="municipal")
        authority = _body(doc, role)
        assert _orgs(doc)[authority]["kind"] == "education_authority", _orgs(doc)
        assert [d[1] for d in _duties(doc) if d[0] == "4.2"] == [authority, authority], \
            _duties(doc)


def test_an_acronym_with_its_head_word_after_a_hyphen() -> None:
    # Made up: «(далее – ППМС-центр)», «(далее – ЦДО-центр)» after an institution named in
    # quotes whose head word the short name repeats.
    for name, short in (("«Центр психолого-педагогической, медицинской и социальной помощи»",
                         "ППМС-центр"),
                        ("«Центр дополнительного образования»", "ЦДО-центр")):
        doc = _parse(f"1.3. РМО создаётся на базе бюджетного учреждения района {name} (далее – "
                     f"{short}).\n3.2. {short}:\nа) предоставляет помещения;\n"
                     "б) формирует банк методик.\n", level="municipal")
        centre = _body(doc, short)
        assert [d[1] for d in _duties(doc)] == [centre, centre], _duties(doc)


def test_the_body_that_approved_a_plan_is_not_named_by_the_participle() -> None:
    # Made up: «по планам, утверждённым Отделом образования» names the Отдел, not a body
    # «утверждённый Отдел образования»; «закреплённые школы» keeps its participle.
    from graph.loaders.regulations.names import find_names

    for verb in ("утверждённым", "согласованным", "утверждёнными"):
        found = [s.text for s in find_names(f"по планам, {verb} Отделом образования района")]
        assert found == ["Отделом образования района"], found
    found = [s.text for s in find_names("Опорная школа работает с закреплёнными школами-"
                                        "партнёрами района")]
    assert found and all("закреплённ" in f for f in found[-1:]), found


def test_a_name_goes_on_after_another_name_in_parentheses() -> None:
    # Made up: «кафедры (методического объединения) учителей … гимназии … (далее – кафедра,
    # гимназия)»: the chair and the gymnasium are two bodies, each with its short name; the
    # parenthesis is not a third body.
    for school in ("муниципального автономного общеобразовательного учреждения «Гимназия № 1» "
                   "города Советска", "муниципального бюджетного общеобразовательного "
                   "учреждения «Гимназия № 3»"):
        doc = _parse("1.1. Положение регламентирует деятельность кафедры (методического "
                     f"объединения) учителей гуманитарного цикла {school} (далее – кафедра, "
                     "гимназия).\n2.1. Кафедра проводит предметные недели.\n",
                     level="institutional")
        chair, gymnasium = _body(doc, "кафедра"), _body(doc, "гимназия")
        assert chair != gymnasium, _orgs(doc)
        assert (_orgs(doc)[chair]["kind"], _orgs(doc)[gymnasium]["kind"]) == \
            ("community", "school"), _orgs(doc)
        assert len(_orgs(doc)) == 2, _orgs(doc)


def test_a_line_ending_inside_quotes_or_before_a_quoted_place_goes_on() -> None:
    # Made up, as text copied from a PDF: a line ends inside an institution's quoted name, or
    # with «муниципального образования» before the place's name in quotes on the next line.
    t = split_clauses("1.1.\nМуниципальный методический совет муниципального образования\n"
                      "«Селенгинский район» (далее – ММС) является органом.\n"
                      "1.3. Обеспечение деятельности ММС осуществляет учреждение «Информационно-"
                      "методический центр\nСеленгинского района» (далее – ИМЦ).\n")
    assert [c.head for c in t.clauses] == [
        "Муниципальный методический совет муниципального образования «Селенгинский район» "
        "(далее – ММС) является органом.",
        "Обеспечение деятельности ММС осуществляет учреждение «Информационно-методический "
        "центр Селенгинского района» (далее – ИМЦ)."]


def test_two_short_names_of_a_body_and_the_body_in_its_name() -> None:
    # Made up: «кафедрой … учреждения … «… института развития образования» (далее – кафедра,
    # СОИРО)» and «центром … учреждения … «Институт развития образования …» (далее – ЦРТП,
    # ИРО ПК)»: the unit and the institute are two bodies.
    for unit, shorts in (("кафедрой общественно-научного образования", ("кафедра", "СОИРО")),
                         ("центром развития тьюторской практики", ("ЦРТП", "ИРО ПК"))):
        doc = _parse(f"1.4. РМО взаимодействует с {unit} государственного автономного "
                     "учреждения дополнительного профессионального образования «Саратовский "
                     "областной институт развития образования» (далее – "
                     f"{shorts[0]}, {shorts[1]}).\n", level="municipal")
        first, second = _body(doc, shorts[0]), _body(doc, shorts[1])
        assert first != second, _orgs(doc)
        assert _orgs(doc)[second]["kind"] == "development_institute", _orgs(doc)


def test_the_tasks_of_a_kind_of_work_are_no_bodys() -> None:
    # Made up: «Задачи наставничества:», «Задачи сопровождения:», «Задачи поддержки …:» under a
    # heading of goals and tasks: no body's duties (not the schools', not the authority's).
    for work in ("наставничества", "сопровождения", "поддержки школ"):
        doc = _parse("1.1. Управление образования района (далее – Управление) утверждает "
                     "программу.\n2. Цель и задачи\n"
                     f"2.2. Задачи {work}:\n• адаптация молодых специалистов;\n"
                     "• преодоление профессиональных дефицитов.\n", level="municipal")
        assert [d for d in _duties(doc) if d[0] == "2.2"] == [], _duties(doc)


def test_a_body_ending_its_own_work_has_no_duty() -> None:
    # Made up: «Клуб прекращает (свою) деятельность по решению Управления» is how it ends, as
    # founding is how it begins; what it does otherwise still is a duty.
    for sentence in ("Клуб прекращает деятельность по решению Управления.",
                     "Клуб прекращает свою работу на основании приказа Управления."):
        doc = _parse("1.1. Муниципальный клуб молодых педагогов (далее – Клуб) создаётся при "
                     "управлении образования (далее – Управление).\n"
                     f"6.2. {sentence}\n6.3. Клуб проводит встречи.\n", level="municipal")
        assert [d[2] for d in _duties(doc)] == ["проводит встречи"], _duties(doc)


def test_a_places_name_in_quotes_is_not_a_bodys_proper_name() -> None:
    # Made up: «… отделом Управления образования муниципального района «Печора»» and a later
    # «Управления образования» are two bodies (the quotes name the place); but «учреждения
    # Тотемского муниципального округа «Центр …»» keeps its proper name.
    doc = _parse("1.4. ШМО работает во взаимодействии с информационно-методическим отделом "
                 "Управления образования муниципального района «Печора».\n"
                 "3.1. Члены ШМО обращаются к методистам Управления образования "
                 "муниципального района «Печора».\n",
                 level="municipal")
    kinds = sorted(str(p["kind"]) for p in _orgs(doc).values())
    assert kinds == ["community", "education_authority", "methodological_service"], _orgs(doc)
    doc = _parse("1.3. РМО создаётся на базе бюджетного учреждения Тотемского муниципального "
                 "округа «Центр психолого-педагогической помощи» (далее – ППМС-центр).\n"
                 "3.2. ППМС-центр:\nа) предоставляет помещения.\n", level="municipal")
    assert [d[2] for d in _duties(doc)] == ["предоставляет помещения"], _duties(doc)


def test_schools_named_by_their_results_of_learning_before_a_lists_doer() -> None:
    # Made up: «Для учителей школ с низкими результатами обучения РМО:» (on lines of its own and
    # on one line): the РМО's items, about schools with low results.
    for items in ("\nа) проводит выездные консультации;\nб) организует наставничество.\n",
                  " проводит выездные консультации; организует наставничество.\n"):
        doc = _parse("1.1. Районное методическое объединение учителей истории (далее – РМО) "
                     "работает в районе.\n3.2. Для учителей школ с низкими результатами "
                     f"обучения РМО:{items}", level="municipal")
        rmo = _body(doc, "РМО")
        assert sorted((d[1], d[2]) for d in _duties(doc)) == [
            (rmo, "организует наставничество"), (rmo, "проводит выездные консультации")], \
            _duties(doc)
        low = [n.props["text"] for n in doc.batch.nodes.values() if n.label == "Duty"
               and "low_results_support" in n.props.get("categories", [])]
        assert len(low) == 2, low


def test_a_pool_of_methodists_or_mentors_is_a_body() -> None:
    for name, short in (("Региональный пул методистов Магаданской области", "Пул"),
                        ("муниципальный пул наставников", "Пул наставников"),
                        ("Пул региональных методистов", "РПМ")):
        doc = _parse(f"1.1. {name} (далее – {short}) – объединение методистов.\n"
                     "1.2. Задачи:\n"
                     "1) адресное методическое сопровождение педагогов;\n"
                     "2) методическая поддержка педагогов ШНОР.", level="regional")
        pool = _body(doc, name)
        assert _orgs(doc)[pool]["kind"] == "methodist_pool", name
    # «пул» alone, a pool of tasks or of documents, is no body
    doc = _parse("1.1. Совет формирует пул заданий для диагностики.")
    assert all(p["kind"] != "methodist_pool" for p in _orgs(doc).values())


def test_departments_of_a_centre_in_a_system_opened_by_its_ministry() -> None:
    for ministry in ("Министерство образования Республики Алтай (далее – Министерство)",
                     "Министерство просвещения, науки и по делам молодёжи Республики (далее – "
                     "Министерство)"):
        doc = _parse(f"1.1. Координатором системы является {ministry}.\n"
                     "1.2. Центр непрерывного повышения профессионального мастерства "
                     "педагогических работников (далее – ЦНППМ) подведомственен Министерству.\n"
                     "1.3. В структуру ЦНППМ входят отдел диагностики профессиональных "
                     "компетенций (далее – отдел диагностики) и отдел сопровождения педагогов "
                     "(далее – отдел сопровождения).\n"
                     "3.1. Отдел диагностики:\n"
                     "а) проводит диагностику профессиональных дефицитов педагогов;\n"
                     "б) формирует аналитические справки.")
        cnppm, dept = _body(doc, "ЦНППМ"), _body(doc, "отдел диагностики профессиональных "
                                                      "компетенций")
        assert _orgs(doc)[dept]["kind"] == "pd_center"
        assert (dept, "PART_OF", cnppm) in _relations(doc)
        assert {(c, b) for c, b, _ in _duties(doc)} == {("3.1", dept)}
        assert _body(doc, "отдел сопровождения педагогов") != dept


def test_a_list_of_a_persons_duties_named_with_what_the_person_coordinates() -> None:
    for head in ("Муниципальный координатор региональной системы:",
                 "Куратор программы поддержки школ:", "Региональный методист:"):
        doc = _parse("1. Общие положения\n"
                     "1.1. Положение определяет функции участников региональной системы "
                     "методического сопровождения педагогов Республики (далее – региональная "
                     "система).\n"
                     "1.2. Координатором региональной системы является Министерство "
                     "образования Республики (далее – Министерство).\n"
                     "1.3. Участниками региональной системы являются:\n– Министерство;\n"
                     "– муниципальные методические службы;\n"
                     "– школы с низкими образовательными результатами (далее – ШНОР).\n"
                     "3. Функции участников\n"
                     "3.1. Министерство:\n1) утверждает план мероприятий региональной системы;\n"
                     "2) утверждает перечень ШНОР.\n"
                     "3.2. ШНОР:\n1) разрабатывают программы антирисковых мер.\n"
                     f"3.3. {head}\n– формирует заявки на участие педагогов;\n"
                     "– информирует руководителей школ.")
        assert sorted({c for c, _, _ in _duties(doc)}) == ["3.1", "3.2"], head


def test_schools_with_low_results_named_with_which_of_them_then_a_short_name() -> None:
    doc = _parse("1.1. Проект направлен на поддержку школ с низкими результатами обучения "
                 "округа.\n"
                 "1.2. Управление образования администрации округа (далее – управление "
                 "образования) реализует Проект.\n"
                 "1.3. Участниками Проекта являются школы с низкими результатами обучения, "
                 "включённые в Проект (далее – курируемые школы), и общеобразовательные "
                 "организации с устойчиво высокими результатами (далее – школы-кураторы).\n"
                 "1.4. Каждая школа-куратор закрепляется за одной или двумя курируемыми "
                 "школами приказом управления образования.\n"
                 "3.1. Курируемые школы:\n– разрабатывают программы повышения качества "
                 "образования;\n– представляют отчёты.", level="municipal")
    supported, authority = _body(doc, "курируемые школы"), _body(doc, "управление образования")
    assert _orgs(doc)[supported]["kind"] == "school"
    assert {(c, b) for c, b, _ in _duties(doc)} >= {("3.1", supported), ("1.4", authority)}
    assert ("1.4", supported) not in {(c, b) for c, b, _ in _duties(doc)}
    # named in passing, without a short name, they are not a body of the text
    doc = _parse("1.1. Проект направлен на поддержку школ с низкими результатами обучения, "
                 "включённых в перечень.\n1.2. Совет утверждает план.")
    assert all(p["kind"] != "school" for p in _orgs(doc).values())


def test_a_passive_done_by_two_bodies_together() -> None:
    doc = _parse("1.2. Проект реализуется управлением образования администрации округа (далее "
                 "– управление образования) совместно с муниципальным казённым учреждением "
                 "«Муниципальный методический центр» (далее – ММЦ).\n"
                 "1.3. Закрепление осуществляется ММЦ по представлению школ.",
                 level="municipal")
    authority, mmc = _body(doc, "управление образования"), _body(doc, "ММЦ")
    assert _duties(doc) == sorted([
        ("1.2", mmc, "Проект реализуется"), ("1.2", authority, "Проект реализуется"),
        ("1.3", mmc, "Закрепление осуществляется ММЦ по представлению школ")])


def test_what_is_reviewed_for_a_year_by_a_council_is_its_duty() -> None:
    doc = _parse("3.3. Результаты работы ШМО за учебный год рассматриваются методическим "
                 "советом Школы.\n3.4. Экспертная деятельность:\n"
                 "- экспертиза программ инновационных площадок;", level="institutional")
    council = _body(doc, "методический совет Школы")
    assert ("3.3", council) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_bodys_directions_within_the_service_it_is_part_of_are_its_own() -> None:
    doc = _parse("1.1. Муниципальная методическая служба района (далее – ММС) объединяет "
                 "Управление образования района (далее – Управление образования) и Центр "
                 "развития образования (далее – ЦРО).\n"
                 "4.1. Основными направлениями деятельности Управления образования в рамках "
                 "ММС являются:\n— утверждение плана работы ММС;\n"
                 "— анализ эффективности деятельности ММС.", level="municipal")
    authority = _body(doc, "Управление образования")
    assert {(c, b) for c, b, _ in _duties(doc) if c == "4.1"} == {("4.1", authority)}


def test_where_a_body_sends_named_before_the_body_that_sends() -> None:
    for sentence in ("Сведения о ходе сопровождения ШНОР ежеквартально представляет в "
                     "Управление Центр.",
                     "Сведения о ходе сопровождения ШНОР направляются в Управление Центром."):
        doc = _parse("1.1. Информационно-методический центр района (далее – Центр) и "
                     "Управление образования района (далее – Управление) работают вместе.\n"
                     f"3.5. {sentence}", level="municipal")
        centre = _body(doc, "Центр")
        assert {(c, b) for c, b, _ in _duties(doc) if c == "3.5"} == {("3.5", centre)}, sentence


def test_the_founders_functions_done_by_an_authority_are_its_duty() -> None:
    for authority, short in (
            ("Управление образования администрации городского округа «город Каспийск» (далее – "
             "Управление образования)", "Управление образования"),
            ("Муниципальное казённое учреждение Управление образования Администрации "
             "муниципального района Белебеевский район (далее – Управление образования)",
             "Управление образования")):
        doc = _parse("1.1. Муниципальное казённое учреждение «Методический центр» района "
                     "(далее – Центр) является методической службой.\n"
                     "1.2. Учредителем Центра является муниципальный район. Функции и "
                     f"полномочия учредителя осуществляет {authority}.", level="municipal")
        body, centre = _body(doc, short), _body(doc, "Центр")
        assert _orgs(doc)[body]["kind"] == "education_authority"
        assert [(c, b, t) for c, b, t in _duties(doc)] == [
            ("1.2", body, "Функции и полномочия учредителя осуществляет")], authority
        assert body != centre
    # the functions of a body's head are a person's, no body's
    doc = _parse("1.1. Методический совет района (далее – Совет) создан.\n"
                 "1.2. Функции председателя Совета осуществляет заместитель начальника.")
    assert _duties(doc) == []


def test_a_models_structure_and_tasks_and_a_body_named_alone_before_its_list() -> None:
    doc = _parse("1. Общие положения\n"
                 "1.1. Министерство образования области (далее – Министерство) утверждает "
                 "модель.\n"
                 "1.2. Центр непрерывного повышения профессионального мастерства педагогических "
                 "работников (далее – ЦНППМ) является структурным подразделением Института.\n"
                 "2. Цели и задачи региональной модели\n"
                 "2.1. Задачи:\nа) выявление профессиональных дефицитов педагогов;\n"
                 "б) адресная поддержка школ.\n"
                 "3. Структура региональной модели\n"
                 "3.1. Региональный уровень модели образуют Министерство и ЦНППМ.\n"
                 "4. Функции участников региональной модели\n"
                 "4.1. ЦНППМ. Функции:\n• организация диагностики профессиональных "
                 "компетенций педагогов;\n• координация деятельности РМЦ.\n"
                 "4.2. Центр взаимодействует с Академией Минпросвещения России.")
    cnppm, ministry = _body(doc, "ЦНППМ"), _body(doc, "Министерство")
    duties = {(c, b) for c, b, _ in _duties(doc)}
    assert ("4.1", cnppm) in duties and ("4.1", ministry) not in duties
    assert not {c for c, _ in duties} & {"2.1", "3.1"}, duties
    academy = _body(doc, "Академия Минпросвещения России")
    assert (_orgs(doc)[academy]["kind"], _orgs(doc)[academy]["level"]) == (
        "federal_operator", "federal")


def test_schools_named_with_and_or_and_a_schools_team_heading_its_list() -> None:
    doc = _parse("1.2. Участниками Программы являются общеобразовательные организации, "
                 "показывающие низкие результаты обучения и (или) функционирующие в "
                 "неблагоприятных социальных условиях (далее – ОО с НОР).\n"
                 "3.4. В каждой ОО с НОР создаётся школьная команда в составе руководителя и "
                 "педагогов.\n"
                 "3.5. Школьные команды:\n– разрабатывают программу антирисковых мер;\n"
                 "– проводят самодиагностику.\n"
                 "3.6. ОО с НОР обязаны:\n– разместить программу на официальном сайте.",
                 level="municipal")
    schools, teams = _body(doc, "ОО с НОР"), _body(doc, "Школьные команды")
    assert _orgs(doc)[schools]["kind"] == "school" and schools != teams
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.5", teams), ("3.6", schools)}
    # a school's management team named in passing is no body
    doc = _parse("2.1. Центр консультирует управленческие команды школ.", level="municipal")
    assert all("команд" not in str(p["name"]) for p in _orgs(doc).values())


def test_a_centre_doing_by_a_plan_and_schools_taken_off_a_list_by_an_order() -> None:
    doc = _parse("1.1. Управление образования района (далее – Управление образования) "
                 "утверждает перечень школ с низкими образовательными результатами (далее – "
                 "ШНОР).\n"
                 "3.5. Помощь ШНОР оказывается Методическим центром по плану, согласованному с "
                 "Управлением образования.\n"
                 "4.3. ШНОР, улучшившие результаты по итогам двух лет, исключаются из перечня "
                 "приказом Управления образования.\n"
                 "4.4. Решения Совета вводятся в действие приказом Управления образования.",
                 level="municipal")
    centre, authority = _body(doc, "Методический центр"), _body(doc, "Управление образования")
    assert _orgs(doc)[centre]["name"] == "Методический центр"  # not «… по плану»
    assert {(c, b) for c, b, _ in _duties(doc) if c != "1.1"} == {
        ("3.5", centre), ("4.3", authority)}
    # a field after «по» is still the centre's name
    doc = _parse("1.1. Ресурсный центр по филологическому образованию (далее – Центр) создан.")
    assert _body(doc, "Центр") == _body(doc, "Ресурсный центр по филологическому образованию")


def test_a_web_pages_clauses_glued_to_their_headings_and_sentences() -> None:
    text = ("ПОЛОЖЕНИЕ о районном методическом объединении учителей технологии\n"
            "1. Общие положения1.1. Районное методическое объединение учителей технологии "
            "(далее – РМО) является профессиональным объединением педагогов.\n"
            "2. Цели и задачи РМО2.1. Цель: совершенствование мастерства учителей.2.2. Задачи "
            "РМО: • изучение нормативных документов; • обобщение опыта учителей.\n"
            "2.2.3. вовлечение учителей в конкурсы;\n")
    assert [c.number for c in split_clauses(text).clauses] == [
        "1", "1.1", "2", "2.1", "2.2", "2.2.3"]
    doc = _parse(text, level="municipal")
    rmo = _body(doc, "РМО")
    assert [(c, b) for c, b, _ in _duties(doc) if c == "2.2"] == [("2.2", rmo), ("2.2", rmo)]


def test_a_councils_sections_named_by_two_fields() -> None:
    doc = _parse("4.1. В структуру Совета входят секции:\n"
                 "– секция общего и дошкольного образования;\n"
                 "– секция воспитания и дополнительного образования.\n"
                 "4.4. Секция общего и дошкольного образования проводит экспертизу методических "
                 "разработок.\n"
                 "4.5. Секция воспитания и дополнительного образования обобщает опыт.")
    general = _body(doc, "секция общего и дошкольного образования")
    upbringing = _body(doc, "секция воспитания и дополнительного образования")
    assert general != upbringing
    assert {(c, b) for c, b, _ in _duties(doc)} == {("4.4", general), ("4.5", upbringing)}
    # two bodies joined by «и» stay two
    doc = _parse("1.1. Совет взаимодействует с секцией математики и родительским комитетом.")
    assert all("комитет" not in str(p["name"]).lower() or "секци" not in str(p["name"]).lower()
               for p in _orgs(doc).values())


def test_what_a_body_keeps_listed_with_commas_or_semicolons() -> None:
    doc = _parse("1.1. Методический кабинет района (далее – Кабинет) создан.\n"
                 "3. Кабинет ведёт следующую документацию: план работы; журнал консультаций; "
                 "протоколы.\n"
                 "4. Кабинет ведёт следующую документацию: план работы, журнал консультаций.\n",
                 level="municipal")
    cabinet = _body(doc, "Кабинет")
    assert _duties(doc) == [
        ("3", cabinet, "ведёт следующую документацию"),
        ("4", cabinet, "ведёт следующую документацию: план работы, журнал консультаций")]


def test_a_joint_subject_does_each_verb_and_a_bodys_staff_is_no_body() -> None:
    doc = _parse("1.1. Методический отдел Центра (далее – Отдел) и школы с низкими "
                 "образовательными результатами (далее – ШНОР) работают вместе.\n"
                 "3.3. ШНОР совместно с Отделом ежегодно проводят самодиагностику и представляют "
                 "её результаты в Управление образования.\n"
                 "3.4. ШНОР разрабатывают совместно с Отделом программы и представляют в Отдел "
                 "отчёты.\n"
                 "6.1. Работники Отдела несут ответственность за качество выполнения функций, "
                 "возложенных на Отдел.", level="municipal")
    dept, schools = _body(doc, "Отдел"), _body(doc, "ШНОР")
    mine = {(c, b, t.split()[-1]) for c, b, t in _duties(doc)}
    assert {("3.3", dept, "образования"), ("3.3", schools, "образования")} <= mine
    assert ("3.4", dept, "отчёты") not in mine  # the partner of the first verb only
    assert "6.1" not in {c for c, _, _ in mine}
    # an institution's department of what it assesses is the institution's kind, not an
    # authority («отдел оценки качества образования» of an ИМЦ)
    doc = _parse("1.1. Муниципальное автономное учреждение «Информационно-методический центр» "
                 "района (далее – Центр) создано.\n"
                 "2.1. В структуру Центра входят:\n– отдел методического сопровождения;\n"
                 "– отдел оценки качества образования.\n"
                 "2.3. Отдел оценки качества образования:\n• проводит анализ результатов ВПР.",
                 level="municipal")
    quality = _body(doc, "отдел оценки качества образования")
    assert _orgs(doc)[quality]["kind"] == "methodological_service"


def test_general_coordination_by_a_body_is_its_duty_and_a_relation() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) и Сеть опорных школ "
                 "(далее – Сеть) работают вместе.\n"
                 "1.4. Общую координацию деятельности Сети осуществляет ИМЦ.", level="municipal")
    imc, net = _body(doc, "ИМЦ"), _body(doc, "Сеть")
    assert ("1.4", imc, "Общую координацию деятельности Сети осуществляет") in _duties(doc)
    assert (imc, "COORDINATES", net) in _relations(doc)


def test_what_is_held_by_a_body_is_written_up_to_its_verb() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) создан.\n"
                 "4.1. Мониторинг проводится ИМЦ два раза в год.", level="municipal")
    assert _duties(doc) == [("4.1", _body(doc, "ИМЦ"), "Мониторинг проводится")]


def test_a_town_in_parentheses_between_a_name_and_its_short_name() -> None:
    doc = _parse("1.2. Участники:\n– муниципальное казённое учреждение «Информационно-методический "
                 "центр» (г. Пикалёво) (далее – ИМЦ);\n"
                 "3.2. ИМЦ:\nа) закрепляет за школами методистов-кураторов;\n"
                 "б) проводит мониторинг.", level="municipal")
    imc = _body(doc, "ИМЦ")
    assert _orgs(doc)[imc]["kind"] == "methodological_service"
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.2", imc)}


def test_two_short_names_in_words_of_a_unit_and_the_institution_in_its_name() -> None:
    doc = _parse("1.2. Совет создаётся при методической службе государственного бюджетного "
                 "профессионального образовательного учреждения «Далматовский агропромышленный "
                 "техникум» (далее – методическая служба, техникум).\n"
                 "1.4. Служба работает во взаимодействии с центром развития тьюторской практики "
                 "государственного автономного учреждения дополнительного профессионального "
                 "образования «Смоленский областной институт развития образования» (далее – "
                 "центр тьюторской практики, СОИРО).\n"
                 "3.1. Центр тьюторской практики проводит обучение тьюторов.\n"
                 "3.2. СОИРО организует курсы повышения квалификации.", level="municipal")
    service, college = _body(doc, "методическая служба"), _body(doc, "техникум")
    centre, institute = _body(doc, "центр тьюторской практики"), _body(doc, "СОИРО")
    assert len({service, college, centre, institute}) == 4
    assert _orgs(doc)[institute]["kind"] == "development_institute"
    assert {(c, b) for c, b, _ in _duties(doc) if c.startswith("3")} == {
        ("3.1", centre), ("3.2", institute)}
    # two names of one school, one of them its proper name, stay one body
    doc = _parse("1.1. Положение о методическом объединении муниципального бюджетного "
                 "общеобразовательного учреждения «Средняя общеобразовательная школа № 2» "
                 "(далее – Школа, МБОУ «СОШ № 2»).\n"
                 "2.1. Школа утверждает план работы.", level="municipal")
    assert _body(doc, "Школа") == _body(doc, "МБОУ «СОШ № 2»")


def test_a_class_given_a_second_short_name_after_its_territory_is_another_class() -> None:
    doc = _parse("1.1. Положение устанавливает порядок закрепления кураторов за "
                 "общеобразовательными организациями городского округа, показывающими низкие "
                 "результаты обучения (далее – ШНОР).\n"
                 "1.4. Кураторами назначаются руководители общеобразовательных организаций, "
                 "показывающих стабильно высокие результаты (далее – школы-кураторы).\n"
                 "3.2. ШНОР разрабатывают программы перехода в эффективный режим работы.\n"
                 "3.3. Школы-кураторы проводят стажировки.", level="municipal")
    low, curators = _body(doc, "ШНОР"), _body(doc, "школы-кураторы")
    assert low != curators
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.2", low), ("3.3", curators)}


def test_an_adjective_in_parentheses_inside_a_name_and_a_contracted_short_name() -> None:
    doc = _parse("1.1. Настоящее Положение регулирует деятельность педагогического "
                 "(методического) совета муниципального бюджетного общеобразовательного "
                 "учреждения «Средняя школа-интернат № 1» (далее – Школа-интернат).\n"
                 "1.2. Педагогический (методический) совет Школы-интерната (далее – Педсовет) "
                 "является коллегиальным органом.\n"
                 "3.1. Педсовет:\n– рассматривает план методической работы;\n"
                 "– анализирует результаты аттестации.", level="municipal")
    council = _body(doc, "Педсовет")
    assert _orgs(doc)[council]["kind"] == "council"
    assert _orgs(doc)[council]["name"].startswith("педагогический (методический) совет")
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.1", council)}


def test_schools_named_by_their_risks_of_low_results() -> None:
    doc = _parse("1.2. Школы с рисками низких образовательных результатов (далее – ШНОР) – "
                 "общеобразовательные организации, включённые в перечень.\n"
                 "3.6. ШНОР:\n– разрабатывают и реализуют программы антирисковых мер;\n"
                 "– направляют педагогов на диагностику профессиональных дефицитов.",
                 level="municipal")
    schools = _body(doc, "ШНОР")
    assert _orgs(doc)[schools]["kind"] == "school"
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.6", schools)}
    assert {t.split()[0] for _, _, t in _duties(doc)} == {"разрабатывают", "реализуют",
                                                          "направляют"}
    assert len(_low(doc)) == len(_duties(doc))


def test_a_short_name_narrowed_to_low_results_and_a_short_name_given_together() -> None:
    doc = _parse("1.1. Пул создаётся для общеобразовательных организаций округа (далее – ОО).\n"
                 "2.2. Основными направлениями деятельности Пула являются:\n"
                 "• методическое сопровождение педагогов ОО, показывающих низкие "
                 "образовательные результаты (далее – ОО с НОР);\n"
                 "4.4. ОО направляют заявки на участие педагогов.\n"
                 "4.5. ОО с НОР создают условия для работы методистов.", level="municipal")
    schools, low = _body(doc, "ОО"), _body(doc, "ОО с НОР")
    assert schools != low and _orgs(doc)[low]["kind"] == "school"
    assert {("4.4", schools), ("4.5", low)} <= {(c, b) for c, b, _ in _duties(doc)}
    doc = _parse("1.4. Школы с низкими образовательными результатами и школы, функционирующие "
                 "в неблагоприятных социальных условиях, в настоящем Положении совместно "
                 "именуются ШНОР.\n"
                 "3.10. ШНОР:\n– разрабатывают программы антирисковых мер;\n"
                 "– направляют педагогов на курсы повышения квалификации.", level="regional")
    shnor = _body(doc, "ШНОР")
    assert _orgs(doc)[shnor]["kind"] == "school"
    assert [(c, b) for c, b, _ in _duties(doc)] == [("3.10", shnor), ("3.10", shnor)]
    assert len(_low(doc)) == 2


def test_a_body_said_to_be_another_bodys_governing_organ_is_that_body() -> None:
    doc = _parse("1.1. Сетевое тьюторское сообщество округа (далее – Сообщество) создано.\n"
                 "4.1. Органом управления Сообщества является координационный совет Сообщества "
                 "(далее – координационный совет).\n"
                 "4.2. Координационный совет утверждает план работы Сообщества.",
                 level="municipal")
    council = _body(doc, "координационный совет")
    assert not [p for p in _orgs(doc).values() if str(p["name"]).lower().startswith("орган")]
    assert ("4.2", council) in {(c, b) for c, b, _ in _duties(doc)}


def test_an_abbreviation_with_small_letters_between_its_capitals() -> None:
    doc = _parse("1.2. Сообщество создаётся при государственном автономном учреждении "
                 "дополнительного профессионального образования Республики Хакасия «Хакасский "
                 "институт развития образования и повышения квалификации» (далее – ХакИРОиПК).\n"
                 "3.2. ХакИРОиПК обеспечивает размещение материалов Сообщества на своём "
                 "официальном сайте.")
    institute = _body(doc, "ХакИРОиПК")
    assert _orgs(doc)[institute]["kind"] == "development_institute"
    assert [(c, b) for c, b, _ in _duties(doc)] == [("3.2", institute)]


def test_a_service_called_a_schools_by_its_first_word_is_a_schools_service() -> None:
    doc = _parse("1.2. Школьная тьюторская служба (далее – ШТС) является структурным "
                 "подразделением методической службы Школы.\n"
                 "3.1. ШТС консультирует педагогов по вопросам тьюторского сопровождения.",
                 level="institutional")
    service = _body(doc, "ШТС")
    assert _orgs(doc)[service]["kind"] == "school_methodological_service"
    assert _orgs(doc)[service]["level"] == "institutional"


def test_the_bare_tasks_of_a_section_on_a_kind_of_work_are_no_bodys() -> None:
    doc = _parse("1.3. Наставничество организуется Управлением образования администрации "
                 "округа (далее – Управление).\n"
                 "Раздел 2. Цель и задачи наставничества\n"
                 "2.1. Целью наставничества является адаптация молодых специалистов.\n"
                 "2.2. Задачи:\nа) содействие профессиональному становлению молодых "
                 "специалистов;\nб) снижение оттока молодых кадров.\n"
                 "Раздел 3. Функции\n3.1. Управление утверждает список наставников.",
                 level="municipal")
    assert [(c, b) for c, b, _ in _duties(doc) if c != "1.3"] == [("3.1", _body(doc, "Управление"))]


def test_a_general_education_institution_called_a_centre_is_a_school() -> None:
    doc = _parse("1.4. Наставники назначаются в муниципальном бюджетном общеобразовательном "
                 "учреждении «Центр образования г. Певек» (далее – Центр образования).\n"
                 "3.1. Центр образования закрепляет наставников за молодыми специалистами.",
                 level="municipal")
    school = _body(doc, "Центр образования")
    assert (_orgs(doc)[school]["kind"], _orgs(doc)[school]["level"]) == ("school",
                                                                        "institutional")


def test_an_institutes_unit_named_with_its_short_name_and_a_social_network() -> None:
    doc = _parse("1.8. ИМЦ работает во взаимодействии с государственным автономным учреждением "
                 "дополнительного профессионального образования «Амурский областной институт "
                 "развития образования» (далее – АмИРО) и центром непрерывного повышения "
                 "профессионального мастерства педагогических работников АмИРО.\n"
                 "3.1. Ассоциация ведёт группу в социальной сети «ВКонтакте».")
    names = {str(p["name"]) for p in _orgs(doc).values()}
    assert "центр непрерывного повышения профессионального мастерства педагогических " \
           "работников АмИРО" in names
    assert not [n for n in names if "ВКонтакте" in n or n.lower().startswith("социальн")]


def test_a_charters_subject_of_work_an_institutes_unit_and_the_tasks_of_help() -> None:
    doc = _parse("1.1. Муниципальное бюджетное учреждение «Центр психолого-педагогической, "
                 "медицинской и социальной помощи» (далее – Центр) создано.\n"
                 "2.2. Предметом деятельности Центра являются:\n– оказание "
                 "психолого-педагогической помощи обучающимся;\n– консультирование родителей.",
                 level="municipal")
    centre = _body(doc, "Центр")
    assert [(c, b) for c, b, _ in _duties(doc)] == [("2.2", centre), ("2.2", centre)]
    doc = _parse("1.3. ЦРО осуществляет деятельность во взаимодействии с Центром непрерывного "
                 "повышения профессионального мастерства педагогических работников ГБОУ ДПО "
                 "«Тверской областной институт усовершенствования учителей» (далее – ЦНППМ).\n"
                 "2. Цель и задачи адресной методической помощи\n"
                 "2.2. Задачи:\n1) выявление причин низких образовательных результатов;\n"
                 "2) устранение профессиональных дефицитов педагогов.\n"
                 "3.1. ЦНППМ проводит диагностику профессиональных дефицитов.",
                 level="municipal")
    cnppm = _body(doc, "ЦНППМ")
    assert (_orgs(doc)[cnppm]["kind"], _orgs(doc)[cnppm]["level"]) == ("pd_center", "regional")
    assert "2.2" not in {c for c, _, _ in _duties(doc)}


def test_a_pdfs_page_number_and_running_header_between_pages_are_dropped() -> None:
    doc = _parse("ПОЛОЖЕНИЕ\nо районном методическом объединении учителей\nмузыки и "
                 "изобразительного искусства\n"
                 "1.1. Районное методическое объединение учителей музыки и изобразительного "
                 "искусства (далее – РМО) создано.\n"
                 "2.2. Задачи РМО:\n– изучение нормативных документов;\n"
                 "– организация работы с одарёнными обучающимися.\n\n"
                 "                                                 – 1 –\n"
                 "Положение о РМО учителей музыки и ИЗО\n\n"
                 "3. Содержание деятельности РМО\n3.1. РМО проводит открытые уроки.",
                 level="municipal")
    rmo = _body(doc, "РМО")
    assert [(c, b) for c, b, _ in _duties(doc)] == [("2.2", rmo), ("2.2", rmo), ("3.1", rmo)]
    assert not [t for _, _, t in _duties(doc) if "1 –" in t or "ИЗО" in t]


def test_a_teachers_list_is_no_bodys_and_a_town_named_after_its_okrug() -> None:
    doc = _parse("1.1. Тьюторская группа муниципального общеобразовательного учреждения "
                 "«Средняя общеобразовательная школа № 2» (далее – Школа) создана.\n"
                 "1.2. Работу координирует отдел образования администрации городского округа "
                 "город Нерехта (далее – Отдел).\n"
                 "4.4. Педагог:\n– проходит диагностику профессиональных дефицитов;\n"
                 "– реализует ИОМ.\n"
                 "4.5. Отдел утверждает план работы.", level="institutional")
    dept = _body(doc, "Отдел")
    assert _orgs(doc)[dept]["name"] == ("отдел образования администрации городского округа "
                                        "город Нерехта")
    assert [(c, b) for c, b, _ in _duties(doc) if c.startswith("4")] == [("4.5", dept)]


def test_a_department_and_its_institution_given_short_names_together() -> None:
    doc = _parse("1.2. Участники:\nб) информационно-методический отдел муниципального казённого "
                 "учреждения «Центр обеспечения деятельности системы образования округа» (далее – "
                 "ИМО, МКУ «ЦОДСО»);\n"
                 "3.1. ИМО проводит мониторинг.\n3.2. МКУ «ЦОДСО» обеспечивает работу ИМО.",
                 level="municipal")
    dept, institution = _body(doc, "ИМО"), _body(doc, "МКУ «ЦОДСО»")
    assert dept != institution
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.1", dept), ("3.2", institution)}


def test_a_compound_whose_head_follows_its_hyphen() -> None:
    doc = _parse("1.1. Муниципальный конкурс-сообщество молодых педагогов «Педагогический дебют» "
                 "(далее – Сообщество «Педагогический дебют», Сообщество) – профессиональное "
                 "объединение молодых педагогов района.\n"
                 "2.2. Задачи Сообщества:\nа) выявление и поддержка талантливых молодых "
                 "педагогов;\nб) организация обмена опытом.", level="municipal")
    community = _body(doc, "Сообщество")
    assert _orgs(doc)[community]["kind"] == "community"
    assert {(c, b) for c, b, _ in _duties(doc)} == {("2.2", community)}


def test_what_is_agreed_with_a_body_or_considered_at_its_meeting_is_its_duty() -> None:
    doc = _parse("1.1. Городское методическое объединение (далее – ГМО) работает при "
                 "Методическом центре города (далее – Методический центр). Управление "
                 "образования администрации города (далее – Управление) утверждает состав ГМО.\n"
                 "4.6. План работы ГМО на учебный год согласуется с Методическим центром.\n"
                 "4.7. Итоги работы ГМО рассматриваются на совещании Управления.\n"
                 "5.1. Изменения в Положение вносятся приказом Управления и согласуются с "
                 "Методическим центром.", level="municipal")
    centre, authority = _body(doc, "Методический центр"), _body(doc, "Управление")
    mine = _duties(doc)
    assert ("4.6", centre, "План работы ГМО на учебный год согласуется") in mine
    assert ("4.7", authority, "Итоги работы ГМО рассматриваются") in mine
    assert ("5.1", centre) not in {(c, b) for c, b, _ in mine}


def _low_texts(doc: ParsedRegulation) -> set[str]:
    return {d.text for d in doc.duties if "low_results_support" in d.categories}


def test_a_term_given_a_short_name_respectively_carries_what_it_is_about() -> None:
    doc = _parse("1.1. Положение определяет порядок реализации муниципальной «дорожной карты» "
                 "сопровождения школ с низкими образовательными результатами (далее "
                 "соответственно – дорожная карта, ШНОР).\n"
                 "1.2. Комитет образования района (далее – Комитет) контролирует исполнение "
                 "мероприятий дорожной карты.\n1.3. Комитет проводит конкурсы.",
                 level="municipal")
    assert _low_texts(doc) == {"контролирует исполнение мероприятий дорожной карты"}


def test_what_a_regulation_on_low_results_schools_regulates_is_about_them() -> None:
    def low(title: str) -> set[str]:
        return _low_texts(parse_regulation(
            "1.1. Управление образования района (далее – Управление) организует кураторство.\n"
            "1.2. Управление:\n1) рассматривает результаты кураторства;\n"
            "2) поощряет педагогов школ-кураторов;\n3) проводит конкурсы.",
            RegulationMeta.model_validate({"id": "reg-t", "title": title,
                                           "territory_id": "RU-TST", "level": "municipal"}),
            EMPTY))

    assert low("Положение о кураторах школ, функционирующих в неблагоприятных социальных "
               "условиях") == {"организует кураторство", "рассматривает результаты кураторства",
                               "поощряет педагогов школ-кураторов"}
    assert low("Положение о кураторах молодых педагогов") == set()


def test_a_pool_of_methodists_mentors_is_a_body() -> None:
    doc = _parse("1.1. Региональный пул методистов-наставников области (далее – Пул) – "
                 "объединение педагогических работников.\n"
                 "3.6. Пул:\n1) разрабатывает типовые программы наставничества;\n"
                 "2) проводит стажировки.")
    pool = _body(doc, "Пул")
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.6", pool)}


def test_a_childrens_school_of_arts_in_lower_case_is_a_school() -> None:
    doc = _parse("1.5. ГМО взаимодействует с детской школой искусств г. Лысково (далее – ДШИ).\n"
                 "3.2. ДШИ организует выставки творческих работ обучающихся.",
                 level="municipal")
    school = _body(doc, "ДШИ")
    assert _orgs(doc)[school]["kind"] == "school"
    assert [b for c, b, _ in _duties(doc) if c == "3.2"] == [school]


def test_an_acronym_led_by_the_place_the_name_ends_with() -> None:
    doc = _parse("1.2. В районную методическую службу входят:\n"
                 "1) районные методические объединения педагогов (далее – РМО);\n"
                 "2) методический совет района (далее – РМС).\n"
                 "3.4. РМС:\n1) рассматривает программы методической работы района;\n"
                 "2) проводит экспертизу методических разработок педагогов.", level="municipal")
    council = _body(doc, "РМС")
    assert _orgs(doc)[council]["name"] == "методический совет района"
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.4", council)}


def test_a_class_of_schools_called_by_the_part_they_play() -> None:
    doc = _parse("1.3. Участниками Программы являются:\n"
                 "1) Управление образования района (далее – Управление);\n"
                 "2) школы, функционирующие в неблагоприятных социальных условиях (далее – "
                 "школы-участники Программы).\n"
                 "3.4. Школы-участники Программы:\nа) разрабатывают программы антирисковых мер;\n"
                 "б) представляют в Управление отчёт.", level="municipal")
    schools = _body(doc, "школы-участники Программы")
    assert _orgs(doc)[schools]["kind"] == "school"
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.4", schools)}


def test_initials_then_the_head_word_is_a_short_name() -> None:
    doc = _parse("1.3. В структуру ММС входят:\n— муниципальный методический совет (далее – "
                 "ММСовет);\n— районные методические объединения педагогов (далее – РМО).\n"
                 "3.4. ММСовет создаётся при Управлении образования и:\n"
                 "— рассматривает программы методической работы;\n"
                 "— проводит экспертизу методических разработок.", level="municipal")
    council = _body(doc, "ММСовет")
    assert {(c, b) for c, b, _ in _duties(doc)} == {("3.4", council)}


def test_a_sentence_before_a_list_on_the_same_line() -> None:
    doc = _parse("1.1. Городское методическое объединение (далее – ГМО) работает при кабинете. "
                 "Информационно-методический кабинет Управления образования (далее – ИМК) "
                 "координирует ГМО.\n"
                 "3.3. Методическое сопровождение ГМО осуществляет ИМК. ИМК: согласовывает план "
                 "работы ГМО; обобщает отчёты руководителя ГМО.", level="municipal")
    cabinet = _body(doc, "ИМК")
    assert sorted((b, t) for c, b, t in _duties(doc) if c == "3.3") == [
        (cabinet, "Методическое сопровождение ГМО осуществляет"),
        (cabinet, "обобщает отчёты руководителя ГМО"),
        (cabinet, "согласовывает план работы ГМО")]


def test_sub_clauses_under_a_group_heading_that_name_their_doer() -> None:
    doc = _parse("1.1. Региональный центр научно-методического сопровождения (далее – Центр) "
                 "работает во взаимодействии с центром непрерывного повышения профессионального "
                 "мастерства (далее – ЦНППМ).\n"
                 "3. Функции Центра\n3.3. Функции по сопровождению школ:\n"
                 "3.3.1. Центр проводит анализ профессиональных дефицитов педагогов.\n"
                 "3.3.2. Центр совместно с ЦНППМ формирует реестр методистов.\n"
                 "3.3.3. Методическое сопровождение педагогов осуществляется Центром.")
    centre, cnppm = _body(doc, "Центр"), _body(doc, "ЦНППМ")
    assert {(c, b, t) for c, b, t in _duties(doc) if c.startswith("3.3.")} == {
        ("3.3.1", centre, "проводит анализ профессиональных дефицитов педагогов"),
        ("3.3.2", centre, "совместно с ЦНППМ формирует реестр методистов"),
        ("3.3.2", cnppm, "совместно с ЦНППМ формирует реестр методистов"),
        ("3.3.3", centre, "Методическое сопровождение педагогов осуществляется")}


def test_two_classes_of_schools_from_a_list_of_abbreviations_acting_together() -> None:
    doc = _parse("1.2. В настоящем Положении используются следующие сокращения:\n"
                 "ШНРО – школы с низкими результатами обучения;\n"
                 "ШССУ – школы, функционирующие в сложных социальных условиях;\n"
                 "ИМЦ – информационно-методический центр.\n3.5. ИМЦ проводит семинары.\n"
                 "3.6. ШНРО и ШССУ:\nа) разрабатывают программы антирисковых мер;\n"
                 "б) проводят самодиагностику.", level="municipal")
    low, social = _body(doc, "ШНРО"), _body(doc, "ШССУ")
    assert low != social
    assert {(c, b) for c, b, _ in _duties(doc) if c == "3.6"} == {("3.6", low), ("3.6", social)}


def test_a_legal_form_with_a_republics_letters_in_brackets() -> None:
    doc = _parse("1.5. Служба работает во взаимодействии с ГАУ ДПО РС(Я) «Институт развития "
                 "образования и повышения квалификации имени С.Н. Донского-II» (далее – ИРОиПК).\n"
                 "2.1. ИРОиПК проводит курсы.", level="municipal")
    institute = _body(doc, "ИРОиПК")
    assert _orgs(doc)[institute]["name"].startswith("ГАУ ДПО РС(Я) «Институт развития")
    assert _orgs(doc)[institute]["kind"] == "development_institute"


def test_a_regions_council_named_beside_the_districts_is_another_body() -> None:
    doc = _parse("1.1. Совет молодых специалистов (далее – Совет) создаётся при управлении "
                 "образования района.\n2.1. Совет проводит слёт молодых педагогов.\n"
                 "4.8. Совет взаимодействует с Советом молодых педагогов Астраханской области.",
                 level="municipal")
    district, region = _body(doc, "Совет"), _body(doc, "Советом молодых педагогов Астраханской "
                                                  "области")
    assert district != region
    assert _orgs(doc)[region]["level"] == "regional"


def test_an_authoritys_working_group_is_a_council() -> None:
    doc = _parse("1.3. Муниципальная рабочая группа по сопровождению школ с низкими "
                 "результатами (далее – рабочая группа) создаётся при управлении образования.\n"
                 "2.1. Рабочая группа рассматривает программы антирисковых мер.",
                 level="municipal")
    assert _orgs(doc)[_body(doc, "рабочая группа")]["kind"] == "council"


def test_an_authority_of_public_education_in_lower_case_is_a_body() -> None:
    doc = _parse("3.1. Субъектами системы являются:\nа) управление народного образования "
                 "администрации района (далее – УНО);\nб) методический кабинет.\n"
                 "4.1. УНО:\nа) утверждает план мероприятий;\nб) осуществляет контроль.",
                 level="municipal")
    authority = _body(doc, "УНО")
    assert _orgs(doc)[authority]["kind"] == "education_authority"
    assert {(c, b) for c, b, _ in _duties(doc) if c == "4.1"} == {("4.1", authority)}


def test_a_joint_pair_of_verbs_after_its_partner_shares_the_object() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) создан.\n"
                 "1.2. ИМЦ оказывает помощь школам с низкими результатами обучения (далее – "
                 "ШНОР).\n3.5. ШНОР совместно с ИМЦ разрабатывают и реализуют программы "
                 "повышения качества образования.", level="municipal")
    schools, centre = _body(doc, "ШНОР"), _body(doc, "ИМЦ")
    mine = {(b, t) for c, b, t in _duties(doc) if c == "3.5"}
    for body in (schools, centre):
        assert (body, "реализуют программы повышения качества образования") in mine
        assert (body, "совместно с ИМЦ разрабатывают и реализуют программы повышения качества "
                      "образования") in mine


def test_a_term_and_the_schools_given_short_names_without_respectively() -> None:
    doc = _parse("1.1. Положение определяет порядок реализации муниципальной «дорожной карты» "
                 "повышения качества образования в общеобразовательных организациях города, "
                 "функционирующих в неблагоприятных социальных условиях (далее – «дорожная "
                 "карта», школы НСУ).\n1.2. Управление образования города (далее – Управление) "
                 "контролирует реализацию «дорожной карты».\n1.3. Перечень школ НСУ ежегодно "
                 "утверждается приказом Управления.\n3.4. Школы НСУ:\n"
                 "а) разрабатывают программы антирисковых мер;\nб) представляют отчёты.",
                 level="municipal")
    schools = _body(doc, "школы НСУ")
    assert _orgs(doc)[schools]["kind"] == "school"
    assert {(c, b) for c, b, _ in _duties(doc) if c == "3.4"} == {("3.4", schools)}
    assert {"контролирует реализацию «дорожной карты»",
            "Перечень школ НСУ ежегодно утверждается"} <= _low_texts(doc)


def test_schools_defined_on_a_line_of_their_own_then_acting() -> None:
    doc = _parse("1.2. Для целей настоящего Положения используются следующие понятия:\n"
                 "школы с низкими результатами обучения (далее – ШНОР) – общеобразовательные "
                 "организации, показывающие низкие результаты обучения;\n"
                 "1.3. Районный методический центр (далее – РМЦ) работает.\n3.6. ШНОР:\n"
                 "1) разрабатывают программы повышения качества образования;\n"
                 "2) представляют в РМЦ отчёты.", level="municipal")
    schools = _body(doc, "ШНОР")
    assert {(c, b) for c, b, _ in _duties(doc) if c == "3.6"} == {("3.6", schools)}


def test_a_regions_body_named_as_the_districts_with_its_region_is_another_body() -> None:
    doc = _parse("1.1. Совет молодых педагогов (далее – Совет) создаётся при управлении "
                 "образования района.\n2.1. Совет проводит слёт молодых педагогов.\n"
                 "1.4. Совет взаимодействует с Советом молодых педагогов Хабаровского края.",
                 level="municipal")
    district = _body(doc, "Совет")
    region = _body(doc, "Советом молодых педагогов Хабаровского края")
    assert district != region and _orgs(doc)[region]["level"] == "regional"


def test_a_short_name_of_schools_with_a_participles_phrase_is_one_name() -> None:
    doc = _parse("1.1. Положение устанавливает порядок сопровождения общеобразовательных "
                 "организаций Пучежского района, функционирующих в неблагоприятных социальных "
                 "условиях (далее – школы, функционирующие в НСУ).\n"
                 "1.2. Районный методический кабинет (далее – РМК) работает.\n"
                 "3.5. Школы, функционирующие в НСУ:\n"
                 "а) разрабатывают программы повышения качества образования;\n"
                 "б) представляют в РМК отчёты о реализации программ.", level="municipal")
    schools = _body(doc, "школы, функционирующие в НСУ")
    assert "функционирующие в НСУ" not in (_orgs(doc)[schools].get("aliases") or [])
    assert [(c, b) for c, b, _ in _duties(doc) if c == "3.5"] == [("3.5", schools)] * 2
    assert {"разрабатывают программы повышения качества образования",
            "представляют в РМК отчёты о реализации программ"} <= _low_texts(doc)


def test_the_tasks_of_a_road_map_are_no_bodys() -> None:
    doc = _parse("1.1. Положение определяет порядок реализации муниципальной «дорожной карты» "
                 "поддержки школ с низкими результатами (далее – дорожная карта).\n"
                 "1.2. Реализация дорожной карты осуществляется отделом образования "
                 "(далее – Отдел).\n2. Цели и задачи дорожной карты\n2.1. Задачи:\n"
                 "а) выявление причин низких результатов;\nб) организация кураторства.\n"
                 "3.1. Отдел утверждает перечень школ.", level="municipal")
    assert not [d for d in _duties(doc) if d[0] == "2.1"]
    assert ("3.1", _body(doc, "Отдел")) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_bodys_long_name_in_the_circumstance_before_the_verb() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) работает.\n"
                 "4.3. ИМЦ во взаимодействии с центром непрерывного повышения профессионального "
                 "мастерства педагогических работников КРИРО (далее – ЦНППМ) формирует "
                 "индивидуальные образовательные маршруты педагогов.", level="municipal")
    imc = _body(doc, "ИМЦ")
    assert [(c, b) for c, b, _ in _duties(doc) if c == "4.3"] == [("4.3", imc)]


def test_a_closed_towns_place_after_a_name() -> None:
    doc = _parse("1.1. Муниципальная методическая служба городского округа ЗАТО г. Заозёрск "
                 "(далее – ММС) – совокупность субъектов.\n"
                 "2.1. В структуру ММС входят:\nа) муниципальное бюджетное учреждение "
                 "«Методический центр» ЗАТО г. Заозёрск (далее – МБУ МЦ, Методический центр);\n"
                 "б) городской методический совет.\n"
                 "3.2. Задачи ММС:\nа) поддержка молодых педагогов.\n"
                 "4.2. Методический центр проводит семинары.", level="municipal")
    service, centre = _body(doc, "ММС"), _body(doc, "Методический центр")
    assert centre == _body(doc, "МБУ МЦ") and service != centre
    assert ("3.2", service) in {(c, b) for c, b, _ in _duties(doc)}
    assert ("4.2", centre) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_units_short_name_given_after_its_owners_acronym() -> None:
    doc = _parse("1.1. Центр непрерывного повышения профессионального мастерства (далее – "
                 "ЦНППМ) работает.\n1.5. Деятельность Команды координирует отдел адресного "
                 "сопровождения педагогов ЦНППМ (далее – Отдел сопровождения).\n"
                 "3.2. Отдел сопровождения:\nа) формирует график выездов;\n"
                 "б) обобщает отчёты методистов.", level="regional")
    unit = _body(doc, "Отдел сопровождения")
    assert unit == _body(doc, "отдел адресного сопровождения педагогов ЦНППМ")
    assert unit != _body(doc, "ЦНППМ")
    assert {(c, b) for c, b, _ in _duties(doc)} == {("1.5", unit), ("3.2", unit)}


def test_a_team_of_methodists_with_an_adjective_between() -> None:
    doc = _parse("1.1. Команда региональных методистов (далее – Команда) создаётся при "
                 "центре непрерывного повышения профессионального мастерства (далее – ЦНППМ).\n"
                 "2.2. Основные задачи Команды:\n– сопровождение молодых педагогов.\n"
                 "3.3. ЦНППМ формирует команды региональных методистов для выездов.",
                 level="regional")
    team = _body(doc, "Команда")
    assert _orgs(doc)[team]["kind"] == "methodist_pool"
    assert ("2.2", team) in {(c, b) for c, b, _ in _duties(doc)}
    assert len(_orgs(doc)) == 2  # (teams formed in general are no body)


def test_schools_by_their_part_under_a_short_name_of_oo() -> None:
    doc = _parse("1.2. Участниками Проекта являются общеобразовательные организации, имеющие "
                 "низкие образовательные результаты (далее – ОО с НОР), и общеобразовательные "
                 "организации с устойчиво высокими результатами (далее – ОО-кураторы).\n"
                 "3.5. ОО с НОР разрабатывают программы.\n3.6. ОО-кураторы:\n"
                 "3.6.1. проводят для педагогов ОО с НОР открытые уроки.",
                 level="municipal")
    curators, low = _body(doc, "ОО-кураторы"), _body(doc, "ОО с НОР")
    assert curators != low and _orgs(doc)[curators]["kind"] == "school"
    assert [(c, b) for c, b, _ in _duties(doc) if c == "3.6.1"] == [("3.6.1", curators)]


def test_the_short_name_of_a_system_is_no_class_of_schools() -> None:
    doc = _parse("1.1. Положение определяет порядок функционирования региональной системы "
                 "методического сопровождения общеобразовательных организаций области, "
                 "имеющих низкие образовательные результаты (далее – региональная система).\n"
                 "2.2. Задачи региональной системы:\n1) выявление ШНОР;\n"
                 "2) мониторинг эффективности мер поддержки.", level="regional")
    assert not [d for d in _duties(doc) if d[0] == "2.2"]
    assert not any("региональная система" in (o.get("aliases") or [])
                   for o in _orgs(doc).values())


def test_a_list_head_naming_the_doer_and_the_schools_its_work_is_about() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) работает.\n"
                 "1.2. Под школами с низкими результатами обучения (далее – ШНОР) понимаются "
                 "школы из перечня.\n3.3. Основными направлениями деятельности ИМЦ в рамках "
                 "сопровождения ШНОР являются:\n1) проведение диагностики дефицитов педагогов;\n"
                 "2) организация методических десантов в ШНОР.", level="municipal")
    imc = _body(doc, "ИМЦ")
    assert {(c, b) for c, b, _ in _duties(doc) if c == "3.3"} == {("3.3", imc)}


def test_schools_named_inside_a_communitys_description_with_their_acronym() -> None:
    doc = _parse("1.1. Сетевое методическое объединение учителей района (далее – Сетевое МО) – "
                 "профессиональное объединение педагогов общеобразовательных организаций, "
                 "показывающих низкие результаты обучения (далее – ШНОР), и педагогов "
                 "школ-партнёров.\n3.1. ШНОР направляют педагогов на занятия.",
                 level="municipal")
    schools, network = _body(doc, "ШНОР"), _body(doc, "Сетевое МО")
    assert schools != network and _orgs(doc)[schools]["kind"] == "school"


def test_what_a_body_is_charged_with_is_not_part_of_its_name() -> None:
    doc = _parse("1.1. Центр непрерывного повышения профессионального мастерства (далее – Центр) "
                 "работает.\n6.1. Руководитель Центра несёт персональную ответственность за "
                 "выполнение возложенных на Центр функций.", level="regional")
    assert len(_orgs(doc)) == 1


def test_a_coordinating_group_is_a_council() -> None:
    doc = _parse("1.3. Участники: муниципальная координационная группа по реализации дорожной "
                 "карты (далее – координационная группа).\n1.5. Координационная группа "
                 "создаётся при Управлении образования.\n4.3. Координационная группа:\n"
                 "а) рассматривает отчёты ШНОР;\nб) вносит предложения Управлению образования.",
                 level="municipal")
    group = _body(doc, "координационная группа")
    assert _orgs(doc)[group]["kind"] == "council"
    assert {(c, b) for c, b, _ in _duties(doc) if c == "4.3"} == {("4.3", group)}


def test_the_tasks_of_people_under_a_services_regulation_are_no_bodys() -> None:
    doc = _parse("1.2. Муниципальная методическая служба (далее – ММС) включает центр.\n"
                 "2.2. Задачи методистов-кураторов:\n– адресная поддержка педагогов;\n"
                 "– распространение практик.\n4.1. Методист-куратор:\nа) посещает уроки;\n"
                 "б) консультирует педагогов.\n5.1. ММС проводит семинары.", level="municipal")
    assert [c for c, _, _ in _duties(doc)] == ["5.1"]


def test_a_trade_unions_organisation_is_a_community() -> None:
    doc = _parse("1.1. Совет молодых педагогов (далее – Совет) работает.\n1.4. Совет работает в "
                 "тесном взаимодействии с городской профсоюзной организацией работников "
                 "образования.\n1.5. Совет взаимодействует с районной организацией Профсоюза "
                 "работников народного образования и науки РФ.", level="municipal")
    city = _body(doc, "городской профсоюзной организацией работников образования")
    district = _body(doc, "районной организацией Профсоюза работников народного образования "
                          "и науки РФ")
    assert city != district
    assert {_orgs(doc)[b]["kind"] for b in (city, district)} == {"community"}


def test_a_network_given_a_short_name_after_its_field() -> None:
    doc = _parse("1.2. РЦ входит в региональную сеть ресурсных центров по естественнонаучным "
                 "предметам (далее – Сеть).\n1.3. Деятельность Сети координирует институт.\n"
                 "3.1. Сеть проводит конференции.", level="regional")
    network = _body(doc, "Сеть")
    assert _orgs(doc)[network]["kind"] == "community"
    assert ("3.1", network) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_short_name_with_a_contracted_head_and_the_schools_own_council() -> None:
    doc = _parse("Принято на заседании педагогического совета\n"
                 "1.1. Педагогический совет по вопросам методической работы муниципального "
                 "автономного общеобразовательного учреждения «Средняя общеобразовательная "
                 "школа № 2 г. Ивня» (далее соответственно – Методический педсовет, Школа) "
                 "является коллегиальным органом.\n1.2. Методический педсовет создаётся при "
                 "Педагогическом совете Школы.\n3.1. Методический педсовет рассматривает планы.\n"
                 "5.6. Методический педсовет подотчётен Педагогическому совету Школы.",
                 level="institutional")
    council = _body(doc, "Методический педсовет")
    assert council != _body(doc, "Педагогический совет Школы")
    assert _orgs(doc)[council]["level"] == "institutional"
    assert ("3.1", council) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_class_of_schools_defined_after_its_acronym_with_a_participles_phrase() -> None:
    doc = _parse("2.1. В настоящем Положении используются следующие понятия:\n"
                 "ОО с НОР – общеобразовательные организации, имеющие низкие образовательные "
                 "результаты по итогам оценочных процедур.\n3.1. В систему входят:\n"
                 "– общеобразовательные организации.\n4.1. Министерство утверждает перечень "
                 "ОО с НОР.\n4.2. ОО с НОР разрабатывают программы.\n"
                 "4.3. Общеобразовательные организации направляют педагогов на курсы.",
                 level="regional")
    low, schools = _body(doc, "ОО с НОР"), _body(doc, "общеобразовательные организации")
    assert low != schools
    assert ("4.2", low) in {(c, b) for c, b, _ in _duties(doc)}


def test_a_centres_laboratory_is_a_methodological_unit() -> None:
    doc = _parse("1.1. Центр научно-методического сопровождения педагогов (далее – Центр) "
                 "создан в университете.\n4.1. В структуру Центра входят:\n"
                 "– лаборатория функциональной грамотности.\n"
                 "4.3. Лаборатория функциональной грамотности разрабатывает задания.\n"
                 "4.4. Центр обеспечивает использование цифровых лабораторий.", level="regional")
    lab = _body(doc, "лаборатория функциональной грамотности")
    assert _orgs(doc)[lab]["kind"] == "methodological_center"
    assert len(_orgs(doc)) == 2  # (digital laboratories are equipment)


def test_joint_doers_of_a_list_after_a_circumstance() -> None:
    doc = _parse("1.5. Центр развития образования (далее – ЦРО) работает.\n1.6. ЦРО подведомствен "
                 "управлению образования администрации округа (далее – управление образования).\n"
                 "2.2. Для поддержки школ с рисками НОР управление образования и ЦРО решают "
                 "следующие задачи:\n1) выявление причин низких результатов;\n"
                 "2) организация адресной методической помощи педагогам школ.", level="municipal")
    cro, authority = _body(doc, "ЦРО"), _body(doc, "управление образования")
    assert {(c, b) for c, b, _ in _duties(doc) if c == "2.2"} == {("2.2", cro),
                                                                  ("2.2", authority)}
    assert {"организация адресной методической помощи педагогам школ"} <= _low_texts(doc)
    doc = _parse("1.5. Районный методический центр (далее – РМЦ) работает.\n1.6. Школы с низкими "
                 "образовательными результатами (далее – ШНОР) и школы-лидеры работают.\n"
                 "2.2. Для достижения цели РМЦ, школы-лидеры и ШНОР совместно решают следующие "
                 "задачи:\n1) обмен практиками преподавания между школами.", level="municipal")
    assert len({b for c, b, _ in _duties(doc) if c == "2.2"}) == 3


def test_a_ministrys_fields_listed_with_a_comma_are_its_name() -> None:
    doc = _parse("1.4. Положение разработано в соответствии с рекомендациями Министерства "
                 "просвещения Российской Федерации.\n3.1. Участники:\n– Министерство "
                 "просвещения, науки и по делам молодёжи Кабардино-Балкарской Республики (далее "
                 "– Министерство);\n– институт.\n4.1. Министерство утверждает перечень школ.\n"
                 "4.2. Министерство просвещения Российской Федерации обобщает практики.",
                 level="regional")
    region = _body(doc, "Министерство")
    assert region == _body(doc, "Министерство просвещения, науки и по делам молодёжи "
                                "Кабардино-Балкарской Республики")
    assert region != _body(doc, "Министерство просвещения Российской Федерации")


def test_a_group_for_the_schools_named_by_their_acronym() -> None:
    doc = _parse("1.2. Общеобразовательные организации с низкими образовательными результатами "
                 "(далее – ОО с НОР) включаются в перечень.\n4.2. Результаты мониторинга "
                 "рассматриваются муниципальной рабочей группой по сопровождению ОО с НОР (далее – "
                 "рабочая группа).\n4.3. Рабочая группа вносит предложения.", level="municipal")
    group = _body(doc, "рабочая группа")
    assert _orgs(doc)[group]["kind"] == "council"
    assert ("4.2", group, "Результаты мониторинга рассматриваются") in _duties(doc)


def test_a_class_set_apart_by_its_results_acting_after_a_circumstance() -> None:
    doc = _parse("1.3. В рамках Программы общеобразовательные организации с устойчиво высокими "
                 "образовательными результатами (далее – школы-наставники) оказывают методическую "
                 "поддержку школам с низкими результатами обучения (далее – ШНРО).",
                 level="municipal")
    mentors = _body(doc, "школы-наставники")
    assert ("1.3", mentors, "оказывают методическую поддержку школам с низкими результатами "
                            "обучения") in _duties(doc)


def test_schools_named_with_their_place_before_the_participle() -> None:
    doc = _parse("1.1. Положение устанавливает порядок помощи школам Иланского района, "
                 "функционирующим в сложных социальных условиях (далее соответственно – "
                 "план-график, школы ССУ).\n3.1. Управление образования (далее – Управление):\n"
                 "1) закрепляет за каждой школой ССУ базовую школу.", level="municipal")
    assert "закрепляет за каждой школой ССУ базовую школу" in _low_texts(doc)


def test_a_body_named_under_a_list_head_heads_its_own_items() -> None:
    doc = _parse("1.1. Пул экспертов-методистов (далее – Пул) формируется на базе центра "
                 "непрерывного повышения профессионального мастерства педагогических работников "
                 "(далее – ЦНППМ).\n1.2. Пул взаимодействует с муниципальными методическими "
                 "службами (далее – ММС).\n4.1. Функции:\n4.1.1. ЦНППМ:\n"
                 "• организует обучение экспертов-методистов;\n"
                 "• закрепляет экспертов-методистов за ОО с НОР.\n4.1.2. ММС:\n"
                 "• направляют в ЦНППМ заявки на участие педагогов в отборе.", level="regional")
    centre, services, pool = _body(doc, "ЦНППМ"), _body(doc, "ММС"), _body(doc, "Пул")
    duties = {(c, b, t) for c, b, t in _duties(doc) if c.startswith("4.1")}
    assert duties == {("4.1.1", centre, "организует обучение экспертов-методистов"),
                      ("4.1.1", centre, "закрепляет экспертов-методистов за ОО с НОР"),
                      ("4.1.2", services, "направляют в ЦНППМ заявки на участие педагогов в "
                                          "отборе")}
    assert not any(b == pool for _, b, _ in duties)


def test_a_gloss_in_brackets_inside_a_class_name() -> None:
    doc = _parse("1.2. В состав службы входят муниципальные методические службы улусов "
                 "(районов) и городских округов (далее – ММС).\n3.4. ММС:\n"
                 "3.4.1. организуют методическую работу на территории муниципального "
                 "образования.", level="regional")
    services = _body(doc, "ММС")
    assert ("3.4.1", services, "организуют методическую работу на территории муниципального "
                               "образования") in _duties(doc)


def test_a_council_of_leaders_of_an_association_by_its_acronym() -> None:
    doc = _parse("1.3. В Сеть входят:\n— районные методические объединения (далее – РМО);\n"
                 "— Совет руководителей РМО.\n3.3. Совет руководителей РМО:\n"
                 "— согласует планы работы РМО.", level="municipal")
    council = _body(doc, "Совет руководителей РМО")
    assert council != _body(doc, "РМО")
    assert _orgs(doc)[council]["name"] == "Совет руководителей РМО"
    assert ("3.3", council, "согласует планы работы РМО") in _duties(doc)


def test_an_act_said_between_the_verb_and_its_doer_or_after_a_second_subject() -> None:
    doc = _parse("1.1. Управление образования администрации района (далее – управление "
                 "образования) создаёт районные методические объединения (далее – РМО).\n"
                 "1.3. Рабочая группа создаётся при управлении образования, её состав "
                 "утверждается приказом управления образования.\n"
                 "5.1. Руководителей РМО утверждает приказом управление образования.",
                 level="municipal")
    authority = _body(doc, "управление образования")
    assert ("1.3", authority, "её состав утверждается") in _duties(doc)
    assert ("5.1", authority, "Руководителей РМО утверждает") in _duties(doc)


def test_a_pool_named_by_an_adjective_of_its_people() -> None:
    doc = _parse("3.1. Участниками являются НМЦ и муниципальный тьюторский пул.\n"
                 "3.2. Муниципальный тьюторский пул создаётся на базе НМЦ.\n"
                 "3.3. НМЦ координирует работу муниципального тьюторского пула.",
                 level="municipal")
    pool = _body(doc, "Муниципальный тьюторский пул")
    assert _orgs(doc)[pool]["kind"] == "methodist_pool"


def test_a_bare_page_number_inside_an_item_and_a_verb_waiting_for_its_object() -> None:
    doc = _parse("3.1. Методическое объединение классных руководителей (далее – МО):\n"
                 "- организует наставничество для классных руководителей, имеющих стаж\n\n2\n\n"
                 "менее трёх лет;\n- участвует в муниципальных конкурсах.\n"
                 "3.2. Методический совет рассматривает план работы МО и заслушивает\n"
                 "отчёт руководителя МО.", level="institutional")
    mo, council = _body(doc, "МО"), _body(doc, "Методический совет")
    assert {(c, b, t) for c, b, t in _duties(doc)} == {
        ("3.1", mo, "организует наставничество для классных руководителей, имеющих стаж менее "
                    "трёх лет"),
        ("3.1", mo, "участвует в муниципальных конкурсах"),
        ("3.2", council, "рассматривает план работы МО"),
        ("3.2", council, "заслушивает отчёт руководителя МО")}


def test_working_under_guidance_and_with_a_partner_is_a_duty() -> None:
    doc = _parse("1.1. Тьюторская группа (далее – группа) создаётся при информационно-"
                 "методическом центре (далее – ИМЦ).\n1.2. Центр непрерывного повышения "
                 "профессионального мастерства педагогических работников (далее – ЦНППМ) "
                 "работает.\n1.3. Тьюторская группа работает под руководством ИМЦ и во "
                 "взаимодействии с ЦНППМ.\n1.4. ЦНППМ работает под руководством ИМЦ.",
                 level="municipal")
    group = _body(doc, "группа")
    assert [(c, b, t) for c, b, t in _duties(doc) if c in ("1.3", "1.4")] == [
        ("1.3", group, "работает под руководством ИМЦ и во взаимодействии с ЦНППМ")]


def test_a_team_of_people_named_in_two_parts_in_a_region_with_a_dash() -> None:
    doc = _parse("1.1. Положение определяет порядок деятельности команды региональных "
                 "методистов-наставников Республики Северная Осетия – Алания (далее – Команда).\n"
                 "1.2. Команда формируется на базе центра непрерывного повышения "
                 "профессионального мастерства педагогических работников (далее – ЦНППМ).\n"
                 "3.1. Команда:\n– проводит выездные методические дни в школах.",
                 level="regional")
    team = _body(doc, "Команда")
    assert team != _body(doc, "ЦНППМ")
    assert _orgs(doc)[team]["name"].endswith("Северная Осетия – Алания")
    assert ("3.1", team, "проводит выездные методические дни в школах") in _duties(doc)


def test_object_first_doers_listed_with_commas_and_schools_of_a_republic() -> None:
    doc = _parse("1.1. Положение определяет порядок реализации плана по повышению качества "
                 "образования в общеобразовательных организациях Республики Крым с низкими "
                 "образовательными результатами (далее соответственно – дорожная карта, ШНОР).\n"
                 "1.2. Министерство образования Республики Крым (далее – Министерство) "
                 "утверждает перечень ШНОР.\n1.3. Реализацию дорожной карты обеспечивают "
                 "Министерство, региональный центр оценки качества образования (далее – РЦОКО) "
                 "и ШНОР.\n3.8. ШНОР:\n1) разрабатывают программы антирисковых мер.",
                 level="regional")
    ministry, centre, schools = _body(doc, "Министерство"), _body(doc, "РЦОКО"), _body(doc, "ШНОР")
    assert {b for c, b, _ in _duties(doc) if c == "1.3"} == {ministry, centre, schools}
    assert ("3.8", schools, "разрабатывают программы антирисковых мер") in _duties(doc)
    assert "разрабатывают программы антирисковых мер" in _low_texts(doc)


def test_a_web_pages_approval_line_under_its_title_and_its_footer_are_no_clauses() -> None:
    text = ("ПОЛОЖЕНИЕ О РАЙОННОЙ ТВОРЧЕСКОЙ ГРУППЕ УЧИТЕЛЕЙ ЛИТЕРАТУРЫ\n\n"
            "Утверждено приказом отдела образования от 11.10.2024 № 198\n\n"
            "ОБЩИЕ ПОЛОЖЕНИЯ\n\n"
            "Районная творческая группа учителей литературы (далее – творческая группа) "
            "создаётся при районном методическом объединении.\n\n"
            "Творческая группа разрабатывает сборник заданий.\n\n"
            "СОДЕРЖАНИЕ ДЕЯТЕЛЬНОСТИ\n\n"
            "Творческая группа проводит районный семинар.\n\n"
            "Члены творческой группы проводят открытые уроки.\n\n"
            "Опубликовано: 14.10.2024 | Просмотров: 212\n")
    parsed = split_clauses(text)
    assert [(c.number, c.paragraphs[0].text[:25]) for c in parsed.clauses] == [
        ("1", "Районная творческая групп"), ("2", "Творческая группа разраба"),
        ("3", "Творческая группа проводи"), ("4", "Члены творческой группы п")]


def test_a_contracted_head_and_its_fields_initials() -> None:
    doc = _parse("1.1. Положение регулирует деятельность педагогического совета по методической "
                 "работе (далее – Педсовет по МР) школы.\n1.2. Педсовет по МР создаётся при "
                 "педагогическом совете школы.\n2.1. Педсовет по МР рассматривает планы.",
                 level="institutional")
    council = _body(doc, "Педсовет по МР")
    assert council != _body(doc, "педагогическом совете школы")
    assert ("2.1", council, "рассматривает планы") in _duties(doc)


def test_participants_listed_then_acting_together() -> None:
    doc = _parse("1.3. Участниками Программы являются:\n1) отдел образования администрации "
                 "округа (далее – Отдел образования);\n2) муниципальное казённое учреждение "
                 "«Центр развития образования» (далее – ЦРО);\n3) школы с низкими "
                 "образовательными результатами (далее – ШНОР).\n1.6. Участники Программы "
                 "действуют во взаимодействии с институтом развития образования (далее – ИРО).",
                 level="municipal")
    bodies = {_body(doc, n) for n in ("Отдел образования", "ЦРО", "ШНОР")}
    assert {b for c, b, _ in _duties(doc) if c == "1.6"} == bodies
    assert "действуют во взаимодействии с институтом развития образования" in _low_texts(doc)


def test_acting_with_a_partner_and_guided_without_a_conjunction() -> None:
    doc = _parse("1.1. Служба методического сопровождения (далее – Служба) создаётся при "
                 "управлении образования (далее – Управление).\n1.3. Тьюторский центр (далее – "
                 "Центр) работает под руководством Управления во взаимодействии со Службой.\n"
                 "1.4. Служба действует во взаимодействии с Управлением.\n"
                 "3.1. Служба осуществляет следующие функции:\n1) методическая деятельность:\n"
                 "а) организует открытые уроки;\n2) работа с молодыми специалистами:\n"
                 "а) закрепляет за молодыми учителями наставников.", level="municipal")
    service, centre = _body(doc, "Служба"), _body(doc, "Центр")
    duties = _duties(doc)
    assert ("1.3", centre, "работает под руководством Управления во взаимодействии со Службой") \
        in duties
    assert ("1.4", service, "действует во взаимодействии с Управлением") in duties
    assert ("3.1", service, "закрепляет за молодыми учителями наставников") in duties


def test_what_a_body_does_after_what_it_is_and_a_participles_phrase() -> None:
    doc = _parse("1.1. Научно-методический совет Лицея (далее – Совет) создаётся.\n"
                 "1.2. Совет является коллегиальным органом, объединяющим наиболее опытных "
                 "педагогов Лицея, и координирует научно-методическую деятельность.",
                 level="institutional")
    council = _body(doc, "Совет")
    assert _duties(doc) == [("1.2", council, "координирует научно-методическую деятельность")]


def test_a_circumstance_with_a_verb_of_its_own_then_the_body_whose_items_follow() -> None:
    doc = _parse("1.1. Методический совет школы (далее – Совет) создаётся в МБОУ «Кадуйская "
                 "ООШ» (далее – Школа).\n3.2. В период, когда Школа входит в перечень школ с "
                 "низкими результатами обучения, Совет дополнительно:\n– проводит анализ причин "
                 "низких образовательных результатов.", level="institutional")
    council = _body(doc, "Совет")
    assert _duties(doc) == [("3.2", council, "проводит анализ причин низких образовательных "
                                             "результатов")]
    assert _low_texts(doc) == {"проводит анализ причин низких образовательных результатов"}


def test_a_matrix_of_functions_written_out_under_its_clause() -> None:
    doc = _parse("3.1. В структуру Центра (далее – Центр) входят:\n– отдел диагностики (далее – "
                 "ОД);\n– отдел сопровождения школ (далее – ОСШ).\n3.2. Распределение функций "
                 "Центра между отделами:\nФункция — ответственный\nОрганизация диагностики "
                 "компетенций педагогов — ОД\nОрганизация стажировок педагогов ШНСУ — ОСШ "
                 "совместно с ОД", level="regional")
    diagnostics, schools = _body(doc, "ОД"), _body(doc, "ОСШ")
    assert {(c, b, t) for c, b, t in _duties(doc)} == {
        ("3.2", diagnostics, "Организация диагностики компетенций педагогов"),
        ("3.2", schools, "Организация стажировок педагогов ШНСУ"),
        ("3.2", diagnostics, "Организация стажировок педагогов ШНСУ")}


def test_schools_named_by_their_results_after_являются() -> None:
    doc = _parse("1.5. Участниками Программы являются школы с низкими образовательными "
                 "результатами (далее – школы-участники).\n3.3. Школы-участники:\n"
                 "– разрабатывают программы перехода в эффективный режим работы.",
                 level="municipal")
    schools = _body(doc, "школы-участники")
    assert ("3.3", schools, "разрабатывают программы перехода в эффективный режим работы") in \
        _duties(doc)
    assert "разрабатывают программы перехода в эффективный режим работы" in _low_texts(doc)


def test_the_part_a_body_plays_then_the_body_in_brackets_heads_its_items() -> None:
    doc = _parse("1.1. Государственное бюджетное учреждение «Марийский институт образования» "
                 "(далее – МИО) является региональным координатором.\n"
                 "3.2. Региональный координатор (МИО):\nа) ведёт региональный реестр "
                 "наставников.", level="regional")
    assert _duties(doc) == [("3.2", _body(doc, "МИО"), "ведёт региональный реестр наставников")]


def test_a_web_pages_breadcrumbs_title_and_footer_lines_are_no_clauses() -> None:
    text = ("Главная / Методическая работа / ГМО учителей технологии\n"
            "Положение о городском методическом объединении учителей технологии\n"
            "Опубликовано: 12.09.2025\nОбщие положения\n"
            "Городское методическое объединение учителей технологии (ГМО) создаётся при ИМЦ.\n"
            "ГМО проводит открытые уроки.\nПоделиться: ВКонтакте | Telegram\n")
    parsed = split_clauses(text)
    assert [c.paragraphs[0].text for c in parsed.clauses] == [
        "Городское методическое объединение учителей технологии (ГМО) создаётся при ИМЦ.",
        "ГМО проводит открытые уроки."]


def test_a_bodys_name_holding_a_word_of_structure_heads_its_items() -> None:
    doc = _parse("1.3. В Проекте участвуют общеобразовательные организации, имеющие низкие "
                 "результаты обучения (далее – школы – участники Проекта).\n"
                 "3.6. Школы – участники Проекта:\nа) разрабатывают дорожные карты повышения "
                 "качества образования;\nб) направляют педагогов на диагностику.",
                 level="municipal")
    schools = _body(doc, "школы – участники Проекта")
    assert set(_duties(doc)) == {
        ("3.6", schools, "разрабатывают дорожные карты повышения качества образования"),
        ("3.6", schools, "направляют педагогов на диагностику")}


def test_a_roadmaps_measure_with_its_responsible_then_its_term_on_one_line() -> None:
    doc = _parse("1.4. Сопровождение осуществляет муниципальное бюджетное учреждение "
                 "«Информационно-методический центр» (далее – ИМЦ).\n1.5. Участниками являются "
                 "школы с низкими образовательными результатами (далее – ШНОР).\n"
                 "3.1. Мероприятия дорожной карты включают:\n3.1.1. Анализ результатов "
                 "оценочных процедур в ШНОР. Ответственные: ИМЦ, ШНОР. Срок: июль–август "
                 "ежегодно.\n3.1.2. Выездные методические дни в ШНОР. Ответственный: ИМЦ. "
                 "Срок: не реже одного раза в четверть.", level="municipal")
    centre, schools = _body(doc, "ИМЦ"), _body(doc, "ШНОР")
    assert sorted(d for d in _duties(doc) if d[0] != "1.4") == [
        ("3.1.1", centre, "Анализ результатов оценочных процедур в ШНОР"),
        ("3.1.1", schools, "Анализ результатов оценочных процедур в ШНОР"),
        ("3.1.2", centre, "Выездные методические дни в ШНОР")]


def test_a_legal_form_with_brackets_of_its_own_before_the_quoted_name() -> None:
    doc = _parse("1.5. ИМЦ работает во взаимодействии с ГОУ ДПО (ПК) С «Кузбасский региональный "
                 "институт повышения квалификации и переподготовки работников образования» "
                 "(далее – КРИПКиПРО).\n2.1. КРИПКиПРО проводит курсы.", level="municipal")
    institute = _body(doc, "КРИПКиПРО")
    assert ("2.1", institute, "проводит курсы") in _duties(doc)


def test_a_term_and_the_schools_by_their_acronym_one_short_name_each() -> None:
    doc = _parse("1.1. Положение определяет механизмы модели методического сопровождения школ, "
                 "функционирующих в неблагоприятных социальных условиях (далее – Модель, ШНСУ)."
                 "\n3.5. ШНСУ:\nа) разрабатывают программы улучшения образовательных "
                 "результатов.", level="municipal")
    schools = _body(doc, "ШНСУ")
    assert _duties(doc) == [("3.5", schools, "разрабатывают программы улучшения "
                                             "образовательных результатов")]
    assert _low_texts(doc) == {"разрабатывают программы улучшения образовательных результатов"}


def test_a_matrix_of_functions_with_a_last_column_of_terms() -> None:
    doc = _parse("1.4. Реализацию Модели координирует муниципальное бюджетное учреждение «Центр "
                 "развития образования» (далее – ЦРО).\n1.6. Модель реализуется во "
                 "взаимодействии с ГАУ ДПО «Институт развития образования» (далее – Институт)."
                 "\n4.1. Основные направления сопровождения:\nНаправление — Исполнитель — Срок\n"
                 "Диагностика профессиональных дефицитов педагогов — ЦРО, Институт — "
                 "сентябрь–октябрь\nПроведение выездных методических дней — ЦРО — "
                 "ежеквартально", level="municipal")
    centre, institute = _body(doc, "ЦРО"), _body(doc, "Институт")
    assert {d for d in _duties(doc) if d[0] == "4.1"} == {
        ("4.1", centre, "Диагностика профессиональных дефицитов педагогов"),
        ("4.1", institute, "Диагностика профессиональных дефицитов педагогов"),
        ("4.1", centre, "Проведение выездных методических дней")}


def test_a_department_named_by_the_class_of_schools_it_serves() -> None:
    doc = _parse("1.1. Центр непрерывного повышения профессионального мастерства педагогических "
                 "работников (далее – Центр) является структурным подразделением института.\n"
                 "2.2. Задачи Центра:\n1) методическое сопровождение образовательных "
                 "организаций с низкими образовательными результатами (далее – ОО с НОР).\n"
                 "3.1. В структуру Центра входят:\nа) отдел диагностики профессиональных "
                 "компетенций;\nб) отдел методического сопровождения ОО с НОР.\n"
                 "4.3. Отдел методического сопровождения ОО с НОР:\n– проводит анализ "
                 "результатов оценочных процедур.", level="regional")
    department = _body(doc, "отдел методического сопровождения ОО с НОР")
    assert ("4.3", department, "проводит анализ результатов оценочных процедур") in \
        _duties(doc)
    assert _orgs(doc)[department]["kind"] != "school_methodological_service"


def test_a_circumstance_then_the_body_that_does_the_items() -> None:
    doc = _parse("1.2. Сопровождение осуществляет муниципальное казённое учреждение "
                 "«Информационно-методический центр» (далее – ИМЦ).\n3.2. В рамках диагностики "
                 "ИМЦ:\nа) формирует списки педагогов для прохождения диагностики;\n"
                 "б) анализирует результаты диагностики.", level="municipal")
    centre = _body(doc, "ИМЦ")
    assert {d for d in _duties(doc) if d[0] == "3.2"} == {
        ("3.2", centre, "формирует списки педагогов для прохождения диагностики"),
        ("3.2", centre, "анализирует результаты диагностики")}


def test_a_schools_team_named_by_its_work_and_its_tasks_past_the_schools_it_leaves() -> None:
    doc = _parse("1.1. Положение определяет порядок деятельности школьной команды по повышению "
                 "качества образования (далее – Команда) в МКОУ «СОШ № 4» (далее – Школа).\n"
                 "1.2. Команда создаётся в связи с включением Школы в перечень школ с низкими "
                 "образовательными результатами (далее – ШНОР).\n2.2. Основными задачами "
                 "Команды по выходу Школы из числа ШНОР являются:\n• разработка программы "
                 "антирисковых мер.\n4.2. Заместитель директора по учебно-воспитательной "
                 "работе:\n– готовит аналитические справки.", level="institutional")
    team = _body(doc, "Команда")
    assert _duties(doc) == [("2.2", team, "разработка программы антирисковых мер")]


def test_an_item_labelled_then_a_sentence_whose_body_opens_it() -> None:
    doc = _parse("1.5. Участниками Проекта являются общеобразовательные организации, включённые "
                 "в перечень школ с низкими результатами обучения (далее – ШНОР).\n3.1. Проект "
                 "реализуется в три этапа:\n1) диагностический этап (январь – март): ШНОР "
                 "проводят самодиагностику;\n2) этап разработки документов (апрель – май): ШНОР "
                 "разрабатывают концептуальный документ.", level="municipal")
    schools = _body(doc, "ШНОР")
    assert _duties(doc) == [("3.1", schools, "проводят самодиагностику"),
                            ("3.1", schools, "разрабатывают концептуальный документ")]
    assert _low_texts(doc) == {"проводят самодиагностику", "разрабатывают концептуальный документ"}


def test_a_matrix_numbered_as_items_under_its_columns_head() -> None:
    doc = _parse("1.4. Сопровождение осуществляет муниципальное казённое учреждение «Районный "
                 "методический кабинет» (далее – РМК).\n4.1. Мероприятие – Ответственный – Срок:"
                 "\n1) Диагностика профессиональных дефицитов педагогов – РМК – октябрь 2026 г.;\n"
                 "2) Мониторинг результатов оценочных процедур – РМК – по итогам полугодия.",
                 level="municipal")
    cabinet = _body(doc, "РМК")
    assert {d for d in _duties(doc) if d[0] == "4.1"} == {
        ("4.1", cabinet, "Диагностика профессиональных дефицитов педагогов"),
        ("4.1", cabinet, "Мониторинг результатов оценочных процедур")}


def test_a_passive_with_where_then_its_doer() -> None:
    doc = _parse("1.2. Функции учредителя осуществляет Управление образования администрации "
                 "города (далее – Управление образования).\n5.5. Результаты сопровождения "
                 "рассматриваются на совещании руководителей ОО Управлением образования.",
                 level="municipal")
    authority = _body(doc, "Управление образования")
    assert ("5.5", authority, "Результаты сопровождения рассматриваются") in _duties(doc)
    doc = _parse("1.3. Деятельность муниципальной методической службы (далее – ММС) "
                 "осуществляется во взаимодействии с Центром непрерывного повышения "
                 "профессионального мастерства педагогических работников (далее – ЦНППМ).\n"
                 "3.5. Мониторинг работы в районе осуществляется Отделом образования.",
                 level="municipal")
    assert not [d for d in _duties(doc) if d[1] == _body(doc, "ЦНППМ")]  # working with it


def test_a_plans_table_row_naming_whom_it_serves_and_its_clause_saying_for_whom() -> None:
    doc = _parse("1.1. Положение определяет меры в общеобразовательных организациях, имеющих "
                 "низкие образовательные результаты (далее – школы с НОР).\n1.2. Участником "
                 "является муниципальное казённое учреждение «Районный методический центр» "
                 "(далее – РМЦ).\n3.1. Меры по повышению качества образования в школах с НОР "
                 "реализуются исполнителями, указанными в таблице:\nМера | Исполнитель\n"
                 "Проведение диагностики профессиональных дефицитов педагогов школ с НОР | РМЦ\n"
                 "Мониторинг реализации дорожной карты | РМЦ", level="municipal")
    centre = _body(doc, "РМЦ")
    assert {d for d in _duties(doc) if d[0] == "3.1"} == {
        ("3.1", centre, "Проведение диагностики профессиональных дефицитов педагогов школ с НОР"),
        ("3.1", centre, "Мониторинг реализации дорожной карты")}
    assert "Мониторинг реализации дорожной карты" in _low_texts(doc)


def test_parties_together_then_each_its_own_short_name() -> None:
    doc = _parse("1.2. Центр создан по Соглашению, заключённому между Отделом образования "
                 "администрации Омутинского муниципального района, Отделом образования "
                 "администрации Армизонского муниципального района и Управлением образования "
                 "администрации Юргинского муниципального района (далее вместе – Стороны, по "
                 "отдельности – Отдел образования Омутинского района, Отдел образования "
                 "Армизонского района, Управление образования Юргинского района).\n"
                 "4.1. Стороны:\nа) назначают координаторов Центра.", level="municipal")
    first, second = _body(doc, "Отдел образования Омутинского района"), _body(
        doc, "Отдел образования Армизонского района")
    third = _body(doc, "Управление образования Юргинского района")
    assert len({first, second, third}) == 3  # not merged
    assert {(c, b) for c, b, t in _duties(doc) if c == "4.1"} == {
        ("4.1", first), ("4.1", second), ("4.1", third)}


def test_temporary_creative_collectives_are_a_body_a_schools_staff_is_not() -> None:
    doc = _parse("1.2. Научно-методическая служба Гимназии (далее – НМС) объединяет временные "
                 "творческие коллективы.\n3.3. Временные творческие коллективы (далее – ВТК) "
                 "создаются приказом директора.\n4.3. ВТК:\n– апробируют разработанные "
                 "материалы.\n4.4. Педагогический коллектив Гимназии участвует в работе НМС.",
                 level="institutional")
    collectives = _body(doc, "ВТК")
    assert ("4.3", collectives, "апробируют разработанные материалы") in _duties(doc)
    assert not any("педагогический коллектив" in str(p.get("name", "")).lower()
                   for p in _orgs(doc).values())


def test_a_head_opening_with_its_body_and_a_verb_then_the_items_it_does() -> None:
    doc = _parse("1.1. Проект направлен на общеобразовательные организации, показывающие низкие "
                 "образовательные результаты (далее – школы – участники проекта), и "
                 "общеобразовательные организации с высокими результатами (далее – "
                 "школы-партнёры).\n3.4. Школы-партнёры взаимодействуют со школами – участниками "
                 "проекта по договорам о сетевом сотрудничестве:\n– проводят для их педагогов "
                 "открытые уроки;\n– направляют педагогов-наставников.", level="municipal")
    partners = _body(doc, "школы-партнёры")
    assert set(_duties(doc)) == {
        ("3.4", partners, "взаимодействуют со школами – участниками проекта по договорам о "
                          "сетевом сотрудничестве"),
        ("3.4", partners, "проводят для их педагогов открытые уроки"),
        ("3.4", partners, "направляют педагогов-наставников")}


def test_a_text_without_numbers_has_no_clause_for_its_headings() -> None:
    text = ("Положение о городском методическом объединении учителей музыки\nОбщие положения\n"
            "Городское методическое объединение учителей музыки (ГМО) создаётся при ИМЦ.\n"
            "Функции ГМО\nГМО:\n• проводит открытые уроки;\n• изучает опыт коллег.\n"
            "Заключительные положения\nИзменения в Положение вносятся приказом ИМЦ.\n")
    parsed = split_clauses(text)
    assert [c.paragraphs[0].text for c in parsed.clauses] == [
        "Городское методическое объединение учителей музыки (ГМО) создаётся при ИМЦ.",
        "ГМО:", "Изменения в Положение вносятся приказом ИМЦ."]
    assert [c.number for c in parsed.clauses] == ["1", "2", "3"]


def test_a_legal_form_written_with_its_kind_and_region_letters_is_no_part_of_the_unit() -> None:
    doc = _parse("1.5. Центр работает во взаимодействии с центром непрерывного повышения "
                 "профессионального мастерства педагогических работников ГАУДПО ИО «Университет "
                 "непрерывного образования и инноваций» (далее – ЦНППМ, УНОИ).\n"
                 "3.5. ЦНППМ проводит диагностику.\n3.6. УНОИ проводит курсы.", level="municipal")
    centre, university = _body(doc, "ЦНППМ"), _body(doc, "УНОИ")
    assert centre != university  # two bodies, not merged
    assert {("3.5", centre, "проводит диагностику"), ("3.6", university, "проводит курсы")} <= \
        set(_duties(doc))


def test_an_institute_named_after_a_person_keeps_the_name() -> None:
    doc = _parse("1.3. Служба работает во взаимодействии с Владимирским институтом развития "
                 "образования имени Л.И. Новиковой (далее – ВИРО).\n2.1. ВИРО проводит курсы.",
                 level="municipal")
    institute = _body(doc, "ВИРО")
    assert _orgs(doc)[institute]["name"].endswith("имени Л.И. Новиковой")


def test_two_classes_of_schools_named_together_by_one_short_name() -> None:
    doc = _parse("1.1. Межшкольная команда сопровождения школ (далее – Команда) оказывает "
                 "помощь школам с низкими результатами обучения и школам, функционирующим в "
                 "неблагоприятных социальных условиях (далее вместе – школы сопровождения).\n"
                 "4.4. Команда проводит стажировки для педагогов школ сопровождения.",
                 level="municipal")
    assert "проводит стажировки для педагогов школ сопровождения" in _low_texts(doc)
    assert not any("вместе" in str(p.get("name", "")) for p in _orgs(doc).values())


def test_together_with_a_body_then_the_body_whose_items_follow() -> None:
    doc = _parse("1.1. Муниципальный методический кабинет (далее – методический кабинет) "
                 "создаётся при отделе образования администрации округа (далее – отдел "
                 "образования).\n3.2. Совместно с отделом образования методический кабинет:\n"
                 "а) формирует перечень школ с низкими результатами обучения.", level="municipal")
    cabinet, department = _body(doc, "методический кабинет"), _body(doc, "отдел образования")
    assert {d for d in _duties(doc) if d[0] == "3.2"} == {
        ("3.2", cabinet, "формирует перечень школ с низкими результатами обучения"),
        ("3.2", department, "формирует перечень школ с низкими результатами обучения")}


def test_a_web_page_block_holds_a_paragraph_a_line() -> None:
    text = ("ПОЛОЖЕНИЕ О ГМО УЧИТЕЛЕЙ ИСТОРИИ\n\nЦЕЛИ И ЗАДАЧИ\n\nЦель ГМО – рост мастерства "
            "учителей.\nЗадачи ГМО:\n– изучение документов;\n– обмен опытом.\nКабинет ведёт "
            "сайт ГМО.\n\nЧЕМ ЗАНИМАЕТСЯ ЦЕНТР\n\nЦентр выполняет следующие работы.\nПроводит "
            "семинары.\nСобирает практики.\n\nКОНТАКТЫ\n\nВопросы можно задать методисту.\n"
            "#ГМО #история\n")
    parsed = split_clauses(text)
    assert [[p.text for p in c.paragraphs] for c in parsed.clauses] == [
        ["Цель ГМО – рост мастерства учителей."],
        ["Задачи ГМО:", "изучение документов;", "обмен опытом."],
        ["Кабинет ведёт сайт ГМО."],
        ["Центр выполняет следующие работы:", "Проводит семинары.", "Собирает практики."],
        ["Вопросы можно задать методисту.", "#ГМО #история"]]


def test_together_with_a_partner_then_the_doer_by_its_acronym() -> None:
    doc = _parse("1.1. Городское методическое объединение учителей истории (далее – ГМО) "
                 "создаётся при методическом кабинете отдела образования (далее – методический "
                 "кабинет).\n4.8. Совместно с методическим кабинетом ГМО проводит конкурс "
                 "«Урок истории».", level="municipal")
    association, cabinet = _body(doc, "ГМО"), _body(doc, "методический кабинет")
    assert {d for d in _duties(doc) if d[0] == "4.8"} == {
        ("4.8", association, "проводит конкурс «Урок истории»"),
        ("4.8", cabinet, "проводит конкурс «Урок истории»")}


def test_a_plans_table_says_in_its_heading_which_column_holds_the_doers() -> None:
    doc = _parse("1.1. Методическое сопровождение осуществляет Центр развития образования "
                 "района (далее – ЦРО) совместно с районными методическими объединениями (далее "
                 "– РМО).\n4. План мероприятий\n"
                 "№ п/п | Содержание | Сроки | Исполнители | Результат\n"
                 "4.1. | Анализ результатов ВПР в ШНОР | март | ЦРО, РМО | справка\n"
                 "4.2. | Выпуск сборника задач | май | РМО | программы ЦРО\n", level="municipal")
    centre, associations = _body(doc, "ЦРО"), _body(doc, "РМО")
    assert sorted(d for d in _duties(doc) if d[0].startswith("4.")) == sorted([
        ("4.1", centre, "Анализ результатов ВПР в ШНОР"),
        ("4.1", associations, "Анализ результатов ВПР в ШНОР"),
        ("4.2", associations, "Выпуск сборника задач")])


def test_a_plans_tasks_are_no_bodys_and_the_schools_it_is_done_in_are_not_its_subject() -> None:
    text = ("1.1. Реализацию плана координирует Управление образования администрации района "
            "(далее – Управление).\n2.2. Задачи плана мероприятий:\n– устранение "
            "профессиональных дефицитов педагогов;\n– повышение объективности оценивания.\n")
    doc = parse_regulation(text, RegulationMeta.model_validate({
        "id": "reg-t", "title": "Положение о плане мероприятий по повышению качества "
        "образования в общеобразовательных организациях района", "territory_id": "RU-TST",
        "level": "municipal"}), EMPTY)
    assert [d for d in _duties(doc) if d[0] == "2.2"] == []


def test_a_centre_for_work_with_schools_keeps_whom_it_works_with_in_its_name() -> None:
    doc = _parse("1.1. Положение определяет порядок деятельности регионального координационного "
                 "центра по работе со школами с низкими результатами обучения (далее – РКЦ).\n"
                 "3.1. РКЦ проводит мониторинг.", level="regional")
    centre = _body(doc, "РКЦ")
    assert _orgs(doc)[centre]["kind"] != "school"
    assert "центр по работе со школами" in str(_orgs(doc)[centre]["name"]).lower()


def test_an_institution_named_a_directorate_for_supporting_schools_is_a_service() -> None:
    doc = _parse("1.1. Методический отдел является структурным подразделением муниципального "
                 "казённого учреждения «Управление обеспечения деятельности образовательных "
                 "организаций округа» (далее – МКУ «УОДОО»).\n2.1. МКУ «УОДОО» проводит "
                 "семинары.", level="municipal")
    assert _orgs(doc)[_body(doc, "МКУ «УОДОО»")]["kind"] == "methodological_service"


def test_a_project_team_is_a_council() -> None:
    doc = _parse("1.1. Для реализации проекта создаётся проектная команда (далее – Команда).\n"
                 "3.1. Команда утверждает план.", level="municipal")
    assert _orgs(doc)[_body(doc, "Команда")]["kind"] == "council"


def test_a_one_word_short_name_written_in_lower_case_as_the_doer() -> None:
    doc = _parse("1.1. Творческая группа учителей начальных классов «Читаем» (далее – творческая "
                 "группа, Группа) – добровольное объединение учителей.\n3.2. В ходе работы над "
                 "проектом группа:\nа) проводит входную диагностику;\nб) разрабатывает "
                 "сценарии уроков.", level="institutional")
    group = _body(doc, "Группа")
    assert [d for d in _duties(doc) if d[0] == "3.2"] == sorted([
        ("3.2", group, "проводит входную диагностику"),
        ("3.2", group, "разрабатывает сценарии уроков")])


def test_a_list_head_names_whom_its_doer_serves_and_what_they_are_called() -> None:
    doc = _parse("1.2. В группу входят школа № 2 (далее – Школа-наставник) и школа № 21 (далее "
                 "– Школа-спутник).\n3.1. Школа-наставник в целях поддержки Школы-спутника как "
                 "школы с низкими образовательными результатами обязуется:\nа) провести анализ "
                 "результатов оценочных процедур.", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "3.1"] == [
        ("3.1", _body(doc, "Школа-наставник"), "провести анализ результатов оценочных процедур")]


def test_what_is_done_first_by_a_word_whose_rare_reading_is_a_person() -> None:
    doc = _parse("1.1. Районные методические объединения (далее – РМО) работают при ИМЦ.\n"
                 "3.1. Практики для включения в Реестр представляют образовательные организации "
                 "района, РМО, педагоги в индивидуальном порядке.", level="municipal")
    assert ("3.1", _body(doc, "РМО"), "Практики для включения в Реестр представляют") in \
        set(_duties(doc))


def test_an_action_and_what_it_includes_are_one_duty() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ) сопровождает наставников."
                 "\n3.2. Функции ИМЦ:\n1) методическое сопровождение наставников, в том числе "
                 "обучение наставников по программе «Педагог-наставник».", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "3.2"] == [
        ("3.2", _body(doc, "ИМЦ"), "методическое сопровождение наставников, в том числе "
                                   "обучение наставников по программе «Педагог-наставник»")]


def test_ending_a_body_by_an_act_is_no_duty() -> None:
    doc = _parse("1.1. Ресурсный центр (далее – РЦ) создаётся приказом Управления образования "
                 "(далее – Управление).\n6.1. Деятельность РЦ прекращается приказом "
                 "Управления.\n6.2. Изменения в Положение вносятся приказом Управления.",
                 level="municipal")
    assert [d[2] for d in _duties(doc)] == ["Изменения в Положение вносятся"]


def test_a_second_short_name_of_schools_with_low_results_marks_the_duties_naming_it() -> None:
    doc = _parse("1.1. Положение определяет функции участников сопровождения общеобразовательных "
                 "организаций области, показывающих низкие результаты обучения (далее – школы с "
                 "низкими результатами обучения, Школы).\n1.2. Участниками являются министерство "
                 "образования области (далее – Министерство) и Школы.\n2.1. Министерство:\n"
                 "а) утверждает ежегодно перечень Школ;\nб) проводит совещания.",
                 level="regional")
    assert "утверждает ежегодно перечень Школ" in _low_texts(doc)
    assert "проводит совещания" not in _low_texts(doc)


def test_a_programme_for_schools_with_low_results_marks_the_duties_naming_it() -> None:
    text = ("1.1. Муниципальная программа «Школа роста» (далее – Программа) реализуется в "
            "общеобразовательных организациях с низкими результатами.\n1.3. Оператором "
            "Программы является информационный центр (далее – Центр).\n3.2. Центр:\n"
            "а) организует реализацию мероприятий Программы;\nб) ведёт свой сайт.\n")
    doc = parse_regulation(text, RegulationMeta.model_validate({
        "id": "reg-t", "title": "Положение о муниципальной программе «Школа роста» по поддержке "
        "общеобразовательных организаций, показывающих низкие результаты обучения",
        "territory_id": "RU-TST", "level": "municipal"}), EMPTY)
    assert "организует реализацию мероприятий Программы" in _low_texts(doc)
    assert "ведёт свой сайт" not in _low_texts(doc)


def test_a_reason_then_the_doer_whose_items_follow() -> None:
    doc = _parse("1.2. Школьное методическое объединение (далее – ШМО) объединяет учителей "
                 "Школы.\n3.3. Школа включена в перечень школ с низкими образовательными "
                 "результатами, в связи с чем ШМО дополнительно:\nа) проводит анализ причин "
                 "низких результатов по предметам.", level="institutional")
    assert [d for d in _duties(doc) if d[0] == "3.3"] == [
        ("3.3", _body(doc, "ШМО"), "проводит анализ причин низких результатов по предметам")]


def test_an_acronym_may_leave_out_the_adjective_of_a_bodys_scope() -> None:
    doc = _parse("1.1. Межмуниципальный ресурсный центр по сопровождению школ с низкими "
                 "образовательными результатами (далее – РЦ) создаётся на базе школы № 1.\n"
                 "3.1. РЦ:\n– проводит стажировки учителей.", level="municipal")
    centre = _body(doc, "РЦ")
    assert _orgs(doc)[centre]["kind"] != "school"
    assert ("3.1", centre, "проводит стажировки учителей") in set(_duties(doc))


def test_a_department_named_with_its_school_is_a_department_and_another_than_the_texts() -> None:
    doc = _parse("1.1. Кафедра учителей начальной школы (далее – Кафедра) является структурным "
                 "подразделением Гимназии.\n1.3. Кафедра работает во взаимодействии с кафедрой "
                 "русского языка и литературы Гимназии.\n3.2. Совместно с кафедрой русского "
                 "языка и литературы Кафедра проводит диагностические работы.",
                 level="institutional")
    chair = _body(doc, "Кафедра")
    other = _body(doc, "кафедра русского языка и литературы Гимназии")
    assert chair != other and _orgs(doc)[other]["kind"] == "community"
    assert {("3.2", chair, "проводит диагностические работы"),
            ("3.2", other, "проводит диагностические работы")} <= set(_duties(doc))


def test_a_department_of_an_institute_is_the_institutes_unit() -> None:
    doc = _parse("1.3. Центр работает с кафедрой иностранных языков Оренбургского института "
                 "повышения квалификации.", level="regional")
    chair = _body(doc, "кафедра иностранных языков Оренбургского института повышения "
                       "квалификации")
    assert _orgs(doc)[chair]["kind"] == "development_institute"


def test_a_table_of_directions_under_a_head_naming_its_body() -> None:
    doc = _parse("1.1. Методический совет (далее – Совет) является органом Школы.\n"
                 "3.1. Работа Совета строится по направлениям, приведённым в таблице.\n"
                 "Направление | Содержание работы\n"
                 "Организационное | планирует методическую работу; координирует деятельность "
                 "ШМО\nИнформационное | размещает материалы на сайте Школы\n"
                 "4.2. Роли председателя Совета:\nНаправление | Содержание работы\n"
                 "Председатель Совета | ведёт заседания Совета", level="institutional")
    council = _body(doc, "Совет")
    assert sorted(d for d in _duties(doc) if d[0] in ("3.1", "4.2")) == sorted([
        ("3.1", council, "планирует методическую работу"),
        ("3.1", council, "координирует деятельность ШМО"),
        ("3.1", council, "размещает материалы на сайте Школы")])


def test_the_agent_first_then_its_passive() -> None:
    doc = _parse("1.1. Информационно-методический центр (далее – ИМЦ, Центр) оказывает помощь "
                 "школам.\n3.4. Центром обеспечивается ведение официального сайта ИМЦ.\n"
                 "3.5. Региональный методический актив формируется на базе ИМЦ.",
                 level="municipal")
    assert [d for d in _duties(doc) if d[0] in ("3.4", "3.5")] == [
        ("3.4", _body(doc, "ИМЦ"), "обеспечивается ведение официального сайта ИМЦ")]


def test_the_institution_of_mentoring_is_no_body() -> None:
    doc = _parse("1.1. Региональный институт развития образования (далее – Институт) "
                 "сопровождает педагогов.\n2.2. Задачи модели:\nг) развитие института "
                 "наставничества и поддержка молодых педагогов.", level="regional")
    assert [p["name"] for p in _orgs(doc).values()] == [
        "Региональный институт развития образования"]


def test_a_participants_paragraph_opening_with_its_name_in_capitals() -> None:
    doc = _parse("III. Участники системы и их полномочия\n"
                 "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ администрации округа (далее – Управление образования) "
                 "определяет приоритеты развития системы, утверждает план методической работы.\n"
                 "ОБРАЗОВАТЕЛЬНЫЕ ОРГАНИЗАЦИИ Ипатовского округа организуют наставничество.",
                 level="municipal")
    authority = _body(doc, "Управление образования")
    schools = _body(doc, "образовательные организации Ипатовского округа")
    assert {("3", authority, "определяет приоритеты развития системы"),
            ("3", authority, "утверждает план методической работы"),
            ("3", schools, "организуют наставничество")} <= set(_duties(doc))


def test_a_passive_whose_verb_is_likeliest_intransitive() -> None:
    doc = _parse("1.1. Методический кабинет (далее – Кабинет) работает в округе.\n"
                 "5.2. Значения показателей рассчитываются Методическим кабинетом ежегодно.",
                 level="municipal")
    assert ("5.2", _body(doc, "Кабинет"), "Значения показателей рассчитываются") in \
        set(_duties(doc))


def test_sub_clauses_under_a_clause_naming_whose_functions_they_are() -> None:
    doc = _parse("1.1. Методический кабинет (далее – Кабинет) и районный методический совет "
                 "(далее – РМС) образуют муниципальный уровень.\n4. Функции уровней\n"
                 "4.2. Функции методического кабинета.\n4.2.1. Организует выявление "
                 "профессиональных дефицитов педагогов.\n4.2.2. Ведёт муниципальный реестр "
                 "наставников.\n4.3. Функции РМС.\n4.3.1. Проводит экспертизу практик.",
                 level="municipal")
    cabinet, council = _body(doc, "Кабинет"), _body(doc, "РМС")
    assert sorted(d for d in _duties(doc) if d[0].startswith("4.")) == sorted([
        ("4.2.1", cabinet, "Организует выявление профессиональных дефицитов педагогов"),
        ("4.2.2", cabinet, "Ведёт муниципальный реестр наставников"),
        ("4.3.1", council, "Проводит экспертизу практик")])


def test_parties_never_defined_are_the_participants_the_text_lists() -> None:
    doc = _parse("1.1. Положение определяет порядок взаимодействия школ-наставников и школ с "
                 "низкими образовательными результатами (далее – школы с НОР).\n1.5. "
                 "Участниками Сети являются школы-наставники и школы с НОР, между которыми "
                 "заключаются соглашения.\n3.1. Стороны обязуются:\n– обмениваться информацией "
                 "о результатах оценочных процедур.", level="municipal")
    text = "обмениваться информацией о результатах оценочных процедур"
    assert {d for d in _duties(doc) if d[0] == "3.1"} == {
        ("3.1", _body(doc, "школы-наставники"), text), ("3.1", _body(doc, "школы с НОР"), text)}


def test_a_passive_by_a_bodys_decision() -> None:
    doc = _parse("1.1. Педагогический совет Школы (далее – Педагогический совет) утверждает "
                 "положение.\n6.2. Изменения в настоящее Положение вносятся по решению "
                 "Педагогического совета.", level="institutional")
    assert ("6.2", _body(doc, "Педагогический совет"), "Изменения в настоящее Положение "
            "вносятся") in set(_duties(doc))


def test_a_web_pages_attachments_are_no_clauses() -> None:
    text = ("Положение о ГМО учителей математики\nОбщие положения\nГМО создаётся при ИМЦ.\n"
            "Заключительные положения\nИзменения в Положение вносятся приказом ИМЦ.\n\n"
            "Документы для скачивания:\nПоложение о ГМО (pdf, 312 КБ)\n")
    assert [c.paragraphs[0].text for c in split_clauses(text).clauses] == [
        "ГМО создаётся при ИМЦ.", "Изменения в Положение вносятся приказом ИМЦ."]


def test_a_list_head_the_agent_then_its_passive() -> None:
    doc = _parse("1.1. Муниципальное автономное учреждение «Центр оценки качества» (далее – "
                 "Центр) имеет отделы.\n4.1. Отделом оценки качества образования обеспечивается:"
                 "\n– проведение муниципальных диагностических работ;\n– анализ результатов ВПР.",
                 level="municipal")
    unit = _body(doc, "Отдел оценки качества образования")
    assert sorted(d for d in _duties(doc) if d[0] == "4.1") == sorted([
        ("4.1", unit, "проведение муниципальных диагностических работ"),
        ("4.1", unit, "анализ результатов ВПР")])


def test_a_network_partnership_with_its_own_name_is_a_body() -> None:
    doc = _parse("1.1. Сетевое партнёрство общеобразовательных организаций «Вектор» (далее – "
                 "Партнёрство) – добровольное объединение школ.\n2.2. Партнёрство проводит "
                 "семинары.\n2.3. Школы развивают социальное партнёрство.", level="municipal")
    partnership = _body(doc, "Партнёрство")
    assert _orgs(doc)[partnership]["kind"] == "community"
    assert ("2.2", partnership, "проводит семинары") in set(_duties(doc))
    assert not any("социальное" in str(p["name"]).lower() for p in _orgs(doc).values())


def test_a_short_name_then_what_the_schools_are() -> None:
    doc = _parse("1.2. Участниками являются:\n– гимназия № 1 (далее – школа-лидер);\n– школа "
                 "№ 3 и школа № 5 (далее вместе – школы-партнёры), вошедшие в перечень школ с "
                 "низкими образовательными результатами.\n3.2. Школы-партнёры обязуются:\n1) "
                 "обеспечить участие педагогов в мероприятиях.\n3.3. Школа-лидер проводит "
                 "открытые уроки.", level="municipal")
    assert "обеспечить участие педагогов в мероприятиях" in _low_texts(doc)
    assert "проводит открытые уроки" not in _low_texts(doc)


def test_a_clause_number_the_line_broke_off_from_its_text() -> None:
    text = ("3.3. ИМЦ организует курсы совместно с кафедрой ВИРО. 3.4.\nБазовая школа "
            "предоставляет помещения.\n3.5. Школа искусств проводит мастер-классы.\n")
    assert [c.number for c in split_clauses(text).clauses] == ["3.3", "3.4", "3.5"]


def test_a_network_of_schools_works_above_each_of_them() -> None:
    doc = _parse("1.1. Сетевое партнёрство общеобразовательных организаций «Вектор» (далее – "
                 "Партнёрство) – добровольное объединение школ округа.\n2.2. Партнёрство "
                 "проводит семинары.", level="municipal")
    assert _orgs(doc)[_body(doc, "Партнёрство")]["level"] == "municipal"


def test_the_centre_for_professional_mastery_named_with_whose_it_is() -> None:
    doc = _parse("1.1. Районный методический кабинет (далее – РМК) работает в округе.\n"
                 "3.2. РМК организует диагностику во взаимодействии с ЦНППМ Тверской области.\n"
                 "3.3. РМК совместно с ЦНППМ ИРО проводит курсы.", level="municipal")
    names = {str(p["name"]): p["kind"] for p in _orgs(doc).values()}
    assert names["ЦНППМ Тверской области"] == "pd_center"
    assert names["ЦНППМ ИРО"] == "pd_center" and "ИРО" in names


def test_a_unions_committee_is_a_council() -> None:
    doc = _parse("1.1. Совет молодых педагогов (далее – Совет) создаётся при комитете районной "
                 "организации Профсоюза (далее – Комитет Профсоюза).\n3.1. Комитет Профсоюза "
                 "утверждает план Совета.", level="municipal")
    assert _orgs(doc)[_body(doc, "Комитет Профсоюза")]["kind"] == "council"


def test_a_short_names_first_word_alone() -> None:
    doc = _parse("1.1. Районное методическое объединение учителей ОБЗР и физической культуры "
                 "(далее – РМО учителей ОБЗР и ФК) является объединением.\n3.1. РМО:\n"
                 "– проводит анализ результатов мониторинга.", level="municipal")
    assert [d for d in _duties(doc) if d[0] == "3.1"] == [
        ("3.1", _body(doc, "РМО учителей ОБЗР и ФК"), "проводит анализ результатов мониторинга")]
