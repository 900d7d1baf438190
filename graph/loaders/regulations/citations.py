"""The normative base: cited laws, decrees and orders as ``Regulation`` nodes (kind+date+№)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.loaders.regulations.bodies import slug
from graph.loaders.regulations.morph import _morph, lemma_key, lemmas, normalize_quotes, tokens
from graph.model.enums import ActKind

__all__ = ["CitedAct", "act_id", "is_normative_base", "parse_act", "split_running_citations"]

_MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
           "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_DATE_WORDS = re.compile(r"от\s+(\d{1,2})\s+([а-я]+)\s+(\d{4})", re.IGNORECASE)
_DATE_DOTS = re.compile(r"от\s+(\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"№\s*([0-9A-Za-zА-Яа-я][0-9A-Za-zА-Яа-я\-/]*)")
# (lemmas the act's words start with, its kind): the first that fits.
_KINDS: tuple[tuple[tuple[str, ...], ActKind], ...] = (
    (("федеральный", "закон"), ActKind.federal_law),
    (("областной", "закон"), ActKind.regional_law),
    (("закон", "рф"), ActKind.federal_law),
    (("закон", "российский", "федерация"), ActKind.federal_law),
    (("закон",), ActKind.regional_law),
    (("указ",), ActKind.decree),
    (("постановление",), ActKind.government_resolution),
    (("распоряжение",), ActKind.disposition),
    (("приказ",), ActKind.order),
    (("паспорт",), ActKind.passport),
    (("концепция",), ActKind.concept),
    (("программа",), ActKind.programme),
    (("положение",), ActKind.regulation),
    (("конституция",), ActKind.other),
    (("конвенция",), ActKind.other),
)
# Documents cited by name alone: one of a kind, so the name is enough to tell which.
_NAMED_ALONE = {"конституция", "конвенция", "концепция", "закон"}
_SELF = re.compile(r"^настоящ\w+\s+положени\w+", re.IGNORECASE)


@dataclass(frozen=True)
class CitedAct:
    """An act as a citation describes it."""

    kind: ActKind
    title: str
    issuer: str | None
    date: dt.date | None
    number: str | None

    @property
    def id(self) -> str:
        return act_id(self.kind, self.date, self.number, self.title)


def act_id(kind: ActKind, date: dt.date | None, number: str | None, title: str) -> str:
    """The stable id of a cited act: kind, date and number, or kind and title without them.

    >>> act_id(ActKind.federal_law, dt.date(2012, 12, 29), "273-ФЗ", "Об образовании")
    'act:federal_law:2012-12-29:273-fz'
    >>> act_id(ActKind.other, None, None, "Конвенция о правах ребенка")
    'act:other:konventsiya-o-pravo-rebenok'
    """
    if date is not None and number:
        return f"act:{kind.value}:{date.isoformat()}:{slug(number)}"
    return f"act:{kind.value}:{slug(lemma_key(title))}"


def is_normative_base(head: str) -> bool:
    """Whether a clause lists (or names) the acts a regulation rests on.

    >>> is_normative_base("В своей деятельности МРММС руководствуется:")
    True
    >>> is_normative_base("Положение разработано на основе федеральных и региональных актов:")
    True
    """
    keys = lemmas(head)
    return "руководствоваться" in keys or ("нормативный" in keys and "основа" in keys) or (
        "разработать" in keys and "основа" in keys)


def split_running_citations(head: str) -> list[str]:
    """The acts named in running text after "руководствуется", split at commas outside quotes."""
    m = re.search(r"руководству\w*\s+(.*)$", head, re.IGNORECASE)
    if not m:
        return []
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in m.group(1):
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return [p.strip(" .;") for p in parts if p.strip(" .;")]


def is_self_reference(item: str) -> bool:
    return bool(_SELF.match(item.strip()))


def _nominative(text: str) -> str:
    """The first word put in the nominative: "Конвенцией о правах" → "Конвенция о правах"."""
    words = text.split(" ", 1)
    parse = _morph().parse(words[0])[0]
    form = parse.inflect({"nomn"}) if "NOUN" in parse.tag else None
    if form is None:
        return text
    first = form.word.capitalize() if words[0][0].isupper() else form.word
    return " ".join([first, *words[1:]])


def _title(text: str) -> str | None:
    start = text.find("«")
    if start < 0:
        return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "«":
            depth += 1
        elif text[i] == "»":
            depth -= 1
            if depth == 0:
                return text[start + 1:i].strip()
    return text[start + 1:].strip().rstrip(";.")


def parse_act(item: str) -> CitedAct | None:
    """A citation of an act, or ``None`` if the text names no particular act.

    >>> a = parse_act("Федеральный закон от 29 декабря 2012 года № 273-ФЗ «Об образовании в "
    ...               "Российской Федерации»;")
    >>> a.kind.value, a.date, a.number, a.title
    ('federal_law', datetime.date(2012, 12, 29), '273-ФЗ', 'Об образовании в Российской Федерации')
    >>> parse_act("Приказ комитета общего и профессионального образования Ленинградской области "
    ...           "от 11.05.2023 года № 18 «Об утверждении положения»").issuer
    'комитета общего и профессионального образования Ленинградской области'
    >>> parse_act("нормативно-правовыми актами Министерства образования и науки РФ") is None
    True
    """
    text = normalize_quotes(item).strip().strip(";.").strip()
    if not text or is_self_reference(text):
        return None
    keys = lemmas(text)
    kind = next((k for pattern, k in _KINDS if keys[:len(pattern)] == pattern), None)
    date = _date(text)
    number_m = _NUMBER.search(text)
    number = number_m.group(1) if number_m else None
    title = _title(text)
    if kind is None:
        return None
    words = tokens(text)
    plural = "plur" in _morph().parse(words[0].text)[0].tag if words else False
    if date is None and number is None and (plural or (
            title is None and keys[0] not in _NAMED_ALONE)):
        return None
    issuer = None
    before = re.split(r"\s+от\s+|«", text, maxsplit=1)[0]
    pattern_len = next(len(p) for p, k in _KINDS if keys[:len(p)] == p)
    if len(words) > pattern_len and words[pattern_len].start < len(before):
        issuer = before[words[pattern_len].start:].strip() or None
    if title is None:
        title = _nominative(text)
    return CitedAct(kind, title, issuer, date, number)


def _date(text: str) -> dt.date | None:
    m = _DATE_WORDS.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _safe_date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _DATE_DOTS.search(text)
    if m:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _safe_date(y: int, mth: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mth, d)
    except ValueError:
        return None
