"""Regulations → knowledge graph: clauses, citations, terms, bodies, duties, indicators."""

from __future__ import annotations

import re
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
    "file_meta",
    "load_regulation_file",
    "load_regulations",
    "parse_regulation",
    "read_regulation_file",
    "read_regulation_path",
    "read_regulations",
    "title_of",
]


def read_regulation_file(path: Path, meta: RegulationMeta, gazetteer: Gazetteer, *,
                         force: bool = False) -> ParsedRegulation:
    """One regulation file (``.txt`` in any common encoding, ``.docx``, ``.pdf``, ``.rtf``,
    ``.html``) as graph facts.

    A text that yields no clause, or no body, is refused (:class:`InvalidBatch` naming the
    file) unless ``force``; what was not understood is in the report either way.
    """
    from graph.loaders.regulations.source import read_text

    meta = meta.model_copy(update={"source": meta.source or path.name})
    doc = _parse(read_text(path), meta, gazetteer, path.name)
    if not force:
        problems = _empty(doc, path.name)
        if problems:
            raise InvalidBatch(problems)
    return doc


def _parse(text: str, meta: RegulationMeta, gazetteer: Gazetteer, where: str
           ) -> ParsedRegulation:
    """:func:`parse_regulation`; a fact the model refuses is a problem of the file, not a
    traceback."""
    from pydantic import ValidationError

    try:
        return parse_regulation(text, meta, gazetteer)
    except ValidationError as e:
        raise InvalidBatch([Problem(f"cannot read: {err['msg']} ({err.get('input')!r})", where,
                                    None, ".".join(str(x) for x in err["loc"]),
                                    f"не удаётся прочитать: {err['msg']}")
                            for err in e.errors()]) from e


def _empty(doc: ParsedRegulation, where: str) -> list[Problem]:
    """A text the loader found nothing in: no clause, or no body."""
    labels = {r.label for r in doc.batch.nodes.values()}
    mentioned = any(e.type == "MENTIONS" for e in doc.batch.edges.values())
    problems = []
    if "Clause" not in labels:
        problems.append(Problem(
            "no clause found: is it a regulation? (--force loads it anyway)", where, None, None,
            "не найдено ни одного пункта: это нормативный документ? (--force загрузит его всё "
            "равно)"))
    if not mentioned:
        problems.append(Problem(
            "no body found in the text (--force loads it anyway)", where, None, None,
            "в тексте не найдено ни одного субъекта (органа, службы, совета); --force загрузит "
            "его всё равно"))
    return problems


_TITLE = re.compile(r"^(положение|концепция|порядок|регламент|программа|правила|устав)\b",
                    re.IGNORECASE)


def title_of(text: str) -> str | None:
    """A regulation's title as its first lines give it ("ПОЛОЖЕНИЕ" and the line after it).

    >>> title_of("УТВЕРЖДЕНО\\nприказом № 5\\nПОЛОЖЕНИЕ\\nо методическом совете школы\\n1. Общие")
    'Положение о методическом совете школы'
    """
    lines = [line.strip().lstrip("\ufeff") for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:40]):
        if not _TITLE.match(line):
            continue
        title = line
        for nxt in lines[i + 1:i + 4]:
            if re.match(r"^(\d+\.|[IVX]+\.|раздел|глава)", nxt, re.IGNORECASE) or \
                    len(title) > 250:
                break
            title += " " + nxt
        title = re.split(r"\s(?=\d{1,2}\.\s)", title)[0].strip()[:300]
        words = title.split()
        capitals = [w.isupper() for w in words]
        if sum(capitals[:4]) >= 3:  # "ПОЛОЖЕНИЕ О РАЙОННОМ СОВЕТЕ …" as a title page sets it
            words = [w.lower() if c else w for w, c in zip(words, capitals, strict=True)]
        elif capitals[0]:
            words[0] = words[0].lower()
        title = " ".join(words)
        return title[:1].upper() + title[1:]
    return None


def file_meta(path: Path, text: str, options: dict[str, object] | None = None,
              meta_file: Path | None = None) -> RegulationMeta:
    """The metadata of a single regulation file: its meta file (``--meta``, or
    ``<name>.meta.json`` beside it), then the options given, then what the text says (its
    title) and the file's name (its id)."""
    from pydantic import ValidationError

    from graph.loaders.regulations.bodies import slug

    meta_file = meta_file or path.with_name(path.stem + ".meta.json")
    data: dict[str, object] = {}
    if meta_file.exists():
        data = read_meta(meta_file).model_dump(exclude_none=True)
    data.update({k: v for k, v in (options or {}).items() if v is not None})
    data.setdefault("id", "reg-" + slug(path.stem))
    data.setdefault("title", title_of(text) or path.stem)
    data["source"] = path.name
    try:
        return RegulationMeta.model_validate(data)
    except ValidationError as e:
        raise InvalidBatch([
            Problem(f"metadata: {err['msg']}", path.name, None,
                    ".".join(str(x) for x in err["loc"]), f"ошибка в метаданных: {err['msg']}")
            for err in e.errors()]) from e


def default_gazetteer(near: Path) -> Gazetteer:
    """The gazetteer beside a file (``bodies.json``), else the bundled one, else none."""
    for candidate in (near.parent / "bodies.json", _BUNDLED / "bodies.json"):
        if candidate.exists():
            return Gazetteer.from_file(candidate)
    return Gazetteer([], [], [])


_BUNDLED = Path(__file__).resolve().parents[3] / "data" / "regulations"


def read_regulation_path(path: Path, *, options: dict[str, object] | None = None,
                         meta_file: Path | None = None, gazetteer: Path | None = None,
                         force: bool = False) -> tuple[Batch, LoadReport, ParsedRegulation]:
    """A single regulation file as one batch: its facts and the gazetteer's bodies and
    territories it may refer to."""
    from graph.loaders.regulations.source import read_text

    g = Gazetteer.from_file(gazetteer) if gazetteer is not None else default_gazetteer(path)
    meta = file_meta(path, read_text(path), options, meta_file)
    doc = read_regulation_file(path, meta, g, force=force)
    batch, report = _merge(g, [doc])
    return _only_used(batch, doc), report, doc


def _only_used(batch: Batch, doc: ParsedRegulation) -> Batch:
    """The batch without the gazetteer's bodies and territories the document does not name."""
    keep = set(doc.batch.nodes) | {end for e in doc.batch.edges.values()
                                   for end in (e.source, e.target)}
    grew = True
    while grew:  # the territories of what is kept, and their regions
        more = {e.target for e in batch.edges.values()
                if e.type == "LOCATED_IN" and e.source in keep} - keep
        keep |= more
        grew = bool(more)
    out = Batch()
    for nid, rec in batch.nodes.items():
        if nid in keep:
            out.nodes[nid] = rec
            out.origins[nid] = batch.origin(nid)
    for eid, erec in batch.edges.items():
        if erec.source in keep and erec.target in keep:
            out.edges[eid] = erec
            out.edge_classes[eid] = batch.edge_classes[eid]
            out.origins[eid] = batch.origin(eid)
    return out


def load_regulation_file(store: Store, path: Path, *, progress: Progress | None = None,
                         options: dict[str, object] | None = None,
                         meta_file: Path | None = None, gazetteer: Path | None = None,
                         force: bool = False) -> tuple[WriteSummary, LoadReport]:
    """Read one regulation file and write it in one all-or-nothing write.

    A territory the gazetteer does not know is added with its id as its name, unless the
    store already holds it (then the store's record stands).
    """
    batch, report, _ = read_regulation_path(path, options=options, meta_file=meta_file,
                                            gazetteer=gazetteer, force=force)
    placeholders = [nid for nid, rec in batch.nodes.items()
                    if rec.label in ("Region", "Municipality") and rec.props.get("name") == nid]
    for nid in store.get_nodes(placeholders):
        del batch.nodes[nid]
    return store.write(batch, progress=progress), report


def read_regulations(folder: Path) -> tuple[Batch, LoadReport]:
    """Read the gazetteer and every ``*.txt`` with its ``.meta.json`` into one batch.

    Acts cited by several documents become one node; a citation of the order that approved a
    document in the folder points at that document itself.
    """
    from graph.loaders.regulations.source import SUFFIXES, read_text

    gazetteer = Gazetteer.from_file(folder / "bodies.json") if (
        folder / "bodies.json").exists() else Gazetteer([], [], [])
    parsed: list[ParsedRegulation] = []
    problems: list[Problem] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        meta_path = path.with_name(path.stem + ".meta.json")
        if not meta_path.exists():
            problems.append(Problem(f"{path.name} has no {meta_path.name}", path.name, None, None,
                                    f"у {path.name} нет файла метаданных {meta_path.name}"))
            continue
        meta = read_meta(meta_path).model_copy(update={"source": path.name})
        try:
            doc = _parse(read_text(path), meta, gazetteer, path.name)
        except InvalidBatch as e:
            problems += e.problems
            continue
        problems += _empty(doc, path.name)
        parsed.append(doc)
    if problems:
        raise InvalidBatch(problems)
    return _merge(gazetteer, parsed)


def _merge(gazetteer: Gazetteer, parsed: list[ParsedRegulation]) -> tuple[Batch, LoadReport]:
    """The documents' facts with the gazetteer's, one node per body and per cited act."""
    batch = gazetteer.batch()
    report = LoadReport()
    redirect = _redirects(parsed, report)
    for doc in parsed:
        report.extend(doc.report)
        for nid, rec in doc.batch.nodes.items():
            if nid in redirect:
                continue
            if nid in batch.nodes and rec.label == "Organization":
                if "-body-" in nid and nid not in gazetteer.organizations:
                    report.resolutions.append(
                        f"{doc.meta.id}: {nid} «{rec.props.get('name')}» is named in an earlier "
                        "document too: the same name in the same territory, one body")
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
