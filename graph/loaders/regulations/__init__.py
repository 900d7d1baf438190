"""Regulations → knowledge graph: clauses, citations, terms, bodies, duties, indicators."""

from __future__ import annotations

from pathlib import Path

from graph.errors import InvalidBatch, Problem
from graph.loaders.regulations.citations import CitedAct
from graph.loaders.regulations.document import ParsedRegulation, parse_regulation
from graph.loaders.regulations.gazetteer import Gazetteer
from graph.loaders.regulations.indicators import INDICATOR_CODES
from graph.loaders.regulations.meta import ApprovalAct, RegulationMeta, read_meta
from graph.loaders.regulations.morph import lemma_key
from graph.loaders.regulations.report import LoadReport, Skipped
from graph.model import Batch
from graph.model.base import EdgeRecord, NodeRecord
from graph.store.base import Progress, Store, WriteSummary

__all__ = [
    "INDICATOR_CODES",
    "ApprovalAct",
    "CitedAct",
    "Gazetteer",
    "LoadReport",
    "ParsedRegulation",
    "RegulationMeta",
    "Skipped",
    "load_regulations",
    "parse_regulation",
    "read_regulation_file",
    "read_regulations",
]


def read_regulation_file(path: Path, meta: RegulationMeta, gazetteer: Gazetteer
                         ) -> ParsedRegulation:
    """One regulation file (``.txt`` in any common encoding, ``.docx``, ``.pdf``) as graph facts.

    A text that yields no clause, or no body, is refused (:class:`InvalidBatch` naming the
    file) unless ``meta.force`` is set; what was not understood is in the report either way.
    """
    from graph.loaders.regulations.source import read_text

    meta = meta.model_copy(update={"source": meta.source or path.name})
    doc = parse_regulation(read_text(path), meta, gazetteer)
    return doc


def read_regulations(folder: Path) -> tuple[Batch, LoadReport]:
    """Read the gazetteer and every ``*.txt`` with its ``.meta.json`` into one batch.

    Acts cited by several documents become one node; a citation of the order that approved a
    document in the folder points at that document itself.
    """
    gazetteer = Gazetteer.from_file(folder / "bodies.json")
    batch = gazetteer.batch()
    report = LoadReport()
    parsed: list[ParsedRegulation] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_name(path.stem + ".meta.json")
        if not meta_path.exists():
            problems.append(Problem(f"{path.name} has no {meta_path.name}", path.name, None, None,
                                    f"у {path.name} нет файла метаданных {meta_path.name}"))
            continue
        meta = read_meta(meta_path).model_copy(update={"source": path.name})
        parsed.append(parse_regulation(path.read_text(encoding="utf-8"), meta, gazetteer))
    if problems:
        raise InvalidBatch(problems)
    redirect = _redirects(parsed, report)
    for doc in parsed:
        report.extend(doc.report)
        for nid, rec in doc.batch.nodes.items():
            if nid in redirect:
                continue
            if nid in batch.nodes and rec.label == "Organization":
                continue  # the gazetteer's (or an earlier document's) record of a body stands
            batch.nodes[nid] = rec
            batch.origins[nid] = doc.batch.origin(nid)
        for eid, erec in doc.batch.edges.items():
            if erec.target in redirect:
                erec = EdgeRecord(erec.type, erec.source, redirect[erec.target], erec.key,
                                  erec.props)
                eid = erec.id
            if eid in batch.edges and batch.edges[eid].props.get("clause_id"):
                continue  # the first document that states a fact is its evidence
            batch.edges[eid] = erec
            batch.edge_classes[eid] = doc.batch.edge_classes[erec.id] if erec.id in \
                doc.batch.edge_classes else _edge_class_of(doc.batch, erec)
            batch.origins[eid] = doc.batch.origin(eid)
    for nid, rec in batch.nodes.items():  # what a dataset may not redefine
        if rec.label in _MARKED:
            batch.nodes[nid] = NodeRecord(rec.label, rec.id, {**rec.props,
                                                              "from_regulations": True})
    return batch, report


_MARKED = ("Organization", "Region", "Municipality")


def _edge_class_of(batch: Batch, erec: EdgeRecord) -> type:
    for eid, rec in batch.edges.items():
        if rec.type == erec.type:
            return batch.edge_classes[eid]
    raise KeyError(erec.type)


def _redirects(parsed: list[ParsedRegulation], report: LoadReport) -> dict[str, str]:
    """Cited-act ids to replace: approving orders of loaded documents, and acts cited by title
    alone that another citation gives with date and number."""
    redirect: dict[str, str] = {}
    approvals = {}
    for doc in parsed:
        a = doc.meta.approved_by
        if a is not None and a.date is not None and a.number:
            from graph.loaders.regulations.citations import act_id

            approvals[act_id(a.act_kind, a.date, a.number, "")] = doc.meta.id
    dated: dict[tuple[str, str], set[str]] = {}
    for doc in parsed:
        for act in doc.citations:
            if act.date is not None and act.number:
                dated.setdefault((act.kind.value, lemma_key(act.title)), set()).add(act.id)
    for doc in parsed:
        for act in doc.citations:
            if act.id in approvals:
                redirect[act.id] = approvals[act.id]
                report.resolutions.append(f"{doc.meta.id} cites {act.id}, the act that approved "
                                          f"{approvals[act.id]}: the citation points at it")
            elif act.date is None:
                same = dated.get((act.kind.value, lemma_key(act.title)), set())
                if len(same) == 1:
                    redirect[act.id] = next(iter(same))
                    report.resolutions.append(f"{doc.meta.id} cites «{act.title}» without date "
                                              f"or number: the same title as {redirect[act.id]}")
    return redirect


def load_regulations(
    store: Store, folder: Path, *, progress: Progress | None = None
) -> tuple[WriteSummary, LoadReport]:
    """Read a regulations folder and write it to the store in one all-or-nothing write.

    Loading the same folder twice changes nothing: every id is derived from the texts.
    """
    batch, report = read_regulations(folder)
    summary = store.write(batch, progress=progress)
    return summary, report
