"""One regulation text → graph facts: ``parse_regulation`` (pure: no store, no files)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from graph.loaders.regulations.bodies import BodyResolver, Mention, Resolution, infer_level
from graph.loaders.regulations.citations import (
    CitedAct,
    is_normative_base,
    is_self_reference,
    parse_act,
    split_running_citations,
)
from graph.loaders.regulations.duties import duty_categories, is_duty_list_head
from graph.loaders.regulations.gazetteer import Gazetteer
from graph.loaders.regulations.indicators import indicator_code, is_indicator_list_head
from graph.loaders.regulations.meta import RegulationMeta
from graph.loaders.regulations.morph import (
    Token,
    is_acronym,
    lemma,
    lemma_key,
    lemmas,
    normalize_quotes,
    tokens,
)
from graph.loaders.regulations.names import WHOLE_KINDS, NameSpan, _school_role
from graph.loaders.regulations.report import LoadReport
from graph.loaders.regulations.structure import relations_in
from graph.loaders.regulations.terms import (
    Abbreviation,
    TermDef,
    definitions,
    find_abbreviations,
    parse_abbreviation_item,
    parse_term,
    title_acronym,
)
from graph.loaders.regulations.text import Paragraph, RawClause, parent_number, split_clauses
from graph.model import (
    Batch,
    Cites,
    Clause,
    Defines,
    Duty,
    HasClause,
    HasDuty,
    HasIndicator,
    Indicator,
    LocatedIn,
    Mentions,
    Municipality,
    Regulation,
    StatedIn,
    SubclauseOf,
    Term,
    edge_class,
)
from graph.model.batch import Origin
from graph.model.enums import DutyCategory, Level, OrganizationKind

__all__ = ["ParsedRegulation", "parse_regulation"]

_SECTION_SUBJECT = re.compile(
    r"^(?:основные\s+)?(?:функции|направления\s+деятельности)\s+(?P<body>.+?)\.?$", re.IGNORECASE)
_WITH_FUNCTIONS = re.compile(r"^(?P<body>.+?)\s+с\s+функциями\s+(?P<duty>.+)$", re.IGNORECASE)
_DASH_DESC = re.compile(r"^(?P<body>[^–—]+?)\s+[-–—]\s+(?P<desc>.+)$")
_STRUCTURE_HEAD = ("взаимодействие", "включать", "входить", "состав", "структура", "элемент",
                   "модель")


@dataclass
class ParsedRegulation:
    """A regulation as graph facts, with what was found and what was skipped."""

    meta: RegulationMeta
    batch: Batch
    report: LoadReport
    clauses: list[RawClause] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    terms: list[TermDef] = field(default_factory=list)
    citations: list[CitedAct] = field(default_factory=list)
    resolutions: dict[str, Resolution] = field(default_factory=dict)

    @property
    def duties(self) -> list[Duty]:
        return [Duty.model_validate({"id": r.id, **r.props}) for r in self.batch.nodes.values()
                if r.label == "Duty"]

    def duties_of(self, org_id: str) -> list[str]:
        """The texts of the duties this regulation gives a body."""
        ids = [e.target for e in self.batch.edges.values()
               if e.type == "HAS_DUTY" and e.source == org_id]
        return [self.batch.nodes[i].props["text"] for i in ids]


class _Builder:
    def __init__(self, text: str, meta: RegulationMeta, gazetteer: Gazetteer) -> None:
        self.meta = meta
        self.reg = meta.id
        self.where = meta.source or f"{meta.id}.txt"
        self.gazetteer = gazetteer
        self.report = LoadReport()
        self.batch = Batch()
        self.parsed = split_clauses(text, where=self.where, report=self.report,
                                    regulation_id=self.reg)
        self.result = ParsedRegulation(meta, self.batch, self.report, self.parsed.clauses)
        self.duty_count: dict[str, int] = {}
        self.subject_of: dict[str, str] = {}  # clause number → body id
        self.also_called: list[tuple[str, str]] = []  # a second short name, what it stands for
        # a plan's table heading its columns («№ п/п | Содержание | Сроки | Исполнители |
        # Результат»): how many, and which holds the doers
        self.table_columns: tuple[int, int] | None = None

    # -- helpers -----------------------------------------------------------------------------
    def origin(self, line: int | None) -> Origin:
        return Origin(self.where, line)

    def clause_id(self, number: str) -> str:
        return f"{self.reg}:{number}"

    def add_edge(self, edge: object, line: int | None) -> None:
        from graph.model.base import EdgeModel

        assert isinstance(edge, EdgeModel)
        rec = edge.to_record()
        if rec.id not in self.batch.edges:  # the first clause that states a fact is its evidence
            self.batch.add(edge, self.origin(line))

    def body(self, res: Resolution, clause: RawClause, line: int) -> str | None:
        if res.org_id is None:
            return None
        if res.created is not None and res.org_id not in self.batch.nodes:
            self.batch.add(res.created, self.origin(line))
            if res.created.territory_id:
                self.batch.add(LocatedIn(source=res.org_id, target=res.created.territory_id),
                               self.origin(line))
            if not res.created.generic_name:
                self.report.resolutions.append(f"{self.where}:{line} new body {res.org_id}: "
                                               f"«{res.name}» ({res.rule})")
        self.result.resolutions.setdefault(res.name, res)
        self.add_edge(Mentions(source=self.reg, target=res.org_id, name=res.name, rule=res.rule,
                               clause_id=self.clause_id(clause.number)), line)
        return res.org_id

    # -- the passes --------------------------------------------------------------------------
    def run(self) -> ParsedRegulation:
        self.regulation_node()
        self.abbreviations()
        self.resolver = BodyResolver(
            self.gazetteer, self.meta.territory_id,
            {a.abbr: a.full for a in reversed(self.result.abbreviations)},
        )
        numbers = {c.number for c in self.parsed.clauses}
        for clause in self.parsed.clauses:
            self.clause_node(clause, numbers)
        section_subject: str | None = None
        section_number = ""
        for clause in self.parsed.clauses:
            if clause.depth == 1:
                section_subject = self.section_subject(clause)
                section_number = clause.number
            self.clause_facts(clause, section_subject if clause.number != section_number else None)
        self.report.counts[self.reg] = self.counts()
        return self.result

    def regulation_node(self) -> None:
        m = self.meta
        self.batch.add(Regulation(id=m.id, title=m.title, act_kind=m.act_kind, issuer=m.issuer,
                                  date=m.date, number=m.number, territory_id=m.territory_id,
                                  level=m.level, source=self.where), self.origin(None))

    def abbreviations(self) -> None:
        found: list[Abbreviation] = []
        paragraphs: list[tuple[RawClause | None, Paragraph]] = [
            (None, p) for p in self.parsed.preamble]
        paragraphs += [(c, p) for c in self.parsed.clauses for p in c.paragraphs]
        for clause, p in paragraphs:
            found += find_abbreviations(p.text, p.line)
            if clause is not None and "сокращение" in lemmas(clause.head) and p is not \
                    clause.paragraphs[0]:
                item = parse_abbreviation_item(p.text, p.line)
                if item is not None:
                    found.append(item)
            term = parse_term(p.text)
            if term is not None and term.abbreviation:
                found.append(Abbreviation(term.abbreviation, term.name, p.line, "term"))
        known = {a.abbr for a in found}
        implicit = title_acronym(self.meta.title)
        if implicit and implicit[0] not in known:
            found.append(Abbreviation(implicit[0], implicit[1], 0, "title acronym"))
        self.result.abbreviations = found

    def clause_node(self, clause: RawClause, numbers: set[str]) -> None:
        cid = self.clause_id(clause.number)
        title = clause.head.rstrip(".:") if clause.depth == 1 and len(clause.head) < 300 else None
        self.batch.add(Clause(id=cid, regulation_id=self.reg, number=clause.number,
                              text=clause.text, title=title or None), self.origin(clause.line))
        self.batch.add(HasClause(source=self.reg, target=cid), self.origin(clause.line))
        parent = parent_number(clause.number)
        if parent is not None and parent in numbers:
            self.batch.add(SubclauseOf(source=cid, target=self.clause_id(parent)),
                           self.origin(clause.line))

    def section_subject(self, clause: RawClause) -> str | None:
        m = _SECTION_SUBJECT.match(clause.head)
        if not m:
            return None
        res = self.resolver.resolve(m.group("body"), nominative=False)
        return self.body(res, clause, clause.line)

    def level_hint(self, clause: RawClause) -> Level | None:
        number: str | None = clause.number
        while number is not None:
            c = self.parsed.by_number().get(number)
            if c is not None and "уровень" in lemmas(c.head):
                level = infer_level(c.head.split("уровн")[0] + " уровень")
                if level is not None:
                    return level
            number = parent_number(number)
        return None

    # -- one clause --------------------------------------------------------------------------
    def terms_and_citations(self, clause: RawClause) -> set[int]:
        """Read the clause's defined terms and, in a normative-base clause, its citations; the
        indexes of the paragraphs they took."""
        consumed: set[int] = set()
        for i, p in enumerate(clause.paragraphs):
            term = parse_term(p.text)
            if term is not None:
                self.term(term, clause, p)
                consumed.add(i)
        if clause.paragraphs and is_normative_base(clause.head):
            consumed |= self.citations(clause)
        return consumed

    def clause_facts(self, clause: RawClause, section_subject: str | None) -> None:
        paras = clause.paragraphs
        consumed = self.terms_and_citations(clause)
        subject = self.subject(clause)
        hint = self.level_hint(clause)
        list_head = None
        for i, p in enumerate(paras):
            if i in consumed:
                continue
            text = p.text
            if text.rstrip().endswith(":"):
                list_head = text
                if "уровень" in lemmas(text):
                    hint = infer_level(text) or hint
                if is_indicator_list_head(text):
                    consumed |= self.indicators(clause, i)
                if is_duty_list_head(text) and lemmas(text)[0] == "задача":
                    res = self.resolver.resolve(text.split(" ", 1)[-1].rstrip(":"),
                                                nominative=False)
                    subject = self.body(res, clause, p.line) or subject
                continue
            if i == 0:
                continue
            if "сокращение" in lemmas(clause.head) and any(
                    a.line == p.line for a in self.result.abbreviations):
                consumed.add(i)
                continue
            if list_head is None:
                continue
            consumed |= self.list_item(clause, i, p, list_head, subject, section_subject, hint)
        if clause.number not in self.subject_of and subject is not None:
            self.subject_of[clause.number] = subject
        # A leaf clause of a "Функции X" section is itself one of X's duties (002 §3.1.1).
        if section_subject and not clause.head.endswith(":") and len(paras) == 1 and \
                clause.depth > 1:
            self.duty(section_subject, clause.head, clause, paras[0].line)
            consumed.add(0)
        for p in paras:
            self.structure(clause, p, subject)
        self.report_unconsumed(clause, consumed)

    def subject(self, clause: RawClause) -> str | None:
        """The body a clause is about: the heading before its "Функции:" list."""
        heads = [i for i, p in enumerate(clause.paragraphs)
                 if is_duty_list_head(p.text) and lemmas(p.text)[0] == "функция"]
        if not heads:
            head = clause.head
            if head.rstrip().endswith(":") and not any(
                    w in lemmas(head) for w in _STRUCTURE_HEAD):
                mentions = self.resolver.mentions(head)
                if mentions and mentions[0].start <= 1 and _has_verb(head):
                    return self.body(mentions[0].resolution, clause, clause.line)
            return None
        res = self.resolver.resolve(clause.head, level_hint=self.level_hint(clause))
        org = self.body(res, clause, clause.line)
        if org is None:
            self.report.skip(self.reg, self.where, clause.line,
                             f"subject of clause {clause.number} «{clause.head[:80]}»",
                             f"not resolved to a body ({res.rule}); its functions are skipped")
        else:
            self.report.resolutions.append(
                f"{self.where}:{clause.line} {clause.number} «{res.name}» → {org} ({res.rule})")
        return org

    def list_item(self, clause: RawClause, i: int, p: Paragraph, list_head: str,
                  subject: str | None, section_subject: str | None,
                  hint: Level | None) -> set[int]:
        head_keys = lemmas(list_head)
        if head_keys and head_keys[0] in ("функция", "задача"):
            if subject is not None:
                self.duty(subject, p.text, clause, p.line)
                return {i}
            return set()
        m = _WITH_FUNCTIONS.match(p.text)
        if m:
            res = self.resolver.resolve(m.group("body"), level_hint=hint)
            org = self.body(res, clause, p.line)
            if org is not None:
                self.duty(org, m.group("duty"), clause, p.line)
                self.attached(org, m.group("body"), clause, p.line, hint)
                return {i}
        m = _DASH_DESC.match(p.text)
        if m and "сокращение" not in lemmas(clause.head):
            res = self.resolver.resolve(m.group("body"), level_hint=hint)
            if res.org_id is not None and res.created is None and any(
                    w in head_keys for w in (*_STRUCTURE_HEAD, "уровень")):
                org = self.body(res, clause, p.line)
                if org is None:
                    return set()
                if "взаимодействие" in head_keys:
                    self.interacts(list_head, org, clause, p.line)
                elif head_keys[0] == "на" and "уровень" in head_keys:
                    # "на региональном уровне: ЛОИРО - Центр координации …": what it does.
                    self.duty(org, m.group("desc"), clause, p.line)
                self.component(org, clause, p.line)
                return {i}
        if any(w in head_keys for w in _STRUCTURE_HEAD):
            res = self.resolver.resolve(p.text, level_hint=hint)
            org = self.body(res, clause, p.line) if res.org_id else None
            if org is not None:
                if "взаимодействие" in head_keys:
                    self.interacts(list_head, org, clause, p.line)
                else:
                    self.component(org, clause, p.line)
                return {i}
        owner = subject or section_subject
        if owner is not None and (section_subject is not None or _has_verb(list_head)):
            self.duty(owner, p.text, clause, p.line)
            return {i}
        return set()

    def interacts(self, list_head: str, org: str, clause: RawClause, line: int) -> None:
        """"X осуществляет взаимодействие с …: - Y" — X INTERACTS_WITH Y."""
        mentions = [m for m in self.resolver.mentions(list_head) if m.resolution.org_id]
        if mentions and mentions[0].start <= 1:
            source = self.body(mentions[0].resolution, clause, line)
            if source is not None:
                self.relation("INTERACTS_WITH", source, org, clause, line)

    def component(self, org: str, clause: RawClause, line: int) -> None:
        """A body listed under "X включает: …" / "Организационная модель X: …" is PART_OF X."""
        head = clause.paragraphs[0].text if clause.paragraphs else ""
        if "взаимодействие" in lemmas(head):
            return
        mentions = [m for m in self.resolver.mentions(head) if m.resolution.org_id]
        whole = mentions[0].resolution.org_id if mentions else None
        if whole is not None and whole != org:
            self.relation("PART_OF", org, whole, clause, line)

    def attached(self, org: str, name: str, clause: RawClause, line: int,
                 hint: Level | None) -> None:
        m = re.search(r"\s+при\s+(.+)$", name)
        if not m:
            return
        res = self.resolver.resolve(m.group(1), level_hint=hint)
        target = self.body(res, clause, line)
        if target is not None:
            self.relation("ATTACHED_TO", org, target, clause, line)

    def duty(self, org: str, text: str, clause: RawClause, line: int) -> None:
        text = text.strip().rstrip(";.").strip()
        text = text.rstrip(",").strip() if text.endswith(",") else text
        if not text:
            return
        n = self.duty_count.get(clause.number, 0) + 1
        self.duty_count[clause.number] = n
        duty_id = f"{self.clause_id(clause.number)}:duty:{n}"
        self.batch.add(Duty(id=duty_id, text=text, categories=self.categories(text),
                            regulation_id=self.reg, clause_number=clause.number),
                       self.origin(line))
        self.batch.add(HasDuty(source=org, target=duty_id, regulation_id=self.reg,
                               clause_id=self.clause_id(clause.number)), self.origin(line))
        self.batch.add(StatedIn(source=duty_id, target=self.clause_id(clause.number)),
                       self.origin(line))

    def categories(self, text: str) -> list[DutyCategory]:
        return duty_categories(text)

    def relation(self, type_: str, source: str, target: str, clause: RawClause,
                 line: int) -> None:
        if source == target:
            return
        cls = edge_class(type_)
        edge = cls.model_validate({"source": source, "target": target,
                                   "clause_id": self.clause_id(clause.number),
                                   "regulation_id": self.reg})
        if type_ == "CHAIRS":
            target_node = self.batch.nodes.get(target)
            kind = target_node.props.get("kind") if target_node else \
                self.gazetteer.organizations[target].kind.value \
                if target in self.gazetteer.organizations else None
            if kind != "council":
                return
        self.add_edge(edge, line)

    def structure(self, clause: RawClause, p: Paragraph, subject: str | None) -> None:
        mentions = self.resolver.mentions(p.text)
        for mention in mentions:
            self.body(mention.resolution, clause, p.line)
        for rel in relations_in(p.text, mentions, subject):
            self.relation(rel.type, rel.source, rel.target, clause, p.line)

    def term(self, term: TermDef, clause: RawClause, p: Paragraph) -> None:
        from graph.loaders.regulations.bodies import slug

        tid = f"{self.reg}:term:{slug(term.name)}"
        self.batch.add(Term(id=tid, name=term.name, definition=term.definition,
                            regulation_id=self.reg, abbreviation=term.abbreviation),
                       self.origin(p.line))
        self.batch.add(Defines(source=self.reg, target=tid,
                               clause_id=self.clause_id(clause.number)), self.origin(p.line))
        self.batch.add(StatedIn(source=tid, target=self.clause_id(clause.number)),
                       self.origin(p.line))
        self.result.terms.append(term)

    def citations(self, clause: RawClause) -> set[int]:
        head = clause.head
        if head.rstrip().endswith(":"):
            items = [(i, p.text, p.line) for i, p in enumerate(clause.paragraphs) if i > 0]
        else:
            items = [(0, t, clause.line) for t in split_running_citations(head)]
        consumed: set[int] = set()
        general = []
        for i, text, line in items:
            act = parse_act(text)
            if act is None:
                if not is_self_reference(text):
                    general.append(text[:60])
                else:
                    consumed.add(i)
                continue
            consumed.add(i)
            self.result.citations.append(act)
            if act.id not in self.batch.nodes:
                self.batch.add(Regulation(id=act.id, title=act.title, act_kind=act.kind,
                                          issuer=act.issuer, date=act.date, number=act.number),
                               self.origin(line))
            self.add_edge(Cites(source=self.reg, target=act.id,
                                clause_id=self.clause_id(clause.number)), line)
        if general:
            self.report.skip(self.reg, self.where, clause.line,
                             f"normative base {clause.number}: " + "; ".join(general),
                             "names no particular act (no kind, date, number or title)")
        if not head.rstrip().endswith(":"):
            consumed.add(0)
        return consumed

    def indicators(self, clause: RawClause, start: int) -> set[int]:
        consumed: set[int] = set()
        n = 0
        for i, p in enumerate(clause.paragraphs):
            if i <= start:
                continue
            if p.text.rstrip().endswith(":"):
                break
            n += 1
            text = p.text.strip().rstrip(";.").strip()
            code = indicator_code(text)
            iid = f"{self.clause_id(clause.number)}:indicator:{n}"
            self.batch.add(Indicator(id=iid, text=text, regulation_id=self.reg,
                                     clause_number=clause.number, computable=code is not None,
                                     code=code), self.origin(p.line))
            self.batch.add(HasIndicator(source=self.reg, target=iid,
                                        clause_id=self.clause_id(clause.number)),
                           self.origin(p.line))
            self.batch.add(StatedIn(source=iid, target=self.clause_id(clause.number)),
                           self.origin(p.line))
            consumed.add(i)
        return consumed

    def report_unconsumed(self, clause: RawClause, consumed: set[int]) -> None:
        listed = False
        left = []
        for i, p in enumerate(clause.paragraphs):
            if p.text.rstrip().endswith(":"):
                listed = True
                continue
            if listed and i not in consumed:
                left.append(p)
        if left:
            head = next((p.text for p in clause.paragraphs if p.text.rstrip().endswith(":")), "")
            self.report.skip(self.reg, self.where, left[0].line,
                             f"{len(left)} list item(s) of clause {clause.number} under "
                             f"«{head[:70]}»",
                             "not recognised as duties, citations, indicators, terms or bodies")

    def counts(self) -> dict[str, int]:
        labels: dict[str, int] = {}
        for rec in self.batch.nodes.values():
            labels[rec.label] = labels.get(rec.label, 0) + 1
        for erec in self.batch.edges.values():
            labels[erec.type] = labels.get(erec.type, 0) + 1
        return labels


_CAPITALS_HEADING = re.compile(r"^(?P<name>[А-ЯЁ][А-ЯЁ0-9«»\"№ ,.–—-]{8,300}?)\s*"
                               r"(?:\((?P<abbr>[А-ЯЁA-Zа-яё ]{2,20})\))?\s*$")


def capitals_opening(text: str) -> str:
    """A paragraph that opens with its body's name in capitals, the rest in lower case
    («УПРАВЛЕНИЕ ОБРАЗОВАНИЯ администрации округа (далее – Управление образования) определяет
    …»): the name as written in lower case, its first word capitalised; else the text.

    >>> capitals_opening("МУНИЦИПАЛЬНЫЙ МЕТОДИЧЕСКИЙ СОВЕТ (далее – ММС) создаётся при УО.")
    'Муниципальный методический совет (далее – ММС) создаётся при УО.'
    >>> capitals_opening("РМО ЗДУВР проводит семинары."), capitals_opening("ОБЩИЕ ПОЛОЖЕНИЯ")
    ('РМО ЗДУВР проводит семинары.', 'ОБЩИЕ ПОЛОЖЕНИЯ')
    """
    m = re.match(r"((?:[А-ЯЁ]{2,}(?:-[А-ЯЁ]+)?\s+)+)(?=[а-яё(«]|[А-ЯЁ][а-яё])", text)
    if m is None:
        return text
    words = m.group(1).split()
    if not any(len(w) > 4 and _morph_known(w.lower()) for w in words):
        return text  # (acronyms only: «РМО ЗДУВР»)
    written = " ".join(w if len(w) <= 4 and not _morph_known(w.lower()) else w.lower()
                       for w in words)
    return written[:1].upper() + written[1:] + text[m.end(1) - 1:]


def capitals_heading(text: str) -> str | None:
    """A heading in capitals, as written in lower case: a body's name with its short name in
    parentheses as «(далее – …)» (a one-letter word of the short name in lower case), or
    ``None`` when the paragraph is no such heading.

    >>> capitals_heading("ОКРУЖНЫЕ МЕТОДИЧЕСКИЕ ОБЪЕДИНЕНИЯ УЧИТЕЛЕЙ (ОМО)")
    'Окружные методические объединения учителей (далее – ОМО)'
    >>> capitals_heading("МБУ «ЦЕНТР РАЗВИТИЯ» (ЦР)"), capitals_heading("Центр (ЦР)")
    ('МБУ «Центр развития» (далее – ЦР)', None)
    >>> capitals_heading("ВЗАИМОДЕЙСТВИЕ УЧАСТНИКОВ")
    'ВЗАИМОДЕЙСТВИЕ УЧАСТНИКОВ'
    """
    m = _CAPITALS_HEADING.match(text.strip())
    if m is None or not any(c.isalpha() for c in m.group("name")):
        return None
    if m.group("abbr") is None:
        return text  # a heading of no body: the same text, known as a heading
    from graph.loaders.regulations.names import legal_form

    words = []
    for word in m.group("name").split():
        bare = word.strip("«»\",.")
        if legal_form(bare) or (len(bare) <= 4 and not _morph_known(bare.lower())):
            words.append(word)  # a legal form or an acronym stays as written
        else:
            words.append(word.lower())
    name = " ".join(words)
    name = name[:1].upper() + name[1:]
    name = re.sub(r"«(\w)", lambda q: "«" + q.group(1).upper(), name)
    abbr = " ".join(w.lower() if len(w) == 1 else w for w in m.group("abbr").split())
    return f"{name} (далее – {abbr})"


def _morph_known(word: str) -> bool:
    from graph.loaders.regulations.morph import _morph

    return bool(_morph().word_is_known(word))


def _has_verb(text: str) -> bool:
    from graph.loaders.regulations.morph import _morph, tokens

    return any({"VERB"} & set(str(_morph().parse(t.text)[0].tag).replace(" ", ",").split(","))
               for t in tokens(text))


def _open_verb_end(text: str) -> bool:
    """Whether a paragraph stops at its verb, without a colon, as a list's head does over its
    items ("Структура: ММС объединяет").

    >>> _open_verb_end("Структура: ММС объединяет"), _open_verb_end("Функции ММС")
    (True, False)
    """
    from graph.loaders.regulations.morph import tokens

    toks = tokens(text)
    return bool(toks) and not text.rstrip().endswith((":", ".", ";", ",")) and \
        _has_verb(toks[-1].text)


def parse_regulation(text: str, meta: RegulationMeta, gazetteer: Gazetteer, *,
                     discover: bool | None = None) -> ParsedRegulation:
    """Turn one regulation's text into graph facts (a :class:`~graph.model.Batch`).

    Pure: reads no files and touches no store. Bodies it creates (generic subjects, bodies new
    to the gazetteer) are in the batch; the gazetteer's own bodies are not (see
    :func:`read_regulations`). The bodies are found in the text (:mod:`.discover`; the
    gazetteer gives other names for them) unless the metadata says ``bodies: "gazetteer"``
    (or ``discover`` is false): then only the gazetteer's names are bodies.

    >>> g = Gazetteer.from_data({"territories": [
    ...     {"id": "RU-X", "kind": "region", "name": "Иксская область"}],
    ...     "organizations": [{"id": "X-inst", "name": "Иксский институт развития образования",
    ...         "short_name": "ИИРО", "kind": "development_institute", "level": "regional",
    ...         "territory_id": "RU-X"}]})
    >>> text = '''1. Субъекты
    ... 1.1. ИИРО.
    ... Функции:
    ... - консультирование педагогов;
    ... - организация наставничества.'''
    >>> r = parse_regulation(text, RegulationMeta(id="reg-x", title="Положение о системе",
    ...                                           territory_id="RU-X"), g)
    >>> [(d.clause_number, d.text, [c.value for c in d.categories]) for d in r.duties]
    [('1.1', 'консультирование педагогов', ['consulting']), \
('1.1', 'организация наставничества', ['mentoring'])]
    >>> r.duties_of("X-inst")
    ['консультирование педагогов', 'организация наставничества']
    """
    if discover is None:
        discover = discovers(meta)
    return (_TextBuilder if discover else _Builder)(text, meta, gazetteer).run()


def discovers(meta: RegulationMeta) -> bool:
    """Whether a document's bodies are found in its text (``bodies: "text"``, the default) or
    taken from the gazetteer only (``bodies: "gazetteer"``, the bundled five)."""
    return meta.bodies == "text"


# The words before a body named as the issuer of an act: «распоряжением Министерства …»,
# «приказами Департамента …», «письмом Минпросвещения России …».
_CITING = re.compile(r"\b(?:приказ|распоряжени|постановлени|письм|указ|решени|рекомендаци)"
                     r"\w*\s*$", re.IGNORECASE)
_DALEE_ANY = re.compile(r"\(\s*(?:далее|в\s+дальнейшем|сокращ[её]нно)[^()]*\)")
_BODY_RELATIONS = frozenset({"PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES",
                             "SUBORDINATE_TO", "INTERACTS_WITH", "CHAIRS", "CURATES"})
# A plan's line naming who does the measure above it, and its line of when.
_RESPONSIBLE = re.compile(r"^\s*(?:ответственн\w*(?:\s+(?:исполнител|лиц|за\s+исполнение)\w*)?"
                          r"|исполнител\w*|соисполнител\w*)\s*[:–—-]\s*(?P<who>.*)$",
                          re.IGNORECASE)
# A measure card's label before what is done: «Мероприятие: …», «Наименование мероприятия – …».
_MEASURE_LABEL = re.compile(r"^\s*(?:(?:наименование|содержание|название)\s+)?(?:мероприяти\w*|"
                            r"меры|мера|действи[ея]|работ[аы])\s*(?:\(\w+\)\s*)?[:–—-]\s*",
                            re.IGNORECASE)
# Who does a measure, written on its own line: «Выпуск сборника (отв. РМК).», «… — исполнитель:
# СДШ.», «Проведение конференции. Ответственные: РМК, СДШ.»
_RESPONSIBLE_WORDS = (r"(?:отв\.|ответственн(?!ост)\w*(?:\s+(?:исполнител|лиц|за\s+исполнение)\w*)?"
                      r"|исполнител\w*|соисполнител\w*)")
_RESPONSIBLE_WORD = re.compile(r"^\s*" + _RESPONSIBLE_WORDS, re.IGNORECASE)
_INLINE_RESPONSIBLE = re.compile(
    r"(?:\s*\(\s*" + _RESPONSIBLE_WORDS + r"\s*[:–—-]?\s*(?P<who1>[^()]+?)\s*\)"
    r"|(?:[.;,]\s+|\s+[–—-]\s*)" + _RESPONSIBLE_WORDS + r"(?:\s*[:–—-]\s*|(?<=\.)\s*)"
    r"(?P<who2>[^.;()]+?(?:\([^()]*\))?))"
    r"\s*[.;]?\s*$", re.IGNORECASE)
# A measure's term written inside its line: «…; срок – март», «. Срок исполнения: май».
_TERM_INLINE = re.compile(r"(?:[.;,]\s*|\s+[–—-]\s*|\s*\(\s*)(?:срок\w*|дата)(?:\s+\w+)?\s*[:–—-]"
                          r"\s*[^.;()]*\)?", re.IGNORECASE)
_TERM_LINE = re.compile(r"^\s*(?:срок\w*|дата|период)(?:\s+\w+){0,2}\s*[:–—-]", re.IGNORECASE)
# A matrix's head naming its columns: «Мероприятие – Ответственный – Срок:», «Функция —
# ответственный» (its rows, numbered as items or not, are each its doers' duty).
_COLUMNS_HEAD = re.compile(r"[–—-]\s*(?:ответственн\w*|исполнител\w*)\b", re.IGNORECASE)
_PERSONS = {"руководитель", "директор", "заместитель", "председатель", "специалист",
            "методист", "сотрудник", "работник", "педагог", "учитель", "заведующий",
            "начальник", "куратор", "наставник", "секретарь"}
# An order's or a resolution's issuing words: «администрация … п о с т а н о в л я е т:».
_ISSUES = re.compile(r"п\s?о\s?с\s?т\s?а\s?н\s?о\s?в\s?л\s?я\s?(?:е\s?т|ю)\b|"
                     r"р\s?а\s?с\s?п\s?о\s?р\s?я\s?ж\s?а\s?е\s?т\s?с\s?я\b",
                     re.IGNORECASE)
# Who takes part in a programme or a plan, listed: «Участниками реализации плана-графика являются:».
_PARTICIPANTS_HEAD = re.compile(r"^\s*(?:Участниками|Субъектами)\s+(?P<of>[^:;]{3,120}?)\s+"
                                r"являются\s*:\s*$")
# Working under a body's guidance says how a body stands, not what it does (the corpus README).
_GUIDED_STATUS = re.compile(r"(?:осуществля\w+|вед[её]т|вед[уу]т|работа\w+|действу\w+)\s+"
                            r"(?:свою\s+)?(?:деятельность\s+|работу\s+)?под\s+(?:\S+\s+){0,2}?"
                            r"руководством\b[^,;]*$", re.IGNORECASE)
_KEPT_ITEMS = re.compile(r"^(.*?\b(?:вед[её]т|ведут|оформля\w+|хран\w+)\s+следующ\w*\s+"
                         r"[^:;,]{1,60}?)\s*:\s[^:]*;[^:]*$", re.DOTALL)
# A list's head naming a person, not a body: «Муниципальный тьютор:», «Руководитель МО:»,
# «Муниципальный координатор региональной системы:».
_A_PERSON_HEAD = re.compile(r"^\s*(?:[А-ЯЁа-яё-]+(?:ый|ий|ой)\s+)?(?:тьютор|методист|наставник|"
                            r"руководитель|куратор|координатор|консультант|эксперт|председатель|"
                            r"секретарь|педагог-наставник|педагог|учитель|наставляем(?:ый|ые)|"
                            r"директор|заместител[ьи]\s+директора|заведующ(?:ий|ие)|"
                            r"молод(?:ой|ые)\s+(?:специалист|педагог|учитель))(?:ы|и)?"
                            r"(?:-[а-яё]+)?"  # «Методист-куратор:», «Педагоги-наставники:»
                            r"(?:\s+[А-ЯЁа-яё-]+){0,4}?\s*"
                            r"(?:[А-ЯЁ]{2,8}\s*)?:\s*$",
                            re.IGNORECASE)
# The tasks or functions of people, not of a body: «Задачи методистов-кураторов:», «Функции
# наставника:».
_PEOPLES_TASKS = re.compile(r"^\s*(?:Основные\s+)?(?:задачи|функции|обязанности)\s+"
                            r"(?:[а-яё]+(?:ых|их|ого|его)\s+)?(?:тьютор|методист|наставник|"
                            r"куратор|консультант|эксперт|педагог|учител)[а-яё]*"
                            r"(?:-[а-яё]+)?\s*:\s*$", re.IGNORECASE)
_SUPPORTED_SCHOOLS = re.compile(r"\b(?:подшефн|курируем|закрепл[её]нн)\w*\s+(?:школ|образовательн"
                                r"|общеобразовательн|организаци)", re.IGNORECASE)
_FULL_STOP = re.compile(r"(?<=\.)\s+(?=[А-ЯЁA-Z«])|(?<=;)\s+")
# Where a sentence ends, or a second body's part of it begins ("Комитет утверждает план, а ИУУ
# обеспечивает его выполнение").
# A sentence that opens with whom its doer works with: «Совместно с ЦОКО ЦНППМ проводит …».
_JOINTLY_FIRST = re.compile(r"\s*(?:Совместно|Вместе)\s+со?\s+")
_WHOLE_SENTENCE = re.compile(r"(?<=\.)\s+(?=[А-ЯЁA-Z«])")
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[А-ЯЁA-Z«])|(?<=;)\s+|(?<=,)\s+а\s+(?=[А-ЯЁA-Z«])")


def _sentences(pattern: re.Pattern[str], text: str) -> list[str]:
    """A paragraph split at a pattern, but not after a town's or a name's abbreviation ("г.
    Сортавала", "им. А.С. Пушкина")."""
    out: list[str] = []
    for piece in pattern.split(text):
        if out and re.search(r"(?:^|\s)(?:г\.\s?о|м\.\s?о|г|гор|с|п|пос|им|ул|обл|[А-ЯЁ])\.$",
                             out[-1]):  # (and «г.о. Новокуйбышевск», a town's district)
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


class _TextBuilder(_Builder):
    """Reads a regulation whose bodies are found in the text (see :mod:`.discover`)."""

    def run(self) -> ParsedRegulation:
        from graph.loaders.regulations.discover import (
            Catalogue,
            acting_classes,
            bind_abbreviations,
        )

        self.regulation_node()
        known = self.gazetteer.level_of(self.meta.territory_id)
        level = self.meta.level or (Level(known) if known else None)
        territory = self.meta.territory_id
        if territory is not None and territory not in self.gazetteer.territories:
            self.territory_nodes(territory)
            level = level or (Level.municipal if territory.count("-") >= 2 else Level.regional)
        prefix = territory.removeprefix("RU-") if territory else self.reg
        self.catalogue = Catalogue(prefix, territory, level or Level.regional, self.gazetteer,
                                   self.report, self.reg, self.where)
        paragraphs: list[tuple[RawClause | None, Paragraph]] = [
            (None, p) for p in self.parsed.preamble]
        paragraphs += [(c, p) for c in self.parsed.clauses for p in c.paragraphs]
        # "ОКРУЖНЫЕ МЕТОДИЧЕСКИЕ ОБЪЕДИНЕНИЯ (ОМО)" over functions numbered straight through:
        # a heading in capitals names the doer of the clauses below it
        self.capitals: dict[int, bool] = {}
        for c, p in paragraphs:
            if c is not None and p is c.paragraphs[0]:
                continue  # (a clause's own heading, «1. ОБЩИЕ ПОЛОЖЕНИЯ», is read as before)
            heading = capitals_heading(p.text)
            if heading is not None:
                self.capitals[p.line] = heading != p.text
                p.text = heading
            else:
                p.text = capitals_opening(p.text)
        from graph.loaders.regulations.names import find_names

        spans = [find_names(p.text) for _, p in paragraphs]
        for (_, p), found in zip(paragraphs, spans, strict=True):
            for abbrs, span, abbreviation in bind_abbreviations(p.text, p.line, found):
                self.result.abbreviations.append(abbreviation)
                # «(далее – школы с низкими результатами обучения, Школы)»: the second name
                # stands for the same, in a duty as well as the first («перечень Школ»)
                self.also_called += [(abbr, abbreviation.full) for abbr in abbrs[1:]]
                body = self.catalogue.add(span, p.line, named=True) if span is not None \
                    else None
                for abbr in abbrs:
                    if body is not None:
                        self.catalogue.alias(abbr, body, p.line, span.text if span else "")
                        inner = _quoted_acronym(abbr)
                        if inner is not None and inner not in self.catalogue.aliases:
                            # «(далее – МАУ «ИМЦ»)», then «ИМЦ взаимодействует …»
                            self.catalogue.alias(inner, body, p.line, span.text if span else "")
                        self.owner_acronym(abbr, span, found, p.line)
            for abbr, span in _acronym_before_name(p.text, found):
                # "на базе ТРИМЦ – муниципального казённого учреждения «Тихвинский районный
                # информационно-методический центр»": the acronym of the name after the dash
                self.result.abbreviations.append(Abbreviation(abbr, span.text, p.line,
                                                              "acronym before its name"))
                body = self.catalogue.add(span, p.line, named=True)
                if body is not None:
                    self.catalogue.alias(abbr, body, p.line, span.text)
            for span in acting_classes(p.text):  # «Школы, показывающие …, направляют …»
                body = self.catalogue.add(span, p.line, named=True)
                if body is not None and body.generic:
                    body.whole = True
            pieces = _inline_abbreviations(p.text)
            listed = _listed_abbreviation(p.text, p.line, found) if not pieces else None
            for piece in pieces:  # "Сокращения: ИМЦ – …; УО – … ." on one line
                one = _listed_abbreviation(piece, p.line, find_names(piece))
                if one is not None:
                    self.result.abbreviations.append(one[0])
                    body = self.catalogue.add(one[1], p.line)
                    if body is not None:
                        for abbr in _several(one[0].abbr):
                            self.catalogue.alias(abbr, body, p.line, one[1].text)
            if listed is not None:  # "МС – методическая служба Колледжа;" in a list of them
                abbreviation, span = listed
                self.result.abbreviations.append(abbreviation)
                body = self.catalogue.add(span, p.line)
                if body is not None:
                    for abbr in _several(abbreviation.abbr):  # "БМЦ, методцентр – …"
                        self.catalogue.alias(abbr, body, p.line, span.text)
        for _, p in paragraphs:  # «К школам-партнёрам относятся …»: what a name stands for
            for defined in definitions(p.text, p.line):
                self.result.abbreviations.append(defined)
                self._defined_schools(defined)
        from graph.loaders.regulations.discover import _inside_dalee, _key

        first_seen: dict[str, tuple[RawClause, int]] = {}
        for (c, p), found in zip(paragraphs, spans, strict=True):
            for span in found:
                if not _inside_dalee(normalize_quotes(p.text), span.start) and (
                        _key(span.text) != (span.head,) or span.text.isupper()) and \
                        not _predicate(p.text, span):
                    body = self.catalogue.add(span, p.line)
                    if body is not None and c is not None:
                        first_seen.setdefault(body.org_id, (c, p.line))
        self.catalogue.finish()
        title = [m for m in self.catalogue.mentions(self.meta.title) if m.resolution.org_id
                 and not _where_a_plan_is_done(self.meta.title, m.start)]
        self.doc_subject = str(title[0].resolution.org_id) if title else None
        if self.doc_subject is None and not _about_a_plan(self.meta.title):
            # the first body the text gives a short name to (a plan's text has none: its tasks
            # are the plan's)
            named = [b for b in self.catalogue.aliases.values() if not b.generic]
            self.doc_subject = named[0].org_id if named else None
        self.catalogue.subject = self.doc_subject
        # A regulation about schools with low results: the schools it calls supported
        # («подшефные», «курируемые», «закреплённые») are those schools.
        opening = " ".join([self.meta.title] + [c.text for c in self.parsed.clauses[:3]])
        self.low_results_document = DutyCategory.low_results_support in duty_categories(opening)
        # … and what it regulates, where that is no body («о кураторах … школ, функционирующих
        # в неблагоприятных условиях»): a duty naming it (кураторство, школы-кураторы) is theirs
        # (a programme or plan for the schools it names: «о муниципальной программе «Школа
        # роста» по поддержке общеобразовательных организаций, показывающих низкие результаты»)
        self.low_results_subject = _activity_of(self.meta.title) \
            if self.low_results_document and (not title or _about_a_plan(self.meta.title)) \
            else None
        # «Прикреплённые школы (далее – ПШ) – организации, показавшие низкие результаты …»:
        # the names of a class of schools the text defines as those with low results
        self.low_classes = low_results_classes(
            [p.text for c in self.parsed.clauses for p in c.paragraphs])
        numbers = {c.number for c in self.parsed.clauses}
        for clause in self.parsed.clauses:
            self.clause_node(clause, numbers)
        self.parties = self._parties(paragraphs)
        self.items_of: dict[str, tuple[str, str]] = {}
        # who takes part in what, by the lemmas of what («Участниками Программы являются: …»)
        self.participants: dict[tuple[str, ...], list[str]] = {}
        self.joint_items: dict[str, list[str]] = {}  # sub-clauses that are several bodies' each
        self.function_heads: dict[str, str | None] = {}  # «4.2. Функции кабинета.» → its body
        self.inline_owner: str | None = None  # the owner of the last one-line list read
        self.headings: dict[str, str] = {}  # the head of the list a clause's sub-clauses are
        self.section_owner: str | None = None
        self.capitals_owner: str | None = None
        for p in self.parsed.preamble:
            if p.line in self.capitals:
                self.capitals_owner = self.owner_in(self.catalogue.mentions(p.text)) \
                    if self.capitals[p.line] else None
        for clause in self.parsed.clauses:
            self.text_facts(clause)
        if self.parsed.clauses:  # the issuer named only before the first clause
            for org in self._issuers() - set(first_seen):
                first_seen[org] = (self.parsed.clauses[0], self.parsed.clauses[0].line)
        for b in self.catalogue.bodies:  # named only inside another's name: still a body here
            if b.org_id not in self.batch.nodes and b.org_id in first_seen:
                clause, line = first_seen[b.org_id]
                self.body(Resolution(b.name, b.org_id, "named inside another body's name",
                                     b.node), clause, line)
        for p in self.parsed.preamble:
            if _SENTENCE_WORDS.search(p.text) and len(p.text) > 60:
                self.report.skip(self.reg, self.where, p.line, f"paragraph «{p.text[:70]}» before "
                                 "the first clause", "read as the title page, not as clauses")
        self.drop_passing_classes()
        self.drop_cited_issuers()
        self.units_of_institutes()
        self.report.counts[self.reg] = self.counts()
        return self.result

    def units_of_institutes(self) -> None:
        """A department, chair or laboratory the text makes a structural unit of an institute
        of education is a methodological centre at the institute's level, whatever its name's
        words said («Отдел методического сопровождения муниципальных систем образования …
        является структурным подразделением … Института»: not a municipal service)."""
        nodes = self.batch.nodes
        for e in list(self.batch.edges.values()):
            if e.type != "PART_OF" or e.source not in nodes or e.target not in nodes:
                continue
            unit, whole = nodes[e.source].props, nodes[e.target].props
            if whole.get("kind") != OrganizationKind.development_institute.value or unit.get(
                    "kind") not in (OrganizationKind.methodological_service.value,
                                    OrganizationKind.pd_center.value,
                                    OrganizationKind.community.value):
                continue
            if lemmas(str(unit.get("name", "")))[:1] not in (("отдел",), ("кафедра",),
                                                             ("лаборатория",), ("сектор",)):
                continue
            unit["kind"] = OrganizationKind.methodological_center.value
            unit.pop("community_kind", None)
            unit["level"] = whole.get("level", unit.get("level"))
            self.report.resolutions.append(
                f"{self.where} {e.source}: a unit of the institute {e.target}, so a "
                f"methodological centre at its level")

    def owner_acronym(self, abbr: str, span: NameSpan | None, found: list[NameSpan],
                      line: int) -> None:
        """«научно-методический совет … учреждения «… институт …» (далее – НМС КРИПКиПРО)»: a
        body's abbreviation of two acronyms, its own and its owner's — the second one alone
        («КРИПКиПРО готовит …») is the body its name says it belongs to."""
        words = abbr.split()
        if span is None or len(words) != 2 or not all(is_acronym(w) for w in words) or \
                words[1] in self.catalogue.aliases:
            return
        inner = [s for s in found if span.start < s.start and s.end <= span.end
                 and s.end == span.end]
        if not inner:
            return
        owner = self.catalogue.add(max(inner, key=lambda s: s.end - s.start), line)
        outer = self.catalogue.aliases.get(abbr)
        if owner is not None and owner is not outer:
            self.catalogue.alias(words[1], owner, line, span.text)

    def _defined_schools(self, defined: Abbreviation) -> None:
        """Schools a definition names («Под подшефными школами понимаются …»): a class of
        schools called so, unless a name the text gave before already stands for it."""
        from graph.loaders.regulations.discover import _key, _schools_word
        from graph.loaders.regulations.names import find_names

        if defined.rule == "named together":  # «… совместно именуются ШНОР»: the first name
            named = find_names(defined.full)
            if named and defined.abbr not in self.catalogue.aliases:
                body = self.catalogue.add(named[0], defined.line, named=True)
                if body is not None:
                    self.catalogue.alias(defined.abbr, body, defined.line, defined.full,
                                         defined=True)
            return
        if not _schools_word(defined.abbr) or not {"школа", "организация"} & set(
                _key(defined.abbr)):
            return
        span = NameSpan(0, len(defined.abbr), defined.abbr, "школа", None, None, True,
                        defined.abbr, "")
        if self.catalogue.find(span)[0] is not None or any(
                _key(a) == _key(defined.abbr) for a in self.catalogue.aliases):
            return
        body = self.catalogue.add(span, defined.line, named=True)
        if body is not None:
            self.catalogue.alias(defined.abbr, body, defined.line, defined.full, defined=True)

    def _parties(self, paragraphs: list[tuple[RawClause | None, Paragraph]]) -> list[str]:
        """An agreement's parties: the bodies named before «(вместе) именуемые «Стороны»»,
        each of them whenever the text says «Стороны» (a body taking part «при участии …»
        after those words is not one)."""
        for _, p in paragraphs:
            said = _CALLED_PARTIES.search(normalize_quotes(p.text))
            if said is None:
                continue
            before = normalize_quotes(p.text)[:said.start()]
            out: list[str] = []
            for m in self.catalogue.mentions(before):
                org = m.resolution.org_id
                if org and org not in out and not any(
                        b.org_id == org and b.generic for b in self.catalogue.bodies):
                    out.append(str(org))
            if len(out) >= 2:
                return out
        if not any(_PARTIES.match(p.text) for _, p in paragraphs):
            return []
        # «Стороны обязуются:» never defined: the participants the text lists («Участниками Сети
        # являются школы-наставники и школы с НОР, между которыми заключаются соглашения»)
        for _, p in paragraphs:
            listed = _PARTICIPANTS.search(normalize_quotes(p.text))
            if listed is None:
                continue
            named = [str(m.resolution.org_id) for m in self.catalogue.mentions(listed["who"])
                     if m.resolution.org_id]
            if len(dict.fromkeys(named)) == 2:
                return list(dict.fromkeys(named))
        return []

    def drop_passing_classes(self) -> None:
        """Schools as a class named only in passing («помощь образовательным организациям»):
        no duty and no relation of their own, so not a body of this regulation (the report says
        so). Other classes («школьные методические объединения») are kept: a regulation names
        them as its subjects even in passing."""
        used = self._bodies_in_use() | self._groups_whose_work_is_done()
        gone = {nid for nid, rec in self.batch.nodes.items() if rec.label == "Organization"
                and rec.props.get("generic_name") and nid not in used and (
                    rec.props.get("kind") == "school"
                    or rec.props.get("community_kind") == "creative_group")}
        self._drop_bodies(gone, "is named only in passing (no duty or relation of its own)")
        # a municipality's administration named as a founder or where an act comes from is
        # kept only when it does something here («назначается распоряжением администрации …»)
        issuers = self._issuers()
        idle = {b.org_id for b in self.catalogue.bodies if b.head == "администрация"
                and b.org_id in self.batch.nodes and b.org_id not in used | issuers}
        self._drop_bodies(idle, "is named only in passing (no duty or relation of its own)")

    def _groups_whose_work_is_done(self) -> set[str]:
        """The groups whose work a duty organises or coordinates («организация работы
        творческих групп учителей»): bodies of the regulation, not named in passing."""
        out: set[str] = set()
        for rec in self.batch.nodes.values():
            if rec.label != "Duty":
                continue
            text = str(rec.props.get("text", ""))
            found = self.catalogue.mentions(text)
            for m in found:
                before = lemmas(text[:m.start])[-1:]
                if any(x.start > m.start and not text[m.end:x.start].strip() for x in found) \
                        or m.surface.split()[-1][:1].isupper():
                    continue  # «работу рабочих групп Совета»: a body's own groups
                rec_m = self.batch.nodes.get(str(m.resolution.org_id))
                # (not «работу тьюторских групп по направлениям …»: groups by their topics,
                # the groups themselves are named where the text says what they are)
                if rec_m is not None and rec_m.props.get("community_kind") == "creative_group" \
                        and before in (("работа",), ("деятельность",)) and \
                        "по" not in lemmas(m.surface):
                    out.add(str(m.resolution.org_id))
        return out

    def _issuers(self) -> set[str]:
        """The bodies that issue the text: «администрация … п о с т а н о в л я е т:»."""
        out: set[str] = set()
        for p in self.parsed.preamble + [q for c in self.parsed.clauses for q in c.paragraphs]:
            issues = _ISSUES.search(p.text)
            if issues is not None:
                out |= {str(m.resolution.org_id) for m in self.catalogue.mentions(
                    p.text[:issues.start()]) if m.resolution.org_id}
        return out

    def drop_cited_issuers(self) -> None:
        """Bodies named only as the issuers of acts the text cites («в соответствии с
        распоряжением Министерства просвещения …», «руководствуется приказами Министерства … и
        Управления …»): no duty, relation or other mention of their own, so not bodies of this
        regulation (the report says so)."""
        used = self._bodies_in_use()
        cited: dict[str, bool] = {}
        texts = [p.text for c in self.parsed.clauses for p in c.paragraphs]
        for text in texts:
            written = normalize_quotes(text)
            last_cited_end: int | None = None
            for m in self.catalogue.mentions(text):
                org = m.resolution.org_id
                if org is None:
                    continue
                before = _DALEE_ANY.sub(" ", written[:m.start])
                here = bool(_CITING.search(before)) or (
                    last_cited_end is not None
                    and not _DALEE_ANY.sub(" ", written[last_cited_end:m.start]).strip(" ,и"))
                cited[str(org)] = cited.get(str(org), True) and here
                last_cited_end = m.end if here else None
        gone = {nid for nid, rec in self.batch.nodes.items() if rec.label == "Organization"
                and cited.get(nid) and nid not in used}
        # a body named only inside a cited issuer's name goes with it
        inside = " | ".join(lemma_key(str(self.batch.nodes[nid].props["name"])) for nid in gone)
        gone |= {nid for nid, rec in self.batch.nodes.items() if rec.label == "Organization"
                 and nid not in cited and nid not in used and inside
                 and f" {lemma_key(str(rec.props['name']))} " in f" {inside} "}
        self._drop_bodies(gone, "is named only as the issuer of an act the text cites")

    def _bodies_in_use(self) -> set[str]:
        """The bodies with a duty, or at either end of a relation between bodies."""
        used = {e.source for e in self.batch.edges.values() if e.type == "HAS_DUTY"}
        return used | {x for e in self.batch.edges.values() if e.type in _BODY_RELATIONS
                       for x in (e.source, e.target)}

    def _drop_bodies(self, gone: set[str], why: str) -> None:
        """Remove the bodies ``gone`` with their edges and resolutions; the report says
        ``why`` for each."""
        for nid in sorted(gone):
            self.report.resolutions.append(
                f"{self.where}: «{self.batch.nodes[nid].props['name']}» {why}: not kept as a "
                "body")
            del self.batch.nodes[nid]
        for eid in [eid for eid, e in self.batch.edges.items()
                    if e.source in gone or e.target in gone]:
            del self.batch.edges[eid]
        self.result.resolutions = {n: r for n, r in self.result.resolutions.items()
                                   if r.org_id not in gone}

    def territory_nodes(self, territory: str) -> None:
        from graph.loaders.regulations.discover import territory_nodes

        for node in territory_nodes(territory, self.gazetteer, None):
            self.batch.add(node, self.origin(None))
            if isinstance(node, Municipality):
                self.batch.add(LocatedIn(source=node.id, target=node.region_id),
                               self.origin(None))
        self.report.resolutions.append(
            f"{self.where}: territory {territory} is not in the gazetteer: added with its id "
            "as its name (name it in bodies.json)")

    def owner_in(self, mentions: list[Mention]) -> str | None:
        for m in mentions:
            if m.resolution.org_id:
                return str(m.resolution.org_id)
        return None

    def participants_facts(self, clause: RawClause, text: str) -> bool:
        """«Участниками Программы являются: 1) Отдел …; 2) ЦРО …» names who takes part; a
        later «Участники Программы действуют во взаимодействии с ЦНППМ» is what each of them
        does (a duty of each). Whether ``text`` (a clause's first paragraph) was that duty."""
        from graph.loaders.regulations.discover import (
            _DALEE,
            _NOT_DUTY_VERBS,
            _WORKING,
            _works_with,
        )
        from graph.loaders.regulations.morph import _morph

        known = self.participants
        head = _PARTICIPANTS_HEAD.match(text)
        if head is not None:
            named = [self.catalogue.mentions(p.text) for p in clause.paragraphs[1:] if p.bullet]
            found = [str(ms[0].resolution.org_id) for ms in named
                     if ms and ms[0].start <= 1 and ms[0].resolution.org_id]
            if len(found) >= 2:
                known[lemmas(head["of"])] = list(dict.fromkeys(found))
            return False
        said = re.match(r"\s*Участники\s+(.+)$", text)
        if said is None or not known:
            return False
        words = tokens(said[1])
        for of, bodies in known.items():
            if len(words) <= len(of) or tuple(t.lemma for t in words[:len(of)]) != of:
                continue
            verb = words[len(of)]
            tag = str(_morph().parse(verb.text)[0].tag)
            rest = said[1][verb.start:]
            if "VERB" not in tag or "3per" not in tag or "plur" not in tag or ((
                    verb.lemma in _NOT_DUTY_VERBS or verb.text.endswith(("ся", "сь"))) and \
                    not (verb.lemma in _WORKING and _works_with(rest[len(verb.text):]))):
                return False
            what = re.sub(r"\s+", " ", _DALEE.sub(" ", rest)).strip().rstrip(".;").strip()
            for body in bodies:
                self.duty(body, what, clause, clause.line)
            return True
        return False

    def text_facts(self, clause: RawClause) -> None:
        from graph.loaders.regulations.discover import (
            _DALEE,
            _governed,
            _subject_last,
            after_label,
            continued_by_list,
            continued_list_owner,
            described_duties,
            described_partners,
            duty_list_head,
            object_first_duty,
            relative_object_duties,
            second_predicate,
            sentence_duty,
            verb_first_duty,
        )
        from graph.loaders.regulations.structure import PLAIN_RELATIONS, RELATION_PATTERNS

        paras = clause.paragraphs
        consumed = self.terms_and_citations(clause)
        item_of = self.items_of.get(parent_number(clause.number) or "")
        self.heading = self.headings.get(parent_number(clause.number) or "", "") \
            if item_of is not None else ""

        list_kind: str | None = None
        owner: str | None = None
        owners: list[str] = []
        last_item = ""
        list_head = self.heading
        if clause.depth == 1:  # a plan's measure numbered «2.» is not under «1.»'s heading
            self.section_heading = ""
        consumed |= self.plan_measures(clause)
        for i, p in enumerate(paras):
            text = p.text
            if i + 1 < len(paras) and paras[i + 1].bullet and _open_verb_end(text):
                text = text.rstrip() + ":"  # "Структура: ММС объединяет" over "* РМЦ;" items
            mentions = self.catalogue.mentions(text)
            # "II. ФУНКЦИИ КЛУБА": a heading in capitals is read as written in lower case
            lowered = text.capitalize() if i == 0 and text.isupper() else text
            if lowered != text and not any(m.resolution.org_id for m in mentions):
                mentions = self.catalogue.mentions(lowered)
            for mention in mentions:
                self.body(mention.resolution, clause, p.line)
            if p.line in getattr(self, "capitals", {}):
                # a body's name in capitals heads the functions below it («ВЗАИМОДЕЙСТВИЕ
                # УЧАСТНИКОВ», no body's, ends them)
                self.capitals_owner = self.owner_in(mentions) if self.capitals[p.line] else None
                consumed.add(i)
                continue
            if i == 0 and self.participants_facts(clause, text):
                consumed.add(0)
                continue
            row = _function_then_doers(text, mentions) if i > 0 and (
                not p.bullet or _COLUMNS_HEAD.search(paras[0].text)) else None
            if row is not None:
                # "Функция — ответственный" over "Анализ результатов диагностики — ОДПК": a
                # matrix of functions written out under its clause, each row its doers'
                for one in row[1]:
                    self.duty(one, row[0], clause, p.line)
                consumed.add(i)
                continue
            subject = self.owner_in([m for m in mentions if m.start <= 1])
            if i == 0 and clause.depth == 1 and getattr(self, "capitals_owner", None) and \
                    not any(m.start <= 1 and m.resolution.org_id for m in mentions) and \
                    _says_what_is_done(text):
                # "5. Организует диагностику …" under «… «ЦЕНТР МЕТОДИЧЕСКОГО СОПРОВОЖДЕНИЯ»
                # … (ЦМС)»: that body's
                subject = str(self.capitals_owner)
                self.duty(subject, text, clause, p.line)
                consumed.add(0)
            if i == 0 and clause.depth == 1:
                self.section_owner = None
                self.section_of_duties = False
                # "3. Сопровождение школ с низкими результатами": a section's heading (short,
                # no verb) whose duties are about what it names
                self.section_heading = text if len(text) < 120 and not _has_verb(text) and \
                    not text.rstrip().endswith(".") and " | " not in text else ""
                if set(lemmas(lowered)) & {"функция", "задача", "направление", "полномочие",
                                        "обязанность", "деятельность"}:
                    self.section_owner = self.owner_in(mentions)
                    self.section_of_duties = set(lemmas(lowered)) & {
                        "функция", "задача", "полномочие", "обязанность"} != set()
                # "3. Основные направления деятельности": its sub-clauses may be headed by
                # the kind of work they are ("3.1. Аналитическая деятельность:")
                self.section_of_directions = set(lemmas(lowered)) & {
                    "функция", "задача", "направление", "полномочие", "обязанность"} != set()
            if i == 0 and clause.depth >= 2 and len(text) < 120 and not _has_verb(text) and \
                    set(lemmas(lowered)) & {"функция", "задача", "полномочие", "обязанность"}:
                # "4.2. Функции методического кабинета." over "4.2.1. Организует …": whose
                # functions the sub-clauses are
                self.function_heads[clause.number] = self.owner_in(mentions)
            heads_owner = self.function_heads.get(clause.number.rpartition(".")[0]) \
                if clause.depth >= 3 else None
            if i == 0 and (heads_owner is not None or (
                    clause.depth == 2 and getattr(self, "section_of_duties", False))) and \
                    item_of is None and not any(m.start <= 1 for m in mentions) and \
                    not text.rstrip().endswith(":") and _says_what_is_done(text):
                # "2. Функции Центра / 2.1. Организует повышение квалификации …": the section's
                # body does it
                owner_here = heads_owner or self.section_owner or self.doc_subject
                # "3.6. Осуществляет контроль за … Управление образования.": unless the
                # clause names its doer last
                last = _subject_last(text, mentions)
                # "3.5. Мониторинг объективности … проводит ГМЦ.": or what is done first, its
                # doer after the verb
                done = object_first_duty(text, mentions) if last is None else None
                if last is not None:
                    self.duty(last[0], last[1], clause, p.line)
                    consumed.add(0)
                elif done is not None:
                    for org in done[0]:
                        self.duty(org, done[1], clause, p.line)
                    consumed.add(0)
                elif owner_here is not None:
                    # "2.2. Координирует работу РМО и утверждает их планы РМК." under «Функции
                    # РМК»: the section's body named last is the doer, not what is done
                    at_end = [m for m in mentions if m.resolution.org_id == owner_here
                              and not text[m.end:].strip(" .;")]
                    if at_end and is_acronym(at_end[0].surface) and \
                            _has_verb(text[:at_end[0].start]):
                        text = text[:at_end[0].start].rstrip(" ,")
                    self.duty(owner_here, text, clause, p.line)
                    consumed.add(0)
            if i == 0 and clause.depth == 2 and item_of is None and \
                    getattr(self, "section_of_directions", False) and \
                    (self.section_owner or self.doc_subject) is not None and \
                    not _A_PERSON_HEAD.match(text) and _direction_label(text, mentions) is not None:
                # "3.1. Аналитическая деятельность:" over "- мониторинг …" items, or
                # "3.4. Консультационная деятельность: консультирование …": the body's duties
                owner_here = str(self.section_owner or self.doc_subject)
                labelled = _direction_label(text, mentions)
                if labelled:
                    self.duty(owner_here, labelled, clause, p.line)
                    consumed.add(0)
                    continue
                if len(paras) > 1 and paras[1].bullet:
                    list_kind, owner, owners = "duty", owner_here, []
                    self.heading = list_head = text
                    last_item = text
                    consumed.add(0)
                    continue
            if i == 0 and len(paras) > 1 and paras[1].bullet and \
                    not text.rstrip().endswith((":", ".", ";")) and not _has_verb(lowered) and \
                    set(lemmas(lowered)) & {"функция", "задача", "направление", "полномочие",
                                         "обязанность"} and \
                    (self.owner_in(mentions) or self.doc_subject) is not None:
                # "НАШИ ЗАДАЧИ" (or "Функции Центра") over "✔ …" items: its body's duties, else
                # the document's subject's
                list_kind = "duty"
                owner = self.owner_in(mentions) or self.doc_subject
                owners, last_item, self.heading = [], text, text
                list_head = text
                consumed.add(0)
                continue
            asked = _WHAT_DOES.match(text)
            if i == 0 and len(paras) > 1 and paras[1].bullet and asked is not None and any(
                    m.resolution.org_id and m.start >= asked.end() for m in mentions):
                # "Что делает Комитет" (a slide's or a page's heading) over "▪ Утверждает …"
                # items: what that body does
                named = [m for m in mentions if m.resolution.org_id and m.start >= asked.end()]
                list_kind, owner = "duty", str(named[0].resolution.org_id)
                owners = [str(m.resolution.org_id) for m in named] if len(named) > 1 else []
                owners = list(dict.fromkeys(owners))
                consumed.add(0)
                last_item = text
                self.heading = list_head = text
                continue
            if i == 0 and len(paras) > 1 and paras[1].bullet and _only_bodies(text, mentions) \
                    and not text.rstrip().endswith(":"):
                # "10. Министерство" over "• определяет …" items: what that body does
                list_kind, owner = "duty", str(mentions[0].resolution.org_id)
                owners = _subjects(text, mentions)
                consumed.add(0)
                last_item = text
                continue
            if i == 0 and item_of is not None and i not in consumed and item_of[0] == "duty" \
                    and text.rstrip().endswith(":") and len(paras) > 1 and paras[1].bullet \
                    and _only_bodies(text.rstrip()[:-1], mentions):
                # "4.1. Функции: / 4.1.1. ЦНППМ: / • организует …": a sub-clause that is a
                # body's name heads that body's items, not an item of the list above
                list_kind = "duty"
                owner = next(str(m.resolution.org_id) for m in mentions if m.resolution.org_id)
                owners = _subjects(text, mentions)
                consumed.add(0)
                last_item = text
                continue
            if i == 0 and item_of is not None and i not in consumed and item_of[0] == "duty" \
                    and _sub_heading(text):
                # "2.1.1. В сфере диагностики:" under "Служба выполняет функции:" — a heading
                # of the owner's items, not a duty
                list_kind, owner, owners = "duty", item_of[1], []
                self.items_of[clause.number] = item_of
                consumed.add(0)
                subject = owner
                # its items are about what it names too («В области сопровождения ОО,
                # показывающих низкие результаты:»), besides the list's own head
                self.heading = f"{self.heading} {text}".strip()
            elif i == 0 and item_of is not None and i not in consumed:
                kind, of = item_of
                said_so = sentence_duty(text, mentions) if kind == "duty" and any(
                    m.start <= 1 and m.resolution.org_id for m in mentions) else None
                done = object_first_duty(text, mentions) if kind == "duty" and \
                    said_so is None and not text.rstrip().endswith(":") else None
                if said_so is not None or done is not None:
                    # "3.1. Научно-методические функции: / 3.1.1. Центр разрабатывает …",
                    # "3.3.4. Сопровождение … осуществляется Центром": the item names its doer
                    by, what = (_subjects(text, mentions) or [said_so[0]], said_so[1]) \
                        if said_so is not None else done  # type: ignore[misc]
                    for one in by:
                        self.duty(one, what, clause, p.line)
                    consumed.add(0)
                    subject = by[0]
                elif kind == "duty":
                    # "2.2.1. экспертное: рассматривает …" under "по следующим направлениям:"
                    labelled = _direction_label(text, [])
                    for one in self.joint_items.get(parent_number(clause.number) or "", [of]):
                        self.duty(one, labelled or text.rstrip(":"), clause, p.line)
                    if text.rstrip().endswith(":") and duty_list_head(text, mentions) is None:
                        self.items_of[clause.number] = item_of
                    consumed.add(0)
                    subject = of
                else:
                    for m in mentions:
                        self.relation("PART_OF", str(m.resolution.org_id), of, clause, p.line)
                        consumed.add(0)
            elif i in consumed:
                pass
            elif list_kind == "duty" and owner is not None and i > 0 and _sub_heading(text):
                consumed.add(i)  # "1) аналитическая деятельность:" — items of the same list
                last_item = text
                # (each group's items are about what its heading names, and what the list's
                # head names)
                self.heading = f"{list_head} {text}".strip()
            elif text.rstrip().endswith(":"):
                if is_indicator_list_head(text):
                    consumed |= self.indicators(clause, i)
                    list_kind, self.heading = None, ""
                    continue
                said_before = _sentences(_WHOLE_SENTENCE, text)
                named_alone: str | None = None
                if len(said_before) > 1:
                    # "РМО действуют под руководством РМС. РМО:": the last sentence heads the
                    # list, those before it say what they say
                    text = said_before.pop()
                    mentions = self.catalogue.mentions(text)
                    alone = self.catalogue.mentions(said_before[-1])
                    if len(alone) == 1 and alone[0].resolution.org_id and not _DALEE.sub(
                            "", said_before[-1].replace(alone[0].surface, "")).strip(" .:"):
                        # "4.3. ЦНППМ. Функции:": the body named alone, then its list
                        named_alone = str(alone[0].resolution.org_id)
                    for sentence in said_before:
                        said = self.catalogue.mentions(sentence)
                        lead_ids = _subjects(sentence, said)
                        found = sentence_duty(sentence, said)
                        if found is not None:
                            # "Совет координирует работу ПЦК. Функциями Совета являются:": what
                            # the sentence before the list's head says the body does
                            for org in lead_ids or [found[0]]:
                                self.duty(org, found[1], clause, p.line)
                        for rel in relations_in(sentence, said,
                                                lead_ids[0] if lead_ids else subject,
                                                RELATION_PATTERNS + PLAIN_RELATIONS):
                            self.relation(rel.type, rel.source, rel.target, clause, p.line)
                list_kind = duty_list_head(text, mentions) or "other"
                owner = continued_list_owner(text, mentions) or _list_owner(text, mentions) \
                    or named_alone
                opener = self.doer_opening(text, mentions, paras[i + 1:]) \
                    if list_kind == "other" else None
                if opener is not None:
                    # "Школы-партнёры взаимодействуют со школами … по договорам:" over "–
                    # проводят …": the body the head opens with does what it says and the items
                    list_kind, owner = "duty", opener
                    self.duty(opener, _DALEE.sub(" ", text[next(
                        m.end for m in mentions if m.resolution.org_id):]).strip(" :"),
                        clause, p.line)
                if list_kind == "other" and (doer := self.doer_closing(text, mentions, paras[
                        i + 1:])) is not None:
                    # "В рамках диагностики ИМЦ:" over "а) формирует …": the body that does
                    # the items closes the head, though it could be read as whose the work is
                    list_kind, owner = "duty", doer
                if list_kind == "duty" and owner is not None and continued_by_list(text):
                    # "ШМО работают под руководством МС и:": the sentence the items finish says
                    # how its body relates to others, too
                    for rel in relations_in(text, mentions, _list_owner(text, mentions),
                                            RELATION_PATTERNS + PLAIN_RELATIONS):
                        self.relation(rel.type, rel.source, rel.target, clause, p.line)
                if list_kind == "other" and i == 0 and clause.depth == 2 and (
                        getattr(self, "section_of_duties", False)
                        or getattr(self, "section_of_directions", False)) and \
                        _sub_heading(text) and not any(m.resolution.org_id and not _governed(
                            text[:m.start]) for m in mentions):
                    # "3. Функции Центра / 3.2. В области сопровождения:" over "3.2.1. Организует
                    # …": a group of the section's body's duties, though it names no duty word
                    # (nor a doer: «По отношению к школам сопровождения:» names whom it serves)
                    list_kind = "duty"
                if _PARTNERS_HEAD.search(text) and owner is not None:
                    # "Центр взаимодействует со следующими организациями:" over one item per
                    # partner: each item is its duty, each partner an INTERACTS_WITH
                    list_kind = "partners"
                # "ИУУ и муниципальные методические центры совместно:" — the items are each's
                together = _subjects(text, mentions) or _subjects_before_verb(text, mentions)
                owners = together if owner in together and len(together) > 1 else []
                joint = [o for o in _together_with(text, mentions) if o != owner]
                if owner is not None and joint and not owners:
                    owners = [owner, *joint]  # "ЦНППМ совместно с ММС:": the items are both's
                parties = self.parties if _PARTIES.match(text) else []
                if parties and not any(m.resolution.org_id for m in mentions):
                    # "Стороны совместно:", "Стороны обязуются:": each party's
                    list_kind, owner, owners = "duty", parties[0], parties
                if list_kind == "duty" and owner is None and i > 0:
                    # "1.1. ИИРО.\nФункции:" — the body the clause opens with
                    owner = self.owner_in(self.catalogue.mentions(paras[0].text))
                if list_kind == "duty" and owner is None and (
                        _A_PERSON_HEAD.match(text) or _PEOPLES_TASKS.match(text)):
                    # "Муниципальный тьютор:" over what a tutor does: a person's, no body's
                    list_kind = "other"
                if list_kind == "duty" and not owner and _a_whole_not_a_body(text, mentions):
                    list_kind = "other"  # "Задачи региональной системы:": no body's
                section = getattr(self, "section_heading", "")
                if list_kind == "duty" and not owner and lemmas(text) in (
                        ("задача",), ("цель",)) and set(lemmas(section)) & (
                            _WHOLES | _WORK_KINDS) and not any(
                            m.resolution.org_id for m in self.catalogue.mentions(section)):
                    list_kind = "other"  # "2. Цели и задачи региональной модели / 2.2. Задачи:"
                    # (or of a kind of work: «Раздел 2. Цель и задачи наставничества»)
                if list_kind == "duty":
                    owner = owner or self.section_owner or self.doc_subject
                if owner is None and list_kind != "other":
                    self.report.skip(self.reg, self.where, p.line, f"list «{text[:70]}»",
                                     "no body named to own it")
                    list_kind = "other"
                self.heading = list_head = text if list_kind == "duty" else ""
                if list_kind != "other":
                    consumed.add(i)
                    if i == len(paras) - 1 and owner is not None:
                        self.items_of[clause.number] = (list_kind, owner)
                        if list_kind == "duty" and len(owners) > 1:
                            self.joint_items[clause.number] = owners
                        self.headings[clause.number] = self.heading
                last_item = text
                continue
            elif " | " in text and self.table_row(clause, p, mentions):
                consumed.add(i)  # a table's row under the list's head
            elif list_kind == "duty" and i > 0 and not p.bullet and _table_heading(text,
                                                                                   mentions):
                consumed.add(i)  # "Участник", "Функции": a table's column headings
            elif list_kind == "duty" and i > 0 and not p.bullet and _DASH_DESC.match(text) and \
                    self.dash_row(clause, p, mentions):
                consumed.add(i)  # "Совет — утверждает …; проводит …": a table's row written out
            elif list_kind == "duty" and i > 0 and not p.bullet and _someone_elses_row(text,
                                                                                     mentions):
                # "Режиссёр — ведёт репетиции": a person's row of such a table, not the body's
                self.report.skip(self.reg, self.where, p.line, f"row «{text[:60]}»",
                                 "a person's functions, not a body's")
                consumed.add(i)
            elif list_kind == "duty" and i > 0 and not p.bullet and _only_bodies(text, mentions):
                # a table copied cell by cell: the body's cell, then its functions' cells
                owner = str(mentions[0].resolution.org_id)
                owners = _subjects(text, mentions)
                consumed.add(i)
                last_item = ""
            elif list_kind is not None and i > 0 and (
                    p.bullet or text[:1].islower() or last_item.rstrip().endswith((";", ":"))
                    or (list_kind == "duty" and not any(m.start <= 1 for m in mentions)
                        and _says_what_is_done(text))):
                # (items without markers, each a sentence: "Организует … . / Проводит … .")
                last_item = text
                # (also under a head that names no owner: "Для обеспечения взаимодействия
                # участников системы: - Институт обобщает …; - ЦНППМ ведёт …")
                said_so = sentence_duty(text, mentions) if list_kind in ("duty", "other") and (
                    any(m.start <= 1 and m.resolution.org_id for m in mentions)
                    or after_label(text, mentions) is not None) else None
                if said_so is not None:
                    # "Отдел ежегодно формирует перечень …" under «Направления деятельности:»:
                    # the item names its doer itself
                    for one in _subjects(text, mentions) or [said_so[0]]:
                        self.duty(one, said_so[1], clause, p.line)
                    consumed.add(i)
                elif list_kind == "duty" and owner is not None:
                    for one in owners or [owner]:
                        self.duty(one, text, clause, p.line)
                    consumed.add(i)
                    subject = owner
                elif list_kind == "partners" and owner is not None:
                    self.duty(owner, text, clause, p.line)
                    partner = next((m for m in mentions if m.resolution.org_id
                                    and m.resolution.org_id != owner), None)
                    if partner is not None:
                        self.relation("INTERACTS_WITH", owner, str(partner.resolution.org_id),
                                      clause, p.line)
                    consumed.add(i)
                elif list_kind == "structure" and owner is not None:
                    for m in mentions:
                        if m.resolution.org_id != owner:
                            self.relation("PART_OF", str(m.resolution.org_id), owner, clause,
                                          p.line)
                            consumed.add(i)
                    subject = owner
            elif i == 0 and item_of is None and (row := _function_then_doers(text, mentions)):
                # a matrix of functions: "3. Выявление дефицитов учителей — БМЦ, СИПРП."
                for one in row[1]:
                    self.duty(one, row[0], clause, p.line)
                consumed.add(i)
            elif self.inline_list(clause, p, text) or self.table_row(clause, p, mentions) or \
                    self.dash_row(clause, p, mentions):
                consumed.add(i)
                list_kind, self.heading = None, ""
                # "Функции: …; координирует деятельность ГМО": the list's owner coordinates
                subject = subject or self.inline_owner
                self.inline_owner = None
            else:
                list_kind = None
                # "ведёт следующую документацию: положение; план работы; …": the things it
                # keeps, item by item, are no duties of their own
                text = _KEPT_ITEMS.sub(r"\1", text)
                whole = _sentences(_WHOLE_SENTENCE, text)
                doers: list[str] = []  # who the sentence before did something
                for sentence in _sentences(_SENTENCE, text):
                    # "Каждая ОО с НОР закрепляется …; закрепление осуществляется Управлением":
                    # what the whole sentence is about
                    self.heading = next((w for w in whole if sentence in w), "")
                    said = self.catalogue.mentions(sentence)
                    found = sentence_duty(sentence, said)
                    if found is not None:
                        # (after a circumstance, "Для решения задач Центр …": the one found)
                        doers = _subjects(sentence, said)
                        # (the doer found after a colon is not the sentence's first subject)
                        doers = doers if found[0] in doers else [found[0]]
                        if _JOINTLY_FIRST.match(sentence):
                            # "Совместно с ЦОКО ЦНППМ проводит …": a duty of both (the corpus
                            # README: a joint duty is counted for each)
                            at = next((m.start for m in said
                                       if m.resolution.org_id == found[0]), 0)
                            doers += [str(m.resolution.org_id) for m in said
                                      if m.resolution.org_id and m.start < at
                                      and str(m.resolution.org_id) not in doers]
                        for org in doers:
                            self.duty(org, found[1], clause, p.line)
                        consumed.add(i)
                        continue
                    if doers and _says_what_is_done(sentence) and sentence[:1].islower():
                        # "МСГ проводят семинары; ведут страницы на площадке": the same doers
                        for org in doers:
                            self.duty(org, sentence, clause, p.line)
                        continue
                    doers = []
                    first = verb_first_duty(sentence, said)
                    if first is not None:  # "Курирует деятельность ШМП Отдел образования"
                        self.duty(first[0], first[1], clause, p.line)
                        consumed.add(i)
                        continue
                    done = object_first_duty(sentence, said)
                    if done is not None:  # "Мониторинг … осуществляется ХакИПК"
                        for org in done[0]:
                            self.duty(org, done[1], clause, p.line)
                        consumed.add(i)
                        # "Отчёт … готовит Институт и направляет его в Министерство": what
                        # the doer does next
                        end = max((m.end for m in said if m.resolution.org_id in done[0]),
                                  default=len(sentence))
                        more = second_predicate(sentence, end)
                        if more is not None:
                            for org in done[0]:
                                self.duty(org, more, clause, p.line)
                for sentence in _sentences(_WHOLE_SENTENCE, text):
                    # "…, который координирует …": the duties of the body named before it
                    for org, what in described_duties(sentence,
                                                      self.catalogue.mentions(sentence)):
                        self.duty(org, what, clause, p.line)
                        consumed.add(i)
                    for org, works_with, _ in described_partners(
                            sentence, self.catalogue.mentions(sentence)):
                        if org != works_with:  # "…, с которым МРЦ взаимодействует …"
                            self.relation("INTERACTS_WITH", org, works_with, clause, p.line)
                    for org, whose, what in relative_object_duties(
                            sentence, self.catalogue.mentions(sentence)):
                        if whose is not None and whose != org and lemmas(what)[-1:] == (
                                "координировать",):  # "…ГМО, деятельность которых координирует"
                            self.relation("COORDINATES", org, whose, clause, p.line)
                self.heading = ""
            # "РЦОКО и НИРО подведомственны министерству": each body named first is a subject;
            # each sentence of a paragraph says its own ("… подведомственно Министерству.
            # ЦНППМ является структурным подразделением Института.")
            for rel_type, src, dst in _units_listed(
                    text, mentions, subject,
                    {a: b.org_id for a, b in self.catalogue.aliases.items()}):
                # "Отдел взаимодействует со структурными подразделениями Института: кафедрой
                # …; РМЦ …": each unit is the Institute's, each a partner
                self.relation(rel_type, src, dst, clause, p.line)
                consumed.add(i)
            sentences = _sentences(_FULL_STOP, text)
            for k, sentence in enumerate(sentences):
                said = mentions if len(sentences) == 1 else self.catalogue.mentions(sentence)
                # "…, с Центром, который входит в структуру Института": the relation is the
                # body's named right before «который», not the sentence's subject's
                sentence, said, relative = _relative_relations(sentence, said)
                for owner_of, part, part_said in relative:
                    for rel in relations_in(part, part_said, owner_of,
                                            RELATION_PATTERNS + PLAIN_RELATIONS):
                        self.relation(rel.type, rel.source, rel.target, clause, p.line)
                        consumed.add(i)
                opening = list(_subjects(sentence, said))
                leading: list[str | None] = list(opening) or [subject]
                for lead in leading:
                    said_by = lead if k > 0 and opening else (
                        subject if subject != _first(said) else lead)
                    for rel in relations_in(sentence, said, said_by,
                                            RELATION_PATTERNS + PLAIN_RELATIONS):
                        self.relation(rel.type, rel.source, rel.target, clause, p.line)
                        consumed.add(i)
            if any(a.line == p.line for a in self.result.abbreviations) and mentions:
                consumed.add(i)
        self.report_unread(clause, consumed)

    def plan_measures(self, clause: RawClause) -> set[int]:
        """A plan's measures: «Проведение семинаров. / Срок: март. / Ответственные: ИМЦ,
        Отдел образования.» — each measure (the paragraphs before its «Ответственные:»,
        «Ответственный исполнитель:» or «Исполнители:» line, without its «Срок:» line) is a
        duty of each body that line names (not of persons: «руководители ШНРО»). Returns the
        paragraphs read so."""
        read: set[int] = set()
        start = 0
        below = 0  # the paragraphs after «Исполнители:» that name its bodies
        for k, p in enumerate(clause.paragraphs):
            if k < below:
                continue
            m = _RESPONSIBLE.match(p.text)
            said = p.text
            inline = None if m is not None else _INLINE_RESPONSIBLE.search(said)
            if m is None and inline is None and _TERM_INLINE.search(said):
                # "Анализ результатов. Ответственные: ИМЦ, ШНОР. Срок: июль.": the term after
                said = _TERM_INLINE.sub("", said)
                inline = _INLINE_RESPONSIBLE.search(said)
            if m is None and inline is None:
                continue
            who = m.group("who") if m is not None else \
                (inline.group("who1") or inline.group("who2") if inline is not None else "")
            if m is not None and not who.strip():
                # "Исполнители:" over "ИМЦ;" / "УО." lines: each names a body
                below = k + 1
                while below < len(clause.paragraphs) and _only_bodies(
                        clause.paragraphs[below].text.rstrip(";."),
                        self.catalogue.mentions(clause.paragraphs[below].text.rstrip(";."))):
                    below += 1
                who = ", ".join(q.text for q in clause.paragraphs[k + 1:below])
                read |= set(range(k + 1, below))
            doers = self.doers(who, clause, p.line)
            if inline is not None:  # "Выпуск сборника (отв. РМК)." on one line
                what = _TERM_INLINE.sub("", said[:inline.start()]).strip(" .;,–—-")
                if doers and what and not _RESPONSIBLE_WORD.match(what):
                    for org in doers:
                        self.duty(org, _MEASURE_LABEL.sub("", what, count=1), clause, p.line)
                    read.add(k)
                    start = k + 1
                continue
            measure = [q for q in clause.paragraphs[start:k] if not _TERM_LINE.match(q.text)]
            if doers and measure:
                what = _MEASURE_LABEL.sub("", " ".join(q.text for q in measure), count=1)
                what = what.split(" | ")[0]  # "Выпуск сборника | май": a row's first cell
                for org in doers:
                    self.duty(org, what, clause, measure[0].line)
                read |= set(range(start, k + 1))
            start = max(k + 1, below)
        return read

    def doer_opening(self, text: str, mentions: list[Mention], items: list[Paragraph]
                     ) -> str | None:
        """The body a head opens with, then a verb of doing in the third person («Школы-партнёры
        взаимодействуют со школами … по договорам:»), when every item below opens with a verb
        in the same number: else ``None``."""
        from graph.loaders.regulations.discover import _DALEE, _NOT_DUTY_VERBS, _WORKING
        from graph.loaders.regulations.morph import _morph

        named = [m for m in mentions if m.resolution.org_id]
        after = tokens(_DALEE.sub(" ", text[named[0].end:])) if named else []
        if not named or named[0].start > 1 or not after:
            return None
        tag = str(_morph().parse(after[0].text)[0].tag)
        if "VERB" not in tag or "3per" not in tag or after[0].text.endswith(("ся", "сь")) or (
                after[0].lemma in _NOT_DUTY_VERBS and after[0].lemma not in _WORKING):
            return None
        number = "plur" if "plur" in tag else "sing"
        return str(named[0].resolution.org_id) if _items_done(items, number) else None

    def doer_closing(self, text: str, mentions: list[Mention], items: list[Paragraph]
                     ) -> str | None:
        """The one body (not a class of bodies) that closes a head opened by a circumstance
        («В рамках диагностики ИМЦ:»), when every item below starts with a verb in the singular
        third person, as its doer's would: else ``None`` («В части поддержки ОО с НОР:» names
        whom the items serve)."""
        from graph.loaders.regulations.discover import (
            _LIST_COLON,
            _may_be_nominative,
            _opens_circumstance,
        )

        named = [m for m in mentions if m.resolution.org_id]
        words = tokens(text)
        if not named or not words or not _opens_circumstance(words[0].text) or \
                not _may_be_nominative(named[-1].surface) or \
                not _LIST_COLON.fullmatch(normalize_quotes(text)[named[-1].end:]) or \
                _has_verb(text[:named[-1].start]):
            return None
        last = str(named[-1].resolution.org_id)
        if any(b.org_id == last and b.generic for b in self.catalogue.bodies):
            return None
        # (nor «Под руководством Клуба: а) ведётся летопись»: no doer's verb)
        return last if _items_done(items, "sing") else None

    def doers(self, who: str, clause: RawClause, line: int) -> list[str]:
        """The bodies a measure's responsible line names, not persons («руководители ШНРО»)."""
        doers: list[str] = []
        for mention in self.catalogue.mentions(who):
            before = lemmas(who[:mention.start])
            org = self.body(mention.resolution, clause, line)
            if org is not None and org not in doers and not (before and before[-1] in _PERSONS):
                doers.append(org)
        return doers

    def duty(self, org: str, text: str, clause: RawClause, line: int) -> None:
        """A duty; one that says several things the body does is several duties."""
        from graph.loaders.regulations.discover import predicates

        text = re.sub(r"\s{2,}", " ", text)  # "… Лицея (далее – МС) анализирует": the gap left
        self.whole = text
        text = _without_function_label(text)
        rec = self.batch.nodes.get(org)
        # a body that is schools with low results («ОО с НОР»): all it does is about them
        self.owner_names = [str(n) for n in (rec.props.get("name"), rec.props.get("short_name"),
                                             *(rec.props.get("aliases") or [])) if n] \
            if rec is not None else []
        # "ШНОР совместно с Отделом проводят самодиагностику и представляют её результаты …":
        # a partner named before the verbs does each of them with the body
        shared = _together_with(text, self.catalogue.mentions(text)) if re.match(
            r"\s*(?:совместно|вместе)\s+со?\s", text) else []
        for one in predicates(text.strip().rstrip(";.").strip()):
            if _GUIDED_STATUS.match(one) and not re.search(r"\bвзаимодействии\s+со?\s", one):
                continue  # "осуществляет деятельность под руководством Комитета": a status
                # (not «… под руководством ИМЦ и во взаимодействии с ЦНППМ»: working with it)
            super().duty(org, one, clause, line)
            for other in dict.fromkeys([*_together_with(one, self.catalogue.mentions(one)),
                                        *shared]):
                if other != org:  # "… совместно с ЦНППМ": the other body's duty too
                    super().duty(other, one, clause, line)
        self.whole = ""
        self.owner_names = []

    def categories(self, text: str) -> list[DutyCategory]:
        """A duty's categories (see :meth:`own_categories`); about schools with low results
        too where the list's head it sits under («В отношении ОО с НОР Центр:») or its body's
        name («ОО с НОР») names them."""
        found = self.own_categories(text)
        low = DutyCategory.low_results_support
        if low not in found and any(low in self.own_categories(c) for c in [
                getattr(self, "heading", ""), getattr(self, "section_heading", ""),
                *getattr(self, "owner_names", [])] if c):
            found = [c for c in DutyCategory if c in {*found, low}]
        return found

    def own_categories(self, text: str) -> list[DutyCategory]:
        """A duty's categories, its document's abbreviations read as what they stand for:
        "помощь закреплённым школам" is about low results where «закреплённые школы» are
        "организации, показывающие низкие образовательные результаты"."""
        found = duty_categories(text)
        if getattr(self, "low_results_document", False) and _SUPPORTED_SCHOOLS.search(text):
            found.append(DutyCategory.low_results_support)
        whole = getattr(self, "whole", "")
        if whole and whole != text and \
                DutyCategory.low_results_support in self.own_categories(whole):
            # "анализирует результаты и формирует перечень ШНОР": both parts are about them
            found.append(DutyCategory.low_results_support)
        subject = getattr(self, "low_results_subject", None)
        if subject and any(part.startswith(subject) for t in tokens(text)
                           for part in t.lemma.split("-")):
            found.append(DutyCategory.low_results_support)  # "обобщает опыт кураторства"
        if any(f" {key} " in f" {_parts_key(text)} " for key in getattr(self, "low_classes", [])):
            found.append(DutyCategory.low_results_support)  # "… учителям ПШ", "прикреплённых школ"
        for a in self.result.abbreviations:
            if a.abbr and a.full and _parts_key(a.abbr) and f" {_parts_key(a.abbr)} " in \
                    f" {_parts_key(text)} ":
                found += [c for c in duty_categories(a.full) if c not in found]
        for abbr, full in self.also_called:
            # (a common word made a name by its capital, «Школы», only where written so)
            if full and (f" {_parts_key(abbr)} " in f" {_parts_key(text)} " if " " in abbr or
                         is_acronym(abbr) else any(
                             t.text[:1].isupper() and t.lemma == lemma(abbr.lower())
                             for t in tokens(text)[1:])):
                found += [c for c in duty_categories(full) if c not in found]
        return [c for c in DutyCategory if c in found]

    def table_row(self, clause: RawClause, p: Paragraph, mentions: list[Mention]) -> bool:
        """A row of a table of bodies and their functions: "Департамент … | утверждение …;
        мониторинг …" (a .docx table's row, its cells joined by " | ")."""
        written = normalize_quotes(p.text)
        # («4.1. | Утверждение …»: the row's number was read as its clause's, its cell is empty)
        cells = [c.strip() for c in (" " + written if written.startswith("| ") else written
                                     ).split(" | ")]
        if len(cells) < 2:
            return False
        if _table_heading(" ".join(cells[:2]).replace("|", " "), []) or all(
                _table_heading(c, []) for c in cells if c):
            doers = [k for k, c in enumerate(cells) if {"исполнитель", "ответственный"} &
                     set(lemmas(c))]
            self.table_columns = (len(cells), doers[0]) if doers else None
            return True  # "№ п/п | Участник | Функции": the table's heading row
        if self.table_columns is not None and len(cells) == self.table_columns[0]:
            # a row under a heading that says which column holds the doers («4.1. | Утверждение
            # перечня ШНОР | февраль | Управление образования | приказ»: the measure is the
            # first cell with words, the result after the doers no body's)
            k = self.table_columns[1]
            what = next((c for i, c in enumerate(cells) if i != k and c and
                         not re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", c)), "")
            if what and self.measure_row(clause, p, [what, cells[k]]):
                return True
        if re.fullmatch(r"\d{1,3}\.?", cells[0]) and len(cells) >= 3:
            cells = cells[1:]  # "1 | Министерство | …": the row's number
        named = [m for m in self.catalogue.mentions(cells[0]) if m.resolution.org_id]
        if (not named or named[0].start > 1) and len(cells) >= 2 and \
                self.measure_row(clause, p, cells):
            return True  # (a measure may name whom it serves: «… школ с НОР | РМЦ»)
        if len(cells) == 2 and not named and self.direction_row(clause, p, cells):
            return True
        if len(cells) != 2 or not named or named[0].start > 1 or \
                named[0].end < len(cells[0]) - 40:
            return False
        owner = str(named[0].resolution.org_id)
        for item in re.split(r";\s*", cells[1]):
            if item.strip(" ."):
                self.duty(owner, item, clause, p.line)
        return True

    def direction_row(self, clause: RawClause, p: Paragraph, cells: list[str]) -> bool:
        """A row of a table of a body's directions of work under a head that names the body
        («3.1. Работа Совета строится по направлениям, приведённым в таблице.», then
        «Организационное | планирует методическую работу …; координирует …»): each of the
        second cell's actions is that body's duty; not a person's row («Председатель Совета |
        ведёт заседания»)."""
        from graph.loaders.regulations.morph import is_verb

        label, actions = tokens(cells[0]), tokens(cells[1])
        if not label or len(label) > 4 or not actions or not is_verb(actions[0].text) or \
                label[0].lemma in _PERSONS or p is clause.paragraphs[0]:
            return False
        head = clause.paragraphs[0].text
        owner = _list_owner(head, self.catalogue.mentions(head))
        if owner is None:
            return False
        for item in re.split(r";\s*", cells[1]):
            if item.strip(" ."):
                self.duty(owner, item, clause, p.line)
        return True

    def measure_row(self, clause: RawClause, p: Paragraph, cells: list[str]) -> bool:
        """A row of a plan's table: "Проведение семинаров | март | ИМЦ, ГМО" — the measure (its
        first cell) is a duty of each body its last cell names, that cell naming nothing else."""
        last = cells[-1]
        said = [m for m in self.catalogue.mentions(last) if m.resolution.org_id]
        rest = normalize_quotes(last)
        for m in sorted(said, key=lambda m: -m.start):
            rest = rest[:m.start] + " " + rest[m.end:]
        if not said or re.sub(r"\b(?:и|совместно|с|со)\b|[\s,;.()]", "", rest) or \
                _TERM_LINE.match(cells[0] + ":") or not cells[0].strip():
            return False
        doers = self.doers(last, clause, p.line)
        what = _MEASURE_LABEL.sub("", cells[0], count=1).strip(" .;")
        saved = getattr(self, "heading", "")
        opening = clause.paragraphs[0].text
        if opening.rstrip().endswith(":") and clause.paragraphs[0] is not p:
            # "Меры по повышению качества образования в школах с НОР реализуются исполнителями,
            # указанными в таблице:" over its rows: what the clause says of them all
            self.heading = opening
        for org in doers:
            self.duty(org, what, clause, p.line)
        self.heading = saved
        return bool(doers)

    def dash_row(self, clause: RawClause, p: Paragraph, mentions: list[Mention]) -> bool:
        """A body and its functions after a dash, as a table's row written out: "ММЦ –
        диагностика дефицитов; организация курсов", "Управление – утверждение плана, контроль за
        его выполнением" (action nouns after the dash, not what the body is)."""
        from graph.loaders.regulations.discover import _action_noun
        from graph.loaders.regulations.names import HEADS

        written = normalize_quotes(p.text)
        named = [m for m in mentions if m.resolution.org_id]
        if not named or named[0].start > 1:
            return False
        rest = re.sub(r"^\s*\([^()]*\)", "", written[named[0].end:])
        dash = re.match(r"\s*[–—-]\s+(?P<items>.+)$", rest, re.DOTALL)
        if dash is None:
            return False
        first = dash.group("items").split(maxsplit=1)[0] if dash.group("items").split() else ""
        # "Совет — утверждает репертуар; проводит смотр": a verb after the dash says it too
        if _performs(first.strip(",;.")):
            from graph.loaders.regulations.discover import _NOT_DUTY_VERBS

            if lemma_key(first.strip(",;.")) in _NOT_DUTY_VERBS:
                return False  # "ГМО — входят в структуру МЦ": what the body is part of
        elif not _action_noun(first.strip(",;.")) or lemma_key(first.strip(",;.")) in HEADS | {
                "подразделение", "структура", "совокупность", "система", "форма", "площадка"}:
            return False  # "… – объединение педагогов …": what the body is, not what it does
        owner = str(named[0].resolution.org_id)
        for item in re.split(r";\s*", dash.group("items")):
            if item.strip(" ."):
                self.duty(owner, item, clause, p.line)
        return True

    def inline_list(self, clause: RawClause, p: Paragraph, text: str) -> bool:
        """A list written on one line: "Совет: определяет …; организует …; рассматривает …"."""
        from graph.loaders.regulations.discover import (
            duty_list_head,
            object_first_duty,
            sentence_duty,
        )

        m = re.match(r"^(?P<head>[^:;]{2,200}:)\s*(?P<rest>[^:]+;[^:]+)$", text) or re.match(
            r"^(?P<head>(?:Функции|Задачи|Обязанности)[^:;]{0,60}:)\s*(?P<rest>[^:;]+)$", text)
        # (a node's «Функции: проводят открытые уроки.» may name one function only)
        if m is None:
            return False
        # "Методическое сопровождение ГМО осуществляет ИМК. ИМК: согласовывает …; …" (a web
        # page's lines joined): the sentences before the head's own are read as sentences
        ends = [x.end() for x in re.finditer(r"(?<=\.)\s+(?=[А-ЯЁ«])", m.group("head"))]
        lead, head = (m.group("head")[:ends[-1]], m.group("head")[ends[-1]:]) if ends else (
            "", m.group("head"))
        head_mentions = self.catalogue.mentions(head)
        if duty_list_head(head, head_mentions) != "duty":
            return False
        for sentence in _sentences(_FULL_STOP, lead):
            said = self.catalogue.mentions(sentence)
            done = sentence_duty(sentence, said)
            doers, what = ([done[0]], done[1]) if done is not None else (
                object_first_duty(sentence, said) or ([], ""))
            for org in doers:
                self.duty(org, what, clause, p.line)
        opening = clause.paragraphs[0] if clause.paragraphs else None
        # "1.1. МКУ «…» (МЦ) — подведомственное учреждение / Функции: …; …": the body the
        # clause opens with, as over a «Функции:» list on lines of its own
        named = self.owner_in([m for m in self.catalogue.mentions(opening.text) if m.start <= 1]) \
            if opening is not None and opening is not p else None
        owner = self.owner_in(head_mentions) or named or (
            None if _a_whole_not_a_body(head, head_mentions)
            else self.section_owner or self.doc_subject)
        if owner is None:
            return False
        self.inline_owner = owner  # the lead of the relations its items state
        heading = getattr(self, "heading", "")
        self.heading = head  # («В работе со школами с НОР Центр: …»: theirs)
        for item in re.split(r";\s*", m.group("rest")):
            item = re.sub(r"^(?:[-–—•]|\d{1,2}\)|[а-яё]\))\s*", "", item.strip())
            if not item.strip(" ."):
                continue
            said = self.catalogue.mentions(item)
            found = sentence_duty(item, said) if any(
                m.start <= 1 and m.resolution.org_id for m in said) else None
            if found is not None:
                # "Функции распределяются так: Министерство утверждает …; Институт
                # разрабатывает …": each item names its own doer
                for one in _subjects(item, said) or [found[0]]:
                    self.duty(one, found[1], clause, p.line)
            else:
                self.duty(owner, item, clause, p.line)
        self.heading = heading
        return True

    def report_unread(self, clause: RawClause, consumed: set[int]) -> None:
        for i, p in enumerate(clause.paragraphs):
            if i in consumed or not p.text or (i == 0 and clause.depth == 1 and len(p.text) < 120):
                continue  # a section's heading
            self.report.skip(self.reg, self.where, p.line,
                             f"clause {clause.number}: «{p.text[:80]}»",
                             "no duty, relation, term, citation or indicator found in it")


def _quoted_acronym(abbr: str) -> str | None:
    """The acronym in quotes after a legal form: «ИМЦ» of «МАУ «ИМЦ»», else ``None``.

    >>> _quoted_acronym("МАУ «ИМЦ»"), _quoted_acronym("МБУ ДПО «ЦОР»"), _quoted_acronym("ИМЦ")
    ('ИМЦ', 'ЦОР', None)
    """
    from graph.loaders.regulations.morph import is_acronym
    from graph.loaders.regulations.names import legal_form

    m = re.fullmatch(r"(?P<legal>[А-ЯЁ]{2,8}(?:\s+[А-ЯЁ]{2,4})?)\s*«(?P<inner>[^«»]{2,12})»",
                     normalize_quotes(abbr).strip())
    if m is None or not legal_form(m.group("legal").split()[0]) or \
            not is_acronym(m.group("inner")):
        return None
    return m.group("inner")


# A definition: «X (далее – Y) – …», «X – это …», «Под X понимаются …», «X являются …».
_DEFINITION = re.compile(
    r"^\s*(?:под\s+(?P<under>[^.;:()]{3,80}?)\s*(?:\(\s*(?:(?:далее|в\s+дальнейшем)\s*"
    r"[-–—]?\s*)?(?P<short>[^()]{1,40}?)\s*\)\s*)?\s+понима\w+\s+"
    r"|(?P<name>[^.;:()–—]{3,80}?)\s*(?:\(\s*(?:(?:далее|в\s+дальнейшем)\s*[-–—]?\s*)?"
    r"(?P<abbr>[^()]{1,40}?)\s*\)\s*)?(?:(?<=[\s)])[-–—]\s+(?:это\s+)?|является\s+|являются\s+))"
    r"(?P<what>[^.;]{5,400})", re.IGNORECASE)
_SCHOOLS = re.compile(r"\b(?:школ\w*|(?:обще)?образовательн\w+\s+(?:организаци|учреждени)\w*|"
                      r"организаци\w*|учреждени\w*|ОО)\b", re.IGNORECASE)


def _are_schools(what: str) -> bool:
    """Whether a definition says schools: its first noun is a school or an organisation."""
    from graph.loaders.regulations.morph import _morph, tokens

    for t in tokens(what)[:6]:
        tag = str(_morph().parse(t.text)[0].tag)
        if "NOUN" in tag or t.text.isupper():
            return bool(_SCHOOLS.fullmatch(t.text)) or t.lemma.split("-")[0] in (
                "школа", "организация", "учреждение", "оо", "гимназия", "лицей")
    return False


def _activity_of(title: str) -> str | None:
    """The lemma of what a regulation is about, its first noun after «Положение о»; ``None``
    if too short to tell (a word of a few letters would match too much).

    >>> _activity_of("Положение о кураторах (наставниках) школ с низкими результатами")
    'куратор'
    >>> _activity_of("Положение о муниципальной «дорожной карте» сопровождения ШНОР")
    'карта'
    >>> _activity_of("Порядок работы") is None
    True
    """
    from graph.loaders.regulations.morph import is_noun

    m = re.search(r"\bположени\w*\s+об?\s+", normalize_quotes(title), re.IGNORECASE)
    if m is None:
        return None
    for t in tokens(title[m.end():])[:4]:
        if is_noun(t.text):
            return t.lemma if len(t.lemma) >= 5 else None
    return None


def low_results_classes(paragraphs: list[str]) -> list[str]:
    """The keys (:func:`_parts_key`) of the names of the classes of schools a text defines as
    those with low results, by whatever definition wording, and of their short names.

    >>> low_results_classes(["Прикреплённые школы (далее – ПШ) – общеобразовательные "
    ...     "организации, показавшие низкие результаты ОГЭ."]) == [
    ...     _parts_key("прикреплённые школы"), _parts_key("ПШ")]
    True
    >>> low_results_classes(["Под школами-партнёрами понимаются школы с низкими "
    ...     "образовательными результатами."]) == [_parts_key("школы-партнёры")]
    True
    >>> low_results_classes(["Школа № 3 и школа № 5 (далее вместе – школы-партнёры), "
    ...     "вошедшие в перечень школ с низкими образовательными результатами."]) == [
    ...     _parts_key("школы-партнёры")]
    True
    >>> low_results_classes(["Методический совет – коллегиальный орган."])
    []
    >>> low_results_classes(["Сеть – объединение школ с низкими результатами."])  # a body
    []
    """
    keys: list[str] = []
    for text in paragraphs:
        # «… (далее вместе – школы-партнёры), вошедшие в перечень школ с низкими
        # образовательными результатами»: the short name, then what the schools are
        for after in _SHORT_THEN_QUALIFIER.finditer(normalize_quotes(text)):
            if DutyCategory.low_results_support in duty_categories(after["what"]):
                key = _parts_key(after["short"].strip(" «»"))
                if key and key not in keys:
                    keys.append(key)
        m = _DEFINITION.match(normalize_quotes(text))
        if m is None:
            continue
        what = m.group("what")
        if not _are_schools(what) or DutyCategory.low_results_support not in \
                duty_categories(what):
            continue
        name = (m.group("under") or m.group("name") or "").strip(" ,«»")
        for one in (name, *re.split(r"\s*,\s*", m.group("abbr") or m.group("short") or "")):
            key = _parts_key(one.strip(" «»")) if one.strip() else ""
            if key and key not in keys and len(one.split()) <= 6:
                keys.append(key)
    return keys


_HYPHEN_IN_WORD = re.compile(r"(?<=[а-яё])-(?=[а-яё])", re.IGNORECASE)
# A class's short name, then a participle saying what its schools are.
_SHORT_THEN_QUALIFIER = re.compile(
    r"\((?:далее|в\s+дальнейшем)(?:\s+(?:вместе|совместно))?\s*[-–—]\s*(?P<short>[^()]{2,40}?)\)"
    r",\s*(?P<what>(?:вошедш|включ[её]нн|показывающ|показавш|имеющ|функционирующ)\w*\s[^.;()]{5,200})",
    re.IGNORECASE)


_PLAN_WORDS = frozenset({"план", "программа", "карта", "комплекс", "проект", "мероприятие"})


def _where_a_plan_is_done(title: str, start: int) -> bool:
    """Whether a body the title names is where the plan it is about is carried out («о плане
    мероприятий … в общеобразовательных организациях района»): the plan is no body, and the
    schools are not whose the text's lists are.

    >>> t = "Положение о плане мероприятий по повышению качества образования в школах района"
    >>> _where_a_plan_is_done(t, t.index("школах")), _where_a_plan_is_done(
    ...     "Положение о методическом совете в лицее", 33)
    (True, False)
    """
    return _about_a_plan(title) and re.search(r"\bв[о]?\s+$", title[:start],
                                              re.IGNORECASE) is not None


def _about_a_plan(title: str) -> bool:
    """Whether a title is about a plan, a programme or a project (no body).

    >>> _about_a_plan("Положение о муниципальной программе «Успешная школа»")
    True
    >>> _about_a_plan("Положение о муниципальном методическом совете")
    False
    """
    head = re.search(r"\bо(?:б)?\s+(?:[а-яё]+(?:ой|ом|ем|ей)\s+)*([а-яё]+)", title, re.IGNORECASE)
    return head is not None and lemma(head.group(1).lower()) in _PLAN_WORDS


@lru_cache(maxsize=20_000)
def _parts_key(text: str) -> str:
    """:func:`lemma_key` with each part of a hyphenated word reduced too: «школ-участников» and
    «школы-участники» give one key.

    >>> _parts_key("школ-участников") == _parts_key("школы-участники")
    True
    """
    return lemma_key(_HYPHEN_IN_WORD.sub(" - ", text))


_ACRONYM_DASH = re.compile(r"(?<![\w-])([А-ЯЁ]{3,8})\s+[–—]\s+")


def _acronym_before_name(text: str, spans: list[NameSpan]) -> list[tuple[str, NameSpan]]:
    """An acronym right before a dash and a body's name whose initials (of its proper name in
    quotes, or of the whole name) it is: [(acronym, the name's span)].

    >>> from graph.loaders.regulations.names import find_names
    >>> t = "на базе ТРИМЦ – учреждения «Тихвинский районный информационно-методический центр»"
    >>> [(a, s.text[:10]) for a, s in _acronym_before_name(t, find_names(t))]
    [('ТРИМЦ', 'учреждения')]
    """
    from graph.loaders.regulations.discover import _initials_in_order
    from graph.loaders.regulations.terms import acronym_of

    text = normalize_quotes(text)
    out: list[tuple[str, NameSpan]] = []
    for m in _ACRONYM_DASH.finditer(text):
        span = next((s for s in spans if s.start == m.end()), None)
        if span is None:
            continue
        quoted = re.findall(r"«([^«»]+)»", span.text)
        if m.group(1) in {acronym_of(span.text), *(acronym_of(q) for q in quoted)} or any(
                _initials_in_order(m.group(1), acronym_of(q)) for q in quoted):
            # (also «РМЦ – учреждение «Майминский районный методический центр»»: the
            # acronym leaves out the place its proper name opens with)
            out.append((m.group(1), span))
    return out


# (also a legend: "Субъекты … и условные обозначения: УО – …; ИМЦ – …")
_ABBREVIATIONS_HEAD = re.compile(r"^\s*(?:[\w\s]{0,60}?\s)?(?:сокращени[яй]|аббревиатур[ыа]|"
                                 r"(?:условные\s+)?обозначени[яй])"
                                 r"[^:]{0,40}:\s*", re.IGNORECASE)


def _inline_abbreviations(text: str) -> list[str]:
    """The entries of a list of abbreviations written on one line: "Сокращения: ИМЦ – …; УО –
    …." gives "ИМЦ – …" and "УО – …"; a paragraph that is no such list gives nothing."""
    head = _ABBREVIATIONS_HEAD.match(text)
    if head is None:
        return []
    pieces = [x.strip(" .") for x in text[head.end():].split(";") if x.strip(" .")]
    return pieces if len(pieces) >= 2 and all(parse_abbreviation_item(x, 0) for x in pieces) \
        else []


def _listed_abbreviation(text: str, line: int, spans: list[NameSpan]
                         ) -> tuple[Abbreviation, NameSpan] | None:
    """An entry of a list of abbreviations whose expansion is a body's name: "ПЦК –
    предметно-цикловые комиссии Колледжа;", "Колледж – государственное … учреждение «…»"."""
    from graph.loaders.regulations.morph import _morph

    item = parse_abbreviation_item(text, line)
    if item is None or len(item.abbr.split()) > 3 or not item.abbr[:1].isupper():
        return None
    offset = normalize_quotes(text).find(item.full)
    # (the name may go on with what the body is, after a participle or «который»: "ИМЦ –
    # информационно-методический центр, являющийся структурным подразделением Управления;")
    name = item.full
    for m in re.finditer(r",\s+([а-яё]+)", item.full):
        before = item.full[:m.start()].strip().lower()
        if before in _SCHOOLS_PLURAL or (before.split()[-1:] and before.split()[-1] in
                                         _SCHOOLS_PLURAL and _QUALIFIER.match(item.full[m.start():])
                                         and DutyCategory.low_results_support in duty_categories(
                                             item.full[m.start():])):
            break  # "ШССУ – школы, функционирующие в …": what sets a class apart (also «ОО с
            # НОР – общеобразовательные организации, имеющие низкие … результаты»)
        if m.group(1) in ("который", "которая", "которое", "которые") or \
                "PRTF" in str(_morph().parse(m.group(1))[0].tag):
            name = item.full[:m.start()]
            break
    name = name.rstrip(";. ")
    whole = [s for s in spans if s.start == offset and s.end >= offset + len(name) - 1]
    if not whole:
        # "ОО НРО – общеобразовательные организации с низкими результатами обучения": a class
        # of bodies with what sets it apart after its name is the whole expansion
        head = [s for s in spans if s.start == offset and s.plural and _QUALIFIER.match(
            name[s.end - offset:])]
        whole = [replace(head[0], end=offset + len(name), text=name, own=name, qualifier="")] \
            if head else []
        # (the first word without the comma a participle's phrase follows: «ШССУ – школы,
        # функционирующие в сложных социальных условиях»)
        first = name.split(maxsplit=1)[0].rstrip(",") if name else ""
        if not whole and ((first.lower() in _SCHOOLS_PLURAL and _QUALIFIER.match(
                name[len(first):])) or (first == name and _school_role(first))):
            # "ШМР – школы с низкими результатами обучения", "ШН – школы-наставники": named
            # so, they are a body here
            whole = [NameSpan(offset, offset + len(name), name, "школа", None, None, True, name,
                              "")]
        chain = [s for s in spans if s.start == offset]
        while not whole and chain:
            # "ИРО РБ – государственное автономное учреждение … Институт развития образования
            # Республики Башкортостан": a legal form in words, then the name without quotes
            nxt = [s for s in spans if s.start == chain[-1].end + 1]
            if not nxt:
                break
            chain.append(max(nxt, key=lambda s: s.end))
            if chain[-1].end >= offset + len(name) - 1:
                whole = [replace(chain[0], end=chain[-1].end, text=name, own=name,
                                 quoted=chain[0].quoted or chain[-1].text, qualifier="")]
    return (item, whole[0]) if whole else None


_SCHOOLS_PLURAL = frozenset({"школы", "организации", "учреждения", "оо"})
# What sets a class of bodies apart after its name: «с низкими результатами», «, показывающие …».
_QUALIFIER = re.compile(r"^,?\s+(?:с|со|в|имеющ|показывающ|демонстрирующ|находящ|функционирующ"
                        r"|работающ|испытывающ)\w*\s", re.IGNORECASE)


_CALLED_PARTIES = re.compile(r"(?:именуем\w*\s*|далее\s+(?:вместе|совместно)\s*[-–—]\s*)"
                             r"[«\"]?\s*Сторон", re.IGNORECASE)
# Who takes part, listed: «Участниками Сети являются X и Y[, между которыми …]».
_PARTICIPANTS = re.compile(r"(?:^|[.;]\s+|\d\.\s+)(?:Участниками|Сторонами)\s+[^.;]{0,80}?"
                           r"\bявляются\s+(?P<who>[^.;]+?)(?:,\s+(?:между|которые|с\s+которыми)\b|"
                           r"[.;]|$)")
# a list's head said of an agreement's parties: "Стороны совместно:", "Стороны обязуются:"
_PARTIES = re.compile(r"\s*(?:Обе\s+)?Сторон(?:ы|ам)?\b")


def _several(abbr: str) -> list[str]:
    """The short names of one entry of a list of abbreviations: "БМЦ, методцентр" is two.

    >>> _several("БМЦ, методцентр"), _several("ИМЦ")
    (['БМЦ', 'методцентр'], ['ИМЦ'])
    """
    return [a.strip() for a in abbr.split(",") if a.strip()]


def _function_then_doers(text: str, mentions: list[Mention]) -> tuple[str, list[str]] | None:
    """A row of a matrix of functions: what is done (an action noun first), a dash, then only
    the bodies that do it ("Анализ результатов ВПР — БМЦ.", "Выявление дефицитов — БМЦ,
    СИПРП."): (what, the bodies), else ``None``."""
    from graph.loaders.regulations.discover import _action_noun
    from graph.loaders.regulations.morph import tokens

    written = normalize_quotes(text)
    dashes = list(re.finditer(r"\s[–—-]\s", written))
    # the doers' cell is the last, or the one before a last cell of when («… — ЦРО, Институт
    # — сентябрь–октябрь»: "Направление — Исполнитель — Срок")
    cells: list[tuple[re.Match[str], re.Match[str] | None]] = [(dashes[-1], None)] \
        if dashes else []
    if len(dashes) > 1:
        cells.append((dashes[-2], dashes[-1]))
    for dash, after in cells:
        what = written[:dash.start()].strip()
        toks = tokens(what)
        if not toks or not _action_noun(toks[0].text) or ":" in what or any(
                m.start <= 1 for m in mentions if m.start < dash.start()):
            continue  # ("Организация, выполняющая функции МС: ГМЦ – учреждение «…»": a name)
        end = len(written) if after is None else after.start()
        doers = [m for m in mentions if dash.end() <= m.start < end and m.resolution.org_id]
        rest = written[dash.end():end]
        for m in doers:
            rest = rest.replace(m.surface, " ")
        if doers and not re.sub(r"[\s,.;]|\b(?:и|совместно\s+со?)\b", "", rest):
            # (doers joined by «и», commas or «совместно с»)
            return what, list(dict.fromkeys(str(m.resolution.org_id) for m in doers))
    return None


def _list_owner(text: str, mentions: list[Mention]) -> str | None:
    """Whose list a head introduces: the body right before its verb ("В соответствии с решением
    Комитета Центр осуществляет:" is the Centre's), else the first body it names."""
    from graph.loaders.regulations.discover import _ENTRUSTING, _governed, _served, closing_body
    from graph.loaders.regulations.morph import _morph, tokens

    named = [m for m in mentions if m.resolution.org_id]
    closing = closing_body(text, mentions)
    if closing is not None:
        return str(closing.resolution.org_id)
    verb = next((t for t in tokens(text) if len(t.text) > 1
                 and "VERB" in str(_morph().parse(t.text)[0].tag)), None)
    if verb is None and named and (_function_of_serving(text, named[0].start) or (
            ("PREP" in str(_morph().parse(text.split()[0])[0].tag) or _serving(text))
            and all(_governed(text[:m.start]) for m in named))):
        return None  # "Функция сопровождения ОО с НОР:", "По отношению к школам сопровождения:":
    # the schools are served, not doers (the section's body does the items)
    if verb is not None and verb.lemma in _ENTRUSTING and named:
        on = re.match(r"\s*(?:На|на)\s+", text)
        if on is not None and named[0].start <= on.end() + 1:
            # "На МКУ КМЦ в части обеспечения деятельности ШМП возлагаются:": the body it is
            # laid on, not the one its work serves
            return str(named[0].resolution.org_id)
    if verb is not None:
        before = [m for m in named if m.end <= verb.start]
        # (nor the bodies its work is about: «Основными направлениями деятельности ИМЦ в рамках
        # сопровождения ШНОР являются:», «… деятельности Центра по поддержке ШНОР …», «…
        # задачами Команды по выходу Школы из числа ШНОР являются:»)
        # nor those it serves or what they are called as: «Школа-наставник в целях поддержки
        # Школы-спутника как школы с низкими образовательными результатами обязуется:»)
        doers = [m for m in before if not re.search(
            r"(?:^|\s)(?:с|со|как|в\s+рамках(?:\s+[а-яё]+){0,2}|в\s+составе|по\s+[а-яё]+|"
            r"(?:из|для|от|при|к|ко)(?:\s+(?:числа|перечня|списка))?)\s+$",
            text[:m.start], re.IGNORECASE) and not (m is not before[0]
                                                    and _served(text[:m.start], named))]
        if doers or before:
            # (not the bodies it works with: «К компетенции Центра в сфере работы со школами …
            # относится:» is the Centre's; nor the whole it works in: «Основными направлениями
            # деятельности Управления в рамках ММС являются:» is the Управление's)
            return str((doers or before)[-1].resolution.org_id)
    return str(named[0].resolution.org_id) if named else None


def _function_of_serving(text: str, first_body: int) -> bool:
    """Whether a list's head names a function, task or direction by an action noun and then
    the bodies it serves: «Функция сопровождения образовательных организаций, показывающих
    низкие результаты:», «Направление поддержки ШНОР:» (not «Функции Совета:»).

    >>> _function_of_serving("Функция сопровождения школ с низкими результатами:", 23)
    True
    >>> _function_of_serving("Функции Совета по поддержке школ:", 8)
    False
    """
    from graph.loaders.regulations.discover import _ACTION_ENDINGS, _DUTY_WORDS
    from graph.loaders.regulations.morph import _morph, tokens

    words = [t for t in tokens(text) if t.start < first_body]
    return len(words) >= 2 and words[0].lemma in _DUTY_WORDS and any(
        "NOUN" in str(p.tag) and "inan" in str(p.tag) and "gent" in str(p.tag)
        and p.normal_form.endswith(_ACTION_ENDINGS) for p in _morph().parse(words[1].text)[:3])


def _someone_elses_row(text: str, mentions: list[Mention]) -> bool:
    """A table's row written out whose first cell is not a body: "Куратор — ведёт базу …"."""
    m = _DASH_DESC.match(text)
    if m is None or any(x.start <= 1 and x.resolution.org_id for x in mentions):
        return False
    who, desc = m.group("body").split(), m.group("desc").split()
    return 0 < len(who) <= 4 and who[0][:1].isupper() and bool(desc) and \
        _performs(desc[0].strip(",;."))


def _performs(word: str) -> bool:
    """Whether a word is a verb in the third person present: what a body does ("утверждает")."""
    from graph.loaders.regulations.morph import _morph

    tag = str(_morph().parse(word)[0].tag)
    return "VERB" in tag and "3per" in tag and "pres" in tag


def _says_what_is_done(text: str) -> bool:
    """A sub-clause of a section of functions that says what is done, without a subject:
    "Организует повышение квалификации …", "Организация курсов …" (no verb at all)."""
    from graph.loaders.regulations.morph import _morph, tokens

    text = _DALEE_ANY.sub(" ", text)  # (a short name given in passing: «(далее – ШНОР)»)
    toks = tokens(text)
    if not toks or toks[0].lemma in ("цель", "предмет", "миссия") or re.search(
            r"\s[–—-]\s", _DALEE_ANY.sub(" ", text)):
        return False  # "Цель деятельности МС – создание условий …": what it is for (a short
        # name defined in it, «(далее – ШНОР)», is no such dash)
    tags = [str(_morph().parse(t.text)[0].tag) for t in toks[:12]]
    first = tags[0]
    if "VERB" in first and "3per" in first and not toks[0].text.lower().endswith(("ся", "сь")):
        return True
    # "Сопровождение педагогов …" (read as accusative first), "Информационное и методическое
    # сопровождение …": an action noun that may be in the nominative, adjectives before it
    k = 0
    while k < len(toks) - 1 and (("ADJF" in tags[k] and "nomn" in tags[k])
                                 or (toks[k].text.lower() == "и" and k > 0)):
        k += 1
    if k > 0 and not toks[k].lemma.endswith(("ние", "ция", "ка", "ж", "з")):
        return False  # "Региональный уровень": a heading, not an action
    return any("NOUN" in str(p.tag) and "nomn" in str(p.tag)
               for p in _morph().parse(toks[k].text)[:2]) and not any(
        "VERB" in t or "PRTS" in t or "ADJS" in t for t in tags)


def _predicate(text: str, span: NameSpan) -> bool:
    """Whether a name is what a body is said to be, not a body: "ИМЦ является муниципальной
    методической службой города" (a head in the instrumental right after «является»), "… (МБУ
    ДПО ЦПКС) – городская методическая служба" (a name after a definition's dash)."""
    from graph.loaders.regulations.morph import _morph

    written = normalize_quotes(text)[:span.start].rstrip()
    if re.search(r"[)»]\s*[–—-]$", written):
        return True  # "… (МБУ ДПО ЦПКС) – городская методическая служба": what it is
    before = written.split()
    if not before or not before[-1].lower().startswith("являет"):
        return False
    head = next((w for w in span.text.split() if _morph().parse(w)[0].normal_form == span.head),
                "")
    return bool(head) and "ablt" in str(_morph().parse(head)[0].tag)


_UNITS_OF = re.compile(r"\b(?:структурн\w+\s+)?подразделени(?:я|й|ями|ям|ях)\s+", re.IGNORECASE)


def _units_listed(sentence: str, mentions: list[Mention], subject: str | None,
                  short: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """«Отдел взаимодействует со структурными подразделениями Института: кафедрой …; РМЦ …»:
    each unit named first in an item after the colon is PART_OF the body whose units they are,
    and the sentence's subject INTERACTS_WITH each when it says «взаимодейств…». (``short``:
    the bodies by their abbreviations, for an item whose name is known only by its «(далее –
    …)».)

    >>> from graph.loaders.regulations.bodies import Resolution
    >>> s = ("Отдел взаимодействует с подразделениями ИРО: кафедрой – по курсам; "
    ...      "РМЦ – по диагностике.")
    >>> ms = [Mention(0, 5, "Отдел", Resolution("", "d", "")),
    ...       Mention(40, 43, "ИРО", Resolution("", "i", "")),
    ...       Mention(45, 53, "кафедрой", Resolution("", "k", "")),
    ...       Mention(67, 70, "РМЦ", Resolution("", "r", ""))]
    >>> for one in _units_listed(s, ms, None):
    ...     print(one)
    ('PART_OF', 'k', 'i')
    ('INTERACTS_WITH', 'd', 'k')
    ('PART_OF', 'r', 'i')
    ('INTERACTS_WITH', 'd', 'r')
    """
    text = normalize_quotes(sentence)
    named = [m for m in mentions if m.resolution.org_id]
    units = _UNITS_OF.search(text)
    if units is None or len(text) != len(sentence):
        return []
    whole = next((m for m in named if m.start == units.end()), None)
    if whole is None:
        return []
    colon = re.match(r"\s*:", text[whole.end:])
    if colon is None:
        return []
    lead = next((m for m in named if m.start < units.start()), None)
    partner = str(lead.resolution.org_id) if lead is not None else subject
    says_with = re.search(r"взаимодейств", text[:units.start()], re.IGNORECASE) is not None
    out: list[tuple[str, str, str]] = []
    start = whole.end + colon.end()
    for piece in re.finditer(r"[^;]+", text[start:]):
        at = start + piece.start()
        first = next((m for m in named if at <= m.start and not text[at:m.start].strip()), None)
        dalee = re.search(r"\(\s*далее\s*[-–—]\s*([^()]+?)\s*\)", piece.group())
        unit = str(first.resolution.org_id) if first is not None else (
            (short or {}).get(dalee[1]) if dalee is not None else None)
        if unit is None:
            continue
        out.append(("PART_OF", unit, str(whole.resolution.org_id)))
        if says_with and partner is not None and partner != unit:
            out.append(("INTERACTS_WITH", partner, unit))
    return out


def _relative_relations(sentence: str, mentions: list[Mention]
                        ) -> tuple[str, list[Mention], list[tuple[str, str, list[Mention]]]]:
    """A sentence without its «…, который входит в структуру Института» clauses, the bodies
    still named in it, and each such clause with the body named right before «который» (the
    one it says how it relates) and the bodies named in it.

    >>> from graph.loaders.regulations.bodies import Resolution
    >>> s = "Совет работает с Центром, который входит в структуру ИРО."
    >>> ms = [Mention(0, 5, "Совет", Resolution("", "s", "")),
    ...       Mention(17, 24, "Центром", Resolution("", "c", "")),
    ...       Mention(53, 56, "ИРО", Resolution("", "i", ""))]
    >>> rest, left, parts = _relative_relations(s, ms)
    >>> [m.surface for m in left], [(o, t, [m.surface for m in x]) for o, t, x in parts]
    (['Совет', 'Центром'], [('c', 'Центром входит в структуру ИРО', ['Центром', 'ИРО'])])
    """
    from graph.loaders.regulations.discover import _DALEE, _RELATIVE

    text = normalize_quotes(sentence)
    if len(text) != len(sentence):
        return sentence, mentions, []
    named = [m for m in mentions if m.resolution.org_id]
    parts: list[tuple[str, str, list[Mention]]] = []
    for r in _RELATIVE.finditer(text):
        before = _DALEE.sub(" ", text[:r.start()]).rstrip()
        owner = next((m for m in reversed(named) if _DALEE.sub(" ", text[:m.end]).rstrip()
                      == before), None)
        if owner is None:
            continue
        end = re.search(r"[;.]|,\s+(?=[а-яё]+(?:ет|ют|ит|ат|ят)\b)|$", text[r.end():])
        stop = r.end() + (end.start() if end is not None else len(text) - r.end())
        # (read as a sentence of its own, its body first: «Центр также курирует работу ГМО»)
        lead = f"{owner.surface} "
        part = lead + text[r.end():stop]
        inside = [Mention(m.start - r.end() + len(lead), m.end - r.end() + len(lead), m.surface,
                          m.resolution)
                  for m in mentions if r.end() <= m.start and m.end <= stop]
        if not inside:
            continue
        inside = [Mention(0, len(owner.surface), owner.surface, owner.resolution), *inside]
        parts.append((str(owner.resolution.org_id), part, inside))
        sentence = sentence[:r.start()] + " " * (stop - r.start()) + sentence[stop:]
        mentions = [m for m in mentions if not (r.end() <= m.start and m.end <= stop)]
    return sentence, mentions, parts


# What a regulation may be about that is no body: a system, a network or programme of several,
# a concept.
# (a network of schools is one too here; discover reads a named network as a body)
_WHOLES = WHOLE_KINDS | {"сеть"}
# … or a kind of work whose tasks or goals it lists («Задачи наставничества:», «Задачи
# сопровождения:»; not «Функция сопровождения школ …:», a function of the section's body).
_WORK_KINDS = frozenset({"наставничество", "сопровождение", "поддержка", "помощь"})


def _a_whole_not_a_body(head: str, mentions: list[Mention]) -> bool:
    """Whether a list's head names a system, a programme or a network that is no body of the
    text («Задачи региональной системы:») — its tasks are no body's, least of all those of the
    authority that approves it.

    >>> _a_whole_not_a_body("Задачи региональной системы:", [])
    True
    >>> _a_whole_not_a_body("Задачи Концепции:", [])  # a concept's tasks are no body's
    True
    >>> _a_whole_not_a_body("Задачи Центра:", []), _a_whole_not_a_body("Задачи наставничества:", [])
    (False, True)
    """
    if any(m.resolution.org_id for m in mentions):
        return False
    words = lemmas(head)
    if tuple(words[:1]) in (("задача",), ("цель",)) and set(words[1:3]) & _WORK_KINDS:
        return True
    return bool(set(words[:4]) & _WHOLES) and bool(set(words[:2]) & {
        "задача", "функция", "направление", "цель"})


def _items_done(items: list[Paragraph], number: str) -> bool:
    """Whether there are items and each opens with a verb of doing in the third person and in
    ``number`` ("sing", "plur"), as its doer's would (not a passive's «ведётся»).

    >>> _items_done([Paragraph("формирует списки", 2, True)], "sing")
    True
    >>> _items_done([Paragraph("ведётся летопись", 2, True)], "sing")
    False
    """
    from graph.loaders.regulations.morph import _morph

    def done(q: Paragraph) -> bool:
        first = tokens(q.text)[:1]
        tag = str(_morph().parse(first[0].text)[0].tag) if first else ""
        return q.bullet and "VERB" in tag and "3per" in tag and number in tag and \
            not first[0].text.endswith(("ся", "сь"))

    return bool(items) and all(done(q) for q in items)


def _together_with(text: str, mentions: list[Mention]) -> list[str]:
    """The bodies a duty is done together with: "… совместно с ЦНППМ", "… совместно с
    методическими службами школ и РМО", "Совместно с отделом образования кабинет:"."""
    m = re.search(r"\b(?:совместно|вместе)\s+со?\s+", normalize_quotes(text), re.IGNORECASE)
    if m is None:
        return []
    out: list[str] = []
    pos = m.end()
    for x in mentions:
        if x.start < pos or not x.resolution.org_id:
            continue
        gap = " ".join(normalize_quotes(text)[pos:x.start].replace(",", " , ").split())
        if gap not in (("",) if not out else (",", "и", ", и")):
            break  # (not «… с РЦ образовательные организации»: what they choose together)
        out.append(str(x.resolution.org_id))
        pos = x.end
    return out


# A list of the partners a body works with: «взаимодействует со следующими организациями:»,
# «… осуществляет взаимодействие с:».
_PARTNERS_HEAD = re.compile(r"взаимодейств\w*\s+(?:со?\b\s*)?(?:следующими\b[^:]*)?:\s*$",
                            re.IGNORECASE)


# "Что делает Комитет", "Что делают сами школы": a heading asking what a body does.
_WHAT_DOES = re.compile(r"^\s*(?:что|чем)\s+(?:делает|делают|занимается|занимаются)\s+"
                        r"(?:сам[аио]?\s+|сами\s+)?", re.IGNORECASE)


def _direction_label(text: str, mentions: list[Mention]) -> str | None:
    """What a direction of work labelled by its kind says: "" for a label alone over items
    ("Аналитическая деятельность:", "Работа с молодыми педагогами:"), the rest after a label
    ("экспертное: рассматривает программы …" → "рассматривает программы …"); None when the text
    is no such label (it has a verb or names a body before the colon).

    >>> _direction_label("Аналитическая деятельность:", [])
    ''
    >>> _direction_label("экспертное: рассматривает рабочие программы;", [])
    'рассматривает рабочие программы'
    >>> _direction_label("Центр выполняет функции:", []) is None
    True
    """
    from graph.loaders.regulations.morph import _morph, tokens

    head, colon, rest = text.partition(":")
    if not colon or any(m.resolution.org_id and m.start < len(head) for m in mentions):
        return None
    toks = tokens(head)
    if not toks or len(toks) > 8 or not head.strip()[:1].isalpha():
        return None
    tags = [str(_morph().parse(t.text)[0].tag) for t in toks]
    if toks[0].lemma in ("цель", "предмет", "миссия", "принцип", "результат"):
        return None  # "Цель: создание условий …": what it is for, not what is done
    if any("VERB" in t or "INFN" in t or "PRTS" in t for t in tags) or "nomn" not in tags[0] \
            or ("NOUN" not in tags[0] and "ADJF" not in tags[0]):
        return None
    rest = rest.strip().rstrip(";.").strip()
    if not rest:
        return ""
    # ("аналитическое: ежегодно готовит отчёт …": how often, then the verb)
    after_adverb = rest.split(" ", 1)[-1] if "ADVB" in str(
        _morph().parse(rest.split(" ", 1)[0])[0].tag) else rest
    return rest if _says_what_is_done(rest) or _says_what_is_done(after_adverb) else None


def _sub_heading(text: str) -> bool:
    """A heading inside a list of duties that groups its items: "В сфере диагностики:",
    "1) аналитическая деятельность:", "по направлению «Наставничество»:" (no verb: not a duty).
    """
    from graph.loaders.regulations.morph import _morph, tokens

    if not text.rstrip().endswith(":"):
        return False
    toks = tokens(text)
    tags = [str(_morph().parse(t.text)[0].tag) for t in toks]
    if not toks or any("VERB" in t or "INFN" in t for t in tags) or len(toks) > (
            14 if "PREP" in tags[0] else 8):  # (the schools a group is about may be long)
        return False
    nouns = [t.lemma for t, tag in zip(toks, tags, strict=True) if "NOUN" in tag]
    if _kind_alone(toks, tags):
        return True  # "3.1.1. Организационно-методическая:": a kind of function, its noun left out
    if "PREP" in tags[0] or (bool(nouns) and nouns[-1] in (
            "деятельность", "направление", "сфера", "область", "блок", "работа")):
        return True
    # "Организационно-методические функции:", "Функции по поддержке школ:": a heading that
    # names a kind of function (its head noun first, only adjectives before it) is never a
    # duty; "Деятельность Центра направлена на:" says something (a short participle)
    first = next((k for k, tag in enumerate(tags) if "NOUN" in tag), None)
    if first == 0 and (_serving(text) or toks[0].lemma == "работа"):
        return True  # "Сопровождение ОО с НОР:": the work a group of duties is, and for whom
        # (and "4) работа с молодыми специалистами:")
    return first is not None and toks[first].lemma in _KINDS_OF_FUNCTION and all(
        "ADJF" in tag for tag in tags[:first]) and not any(
        "PRTS" in tag or "ADJS" in tag for tag in tags)


def _serving(text: str) -> bool:
    """Whether a list's head is an action noun and whom it serves, no verb: «Сопровождение ОО с
    НОР:», «Методическая поддержка школ с низкими результатами:».

    >>> _serving("Сопровождение ОО с НОР:"), _serving("Совет школы:")
    (True, False)
    >>> _serving("ведение реестра тьюторов Службы:")  # an item in lower case that has items
    False
    """
    from graph.loaders.regulations.discover import _action_noun
    from graph.loaders.regulations.morph import _morph, tokens

    toks = tokens(text)
    k = 0
    while k < len(toks) and "ADJF" in str(_morph().parse(toks[k].text)[0].tag):
        k += 1
    return k < len(toks) and toks[0].text[:1].isupper() and _action_noun(toks[k].text) and \
        text.rstrip().endswith(":") and \
        not any(_morph().parse(t.text)[0].tag.POS in ("VERB", "INFN", "PRTS") for t in toks)


def _without_function_label(text: str) -> str:
    """A duty without the kind of function it opens with: "Диагностическая функция: проведение
    диагностики", "Функция поддержки школ: закрепление …", "Направление «Наставничество»: …" are
    what follows the colon (the label, a kind of function's noun with only adjectives before
    it and no verb, still gives its categories through the whole text).

    >>> _without_function_label("Аналитическая функция: мониторинг результатов; анализ")
    'мониторинг результатов; анализ'
    >>> _without_function_label("Функция поддержки ОО с НОР: закрепление методистов")
    'закрепление методистов'
    >>> _without_function_label("Центр выполняет функции: мониторинг")
    'Центр выполняет функции: мониторинг'
    """
    from graph.loaders.regulations.morph import _morph, tokens

    dashed = _LABEL_DASH.match(text)
    if dashed is not None:
        # "экспертная – проведение экспертизы …": a kind of function named by its adjective alone
        toks = tokens(dashed.group(1))
        if _kind_alone(toks, [str(_morph().parse(t.text)[0].tag) for t in toks]) and \
                _says_what_is_done(text[dashed.end():]):
            return text[dashed.end():].strip()
    head, colon, rest = text.partition(":")
    if not colon or not rest.strip() or len(head) > 120 or ";" in head:
        return text
    toks = tokens(head)
    tags = [str(_morph().parse(t.text)[0].tag) for t in toks]
    first = next((k for k, tag in enumerate(tags) if "NOUN" in tag), None)
    if first is None or toks[first].lemma not in _KINDS_OF_FUNCTION or not all(
            "ADJF" in tag for tag in tags[:first]) or any(
            "VERB" in tag or "INFN" in tag or "PRTS" in tag or "ADJS" in tag for tag in tags):
        return text
    return rest.strip()


# «экспертная – …», «Организационно-методическая — …»: a label before a spaced dash
_LABEL_DASH = re.compile(r"\s*([А-ЯЁа-яё-]+(?:\s+и\s+[А-ЯЁа-яё-]+)?)\s+[–—-]\s+")


def _kind_alone(toks: list[Token], tags: list[str]) -> bool:
    """Whether words are a kind of function named by adjectives alone, their noun («функция»,
    «деятельность») left out: «Аналитическая», «информационная и консультационная».

    >>> from graph.loaders.regulations.morph import _morph, tokens
    >>> def kind(text):
    ...     toks = tokens(text)
    ...     return _kind_alone(toks, [str(_morph().parse(t.text)[0].tag) for t in toks])
    >>> kind("Организационно-методическая"), kind("информационная и консультационная")
    (True, True)
    >>> kind("Методический совет"), kind("Основная")
    (False, False)
    """
    words = [(t, tag) for t, tag in zip(toks, tags, strict=True) if t.lemma != "и"]
    joined = len(words) == len(toks) or (len(toks) == 3 and toks[1].lemma == "и")
    return joined and 0 < len(words) <= 2 and all(
        "ADJF" in tag and "nomn" in tag and ("femn" in tag or "neut" in tag or "plur" in tag)
        and t.lemma not in _NOT_KINDS for t, tag in words)


_NOT_KINDS = frozenset({"основной", "основный", "следующий", "иной", "другой", "прочий", "общий",
                        "такой", "весь", "который", "свой", "этот", "настоящий"})


# The words that name a kind of function in a heading over a group of duties.
_KINDS_OF_FUNCTION = frozenset({"функция", "полномочие", "направление", "деятельность",
                                "блок"})


_TABLE_HEADINGS = frozenset({"участник", "субъект", "функция", "полномочие", "наименование",
                             "ответственный", "исполнитель", "орган", "организация", "задача",
                             "направление", "содержание", "деятельность", "п", "№", "срок",
                             "мера", "мероприятие"})


def _table_heading(text: str, mentions: list[Mention]) -> bool:
    """A table's column heading copied as a line of its own ("Участник", "Функции")."""
    words = lemmas(text)
    return not mentions and 0 < len(words) <= 3 and (text[:1].isupper() or text[:1] == "№") and \
        set(words) <= _TABLE_HEADINGS | {"и"}


def _only_bodies(text: str, mentions: list[Mention]) -> bool:
    """Whether a line is nothing but bodies' names ("ИПКРО", "Муниципальные органы управления
    образованием"), as a table's first cell copied as a line of its own."""
    named = [m for m in mentions if m.resolution.org_id]
    if not named or text.rstrip().endswith((";", ":")):
        return False
    rest = normalize_quotes(text)
    for m in sorted(named, key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    return not re.sub(r"[\s.,;–—-]|\bи\b", "", rest)


def _first(mentions: list[Mention]) -> str | None:
    first = next((m for m in mentions if m.resolution.org_id), None)
    return str(first.resolution.org_id) if first is not None and first.start <= 1 else None


def _subjects_before_verb(text: str, mentions: list[Mention]) -> list[str]:
    """The bodies joined by «и» or commas right before a list head's verb, after a circumstance
    ("Для поддержки школ с рисками НОР управление образования и ЦРО решают следующие задачи:").
    """
    from graph.loaders.regulations.morph import _morph, tokens

    verb = next((t for t in tokens(text) if {"VERB", "plur"} <= set(
        re.split(r"[ ,]", str(_morph().parse(t.text)[0].tag)))), None)
    if verb is None:
        return []
    before = [m for m in mentions if m.resolution.org_id and m.end <= verb.start]
    if not before or text[before[-1].end:verb.start].strip() not in ("", "совместно"):
        return []  # ("РМЦ, школы-лидеры и ШНОР совместно решают …")
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if text[m.end:run[0].start].strip() not in ("и", ",", ", и"):
            break
        run.insert(0, m)
    found = list(dict.fromkeys(str(m.resolution.org_id) for m in run))
    return found if len(found) > 1 else []


def _subjects(text: str, mentions: list[Mention]) -> list[str]:
    """The bodies a sentence opens with, joined by «и» or commas ("РЦОКО и НИРО …")."""
    out: list[str] = []
    pos = 0
    for m in mentions:
        gap = re.sub(r"\(\s*(?:далее|в\s+дальнейшем|сокращ[её]нно)[^()]*\)", " ", text[pos:m.start])
        if not m.resolution.org_id or gap.strip(" ,") not in ("", "и"):
            break
        if out and not text[pos:m.start].strip():
            pos = m.end  # "Центр … ИРО": a body named right after another is in its name
            continue
        out.append(str(m.resolution.org_id))
        pos = m.end
    return out


_SENTENCE_WORDS = re.compile(r"[а-яё]{3,}\s+[а-яё]{3,}\s+[а-яё]{3,}")
