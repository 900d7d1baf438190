"""The bundled five regulations load exactly as pinned: every node, edge, prop and report line."""

from __future__ import annotations

import json

from tests.regulations_golden import GOLDEN, dump


def test_the_bundled_five_load_exactly_as_pinned() -> None:
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = dump()
    assert sorted(set(got["nodes"]) ^ set(want["nodes"])) == []
    assert sorted(set(got["edges"]) ^ set(want["edges"])) == []
    changed = [k for k in want["nodes"] if got["nodes"][k] != want["nodes"][k]]
    changed += [k for k in want["edges"] if got["edges"][k] != want["edges"][k]]
    assert changed == []
    assert got["skipped"] == want["skipped"]
    assert got["resolutions"] == want["resolutions"]
