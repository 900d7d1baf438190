"""One registry of the questions: each declared once, and the CLI, docs test and benchmark from it.

A :class:`Question` names a function of ``graph/queries`` (store first), its typed parameters
(the shared where/when ones — :data:`TERRITORY`, :data:`PERIOD`, :data:`ON` — and its own), how
its answer becomes rows of plain values, its family and its help in English and Russian. From
:data:`QUESTIONS` come:

* the CLI verbs (``cli/questions.py``): ``methodnet <verb>`` for every question, with the
  shared ``--territory/--period/--format/--out`` options;
* the docs test (``tests/test_docs_examples.py``): every question's GraphQL field has an
  example in ``docs/queries.md``, every verb a line in its table of verbs;
* the benchmark list (``bench/questions.py``): every question at the levels it declares.

GraphQL keeps hand-written types (``api/*/types.py``); its resolvers call :meth:`Question.ask`,
which drops empty arguments and adds the caller's scope. Adding a question is: the function,
its entry here, its GraphQL type and field, its test and its docs example.

>>> from graph.queries.demo import demo_store
>>> q = QUESTIONS["isolated_schools"]
>>> q.verb, q.family, [p.name for p in q.params]
('isolated-schools', 'network', ['territory_id', 'on'])
>>> [r["school"] for r in q.rows(q.ask(demo_store(), territory_id="RU-LEN", on=None))]
['school-strong']
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph.model.enums import DutyCategory
from graph.queries import (
    compliance,
    gaps,
    indicators,
    load,
    network,
    nodes,
    paths,
    plan,
    regulations,
    search,
    support,
)
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.where import Where
from graph.rules import DEFAULT_LOAD_NORM
from graph.store.base import Store

__all__ = [
    "FAMILIES",
    "NOT_QUESTIONS",
    "ON",
    "PERIOD",
    "QUESTIONS",
    "TERRITORY",
    "Bench",
    "Param",
    "Question",
]

Row = dict[str, Any]
_WHERE = ("territory_id", "period", "on")


@dataclass(frozen=True)
class Param:
    """One parameter of a question: its keyword, type, help, and how the CLI takes it.

    ``kind`` is ``str``, ``int``, ``float``, ``bool`` or ``dt.date``; ``choices`` (or
    ``enum``, whose values are the choices) limit a text; ``many`` makes it a list (a
    repeatable option); ``argument`` makes it a positional CLI argument; ``pick`` names the id
    the benchmark asks it about (``teacher``, ``school``, ``regulation``…).
    """

    name: str
    help_en: str
    help_ru: str
    kind: type = str
    required: bool = False
    argument: bool = False
    many: bool = False
    choices: tuple[str, ...] | None = None
    enum: type[StrEnum] | None = None
    option: str | None = None
    label: str | None = None
    pick: str | None = None

    @property
    def flag(self) -> str:
        """The CLI option: ``--territory`` for ``territory_id``, else the name with dashes."""
        return self.option or "--" + self.name.removesuffix("_id").replace("_", "-")

    @property
    def allowed(self) -> tuple[str, ...] | None:
        return tuple(e.value for e in self.enum) if self.enum else self.choices

    def convert(self, value: Any) -> Any:
        """The value the question takes: a checked choice, an enum member, a list."""
        if self.many:
            return [self._one(v) for v in value]
        return self._one(value)

    def _one(self, value: Any) -> Any:
        allowed = self.allowed
        if allowed is not None and str(value) not in allowed:
            raise ValueError(f"unknown {self.label or self.name} {value!r}; known: "
                             f"{', '.join(allowed)} / неизвестное значение {value!r}")
        return self.enum(str(value)) if self.enum else value


@dataclass(frozen=True)
class Bench:
    """A benchmark call: its level (``node``, ``district``, ``region``, ``country``,
    ``regulations``), fixed arguments, and a name when it differs from the question's."""

    level: str
    args: Mapping[str, Any] = field(default_factory=dict)
    name: str | None = None
    graphql: bool = True
    """Whether the @neo4j/graphql comparison has the same question."""


@dataclass(frozen=True)
class Question:
    """A question of ``graph/queries``, declared once."""

    name: str
    verb: str
    family: str
    function: Callable[..., Any]
    params: tuple[Param, ...]
    rows: Callable[[Any], list[Row]]
    help_en: str
    help_ru: str
    example: str
    """The CLI arguments of an example on the bundled sample data (``methodnet <verb> …``)."""
    title: Callable[[Any], str] | None = None
    graphql: str | None = None
    """The GraphQL field that answers it (root, or ``Type.field`` on an entity)."""
    scoped: bool = True
    """Whether it takes the caller's ``scope`` (the regulations are public)."""
    bench: tuple[Bench, ...] = ()
    handwritten_cli: str | None = None
    """The module whose hand-written command answers it (a verb with sub-commands)."""
    summary: Callable[[Any], list[Row]] | None = None
    """Shorter rows (counts), which the CLI prints with ``--summary``."""
    gap_of: Callable[[Row], tuple[str, str]] | None = None
    """For a question that shows gaps: the ``(plan gap kind, node id)`` of a row, so that the
    CLI's ``--candidates`` adds who could take it (:func:`graph.queries.plan.best_candidates`)."""
    gap_kinds: tuple[str, ...] | None = None
    """The plan's gap kinds the rows can show (``None``: every kind)."""

    @property
    def module(self) -> str:
        return self.function.__module__.rsplit(".", 1)[-1]

    def ask(self, store: Store, *, scope: Scope = EVERYTHING, **values: Any) -> Any:
        """Answer with these parameter values: empty ones (``None``, ``""``, ``[]``) are left
        to the question's default, choices are checked, and the scope is passed on — inside
        the :class:`~graph.queries.where.Where` made of the shared ``territory_id``,
        ``period`` and ``on`` when the question takes one."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise TypeError(f"{self.name} has no parameter {', '.join(sorted(unknown))}")
        kwargs = {name: known[name].convert(v) for name, v in values.items()
                  if v is not None and v != "" and v != [] and v != ()}
        missing = [p.name for p in self.params if p.required and p.name not in kwargs]
        if missing:
            raise ValueError(f"{self.name} needs {', '.join(missing)} / не указано: "
                             f"{', '.join(missing)}")
        if self.takes_where:
            # The shared where/when values and the caller's scope, checked once, as one value.
            kwargs["where"] = Where(**{p: kwargs.pop(p) for p in _WHERE if p in kwargs},
                                    scope=scope)
        elif self.scoped:
            kwargs["scope"] = scope
        return self.function(store, **kwargs)

    @functools.cached_property
    def takes_where(self) -> bool:
        """Whether the question takes a :class:`~graph.queries.where.Where` (read from its
        signature once: every answer asks)."""
        return "where" in inspect.signature(self.function).parameters


# -- the shared where/when parameters -------------------------------------------------------------
TERRITORY = Param("territory_id", "a region (with its districts) or a district id, e.g. RU-LEN",
                  "регион (с районами) или район, например RU-LEN", option="--territory")
PERIOD = Param("period", "monitoring period, e.g. 2025-H1 (default: latest / today)",
               "период мониторинга, например 2025-H1 (по умолчанию последний)")
ON = Param("on", "count only edges active on this day, YYYY-MM-DD (default: any day)",
           "только связи, действующие в этот день", kind=dt.date)
SUBJECT = Param("subject", "only this subject, e.g. математика", "только этот предмет")
NORM = Param("norm", "teachers per methodist (default: METHODNET_LOAD_NORM, "
                     f"{DEFAULT_LOAD_NORM})",
             "норма: педагогов на методиста", kind=int)
LEVEL = Param("level", "methodists of this level: regional or municipal",
              "методисты уровня: regional или municipal", choices=("regional", "municipal"))
_ID = "the id of"


def _ids(items: Sequence[Any]) -> list[str]:
    return [getattr(x, "edge_id", None) or x.id for x in items]


# -- rows ----------------------------------------------------------------------------------------
def _support_rows(answer: support.LowResultsSupport) -> list[Row]:
    rows: list[Row] = []
    for school in answer.schools:
        base = {"school": school.school_id, "title": school.school_title,
                "district": school.territory_id, "low_subjects": list(school.low_subjects),
                "uncovered": list(school.uncovered_subjects),
                "status": "unsupported" if not school.supported
                else "mismatched" if school.uncovered_subjects else "supported"}
        for p in school.supporters or ():
            rows.append({**base, "supporter": p.id, "supporter_title": p.title,
                         "kind": p.kind.value, "direct": p.direct, "subjects": list(p.subjects),
                         "evidence": _ids(p.evidence)})
        if not school.supporters:
            rows.append({**base, "supporter": None, "supporter_title": None, "kind": None,
                         "direct": False, "subjects": [], "evidence": []})
    return rows


def _gap_rows(report: gaps.GapReport) -> list[Row]:
    return [{"kind": g.kind.value, "id": g.node_id, "title": g.title,
             "territory": g.territory_id, "subject": g.subject, "value": g.value,
             "reason": g.reason_ru, "evidence": _ids(g.evidence)}
            for items in report.gaps.values() for g in items]


def _indicator_row(r: indicators.IndicatorValue) -> Row:
    return {"territory": r.territory_id, "code": r.code, "numerator": r.numerator,
            "denominator": r.denominator, "value": r.value, "previous": r.previous_value,
            "change": r.change, "sources": [s.indicator_id for s in r.sources]}


def _load_rows(report: load.MethodistLoadReport) -> list[Row]:
    return [{"methodist": m.methodist_id, "title": m.title, "level": m.level,
             "body": m.body_title, "territory": m.territory_id, "subjects": list(m.subjects),
             "teachers": m.teacher_count, "schools": m.school_count,
             "over_norm": m.teacher_count > report.norm} for m in report.methodists]


def _compliance_rows(answer: list[compliance.DutyCompliance]) -> list[Row]:
    return [{"category": c.category, "assigned_to": c.assigned_to.id,
             "clauses": [f"{d.regulation_id} {d.clause_number or ''}".strip()
                         for d in c.duties],
             "body": b.body.id, "title": title_of(b.body), "status": b.status,
             "evidence": _ids(b.evidence)}
            for c in answer for b in c.bodies]


def _chain_rows(chain: paths.SupportChain) -> list[Row]:
    return [{"depth": s.depth, "role": s.role, "id": s.node.id, "title": title_of(s.node),
             "via": _ids(s.via)} for s in chain.steps]


def _tree_rows(tree: paths.CoordinationTree) -> list[Row]:
    return [{"depth": n.depth, "id": n.node.id, "title": title_of(n.node),
             "parent": n.parent_id, "via": n.via.type if n.via else None}
            for n in tree.nodes]


def _path_rows(path: paths.GraphPath | None) -> list[Row]:
    if path is None:
        return []
    return [{"step": i, "id": n.id, "title": title_of(n), "label": n.label,
             "edge": path.edges[i - 1].type if i else None}
            for i, n in enumerate(path.nodes)]


def _neighbour_rows(answer: paths.Neighbourhood) -> list[Row]:
    return [{"distance": n.distance, "id": n.node.id, "title": title_of(n.node),
             "label": n.node.label} for n in answer.nodes]


def _node_rows(view: nodes.NodeView) -> list[Row]:
    return ([{"direction": "out", "type": e.type, "other": e.target, "edge": e.id}
             for e in view.outgoing]
            + [{"direction": "in", "type": e.type, "other": e.source, "edge": e.id}
               for e in view.incoming])


def _broker_rows(answer: list[network.Broker]) -> list[Row]:
    return [{"id": b.node.id, "title": title_of(b.node), "label": b.node.label,
             "betweenness": round(b.betweenness, 6), "degree": b.degree,
             "edge_types": [f"{t}={n}" for t, n in b.edge_types]} for b in answer]


def _isolated_rows(answer: list[network.IsolatedSchool]) -> list[Row]:
    return [{"school": s.school.id, "title": title_of(s.school), "territory": s.territory_id,
             "teachers": s.teachers} for s in answer]


def _community_rows(answer: list[network.SchoolCommunity]) -> list[Row]:
    return [{"community": c.index, "schools": [s.id for s in c.schools],
             "size": len(c.schools), "territories": list(c.territories),
             "links": len(c.links)} for c in answer]


def _reach_rows(answer: list[network.InternshipReach]) -> list[Row]:
    return [{"site": r.site.id, "title": title_of(r.site), "district": r.district_id,
             "designated_by": [n.id for n in r.designated_by],
             "schools": [n.id for n in r.schools], "teachers": r.teachers} for r in answer]


def _search_rows(answer: list[search.SearchHit]) -> list[Row]:
    return [{"id": h.node.id, "label": h.node.label, "title": title_of(h.node),
             "score": round(h.score, 3), "field": h.field, "matched": h.matched}
            for h in answer]


def _who_must_rows(answer: list[regulations.Obligation]) -> list[Row]:
    return [{"body": o.organization, "body_id": o.organization_id,
             "regulation": o.regulation_id, "clause": o.clause_number, "duty": o.duty}
            for o in answer]


def _duties_rows(answer: list[regulations.DutyView]) -> list[Row]:
    return [{"duty": d.duty_id, "regulation": d.regulation_id, "clause": d.clause_number,
             "categories": list(d.categories), "text": d.text} for d in answer]


def _citation_rows(graph: regulations.CitationGraph) -> list[Row]:
    return [{"act": a.id, "title": a.title, "kind": a.act_kind, "date": a.date,
             "number": a.number, "cited_by": list(a.cited_by)} for a in graph.acts]


def _diff_rows(d: regulations.RegulationDiff) -> list[Row]:
    rows: list[Row] = []
    for side, doc in (("a", d.a_id), ("b", d.b_id)):
        only = {"body": getattr(d, f"bodies_only_in_{side}"),
                "category": getattr(d, f"categories_only_in_{side}")}
        rows += [{"only_in": doc, "what": what, "value": v}
                 for what, values in only.items() for v in values]
        rows += [{"only_in": doc, "what": "duty", "value": f"{body}: {category}"}
                 for body, category in getattr(d, f"duties_only_in_{side}")]
    return rows


def _candidate_rows(answer: list[plan.GapCandidates]) -> list[Row]:
    return [{"gap_kind": g.gap.kind.value, "target": g.gap.node_id, "title": g.gap.title,
             "subject": g.gap.subject, "candidate": c.methodist_id,
             "candidate_title": c.title, "distance": c.distance, "headroom": c.headroom,
             "reasons": list(c.reasons_ru)}
            for g in answer for c in g.candidates]


def _plan_rows(p: plan.Plan) -> list[Row]:
    return ([{"keep": "x", "gap_kind": a.gap_kind.value, "target": a.target,
              "subject": a.subject, "methodist": a.source, "edge": a.edge_type,
              "reason": None} for a in p.assignments]
            + [{"keep": "", "gap_kind": u.gap.kind.value, "target": u.gap.node_id,
                "subject": u.gap.subject, "methodist": None, "edge": None,
                "reason": u.reason_ru} for u in p.unclosable])


# -- the questions -------------------------------------------------------------------------------
def _q(*args: Any, **kwargs: Any) -> tuple[str, Question]:
    q = Question(*args, **kwargs)
    return q.name, q


_DISTRICT_REGION = (Bench("district"), Bench("region"))

QUESTIONS: dict[str, Question] = dict([
    # coordination -----------------------------------------------------------------------------
    _q("low_results_support", "support", "coordination", support.low_results_support,
       (TERRITORY, PERIOD,
        Param("flag", "low_results (ШНОР) or unreliable_results", "флаг результатов",
              enum=support.ResultsFlag),
        SUBJECT),
       _support_rows,
       "Who supports each school flagged with low results, one row per school and supporter.",
       "Кто сопровождает каждую школу с низкими результатами (ШНОР).",
       "--territory RU-LEN --period 2025-H1",
       title=lambda a: f"Support of {a.flag.value} schools, {a.period}: {len(a.unsupported)} "
                       f"unsupported, {len(a.mismatched)} mismatched",
       graphql="lowResultsSupport", bench=_DISTRICT_REGION,
       gap_of=lambda row: ("low_results_school", row["school"]),
       gap_kinds=("low_results_school",)),
    _q("gap_report", "gaps", "coordination", gaps.gap_report,
       (TERRITORY, PERIOD, SUBJECT, LEVEL, NORM,
        Param("kinds", "only these kinds of gap (repeatable)", "только эти виды пробелов",
              many=True, enum=gaps.GapKind, option="--kind", label="gap kind"),
        Param("counts_only", "only each kind's count, no lists",
              "только число пробелов каждого вида, без списков", kind=bool),
        Param("first", "only the first N gaps of each kind (the counts are of all)",
              "только первые N пробелов каждого вида (число — всех)", kind=int)),
       _gap_rows,
       "Coverage gaps with their reasons: teachers, schools, districts, subjects, methodists.",
       "Пробелы покрытия с причинами: педагоги, школы, районы, предметы, методисты.",
       "--territory RU-LEN-vsevolozhsky --kind deficit_without_route",
       title=lambda r: f"Gaps: {r.total}", graphql="gaps",
       summary=lambda r: [{"kind": k.value, "count": n} for k, n in r.counts.items()],
       bench=(*_DISTRICT_REGION, Bench("country")),
       gap_of=lambda row: (row["kind"], row["id"])),
    _q("methodist_load", "methodist-load", "coordination", load.methodist_load,
       (TERRITORY, PERIOD, SUBJECT, LEVEL, NORM), _load_rows,
       "Teachers and schools per methodist.",
       "Нагрузка методистов: педагоги и школы на каждого.",
       "--territory RU-LEN --period 2025-H1",
       title=lambda r: f"Methodist load (norm {r.norm}): median {r.overall.teachers.median}, "
                       f"max {r.overall.teachers.max}",
       graphql="methodistLoad", bench=_DISTRICT_REGION),
    _q("indicators", "indicators", "coordination", indicators.indicators,
       (TERRITORY, PERIOD,
        Param("compare_to", "another period, for the change", "период для сравнения"),
        Param("codes", "only these indicator codes (repeatable)", "только эти показатели",
              many=True, option="--code"),
        Param("by_district", "also each district", "и по каждому району", kind=bool)),
       lambda rows: [_indicator_row(r) for r in rows],
       "The regulations' computable indicators with numerator, denominator and change.",
       "Показатели эффективности: числитель, знаменатель, изменение.",
       "--territory RU-LEN --period 2025-H1 --compare-to 2024-H2",
       title=lambda rows: "Indicators", graphql="indicators",
       bench=(Bench("district"),
              Bench("region", {"by_district": True}, "indicators by district", graphql=False))),
    _q("compute_indicator", "indicator", "coordination", indicators.compute_indicator,
       (Param("indicator_id", f"{_ID} an indicator of a regulation", "id показателя",
              required=True, argument=True, pick="indicator"),
        TERRITORY, PERIOD,
        Param("compare_to", "another period, for the change", "период для сравнения")),
       lambda r: [_indicator_row(r)],
       "One indicator of a regulation, computed for a territory and period.",
       "Один показатель положения для территории и периода.",
       "reg-2023-lo-rsnms:6.1:indicator:3 --territory RU-LEN --period 2025-H1",
       graphql="indicators", bench=(Bench("district", graphql=False),)),
    _q("duty_compliance", "compliance", "coordination", compliance.duty_compliance,
       (TERRITORY, PERIOD, ON,
        Param("category", "a duty category, e.g. mentoring", "категория функции",
              enum=DutyCategory, label="duty category"),
        Param("level", "level of the body the duty is given to: regional, municipal…",
              "уровень органа"),
        Param("regulation_id", f"{_ID} a regulation", "id положения")),
       _compliance_rows,
       "For each duty a regulation gives, which bodies show it done and which do not.",
       "Исполнение функций из положений: кто выполняет, кто нет, по какому пункту.",
       "--territory RU-LEN-vsevolozhsky --period 2025-H1 --category mentoring",
       graphql="dutyCompliance",
       bench=(Bench("district", graphql=False), Bench("region", graphql=False))),
    # paths ------------------------------------------------------------------------------------
    _q("support_chain", "support-chain", "paths", paths.support_chain,
       (Param("teacher_id", f"{_ID} a teacher", "id педагога", required=True, argument=True,
              pick="teacher"), ON),
       _chain_rows,
       "The support chain from a teacher up to the regional level.",
       "Цепочка сопровождения от педагога до регионального уровня.",
       "LEN-vsevolozhsky-s001-t001", graphql="supportChain", bench=(Bench("node"),)),
    _q("coordination_tree", "coordination-tree", "paths", paths.coordination_tree,
       (Param("root_id", f"{_ID} the root body (or give --territory)", "id корневого органа",
              argument=True), TERRITORY,
        Param("max_depth", "levels below the root", "глубина", kind=int)),
       _tree_rows,
       "Who coordinates whom below a body, or a territory's education authority.",
       "Кто кого координирует, от органа управления вниз.",
       "--territory RU-LEN-vsevolozhsky", graphql="coordinationTree",
       bench=_DISTRICT_REGION),
    _q("shortest_path", "shortest-path", "paths", paths.shortest_path,
       (Param("source_id", f"{_ID} the first node", "id начала", required=True, argument=True,
              pick="teacher"),
        Param("target_id", f"{_ID} the second node", "id конца", required=True, argument=True,
              pick="methodist"),
        Param("types", "edge types to walk (repeatable), e.g. SUPPORTS", "типы связей",
              many=True, option="--type"),
        Param("max_depth", "at most this many hops", "не длиннее", kind=int)),
       _path_rows,
       "A shortest path between two nodes, edges in either direction.",
       "Кратчайший путь между двумя узлами графа.",
       "LEN-vsevolozhsky-s001-t001 LEN-koipo", graphql="shortestPath",
       bench=(Bench("node", name="shortest_path teacher→methodist"),)),
    _q("neighbourhood", "neighbourhood", "paths", paths.neighbourhood,
       (Param("node_id", f"{_ID} a node", "id узла", required=True, argument=True,
              pick="school"),
        Param("depth", "hops from the node (0–3)", "число шагов", kind=int),
        Param("types", "edge types to walk (repeatable)", "типы связей", many=True,
              option="--type"),
        Param("limit", "at most this many nodes", "не больше узлов", kind=int),
        Param("nodes_only", "only the nodes, not the edges walked", "только узлы, без связей",
              kind=bool),
        Param("ids_only", "nodes without their properties (ids, labels, distances)",
              "узлы без свойств (id, метка, расстояние)", kind=bool)),
       _neighbour_rows,
       "The nodes within a few hops of a node.",
       "Окрестность узла: всё в нескольких шагах от него.",
       "LEN-vsevolozhsky-s023 --depth 1", graphql="neighbourhood",
       bench=(Bench("node", {"depth": 2}, "neighbourhood depth 2"),)),
    _q("node_view", "node", "paths", nodes.node_view,
       (Param("node_id", f"{_ID} a node", "id узла", required=True, argument=True,
              pick="teacher"),),
       _node_rows,
       "One node's edges, in and out.",
       "Узел и все его связи.",
       "LEN-vsevolozhsky-s023", graphql="node", bench=(Bench("node"),)),
    # network ----------------------------------------------------------------------------------
    _q("brokers", "brokers", "network", network.brokers,
       (TERRITORY, ON,
        Param("label", "Person or Organization (default: both)", "люди или организации",
              choices=("Person", "Organization")),
        Param("top", "how many (1–100)", "сколько", kind=int)),
       _broker_rows,
       "Brokers: the nodes with the highest betweenness in the support network.",
       "Посредники: узлы, через которые идёт больше всего связей сети.",
       "--territory RU-LEN-vsevolozhsky --top 5", graphql="brokers",
       bench=(Bench("district", graphql=False), Bench("region", graphql=False))),
    _q("isolated_schools", "isolated-schools", "network", network.isolated_schools,
       (TERRITORY, ON), _isolated_rows,
       "Schools with no support, curating, horizontal learning or community membership.",
       "Изолированные школы: без сопровождения, кураторства и сообществ.",
       "--territory RU-LEN", graphql="isolatedSchools",
       bench=_DISTRICT_REGION),
    _q("school_communities", "school-communities", "network", network.school_communities,
       (TERRITORY, ON,
        Param("method", "components or louvain", "способ разбиения",
              choices=("components", "louvain"))),
       _community_rows,
       "Communities of schools linked by horizontal learning, largest first.",
       "Сообщества школ, связанных горизонтальным обучением.",
       "--territory RU-LEN", graphql="schoolCommunities",
       bench=(Bench("region", graphql=False),)),
    _q("internship_reach", "internship-reach", "network", network.internship_reach,
       (TERRITORY, ON), _reach_rows,
       "Internship sites and the schools they reach.",
       "Стажировочные площадки и школы, до которых они доходят.",
       "--territory RU-LEN", graphql="internshipReach", bench=(Bench("district"),)),
    # search -----------------------------------------------------------------------------------
    _q("search", "search", "search", search.search,
       (Param("text", "what to find: a name, short name, alias or abbreviation", "что искать",
              required=True, argument=True),
        Param("labels", "only these labels (repeatable), e.g. Person", "только эти метки",
              many=True, option="--label"),
        TERRITORY,
        Param("limit", "at most this many hits", "не больше", kind=int)),
       _search_rows,
       "Find any node by name in any case and word form.",
       "Поиск узла по названию в любом падеже и регистре.",
       "'методический центр' --territory RU-LEN-vsevolozhsky", graphql="search",
       bench=(Bench("district", {"text": "методический центр"}, "search «методический центр»"),
              Bench("country", {"text": "методический центр"},
                    "search «методический центр»"))),
    # regulations ------------------------------------------------------------------------------
    _q("who_must", "duties", "regulations", regulations.who_must,
       (Param("category", "duty category", "категория функции", required=True, argument=True,
              enum=DutyCategory, label="duty category"),
        Param("territory_id", "only regulations of this territory (and its region or "
                              "districts)", "только положения этой территории",
              option="--territory")),
       _who_must_rows,
       "Who must perform a duty category, and by which clause of which regulation.",
       "Кто обязан выполнять функцию и по какому пункту какого положения.",
       "low_results_support --territory RU-LEN", title=lambda _a: "who must",
       graphql="whoMust", scoped=False,
       bench=(Bench("regulations", {"category": "mentoring"}, "who_must mentoring"),)),
    _q("duties_of", "duties-of", "regulations", regulations.duties_of,
       (Param("organization_id", f"{_ID} a body", "id органа", required=True, argument=True,
              pick="duty_holder"),),
       _duties_rows,
       "The duties regulations give a body, with their clauses.",
       "Функции органа по положениям, с пунктами.",
       "LEN-cnppm", graphql="Organization.duties", scoped=False,
       bench=(Bench("regulations"),)),
    _q("citation_graph", "citations", "regulations", regulations.citation_graph, (),
       _citation_rows,
       "The acts the regulations cite, and which regulations cite each.",
       "Нормативная основа: какие акты цитируют положения.",
       "", graphql="Regulation.cites", scoped=False, bench=(Bench("regulations"),)),
    _q("regulation_diff", "regulation-diff", "regulations", regulations.regulation_diff,
       (Param("a_id", f"{_ID} the first regulation", "id первого положения", required=True,
              argument=True, pick="regulation"),
        Param("b_id", f"{_ID} the second regulation", "id второго положения", required=True,
              argument=True, pick="other_regulation")),
       _diff_rows,
       "What two regulations differ in: bodies, duty categories, duties.",
       "Чем различаются два положения: органы, категории, функции.",
       "reg-2019-lo-regional-methodological-service reg-2023-lo-rsnms", scoped=False,
       graphql="regulationDiff",
       bench=(Bench("regulations", graphql=False),)),
    # planning ---------------------------------------------------------------------------------
    _q("candidates", "candidates", "planning", plan.candidates,
       (Param("territory_id", "a region or a district id", "регион или район", required=True,
              option="--territory"),
        Param("period", "monitoring period, e.g. 2025-H1", "период мониторинга",
              required=True), NORM,
        Param("kinds", "only these kinds of gap (repeatable)", "только эти виды пробелов",
              many=True, enum=plan.PlanGapKind, option="--kind", label="gap kind")),
       _candidate_rows,
       "Who could close each gap, ranked, with reasons.",
       "Кто мог бы закрыть каждый пробел, по порядку, с причинами.",
       "--territory RU-LEN-tosnensky --period 2025-H1", graphql="plan",
       bench=(Bench("district", graphql=False),)),
    _q("plan", "plan", "planning", plan.plan,
       (Param("territory_id", "a region or a district id", "регион или район", required=True,
              option="--territory"),
        Param("period", "monitoring period, e.g. 2025-H1", "период мониторинга",
              required=True), NORM),
       _plan_rows,
       "The new support and mentoring that close the most gaps.",
       "План закрепления, закрывающий больше всего пробелов.",
       "--territory RU-LEN-tosnensky --period 2025-H1", graphql="plan",
       handwritten_cli="cli.planning", bench=(Bench("district", graphql=False),)),
])

FAMILIES = ("coordination", "paths", "network", "search", "regulations", "planning")

NOT_QUESTIONS: dict[str, str] = {
    "deficits_without_route": "a kind of gap_report (methodnet gaps --kind …)",
    "teachers_without_methodist": "a kind of gap_report",
    "young_specialists_without_support": "a kind of gap_report",
    "schools_without_methodological_service": "a kind of gap_report",
    "districts_without_methodist_pool": "a kind of gap_report",
    "subjects_without_methodist": "a kind of gap_report",
    "methodists_over_load": "a kind of gap_report",
    "teachers_needing_methodist": "a narrowing of a gap_report kind (the dashboard's card)",
    "entities": "the typed entities' lists (GraphQL schools, bodies, people, regulations)",
    "seen_nodes": "the visibility rule's building block (GraphQL nodes)",
    "seen_counts": "the visibility rule's building block (methodnet info, GraphQL counts)",
    "what_if": "takes a proposed plan, not where/when values (GraphQL plan { whatIf })",
    "regulation_extract": "what the loader read from one regulation, a check of the loader "
                          "(methodnet regulations show ID; GraphQL: the Regulation entity)",
    **dict.fromkeys(
        ("node_of", "nodes_of", "nodes_where", "edges_at", "assessed_periods", "place_names",
         "schools_per_territory", "graph_size"),
        "a page's building block (graph/queries/picture.py): the records a view draws, "
        "what the caller may see applied by the view"),
}
"""Public functions of ``graph/queries`` that read the store but are not questions of their
own, and why (a test checks every other one is in :data:`QUESTIONS`)."""
