"""The registry of questions: complete, true to the functions it names, and every CLI verb answers.

The verbs run in-process on an embedded store holding the demo network
(``graph.queries.demo``) and the bundled regulations, whose answers are known by hand.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import io
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import graph.queries
from cli.main import app
from cli.questions import verbs
from graph.auth import users as users_mod
from graph.loaders.regulations import load_regulations
from graph.queries.demo import demo_batch, demo_store
from graph.queries.registry import NOT_QUESTIONS, QUESTIONS, TERRITORY
from graph.queries.scope import Scope
from graph.store import MemoryStore
from tests.conftest import REPO

runner = CliRunner()


def _store_functions() -> dict[str, Any]:
    """Every public function of ``graph/queries`` that reads the store as a question does:
    wrapped by ``@reads_together``, the store first."""
    found = {}
    for info in pkgutil.iter_modules(graph.queries.__path__):
        module = importlib.import_module(f"graph.queries.{info.name}")
        for name in getattr(module, "__all__", ()):
            fn = getattr(module, name)
            if inspect.isfunction(fn) and hasattr(fn, "__wrapped__"):
                first = next(iter(inspect.signature(fn).parameters))
                if first == "store":
                    found[name] = fn
    return found


def test_every_question_of_graph_queries_is_in_the_registry() -> None:
    functions = _store_functions()
    assert len(functions) > 25  # the scan finds them: it cannot pass by finding none
    registered = {q.function for q in QUESTIONS.values()}
    missing = [name for name, fn in functions.items()
               if fn not in registered and name not in NOT_QUESTIONS]
    assert not missing, f"questions missing from graph/queries/registry.py: {missing}"
    assert set(NOT_QUESTIONS) <= set(functions), "NOT_QUESTIONS names a function that is gone"


def test_every_question_is_a_cli_verb() -> None:
    commands = {c.name for c in app.registered_commands}
    groups = {g.name for g in app.registered_groups}
    for q in QUESTIONS.values():
        if q.handwritten_cli:
            assert q.verb in commands | groups, f"{q.handwritten_cli} does not add {q.verb}"
        else:
            assert q.verb in commands, f"methodnet has no verb {q.verb} for {q.name}"
    assert len({q.verb for q in QUESTIONS.values()}) == len(QUESTIONS), "two share a verb"


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_parameters_are_the_functions_own(name: str) -> None:
    q = QUESTIONS[name]
    signature = inspect.signature(q.function).parameters
    assert q.name == q.function.__name__
    for p in q.params:
        assert p.name in signature, f"{name}() has no parameter {p.name}"
    needed = {n for n, p in signature.items() if n != "store" and p.default is p.empty}
    assert needed <= {p.name for p in q.params if p.required}
    assert ("scope" in signature) == q.scoped
    assert q.help_en and q.help_ru and q.family


def test_ask_drops_empty_values_and_passes_the_scope() -> None:
    s = demo_store()
    q = QUESTIONS["isolated_schools"]
    assert [r["school"] for r in q.rows(q.ask(s, territory_id="", on=None))] == [
        "school-strong"]
    assert q.rows(q.ask(s, territory_id="RU-LEN", scope=Scope.of(["RU-AMU"]))) == []
    with pytest.raises(TypeError, match="no parameter"):
        q.ask(s, district="RU-LEN")
    with pytest.raises(ValueError, match="unknown gap kind 'flying'"):
        QUESTIONS["gap_report"].ask(s, kinds=["flying"])
    with pytest.raises(ValueError, match="needs teacher_id"):
        QUESTIONS["support_chain"].ask(s)
    assert TERRITORY.flag == "--territory"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / "store"
    with MemoryStore(path) as s:
        s.write(demo_batch())
        load_regulations(s, REPO / "data" / "regulations")
        users_mod.add_user(s, "olga", "district_coordinator", territory="RU-LEN-b")
    return path


@pytest.fixture(autouse=True)
def _env(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tiny))
    monkeypatch.setenv("METHODNET_STORE", "memory")


# The arguments of each verb on the tiny data, and what the answer holds (demo.py says why).
TINY: dict[str, tuple[list[str], str, list[Any]]] = {
    "support": (["-t", "RU-LEN", "-p", "2025-H1"], "supporter",
                ["m1", "mt1", "school-strong", "mms-a", "comm-math", "mms-a"]),
    "gaps": (["-p", "2025-H1", "-k", "subject_without_methodist"], "subject",
             ["физика", "химия"]),
    "methodist-load": (["--period", "2025-H1"], "teachers", [2, 1, 0, 0]),
    "indicators": (["-t", "RU-LEN", "-p", "2025-H1", "--code", "share_teachers_diagnosed"],
                   "value", [0.8]),
    "indicator": (["reg-2023-lo-rsnms:6.1:indicator:3", "-t", "RU-LEN", "-p", "2025-H1"],
                  "numerator", [4]),
    "compliance": (["-t", "RU-LEN-a", "-p", "2025-H1", "--category", "mentoring"],
                   "body", ["pool-a"]),
    "support-chain": (["t1", "--on", "2025-06-30"], "id",
                      ["t1", "s1", "comm-math", "m1"]),
    "coordination-tree": (["--territory", "RU-LEN-vsevolozhsky"], "id",
                          ["LEN-vsevolozhsky-ko", "LEN-vsevolozhsky-council",
                           "LEN-vsevolozhsky-generic-institutional-school",
                           "LEN-vsevolozhsky-mms"]),
    "shortest-path": (["t1", "m2", "--type", "SUPPORTS", "--type", "HAS_ROLE",
                       "--type", "EMPLOYED_AT"], "id", None),
    "neighbourhood": (["s1"], "id", ["s1"]),
    "node": (["t2"], "type", ["COMPLETED", "EMPLOYED_AT", "HAS_DEFICIT"]),
    "brokers": (["-t", "RU-LEN-a", "--top", "3"], "id", ["m2", "s1", "t1"]),
    "isolated-schools": (["-t", "RU-LEN"], "school", ["LEN-giefpt", "school-strong"]),
    "school-communities": (["-t", "RU-LEN"], "schools", []),  # no horizontal learning
    "internship-reach": (["-t", "RU-LEN"], "site", []),  # no internship site
    "search": (["Школа № 2"], "id", ["s2", "s2-council"]),
    "duties": (["low_results_support", "-t", "RU-AMU"], "body_id", ["AMU-zeya-gms"]),
    "duties-of": (["LEN-cnppm"], "clause", ["3.2.4"]),
    "citations": ([], "act", ["act:concept:kontseptsiya-regionalnyy-model-metodicheskiy-"
                              "sluzhba-v-siste"]),
    "regulation-diff": (["reg-zeya-gms", "reg-2023-vsevolozhsk-mms"], "only_in",
                        ["reg-zeya-gms"]),
    "candidates": (["-t", "RU-LEN-a", "-p", "2025-H1"], "candidate",
                   ["m3", "comm-math", "m1", "m3", "m1", "m3", "m1", "m1"]),
}


def test_every_verb_has_a_tiny_example() -> None:
    assert set(TINY) == set(verbs())


@pytest.mark.parametrize("verb", sorted(TINY))
def test_verb_answers_on_the_tiny_data(verb: str) -> None:
    args, column, expected = TINY[verb]
    result = runner.invoke(app, [verb, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    got = [r[column] for r in rows]
    if verb == "shortest-path":  # t1 → s1 ← m2 is not a path: m2 works elsewhere
        assert got[0] == "t1" and got[-1] == "m2" and len(got) >= 3
    elif verb in ("neighbourhood", "support-chain", "node", "duties-of", "citations",
                  "regulation-diff"):
        assert got[:len(expected)] == expected and len(got) >= len(expected)
    else:
        assert got == expected


def test_every_format_and_the_summary(tmp_path: Path) -> None:
    table = runner.invoke(app, ["gaps", "-t", "RU-LEN-a", "-p", "2025-H1", "--summary"])
    assert table.exit_code == 0, table.output
    assert "Gaps: 7" in table.stdout and "teacher_without_methodist" in table.stdout
    text = runner.invoke(app, ["duties-of", "LEN-cnppm", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(text.stdout)))
    assert {r["clause"] for r in rows} >= {"3.2.4"} and rows[0]["categories"] == "coordination"
    out = tmp_path / "brokers.xlsx"
    done = runner.invoke(app, ["brokers", "-t", "RU-LEN-a", "--top", "2", "-f", "xlsx",
                               "-o", str(out)])
    assert done.exit_code == 0, done.output
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [r[0] for r in sheet.iter_rows(values_only=True)] == ["id", "m2", "s1"]


def test_as_a_user_answers_within_their_territory() -> None:
    everyone = runner.invoke(app, ["isolated-schools", "-f", "json"])
    theirs = runner.invoke(app, ["isolated-schools", "--as", "olga", "-f", "json"])
    assert theirs.exit_code == 0, theirs.output
    assert {r["territory"] for r in json.loads(everyone.stdout)} >= {"RU-LEN-a"}
    assert {r["territory"] for r in json.loads(theirs.stdout)} <= {"RU-LEN-b"}
    nobody = runner.invoke(app, ["gaps", "--as", "nobody"])
    assert nobody.exit_code == 1 and "no enabled user 'nobody'" in nobody.output


@pytest.mark.parametrize(("args", "message"), [
    (["duties", "flying"], "unknown duty category 'flying'"),
    (["brokers", "--on", "2025-13-01"], "is not a date"),
    (["gaps", "--territory", "RU-NOWHERE"], "no territory has the id 'RU-NOWHERE'"),
    (["support-chain", "nobody"], "nobody"),
    (["brokers", "-f", "xlsx"], "--format xlsx needs --out"),
])
def test_bad_input_is_one_line_not_a_traceback(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_the_benchmark_asks_every_question_of_the_registry() -> None:
    from bench.questions import Picks, suite

    picks = Picks("RU-LEN", "RU-LEN-a", "s1", "t1", "m1", "mms-a", "x", "LEN-cnppm",
                  ("reg-zeya-gms", "reg-2023-lo-rsnms"))
    calls = suite(picks)
    assert {q.call.args[0] for q in calls} == set(QUESTIONS)  # type: ignore[attr-defined]
    s = demo_store()
    chain = next(q for q in calls if q.name == "support_chain")
    assert chain.level == "node" and chain.call(s).teacher.id == "t1"
    gaps_country = next(q for q in calls if q.name == "gap_report" and q.level == "country")
    assert gaps_country.call(s).territory_id is None
