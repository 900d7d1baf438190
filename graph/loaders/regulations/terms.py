"""Defined terms («термин» – определение) and a document's own abbreviations (далее – X)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.loaders.regulations.morph import is_acronym, lemma, normalize_quotes, tokens

__all__ = ["Abbreviation", "TermDef", "acronym_of", "definitions", "find_abbreviations",
           "parse_term", "title_acronym"]

_DALEE = re.compile(r"\(\s*далее\s*[-–—]?\s*(?P<abbr>(?:[^()]|\([^()]*\))+?)\s*\)", re.IGNORECASE)
_TERM = re.compile(
    r"^«(?P<name>[^«»]+(?:«[^«»]*»[^«»]*)*)»\s*(?:\(\s*далее\s*[-–—]?\s*(?P<abbr>[^)]+)\))?"
    r"\s*[-–—]\s*(?:это\s+)?(?P<definition>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_ABBR_ITEM = re.compile(r"^(?P<abbr>[^–—]{1,60}?)\s+[-–—]\s+(?P<full>.+)$")
# «РМО: районные методические объединения» — an acronym and a colon.
_ABBR_COLON = re.compile(r"^(?P<abbr>[А-ЯЁA-Z][А-ЯЁA-Zа-яё]*[А-ЯЁA-Z](?:\s+[А-ЯЁA-Z]{2,})?)\s*:\s+"
                         r"(?P<full>[а-яёА-ЯЁ«].+)$")
_FUNCTION_WORDS = {"и", "или", "в", "во", "на", "по", "с", "со", "о", "об", "для", "к", "а",
                   "из", "от", "при", "за", "до"}


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation a document introduces, with what it stands for and where."""

    abbr: str
    full: str
    line: int
    rule: str  # "далее", "list of abbreviations", "title acronym"


@dataclass(frozen=True)
class TermDef:
    """A defined concept: its name, definition and abbreviation if any."""

    name: str
    definition: str
    abbreviation: str | None


def _unquote(abbr: str) -> str:
    abbr = abbr.strip().strip(" .,;")
    if abbr.startswith("«") and abbr.endswith("»") and abbr.count("«") == 1:
        return abbr[1:-1].strip()
    return abbr


def acronym_of(words: str) -> str:
    """The initials of a phrase's content words, each part of a compound counted.

    >>> acronym_of("Мобильная регионально-муниципальная методическая служба")
    'МРММС'
    """
    out = []
    for t in tokens(words):
        if t.text.lower() in _FUNCTION_WORDS:
            continue
        out += [part[0].upper() for part in t.text.split("-") if part]
    return "".join(out)


def _last_segment(before: str) -> str:
    """The text since the last clause-level delimiter outside quotes."""
    depth = 0
    cut = 0
    for i, ch in enumerate(before):
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif (depth == 0 and ch in ";:()") or (depth == 0 and ch in ",." and \
                before[i + 1:i + 2] == " "):
            cut = i + 1
    return before[cut:].strip(" -–—")


def _expansion(before: str, abbr: str) -> str:
    seg = _last_segment(before)
    toks = tokens(seg)
    if not toks:
        return seg
    first = tokens(abbr)
    if not first:
        return seg
    if is_acronym(first[0].text):
        letter = first[0].text[0].lower()
        for t in toks:
            if t.text.lower() not in _FUNCTION_WORDS and t.text[0].lower() == letter:
                return seg[t.start:].strip()
        return seg
    want = lemma(first[0].text)
    for t in reversed(toks):
        if t.lemma == want:
            return seg[t.start:].strip()
    return seg


def find_abbreviations(paragraph: str, line: int) -> list[Abbreviation]:
    """The ``(далее – X)`` abbreviations a paragraph introduces, with their expansions.

    >>> [(a.abbr, a.full) for a in find_abbreviations(
    ...     "Управление осуществляет Координационный совет РМС (далее – «КС РМС»), в который", 1)]
    [('КС РМС', 'Координационный совет РМС')]
    >>> [(a.abbr, a.full) for a in find_abbreviations(
    ...     "комитета общего и профессионального образования Ленинградской области "
    ...     "(далее - Комитет).", 1)]
    [('Комитет', 'комитета общего и профессионального образования Ленинградской области')]
    """
    text = normalize_quotes(paragraph)
    out = []
    for m in _DALEE.finditer(text):
        abbr = _unquote(m.group("abbr"))
        if not abbr:
            continue
        out.append(Abbreviation(abbr, _expansion(text[:m.start()], abbr), line, "далее"))
    return out


def parse_abbreviation_item(item: str, line: int) -> Abbreviation | None:
    """An entry of a list of abbreviations: ``МУ «ВРМЦ» - Муниципальное учреждение …``.

    >>> parse_abbreviation_item("КОиПО ЛО – комитет общего и профессионального образования", 3)
    Abbreviation(abbr='КОиПО ЛО', full='комитет общего и профессионального образования', \
line=3, rule='list of abbreviations')
    """
    m = _ABBR_ITEM.match(normalize_quotes(item).strip().rstrip(";.")) or \
        _ABBR_COLON.match(normalize_quotes(item).strip().rstrip(";."))
    if not m:
        return None
    return Abbreviation(m.group("abbr").strip(), m.group("full").strip(), line,
                        "list of abbreviations")


def parse_term(paragraph: str) -> TermDef | None:
    """A term definition ``«термин» (далее – X) – определение``, or ``None``.

    >>> t = parse_term("«тьютор» - педагогический работник, обеспечивающий освоение программ;")
    >>> t.name, t.definition
    ('тьютор', 'педагогический работник, обеспечивающий освоение программ')
    >>> parse_term("«индивидуальный образовательный маршрут» - комплекс мероприятий (далее – ИОМ);")
    TermDef(name='индивидуальный образовательный маршрут', definition='комплекс мероприятий', \
abbreviation='ИОМ')
    """
    m = _TERM.match(normalize_quotes(paragraph).strip())
    if not m:
        return None
    name = m.group("name").strip()
    definition = m.group("definition").strip().rstrip(";.").strip()
    abbr = _unquote(m.group("abbr")) if m.group("abbr") else None
    if abbr is None:
        # "(далее – ИОМ)" at the end of the definition names the term when its initials fit.
        for d in _DALEE.finditer(definition):
            candidate = _unquote(d.group("abbr"))
            if candidate.upper() == acronym_of(name):
                abbr = candidate
                definition = (definition[:d.start()] + definition[d.end():]).strip().rstrip(";.")
    return TermDef(name, definition.strip(), abbr)


def title_acronym(title: str) -> tuple[str, str] | None:
    """The acronym a regulation uses for its own subject without introducing it.

    "Положение о муниципальной методической службе города Зеи" calls its subject ММС.

    >>> title_acronym("Положение о муниципальной методической службе города Зеи")
    ('ММС', 'муниципальной методической службе города Зеи')
    """
    m = re.search(r"\bо(?:б)?\s+(.+)$", title.strip(), re.IGNORECASE)
    if not m:
        return None
    subject = m.group(1)
    head: list[str] = []
    from graph.loaders.regulations.morph import is_noun

    for t in tokens(subject):
        head.append(t.text)
        if is_noun(t.text):
            break
    acronym = acronym_of(" ".join(head))
    return (acronym, subject) if len(acronym) >= 2 else None


# A definition clause: «К школам-партнёрам относятся …», «Под подшефными школами (в настоящем
# Положении) понимаются …», «…, именуемые в дальнейшем подшефные школы».
_DEFINITION = re.compile(
    r"(?:^|(?<=[.;:]\s))(?:К\s+(?P<to>[^,.;:()]{3,60}?)\s+относ(?:ятся|ится)"
    r"|Под\s+(?P<under>[^,.;:()]{3,60}?)\s+(?:в\s+настоящем\s+[А-ЯЁа-яё]+\s+)?"
    r"понима(?:ются|ется))\s+(?P<what>[^.;]{8,400})")
_CALLED = re.compile(r"(?P<what>[^.;:()]{8,300}?),?\s+именуем\w*\s+(?:далее|в\s+дальнейшем)\s*"
                     r"[-–—]?\s*(?P<term>[^,.;:()«»]{3,60}?)\s*(?:[,.;)]|$)")

# «Школы с низкими результатами и школы, функционирующие в неблагоприятных условиях, в
# настоящем Положении совместно именуются ШНОР»: a short name given to what is named before.
_CALLED_TOGETHER = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=^\d\.\s)|(?<=\d\.\d\.\s)|(?<=\d\.\d\.\d\.\s))"
    r"(?P<what>[^.;:()]{8,300}?)\s+(?:в\s+настоящем\s+[А-ЯЁа-яё]+\s+)?"
    r"(?:совместно\s+|вместе\s+)?именуются\s+(?:далее\s+)?[-–—]?\s*"
    r"(?P<term>[А-ЯЁ][А-ЯЁа-яё-]{1,15})\s*(?:[,.;]|$)")


def definitions(text: str, line: int) -> list[Abbreviation]:
    """The names a paragraph defines once for the rest of the text and what each stands for
    (a name of at most four words), so that what a later mention is about is known.

    >>> [(a.abbr, a.full) for a in definitions("К опорным школам относятся школы района, "
    ...                                        "показывающие высокие результаты.", 3)]
    [('опорным школам', 'школы района, показывающие высокие результаты')]
    >>> [(a.abbr, a.full) for a in definitions("Центр работает со школами района с низкими "
    ...                                        "результатами, именуемыми в дальнейшем школы "
    ...                                        "сети.", 4)]
    [('школы сети', 'Центр работает со школами района с низкими результатами')]
    >>> [(a.abbr, a.full) for a in definitions("1.4. Школы с низкими результатами и школы, "
    ...                                        "функционирующие в неблагоприятных условиях, в "
    ...                                        "настоящем Положении совместно именуются ШНОР.", 5)]
    [('ШНОР', 'Школы с низкими результатами и школы, функционирующие в неблагоприятных условиях')]
    """
    text = normalize_quotes(text)
    out: list[Abbreviation] = []
    if "имену" not in text and "относ" not in text and "понима" not in text:
        return out  # (none of the three wordings: spare the patterns' scan)
    for m in _DEFINITION.finditer(text):
        term = (m.group("to") or m.group("under")).strip()
        if len(term.split()) <= 4:
            out.append(Abbreviation(term, m.group("what").strip(" ,"), line, "definition"))
    for m in _CALLED.finditer(text):
        term = m.group("term").strip()
        if len(term.split()) <= 4:
            out.append(Abbreviation(term, m.group("what").strip(" ,"), line, "definition"))
    out += [Abbreviation(m.group("term"), m.group("what").strip(" ,"), line, "named together")
            for m in _CALLED_TOGETHER.finditer(text)]
    return out
