"""The clause parser: a regulation's text as numbered clauses of logical paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.loaders.regulations.morph import _morph, normalize_quotes
from graph.loaders.regulations.report import LoadReport

__all__ = ["Paragraph", "ParsedText", "RawClause", "parent_number", "split_clauses"]

# "1. Title", "3.2.4. Text", "5.1 Text" (no final dot after a multi-part number), "3.3.Text".
_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,5})(?:\.\s*|\s+)(?=\S)(.*)$")
_MULTI_NO_DOT = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\s")
_BULLET = re.compile(r"^\s*[-–—•·]\s*")
_EMPHASIS = re.compile(r"\*{1,2}")
_TERMINAL = (".", ";", ":", "!", "?")
_JOINERS = {"это", "и", "или", "а", "в", "во", "с", "со", "на", "по", "при", "для", "к", "о", "об",
            "от", "из", "за", "до", "как", "что", "также"}


@dataclass
class Paragraph:
    """A logical paragraph: text lines joined where the text was broken mid-sentence."""

    text: str
    line: int
    bullet: bool = False


@dataclass
class RawClause:
    """A numbered clause: its number, the line it starts on and its own paragraphs.

    The first paragraph is the text on the number's line (its ``head``).
    """

    number: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def head(self) -> str:
        return self.paragraphs[0].text if self.paragraphs else ""

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class ParsedText:
    """The preamble (before the first clause) and the clauses in document order."""

    preamble: list[Paragraph]
    clauses: list[RawClause]

    def by_number(self) -> dict[str, RawClause]:
        return {c.number: c for c in self.clauses}


def parent_number(number: str) -> str | None:
    """The number of the enclosing clause.

    >>> parent_number("3.2.4"), parent_number("3")
    ('3.2', None)
    """
    head, sep, _ = number.rpartition(".")
    return head if sep else None


def split_clauses(text: str, *, where: str = "", report: LoadReport | None = None,
                  regulation_id: str = "") -> ParsedText:
    """Split a regulation into clauses of logical paragraphs.

    >>> t = split_clauses("Положение\\n1. Общие положения\\n1.1. Текст, который\\n\\n"
    ...                   "продолжается.\\nФункции:\\n- первая;\\n- вторая.")
    >>> [c.number for c in t.clauses], t.clauses[1].head
    (['1', '1.1'], 'Текст, который продолжается.')
    >>> [p.text for p in t.clauses[1].paragraphs[1:]]
    ['Функции:', 'первая;', 'вторая.']
    """
    preamble: list[Paragraph] = []
    clauses: list[RawClause] = []
    seen: dict[str, RawClause] = {}
    current: list[Paragraph] = preamble
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = normalize_quotes(_EMPHASIS.sub("", raw)).strip()
        if not line:
            continue
        m = _NUMBER.match(line)
        if m and _is_clause_start(line, m.group(1)):
            number, rest = m.group(1), m.group(2).strip()
            if number in seen:
                # The same number twice: keep the first clause whole, append the text to it.
                if report is not None:
                    report.skip(regulation_id, where, lineno, f"clause number {number} repeated",
                                "its text is appended to the first clause with that number")
                current = seen[number].paragraphs
                _append(current, rest, lineno, False)
                continue
            clause = RawClause(number, lineno)
            parent = parent_number(number)
            if report is not None and parent is not None and parent not in seen:
                report.skip(regulation_id, where, lineno,
                            f"clause {number} has no parent clause {parent}",
                            "kept, linked only to the regulation")
            clauses.append(clause)
            seen[number] = clause
            current = clause.paragraphs
            _append(current, rest, lineno, False, force_new=True)
            continue
        bullet = bool(_BULLET.match(line))
        body = _BULLET.sub("", line) if bullet else line
        _append(current, body, lineno, bullet)
    return ParsedText(preamble, clauses)


def _is_clause_start(line: str, number: str) -> bool:
    # A lone "1 ..." without a dot is a count in running text, not a clause.
    if "." not in number:
        return bool(re.match(r"^\s*\d{1,2}\.", line))
    return True if re.match(rf"^\s*{re.escape(number)}\.", line) else bool(
        _MULTI_NO_DOT.match(line))


def _append(paragraphs: list[Paragraph], text: str, lineno: int, bullet: bool, *,
            force_new: bool = False) -> None:
    if not text:
        if force_new:
            paragraphs.append(Paragraph("", lineno))
        return
    if paragraphs and not force_new and paragraphs[-1].text and _continues(
        paragraphs[-1].text, text, bullet
    ):
        paragraphs[-1].text = _join(paragraphs[-1].text, text)
        return
    if paragraphs and not force_new and not paragraphs[-1].text and len(paragraphs) == 1:
        paragraphs[-1].text, paragraphs[-1].line = text, lineno
        return
    paragraphs.append(Paragraph(text, lineno, bullet))


def _join(left: str, right: str) -> str:
    # "научно-" + "методического" is one word broken at its hyphen.
    if left.endswith("-") and not left.endswith(" -"):
        return left + right
    return f"{left} {right}"


def _continues(prev: str, cur: str, bullet: bool) -> bool:
    """Whether ``cur`` carries on the sentence ``prev`` left unfinished."""
    if prev.rstrip().endswith(_TERMINAL):
        return False
    first = cur.split(maxsplit=1)[0] if cur.split() else ""
    if cur.startswith("("):
        return True
    if not first or not first[0].islower():
        return False
    word = first.strip(",;:()«»").lower()
    if word in _JOINERS:
        return True
    if bullet:
        return False
    last = prev.rstrip().split()[-1].lower() if prev.split() else ""
    if prev.rstrip().endswith((",", "-", "–")) or last in _JOINERS:
        return True
    # A new list item starts with a noun in the nominative ("оказание помощи …"); a broken
    # sentence carries on with an oblique case, an adjective or a participle.
    parses = _morph().parse(word)
    best = parses[0] if parses else None
    return not ((best is not None and "NOUN" in best.tag and "nomn" in best.tag)
                or (best is not None and "NOUN" in best.tag and "accs" in best.tag
                and "inan" in best.tag and _nominative_possible(word)))


def _nominative_possible(word: str) -> bool:
    return any("nomn" in p.tag for p in _morph().parse(word) if "NOUN" in p.tag)
