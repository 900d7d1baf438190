"""The benchmark harness runs end to end on the district scale (memory store, one repetition)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import harness, load, questions
from bench.fixtures import dataset


def test_district_load_and_questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "WORK_DIR", tmp_path)
    monkeypatch.setattr(load, "WORK_DIR", tmp_path)
    data = dataset("district", root=tmp_path / "data")
    result = load.load_once("memory", data, "district")
    assert result["nodes"] > 400 and result["edges"] > 1000
    assert result["total_s"] > 0 and result["peak_rss"] > 0

    from graph.store import MemoryStore

    store = MemoryStore(load.store_dir("district"), readonly=True)
    picks = questions.pick(store)
    assert picks.district.startswith("R01-D")
    rows = questions.run_questions(store, questions.suite(picks), say=lambda _: None,
                                   repeat=1, budget=1.0)
    assert not [r for r in rows if r.get("error")], rows
    assert all(r["median"] >= 0 for r in rows)

    run = harness.Run("region", machine=harness.machine())
    run.add(load.load_section([{"store": "memory", "scale": "district", "runs": [result],
                                "start": {}}]))
    run.add(questions.question_section("district", {"memory": rows}))
    saved = run.save(tmp_path / "results")
    assert json.loads(saved.read_text())["part"] == "region"
    text = harness.render(tmp_path / "results", tmp_path / "no-notes.md")
    assert "gap_report" in text and "| district | memory |" in text
