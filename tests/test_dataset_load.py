"""Loading datasets: every row checked, all problems in one pass, all or nothing, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset import load_dataset, read_dataset, read_meta
from graph.model import Batch, Organization, Region
from graph.store import MemoryStore, Store

TINY = Path(__file__).resolve().parent / "data" / "tiny"


def snapshot(store: Store) -> tuple[list[object], list[object]]:
    return store.nodes(), store.edges()


def copy_tiny(tmp_path: Path) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    return target


def write_csv(path: Path, rows: list[list[str]], *, sep: str = ",", bom: bool = False,
              encoding: str = "utf-8") -> None:
    with open(path, "w", encoding=("utf-8-sig" if bom else encoding), newline="") as fh:
        csv.writer(fh, delimiter=sep).writerows(rows)


def append_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def problems_of(path: Path, store: Store | None = None) -> list[Problem]:
    with pytest.raises(InvalidBatch) as info:
        read_dataset(path, known=store.get_nodes if store else None)
    return info.value.problems


def places(problems: list[Problem]) -> set[tuple[str, int | None, str | None]]:
    return {(p.where, p.row, p.column) for p in problems}


# -- the tiny dataset ------------------------------------------------------------------------


def test_tiny_loads_every_sheet(store: Store) -> None:
    summary = load_dataset(store, TINY)
    counts = store.counts()
    assert counts.nodes == {"Assessment": 3, "Competency": 3, "Diagnostic": 3,
                            "IndividualRoute": 2, "Municipality": 2, "Organization": 15,
                            "Person": 10, "Programme": 2, "Region": 1}
    assert counts.edges["EMPLOYED_AT"] == 11
    assert counts.edges["LOCATED_IN"] == 17  # 15 bodies and 2 municipalities
    assert sum(summary.created.values()) == counts.total_nodes + counts.total_edges
    ivanova = store.get_node("tiny-p-ivanova")
    assert ivanova is not None and ivanova.props["subjects"] == ["математика"]
    route = store.edges("ADDRESSES", sources=["tiny-r-1"])
    assert [e.target for e in route] == ["tiny-c-fgos", "tiny-c-math"]


def test_dated_associations_keep_history(store: Store) -> None:
    load_dataset(store, TINY)
    jobs = store.edges("EMPLOYED_AT", sources=["tiny-p-petrov"])
    assert [(e.target, e.props.get("start"), e.props.get("end")) for e in jobs] == [
        ("tiny-school-vsev-1", "2020-09-01", None),
        ("tiny-school-vsev-2", "2015-09-01", "2020-08-31"),
    ]


def test_second_load_changes_nothing(store: Store) -> None:
    load_dataset(store, TINY)
    before = snapshot(store)
    again = load_dataset(store, TINY)
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0
    assert sum(again.unchanged.values()) == len(before[0]) + len(before[1])
    assert snapshot(store) == before


def test_newer_file_updates_the_same_ids(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    data = copy_tiny(tmp_path)
    people = data / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "Иванова Анна Сергеевна", "Петрова Анна Сергеевна"), encoding="utf-8")
    summary = load_dataset(store, data)
    assert sum(summary.created.values()) == 0
    assert dict(summary.updated) == {"Person": 1}
    node = store.get_node("tiny-p-ivanova")
    assert node is not None and node.props["full_name"] == "Петрова Анна Сергеевна"


def test_a_renewed_association_is_a_new_edge(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    data = copy_tiny(tmp_path)
    append_csv(data / "employment.csv",
               [["tiny-p-petrov", "tiny-school-vsev-2", "учитель физики", "2026-01-10", ""]])
    summary = load_dataset(store, data)
    assert dict(summary.created) == {"EMPLOYED_AT": 1}
    assert len(store.edges("EMPLOYED_AT", sources=["tiny-p-petrov"])) == 3


def test_synthetic_dataset_marks_its_people(tmp_path: Path) -> None:
    data = copy_tiny(tmp_path)
    people = data / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",true\n", ",false\n"),
                      encoding="utf-8")
    assert read_meta(data).synthetic
    batch = read_dataset(data)
    assert all(batch.nodes[p].props["synthetic"] for p in batch.nodes if p.startswith("tiny-p-"))
    (data / "dataset.json").write_text('{"name": "real", "synthetic": false}', encoding="utf-8")
    batch = read_dataset(data)
    assert not any(batch.nodes[p].props["synthetic"] for p in batch.nodes
                   if p.startswith("tiny-p-"))


# -- all or nothing ---------------------------------------------------------------------------

def big_dataset(tmp_path: Path, bad_row: int, bad: dict[str, str]) -> Path:
    """The tiny dataset plus 3 000 teachers employed at its schools; one employment row bad."""
    data = copy_tiny(tmp_path)
    schools = ["tiny-school-vsev-1", "tiny-school-vsev-2", "tiny-school-gat-1",
               "tiny-school-gat-2"]
    append_csv(data / "people.csv", [
        [f"gen-p-{i}", f"Учитель {i}", str(1960 + i % 40), "", "математика", "true"]
        for i in range(3000)])
    existing = len((data / "employment.csv").read_text(encoding="utf-8").splitlines())
    rows = []
    for i in range(3000):
        row = {"person_id": f"gen-p-{i}", "organization_id": schools[i % 4],
               "position": "учитель", "start": "2020-09-01", "end": ""}
        if existing + i + 1 == bad_row:
            row.update(bad)
        rows.append(list(row.values()))
    append_csv(data / "employment.csv", rows)
    return data


@pytest.mark.parametrize(("bad", "column"), [
    ({"start": "2024-13-45"}, "start"),
    ({"organization_id": "no-such-school"}, "organization_id"),
    ({"end": "2019-01-01"}, "end"),  # before its start
])
def test_one_bad_row_among_thousands_writes_nothing(
    store: Store, tmp_path: Path, bad: dict[str, str], column: str
) -> None:
    load_dataset(store, TINY)
    before = snapshot(store)
    data = big_dataset(tmp_path, 2345, bad)
    with pytest.raises(InvalidBatch) as info:
        load_dataset(store, data)
    assert places(info.value.problems) == {("employment.csv", 2345, column)}
    assert "nothing was written" in str(info.value)
    assert snapshot(store) == before


def test_the_same_thousands_load_when_good(store: Store, tmp_path: Path) -> None:
    summary = load_dataset(store, big_dataset(tmp_path, 0, {}))
    assert summary.created["Person"] == 3010
    assert summary.created["EMPLOYED_AT"] == 3011


def test_all_problems_in_one_pass(tmp_path: Path) -> None:
    data = copy_tiny(tmp_path)
    append_csv(data / "people.csv", [
        ["bad-1", "", "1980", "", "", ""],                       # row 12: no name
        ["bad 2", "Имя", "", "", "", ""],                        # row 13: space in id
        ["bad-3", "Имя", "2100", "", "", "может быть"],          # row 14: year, boolean
    ])
    append_csv(data / "roles.csv", [["tiny-p-ivanova", "tiny-school-vsev-1", "wizard", "", "",
                                     ""]])                       # row 13: role
    append_csv(data / "support.csv", [
        ["tiny-p-popova", "tiny-p-ghost", "MENTORS", "", "", "01.09.2024", ""],  # row 7
        ["tiny-p-popova", "tiny-p-ivanova", "MENTORS", "", "consulting", "", ""],  # row 8
    ])
    append_csv(data / "assessments.csv", [
        ["a-x", "tiny-school-vsev-1", "2025-H3", "", "", "", "", ""],  # row 5: period
        ["a-y", "tiny-p-ivanova", "2025-H1", "", "", "", "", ""],      # row 6: not a school
    ])
    append_csv(data / "employment.csv", [["tiny-p-ivanova", "tiny-c-math", "", "", ""]])
    problems = problems_of(data)
    assert places(problems) == {
        ("people.csv", 12, "full_name"),
        ("people.csv", 13, "id"),
        ("people.csv", 14, "birth_year"),
        ("people.csv", 14, "synthetic"),
        ("roles.csv", 13, "role"),
        ("support.csv", 7, "target_id"),
        ("support.csv", 8, "kind"),
        ("assessments.csv", 5, "period"),
        ("assessments.csv", 6, "school_id"),
        ("employment.csv", 13, "organization_id"),
    }
    assert all(p.message and p.message_ru for p in problems)
    by_place = {(p.where, p.row, p.column): p for p in problems}
    assert "не найден" in by_place[("support.csv", 7, "target_id")].message_ru
    assert "2025-H1" in by_place[("assessments.csv", 5, "period")].message
    # reported in the order of the sheets, then rows
    assert [p.where for p in problems][:4] == ["people.csv"] * 4


def test_unknown_columns_and_files(tmp_path: Path) -> None:
    data = copy_tiny(tmp_path)
    text = (data / "people.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[0] = lines[0].replace("birth_year", "birth_yaer") + ",x_note"
    lines[1:] = [line + ",своя заметка" for line in lines[1:]]
    (data / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "peolpe.csv").write_text("id,full_name\n", encoding="utf-8")
    (data / "_notes.csv").write_text("anything,at all\n1,2\n", encoding="utf-8")
    (data / "README.md").write_text("not a table", encoding="utf-8")
    problems = problems_of(data)
    assert places(problems) == {("people.csv", 1, "birth_yaer"), ("peolpe.csv", None, None)}


def test_missing_required_column_is_one_problem(tmp_path: Path) -> None:
    data = copy_tiny(tmp_path)
    write_csv(data / "competencies.csv", [["id", "area"], ["c1", "x"], ["c2", "y"]])
    assert places(problems_of(data)) >= {("competencies.csv", 1, "name")}
    assert len([p for p in problems_of(data) if p.where == "competencies.csv"]) == 1


def test_conflicting_duplicates(tmp_path: Path) -> None:
    data = copy_tiny(tmp_path)
    append_csv(data / "people.csv", [["tiny-p-ivanova", "Другое Имя", "", "", "", "true"]])
    append_csv(data / "people.csv", [["tiny-p-petrov", "Петров Игорь Викторович", "1978",
                                      "2001", "физика|математика", "true"]])  # the same: fine
    problems = problems_of(data)
    assert places(problems) == {("people.csv", 12, None)}
    assert "row 2" in problems[0].message


def test_references_into_the_store(store: Store, tmp_path: Path) -> None:
    """A dataset may name bodies already in the store (the regulations' gazetteer)."""
    data = tmp_path / "district"
    data.mkdir()
    write_csv(data / "organizations.csv", [
        ["id", "name", "kind", "level", "territory_id", "parent_id"],
        ["x-school", "Школа", "school", "institutional", "RU-LEN", ""],
        ["x-unit", "Отдел", "methodological_center", "regional", "", "LEN-loiro"],
    ])
    problems = problems_of(data, store)
    assert places(problems) == {("organizations.csv", 2, "territory_id"),
                                ("organizations.csv", 3, "parent_id")}
    assert "store" in problems[0].message
    gazetteer = Batch()
    gazetteer.add(Region(id="RU-LEN", name="Ленинградская область"))
    gazetteer.add(Organization(id="LEN-loiro", name="ЛОИРО", kind="development_institute",
                               level="regional"))
    store.write(gazetteer)
    summary = load_dataset(store, data)
    assert dict(summary.created) == {"Organization": 2, "LOCATED_IN": 1, "PART_OF": 1}


def test_an_id_cannot_change_its_label(store: Store, tmp_path: Path) -> None:
    b = Batch()
    b.add(Region(id="tiny-c-math", name="Не компетенция"))
    store.write(b)
    problems = problems_of(TINY, store)
    assert places(problems) == {("competencies.csv", 2, "id")}


# -- encodings, separators, Russian headers, XLSX ---------------------------------------------

RUSSIAN_PEOPLE = [
    ["Идентификатор", "ФИО", "Год рождения", "Год начала работы", "Предметы", "Синтетический"],
    ["ru-p-1", "Ёлкина Дарья Ильинична", "1990", "2012", "математика|физика", "да"],
    ["ru-p-2", "Орлов Пётр Семёнович", "1980", "", "история", "нет"],
]
RUSSIAN_SCHOOLS = [
    ["Идентификатор", "Наименование", "Вид", "Уровень", "Тип ОО"],
    ["ru-s-1", "МОУ «СОШ № 5»; корпус 2", "школа", "институциональный", "общеобразовательная"],
]
RUSSIAN_JOBS = [
    ["Педагог", "Организация", "Должность", "Дата начала", "Дата окончания"],
    ["ru-p-1", "ru-s-1", "учитель", "01.09.2012", "31.08.2020"],
    ["ru-p-1", "ru-s-1", "заместитель директора", "01.09.2020", ""],
    ["ru-p-2", "ru-s-1", "учитель", "2003-09-01", ""],
]
RUSSIAN_ROLES = [
    ["Педагог", "Организация", "Роль", "Предметы", "Дата начала"],
    ["ru-p-1", "ru-s-1", "Наставник", "математика", "1.9.2024"],
]
ENGLISH = {
    "people.csv": [["id", "full_name", "birth_year", "career_start_year", "subjects",
                    "synthetic"],
                   ["ru-p-1", "Ёлкина Дарья Ильинична", "1990", "2012", "математика|физика",
                    "true"],
                   ["ru-p-2", "Орлов Пётр Семёнович", "1980", "", "история", "false"]],
    "organizations.csv": [["id", "name", "kind", "level", "school_kind"],
                          ["ru-s-1", "МОУ «СОШ № 5»; корпус 2", "school", "institutional",
                           "general"]],
    "employment.csv": [["person_id", "organization_id", "position", "start", "end"],
                       ["ru-p-1", "ru-s-1", "учитель", "2012-09-01", "2020-08-31"],
                       ["ru-p-1", "ru-s-1", "заместитель директора", "2020-09-01", ""],
                       ["ru-p-2", "ru-s-1", "учитель", "2003-09-01", ""]],
    "roles.csv": [["person_id", "organization_id", "role", "subjects", "start"],
                  ["ru-p-1", "ru-s-1", "mentor", "математика", "2024-09-01"]],
}


def test_bom_semicolons_and_russian_headers(store: Store, tmp_path: Path) -> None:
    excel = tmp_path / "excel"
    excel.mkdir()
    write_csv(excel / "people.csv", RUSSIAN_PEOPLE, sep=";", bom=True)
    write_csv(excel / "organizations.csv", RUSSIAN_SCHOOLS, sep=";", bom=True)
    write_csv(excel / "employment.csv", RUSSIAN_JOBS, sep=";", bom=True)
    write_csv(excel / "roles.csv", RUSSIAN_ROLES, sep=";", bom=True)
    plain = tmp_path / "plain"
    plain.mkdir()
    for name, rows in ENGLISH.items():
        write_csv(plain / name, rows)
    load_dataset(store, plain)
    expected = snapshot(store)
    store.clear()
    summary = load_dataset(store, excel)
    assert summary.created["EMPLOYED_AT"] == 3
    assert snapshot(store) == expected
    school = store.get_node("ru-s-1")
    assert school is not None and school.props["name"] == "МОУ «СОШ № 5»; корпус 2"


def test_comma_files_split_lists_on_semicolons_too(tmp_path: Path) -> None:
    write_csv(tmp_path / "people.csv", [["id", "full_name", "subjects"],
                                        ["p1", "А", "математика; физика|химия"]])
    assert read_dataset(tmp_path).nodes["p1"].props["subjects"] == ["математика", "физика",
                                                                    "химия"]
    write_csv(tmp_path / "people.csv", [["id", "full_name", "subjects"],
                                        ["p1", "А", "математика; физика|химия"]], sep=";")
    assert read_dataset(tmp_path).nodes["p1"].props["subjects"] == ["математика; физика",
                                                                    "химия"]


def test_windows_1251_csv(tmp_path: Path) -> None:
    write_csv(tmp_path / "people.csv", RUSSIAN_PEOPLE, sep=";", encoding="cp1251")
    batch = read_dataset(tmp_path)
    assert batch.nodes["ru-p-2"].props["full_name"] == "Орлов Пётр Семёнович"


def tiny_workbook(path: Path) -> None:
    """The tiny dataset as one workbook, with real date, number and boolean cells."""
    from openpyxl import Workbook

    from graph.loaders.dataset import SHEETS

    wb = Workbook()
    meta = wb.active
    assert meta is not None
    meta.title = "dataset"
    meta.append(["key", "value"])
    meta.append(["name", "tiny"])
    meta.append(["synthetic", True])
    for name in SHEETS:
        with open(TINY / f"{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        ws = wb.create_sheet(name)
        ws.append(rows[0])
        for row in rows[1:]:
            ws.append([_typed(header, cell) for header, cell in zip(rows[0], row, strict=True)])
    wb.create_sheet("_comments").append(["kept out of loading"])
    wb.save(path)


def _typed(header: str, cell: str) -> object:
    if not cell:
        return None
    if header in ("start", "end", "date", "created"):
        return dt.date.fromisoformat(cell)
    if header in ("birth_year", "career_start_year", "hours", "severity"):
        return int(cell)
    if header == "score":
        return float(cell)
    if cell in ("true", "false"):
        return cell == "true"
    return cell


def test_xlsx_with_the_same_sheets(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    expected = snapshot(store)
    store.clear()
    book = tmp_path / "tiny.xlsx"
    tiny_workbook(book)
    assert read_meta(book).synthetic
    load_dataset(store, book)
    assert snapshot(store) == expected


def test_xlsx_problems_name_the_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "people"
    ws.append(["id", "ФИО", "Год рождения"])
    ws.append(["p1", "Иванов И. И.", "тысяча"])
    wb.create_sheet("Teachers")
    wb.save(tmp_path / "book.xlsx")
    problems = problems_of(tmp_path / "book.xlsx")
    assert places(problems) == {("book.xlsx:people", 2, "Год рождения"),
                                ("book.xlsx:Teachers", None, None)}


def test_memory_store_is_untouched_by_a_bad_dataset_on_disk(tmp_path: Path) -> None:
    """The embedded store journals every accepted write; a refused one leaves no trace."""
    with MemoryStore(tmp_path / "store") as store:
        load_dataset(store, TINY)
    data = big_dataset(tmp_path, 100, {"start": "31.02.2024"})
    with MemoryStore(tmp_path / "store") as store:
        before = snapshot(store)
        with pytest.raises(InvalidBatch):
            load_dataset(store, data)
    with MemoryStore(tmp_path / "store") as store:
        assert snapshot(store) == before
