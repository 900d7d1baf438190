"""Clean input: control characters and oversized values are refused by the models and at the
loader's edge (with file, row and column), and edge ids cannot collide whatever a value holds."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset import load_dataset, read_dataset
from graph.model import Batch, Organization, Person, Supports
from graph.model.limits import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, printable
from graph.store import MemoryStore, Store

TINY = Path(__file__).resolve().parent / "data" / "tiny"

HOSTILE = [
    ("NUL", "Иванова\x00"),
    ("ESC/ANSI", "Иванова\x1b[2J\x1b[31m"),
    ("BEL", "a\x07b"),
    ("DEL", "a\x7fb"),
    ("C1", "a\x9bb"),
    ("RLO bidi override", "Иванова\u202eвонавИ"),
    ("isolate", "a\u2066b"),
    ("LF in a name", "Иванова\nИрина"),
]


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidBatch) as info:
        read_dataset(path)
    return info.value.problems


def people_dataset(tmp_path: Path, rows: list[list[str]]) -> Path:
    folder = tmp_path / "ds"
    folder.mkdir()
    with open(folder / "people.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "ФИО", "Предметы"], *rows])
    return folder


# -- the models ------------------------------------------------------------------------------


@pytest.mark.parametrize(("what", "value"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_models_refuse_control_and_direction_characters(what: str, value: str) -> None:
    with pytest.raises(ValidationError, match="is not allowed in text"):
        Person(id="p1", full_name=value)
    with pytest.raises(ValidationError, match="is not allowed in text"):
        Supports(source="p1", target="s1", subject=value)
    with pytest.raises(ValidationError, match="is not allowed in text"):
        Person(id="p1", full_name="Иванова", subjects=["математика", value])


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValidationError):
        Person(id="p1", full_name="a\ud800b")


@pytest.mark.parametrize("value", ["a\x00", "a\x1bb", "a\u202eb"])
def test_ids_refuse_control_characters(value: str) -> None:
    with pytest.raises(ValidationError):
        Person(id=value, full_name="Иванова")


def test_models_refuse_oversized_text_by_kind_of_field() -> None:
    Person(id="p1", full_name="И" * MAX_NAME_LENGTH)
    with pytest.raises(ValidationError, match=f"at most {MAX_NAME_LENGTH}"):
        Person(id="p1", full_name="И" * (MAX_NAME_LENGTH + 1))
    Supports(source="p1", target="s1", subject="м" * MAX_TEXT_LENGTH)
    with pytest.raises(ValidationError, match=f"at most {MAX_TEXT_LENGTH}"):
        Supports(source="p1", target="s1", subject="м" * 10_000_000)
    with pytest.raises(ValidationError, match="at most 200"):
        Person(id="p" * 201, full_name="Иванова")


def test_line_breaks_stay_allowed_in_the_text_of_a_clause() -> None:
    from graph.model import Clause

    clause = Clause(id="r-1", regulation_id="r", number="1", text="первая\nвторая\tстрока")
    assert clause.text == "первая\nвторая\tстрока"
    with pytest.raises(ValidationError):
        Clause(id="r-1", regulation_id="r", number="1", text="a\x1bb")


def test_the_api_mutation_refuses_what_the_models_refuse() -> None:
    """assignSupport builds ``Supports``: a 10-million-character subject is an error message."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from graph.settings import Settings

    store = MemoryStore()
    load_dataset(store, TINY)
    client = TestClient(create_app(store=store, settings=Settings()))
    mutation = ("mutation($s: String) { assignSupport(input: {sourceId: \"tiny-p-smirnova\", "
                "targetId: \"tiny-s-school1\", subject: $s}) { created } }")
    before = store.counts().edges.get("SUPPORTS", 0)
    # A huge value is refused by the body limit, a long one by the API's string limit, a
    # control character by the model; each is an error and nothing is written.
    for value in ("м" * 10_000_000, "м" * 5_000, "=1\x1b[2J"):
        answer = client.post("/graphql", json={"query": mutation, "variables": {"s": value}})
        body = answer.json()
        assert body["data"] is None
        message = body["errors"][0]["message"]
        assert any(w in message for w in ("too long", "longer than", "not allowed", "larger than"))
    assert store.counts().edges.get("SUPPORTS", 0) == before


# -- the loader's edge -----------------------------------------------------------------------


def test_a_dataset_cell_with_control_characters_is_a_problem_naming_file_row_column(
        tmp_path: Path) -> None:
    folder = people_dataset(tmp_path, [
        ["p1", "Иванова Ирина", "математика"],
        ["p2", "Петров\x1b[31m Пётр", "физика"],
        ["p3", "Сидоров Семён", "химия|\x00биология"],
        ["p4", "Орлова\u202eОльга", ""],
    ])
    problems = problems_of(folder)
    assert {(p.where, p.row, p.column) for p in problems} == {
        ("people.csv", 3, "ФИО"), ("people.csv", 4, "Предметы"), ("people.csv", 5, "ФИО")}
    assert all("U+" in p.message and "недопустимый символ" in p.message_ru for p in problems)
    assert all("\x1b" not in str(p) for p in problems)  # the report does not echo the escape


def test_an_oversized_cell_is_a_problem_naming_its_column(tmp_path: Path) -> None:
    folder = people_dataset(tmp_path, [["p1", "И" * (MAX_NAME_LENGTH + 1), ""]])
    (problem,) = problems_of(folder)
    assert (problem.where, problem.row, problem.column) == ("people.csv", 2, "ФИО")
    assert f"at most {MAX_NAME_LENGTH}" in problem.message
    assert "слишком длинное" in problem.message_ru


def test_a_huge_csv_cell_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = people_dataset(tmp_path, [["p1", "И" * 1_000_000, ""]])
    (problem,) = problems_of(folder)
    assert (problem.where, problem.row) == ("people.csv", 2)


def test_printable_shows_escapes_instead_of_running_them() -> None:
    assert printable("a\x1b[2Jb\u202ec\x00") == "a\\x1b[2Jb\\u202ec\\x00"
    assert printable("Иванова И. И.") == "Иванова И. И."


# -- edge ids --------------------------------------------------------------------------------


def _two_supports() -> tuple[Supports, Supports]:
    # Before: both were 'p1|SUPPORTS>s1@a@2025-09-01', and one start date was lost.
    return (Supports(source="p1", target="s1", subject="a@2025-09-01"),
            Supports(source="p1", target="s1", subject="a", start="2025-09-01"))


def test_an_at_sign_in_a_subject_cannot_make_two_edges_collide(store: Store) -> None:
    first, second = _two_supports()
    assert first.to_record().id != second.to_record().id
    batch = Batch()
    batch.add(Organization(id="s1", name="Школа № 1", kind="school", level="institutional"))
    batch.add(Person(id="p1", full_name="Петров П. П."))
    batch.add(first)
    batch.add(second)
    store.write(batch)
    kept = sorted((e.props.get("subject"), e.props.get("start"))
                  for e in store.edges("SUPPORTS"))
    assert kept == [("a", "2025-09-01"), ("a@2025-09-01", None)]


@pytest.mark.parametrize(("a", "b"), [
    ({"subject": "x%40y"}, {"subject": "x@y"}),
    ({"subject": "a@"}, {"subject": "a"}),
    ({"subject": "@2025-09-01"}, {"start": "2025-09-01"}),
    ({"subject": "a%"}, {"subject": "a%25"}),
])
def test_edge_keys_are_injective(a: dict[str, str], b: dict[str, str]) -> None:
    left = Supports(source="p1", target="s1", **a).to_record()  # type: ignore[arg-type]
    right = Supports(source="p1", target="s1", **b).to_record()  # type: ignore[arg-type]
    assert left.id != right.id


def test_bundled_edge_ids_are_unchanged() -> None:
    """Values without ``@`` or ``%`` keep the ids they always had: reloading stays idempotent."""
    edge = Supports(source="p1", target="s1", subject="математика", start="2025-09-01")
    assert edge.to_record().id == "p1|SUPPORTS>s1@математика@2025-09-01"
    store = MemoryStore()
    load_dataset(store, TINY)
    assert str(load_dataset(store, TINY)).startswith("created 0, updated 0")


def test_reloading_a_dataset_with_at_signs_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with open(folder / "support.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    extra = dict(zip(header, rows[1], strict=True))
    extra.update(subject="a@2025-09-01", start="", end="", kind="")
    again = dict(extra, subject="a", start="2025-09-01")
    with open(folder / "support.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[extra[h] for h in header], [again[h] for h in header]])
    store = MemoryStore()
    first = load_dataset(store, folder)
    assert first.created["SUPPORTS"] >= 2
    assert str(load_dataset(store, folder)).startswith("created 0, updated 0")
