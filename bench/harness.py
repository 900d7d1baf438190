"""Timing, memory and machine helpers, and the writer of ``bench/RESULTS.md`` and its raw JSON.

Every timing keeps its wall-clock samples (``time.perf_counter``) and the CPU time this process
spent (``time.process_time``): on a shared machine the wall clock also measures the neighbours,
and the pair shows how much. Results of a run are a list of :class:`Section` tables; a run is
saved as ``bench/results/<date>-<part>.json`` and ``RESULTS.md`` is rendered from the latest run
of each part, so the region and nation parts can be run apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "BENCH_DIR",
    "PARTS",
    "REPO",
    "RESULTS_DIR",
    "WORK_DIR",
    "Clock",
    "RssSampler",
    "Run",
    "Section",
    "Target",
    "Timing",
    "cpu_seconds",
    "fmt_bytes",
    "fmt_rate",
    "fmt_s",
    "latest_runs",
    "load_average",
    "machine",
    "measure",
    "peak_rss",
    "percentile",
    "quiet_neo4j",
    "render",
    "reset_peak_rss",
    "rss",
    "write_results",
]

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WORK_DIR = REPO / "var" / "bench"  # generated data, stores and the bench Neo4j (git-ignored)
PARTS = ("region", "nation")
NOTES_FILE = BENCH_DIR / "NOTES.md"

T = TypeVar("T")


# -- timing -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between closest ranks.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    >>> percentile([5.0], 95)
    5.0
    """
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Timing:
    """Repeated measurements of one thing: wall seconds and this process's CPU seconds.

    >>> t = Timing([0.3, 0.1, 0.2], [0.1, 0.1, 0.1])
    >>> t.median, t.min, t.max, t.n
    (0.2, 0.1, 0.3, 3)
    """

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        return percentile(self.wall, 95)

    @property
    def min(self) -> float:
        return min(self.wall)

    @property
    def max(self) -> float:
        return max(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def summary(self) -> dict[str, Any]:
        """The numbers the JSON keeps: the samples and their statistics."""
        return {"n": self.n, "median": self.median, "p95": self.p95, "min": self.min,
                "max": self.max, "cpu_median": self.cpu_median, "wall": self.wall,
                "cpu": self.cpu}

    def spread(self) -> str:
        """``min–max`` as text."""
        return f"{fmt_s(self.min)}–{fmt_s(self.max)}"


class Clock:
    """Wall and CPU time of a ``with`` block.

    >>> with Clock() as c:
    ...     _ = sum(range(1000))
    >>> c.wall >= 0 and c.cpu >= 0
    True
    """

    wall: float = 0.0
    cpu: float = 0.0

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = time.process_time() - self._c


def measure(
    fn: Callable[[], T], *, repeat: int = 5, warmup: int = 1, budget: float | None = None
) -> tuple[Timing, T]:
    """Run ``fn`` ``warmup`` times untimed, then ``repeat`` times timed; the last result.

    ``budget`` (seconds of wall time) stops the timed runs early, after at least one, so a slow
    question cannot stretch a run past its time box.

    >>> timing, result = measure(lambda: 6 * 7, repeat=3, warmup=0)
    >>> timing.n, result
    (3, 42)
    """
    result: T
    for _ in range(warmup):
        result = fn()
    timing = Timing()
    started = time.perf_counter()
    for _ in range(max(1, repeat)):
        with Clock() as c:
            result = fn()
        timing.wall.append(c.wall)
        timing.cpu.append(c.cpu)
        if budget is not None and time.perf_counter() - started > budget:
            break
    return timing, result


# -- memory -----------------------------------------------------------------------------------


def _status_kb(pid: int | str, key: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    m = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(m.group(1)) * 1024 if m else None


def cpu_seconds(pid: int) -> float | None:
    """A process's CPU time so far (user and system), in seconds, from ``/proc``: a server's
    work for a request, steadier than wall time on a machine others share."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss(pid: int | None = None) -> int | None:
    """Resident memory of a process (this one by default), in bytes, from ``/proc``."""
    return _status_kb(pid if pid is not None else "self", "VmRSS")


def peak_rss() -> int:
    """This process's peak resident memory since start or the last :func:`reset_peak_rss`."""
    hwm = _status_kb("self", "VmHWM")
    if hwm is not None:
        return hwm
    import resource  # not Linux: the lifetime peak, in kB on Linux-likes

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak_rss() -> bool:
    """Start a new peak: Linux resets VmHWM to the current RSS on ``5`` in ``clear_refs``."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class RssSampler:
    """The peak resident memory of another process (a Neo4j server), polled in a thread.

    ``/proc/<pid>/status`` has the process's own VmHWM, but that counts since the server
    started; polling gives the peak during the ``with`` block.
    """

    def __init__(self, pid: int | None, every: float = 0.2) -> None:
        self.pid = pid
        self.every = every
        self.peak = 0
        self.start_rss = rss(pid) if pid else None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            value = rss(self.pid) if self.pid else None
            if value:
                self.peak = max(self.peak, value)
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        if self.pid:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


# -- the machine ------------------------------------------------------------------------------


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (other processes competing for the cores)."""
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def _run(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (proc.stdout + proc.stderr).strip()


def _first_match(path: str, pattern: str) -> str | None:
    with contextlib.suppress(OSError):
        m = re.search(pattern, Path(path).read_text(), re.MULTILINE)
        if m:
            return m.group(1).strip()
    return None


PACKAGES = ("networkx", "neo4j", "pydantic", "fastapi", "strawberry-graphql", "uvicorn",
            "httpx", "pyinstrument")


def machine() -> dict[str, Any]:
    """Cores, memory, CPU model, OS and the versions of everything the numbers depend on."""
    mem = _first_match("/proc/meminfo", r"^MemTotal:\s+(\d+) kB")
    java = _run(["java", "-version"]).splitlines()
    node = _run(["node", "--version"]) if shutil.which("node") else ""
    try:
        from graph.store.neo4j_server import neo4j_version

        neo4j = neo4j_version()
    except Exception:  # the bench still describes the machine without the server module
        neo4j = "?"
    versions = {}
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    npm_lock = BENCH_DIR / "neo4j_graphql" / "package.json"
    if npm_lock.exists():
        deps = json.loads(npm_lock.read_text()).get("dependencies", {})
        versions.update({f"npm {k}": v for k, v in deps.items()})
    return {
        "cores": os.cpu_count(),
        "memory_bytes": int(mem) * 1024 if mem else None,
        "cpu": _first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor(),
        "os": _first_match("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)') or platform.system(),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "java": java[0] if java else "",
        "neo4j": neo4j,
        "node": node,
        "packages": versions,
        "git_commit": _run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "load_average": load_average(),
    }


# -- formatting -------------------------------------------------------------------------------


def fmt_s(seconds: float | None) -> str:
    """A duration for a table.

    >>> fmt_s(0.0123), fmt_s(1.5), fmt_s(95), fmt_s(None), fmt_s(0.00004)
    ('12.3 ms', '1.50 s', '1 min 35 s', '–', '40 µs')
    """
    if seconds is None or seconds != seconds:
        return "–"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 60:
        return f"{seconds:.2f} s"
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def fmt_bytes(n: float | None) -> str:
    """Bytes as MB/GB for a table.

    >>> fmt_bytes(512 * 2**20), fmt_bytes(3 * 2**30), fmt_bytes(None)
    ('512 MB', '3.0 GB', '–')
    """
    if not n:
        return "–"
    if n < 2**30:
        return f"{n / 2**20:.0f} MB"
    return f"{n / 2**30:.1f} GB"


def fmt_rate(count: float, seconds: float) -> str:
    """Rows per second.

    >>> fmt_rate(20000, 2.0)
    '10 000/s'
    """
    if seconds <= 0:
        return "–"
    return f"{count / seconds:,.0f}/s".replace(",", " ")


# -- results ----------------------------------------------------------------------------------


@dataclass
class Target:
    """A goal from the issue and whether this run met it (``None``: not measured).

    >>> Target("< 10 s", True).mark(), Target("< 10 s", False).mark()
    ('met', '**not met**')
    """

    text: str
    met: bool | None

    def mark(self) -> str:
        if self.met is None:
            return "not measured"
        return "met" if self.met else "**not met**"

    @classmethod
    def below(cls, text: str, value: float | None, limit: float) -> Target:
        return cls(text, None if value is None else value < limit)


def _cell(text: str) -> str:
    """A table cell: one line, pipes escaped.

    >>> _cell("a|b\\nc")
    'a\\\\|b c'
    """
    return " ".join(text.replace("|", "\\|").split("\n"))


@dataclass
class Section:
    """One table of RESULTS.md: a title, columns, rows of cells and notes under it."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.rows:
            lines.append("| " + " | ".join(self.columns) + " |")
            lines.append("|" + "---|" * len(self.columns))
            for row in self.rows:
                cells = [c.mark() if isinstance(c, Target) else str(c) for c in row]
                lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            lines.append("")
        lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines).rstrip() + "\n"

    def to_json(self) -> dict[str, Any]:
        rows = [[asdict(c) if isinstance(c, Target) else c for c in row] for row in self.rows]
        return {"key": self.key, "title": self.title, "columns": self.columns, "rows": rows,
                "notes": self.notes}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Section:
        rows = [[Target(**c) if isinstance(c, dict) and set(c) == {"text", "met"} else c
                 for c in row] for row in data["rows"]]
        return cls(data["key"], data["title"], data["columns"], rows, data.get("notes", []))


@dataclass
class Run:
    """One run of a part: its tables, the machine, and raw numbers for the JSON."""

    part: str
    started: str = field(default_factory=lambda: dt.datetime.now().isoformat(timespec="seconds"))
    finished: str | None = None
    machine: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def add(self, section: Section, raw: Any = None) -> Section:
        self.sections.append(section)
        if raw is not None:
            self.raw[section.key] = raw
        return section

    def save(self, results_dir: Path = RESULTS_DIR) -> Path:
        """Write ``<date>-<part>.json`` (a run on the same day replaces the earlier one)."""
        results_dir.mkdir(parents=True, exist_ok=True)
        path = results_dir / f"{self.started[:10]}-{self.part}.json"
        data = {"part": self.part, "started": self.started, "finished": self.finished,
                "machine": self.machine, "sections": [s.to_json() for s in self.sections],
                "raw": self.raw}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n",
                        encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> Run:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["part"], data["started"], data.get("finished"), data["machine"],
                   [Section.from_json(s) for s in data["sections"]], data.get("raw", {}))


def latest_runs(results_dir: Path = RESULTS_DIR) -> dict[str, Run]:
    """The newest saved run of each part."""
    found: dict[str, Run] = {}
    for path in sorted(results_dir.glob("*.json")):
        with contextlib.suppress(ValueError, KeyError, OSError):
            run = Run.load(path)
            if run.part not in found or run.started >= found[run.part].started:
                found[run.part] = run
    return found


def _machine_md(m: dict[str, Any]) -> str:
    pk = ", ".join(f"{k} {v}" for k, v in m.get("packages", {}).items())
    la = m.get("load_average") or ()
    return "\n".join([
        f"- {m.get('cores')} cores, {fmt_bytes(m.get('memory_bytes'))} RAM, {m.get('cpu')}",
        f"- {m.get('os')} (kernel {m.get('kernel')}), Python {m.get('python')}, "
        f"{m.get('java')}, Neo4j {m.get('neo4j')} (embedded from Maven jars), "
        f"Node.js {m.get('node')}",
        f"- packages: {pk}",
        f"- load average at the start: {' / '.join(f'{x:.1f}' for x in la)} "
        f"(1 / 5 / 15 min); git {m.get('git_commit')}",
    ])


def render(results_dir: Path = RESULTS_DIR, notes_file: Path = NOTES_FILE) -> str:
    """RESULTS.md: the notes written by hand, then the latest run of each part."""
    runs = latest_runs(results_dir)
    out = ["# Benchmark results", "",
           "Written by `bench/run.py` from the latest run of each part "
           "(raw numbers in `bench/results/*.json`); do not edit by hand: the notes come from "
           "`bench/NOTES.md`.", ""]
    if notes_file.exists():
        out += [notes_file.read_text(encoding="utf-8").strip(), ""]
    for part in PARTS:
        run = runs.get(part)
        out.append(f"## Part `{part}`")
        out.append("")
        if run is None:
            out += [f"Not run yet: `bench/run.py --part {part}`.", ""]
            continue
        out += [f"Run {run.started} → {run.finished or 'unfinished (partial results)'}.", "",
                _machine_md(run.machine), ""]
        out += [s.markdown() for s in run.sections]
    return "\n".join(out).rstrip() + "\n"


def write_results(results_dir: Path = RESULTS_DIR, out: Path = BENCH_DIR / "RESULTS.md") -> Path:
    """Render RESULTS.md from the saved runs."""
    out.write_text(render(results_dir), encoding="utf-8")
    return out


@contextlib.contextmanager
def quiet_neo4j() -> Iterator[None]:
    """Silence the driver's notifications (unknown labels in an empty database, and so on)."""
    import logging

    log = logging.getLogger("neo4j")
    before = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(before)
