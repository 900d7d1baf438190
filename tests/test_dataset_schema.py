"""The dataset format's definition: the shipped JSON Schema, headers, and coverage of the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.loaders.dataset import SHEETS, json_schema, schema_text
from graph.loaders.dataset.columns import normalize_header, ru_headers
from graph.loaders.dataset.guard import FROM_REGULATIONS
from graph.model import (
    Assessment,
    Competency,
    Diagnostic,
    IndividualRoute,
    Municipality,
    Organization,
    Person,
    Programme,
    Region,
)

REPO = Path(__file__).resolve().parent.parent


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = (REPO / "docs" / "dataset.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), (
        "docs/dataset.schema.json is stale: run "
        "`.venv/bin/python -m graph.loaders.dataset > docs/dataset.schema.json`"
    )


def test_schema_has_one_definition_per_sheet() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name in SHEETS:
        assert schema["properties"][name]["items"] == {"$ref": f"#/$defs/{name}"}
        assert schema["$defs"][name]["additionalProperties"] is False
    people = schema["$defs"]["people"]
    assert people["required"] == ["id", "full_name"]
    assert "ФИО" in people["properties"]["full_name"]["x-headers-ru"]
    assert schema["$defs"]["dataset"]["properties"]["synthetic"]["type"] == "boolean"
    json.dumps(schema)  # plain JSON all the way down


@pytest.mark.parametrize(("sheet", "model", "extra"), [
    ("territories", Region, {"kind", "region_id"}),
    ("territories", Municipality, {"kind"}),
    ("organizations", Organization, {"parent_id"}),
    ("people", Person, set()),
    ("competencies", Competency, set()),
    ("diagnostics", Diagnostic, {"person_id"}),
    ("programmes", Programme, {"provider_id"}),
    ("routes", IndividualRoute, {"person_id", "competency_ids", "programme_ids"}),
    ("assessments", Assessment, {"school_id"}),
])
def test_every_node_field_has_a_column(sheet: str, model: type, extra: set[str]) -> None:
    """A field added to a node model must get a column, or export would drop it silently (the
    regulations' mark is the store's to keep, not a dataset's to say)."""
    columns = set(SHEETS[sheet].columns)
    assert set(model.model_fields) - {FROM_REGULATIONS} <= columns
    assert columns - set(model.model_fields) <= extra


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_no_header_names_two_columns(sheet: str) -> None:
    seen: dict[str, str] = {}
    for column in SHEETS[sheet].columns:
        for header in (column, *ru_headers(sheet, column)):
            key = normalize_header(header)
            assert seen.setdefault(key, column) == column, f"{header!r} in {sheet}"
    assert set(SHEETS[sheet].required) <= set(SHEETS[sheet].columns)


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_every_column_is_documented(sheet: str) -> None:
    doc = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = doc.split(f"### `{sheet}`", 1)[1].split("\n### ", 1)[0]
    for column in SHEETS[sheet].columns:
        assert f"| {column} |" in section or f"| **{column}** |" in section, column
    for column in SHEETS[sheet].required:
        assert f"| **{column}** |" in section, column
