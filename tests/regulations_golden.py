"""The bundled regulations as graph facts, in a stable JSON form, for the golden test.

``python -m tests.regulations_golden`` rewrites the golden file; do that only on purpose, when a
change to the loader is meant to change what the bundled five yield, and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.loaders.regulations import read_regulations

FOLDER = Path(__file__).resolve().parent.parent / "data" / "regulations"
GOLDEN = Path(__file__).resolve().parent / "data" / "regulations_golden" / "bundled.json"


def dump() -> dict[str, Any]:
    """Every node and edge (with props and origin line) and the report, sorted."""
    batch, report = read_regulations(FOLDER)
    nodes = {nid: {"label": r.label, "props": r.props, "line": batch.origin(nid).row}
             for nid, r in sorted(batch.nodes.items())}
    edges = {eid: {"props": r.props, "line": batch.origin(eid).row}
             for eid, r in sorted(batch.edges.items())}
    data = {"nodes": nodes, "edges": edges,
            "skipped": sorted(str(s) for s in report.skipped),
            "resolutions": sorted(report.resolutions)}
    out: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    return out


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(dump(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")
    print(f"wrote {GOLDEN.name}")
