"""The import guard: a dataset never silently redefines a node it does not own, and a caller
restricted to some territories writes only there (graph/loaders/dataset/guard.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import InvalidBatch, MethodnetError, Problem
from graph.loaders import load_path
from graph.loaders.dataset import load_dataset
from graph.loaders.dataset.stream import bulk_load
from graph.loaders.regulations import load_regulations
from graph.model import Batch, Municipality, Organization, Region
from graph.queries.scope import Scope
from graph.store import MemoryStore, Store

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"
GATCHINA = Scope.of(["RU-LEN-gatchinsky"])
ORG_HEADER = ["id", "name", "kind", "level", "territory_id"]


def dataset(folder: Path, **sheets: list[list[str]]) -> Path:
    """A dataset folder with one CSV file per keyword: header row first."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return folder


def problems_of(store: Store, path: Path, **kwargs: object) -> list[Problem]:
    with pytest.raises(InvalidBatch) as info:
        load_dataset(store, path, **kwargs)  # type: ignore[arg-type]
    return info.value.problems


def places(problems: list[Problem]) -> set[tuple[str, int | None, str | None]]:
    return {(p.where, p.row, p.column) for p in problems}


def regulation_body(store: Store) -> None:
    """A region, a district and its methodological service as the regulations loader writes
    them (marked ``from_regulations``)."""
    batch = Batch()
    batch.add(Region(id="RU-LEN", name="Ленинградская область", from_regulations=True))
    for mid, name in (("RU-LEN-luzhsky", "Лужский муниципальный район"),
                      ("RU-LEN-gatchinsky", "Гатчинский муниципальный округ")):
        batch.add(Municipality(id=mid, name=name, region_id="RU-LEN", from_regulations=True))
    batch.add(Organization(id="LEN-luzhsky-mms", name="Муниципальная методическая служба "
                           "Лужского муниципального района", kind="methodological_service",
                           level="municipal", territory_id="RU-LEN-luzhsky",
                           from_regulations=True))
    store.write(batch)


# -- redefinition ----------------------------------------------------------------------------


def test_the_regulations_loader_marks_its_bodies_and_territories() -> None:
    store = MemoryStore()
    load_regulations(store, ROOT / "data" / "regulations")
    for node_id in ("LEN-luzhsky-mms", "RU-LEN-luzhsky", "RU-LEN"):
        node = store.get_node(node_id)
        assert node is not None and node.props["from_regulations"] is True


def test_the_attack_a_regulation_body_redefined_as_a_school_elsewhere(
        store: Store, tmp_path: Path) -> None:
    regulation_body(store)
    before = store.get_node("LEN-luzhsky-mms")
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER, ["LEN-luzhsky-mms", "МБОУ «СОШ № 99»", "school", "institutional",
                     "RU-LEN-gatchinsky"]])
    problems = problems_of(store, path)
    assert places(problems) == {("organizations.csv", 2, "kind"),
                                ("organizations.csv", 2, "territory_id")}
    assert all("--allow-redefine" in p.message for p in problems)
    assert store.get_node("LEN-luzhsky-mms") == before  # nothing written
    load_dataset(store, path, allow_redefine=True)
    after = store.get_node("LEN-luzhsky-mms")
    assert after is not None and after.props["kind"] == "school"
    assert after.props["territory_id"] == "RU-LEN-gatchinsky"


def test_any_change_to_a_regulation_body_needs_allow_redefine(
        store: Store, tmp_path: Path) -> None:
    regulation_body(store)
    path = dataset(tmp_path / "ds", organizations=[
        ["id", "name", "kind", "level", "territory_id"],
        ["LEN-luzhsky-mms", "Переименованная служба", "methodological_service", "municipal",
         "RU-LEN-luzhsky"]])
    (problem,) = problems_of(store, path)
    assert (problem.where, problem.row, problem.column) == ("organizations.csv", 2, "id")
    assert "comes from the regulations" in problem.message
    assert "нормативными документами" in problem.message_ru


def test_repeating_a_regulation_body_as_it_is_changes_nothing_and_keeps_its_mark(
        store: Store, tmp_path: Path) -> None:
    regulation_body(store)
    path = dataset(tmp_path / "ds", organizations=[
        [*ORG_HEADER, "generic_name"],
        ["LEN-luzhsky-mms", "Муниципальная методическая служба Лужского муниципального района",
         "methodological_service", "municipal", "RU-LEN-luzhsky", "false"]])
    summary = load_dataset(store, path)
    assert summary.unchanged["Organization"] == 1 and not summary.updated
    node = store.get_node("LEN-luzhsky-mms")
    assert node is not None and node.props["from_regulations"] is True


def test_changing_kind_or_territory_of_any_existing_node_needs_allow_redefine(
        store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER,
        ["tiny-school-gat-1", "МБОУ «Гатчинская СОШ № 4»", "school", "institutional",
         "RU-LEN-vsevolozhsky"],
        ["LEN-gatchinsky-mms", "ИМЦ Гатчинского округа", "council", "municipal",
         "RU-LEN-gatchinsky"]])
    assert places(problems_of(store, path)) == {("organizations.csv", 2, "territory_id"),
                                                ("organizations.csv", 3, "kind")}
    load_dataset(store, path, allow_redefine=True)
    school = store.get_node("tiny-school-gat-1")
    assert school is not None and school.props["territory_id"] == "RU-LEN-vsevolozhsky"


def test_renaming_an_ordinary_node_is_still_an_update(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = dataset(tmp_path / "ds", organizations=[
        [*ORG_HEADER, "school_kind"],
        ["tiny-school-gat-1", "МБОУ «Гатчинская средняя школа № 4»", "school", "institutional",
         "RU-LEN-gatchinsky", "general"]])
    assert load_dataset(store, path).updated["Organization"] == 1


def test_a_label_never_changes_even_with_allow_redefine(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = dataset(tmp_path / "ds", people=[["id", "full_name"],
                                            ["tiny-school-gat-1", "Школа Как Человек"]])
    for allow in (False, True):
        (problem,) = problems_of(store, path, allow_redefine=allow)
        assert "cannot become a Person" in problem.message


def test_the_bundled_data_loads_and_reloads_under_the_guard() -> None:
    """Regulations then the Zeya sample: nothing in the bundled data is refused, and a
    second load changes nothing (edge ids are stable)."""
    store = MemoryStore()
    load_path(store, ROOT / "data" / "regulations")
    load_path(store, ROOT / "data" / "samples" / "zeya")
    again = load_path(store, ROOT / "data" / "samples" / "zeya")
    assert str(again[0].summary).startswith("created 0, updated 0")


# -- scope -----------------------------------------------------------------------------------


def _gatchina_teacher(tmp_path: Path, school: str, **more: list[list[str]]) -> Path:
    return dataset(tmp_path / "ds",
                   people=[["id", "full_name"], ["gat-p-new", "Новикова Нина Николаевна"]],
                   employment=[["person_id", "organization_id", "start"],
                               ["gat-p-new", school, "2025-09-01"]], **more)


def test_a_district_coordinator_loads_into_its_own_district(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = _gatchina_teacher(
        tmp_path, "tiny-school-gat-1",
        memberships=[["member_id", "body_id"], ["gat-p-new", "LEN-rms-council"]],
        deficits=[["person_id", "competency_id", "date"],
                  ["gat-p-new", "tiny-c-math", "2025-10-01"]])
    summary = load_dataset(store, path, scope=GATCHINA)
    assert summary.created["Person"] == 1 and summary.created["MEMBER_OF"] == 1


def test_a_district_coordinator_cannot_place_people_in_another_district(
        store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = _gatchina_teacher(tmp_path, "tiny-school-vsev-1")
    problems = problems_of(store, path, scope=GATCHINA)
    assert places(problems) == {("people.csv", 2, None), ("employment.csv", 2, None)}
    assert all("outside your scope" in p.message and "вне ваших территорий" in p.message_ru
               for p in problems)
    assert store.get_node("gat-p-new") is None


def test_a_district_cannot_claim_another_districts_record_by_a_second_owner(
        store: Store, tmp_path: Path) -> None:
    """tiny-d-1 is the diagnostic of Ivanova (Всеволожский): linking a Gatchina teacher to it
    would hide it from Всеволожский and show her scores to Гатчинский."""
    load_dataset(store, TINY)
    header = ["id", "person_id", "date", "instrument", "score"]
    path = _gatchina_teacher(tmp_path, "tiny-school-gat-1", diagnostics=[
        header, ["tiny-d-1", "gat-p-new", "2025-03-15", "ЕФС", "48"]])
    problems = problems_of(store, path, scope=GATCHINA)
    assert ("diagnostics.csv", 2, None) in places(problems)
    assert [e.source for e in store.edges("HAS_DIAGNOSTIC", targets=["tiny-d-1"])] == [
        "tiny-p-ivanova"]
    # Her own new diagnostic is hers to load.
    fresh = _gatchina_teacher(tmp_path / "fresh", "tiny-school-gat-1", diagnostics=[
        header, ["gat-d-new", "gat-p-new", "2025-10-01", "ЕФС", "51"]])
    assert load_dataset(store, fresh, scope=GATCHINA).created["Diagnostic"] == 1


def test_a_district_coordinator_cannot_touch_another_districts_nodes_or_edges(
        store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = dataset(
        tmp_path / "ds",
        people=[["id", "full_name"], ["tiny-p-ivanova", "Иванова Анна (изменено)"]],
        employment=[["person_id", "organization_id", "start"],
                    ["tiny-p-ivanova", "tiny-school-gat-1", "2025-09-01"]],
        support=[["source_id", "target_id", "type", "start"],
                 ["tiny-p-morozov", "tiny-school-vsev-1", "SUPPORTS", "2025-09-01"]])
    problems = problems_of(store, path, scope=GATCHINA)
    # Ivanova works in Всеволожский: a new job in Гатчинский does not make her Gatchina's.
    assert places(problems) == {("people.csv", 2, None), ("support.csv", 2, None)}


def test_moving_a_foreign_body_into_the_district_is_refused_even_with_allow_redefine(
        store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER, ["tiny-school-vsev-1", "Школа", "school", "institutional",
                     "RU-LEN-gatchinsky"]])
    problems = problems_of(store, path, scope=GATCHINA, allow_redefine=True)
    assert places(problems) == {("organizations.csv", 2, None)}


def test_a_district_reloads_its_own_export(store: Store, tmp_path: Path) -> None:
    from graph.export import export

    load_dataset(store, TINY)
    export(store, tmp_path / "gat", "csv", territory_id="RU-LEN-gatchinsky")
    summary = load_dataset(store, tmp_path / "gat", scope=GATCHINA)
    assert str(summary).startswith("created 0, updated 0")


def test_a_read_only_caller_loads_nothing(tmp_path: Path) -> None:
    store = MemoryStore()
    load_dataset(store, TINY)
    path = _gatchina_teacher(tmp_path, "tiny-school-gat-1")
    (problem,) = problems_of(store, path, scope=Scope.of(None, read_only=True))
    assert "may read but not write" in problem.message


def test_a_restricted_caller_loads_no_regulations() -> None:
    with pytest.raises(MethodnetError, match="administrator"):
        load_path(MemoryStore(), ROOT / "data" / "regulations", scope=GATCHINA)


# -- the bulk path and the CLI ---------------------------------------------------------------


def test_bulk_load_holds_to_the_redefinition_rule(store: Store, tmp_path: Path) -> None:
    regulation_body(store)
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER, ["LEN-luzhsky-mms", "МБОУ «СОШ № 99»", "school", "institutional",
                     "RU-LEN-gatchinsky"]])
    with pytest.raises(InvalidBatch) as info:
        bulk_load(store, path, rows=1)
    assert places(info.value.problems) == {("organizations.csv", 2, "kind"),
                                           ("organizations.csv", 2, "territory_id")}
    bulk_load(store, path, rows=1, allow_redefine=True)
    node = store.get_node("LEN-luzhsky-mms")
    assert node is not None and node.props["kind"] == "school"


def test_bulk_load_refuses_a_restricted_scope(tmp_path: Path) -> None:
    store = MemoryStore()
    load_dataset(store, TINY)
    path = _gatchina_teacher(tmp_path, "tiny-school-gat-1")
    with pytest.raises(InvalidBatch, match="bulk"):
        bulk_load(store, path, scope=GATCHINA)


def test_cli_load_takes_allow_redefine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    with MemoryStore(store_path) as s:
        regulation_body(s)
    monkeypatch.setenv("METHODNET_STORE_PATH", str(store_path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER, ["LEN-luzhsky-mms", "МБОУ «СОШ № 99»", "school", "institutional",
                     "RU-LEN-gatchinsky"]])
    runner = CliRunner()
    refused = runner.invoke(app, ["load", str(path), "--quiet"])
    assert refused.exit_code == 1 and "--allow-redefine" in refused.output
    accepted = runner.invoke(app, ["load", str(path), "--quiet", "--allow-redefine"])
    assert accepted.exit_code == 0, accepted.output
    with MemoryStore(store_path) as s:
        node = s.get_node("LEN-luzhsky-mms")
        assert node is not None and node.props["kind"] == "school"


def test_cli_validate_with_a_store_reports_redefinitions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    with MemoryStore(store_path) as s:
        regulation_body(s)
    monkeypatch.setenv("METHODNET_STORE_PATH", str(store_path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    path = dataset(tmp_path / "ds", organizations=[
        ORG_HEADER, ["LEN-luzhsky-mms", "МБОУ «СОШ № 99»", "school", "institutional",
                     "RU-LEN-gatchinsky"]])
    result = CliRunner().invoke(app, ["validate", str(path), "--store", "memory"])
    assert result.exit_code == 1
    assert "--allow-redefine" in result.output and "territory_id" in result.output
