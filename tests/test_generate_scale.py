"""The scale generator: determinism, streaming, plausible figures, the CLI command."""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graph.generate import GenerateError, generate
from graph.generate.sheets import COLUMNS


def _rows(folder: Path, sheet: str) -> list[dict[str, str]]:
    with (folder / f"{sheet}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("region")
    generate("region", 11, out)
    return out


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate("district", 3, tmp_path / "a")
    generate("district", 3, tmp_path / "b")
    generate("district", 4, tmp_path / "c")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted([*(f"{s}.csv" for s in COLUMNS), "dataset.json"])
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "people.csv").read_bytes() != \
        (tmp_path / "c" / "people.csv").read_bytes()


def test_files_follow_the_format(tmp_path: Path) -> None:
    generate("district", 5, tmp_path)
    for sheet, columns in COLUMNS.items():
        raw = (tmp_path / f"{sheet}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
        assert b"\r\n" not in raw
        header = raw.decode("utf-8").split("\n", 1)[0]
        assert tuple(header.split(",")) == columns
    meta = json.loads((tmp_path / "dataset.json").read_text(encoding="utf-8"))
    assert meta["synthetic"] is True
    assert meta["seed"] == 5
    assert "made up" in meta["description"]
    dates = [r["start"] for r in _rows(tmp_path, "employment")]
    assert all(len(d) == 10 and d[4] == "-" for d in dates)
    assert {r["synthetic"] for r in _rows(tmp_path, "people")} == {"true"}


def test_progress_is_reported_district_by_district(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    report = generate("region", 2, tmp_path, progress=lambda *a: calls.append(a))
    total = report.totals["districts"]
    assert calls[0] == ("districts", 0, total)
    assert [c[1] for c in calls] == list(range(total + 1))
    assert {c[2] for c in calls} == {total}


def test_memory_does_not_grow_with_scale(tmp_path: Path) -> None:
    # Streaming: a 28-district region needs about what one district needs, not 28 times it.
    peaks = []
    for scale in ("district", "region"):
        tracemalloc.start()
        generate(scale, 9, tmp_path / scale)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    district, region = peaks
    assert region < 3 * district
    assert region < 30_000_000


def test_region_figures_are_plausible(region: Path) -> None:
    roles = _rows(region, "roles")
    teachers = {r["person_id"] for r in roles if r["role"] == "teacher"}
    methodists = {r["person_id"] for r in roles if r["role"].endswith("_methodist")}
    schools = [o for o in _rows(region, "organizations") if o["kind"] == "school"]
    general = [s for s in schools if s["school_kind"] == "general"]
    assert 350 <= len(schools) <= 650
    assert 9_000 <= len(teachers) <= 17_000
    assert 25 * len(general) <= sum(
        1 for r in roles if r["role"] == "teacher" and r["organization_id"] in
        {s["id"] for s in general}) <= 45 * len(general)
    assert {s["school_kind"] for s in schools} == {"general", "preschool", "vocational",
                                                   "additional"}
    assert 80 <= len(methodists) <= 200
    people = {p["id"]: p for p in _rows(region, "people")}
    ages = [2025 - int(people[t]["birth_year"]) for t in teachers]
    assert min(ages) >= 22 and max(ages) <= 70
    assert 40 <= sorted(ages)[len(ages) // 2] <= 52  # median age of Russian teachers
    for t in teachers:
        assert int(people[t]["career_start_year"]) >= int(people[t]["birth_year"]) + 21
    young = [t for t in teachers if int(people[t]["career_start_year"]) >= 2023
             and 2025 - int(people[t]["birth_year"]) < 35]
    assert 0.08 <= len(young) / len(teachers) <= 0.12
    subjects = [people[t]["subjects"].split("|") for t in teachers]
    assert all(1 <= len(s) <= 2 for s in subjects)
    diagnosed = {d["person_id"] for d in _rows(region, "diagnostics")}
    assert 0.4 <= len(diagnosed) / len(teachers) <= 0.6
    with_deficits = {d["person_id"] for d in _rows(region, "deficits")}
    with_routes = {r["person_id"] for r in _rows(region, "routes")}
    assert with_routes < with_deficits
    assert len(with_routes) >= 0.7 * len(with_deficits)
    assessments = _rows(region, "assessments")
    assert {a["period"] for a in assessments} == {"2025-H1", "2025-H2"}
    assert len(assessments) == 2 * len(general)
    for period in ("2025-H1", "2025-H2"):
        flagged = [a for a in assessments if a["period"] == period]
        low = [a for a in flagged if a["low_results"] == "true"]
        assert 0.04 <= len(low) / len(flagged) <= 0.14
        assert all(a["low_subjects"] for a in low)
    assert any(a["unreliable_results"] == "true" for a in assessments)
    programmes = _rows(region, "programmes")
    assert {p["in_federal_registry"] for p in programmes} == {"true", "false"}
    types = {s["type"] for s in _rows(region, "support")}
    assert types == {"SUPPORTS", "MENTORS", "TUTORS", "CURATES"}
    assert _rows(region, "internship_sites") and _rows(region, "horizontal_learning")
    chairs = [m for m in _rows(region, "memberships") if m["is_chair"] == "true"]
    assert len(chairs) >= 28 * 2


def test_names_agree_with_gender(region: Path) -> None:
    for p in _rows(region, "people")[:3000]:
        surname, _first, patronymic = p["full_name"].split(" ")
        female = patronymic.endswith("на")
        if surname.endswith(("ов", "ев", "ёв", "ин", "ский")):
            assert not female, p["full_name"]
        if surname.endswith(("ова", "ева", "ёва", "ина", "ская")):
            assert female, p["full_name"]


def test_nation_shape_without_writing_it() -> None:
    from graph.generate.profiles import synthetic

    shape = synthetic("nation", 1)
    districts = [d for r in shape.regions for d in r.districts]
    schools = sum(sum(d.schools.values()) for d in districts)
    assert len(shape.regions) == 85
    assert 2_000 <= len(districts) <= 2_800
    assert 33_000 <= schools <= 48_000
    assert shape.regions[0].districts[2].id == "R01-D003"


@pytest.mark.parametrize(("scale", "profile", "match"), [
    ("region", "zeya", "use --scale district"),
    ("district", "leningrad", "use --scale region"),
    ("district", "moscow", "unknown profile"),
    ("city", None, "unknown scale"),
])
def test_bad_requests_are_refused(tmp_path: Path, scale: str, profile: str | None,
                                  match: str) -> None:
    with pytest.raises(GenerateError, match=match):
        generate(scale, 1, tmp_path, profile=profile)  # type: ignore[arg-type]


def test_cli_generates_a_dataset(tmp_path: Path) -> None:
    from cli.generate import register

    app = typer.Typer()
    register(app)

    @app.command()
    def _other() -> None:  # a second command keeps typer from flattening the app
        """Nothing."""

    result = CliRunner().invoke(app, ["generate", "--scale", "district", "--seed", "8",
                                      "--profile", "zeya", "--out", str(tmp_path / "z")])
    assert result.exit_code == 0, result.output
    assert "people.csv" in result.output
    assert (tmp_path / "z" / "dataset.json").exists()
    bad = CliRunner().invoke(app, ["generate", "--scale", "nation", "--seed", "8",
                                   "--profile", "zeya", "--out", str(tmp_path / "x")])
    assert bad.exit_code != 0


def test_a_completion_is_written_once_per_programme_and_day(tmp_path: Path) -> None:
    """The nation run once drew the same (teacher, programme, start) twice with different ends:
    the loader rightly rejects such conflicting rows, so the generator must never write them."""
    import datetime as dt

    from graph.generate.generator import _Generator, _Teacher
    from graph.generate.sheets import SheetWriter

    with SheetWriter(tmp_path) as writer:
        gen = _Generator(writer, seed=1)
        t = _Teacher(id="t1", school="s1", subjects=["физика"], young=False, experience=5,
                     start="2020-09-01")
        day = dt.date(2025, 3, 1)
        gen.completion(t, "p1", day, dt.date(2025, 3, 20), True)
        gen.completion(t, "p1", day, dt.date(2025, 4, 1), False)  # same identity: skipped
        gen.completion(t, "p1", dt.date(2025, 5, 1), dt.date(2025, 5, 20), False)
    rows = (tmp_path / "completions.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == ["t1,p1,2025-03-01,2025-03-20,true", "t1,p1,2025-05-01,2025-05-20,false"]
