"""The regulations loader on the five real texts, without a store: clauses, terms, citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import InvalidBatch
from graph.loaders.regulations import (
    Gazetteer,
    ParsedRegulation,
    RegulationMeta,
    parse_regulation,
    read_regulations,
)
from graph.loaders.regulations.meta import read_meta

FOLDER = Path(__file__).resolve().parent.parent / "data" / "regulations"
SHARED = FOLDER.parent.parent.parent / "shared" / "regulations"

# Counted by hand from the texts (and checked with grep for lines starting "N." / "N.N"):
CLAUSES = {
    "2019-lo-regional-methodological-service": 24,
    "2023-vsevolozhsk-mms": 55,
    "lo-mobile-service": 37,
    "zeya-gms": 24,
    "2023-lo-rsnms": 50,
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_file(FOLDER / "bodies.json")


@pytest.fixture(scope="module")
def docs(gazetteer: Gazetteer) -> dict[str, ParsedRegulation]:
    out = {}
    for stem in CLAUSES:
        meta = read_meta(FOLDER / f"{stem}.meta.json")
        out[stem] = parse_regulation((FOLDER / f"{stem}.txt").read_text(encoding="utf-8"), meta,
                                     gazetteer)
    return out


def _duties_by_clause(doc: ParsedRegulation) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for e in doc.batch.edges.values():
        if e.type == "HAS_DUTY":
            number = e.props["clause_id"].rsplit(":", 1)[1]
            counts[(number, e.source)] = counts.get((number, e.source), 0) + 1
    return counts


def test_texts_are_byte_for_byte_copies() -> None:
    if not SHARED.exists():
        pytest.skip("the shared originals are not next to the repository")
    originals = {p.read_bytes() for p in SHARED.glob("*.txt")}
    assert {(FOLDER / f"{stem}.txt").read_bytes() for stem in CLAUSES} == originals


@pytest.mark.parametrize(("stem", "count"), CLAUSES.items())
def test_every_numbered_clause_is_a_node(docs: dict[str, ParsedRegulation], stem: str,
                                         count: int) -> None:
    doc = docs[stem]
    clauses = [n for n in doc.batch.nodes.values() if n.label == "Clause"]
    assert len(clauses) == count
    has_clause = [e for e in doc.batch.edges.values() if e.type == "HAS_CLAUSE"]
    assert len(has_clause) == count
    top = [c for c in clauses if "." not in c.props["number"]]
    subclause_of = [e for e in doc.batch.edges.values() if e.type == "SUBCLAUSE_OF"]
    assert len(subclause_of) == count - len(top)


def test_clause_ids_and_parents(docs: dict[str, ParsedRegulation]) -> None:
    doc = docs["2023-lo-rsnms"]
    node = doc.batch.nodes["reg-2023-lo-rsnms:3.2.4"]
    assert node.props["text"].startswith("ЦНПММ Ленинградской области")
    assert "reg-2023-lo-rsnms:3.2.4|SUBCLAUSE_OF>reg-2023-lo-rsnms:3.2" in doc.batch.edges
    assert doc.batch.nodes["reg-2023-lo-rsnms:6"].props["title"] == \
        "Показатели эффективности функционирования РСНМС"


def test_the_bodies_of_004_section_3_and_their_duties(docs: dict[str, ParsedRegulation]) -> None:
    # Read from the text: each subject of §3.2–3.4 with the number of items in its Функции.
    assert _duties_by_clause(docs["2023-lo-rsnms"]) == {
        ("3.2.1", "LEN-koipo"): 6,
        ("3.2.2", "LEN-rms-council"): 4,
        ("3.2.3", "LEN-loiro"): 8,
        ("3.2.4", "LEN-cnppm"): 13,
        ("3.2.5", "LEN-rmc"): 8,
        ("3.2.6", "LEN-rnmc-spo"): 8,
        ("3.2.7", "LEN-pool"): 8,
        ("3.2.8", "LEN-umo"): 3,
        ("3.2.9", "LEN-generic-regional-community-professional_association"): 7,
        ("3.3.1", "LEN-generic-municipal-education_authority"): 3,
        ("3.3.2", "LEN-generic-municipal-methodological_service"): 7,
        ("3.3.3", "LEN-generic-municipal-council"): 5,
        ("3.3.4", "LEN-generic-municipal-methodist_pool"): 7,
        ("3.4.1", "LEN-generic-institutional-school"): 3,
        ("3.4.2", "LEN-generic-institutional-school_methodological_service"): 10,
        ("3.4.3", "LEN-generic-institutional-community-methodological_association"): 4,
    }


def test_generic_subjects_are_marked_and_scoped(docs: dict[str, ParsedRegulation]) -> None:
    node = docs["2023-lo-rsnms"].batch.nodes["LEN-generic-municipal-council"]
    assert node.props["generic_name"] is True
    assert node.props["kind"] == "council"
    assert node.props["level"] == "municipal"
    assert node.props["territory_id"] == "RU-LEN"
    # The district's own council is a concrete body, never merged with the generic one.
    assert ("2.3", "LEN-vsevolozhsky-council") in _duties_by_clause(docs["2023-vsevolozhsk-mms"])


def test_the_typo_cnpmm_resolves_to_cnppm_and_says_how(
        docs: dict[str, ParsedRegulation]) -> None:
    doc = docs["2023-lo-rsnms"]
    res = doc.resolutions["ЦНПММ Ленинградской области"]
    assert res.org_id == "LEN-cnppm"
    assert "fuzzy" in res.rule and "ЦНПММ" in res.rule and "ЦНППМ" in res.rule
    # 3.2.5 "структурное подразделение ЦНПММ ГАОУ ДПО «ЛОИРО»" also reads the typo right.
    assert doc.batch.edges["LEN-rmc|PART_OF>LEN-cnppm"].props["clause_id"] == \
        "reg-2023-lo-rsnms:3.2.5"


def test_abbreviations_are_scoped_to_their_document(docs: dict[str, ParsedRegulation]) -> None:
    regional = {a.abbr: a for a in docs["2023-lo-rsnms"].abbreviations}
    district = {a.abbr: a for a in docs["2023-vsevolozhsk-mms"].abbreviations}
    assert "Комитет" in regional
    assert docs["2023-lo-rsnms"].resolutions["Комитет"].org_id == "LEN-koipo"
    assert "Комитет по образованию" in district
    assert docs["2023-vsevolozhsk-mms"].resolutions["Комитет по образованию"].org_id == \
        "LEN-vsevolozhsky-ko"
    # ГМС is the city methodological council in the Zeya text.
    assert docs["zeya-gms"].resolutions["ГМС"].org_id == "AMU-zeya-gms-council"


def test_terms(docs: dict[str, ParsedRegulation]) -> None:
    # 004 §1.3 defines 19 concepts; 001 §1.6.1–1.6.4 defines 2 + 5 + 3 + 8.
    assert len(docs["2023-lo-rsnms"].terms) == 19
    assert len(docs["2023-vsevolozhsk-mms"].terms) == 18
    terms = {t.name: t for t in docs["2023-lo-rsnms"].terms}
    assert terms["центр непрерывного повышения профессионального мастерства педагогических "
                 "работников"].abbreviation == "ЦНППМ"
    assert terms["тьютор"].definition.startswith("педагогический работник")
    iom = {t.name: t for t in docs["2023-vsevolozhsk-mms"].terms}[
        "индивидуальный образовательный маршрут"]
    assert iom.abbreviation == "ИОМ"


def test_citations(docs: dict[str, ParsedRegulation]) -> None:
    a004 = {c.id for c in docs["2023-lo-rsnms"].citations}
    a001 = {c.id for c in docs["2023-vsevolozhsk-mms"].citations}
    assert len(a004) == 9
    assert len(a001) == 11
    assert a004 <= a001
    assert "act:federal_law:2012-12-29:273-fz" in a004
    assert a001 - a004 == {"act:order:2023-05-11:17", "act:order:2023-05-11:18"}


def test_indicators(docs: dict[str, ParsedRegulation]) -> None:
    ind = [n for n in docs["2023-lo-rsnms"].batch.nodes.values() if n.label == "Indicator"]
    assert len(ind) == 9
    codes = {n.props.get("code") for n in ind if n.props["computable"]}
    assert codes == {"share_registry_programmes_from_diagnostics", "share_teachers_diagnosed",
                     "share_teachers_with_routes", "teachers_per_regional_methodist",
                     "share_young_specialists_supported", "methodists_per_school",
                     "share_schools_with_methodological_service"}
    ind001 = [n for n in docs["2023-vsevolozhsk-mms"].batch.nodes.values()
              if n.label == "Indicator"]
    assert sorted(n.props["clause_number"] for n in ind001) == ["4.1"] * 5 + ["4.2"] * 4


def test_duty_categories_use_lemmas(docs: dict[str, ParsedRegulation]) -> None:
    duties = {d.id: d for d in docs["2023-lo-rsnms"].duties}
    rmc = [d for d in duties.values() if d.clause_number == "3.2.5"]
    young = [d for d in rmc if "young_specialists" in d.categories]
    assert len(young) == 1 and "до 35 лет" in young[0].text
    mentoring = {d.text for d in rmc if "mentoring" in d.categories}
    assert mentoring == {"организация внедрения целевой модели наставничества педагогических "
                         "работников"}


def test_structure_with_evidence(docs: dict[str, ParsedRegulation]) -> None:
    e000 = docs["2019-lo-regional-methodological-service"].batch.edges
    assert e000["LEN-loiro|CHAIRS>LEN-ks-rms"].props["clause_id"].endswith(":4.2")
    assert e000["LEN-ks-rms|ATTACHED_TO>LEN-loiro"].props["clause_id"].endswith(":3.2")
    assert e000["LEN-loiro|COORDINATES>LEN-rms-service"].props["regulation_id"] == \
        "reg-2019-lo-regional-methodological-service"
    e001 = docs["2023-vsevolozhsk-mms"].batch.edges
    assert e001["LEN-loiro|GUIDES>LEN-vsevolozhsky-mms"].props["clause_id"].endswith(":7.4")
    e003 = docs["zeya-gms"].batch.edges
    assert e003["AMU-zeya-uo|CHAIRS>AMU-zeya-gms-council"].props["clause_id"] == \
        "reg-zeya-gms:3.2"
    e002 = docs["lo-mobile-service"].batch.edges
    assert "LEN-tutor-center|COORDINATES>LEN-mrmms" in e002
    assert "LEN-loiro|GUIDES>LEN-mrmms" in e002


def test_mentions_explain_the_rule(docs: dict[str, ParsedRegulation]) -> None:
    edge = docs["2023-lo-rsnms"].batch.edges["reg-2023-lo-rsnms|MENTIONS>LEN-cnppm"]
    assert edge.props["name"] and edge.props["rule"]


def test_each_document_reports_what_it_skipped(docs: dict[str, ParsedRegulation]) -> None:
    skipped = docs["lo-mobile-service"].report.skipped
    assert any(s.line == 117 and "5.5" in s.what for s in skipped)  # "Специалисты (тьюторы)…"
    assert all(s.regulation_id == "reg-lo-mobile-service" for s in skipped)


def test_read_regulations_merges_across_documents() -> None:
    batch, report = read_regulations(FOLDER)
    cites = {(e.source, e.target) for e in batch.edges.values() if e.type == "CITES"}
    # 001 cites the order that approved 004: the citation points at 004 itself.
    assert ("reg-2023-vsevolozhsk-mms", "reg-2023-lo-rsnms") in cites
    # 002's "Законом РФ «Об образовании в Российской Федерации»" is 273-ФЗ.
    assert ("reg-lo-mobile-service", "act:federal_law:2012-12-29:273-fz") in cites
    assert report.counts["reg-2023-lo-rsnms"]["Clause"] == 50


def test_a_meta_file_is_required(tmp_path: Path) -> None:
    (tmp_path / "bodies.json").write_text((FOLDER / "bodies.json").read_text("utf-8"), "utf-8")
    (tmp_path / "x.txt").write_text("1. Общие положения\n", "utf-8")
    with pytest.raises(InvalidBatch, match=r"x\.meta\.json"):
        read_regulations(tmp_path)


def test_a_bad_gazetteer_is_refused(tmp_path: Path) -> None:
    data = json.loads((FOLDER / "bodies.json").read_text("utf-8"))
    data["organizations"][0]["kind"] = "ministry"
    with pytest.raises(InvalidBatch, match="kind"):
        Gazetteer.from_data(data)


MADE_UP = """
УТВЕРЖДЕНО
приказом министерства образования
от 01.09.2024 № 99

Положение о региональной системе методического сопровождения педагогов Псковской области

1. Общие положения
1.1. Настоящее Положение определяет структуру региональной системы методического \
сопровождения (далее – РСМС).
1.2. В своей деятельности РСМС руководствуется:
- Федеральным законом от 29 декабря 2012 года № 273-ФЗ «Об образовании в Российской Федерации»;
- нормативными актами министерства;
- настоящим Положением.
2. Субъекты
2.1. Региональный уровень
2.1.1. Иксский институт развития образования (далее – ИИРО).
Функции:
- организация диагностики профессиональных дефицитов педагогов;
- оказание методической помощи школам с низкими образовательными результатами.
2.1.2. Центр цифровой трансформации образования Псковской области, созданный и \
функционирующий как структурное подразделение ИИРО.
Функции:
- консультирование педагогов по цифровым сервисам;
- развитие наставничества.
2.2. Муниципальный уровень
2.2.1. Муниципальные методические кабинеты.
Функции:
• информирование педагогов о мероприятиях.
2.2.1.1. Кабинеты взаимодействуют с ИИРО.
3. Заключительные положения
Цель: что-то неясное:
- пункт без субъекта;
"""


def test_generalises_to_an_unseen_regulation_of_the_family() -> None:
    g = Gazetteer.from_data({
        "territories": [{"id": "RU-X", "kind": "region", "name": "Псковская область"}],
        "organizations": [{"id": "X-iiro", "name": "Иксский институт развития образования",
                           "kind": "development_institute", "level": "regional",
                           "territory_id": "RU-X"}],
    })
    meta = RegulationMeta(id="reg-x", title="Положение о региональной системе методического "
                          "сопровождения педагогов Псковской области", territory_id="RU-X")
    doc = parse_regulation(MADE_UP, meta, g)
    numbers = sorted(n.props["number"] for n in doc.batch.nodes.values() if n.label == "Clause")
    assert numbers == ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.1",
                       "2.2.1.1", "3"]
    duties = _duties_by_clause(doc)
    new_body = "X-body-tsentr-tsifrovoy-transformatsiya-obrazovanie"
    assert duties == {("2.1.1", "X-iiro"): 2, ("2.1.2", new_body): 2,
                      ("2.2.1", "X-generic-municipal-methodological_service"): 1}
    assert doc.batch.nodes[new_body].props["generic_name"] is False
    assert f"{new_body}|PART_OF>X-iiro" in doc.batch.edges
    cats = {d.text: [c.value for c in d.categories] for d in doc.duties}
    assert "low_results_support" in cats["оказание методической помощи школам с низкими "
                                         "образовательными результатами"]
    assert [c.id for c in doc.citations] == ["act:federal_law:2012-12-29:273-fz"]
    what = " | ".join(s.what for s in doc.report.skipped)
    assert "нормативными актами министерства" in what  # a general reference, not an act
    assert "clause 3" in what  # the list under "Цель: что-то неясное:"
    assert any("new body" in r for r in doc.report.resolutions)
