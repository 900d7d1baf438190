"""Run a part of the benchmarks and write bench/RESULTS.md and bench/results/<date>-<part>.json.

    .venv/bin/python bench/run.py --part region   # district + region, ~6 min on 2 cores
    .venv/bin/python bench/run.py --part nation   # the country into Neo4j, long
    .venv/bin/python bench/run.py --part compare  # only Methodnet vs @neo4j/graphql, region

Results are saved after every section, so an interrupted run leaves what it measured.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, Python puts bench/ first on the path, where profile.py would shadow the
# standard library's profile module that cProfile imports: put the repository there instead.
_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p not in (_HERE, "")]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from bench.harness import (  # noqa: E402
    REPO,
    Clock,
    Run,
    Section,
    fmt_bytes,
    fmt_rate,
    fmt_s,
    machine,
    write_results,
)

if TYPE_CHECKING:
    from bench.questions import Question
    from graph.store import Store

__all__ = ["main", "run_compare", "run_nation", "run_region"]

Say = Callable[[str], None]


def _say(message: str) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def _save(run: Run, say: Say) -> None:
    run.save()
    write_results()
    say("saved results")


def run_region(*, load_repeat: int = 2, district_repeat: int = 3, say: Say = _say,
               stores: tuple[str, ...] = ("memory", "neo4j"), api: bool = True,
               compare: bool = True, api_seconds: float = 60.0) -> Run:
    """District and region: loads, questions, the API under load, @neo4j/graphql, a profile."""
    from bench import api_load, load, neo4j_graphql, profile, questions
    from bench.fixtures import dataset, dataset_rows, fresh_neo4j, neo4j_config, open_neo4j
    from graph.store import MemoryStore, neo4j_server

    run = Run("region", machine=machine())
    data = {scale: dataset(scale) for scale in ("district", "region")}
    config = neo4j_config()
    if "neo4j" in stores:
        say("starting the bench Neo4j on an empty database …")
        fresh_neo4j(config)

    results = []
    for scale in ("district", "region"):
        for kind in stores:
            repeat = district_repeat if scale == "district" else load_repeat
            results.append(load.run_load(kind, data[scale], scale, repeat=repeat, say=say))
            run.sections = [s for s in run.sections if s.key != "load"]
            run.add(load.load_section(results), raw=results)
            _save(run, say)
    nation = dataset_rows(data["region"].parent / "nation-1")
    fit = load.memory_fit_section(results, nation.get("rows", {}),
                                  dataset_rows(data["region"]).get("rows", {}))
    if fit is not None:
        run.add(fit)

    opened: dict[str, Store] = {}
    if "memory" in stores:
        opened["memory"] = MemoryStore(load.store_dir("region"), readonly=True)
    if "neo4j" in stores:
        opened["neo4j"] = open_neo4j(config)
    first = next(iter(opened.values()))
    picks = questions.pick(first)
    suite = questions.suite(picks)
    by_store: dict[str, list[dict[str, Any]]] = {}
    for kind, store in opened.items():
        # The Neo4j server was just restarted (first answer after start).
        say(f"warming the {kind} store …")
        warm = _warm(store, suite)
        say(f"questions on region data, {kind} store …")
        by_store[kind] = _keep_first_search(questions.run_questions(store, suite, say=say), warm)
        run.sections = [s for s in run.sections if s.key != "questions_region"]
        run.add(questions.question_section("region", by_store), raw=by_store)
        _save(run, say)

    from bench import search

    searched = {}
    for kind, store in opened.items():
        say(f"search on region data, {kind} store …")
        searched[kind] = search.run_search(store, picks.district, say=say,
                                           writes=5 if kind == "neo4j" else 0)
    run.add(search.search_section("region", searched), raw=searched)
    _save(run, say)

    if api:
        api_rows = []
        for kind in stores:
            api_rows += api_load.run_api_load(kind, "region", picks.district,
                                              questions.PERIOD, say=say, seconds=api_seconds)
            if kind == "neo4j":  # several server processes share one database
                api_rows += api_load.run_api_load(kind, "region", picks.district,
                                                  questions.PERIOD, say=say,
                                                  seconds=api_seconds, workers=2,
                                                  clients=(50,))
        run.add(api_load.api_section("region", api_rows, picks.district), raw=api_rows)
        _save(run, say)

    if compare and "neo4j" in stores:
        say("Methodnet vs @neo4j/graphql …")
        neo4j_graphql.npm_ci(say)
        pairs = neo4j_graphql.pairs(picks.district, questions.PERIOD, picks.school,
                                    picks.teacher, picks.methodist)
        # Methodnet computes every answer, as @neo4j/graphql does (it keeps none): a repeated
        # request served from the answers kept by revision would time the cache, not the question.
        with neo4j_graphql.node_server(neo4j_server.uri(config)) as ng, \
                api_load.server("neo4j", "region", answers=False) as mn:
            rows = neo4j_graphql.run_comparison(mn, ng, pairs, say=say)
        run.add(neo4j_graphql.comparison_section("region", rows), raw=rows)
        _save(run, say)

    worst = profile.slowest(by_store)
    if worst is not None:
        kind, name, level = worst
        question = next(q for q in suite if q.name == name and q.level == level)
        say(f"profiling {question.module}.{name} [{level}] on {kind} …")
        result = profile.profile_question(opened[kind], question, "region")
        run.add(profile.profile_section("region", kind, result), raw=result)
    for store in opened.values():
        store.close()
    run.finished = dt.datetime.now().isoformat(timespec="seconds")
    _save(run, say)
    return run


def run_compare(*, reuse_load: bool = False, say: Say = _say) -> list[dict[str, Any]]:
    """Only the side-by-side with @neo4j/graphql on region data, for a quick before/after of
    one change: the region loaded into the bench Neo4j (kept as it is with ``reuse_load``),
    both GraphQL servers, the pairs. Says the medians; writes nothing to bench/RESULTS.md (a
    part of a run is not a run: ``--part region`` measures everything together)."""
    from bench import api_load, load, neo4j_graphql, questions
    from bench.fixtures import dataset, fresh_neo4j, neo4j_config, open_neo4j, start_neo4j
    from graph.store import neo4j_server

    config = neo4j_config()
    if reuse_load:
        start_neo4j(config)
    else:
        say("starting the bench Neo4j on an empty database …")
        fresh_neo4j(config)
        load.run_load("neo4j", dataset("region"), "region", repeat=1, say=say)
    store = open_neo4j(config)
    try:
        picks = questions.pick(store)
    finally:
        store.close()
    say("Methodnet vs @neo4j/graphql …")
    neo4j_graphql.npm_ci(say)
    pairs = neo4j_graphql.pairs(picks.district, questions.PERIOD, picks.school,
                                picks.teacher, picks.methodist)
    # Methodnet computes every answer, as @neo4j/graphql does (it keeps none): a repeated
    # request served from the answers kept by revision would time the cache, not the question.
    with neo4j_graphql.node_server(neo4j_server.uri(config)) as ng, \
            api_load.server("neo4j", "region", answers=False) as mn:
        return neo4j_graphql.run_comparison(mn, ng, pairs, say=say)


def run_nation(*, say: Say = _say, heap: str = "2g", page_cache: str = "2g",
               rows: int = 20_000, questions_budget: float = 60.0,
               country_timeout: float = 180.0, admin: bool = True,
               reuse_load: bool = False) -> Run:
    """The country into Neo4j with the chunked bulk path; then its questions, time-boxed.

    ``reuse_load`` keeps what the bench Neo4j holds and the latest nation run's load figures,
    to measure the questions again after a change to them.
    """
    from bench import load, profile, questions
    from bench.fixtures import (
        dataset,
        dataset_rows,
        fresh_neo4j,
        neo4j_config,
        neo4j_pid,
        open_neo4j,
    )
    from bench.harness import RssSampler, latest_runs, peak_rss, reset_peak_rss
    from graph.loaders.dataset.stream import bulk_load
    from graph.loaders.regulations import load_regulations
    from graph.model.registry import NODE_LABELS
    from graph.store import neo4j_server

    run = Run("nation", machine=machine())
    say("nation dataset …")
    with Clock() as gen:
        path = dataset("nation")
    config = neo4j_config(heap=heap, page_cache=page_cache, tx_memory="1g")
    # Read before this run saves: a run on the same day replaces the day's results file.
    earlier = latest_runs().get("nation")
    previous = earlier if reuse_load else None
    if previous is not None and "load_nation" in previous.raw:
        neo4j_server.stop(config)  # restart with the nation's memory settings, data kept
        neo4j_server.start(config, timeout=600)
    else:
        fresh_neo4j(config)
    # Country-wide reads of a million people take minutes: a long timeout, so that the
    # slowest question can be profiled to its end.
    store = open_neo4j(config, read_timeout=900)
    if previous is not None and "load_nation" in previous.raw:
        # Only the questions are measured again, on the data the previous run loaded.
        say("reusing the loaded nation and the previous run's load figures …")
        run.sections += [s for s in previous.sections if s.key == "load_nation"]
        run.raw["load_nation"] = previous.raw["load_nation"]
        run.raw["load_nation_reused_from"] = previous.started
    else:
        load_regulations(store, load.REPO / "data" / "regulations")
        reset_peak_rss()
        counts: dict[str, int] = {}
        marks: list[tuple[float, int]] = []
        section = Section("load_nation", "Load: nation into Neo4j, chunked bulk path (not atomic)",
                          ["what", "value"])
        run.add(section)
        with Clock() as clock, RssSampler(neo4j_pid(config), every=1.0) as server:
            t0 = time.perf_counter()

            def progress(done: int, _total: int) -> None:
                counts["written"] = done
                if not marks or done - marks[-1][1] >= 200_000:
                    marks.append((time.perf_counter() - t0, done))
                    say(f"  {done:,} rows written, {fmt_s(marks[-1][0])}")

            error = None
            try:
                loaded = bulk_load(store, path, rows=rows, progress=progress)
                counts.update(loaded.rows)
                counts["nodes"] = sum(loaded.summary.created.get(lab, 0) +
                                      loaded.summary.updated.get(lab, 0) +
                                      loaded.summary.unchanged.get(lab, 0) for lab in NODE_LABELS)
                counts["edges"] = loaded.total - counts["nodes"]
            except Exception as e:  # a partial load is still reported
                error = f"{type(e).__name__}: {e}"[:500]
                say(f"nation load stopped: {error}")
        items = counts.get("written", 0)
        written = (f"{counts['nodes']:,} · {counts['edges']:,}".replace(",", " ") if not error
                   else f"{items:,} before it stopped".replace(",", " "))
        section.rows += [
            ["dataset", f"{path.name}: {dataset_rows(path).get('totals', {})}"],
            ["generation (or reuse) of the CSV files", fmt_s(gen.wall)],
            ["how", f"`bulk_load` (`methodnet load --bulk`): chunks of {rows:,} rows of a sheet "
                    "checked by the models in a second thread while Neo4j writes the previous one "
                    f"in transactions of {store.batch_size:,} rows"],
            ["rows written (nodes · edges)", written],
            ["time", fmt_s(clock.wall)],
            ["rate", fmt_rate(items, clock.wall)],
            ["CPU of the loading process", fmt_s(clock.cpu)],
            ["peak RSS, loading process · Neo4j server",
             f"{fmt_bytes(peak_rss())} · {fmt_bytes(server.peak)} (heap {heap}, page cache "
             f"{page_cache})"],
            ["target < 10 min", ("met" if clock.wall < 600 and not error else "**not met**")],
            ["finished", "yes" if error is None else f"no: {error}"],
        ]
        run.raw["load_nation"] = {"counts": counts, "seconds": clock.wall, "cpu": clock.cpu,
                                  "marks": marks, "error": error, "server_peak_rss": server.peak,
                                  "client_peak_rss": peak_rss()}
        _save(run, say)

    region_run = latest_runs().get("region")
    if region_run is not None and "load" in region_run.raw:
        fit = load.memory_fit_section(region_run.raw["load"], dataset_rows(path).get("rows", {}),
                                      dataset_rows(dataset("region")).get("rows", {}))
        if fit is not None:
            run.add(fit)

    picks = questions.pick(store)
    # Region- and country-wide reads of a million teachers through the Store interface take
    # minutes each: the everyday questions run in this process, the country gap report (the
    # issue's target) once in a child process with a hard time limit.
    suite = [q for q in questions.suite(picks) if q.level in ("node", "district", "regulations")]
    # The server was just (re)started.
    say("warming the server …")
    warm = _warm(store, suite)
    say("questions on nation data, neo4j …")
    rows_q = _keep_first_search(
        questions.run_questions(store, suite, say=say, repeat=3, budget=questions_budget), warm)
    # The target is what a coordinator's first screen asks; the whole lists (969 009
    # teachers without a methodist, on nation data) and the counts alone are timed apart. The
    # server was just restarted: the first screen is asked once untimed (its statements
    # planned, its data read), as the other questions are warmed.
    server_pid = neo4j_pid(config)
    first = _country_gap_report(country_timeout, say, asked="screen", server=server_pid)
    # The first screen takes the country's counts from partials kept per district
    # (graph/queries/kept_counts.py): counted anew (partials off), cold (every district
    # stale: the one pass), warm, and after writes of each kind (bench/kept_counts.py).
    for asked in ("exact", "cold", "screen", "lists", "counts"):
        rows_q.append(_country_gap_report(country_timeout, say, asked=asked,
                                          server=server_pid))
    if first.get("median") is not None:
        rows_q[-3]["first"] = first["median"]
    rows_q += _kept_after_writes(country_timeout, say)
    # What a load and `methodnet recount` end with (every district counted and kept), then
    # the first screen asked of a server just started on a restarted Neo4j (bench/first_ask.py).
    rows_q.append(_country_gap_report(country_timeout, say, asked="recount", server=server_pid))
    store.close()
    rows_q += _first_asks(country_timeout, say)
    store = open_neo4j(config, read_timeout=900)  # the server was restarted meanwhile
    by_store = {"neo4j": rows_q}
    run.add(questions.question_section("nation", by_store), raw=by_store)
    _save(run, say)
    # The slowest of the suite's questions (the country's reports run in a child process).
    worst = profile.slowest({"neo4j": [r for r in rows_q if r["level"] != "country"]})
    if worst is not None:
        _kind, name, level = worst
        question = next(q for q in suite if q.name == name and q.level == level)
        say(f"profiling {name} [{level}] …")
        try:
            result = profile.profile_question(store, question, "nation")
            run.add(profile.profile_section("nation", "neo4j", result), raw=result)
        except Exception as e:  # a profile that fails is reported, the run goes on
            failed = Section("profile_nation", f"Profile: {name} [{level}] on nation data",
                             ["what", "value"])
            failed.rows.append(["profile", f"failed: {type(e).__name__}: {e}"[:300]])
            run.add(failed)
        _save(run, say)
    store.close()
    if admin:
        run.add(_admin_import(path, say))
        _save(run, say)
    elif earlier is not None:
        # The ceiling depends on neither Methodnet's loader nor its questions: keep the one
        # measured last, saying when.
        for section in earlier.sections:
            if section.key == "admin_import":
                if not any(n.startswith("Measured in the run of") for n in section.notes):
                    section.notes.append(f"Measured in the run of {earlier.started}, not "
                                         "repeated in this one (`--no-admin-import`).")
                run.sections.append(section)
    run.finished = dt.datetime.now().isoformat(timespec="seconds")
    _save(run, say)
    return run


def _warm(store: Store, suite: list[Question]) -> list[dict[str, Any]]:
    """Untimed passes before the timed ones, as on a server in use: every question once (its
    plans compiled, its data in the page cache, the search index built), then the everyday
    (node and district) questions again for 20 s, since a JVM compiles what it runs often.
    Returns the first pass's rows (its ``first`` is each question's first call)."""
    from bench import questions

    warm = questions.run_questions(store, suite, say=lambda _m: None, repeat=1, budget=0.0)
    everyday = [q for q in suite if q.level in questions.LEVEL_TARGETS]
    warmed_until = time.monotonic() + 20.0
    while everyday and time.monotonic() < warmed_until:
        questions.run_questions(store, everyday, say=lambda _m: None, repeat=1, budget=0.0)
    return warm


def _keep_first_search(rows: list[dict[str, Any]], warm: list[dict[str, Any]]
                       ) -> list[dict[str, Any]]:
    """The timed rows, with the search's first call (the index build) from the warm pass."""
    for row, warmed in zip(rows, warm, strict=True):
        if row["module"] == "search" and warmed.get("first") is not None:
            row["first"] = warmed["first"]
    return rows


# A coordinator's first screen: every count and the first page of each list (the GraphQL
# ``items`` page is 50 by default).
FIRST_SCREEN = 50

_COUNTRY = """
import json, sys, time
from bench.fixtures import neo4j_config, open_neo4j
from graph.queries.gaps import gap_report
store = open_neo4j(neo4j_config(), read_timeout=3600)
asked = {"counts": {"counts_only": True}, "screen": {"first": int(sys.argv[2])},
         "exact": {"first": int(sys.argv[2])}, "cold": {"first": int(sys.argv[2])},
         "lists": {}, "recount": {}}[sys.argv[1]]
if sys.argv[1] == "exact":
    import os; os.environ["METHODNET_GAP_PARTIALS"] = "0"
if sys.argv[1] in ("cold", "recount"):
    store.forget_gap_partials()
t = time.perf_counter(); c = time.process_time()
if sys.argv[1] == "recount":
    from graph.queries.kept_counts import recount
    recount(store, ["2025-H2"])
else:
    report = gap_report(store, period="2025-H2", **asked)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "trips": store.round_trips}))
"""

_COUNTRY_NAMES = {
    "exact": "gap_report (first screen, every count anew: partials off)",
    "cold": "gap_report (first screen, cold: every district's partials counted — after "
            "`methodnet recount --mark-only`; a load and `methodnet recount` count at their end)",
    "recount": "recount (every district counted and kept: the end of a load, `methodnet recount`)",
    "screen": f"gap_report (first screen: counts + first {FIRST_SCREEN} of each list)",
    "lists": "gap_report (every list whole)",
    "counts": "gap_report (counts only)",
}


def _country_gap_report(timeout: float, say: Say, *, asked: str = "screen",
                        server: int | None = None) -> dict[str, Any]:
    """The whole-country gap report once, in a child process killed after ``timeout``:
    ``asked`` is ``screen`` (a coordinator's first screen: every count and the first page
    of each list), ``lists`` (every list whole) or ``counts`` (counts only). ``server``: the
    Neo4j server's pid, whose CPU time for the report is kept as ``server_cpu``."""
    import json
    import subprocess

    from bench.harness import cpu_seconds

    name = _COUNTRY_NAMES[asked]
    before = cpu_seconds(server) if server is not None else None
    row: dict[str, Any] = {"name": name, "module": "gaps", "level": "country"}
    say(f"  gaps.{name} [country] in a child process (limit {fmt_s(timeout)}) …")
    try:
        proc = subprocess.run([sys.executable, "-c", _COUNTRY, asked, str(FIRST_SCREEN)],
                              capture_output=True, text=True, timeout=timeout, check=False,
                              cwd=REPO)
        if proc.returncode != 0:
            row["error"] = proc.stderr.strip().splitlines()[-1][:200]
        else:
            out = json.loads(proc.stdout.strip().splitlines()[-1])
            row.update({"n": 1, "median": out["wall"], "p95": out["wall"], "min": out["wall"],
                        "max": out["wall"], "cpu_median": out["cpu"], "wall": [out["wall"]],
                        "cpu": [out["cpu"]], "round_trips": out["trips"]})
    except subprocess.TimeoutExpired:
        row["error"] = f"did not finish within {fmt_s(timeout)} (killed)"
    after = cpu_seconds(server) if server is not None else None
    if before is not None and after is not None:
        row["server_cpu"] = after - before
    say(f"  → {row.get('error') or fmt_s(row['median'])}"
        + (f", server CPU {fmt_s(row['server_cpu'])}" if "server_cpu" in row else ""))
    return row


def _kept_after_writes(timeout: float, say: Say, writes: int = 10) -> list[dict[str, Any]]:
    """The first screen after ``writes`` writes of each kind (``bench/kept_counts.py``, in a
    child process): only the districts they marked are counted again."""
    import json
    import subprocess

    say(f"  the first screen after {writes} writes of each kind (child process) …")
    try:
        proc = subprocess.run([sys.executable, "-m", "bench.kept_counts", "--writes",
                               str(writes), "--no-exact", "--only-writes"],
                              capture_output=True, text=True, timeout=timeout * 3, check=False,
                              cwd=REPO)
    except subprocess.TimeoutExpired:
        return [{"name": "gap_report (first screen after writes)", "module": "gaps",
                 "level": "country", "error": "did not finish (killed)"}]
    rows = []
    for line in proc.stdout.splitlines():
        out = json.loads(line)
        rows.append({"name": f"gap_report (first screen {out['what']}; "
                             f"{out.get('stale_districts', 0)} districts stale)",
                     "module": "gaps", "level": "country", "n": 1, "median": out["seconds"],
                     "p95": out["seconds"], "min": out["seconds"], "max": out["seconds"],
                     "cpu_median": None, "wall": [out["seconds"]]})
    if proc.returncode != 0:
        rows.append({"name": "gap_report (first screen after writes)", "module": "gaps",
                     "level": "country", "error": proc.stderr.strip().splitlines()[-1][:200]})
    return rows


def _first_asks(timeout: float, say: Say) -> list[dict[str, Any]]:
    """The first screen asked of a server just started on a restarted Neo4j: right after the
    start (its warm-up under way), after the warm-up, and without one; and of a running server
    whose Neo4j restarted under it (``bench/first_ask.py``, in a child process)."""
    import json
    import subprocess

    say("  the first screen of a server just started (child process; restarts the Neo4j) …")
    rows = []
    try:
        proc = subprocess.run([sys.executable, "-m", "bench.first_ask"], capture_output=True,
                              text=True, timeout=timeout * 6, check=False, cwd=REPO)
    except subprocess.TimeoutExpired:
        return [{"name": "gap_report (first ask after start)", "module": "gaps",
                 "level": "country", "error": "did not finish (killed)"}]
    for line in proc.stdout.splitlines():
        out = json.loads(line)
        more = f"; /healthz after {out['start_seconds']} s"
        if out.get("healthy_seconds") is not None:
            more = (f"; Neo4j restarted in {out['restart_seconds']} s, /healthz after "
                    f"{out['healthy_seconds']} s, {out.get('server_restarts')} restart(s) "
                    f"noticed, warm-up {out['warm_up_at_ask']} when asked")
        elif out.get("warm_up_seconds"):
            more += f", warm-up {out['warm_up_seconds']} s"
        elif out.get("warm_up_at_ask"):
            more += f", warm-up {out['warm_up_at_ask']} when asked"
        rows.append({"name": f"gap_report ({out['what']}{more})", "module": "gaps",
                     "level": "country", "n": 1, "median": out["seconds"],
                     "p95": out["seconds"], "min": out["seconds"], "max": out["seconds"],
                     "cpu_median": None, "wall": [out["seconds"]]})
    if proc.returncode != 0:
        rows.append({"name": "gap_report (first ask after start)", "module": "gaps",
                     "level": "country", "error": proc.stderr.strip().splitlines()[-1][:200]})
    return rows


def _admin_import(path: Path, say: Say) -> Section:
    """The ceiling: neo4j-admin database import of the same dataset, from CSVs made for it."""
    from bench import admin_import
    from bench.harness import WORK_DIR
    from graph.store import neo4j_server

    section = Section("admin_import", "Ceiling: neo4j-admin database import full (nation)",
                      ["step", "value"])
    say("neo4j-admin import: writing its CSV files …")
    try:
        with Clock() as export:
            files = admin_import.export_csv(path, WORK_DIR / "admin-import-csv")
        say(f"  {files['nodes']:,} nodes, {files['edges']:,} edges in {fmt_s(export.wall)}")
        result = admin_import.run_import(files, neo4j_server.default_home() / "lib")
        say(f"  import: {fmt_s(result['seconds'])}, exit {result['returncode']}")
        items = files["nodes"] + files["edges"]
        section.rows += [
            ["CSV export (read + model validation, no reference checks)",
             f"{fmt_s(export.wall)} ({fmt_rate(items, export.wall)})"],
            ["nodes · relationships", f"{files['nodes']:,} · {files['edges']:,}"
             .replace(",", " ")],
            ["import tool (offline, empty database)",
             f"{fmt_s(result['seconds'])} ({fmt_rate(items, result['seconds'])}), "
             f"exit code {result['returncode']}"],
            ["CSV export + import", fmt_s(export.wall + result["seconds"])],
            ["rows the loader rejects, left out of the CSVs", str(len(files["skipped"]))],
        ]
        section.notes += [f"left out: {p}" for p in files["skipped"][:3]]
        section.notes.append("Last lines of the tool: " + " / ".join(result["tail"][-4:]))
    except Exception as e:  # the ceiling is optional; say why it is missing
        section.notes.append(f"neo4j-admin import failed: {type(e).__name__}: {e}"[:600])
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["region", "nation", "compare"], required=True,
                        help="region: district and region scales (make bench); "
                             "nation: the country into Neo4j (make bench-nation); "
                             "compare: only Methodnet vs @neo4j/graphql on region data")
    parser.add_argument("--repeat", type=int, default=2,
                        help="loads per store at region scale (default 2; district: 3)")
    parser.add_argument("--stores", default="memory,neo4j",
                        help="comma-separated stores for the region part")
    parser.add_argument("--no-api", action="store_true", help="skip the API load test")
    parser.add_argument("--api-seconds", type=float, default=60.0,
                        help="how long each level of the API load runs (default 60 s)")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the @neo4j/graphql comparison")
    parser.add_argument("--reuse-load", action="store_true",
                        help="nation, compare: keep what the bench Neo4j holds (the country, "
                             "the region), measure again")
    parser.add_argument("--no-admin-import", action="store_true",
                        help="nation: skip the neo4j-admin import ceiling")
    parser.add_argument("--rows", type=int, default=20_000,
                        help="nation: CSV rows per bulk batch (default 20000)")
    args = parser.parse_args(argv)
    with Clock() as clock:
        if args.part == "region":
            run_region(load_repeat=args.repeat, api=not args.no_api,
                       api_seconds=args.api_seconds,
                       compare=not args.no_compare,
                       stores=tuple(s for s in args.stores.split(",") if s))
        elif args.part == "compare":
            run_compare(reuse_load=args.reuse_load)
        else:
            run_nation(rows=args.rows, reuse_load=args.reuse_load,
                       admin=not args.no_admin_import)
    _say(f"part {args.part} done in {fmt_s(clock.wall)}"
         + ("" if args.part == "compare" else "; see bench/RESULTS.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
