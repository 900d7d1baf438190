"""The dataset's CSV sheets as streaming writers, with the columns of docs/data-format.md."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

# The generator writes cells exactly as the dataset format reads them.
from graph.loaders.dataset.columns import format_cell as cell
from graph.spreadsheet import escape_csv_cell

__all__ = ["COLUMNS", "SheetWriter", "cell", "write_dataset_json"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "territories": ("id", "kind", "name", "region_id", "code"),
    "organizations": (
        "id", "name", "kind", "level", "short_name", "aliases", "territory_id", "parent_id",
        "school_kind", "community_kind", "subjects", "generic_name",
    ),
    "org_relations": ("source_id", "type", "target_id"),
    "people": ("id", "full_name", "birth_year", "career_start_year", "subjects", "synthetic"),
    "employment": ("person_id", "organization_id", "position", "start", "end"),
    "roles": ("person_id", "organization_id", "role", "subjects", "start", "end"),
    "memberships": ("member_id", "body_id", "is_chair", "role", "start", "end"),
    "support": ("source_id", "target_id", "type", "subject", "kind", "start", "end"),
    "competencies": ("id", "name", "area", "subject"),
    "diagnostics": ("id", "person_id", "date", "instrument", "score"),
    "deficits": ("person_id", "competency_id", "diagnostic_id", "date", "severity"),
    "programmes": ("id", "title", "hours", "in_federal_registry", "subject", "provider_id"),
    "routes": ("id", "person_id", "created", "status", "end", "competency_ids", "programme_ids"),
    "completions": ("person_id", "programme_id", "start", "end", "from_diagnostic"),
    "assessments": (
        "id", "school_id", "period", "procedure", "low_results", "unreliable_results",
        "low_subjects", "date",
    ),
    "internship_sites": ("school_id", "body_id", "topic", "start", "end"),
    "horizontal_learning": ("source_id", "target_id", "topic", "start", "end"),
}
"""Every sheet the generator writes, in the order of the format's table."""


class SheetWriter:
    """Open writers for every sheet of a dataset folder; rows go to disk as they are made.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, SheetWriter(Path(d)) as w:
    ...     w.row("territories", "RU-LEN", "region", "Ленинградская область", None, "47")
    ...     w.rows["territories"]
    1
    """

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.rows: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, Any] = {}
        for name, columns in COLUMNS.items():
            # newline="" and "\n" endings make the bytes the same on every platform.
            fh = (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            self._files[name] = fh
            self._writers[name] = writer

    def row(self, sheet: str, *values: Any) -> None:
        """Write one row; values in the sheet's column order, trailing empties may be left off."""
        columns: Sequence[str] = COLUMNS[sheet]
        if len(values) > len(columns):
            raise ValueError(f"{sheet}: {len(values)} values for {len(columns)} columns")
        cells = [escape_csv_cell(cell(v)) for v in values]
        cells.extend("" for _ in range(len(columns) - len(cells)))
        self._writers[sheet].writerow(cells)
        self.rows[sheet] += 1

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_dataset_json(out: Path, meta: dict[str, Any]) -> None:
    """Write ``dataset.json`` with stable key order and a final newline."""
    text = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out / "dataset.json").write_text(text, encoding="utf-8")
