"""Profile of the slowest question: cProfile of one call, the functions that cost the most.

cProfile is in the standard library, so profiling needs nothing installed; its overhead
inflates the total (many small calls), so the table shows shares, not absolute speed.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from typing import Any

from bench.harness import REPO, WORK_DIR, Clock, Section, fmt_s
from bench.questions import Question
from graph.store.base import Store

__all__ = ["profile_question", "profile_section", "slowest", "summarize"]


def slowest(rows_by_store: dict[str, list[dict[str, Any]]]) -> tuple[str, str, str] | None:
    """``(store, name, level)`` of the question with the highest median."""
    best: tuple[float, str, str, str] | None = None
    for store, rows in rows_by_store.items():
        for r in rows:
            if r.get("median") is not None and (best is None or r["median"] > best[0]):
                best = (r["median"], store, r["name"], r["level"])
    return None if best is None else best[1:]


def profile_question(store: Store, question: Question, scale: str, top: int = 20
                     ) -> dict[str, Any]:
    """Run the question once under cProfile; the top functions by own and cumulative time."""
    profiler = cProfile.Profile()
    with Clock() as clock:
        profiler.runcall(question.call, store)
    path = WORK_DIR / f"profile-{scale}-{question.module}-{question.level}.prof"
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(path)
    result = summarize(pstats.Stats(profiler, stream=io.StringIO()), top)
    result.update({"question": question.name, "module": question.module,
                   "level": question.level, "wall_s": clock.wall,
                   "file": str(path.relative_to(REPO))})
    return result


def summarize(stats: pstats.Stats, top: int = 20) -> dict[str, Any]:
    """The top functions of a profile by own and by cumulative time (also for a saved file:
    ``summarize(pstats.Stats(path))``)."""
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    entries = []
    for (file, line, func), (_cc, calls, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        entries.append({"function": f"{_short(file)}:{line}({func})", "calls": calls,
                        "own_s": tt, "cumulative_s": ct, "own_share": tt / total})
    by_own = sorted(entries, key=lambda e: -e["own_s"])[:top]
    by_cum = sorted(entries, key=lambda e: -e["cumulative_s"])[:top]
    return {"profiled_total_s": total, "by_own": by_own, "by_cumulative": by_cum}


def _short(file: str) -> str:
    # Results name files relative to the repository or the installed package, never by where
    # this machine keeps them.
    for marker in ("site-packages/", f"{REPO}/", "python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def profile_section(scale: str, store: str, result: dict[str, Any]) -> Section:
    section = Section(
        f"profile_{scale}",
        f"Profile: {result['module']}.{result['question']} [{result['level']}] on {store}, "
        f"{scale} data — the slowest question measured",
        ["function", "calls", "own time", "share of own time", "cumulative"])
    for e in result["by_own"][:12]:
        section.rows.append([f"`{e['function']}`", e["calls"], fmt_s(e["own_s"]),
                             f"{e['own_share']:.0%}", fmt_s(e["cumulative_s"])])
    section.notes.append(
        f"One call under cProfile: {fmt_s(result['wall_s'])} wall "
        f"(profiler overhead included); the raw profile is {result['file']} "
        "(open with `python -m pstats` or snakeviz). Findings and what was done: see the notes "
        "at the top.")
    return section
