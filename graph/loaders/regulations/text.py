"""The clause parser: a regulation's text as numbered clauses of logical paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.loaders.regulations.morph import _morph, lemmas, normalize_quotes
from graph.loaders.regulations.report import LoadReport

__all__ = ["Paragraph", "ParsedText", "RawClause", "parent_number", "split_clauses"]

# "1. Title", "3.2.4. Text", "5.1 Text" (no final dot after a multi-part number), "3.3.Text",
# "2.105. Text" (parts of up to three digits).
# (a date wrapped to a line's start, "29.12.2012 № 273-ФЗ", is not clause 29.12)
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,5})(?!\.?\d)(?:\.\s*|\s+)(?=\S)(.*)$")
_MULTI_NO_DOT = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\s")
_DOTLESS_HEADING = re.compile(r"^\s*\d{1,2}\s+[А-ЯЁ][а-яё]+(?:[ ,\-–][^.;:!?]{0,60})?$")
# "IV. Порядок работы", "Раздел II. Структура", "Глава 3. Функции", "Статья 2. Функции".
_ROMAN = re.compile(r"^\s*(?:(?:раздел|глава)\s+)?([IVXL]{1,7})\s*[.)]?\s+(?=\S)(.*)$",
                    re.IGNORECASE)
_SECTION_WORD = re.compile(r"^\s*(?:раздел|глава|статья|шаг|этап)\s+(\d{1,3})\s*\.?\s+(?=\S)(.*)$",
                           re.IGNORECASE)
# "Слайд 3" (a presentation's text, slide by slide), alone on its line or before its title.
_SLIDE = re.compile(r"^\s*слайд\s+(\d{1,3})\s*[.:]?\s*(.*)$", re.IGNORECASE)
# Items «а) …», «1) …», «– …», and «а. …» (a letter and a dot before a word in lower case, so
# that «г. Зея» or «с. Ивановка» at a line's start stays text).
# («а. Комитет …», «б. ИМЦ …» before a capital too, by letters no place is abbreviated to)
_BULLET = re.compile(r"^\s*(?:[-–—•·▪●○◦►▸▶➢➤→✓✔✅☑❖◆■□⁃‣]|(?:\d{1,2}|[а-яёa-z])\)"
                     r"|[а-яё]\.(?=\s+[а-яё]{2})|[абвежз]\.(?=\s+[А-ЯЁ]))\s*")
# Where a line joined from several (text copied from a PDF or a web page) holds a new clause
# number or a new list item: a number is checked against the numbering before it.
# (on a web page a clause may follow its section's heading or the last sentence without a
# space: «1. Общие положения1.1. Центр …», «… ФГОС.2.2. Задачи …»; then only a number with
# parts and a dot: «1.1.»)
_JOINED_NUMBER = re.compile(r"(?:(?<=\s)|(?<=[А-Яа-яЁё.»)]))(\d{1,3}(?:\.\d{1,3}){0,5})(\.?)"
                            r"(?=\s+(\S))")
_JOINED_ITEM = re.compile(r"(?<=[:;])\s+(?=(?:[-–—•]|\d{1,2}\)|[а-яё]\))\s)")
_NOT_BEFORE_NUMBER = {"от", "п", "пп", "пункт", "пункта", "пункте", "пунктом", "пунктами",
                      "пунктах", "пунктов", "ст", "статья", "статьи", "статьей", "№", "г", "гг",
                      "с", "по", "до", "и", "в", "на", "раздел", "раздела", "разделе", "глава",
                      "главы", "подпункт", "подпункта", "часть", "части", "приложение",
                      "приложения", "приложении", "шаг", "этап"}
# A page's number left in text copied from a PDF: "- 2 -", "– 3 –".
_PAGE_NUMBER = re.compile(r"(?<=\s)[-–—]\s?\d{1,3}\s?[-–—](?=\s)")
_PAGE_ALONE = re.compile(r"[-–—]\s?\d{1,3}\s?[-–—]")  # a line of its own: "– 2 –"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_EMPHASIS = re.compile(r"\*{1,2}")
_STAR_ITEM = re.compile(r"^\s*\*\s+(?=\S)")
# A region's second name in brackets inside a body's name: "Республики Саха (Якутия)".
_SECOND_PLACE_NAME = re.compile(r"(?<=[А-ЯЁа-яё]) \(([А-ЯЁ][а-яё]+)\)")
_TOWN_BEFORE_SHORT_NAME = re.compile(r" \(((?:г|с|п|пос|пгт|д|ст)\.\s*[А-ЯЁ][А-ЯЁа-яё-]+(?:\s[А-ЯЁ]"
                                     r"[А-ЯЁа-яё-]+)?)\)(?=\s*\(\s*далее)")


def _unbracket_place(m: re.Match[str]) -> str:
    """" Якутия" for " (Якутия)" where the word is a place's name, else the text unchanged."""
    from graph.loaders.regulations.morph import _morph

    return f" {m.group(1)}" if "Geox" in str(_morph().parse(m.group(1))[0].tag) else m.group(0)
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
    lines = _lines(text)
    romans = _roman_numbers(lines)
    parts = _sections_restart(lines)
    if parts:  # "IV." is section 4 whose parts "1.", "2." are clauses 4.1, 4.2
        romans = {r: str(_roman(r)) for r in romans}
    section: str | None = None
    last: tuple[int, ...] | None = None
    item_next: int | None = None  # the next number of a list numbered "1.", "2." in a clause
    pending: tuple[int, str] | None = None  # a heading in capitals without a number
    for lineno, line in lines:
        numbered = _numbered(line, romans)
        if pending is not None:
            # "ФУНКЦИИ КЛУБА" over "2.1. …" without a clause 2: the heading is clause 2
            parent = parent_number(numbered[0]) if numbered is not None else None
            if numbered is not None and parent is not None and parent not in seen and \
                    numbered[0].endswith(".1") and "." not in parent:
                heading = RawClause(parent, pending[0])
                if report is not None:
                    report.skip(regulation_id, where, pending[0],
                                f"heading «{pending[1][:60]}» without a number",
                                f"read as clause {parent}, the section of {numbered[0]}")
                clauses.append(heading)
                seen[parent] = heading
                _append(heading.paragraphs, pending[1], pending[0], False, force_new=True)
            else:
                _append(current, pending[1], pending[0], False)
            pending = None
        if numbered is None and clauses and _caps_heading(line):
            pending = (lineno, line)
            continue
        if parts and numbered is not None:
            if _section_heading(line):
                section = numbered[0]
            elif section is not None and numbered[0][:1].isdigit() and not _numbered_item(
                    numbered, last, item_next, current):
                numbered = (f"{section}.{numbered[0]}", numbered[1])
        if numbered is not None and _numbered_item(numbered, last, item_next, current):
            item_next = int(numbered[0]) + 1
            _append(current, numbered[1], lineno, True)
            continue
        if numbered is not None and numbered[0][:1].isdigit():
            last, item_next = _as_tuple(numbered[0]), None
        if numbered is not None and not numbered[0].isdigit() and "." not in numbered[0]:
            # "II. Функции" above clauses numbered straight through: a heading, not a clause
            if report is not None:
                report.skip(regulation_id, where, lineno, f"section heading «{line[:60]}»",
                            "above clauses numbered straight through: read as a heading")
            continue
        if numbered is not None:
            number, rest = numbered
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
        body = _BULLET.sub("", line, count=1) if bullet else line
        _append(current, body, lineno, bullet)
    if pending is not None:
        _append(current, pending[1], pending[0], False)
    if not clauses and preamble:
        blanks = {n for n, raw in enumerate(text.splitlines(), start=1) if not raw.strip()}
        clauses, preamble = _blocks_as_clauses(preamble, blanks)
        if not clauses:
            clauses, preamble = _paragraphs_as_clauses(preamble)
        if report is not None and clauses:
            report.skip(regulation_id, where, clauses[0].line, "no clause numbers in the text",
                        f"its {len(clauses)} "
                        f"{'blocks between headings' if preamble else 'paragraphs'} are read "
                        f"as clauses 1–{len(clauses)} in order")
    return ParsedText(preamble, clauses)


def _caps_heading(line: str) -> bool:
    """A short line in capitals of two words or more, not a sentence: «ФУНКЦИИ КЛУБА»."""
    words = re.findall(r"[А-ЯЁA-Zа-яёa-z]+", line)
    return 2 <= len(words) <= 12 and line.isupper() and not line.rstrip().endswith((".", ";", ","))


def _section_heading(line: str) -> bool:
    """Whether a line is a section's heading by a word or a Roman number ("Статья 2. Функции",
    "Глава 3.", "IV. Порядок работы"), not a numbered clause."""
    m = _NUMBER.match(line)
    if m and _is_clause_start(line, m.group(1)):
        return False
    r = _ROMAN.match(line)
    return bool(_SECTION_WORD.match(line)) or bool(
        r and _roman(r.group(1)) is not None and r.group(2)[:1].isupper())


def _sections_restart(lines: list[tuple[int, str]]) -> bool:
    """Whether each section («Статья 2.», «Глава 3.», «IV.») numbers its parts from 1 again,
    as laws do ("Статья 2. … 1. ЦНППМ: … 2. РЦОКО …"): then part 1 of article 2 is clause 2.1.

    >>> _sections_restart([(1, "Статья 1. Общие"), (2, "1. Текст."), (3, "2. Текст."),
    ...                    (4, "Статья 2. Функции"), (5, "1. Текст.")])
    True
    >>> _sections_restart([(1, "I. Общие"), (2, "1. Текст."), (3, "II. Функции"), (4, "2. Т.")])
    False
    """
    firsts: list[int | None] = []
    for _, line in lines:
        if _section_heading(line):
            firsts.append(None)
            continue
        m = _NUMBER.match(line)
        if m and "." not in m.group(1) and _is_clause_start(line, m.group(1)) and firsts and \
                firsts[-1] is None:
            firsts[-1] = int(m.group(1))
    got = [f for f in firsts if f is not None]
    return len(got) >= 2 and all(f == 1 for f in got)


def _numbered_item(numbered: tuple[str, str], last: tuple[int, ...] | None,
                   item_next: int | None, current: list[Paragraph]) -> bool:
    """Whether "1. организацию стажировок;" under "2.1. Центр осуществляет:" is an item of a
    list numbered inside the clause, not clause 1: a one-part number in lower case after a
    colon or a semicolon, that does not continue the clauses (or continues the list)."""
    number, rest = numbered
    if "." in number or not number.isdigit() or not current:
        return False
    n = int(number)
    if not rest[:1].islower():
        # "2.1. Функции ММС: / 1. Рассмотрение программ … / 2. Экспертиза …": capitalised
        # items are sentences of three words or more, the first right after the colon
        sentence = rest.rstrip().endswith((".", ";")) and (len(rest.split()) >= 3 or (
            len(rest.split()) == 2 and _is_verb(rest.split()[0])))  # "1. Проводит олимпиаду."
        after = current[-1].text.rstrip().endswith(":") if item_next is None else \
            current[-1].text.rstrip().endswith((".", ";"))
        return sentence and after and ((item_next is None and n == 1 and last is not None)
                                       or item_next == n)
    if not current[-1].text.rstrip().endswith((":", ";")):
        return False
    return (item_next is None and n == 1 and last is not None) or \
        item_next == n


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _cells(raw: str) -> str:
    """A line of a table copied as text, its cells split by tabs, as a .docx table's row is
    read ("1. Семинар | март | ИМЦ"); other control characters become spaces.

    >>> _cells("1.\\tСеминар для учителей\\tмарт\\tИМЦ")
    '1. Семинар для учителей | март | ИМЦ'
    >>> _cells("Текст\\tс табуляцией")
    'Текст с табуляцией'
    """
    parts = [c.strip() for c in raw.split("\t") if c.strip()]
    if len(parts) >= 3:
        number = re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", parts[0])
        raw = f"{parts[0]} " + " | ".join(parts[1:]) if number else " | ".join(parts)
    else:
        raw = " ".join(parts) if "\t" in raw else raw
    return _CONTROL.sub(" ", raw)


def _is_verb(word: str) -> bool:
    """A verb in the third person or an infinitive: what a body does ("Проводит")."""
    tag = str(_morph().parse(word.lower())[0].tag)
    return ("VERB" in tag and "3per" in tag) or "INFN" in tag


# The lines of an organisation chart drawn as a text tree ("│", "├──", "└──", "+--"):
# what stands after them is the node's own text.
_TREE = re.compile(r"^[\s│┃├┝┠┣└┗┕┖─━┌┐┘┬┴┼╴╶]*(?:[├└┣┗]\s*[─━-]+|[+`]--+|[│┃])[\s│┃├└─━-]*")


def _lines(text: str) -> list[tuple[int, str]]:
    """The text's non-empty lines, cleaned, with their line numbers; a line joined from several
    is split again at its clause numbers and list items (all parts keep the line's number)."""
    out: list[tuple[int, str]] = []
    last: tuple[int, ...] | None = None
    raw_lines = text.replace("\ufeff", "").splitlines()
    opening = set(lemmas(" ".join(raw_lines[:20])))
    after_page = False
    for lineno, raw in _markers_joined(raw_lines):
        raw = _cells(raw)
        raw = _TREE.sub("", raw, count=1)  # "│   ├── 1.1. …": a text tree's lines, not words
        raw = _STAR_ITEM.sub("• ", raw, count=1)  # "* проведение …": an item, not emphasis
        line = normalize_quotes(_EMPHASIS.sub("", raw)).replace("\xa0", " ").strip()
        line = _PAGE_NUMBER.sub(" ", line).strip()  # "… района. - 2 - 1.5. Центр …"
        line = _SECOND_PLACE_NAME.sub(_unbracket_place, line)  # "Республики Саха (Якутия)"
        # "«Информационно-методический центр» (г. Пикалёво) (далее – ИМЦ)": the town a name
        # is in, then its short name
        line = _TOWN_BEFORE_SHORT_NAME.sub(r" \1", line)
        # (a bare number between blank lines is a page's number too: "…, имеющих стаж / / 2 /
        # / менее трёх лет;")
        bare = re.fullmatch(r"\d{1,3}", line) is not None and 1 < lineno < len(raw_lines) and \
            not raw_lines[lineno - 2].strip() and not raw_lines[lineno].strip()
        if not line or bare or _PAGE_ALONE.fullmatch(line) or _PAGE_OF.fullmatch(line):
            after_page = after_page or bool(line)
            continue
        if after_page and _running_header(line, opening):
            continue  # "Положение о Совете …" repeated at the top of each page
        after_page = False
        parts, last = _resplit(line, last)
        if out and _FOLLOWING_STOP.search(out[-1][1]) and out[-1][0] == lineno - 1 and \
                parts and parts[0][:1].isupper():
            # "Центр выполняет следующие работы." over a line per item: the list's head
            out[-1] = (out[-1][0], out[-1][1][:-1].rstrip() + ":")
        out += [(lineno, p) for p in parts]
    return out


# A line holding only a clause number ("1.", "2.3.", "IV.", "1)", "а)") or an item's marker
# ("–", "•"): text copied from a PDF often puts them on lines of their own. A bare number with
# no dot or bracket ("2") is a page's number, not a clause's.
_MARKER_ONLY = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3}){0,5}\.|\d{1,3}(?:\.\d{1,3}){1,5}|"
                          r"\d{1,2}\)|[а-яё]\)|[IVXLC]{1,6}\.|[-–—•·*])\s*")


def _markers_joined(raw_lines: list[str]) -> list[tuple[int, str]]:
    """The lines with their numbers, a line holding only a clause number or an item's marker
    joined to the next line that holds text (the joined line keeps the marker's number).

    >>> _markers_joined(["1.", "Общие положения", "1.1.", "", "Центр создан.", "–", "первое;"])
    [(1, '1. Общие положения'), (3, '1.1. Центр создан.'), (6, '– первое;')]
    >>> _markers_joined(["Текст", "2", "Дальше"])
    [(1, 'Текст'), (2, '2'), (3, 'Дальше')]
    >>> _markers_joined(["с кафедрой ВИРО. 3.4.", "Базовая школа предоставляет помещения."])
    [(1, 'с кафедрой ВИРО.'), (1, '3.4. Базовая школа предоставляет помещения.')]
    """
    out: list[tuple[int, str]] = []
    waiting: tuple[int, str] | None = None
    for lineno, raw in enumerate(raw_lines, start=1):
        if _MARKER_ONLY.fullmatch(raw):
            if waiting is not None:
                out.append(waiting)
            waiting = (lineno, raw.strip())
            continue
        if waiting is not None:
            if not raw.strip():
                continue
            raw = f"{waiting[1]} {raw.strip()}"
            lineno = waiting[0]
            waiting = None
        trailing = _NUMBER_AT_END.match(raw)
        if trailing is not None:
            # "… совместно с кафедрой ВИРО. 3.4." over "Базовая школа предоставляет …": a
            # clause's number the line broke off from its text
            out.append((lineno, trailing["text"]))
            waiting = (lineno, trailing["number"])
            continue
        out.append((lineno, raw))
    if waiting is not None:
        out.append(waiting)
    return out


# A line that ends with a sentence, then a clause's number whose text is on the next line.
_NUMBER_AT_END = re.compile(r"(?P<text>.*[.;:!?»)])\s+(?P<number>\d{1,3}(?:\.\d{1,3}){1,5}\.)\s*$")


# A sentence that announces what follows ("… следующие функции.") written with a stop.
_FOLLOWING_STOP = re.compile(r"\bследующ(?:ие|их|ее|ая|ей)(?:\s+[а-яё]+){1,3}\s*\.$")


# A page's number with the count of pages: "Стр. 2 из 3", "Страница 2 из 5", "2 / 5".
_PAGE_OF = re.compile(r"(?:(?:стр|страница|с)\.?\s*)?\d{1,3}\s*(?:из|/)\s*\d{1,3}",
                      re.IGNORECASE)


def _running_header(line: str, opening: set[str]) -> bool:
    """Whether a line after a page's number repeats the document's title as a page header:
    short, no clause number, no final stop, every word one of the title's.

    >>> _running_header("Положение о Совете", {"положение", "о", "совет", "город"})
    True
    >>> _running_header("2.3. Клуб проводит встречи.", {"клуб"})
    False
    >>> _running_header("Положение о РМО учителей музыки и ИЗО",
    ...                 {"положение", "о", "рмо", "учитель", "музыка", "и", "изобразительный"})
    True
    """
    words = lemmas(line)
    # (one word the opening lacks in a capitalised header of four or more: «Положение о РМО
    # учителей музыки и ИЗО» over «… учителей музыки и изобразительного искусства»)
    unknown = len(set(words) - opening)
    return 0 < len(words) <= 12 and not re.match(r"\d", line) and \
        not line.endswith((".", ";", ":")) and (
            unknown == 0 or (unknown == 1 and len(words) >= 4 and line[:1].isupper()))


def _resplit(line: str, last: tuple[int, ...] | None) -> tuple[list[str], tuple[int, ...] | None]:
    """Split a line at clause numbers that continue the numbering before them.

    >>> _resplit("1. Общие положения 1.1. Совет создан от 01.09.2024 № 5. 1.2. Текст", None)
    (['1. Общие положения', '1.1. Совет создан от 01.09.2024 № 5.', '1.2. Текст'], (1, 2))
    >>> _resplit("Функции: - первая; - вторая.", None)[0]
    ['Функции:', '- первая;', '- вторая.']
    >>> _resplit("2. Цели и задачи2.1. Цель: рост.2.2. Задачи: • первая; • вторая.", (1, 6))[0]
    ['2. Цели и задачи', '2.1. Цель: рост.', '2.2. Задачи:', '• первая;', '• вторая.']
    """
    m = _NUMBER.match(line)
    if m and _is_clause_start(line, m.group(1)):
        last = _as_tuple(m.group(1))
    cuts: list[int] = []
    for c in _JOINED_NUMBER.finditer(line):
        number, dot, nxt = c.group(1), c.group(2), c.group(3)
        glued = line[max(0, c.start() - 2):c.start()]
        if not glued[-1:].isspace() and (not (dot and "." in number) or glued[:1].isdigit()):
            continue  # (nor the middle of a number: «2.2.3.» is no «2.3.»)
        n = _as_tuple(number)
        if not _follows(last, n) or (not dot and "." not in number):
            continue
        before = line[:c.start()].rstrip()
        word = before.rsplit(maxsplit=1)[-1].lower().strip(".,") if before else ""
        if word in _NOT_BEFORE_NUMBER or before.endswith(("№", "-", "–")):
            continue
        if not (nxt[0].isupper() or nxt[0] in "«(" or before.endswith((";", ":", "."))):
            continue
        cuts.append(c.start())
        last = n
    parts = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    out: list[str] = []
    for part in parts:
        out += [x.strip() for x in _JOINED_ITEM.split(part) if x.strip()]
    return out, last


def _as_tuple(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split("."))


def _follows(last: tuple[int, ...] | None, n: tuple[int, ...]) -> bool:
    """Whether clause number ``n`` can come right after ``last`` (a child, or the next sibling
    at some depth)."""
    if last is None:
        return n in ((1,), (1, 1))
    if n == (*last, 1):
        return True
    return any(n == (*last[:k], last[k] + 1) for k in range(len(last)))


def _roman(word: str) -> int | None:
    """The value of a Roman numeral (I … XL), or ``None``."""
    word = word.upper()
    if not word or any(c not in _ROMAN_VALUES for c in word):
        return None
    total = 0
    for a, b in zip(word, [*word[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total if 0 < total <= 40 else None


def _roman_numbers(lines: list[tuple[int, str]]) -> dict[str, str]:
    """How Roman section numbers are written as clause numbers: as Arabic ("IV" → "4") where
    the text numbers its clauses under them "4.1", kept as written where the text numbers its
    clauses "1.", "2." … straight through (then "4" would be another clause)."""
    romans = {}
    plain: set[str] = set()
    for _, line in lines:
        m = _ROMAN.match(line)
        if m and _roman(m.group(1)) is not None and not _NUMBER.match(line):
            romans[m.group(1).upper()] = str(_roman(m.group(1)))
        n = _NUMBER.match(line)
        if n and "." not in n.group(1) and _is_clause_start(line, n.group(1)):
            plain.add(n.group(1))
    return {r: (r if a in plain else a) for r, a in romans.items()}


def _numbered(line: str, romans: dict[str, str]) -> tuple[str, str] | None:
    """The clause number a line starts with and the rest of it, or ``None``."""
    m = _NUMBER.match(line)
    if m and _is_clause_start(line, m.group(1)):
        return m.group(1), m.group(2).strip()
    m = _SECTION_WORD.match(line) or _SLIDE.match(line)
    if m:
        return m.group(1), m.group(2).strip()
    m = _ROMAN.match(line)
    if m and m.group(1).upper() in romans and m.group(2)[:1].isupper():
        return romans[m.group(1).upper()], m.group(2).strip()  # a heading when kept Roman
    return None


def _blocks_as_clauses(paragraphs: list[Paragraph], blanks: set[int]
                       ) -> tuple[list[RawClause], list[Paragraph]]:
    """A text without numbers laid out as a web page: blocks between blank lines under headings
    in capitals. Each block that is not a heading is a clause (its lines its paragraphs: a list's
    head and its items as capitalised sentences stay together); the headings, and what stands
    before the first of them (the page's title, a note), are its preamble. No clauses when the
    text has no such headings or no block of several lines (then each paragraph is a clause)."""
    blocks: list[list[Paragraph]] = []
    for p in paragraphs:
        if blocks and not any(blocks[-1][-1].line < n < p.line for n in blanks):
            blocks[-1].append(p)
        else:
            blocks.append([p])
    heading = [len(b) == 1 and _capitals_heading(b[0].text) for b in blocks]
    if sum(heading) < 2 or True not in heading[1:]:
        return [], paragraphs
    first = heading.index(True)
    preamble = [p for b in blocks[:first] for p in b]
    clauses: list[RawClause] = []
    if not any(len(b) > 1 for b in blocks):
        # a note of one-paragraph blocks under headings in capitals by level: its title
        # («ПОЯСНИТЕЛЬНАЯ ЗАПИСКА к …», opening in capitals) is no clause, the paragraphs
        # before the first heading are
        if len(blocks) - sum(heading) < 4:
            return [], paragraphs
        preamble = [b[0] for b in blocks[:first] if _opens_in_capitals(b[0].text)]
        clauses = [RawClause(str(k + 1), b[0].line, list(b)) for k, b in enumerate(
            b for b in blocks[:first] if not _opens_in_capitals(b[0].text))]
    for b, is_heading in zip(blocks[first:], heading[first:], strict=True):
        if is_heading or (not clauses and len(b) == 1 and _APPROVED.match(b[0].text)) or (
                len(b) == 1 and _PAGE_FOOTER.match(b[0].text)):
            # ("Утверждено приказом … от … № 198" under the title: the title block's, no
            # clause; nor is a page's footer, "Опубликовано: 14.10.2024 | Просмотров: 212")
            preamble += b
            continue
        for part in _block_paragraphs(b):
            clauses.append(RawClause(str(len(clauses) + 1), part[0].line, part))
    return clauses, preamble


_LIST_HEAD = re.compile(r"(?::|\bследующ\w*\s+[^.]*\.)\s*$", re.IGNORECASE)


def _block_paragraphs(block: list[Paragraph]) -> list[list[Paragraph]]:
    """A web page's block, its paragraphs: a line that follows a finished sentence and is no
    item opens a paragraph of its own; a list's head and its items (marked, or capitalised
    sentences after the head's colon, each but the last ending in «;») stay together.

    >>> [[p.text[:12] for p in part] for part in _block_paragraphs([Paragraph(
    ...     t.removeprefix("– "), n, t.startswith("–")) for n, t in enumerate([
    ...     "Цель ГМО – рост.", "Задачи ГМО:", "– изучение;", "– обмен.", "Кабинет ведёт сайт."],
    ...     1)])]
    [['Цель ГМО – р'], ['Задачи ГМО:', 'изучение;', 'обмен.'], ['Кабинет ведё']]
    >>> [len(part) for part in _block_paragraphs([Paragraph(t, n) for n, t in enumerate([
    ...     "Центр выполняет следующие работы.", "Изучает документы.", "Обменивается опытом."],
    ...     1)])]
    [3]
    """
    parts: list[list[Paragraph]] = []
    for p in block:
        before = parts[-1][-1].text.rstrip(" »\")") if parts else ""
        if parts and (p.bullet or not before.endswith((".", "!", "?"))
                      or p.text.startswith("#") or (  # (a post's tags: «#Дальнереченск …»)
                # items as capitalised sentences under a head («Центр выполняет следующие
                # работы.», «Кабинет выполняет следующие функции:»), none of them marked
                _LIST_HEAD.search(parts[-1][0].text) and not any(q.bullet for q in parts[-1]))):
            parts[-1].append(p)
        else:
            parts.append([p])
    return parts


# A web page's footer left in the text: «Опубликовано: 14.10.2024 | Просмотров: 212»,
# «Поделиться: ВКонтакте | Telegram».
# («Документы для скачивания:», «Положение о ГМО (pdf, 312 КБ)»: the page's attachments)
_PAGE_FOOTER = re.compile(r"(?:опубликовано|дата\s+(?:публикации|размещения)|просмотров|"
                          r"обновлено|последнее\s+изменение|версия\s+для\s+печати|"
                          r"поделиться|документы\s+для\s+скачивания|прикрепл[её]нные\s+файлы|"
                          r"скачать)\b\s*:?|"
                          r".*\((?:pdf|docx?|rtf|odt|xlsx?)\b[^()]*[КМ]Б\)\s*$", re.IGNORECASE)
# A web page's breadcrumbs: «Главная / Методическая работа / ГМО».
_BREADCRUMBS = re.compile(r"(?:главная|home)\s*[/>»|]", re.IGNORECASE)
# The approval line of a title block: «Утверждено приказом …», «ПРИНЯТО на заседании …».
_APPROVED = re.compile(r"(?:утвержд[её]н|принят|согласован)[оаы]?\b", re.IGNORECASE)


def _opens_in_capitals(text: str) -> bool:
    """«ПОЯСНИТЕЛЬНАЯ ЗАПИСКА к модели …»: a title whose first two words are in capitals."""
    words = re.findall(r"[А-ЯЁA-Zа-яёa-z]+", text)[:2]
    return len(words) == 2 and all(w.isupper() and len(w) > 1 for w in words)


def _capitals_heading(text: str) -> bool:
    """«ЧЕМ МЫ ЗАНИМАЕМСЯ»: every letter a capital, no final stop."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 2 and \
        not text.rstrip().endswith((".", ";", ":"))


def _plain_heading(text: str) -> bool:
    """A section's heading in a text without numbers: short, capitalised, no verb, no final
    stop or colon.

    >>> _plain_heading("Функции субъектов ММС"), _plain_heading("ГМО проводит открытые уроки")
    (True, False)
    >>> _plain_heading("Задачи ГМО:"), _plain_heading("Методическое сопровождение ШНОР.")
    (False, False)
    """
    words = re.findall(r"[А-ЯЁа-яёA-Za-z-]+", text)
    return bool(words) and len(text) <= 80 and text[:1].isupper() and len(words) <= 8 and \
        not re.search(r"[.;:!?,»)]\s*$", text.strip()) and not any(
            "VERB" in str(_morph().parse(w)[0].tag) or "INFN" in str(_morph().parse(w)[0].tag)
            for w in words)


def _paragraphs_as_clauses(paragraphs: list[Paragraph]
                           ) -> tuple[list[RawClause], list[Paragraph]]:
    """A text without numbers: each paragraph that is not a list item is a clause, in order;
    a web page's breadcrumbs, the title and approval lines before the first clause and the
    page's footer lines are the preamble.

    >>> clauses, preamble = _paragraphs_as_clauses([Paragraph(t, n) for n, t in enumerate([
    ...     "Главная / ГМО / ГМО учителей технологии", "Положение о ГМО учителей технологии",
    ...     "Опубликовано: 12.09.2025", "ГМО создаётся при ИМЦ.",
    ...     "Поделиться: ВКонтакте | Telegram"], 1)])
    >>> [c.paragraphs[0].text for c in clauses], len(preamble)
    (['ГМО создаётся при ИМЦ.'], 4)
    """
    clauses: list[RawClause] = []
    preamble: list[Paragraph] = []
    for k, p in enumerate(paragraphs):
        if _PAGE_FOOTER.match(p.text) or (not clauses and (
                _BREADCRUMBS.match(p.text) or _APPROVED.match(p.text)
                or re.fullmatch(r"положение(?:\s+об?\s[^.]*)?", p.text.strip(),
                                re.IGNORECASE))):  # the title, not «Положение определяет …»
            preamble.append(p)
            continue
        if not p.bullet and k + 1 < len(paragraphs) and not paragraphs[k + 1].bullet and \
                (_plain_heading(p.text) or _capitals_heading(p.text)):
            # "Общие положения", "Функции субъектов ММС": a section's heading, no clause (as
            # headings in capitals are not, see _blocks_as_clauses)
            preamble.append(p)
            continue
        if p.bullet and clauses:
            clauses[-1].paragraphs.append(p)
            continue
        clauses.append(RawClause(str(len(clauses) + 1), p.line, [Paragraph(p.text, p.line)]))
    return clauses, preamble


def _is_clause_start(line: str, number: str) -> bool:
    # A lone "1 ..." without a dot is a count in running text, not a clause, unless the line
    # is a section's heading ("2 Задачи объединения": capitalised, short, no final stop).
    if "." not in number:
        return bool(re.match(r"^\s*\d{1,3}\.", line)) or bool(_DOTLESS_HEADING.match(line))
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
    """Two pieces of a sentence broken across lines.

    >>> _join("научно-", "методического центра"), _join("деятельности окру-", "га")
    ('научно-методического центра', 'деятельности округа')
    >>> _join("методическое со-", "провождение"), _join("результатов оце-", "ночных")
    ('методическое сопровождение', 'результатов оценочных')
    """
    # "научно-" + "методического" is one word broken at its hyphen; "окру-" + "га" is one
    # word broken by a hyphen the line break put there (then the word without it is known).
    if left.endswith("-") and not left.endswith(" -"):
        head = re.split(r"[\s(«]", left[:-1])[-1]
        tail = re.match(r"[а-яё]+", right)
        # (a compound's first part is a word of its own: not "оце-", not the "со-" of a word)
        compound = head.lower().endswith(("о", "е")) and len(head) > 3 and tail is not None \
            and _morph().word_is_known(head.lower()) and _morph().word_is_known(tail.group())
        if head.isalpha() and tail and not compound and \
                _morph().word_is_known(head.lower() + tail.group()):
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def _continues(prev: str, cur: str, bullet: bool) -> bool:
    """Whether ``cur`` carries on the sentence ``prev`` left unfinished."""
    if prev.rstrip().endswith(_TERMINAL):
        return False
    first = cur.split(maxsplit=1)[0] if cur.split() else ""
    if cur.startswith("(") or prev.count("(") > prev.count(")"):
        return True  # "… округа (далее –" / "Команда) – группа …": a parenthesis left open
    if prev.count("«") > prev.count("»"):
        return True  # "… учреждение «Информационно-методический центр / Селенгинского района»":
        # a proper name in quotes left open
    last_word = prev.rstrip().split()[-1] if prev.split() else ""
    if _name_goes_on(last_word, cur) or (not bullet and _awaits_more(last_word, cur)):
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
    verb = str(_morph().parse(last)[0].tag) if last.isalpha() else ""
    if "VERB" in verb and "tran" in verb and "3per" in verb:
        return True  # "… рассматривает план работы МО и заслушивает / отчёт руководителя МО."
    # A new list item starts with a noun in the nominative ("оказание помощи …"); a broken
    # sentence carries on with an oblique case, an adjective or a participle.
    parses = _morph().parse(word)
    best = parses[0] if parses else None
    return not ((best is not None and "NOUN" in best.tag and "nomn" in best.tag)
                or (best is not None and "NOUN" in best.tag and "accs" in best.tag
                and "inan" in best.tag and _nominative_possible(word)))


# Words after which a line break cannot end a name: the place's own name or the institution's
# proper name in quotes follows ("… школа № 12» города / Курска", "… учреждение / «Средняя …»").
_PLACE_NOUNS = frozenset({"республика", "город", "г", "край", "область", "округ", "район",
                          "поселение", "село", "посёлок", "поселок", "станица"})
_INSTITUTION_NOUNS = frozenset({"учреждение", "организация", "предприятие"})
# A region after a district's name: "Саратовской области", "Пермского края".
_REGION_AFTER = re.compile(r"[А-ЯЁ][а-яё-]+(?:ой|ого|ей)\s+(?:области|края|округа|республики)\b")


def _name_goes_on(last_word: str, cur: str) -> bool:
    """Whether a line ending with ``last_word`` is a name broken by the line's end.

    >>> _name_goes_on("города", "Курска (далее – Школа)."), _name_goes_on("учреждение", "«Лицей»")
    (True, True)
    >>> _name_goes_on("Школы.", "Курска"), _name_goes_on("работы", "«Лучший»")
    (False, False)
    """
    word = last_word.strip("«»()").lower().rstrip(".") if not last_word.endswith(
        (".", ";", ":", ",")) or last_word == "г." else ""
    if not word or not cur:
        return False
    parses = _morph().parse(word)
    lem = parses[0].normal_form if parses else word
    if cur.startswith("«"):
        from graph.loaders.regulations.names import legal_form

        # (and a municipality's registered name: "муниципального образования / «… район»")
        return lem in _INSTITUTION_NOUNS | {"образование"} or legal_form(last_word.strip("«»()"))
    place = re.match(r"[А-ЯЁ][а-яё-]+", cur)
    if place is None or not last_word[:1].islower() or not (lem in _PLACE_NOUNS or word == "г"):
        return False
    if _REGION_AFTER.match(cur):  # "… муниципального района / Саратовской области (далее …"
        return True
    tags = [p.tag for p in _morph().parse(place.group())[:2]]
    return any("Geox" in t or "Name" in t or "Surn" in t for t in tags) or \
        not _morph().word_is_known(place.group().lower())


def _awaits_more(last_word: str, cur: str) -> bool:
    """Whether a line ends with a word a sentence cannot end with (a preposition, a conjunction,
    a verb or a short participle waiting for what it governs) and the next line goes on with a
    name ("… подведомственно / Министерству …", "… обеспечивается / Институтом").

    >>> _awaits_more("подведомственно", "Министерству образования"), _awaits_more("при", "Центре")
    (True, True)
    >>> _awaits_more("руководством", "Управления образования")
    True
    >>> _awaits_more("положения", "Методический совет"), _awaits_more("Совет", "Школы")
    (False, False)
    """
    if not last_word[:1].islower() or not re.match(r"[А-ЯЁ«]", cur) or \
            last_word.endswith((",", ")", "»")):
        return False
    parses = _morph().parse(last_word)
    tag = str(parses[0].tag) if parses else ""
    return any(x in tag for x in ("PREP", "CONJ", "ADJS", "PRTS")) or (
        "VERB" in tag and "3per" in tag) or (
        parses[0].normal_form in _GOVERNING and "nomn" not in tag if parses else False)


# Nouns of a relation that govern the name after them: "… работает под руководством /
# Управления …", "… на базе / Центра", "… в ведении / Комитета".
_GOVERNING = frozenset({"руководство", "база", "ведение", "состав", "подразделение",
                        "подчинение", "координация", "курирование"})


def _nominative_possible(word: str) -> bool:
    return any("nomn" in p.tag for p in _morph().parse(word) if "NOUN" in p.tag)
