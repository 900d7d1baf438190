"""Names of bodies found in running text, without a list of known bodies.

A name is built around a head word that says what a body is (совет, центр, служба, объединение,
актив, комитет, управление, учреждение …) or around a legal form with a proper name in quotes
(МБУ «…», ГАОУ ДПО «…»): the adjectives before the head and the genitive words after it
(«Совет молодых педагогов города Торжка») are part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.loaders.regulations.morph import (
    _morph,
    is_acronym,
    is_verb,
    lemma,
    lemmas,
    normalize_quotes,
)
from graph.model.enums import Level

__all__ = ["NameSpan", "find_names", "legal_form", "level_of_name", "nominative"]

# Head words of body names (lemmas). "управление" and "школа" need more than themselves (see
# _head_ok): "управление качеством" is management, "школы с низкими результатами" are schools.
HEADS = frozenset({
    "совет", "центр", "объединение", "актив", "служба", "кабинет", "комитет", "управление",
    "отдел", "департамент", "министерство", "институт", "ассоциация", "сообщество", "клуб",
    "учреждение", "организация", "лаборатория", "школа", "академия", "университет", "орган",
    "комиссия", "колледж", "техникум", "кафедра", "группа", "команда", "президиум", "секция",
    "офис", "бюро", "штаб", "площадка", "кластер", "консорциум", "сектор",
    "правление", "собрание",  # an association's board and its general assembly
    "отделение", "филиал",  # a centre's branches («территориальные отделения»)
    "консилиум",  # a school's «психолого-педагогический консилиум»
    "коллектив",  # «временные творческие коллективы» (not a school's «педагогический коллектив»)
    "администрация",  # a municipality's «администрация … района» (see _head_ok)
    "сеть",  # «Городская сеть «Лингвистический маршрут»» (a community; only with its own name)
    "коллегия",  # an authority's board («коллегия Управления образования»), a council
    "оператор",  # «федеральный оператор …» (see _head_ok)
    "пул",  # «Региональный пул методистов», «муниципальный пул наставников»
    "партнерство",  # «Сетевое партнёрство … «Вектор»» (only with a name of its own)
})
# Heads of authorities and institutions whose field may be two ("образования и молодёжной
# политики", "образования и науки").
# Units named by the work they do («отдел методической и информационной работы»).
_WORK_UNIT_HEADS = frozenset({"отдел", "сектор", "кабинет", "лаборатория", "кафедра", "служба",
                              "центр", "управление"})
# A council's parts named by the field they work in («секция общего и дошкольного
# образования», «секция воспитания и дополнительного образования»).
_FIELD_HEADS = frozenset({"секция", "комиссия"})
_AUTHORITY_HEADS = frozenset({"управление", "отдел", "министерство", "департамент", "комитет",
                              "институт", "центр"})
# Heads that name a body only with an adjective or a genitive after them.
_NEEDS_MORE = frozenset({"организация", "школа", "учреждение", "объединение", "сообщество",
                         "управление", "центр", "совет", "служба", "отдел", "кабинет", "орган",
                         "группа", "кафедра", "комиссия", "команда", "президиум",
                         "секция", "офис", "бюро", "штаб", "площадка", "кластер",
                         "консорциум", "сектор", "правление", "собрание", "отделение",
                         "филиал", "консилиум", "администрация", "сеть", "коллегия",
                         "пул", "партнерство"})
# What makes a «школа» in lower case a school of its own kind: «детская школа искусств»,
# «музыкальная школа» (not «в основной школе», a stage of schooling).
_ARTS_SCHOOLS = frozenset({"детский", "музыкальный", "художественный", "спортивный"})
# Who a pool («пул») is of.
_POOL_PEOPLE = frozenset({"методист", "наставник", "тьютор", "эксперт", "специалист",
                          "педагог", "учитель", "консультант", "тренер", "куратор"})
_POOL_ADJECTIVES = frozenset({"тьюторский", "экспертный", "наставнический", "методистский"})
# What is sent to a body («направляют в Центр заявки»): never a word of its name.
_SENT_THINGS = frozenset({"предложение", "заявка", "сведение", "отчёт", "отчет", "запрос",
                          "ходатайство", "материал", "документ", "информация", "обращение"})
# What makes a platform («площадка») a body: «базовая площадка», «стажировочная площадка».
_PLATFORM_KINDS = frozenset({"базовый", "стажировочный", "инновационный", "пилотный", "опорный",
                             "ресурсный", "экспериментальный", "методический",
                             "федеральный", "региональный", "муниципальный", "апробационный"})
# Acronyms that name a kind of body wherever they stand, defined in the text or not.
_BODY_ACRONYM = re.compile(r"^(?:ЦНППМ|УМО|ШМО|ГМО|РМО|ММО|ШМП|РМА|ММА|[А-Я]{0,3}(?:ИРО|ИПК|"
                           r"ИПКРО|ИРОиПК|ИПКиПРО))$")
# Heads that make a compound word a body's head after a hyphen: «конкурс-сообщество»,
# «школа-лаборатория» is a school's; «клуб-объединение».
_COMPOUND_HEADS = frozenset({"сообщество", "объединение", "клуб"})
# An institute's short name («АмИРО», «КИРО», «ХакИПК») ending the name of one of its units.
_INSTITUTE_ACRONYM = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]{0,4}(?:ИРО|ИПК|ИПКРО|ИРОиПК|ИПКиПРО|РИПК)$")
# Schools' acronyms that follow a legal form without quotes ("МАОУ СОШ № 14").
_SCHOOL_ACRONYMS = frozenset({"СОШ", "ООШ", "НОШ", "СШ", "ОШ", "ВСОШ", "ЦО", "ОЦ", "ЦОиВ",
                              "СОШИ", "ШИ", "КШИ"})
# A legal form written as an acronym: МБУ, МКУ, МАОУ, ГАОУ, ОГБУ, ФГБОУ, МБДОУ, МАУДО, АНО …
_LEGAL = re.compile(r"^(?:[МГОКФЧН][А-Я]{0,4}У(?:ДО|ДПО)?|АНО|АОУ|[АБ][ОП]{0,2}У)$")
_LEGAL_TAIL = frozenset({"ДПО", "ВО", "СПО", "ДО", "ПО", "ЛО", "РФ"})
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*|№|«|»|\S")
_LEVEL_WORDS = {
    "школьный": Level.institutional, "институциональный": Level.institutional,
    "муниципальный": Level.municipal, "районный": Level.municipal, "городской": Level.municipal,
    "окружной": Level.municipal, "межмуниципальный": Level.municipal, "местный": Level.municipal,
    "региональный": Level.regional, "областной": Level.regional, "краевой": Level.regional,
    "республиканский": Level.regional, "государственный": Level.regional,
    "федеральный": Level.federal, "всероссийский": Level.federal,
}
_TERRITORY_WORDS = {
    "область": Level.regional, "край": Level.regional, "республика": Level.regional,
    "округ": Level.municipal, "район": Level.municipal, "город": Level.municipal,
    "г": Level.municipal, "поселение": Level.municipal, "администрация": Level.municipal,
    "зато": Level.municipal,
}
# The three cities that are regions of their own ("города Москвы", "г. Севастополя").
_FEDERAL_CITIES = frozenset({"москва", "севастополь", "санкт-петербург", "санкт"})
# Words after which a place's own name follows in any case ("Республики Карелия").
_TERRITORY_NOUNS = frozenset({"республика", "город", "г", "край", "область", "округ", "район",
                              "поселение", "село", "поселок", "станица"})
# Schools named by the part they play in a network ("опорные школы", "базовая школа").
_SCHOOL_PARTS = frozenset({"опорный", "базовый", "пилотный", "ресурсный", "стажировочный",
                           # schools attached to one that supports them («прикреплённые школы»)
                           "прикрепить"})
# "коллегиальный орган", "совещательный орган": words that describe a body, not name one.
_DESCRIBING = frozenset({"коллегиальный", "совещательный", "консультативный", "выборный",
                         "действующий", "общественный", "экспертный", "рабочий"})
# Adjectives that say which or how good, not what a body is.
_NOT_NAME_ADJECTIVES = frozenset({"который", "лучший", "настоящий", "данный", "указанный",
                                  "соответствующий", "заинтересованный", "иной", "другой",
                                  "подведомственный", "подотчётный", "подчинённый",
                                  "соответствовать"})  # (a participle's lemma is its verb)
# "Центром по согласованию с …", "Советом по итогам года": how, not what a body is about.
# What a regulation sets up that is no body (a system, a programme, a road map …): a short name of
# one is never a body's, and its tasks are no body's.
WHOLE_KINDS = frozenset({"система", "программа", "проект", "модель", "концепция", "карта"})
# What a body is charged with, never a genitive of its name («на Центр функций»).
_CHARGED = frozenset({"функция", "задача", "полномочие", "обязанность"})
_NOT_AFTER_PO = frozenset({"согласование", "итог", "запрос", "поручение", "решение",
                           "представление", "предложение", "результат", "мера", "заявка",
                           "окончание", "завершение", "необходимость", "мнение", "план",
                           "график", "договор", "соглашение", "приказ", "распоряжение",
                           "указание", "требование", "просьба", "обращение", "место",
                           "причина"})
# A body of a school: its council, service or association works at the institutional level.
SCHOOL_WORDS = frozenset({"школа", "лицей", "гимназия", "общеобразовательный", "сош", "оош",
                          "детский", "мбоу", "маоу", "мкоу", "моу", "гбоу", "гоу", "мбдоу",
                          "мадоу", "колледж", "техникум", "училище", "гапоу", "гбпоу", "огапоу",
                          "огбпоу", "кгбпоу", "гпоу", "доу", "мдоу", "оу", "оо"})


# A region's second name after a dash: «автономный округ – Югра», «область – Кузбасс»,
# «Чувашская Республика – Чувашия», «Республика Северная Осетия – Алания».
_REGION_SECOND_NAME = re.compile(r"^(?:Югр|Кузбасс|Чуваши|Алани)[а-яё]*$")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()


@dataclass(frozen=True)
class NameSpan:
    """A body's name in a text: where, the words, its head and its proper name in quotes."""

    start: int
    end: int
    text: str
    head: str  # the head word's lemma ("совет"); for a legal form, "учреждение"
    quoted: str | None  # the proper name in quotes, if any
    legal: str | None  # the legal form's acronym (МБУ), if written so
    plural: bool
    own: str  # the name without a nested body's name after it ("Методический совет")
    qualifier: str  # the words after ``own`` ("муниципального … «Средняя … школа № 4»")
    collegial: bool = False  # the text calls it a collegial organ right after its name


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=50_000)
def _parses(word: str) -> tuple[str, ...]:
    """The tags of a word's likeliest readings, as strings."""
    return tuple(str(p.tag) for p in _morph().parse(word)[:4])


_ADJ_ENDING = re.compile(r"(?:ск|цк|н)(?:ий|ой|ая|ое|ие|ого|ому|ым|ом|ой|ую|ых|ыми|их|ими)$")


def _is_adj(word: str) -> bool:
    """An adjective or participle; a proper adjective the dictionary does not know
    ("Иксский") by its ending."""
    tags = _parses(word)
    if is_acronym(word):
        return False
    if lemma(word) in ("учёный", "ученый", "рабочий"):
        return True  # "учёный совет", "рабочие группы": read as a noun (a scientist, workers)
        # by the dictionary first
    if bool(tags) and ("Apro" in tags[0] or lemma(word) in _NOT_NAME_ADJECTIVES):
        return False  # "её методического совета", "лучших образовательных организаций"
    if bool(tags) and ("ADJF" in tags[0] or "PRTF" in tags[0]):
        return True
    return word[:1].isupper() and not _morph().word_is_known(word.lower()) and bool(
        _ADJ_ENDING.search(word.lower()))


def _genitive(word: str) -> bool:
    """A noun, adjective or participle that can be genitive (the words after a head)."""
    if is_acronym(word) or word.isdigit():
        return False
    tags = _parses(word)
    if tags and ("VERB" in tags[0] or "INFN" in tags[0]):
        return False  # "центры ведут учёт": the verb, not a genitive noun
    return any("gent" in t and ("NOUN" in t or "ADJF" in t or "PRTF" in t) for t in _parses(word))


def _another_words_genitive(word: str) -> bool:
    """A word read first as a noun in the nominative whose genitive readings are another word's
    («график», the genitive plural of «графика»): not a genitive after a name.

    >>> _another_words_genitive("график"), _another_words_genitive("образования")
    (True, False)
    >>> _another_words_genitive("аналитики")
    False
    """
    found = _morph().parse(word)
    if not found or not {"NOUN", "sing", "nomn"} <= set(re.split(r"[ ,]", str(found[0].tag))):
        return False  # (not «аналитики», a plural that is also «аналитика»'s genitive)
    own = found[0].normal_form
    return not any("gent" in str(p.tag) and p.normal_form == own for p in found)


def _plural(word: str) -> bool:
    tags = _parses(word)
    return bool(tags) and "plur" in tags[0]


def legal_form(word: str) -> bool:
    """Whether a word is a legal form's acronym (МБУ, ГАОУ, ОГБУ, МАУДО).

    >>> legal_form("ГАУДПО"), legal_form("МАУДО")  # the form and its kind written together
    (True, True)
    >>> legal_form("МБУ"), legal_form("ГАОУ"), legal_form("ММС"), legal_form("ЦНППМ")
    (True, True, False, False)
    >>> legal_form("БУ"), legal_form("АУ"), legal_form("БПОУ"), legal_form("АРИРПМ")
    (True, True, True, False)
    """
    return bool(_LEGAL.match(word))


def _close_quote(toks: list[_Tok], i: int) -> int | None:
    """The index of the » closing the « at ``i`` (nested quotes counted; «Детский сад № 15
    «Солнышко» closes both with one mark, as Russian typography often does)."""
    depth = 0
    last = None
    for j in range(i, min(len(toks), i + 40)):
        if toks[j].text == "«":
            depth += 1
        elif toks[j].text == "»":
            depth -= 1
            last = j
            if depth == 0:
                return j
        elif toks[j].text in ("(", ")", ";") or (toks[j].text == "." and last is not None):
            break
    return last


def _head_ok(toks: list[_Tok], i: int, lem: str) -> bool:
    word = toks[i].text
    if lem == "администрация":  # «администрации Хасанского муниципального округа», not a
        # school's «администрация Школы» nor «глава администрации»
        after = [lemma(t.text) for t in toks[i + 1:i + 5]]
        stop = next((k for k, t in enumerate(toks[i + 1:i + 5]) if not t.word), len(after))
        return not (i > 0 and lemma(toks[i - 1].text) in ("глава", "заместитель")) and bool(
            set(after[:stop]) & (_TERRITORY_NOUNS | {"образование"}) - {"село"}) and (
            "муниципальный" in after[:stop] or any(
                t.text[:1].isupper() for t in toks[i + 1:i + 1 + stop]))
    if lem == "оператор":  # the federal system's operator, not an operator of anything
        # (not what a body is: «являющимся федеральным оператором», «федеральный оператор –
        # ФГАОУ ДПО «Академия …»» names the Academy)
        return i > 0 and lemma(toks[i - 1].text) == "федеральный" and not (
            i > 1 and lemma(toks[i - 2].text) in ("являться", "являющийся")) and not (
            i + 1 < len(toks) and toks[i + 1].text in ("–", "—", "-"))
    if lem == "пул":  # a pool of people («пул методистов», «региональный пул»), not of tasks
        nxt = lemma(toks[i + 1].text) if i + 1 < len(toks) else ""
        if i + 1 < len(toks) and _is_adj(toks[i + 1].text):
            nxt = lemma(toks[i + 2].text) if i + 2 < len(toks) else ""
        # (also «пул методистов-наставников», «пул методистов-предметников»)
        if i > 0 and lemma(toks[i - 1].text) in _POOL_ADJECTIVES:
            return True  # "муниципальный тьюторский пул": its people by an adjective
        return nxt.split("-")[0] in _POOL_PEOPLE
    if lem == "институт" and not word[0].isupper() and i + 1 < len(toks) and lemma(
            toks[i + 1].text) in ("наставничество", "кураторство", "тьюторство"):
        return False  # "развитие института наставничества": a practice, no body
    if lem == "собрание":  # "общее собрание членов" is a body, "на общем собрании" a meeting
        return i > 0 and lemma(toks[i - 1].text) == "общий" and not (
            i > 1 and toks[i - 2].text.lower() in ("на", "о", "об", "в", "во", "до", "после"))
    if lem == "управление" and i > 0 and lemma(toks[i - 1].text) == "орган":
        return False  # "органы управления образованием" is one name, not a body inside one
    if lem in ("управление", "школа") and not word[0].isupper():
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if lem == "школа" and i > 0 and lemma(toks[i - 1].text) in _SCHOOL_PARTS:
            return True  # "опорные школы": schools by the part they play
        if lem == "школа" and _of_teachers(toks, i):
            return True  # "муниципальная школа молодого учителя": a form of work with teachers
        if lem == "школа" and ((i > 0 and lemma(toks[i - 1].text) in _ARTS_SCHOOLS) or (
                i + 1 < len(toks) and toks[i + 1].text.lower().startswith("искусств"))):
            return True  # "детской школой искусств г. Лысково": a school of its own kind
        if lem == "школа" and _low_results_after(toks, i):
            return True  # "школы с низкими образовательными результатами": a class of schools
        if lem == "управление" and i > 0 and _is_adj(toks[i - 1].text) and \
                lemma(toks[i - 1].text) in _PLACE_ADJECTIVES and (
                    "plur" in str(_morph().parse(toks[i - 1].text)[0].tag) or all(
                        "plur" in str(p.tag) for p in _morph().parse(word)
                        if "NOUN" in str(p.tag))):
            return True  # "территориальные управления", "окружных управлений": bodies, never
            # management (which has no plural)
        if lem == "управление" and [lemma(t.text) for t in toks[i + 1:i + 4]] == [
                "система", "образование", "администрация"]:
            return True  # "управление системой образования администрации … округа": a body
            # (not the work «осуществляет управление системой образования»)
        if lem == "управление" and _is_adj(nxt) and i + 2 < len(toks) and \
                lemma(toks[i + 2].text) == "образование":
            return True  # "управление народного образования", "управление общего образования"
        # "управление образования", "управление по …", "Северное управление министерства …"
        return lem == "управление" and lemma(nxt) in ("образование", "по", "министерство",
                                                       "департамент")
    return True


def _low_results_after(toks: list[_Tok], i: int) -> bool:
    """Whether the words after a plural «школы» name them by their low results and give them a
    short name ("школы с низкими образовательными результатами (далее – ШНОР)"); named so in
    passing, they are what a body works with, not a body of the text."""
    if not any("plur" in str(p.tag) for p in _morph().parse(toks[i].text)):
        return False
    after = [lemma(t.text) for t in toks[i + 1:i + 6]]
    if after[:1] not in (["с"], ["со"]) or not {"низкий", "низко"} & set(after[1:4]):
        return False
    end = next((i + 1 + k for k, w in enumerate(after) if w == "результат"), None)
    if end is None:
        return False
    # the short name right after, or after what they are of and which of them: «школы с
    # низкими результатами обучения, включённые в Проект (далее – курируемые школы)»
    rest = toks[end + 1:end + 10]
    opening = next((k for k, t in enumerate(rest) if t.text == "("), None)
    return opening is not None and opening + 1 < len(rest) and \
        rest[opening + 1].text.lower() == "далее" and \
        all(t.word or t.text == "," for t in rest[:opening]) and \
        sum(t.text == "," for t in rest[:opening]) <= 1


# Adjectives of where a body works, which make a plural «управления» a class of bodies.
_PLACE_ADJECTIVES = frozenset({"территориальный", "окружной", "окружный", "районный",
                               "межрайонный", "городской", "муниципальный", "региональный",
                               "областной"})


# Whom a «школа» in lower case teaches when it is a form of work with teachers, not a school.
# The second parts of regions' official names after a dash: «Северная Осетия – Алания»,
# «Ханты-Мансийский автономный округ – Югра».
_REGION_TAILS = frozenset({"алания", "югра"})
# The people a council or an association of leaders gathers («Совет руководителей РМО»).
_LEADERS = frozenset({"руководитель", "директор", "председатель", "заместитель", "заведующий"})
TAUGHT = frozenset({"учитель", "педагог", "специалист", "наставник", "руководитель",
                    "методист", "вожатый", "преподаватель"})


def _of_teachers(toks: list[_Tok], i: int) -> bool:
    """Whether the words after a «школа» in lower case say it teaches teachers: "школа молодого
    учителя", "школа профессионального роста молодого педагога", "муниципальная школа
    наставника" (within five words, before any punctuation; an adjective before the school or
    before whom it teaches: «закрепляет за каждой школой наставника» is a mentor for a school).

    >>> _of_teachers(_tokens("школа профессионального роста молодого учителя"), 0)
    True
    >>> _of_teachers(_tokens("за каждой школой наставника"), 2)
    False
    """
    described = i > 0 and _is_adj(toks[i - 1].text)
    for k in range(i + 1, min(i + 6, len(toks))):
        if not toks[k].text[:1].isalpha():
            return False
        if lemma(toks[k].text) in TAUGHT:
            return described or _is_adj(toks[k - 1].text)
    return False


def find_names(text: str) -> list[NameSpan]:
    """Every body name in a text, nested ones too (a school inside its council's name).

    >>> [s.text for s in find_names("Совет создаётся при управлении образования администрации "
    ...                              "города Торжка (далее – управление образования).")]
    ['Совет', 'управлении образования администрации города Торжка', 'управление образования']
    >>> s = find_names("Руководство ММС осуществляет МБУ «Центр образовательных ресурсов».")[0]
    >>> s.text, s.legal, s.quoted
    ('МБУ «Центр образовательных ресурсов»', 'МБУ', 'Центр образовательных ресурсов')
    >>> [(s.own, s.head) for s in find_names("Методический совет муниципального бюджетного "
    ...     "общеобразовательного учреждения «Средняя общеобразовательная школа № 4» города Ржева")]
    [('Методический совет', 'совет'), ('муниципального бюджетного общеобразовательного \
учреждения «Средняя общеобразовательная школа № 4» города Ржева', 'учреждение')]
    """
    return list(_names_in(text))


# (a paragraph's names are asked for several times while it is read: once each)
@lru_cache(maxsize=8192)
def _names_in(text: str) -> tuple[NameSpan, ...]:
    text = normalize_quotes(text)
    toks = _tokens(text)
    spans: list[NameSpan] = []
    depth = 0
    inside = -1  # the end of a name without quotes the words belong to («ГБОУ ИРО … края»)
    for i, t in enumerate(toks):
        depth += (t.text == "«") - (t.text == "»")
        if t.start < inside:
            continue
        if t.text == "(" and depth > 0 and text.count("»", t.start) < \
                text.count("«", t.start) + depth:
            depth = 0  # «Центр … «Вектор» (…): a name in quotes left open ends before "("
        if not t.word or depth > 0:  # words in quotes are a proper name, not a head
            continue
        if legal_form(t.text):
            span = _legal_span(text, toks, i)
            if span is not None and span.quoted and "«" not in span.text:
                inside = span.end
        elif _BODY_ACRONYM.match(t.text):
            end = _centre_owner_end(text, toks, i) if t.text == "ЦНППМ" else t.end
            span = NameSpan(t.start, end, text[t.start:end], t.text.lower(), None, None, False,
                            text[t.start:end], "")
            # (the institute after it stays a name of its own: «ЦНППМ ИРО» names the ИРО too)
        else:
            lem = lemma(t.text)
            first, _, last = lem.partition("-")
            if last in _COMPOUND_HEADS and first and not is_acronym(t.text.split("-")[0]) and \
                    first not in HEADS:
                lem = last  # "конкурс-сообщество молодых педагогов «Педагогический дебют»"
            if _school_role(t.text):  # "Школы-кураторы", "школы-наставники"
                span = _head_span(text, toks, i, "школа")
                if span is not None:
                    spans.append(span)
                continue
            if lem not in HEADS or is_acronym(t.text) or not _head_ok(toks, i, lem):
                continue
            span = _head_span(text, toks, i, lem)
            if span is not None and "(" in text[toks[i].end:span.end][:2]:
                inside = text.index(")", toks[i].end) + 1  # (the other name in parentheses)
        if span is not None:
            spans.append(span)
    # a legal form written out before an authority's own name without quotes («Муниципальное
    # казённое учреждение Управление образования …») is that authority's, not a body alone
    for s in [s for s in spans if s.head == "учреждение" and s.quoted is None
              and s.text.split()[-1].lower().startswith("учреждени")]:
        authority = next((o for o in spans if o.start == _next_word(text, s.end) and o.head in
                          _AUTHORITY_HEADS - {"институт", "центр"} and o.text[:1].isupper()),
                         None)
        if authority is not None:
            spans[spans.index(authority)] = replace(
                authority, start=s.start, text=text[s.start:authority.end])
            spans.remove(s)
    # a municipality's administration inside an authority's name («Управление образования
    # администрации города …») is where that authority sits, not a body named here
    return tuple(s for s in spans if s.head != "администрация" or not (any(
        o.start < s.start < o.end for o in spans) or _AUTHORITY_BEFORE.search(text[:s.start])))


def _partner_then_doer(text: str, toks: list[_Tok], start: int, j: int) -> bool:
    """Whether the acronym at ``j`` after a partner named from ``start`` is the sentence's doer:
    «Совместно с методическим кабинетом ГМО проводит …» (the ГМО does it with the cabinet), not
    the cabinet's owner.

    >>> t = "Совместно с методическим кабинетом ГМО проводит конкурс."
    >>> _partner_then_doer(t, _tokens(t), 2, 4)
    True
    >>> t = "Руководство методическим кабинетом ГМО осуществляет Отдел."
    >>> _partner_then_doer(t, _tokens(t), 1, 3)
    False
    """
    return j + 1 < len(toks) and is_verb(toks[j + 1].text) and re.search(
        r"(?:^|[.;:]\s+|\d\.\s+)(?:совместно|вместе|во\s+взаимодействии)\s+со?\s+$",
        text[:toks[start].start], re.IGNORECASE) is not None


def _next_word(text: str, end: int) -> int:
    """Where the next word after ``end`` starts."""
    return end + len(text[end:]) - len(text[end:].lstrip())


# An authority's name right before «администрации …» («Управления образования администрации»).
_AUTHORITY_BEFORE = re.compile(r"(?:управлени|отдел|комитет|департамент)\w*\s+(?:по\s+)?"
                               r"(?:[а-яё]+\s+){0,2}образовани\w*\s*$", re.IGNORECASE)


def _centre_owner_end(text: str, toks: list[_Tok], i: int) -> int:
    """Where «ЦНППМ» used without a definition ends with whose centre it is: an institute's
    short name («ЦНППМ ИРО», «ЦНППМ НИРО»), a region («ЦНППМ Тверской области») or an
    institute named in full («ЦНППМ ГАУ ДПО НСО «…»», «ЦНППМ Красноярского краевого института
    повышения квалификации»); else its own end.

    >>> t = "во взаимодействии с ЦНППМ Тверской области для адресной помощи"
    >>> t[t.index("ЦНППМ"):_centre_owner_end(t, _tokens(t), 3)]
    'ЦНППМ Тверской области'
    >>> t = "совместно с ЦНППМ ИРО;"
    >>> t[t.index("ЦНППМ"):_centre_owner_end(t, _tokens(t), 2)]
    'ЦНППМ ИРО'
    >>> t = "совместно с ЦНППМ и РМО"
    >>> t[t.index("ЦНППМ"):_centre_owner_end(t, _tokens(t), 2)]
    'ЦНППМ'
    """
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or re.match(r"\s*\(\s*далее", text[toks[i].end:]):
        return toks[i].end
    if _INSTITUTE_ACRONYM.match(nxt.text) or nxt.text in ("ИРО", "ИПК", "ИРОиПК"):
        return nxt.end
    if legal_form(nxt.text):
        span = _legal_span(text, toks, i + 1)
        return span.end if span is not None else toks[i].end
    if i + 2 < len(toks) and nxt.text[:1].isupper() and toks[i + 2].word and lemma(
            toks[i + 2].text) in ("область", "край", "республика", "округ"):
        return toks[i + 2].end  # "ЦНППМ Тверской области"
    if nxt.text[:1].isupper() and "gent" in str(_morph().parse(nxt.text)[0].tag):
        k = i + 1  # "ЦНППМ Красноярского краевого института повышения квалификации"
        while k + 1 < len(toks) and toks[k + 1].word and toks[k + 1].text != "и" and \
                "gent" in str(_morph().parse(toks[k + 1].text)[0].tag) and k - i < 8:
            k += 1
        if any(lemma(toks[j].text) in ("институт", "университет", "академия")
               for j in range(i + 1, k + 1)):
            return toks[k].end
    return toks[i].end


def _legal_span(text: str, toks: list[_Tok], i: int) -> NameSpan | None:
    j = i + 1
    while j < len(toks) and (toks[j].text in _LEGAL_TAIL | {"ВО", "ЛО"} or (
            (j > i + 1 or toks[i].text.endswith(("ДПО", "ДО"))) and j + 1 < len(toks)
            and toks[j + 1].text == "«" and re.fullmatch(r"[А-ЯЁ]{2,3}", toks[j].text))):
        # (and a region's letters before the quotes: "БУ ДПО РА «…»", "ГАУДПО ИО «…»")
        j += 1
    if j > i + 1 and j + 4 < len(toks) and re.fullmatch(r"[А-ЯЁ]{2,3}", toks[j].text) and \
            [t.text for t in toks[j + 1:j + 5:2]] == ["(", ")"] and toks[j + 4].text == "«" and \
            re.fullmatch(r"[А-ЯЁ]{1,2}", toks[j + 2].text):
        j += 4  # "ГАУ ДПО РС(Я) «Институт …»": the region's letters with their own brackets
    if j > i + 1 and j + 3 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" \
            and re.fullmatch(r"[А-ЯЁ]{1,3}", toks[j + 1].text):
        k = j + 3 + bool(re.fullmatch(r"[А-ЯЁ]{1,3}", toks[j + 3].text))
        if k < len(toks) and toks[k].text == "«":
            j = k  # "ГОУ ДПО (ПК) С «Кузбасский … институт …»": the form's own brackets
    if j < len(toks) and toks[j].text != "«" and (
            toks[j].text in _SCHOOL_ACRONYMS or lemma(toks[j].text) in ("гимназия", "лицей")):
        # "МАОУ СОШ № 14", "МБОУ Лицей № 2": a school's name without quotes
        end = j
        if end + 2 < len(toks) and toks[end + 1].text == "№" and toks[end + 2].text[:1].isdigit():
            end += 2
        quoted = text[toks[j].start:toks[end].end]
        if end + 3 < len(toks) and toks[end + 1].text.lower() in ("г", "гор", "с", "пос") and \
                toks[end + 2].text == "." and toks[end + 3].text[:1].isupper():
            end += 3  # "… № 2 г. Черняховска": the place is part of the name
        surface = text[toks[i].start:toks[end].end]
        return NameSpan(toks[i].start, toks[end].end, surface, "учреждение", quoted, toks[i].text,
                        False, surface, "")
    if j < len(toks) and re.fullmatch(r"[А-ЯЁ]*(?:ИРО|ИПК|ИПКРО|ИРОиПК|ИПКиПРО)", toks[j].text):
        # "ГБОУ ИРО Краснодарского края": an institute's acronym without quotes, and its region
        end = j
        if j + 2 < len(toks) and ((toks[j + 1].text[:1].isupper() and lemma(
                toks[j + 2].text) in ("край", "область", "округ")) or (lemma(
                toks[j + 1].text) == "республика" and toks[j + 2].text[:1].isupper())):
            end = j + 2  # "… Краснодарского края", "… Республики Дагестан"
        surface = text[toks[i].start:toks[end].end]
        return NameSpan(toks[i].start, toks[end].end, surface, "учреждение", toks[j].text,
                        toks[i].text, False, surface, "")
    if j >= len(toks) or toks[j].text != "«":
        return None
    close = _close_quote(toks, j)
    if close is None:
        return None
    quoted = text[toks[j].end:toks[close].start].strip()
    surface = text[toks[i].start:toks[close].end]
    return NameSpan(toks[i].start, toks[close].end, surface, "учреждение", quoted, toks[i].text,
                    False, surface, "")


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _by_passive(word: str) -> bool:
    """Whether a word is a passive participle in the instrumental («утверждённым»), which
    governs the name after it (the doer) rather than describing it."""
    return any("PRTF" in str(p.tag) and "pssv" in str(p.tag) and "ablt" in str(p.tag)
               for p in _morph().parse(word)[:2])


def _agrees(word: str, head: str) -> bool:
    """Whether a participle before a head can agree with it in case: "закреплённые школы"
    does, "утверждённому управлением" does not (the participle governs the name)."""
    tags = _parses(word)
    if not tags or "PRTF" not in tags[0]:
        return True
    heads = {c for t in _parses(head) for c in _CASES if c in t}
    return any(c in t and c in heads for t in tags if "PRTF" in t for c in _CASES)


def _dative_only(word: str) -> bool:
    """Whether a noun can only be read in the dative ("Центру", "Совету").

    >>> _dative_only("Центру"), _dative_only("Центра"), _dative_only("Совет")
    (True, False, False)
    """
    cases = {c for t in _parses(word) if "NOUN" in t for c in _CASES if c in t}
    return cases == {"datv"}


def _head_span(text: str, toks: list[_Tok], i: int, lem: str) -> NameSpan | None:
    start = i
    while True:
        while start > 0 and toks[start - 1].word and (_is_adj(toks[start - 1].text) or (
                lem == "группа" and lemma(toks[start - 1].text) == "рабочий")) and \
                _agrees(toks[start - 1].text, toks[i].text) and not (
                    toks[i].text[:1].isupper() and _by_passive(toks[start - 1].text)):
            start -= 1  # («рабочие группы»: «рабочие» read first as a noun, «workers»; not
            # «планом, утверждённым Отделом образования»: the body that approved it)
        if start >= 4 and toks[start - 1].text == ")" and toks[start - 3].text == "(" and \
                toks[start - 2].word and toks[start - 4].word and all(
                    _is_adj(toks[k].text) and _agrees(toks[k].text, toks[i].text)
                    for k in (start - 2, start - 4)):
            start -= 4  # «педагогического (методического) совета»: an adjective in
            continue  # parentheses between two, the name's other wording
        break
    end = i  # the last token of the name
    own_end = i
    quoted = None
    j = i + 1
    nested = False
    while j < len(toks):
        tok = toks[j]
        if re.search(r"\S\s{3,}$", text[:tok.start]) or (
                tok.text.isupper() and len(tok.text) > 3 and
                "VERB" in _parses(tok.text.lower())[0]):
            break  # a column's gap («Председатель коллегии      Н.Е. …»), a verb in capitals
            # («коллегия РЕШИЛА»): the name ended before
        if tok.text == "«":
            close = _close_quote(toks, j)
            if close is None:
                break
            owner = next((k for k in range(j - 1, i, -1) if lemma(toks[k].text) in (
                "учреждение", "организация")), None)
            if quoted is None and owner is None and not nested and not (
                    j >= 2 and lemma(toks[j - 1].text) in _TERRITORY_NOUNS | {"образование"}
                    and lemma(toks[j - 2].text) in ("муниципальный", "городской", "сельский")
                    and not set(lemmas(text[tok.end:toks[close].start])) & HEADS):
                # (not a place's name in quotes: "… муниципального района «Печора»",
                # "… муниципального образования «Селенгинский район»")
                quoted = text[tok.end:toks[close].start].strip()
            if owner is not None:  # "совет муниципального … учреждения «…»": a nested body
                k = owner
                while k - 1 > i and _is_adj(toks[k - 1].text):
                    k -= 1
                own_end = min(own_end, k - 1)
                nested = True
            end = j = close
            j += 1
            continue
        if tok.text == "№" and j + 1 < len(toks) and toks[j + 1].text[:1].isdigit():
            end = j = j + 1
            j += 1
            continue
        if tok.text == "." and toks[j - 1].text.lower() in ("г", "гор", "с", "пос") and \
                j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
            j += 1  # "г. Перми"
            continue
        if tok.text in ("–", "—", "-") and j + 1 < len(toks) and _REGION_SECOND_NAME.match(
                toks[j + 1].text) and lemma(toks[j - 1].text) in ("округ", "область",
                                                                 "республика"):
            end = j = j + 1  # "Ханты-Мансийского автономного округа – Югры": one region
            own_end = j if not nested else own_end
            j += 1
            continue
        if tok.text == "(" and j == i + 1 and not nested:
            # "кафедры (методического объединения) учителей гуманитарного цикла …": another
            # name of the same body in parentheses right after its head, then the name goes on
            close = next((k for k in range(j + 1, min(j + 6, len(toks))) if toks[k].text == ")"),
                         None)
            inner = [lemma(t.text) for t in toks[j + 1:close]] if close is not None else []
            if close is not None and inner and inner[-1] in HEADS and all(
                    t.word for t in toks[j + 1:close]) and close + 1 < len(toks) and \
                    toks[close + 1].word and not toks[close + 1].text[:1].isupper() and \
                    _genitive(toks[close + 1].text):
                j = close + 1
                continue
        low = tok.text.lower()
        if low in (",", "и") and lem in ("министерство", "департамент", "комитет") and \
                j + 3 < len(toks) and _genitive(toks[j - 1].text) and (
                    (low == "," and toks[j + 1].word and _genitive(toks[j + 1].text)
                     and "NOUN" in _parses(toks[j + 1].text)[0]
                     and toks[j + 2].text.lower() == "и")
                    or (low == "и" and toks[j + 1].text.lower() == "по"
                        and lemma(toks[j + 2].text) == "дело")):
            # "Министерство просвещения, науки и по делам молодёжи …": an authority's fields
            # listed with a comma, the last «по делам …»
            if low == "и" and toks[j + 1].text.lower() == "по":
                end = j = j + 3  # «и по делам молодёжи»
                if not nested:
                    own_end = j
            j += 1
            continue
        if tok.text in ("–", "—", "-") and j + 1 < len(toks) and \
                lemma(toks[j + 1].text) in _REGION_TAILS:
            # "Республики Северная Осетия – Алания", "автономного округа – Югры": the second
            # part of a region's official name
            end = j = j + 1
            own_end = j if not nested else own_end
            j += 1
            continue
        if not tok.word or (len(tok.text) == 1 and j + 1 < len(toks) and len(
                toks[j + 1].text) == 1 and toks[j + 1].text.isalpha()):
            break  # (and a word spaced out: «… п о с т а н о в л я е т»)
        if legal_form(tok.text) and j + 1 < len(toks):
            nested = True
            span = _legal_span(text, toks, j)
            if span is None:
                break
            end = next(k for k in range(j, len(toks)) if toks[k].end == span.end)
            j = end + 1
            continue
        if tok.text.lower() == "имени" and j + 1 < len(toks):
            k = j + 1
            while k + 1 < len(toks) and re.fullmatch(r"[А-ЯЁ]", toks[k].text) and \
                    toks[k + 1].text == ".":
                k += 2  # "имени Л.И. Новиковой": the initials, then the name
            if k < len(toks) and toks[k].word and toks[k].text[:1].isupper():
                end = j = k
                own_end = j if not nested else own_end
                j += 1
                continue
        if tok.text == "ЗАТО" and j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
            end = j = j + 1  # "учреждения ЗАТО Северск «…»": a closed town, then its name
            own_end = j if not nested else own_end
            j += 1
            continue
        if j == i + 1 and is_acronym(tok.text) and not (
                start == i and toks[i].text[:1].isupper() and _dative_only(toks[i].text)) and \
                not _partner_then_doer(text, toks, start, j):
            # "Методический совет ИМЦ"; not "… предоставляет Центру ВОИРО": to the «Центр»
            # (a short name in the dative), then its doer
            end = j
            j += 1
            continue
        if j == i + 2 and end == j - 1 and is_acronym(tok.text) and \
                lemma(toks[j - 1].text) in _LEADERS and _genitive(toks[j - 1].text):
            # "Совет руководителей РМО", "Ассоциация руководителей ШМО": whose leaders
            end = j
            j += 1
            continue
        if j > i + 1 and end == j - 1 and not nested and quoted is None and \
                is_acronym(tok.text) and not legal_form(tok.text) and \
                lem in _WORK_UNIT_HEADS and _genitive(toks[j - 1].text) and \
                "NOUN" in _parses(toks[j - 1].text)[0] and \
                lemma(toks[j - 1].text).endswith(("ние", "ка", "щь")) and \
                j + 2 < len(toks) and toks[j + 1].text in ("с", "со") and \
                is_acronym(toks[j + 2].text):
            # "отдел методического сопровождения ОО с НОР": whom the unit's work is for, by the
            # acronym of their class
            end = j = j + 2
            own_end = j
            j += 1
            continue
        if j > i + 1 and end == j - 1 and not nested and quoted is None and \
                _INSTITUTE_ACRONYM.match(tok.text) and lem in _WORK_UNIT_HEADS | {"центр"}:
            end = own_end = j  # "центром непрерывного повышения … работников АмИРО": a unit
            break  # of the institute its short name names, the name's last word
        low = tok.text.lower()
        if low == "по" and lem in ("комитет", "управление", "отдел", "совет", "центр", "служба",
                                   "объединение", "кабинет", "комиссия", "группа", "команда",
                                   "секция",
                                   "лаборатория", "кафедра", "сектор", "сеть", "площадка") and \
                j == i + 1 and j + 1 < len(toks) and toks[j + 1].word and \
                lemma(toks[j + 1].text) not in _NOT_AFTER_PO:
            end = j = j + 1  # "Комитет по образованию"
            k = j
            while k + 1 < len(toks) and toks[k].word and "ADJF" in _parses(toks[k].text)[0] \
                    and toks[k + 1].word and not toks[k + 1].text[:1].isupper():
                k += 1  # "центр по филологическому образованию": the field's noun too
            if k > j and "NOUN" in _parses(toks[k].text)[0] and \
                    lemma(toks[k].text) not in _NOT_AFTER_PO:
                end = j = k
            if j + 1 < len(toks) and is_acronym(toks[j + 1].text) and \
                    "NOUN" in _parses(toks[j].text)[0] and \
                    lemma(toks[j].text).endswith(("ние", "ка", "щь", "ция")):
                # "рабочая группа по сопровождению ОО с НОР": whom the work is for, by the
                # acronym of their class («ОО с НОР», «ШНОР»)
                end = j = j + 1
                if j + 2 < len(toks) and toks[j + 1].text in ("с", "со") and \
                        is_acronym(toks[j + 2].text):
                    end = j = j + 2
            elif lemma(toks[j].text) == "работа" and j + 2 < len(toks) and \
                    toks[j + 1].text in ("с", "со") and toks[j + 2].word:
                # "координационный центр по работе со школами с низкими результатами
                # обучения": with whom, to the end of their phrase (a verb, «и», a mark)
                k = j + 2
                while k < len(toks) and k - j <= 10 and toks[k].word and toks[k].text != "и" \
                        and not is_verb(toks[k].text):
                    k += 1
                end = j = k - 1
            j += 1
            continue
        if tok.text[:1].isupper() and lemma(toks[j - 1].text) == "образование" and \
                j >= 2 and lemma(toks[j - 2].text) == "муниципальный" and \
                "ADJF" in _parses(tok.text)[0]:
            # "муниципального образования Тимашевский район" (or "… муниципальный район",
            # "… городской округ"): the municipality's name in the nominative, as registered
            k = j + 1
            if k < len(toks) and lemma(toks[k].text) in ("муниципальный", "городской"):
                k += 1
            if k < len(toks) and lemma(toks[k].text) in ("район", "округ"):
                end = j = k
                own_end = j if not nested else own_end
                j += 1
                continue
        if low in ("город", "поселок", "посёлок", "село") and (
                lemma(toks[j - 1].text) == "образование" or (
                    lemma(toks[j - 1].text) == "округ"
                    and lemma(toks[j - 2].text) == "городской")) and \
                j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
            end = j  # "муниципального образования город Новомосковск", "городского округа
            # город Нерехта"
            own_end = j if not nested else own_end
            j += 1
            continue
        if low == "и" and j + 1 < len(toks) and _genitive(toks[j + 1].text) and \
                "NOUN" in _parses(toks[j + 1].text)[0] and _genitive(toks[j - 1].text):
            j += 1  # "образования и науки"
            continue
        if low == "и" and j + 2 < len(toks) and _genitive(toks[j - 1].text) and \
                "NOUN" in _parses(toks[j - 1].text)[0] and "ADJF" in _parses(toks[j + 1].text)[0] \
                and _genitive(toks[j + 1].text) and _genitive(toks[j + 2].text) and \
                "NOUN" in _parses(toks[j + 2].text)[0] and not toks[j + 2].text[0].isupper() \
                and lemma(toks[j + 2].text) not in HEADS and "inan" in _parses(
                    toks[j + 2].text)[0] and lem in _AUTHORITY_HEADS | _FIELD_HEADS:
            # (an authority's field of work; not «… и родительского комитета», «школу-
            # наставника и муниципального куратора»)
            j += 1  # "Управление образования и молодёжной политики"
            continue
        if low == "и" and j + 2 < len(toks) and lem in (
                _WORK_UNIT_HEADS | _AUTHORITY_HEADS | _FIELD_HEADS) and all(
                "ADJF" in _parses(t.text)[0] and _genitive(t.text)
                for t in (toks[j - 1], toks[j + 1])) and _genitive(toks[j + 2].text) and \
                "NOUN" in _parses(toks[j + 2].text)[0] and not toks[j + 2].text[0].isupper() \
                and lemma(toks[j + 2].text) not in HEADS:
            j += 1  # "отдел методической и информационной работы": two kinds of one work
            # (and "министерство общего и профессионального образования": of one field)
            continue
        if lemma(toks[j - 1].text) == "управление" and lemma(tok.text) == "образование":
            end = j  # "органы управления образованием"
            own_end = j if not nested else own_end
            j += 1
            continue
        if j == i + 1 and lem == "управление" and lemma(tok.text) == "система" and \
                j + 1 < len(toks) and lemma(toks[j + 1].text) == "образование":
            end = j = j + 1  # "управление системой образования администрации … округа"
            own_end = j if not nested else own_end
            j += 1
            continue
        if low == "в" and j + 1 < len(toks) and lemma(toks[j + 1].text) == "система":
            end = j = j + 1  # "объединение в системе общего образования"
            own_end = j if not nested else own_end
            j += 1
            continue
        if low in ("с", "со") and (j - 1 > i or lem == "школа") and lemma(toks[j - 1].text) in (
                "школа", "организация", "учреждение", "оо"):
            # "команда сопровождения школ с низкими образовательными результатами": the schools
            # a body works with are part of its name («школы с рисками низких образовательных
            # результатов», «… с риском получения низких результатов» too)
            k = j + 1
            if k < len(toks) and lemma(toks[k].text) == "риск":
                k += 1
                if k < len(toks) and lemma(toks[k].text) == "получение":
                    k += 1
            while k < len(toks) and toks[k].word and "ADJF" in _parses(toks[k].text)[0]:
                k += 1
            if k > j + 1 and k < len(toks) and lemma(toks[k].text) in ("результат",
                                                                        "результативность"):
                end = j = k
                own_end = j if not nested else own_end
                j += 1
                continue
        if any(x in _parses(tok.text)[0] for x in ("PREP", "CONJ", "PRCL")):
            break
        if (tok.text[0].isupper() and lemma(toks[j - 1].text.lower()) in _TERRITORY_NOUNS) or (
                tok.text[0].isupper() and j >= 2 and toks[j - 1].text == "."
                and toks[j - 2].text.lower() in ("г", "гор", "с", "пос")):
            end = j  # "Республики Карелия", "г. Великие Луки": the place's name as written
            j += 1
            while j < len(toks) and toks[j].word and toks[j].text[0].isupper() and \
                    not legal_form(toks[j].text) and j - end == 1 and \
                    lemma(toks[j].text) not in HEADS:
                end = j
                j += 1
            if not nested:
                own_end = end
            continue
        if lemma(tok.text) in _SENT_THINGS and start > 0 and toks[start - 1].text.lower() in (
                "в", "во"):
            break  # "вносить в Управление образования предложения", "направляют в Центр
            # заявки": what is sent there, not a part of the name
        if j == i + 1 and lemma(tok.text) in _CHARGED:
            break  # "выполнение возложенных на Центр функций": what it is charged with
        if tok.text == "РФ" and j > i + 1:
            end = j  # "Министерство просвещения РФ", "… Профсоюза работников … и науки РФ":
            if not nested:  # the country the name ends with, as «Российской Федерации»
                own_end = j
            j += 1
            continue
        if not _genitive(tok.text) and not (tok.text[0].isupper() and not is_acronym(tok.text)
                                             and _proper_genitive(tok.text)):
            break
        if not tok.text[0].isupper() and _another_words_genitive(tok.text):
            break  # "со школами-партнёрами график проведения …": «график», not «графика»
        end = j
        if not nested:
            own_end = j
        j += 1
    while end > i and toks[end].word and not toks[end].text[0].isupper() and \
            _is_adj(toks[end].text) and not nested:
        end -= 1  # "объединение региональных и муниципальных методистов": not a name's end
        own_end = min(own_end, end)
    if lem in _NEEDS_MORE and start == i and end == i and quoted is None and \
            not toks[i].text[0].isupper() and not _school_role_class(toks[i].text):
        return None  # (schools named by their part are a class in lower case too)
    if lem in ("организация", "учреждение") and start == i and quoted is None:
        return None  # "организации" alone is not a body
    if lem == "организация" and start == i and i + 1 < len(toks) and toks[i + 1].text != "«" \
            and not toks[i].text[0].isupper() and _is_adj(toks[i + 1].text):
        return None  # "организация городской «Школы …»": organising it, not a body
    if lem == "школа" and end == i and quoted is None and not _school_role(toks[i].text) and \
            not any(lemma(toks[k].text) in _SCHOOL_PARTS for k in range(start, i)):
        return None
    if lem in ("организация", "учреждение", "школа") and re.search(
            r"\b[а-яё]+(?:нн|ющ|ящ|вш)[а-яё]+\s+к\s+(?:ней|нему|ним)\s*$",
            text[:toks[start].start], re.IGNORECASE):
        return None  # "прикреплённые к ней общеобразовательные организации": its name is cut
        # by the participle's phrase; the class is named where the text defines it
    if lem == "партнерство" and quoted is None and not re.match(
            r"[^.;]{0,80}?\(далее\s*[-–—]\s*[А-ЯЁ]", text[toks[end].end:]):
        return None  # «социальное партнёрство»: a way of working, not a body
    if lem == "сеть" and i > 0 and lemma(toks[i - 1].text) == "социальный":
        return None  # "в социальной сети «ВКонтакте»": where a body writes, not a body
    if lem == "сеть" and (quoted is None or "интернет" in quoted.lower()) and not (
            quoted is None and re.match(r"\s*(?:по\s+[а-яё]+(?:\s+[а-яё]+){0,2}\s*)?"
                                        r"\(далее\s*[-–—]\s*(?:[а-яё]+ая\s+сеть\b|"
                                        r"(?:[^()]*?,\s*)?[А-ЯЁ])", text[toks[end].end:])) \
            and not (defined_as_body(text[toks[end].end:]) and re.search(
                r"^[^.;]{0,80}?объединени\w*\s+(?:[а-яё]+\s+)?(?:организаци|школ|учреждени)",
                text[toks[end].end:])):
        return None  # «Городская сеть «Лингвистический маршрут»» is a body; so is a network
        # the text gives a proper short name of its own («… (далее – Сеть)») or defines as an
        # association of schools («… (далее – методическая сеть) – добровольное объединение
        # общеобразовательных организаций»; not «… – объединение методистов»), or names with
        # its adjective («(далее – методическая сеть)», two truths of two; «(далее –
        # методическая сеть, Сеть)»); a
        # network without either (of methodists, «сеть Интернет», «сетью школ», «(далее –
        # сеть)») is not
    if lem == "орган" and any(lemma(toks[k].text) in _DESCRIBING for k in range(start, i)):
        return None  # "является коллегиальным органом управления …": what a body is
    if lem == "орган" and re.match(r"\s*(?:[-–—]\s*)?(?:является|являются|выступает)\b",
                                   text[toks[end].end:]):
        return None  # "Органом управления Сообщества является координационный совет": what
        # the body named next is
    if lem == "группа" and not defined_as_body(text[toks[end].end:]) and not (
            _team_of(toks, i) and _SHORT_NAME_NEXT.match(text[toks[end].end:])) and not any(
            lemma(toks[k].text).split("-")[-1] in (
            "творческий", "рабочий", "проблемный", "инициативный", "методический", "тьюторский",
            "сетевой", "проектный", "экспертный", "координационный") for k in range(start, i)):
        return None
    if lem == "коллектив" and not any(lemma(toks[k].text) in ("творческий", "проблемный")
                                      for k in range(start, i)):
        return None  # "временный творческий коллектив" is a body, "педагогический коллектив"
        # (a school's staff) is not
    if lem == "команда" and not _team_of(toks, i) and not (
            _people_after_adjectives(toks, i) and (toks[i].text[:1].isupper() or bool(
                _SHORT_NAME_NEXT.match(text[toks[end].end:])))) and quoted is None and not any(
            _LEVEL_WORDS.get(lemma(toks[k].text), Level.institutional) != Level.institutional
            for k in range(start, i)) and not defined_as_body(text[toks[end].end:]) and not (
                (re.match(r"\s*:\s*$", text[toks[end].end:])
                 and not text[:toks[start].start].strip())
                or re.search(r"\bсозда[её]тся\s+$", text[:toks[start].start])):
        # (but «Школьные команды:» over what they do, and «создаётся школьная команда», are
        # bodies of the text)
        return None  # "команда кураторов" is a body, "управленческая команда школы" is not;
        # so are «Муниципальная команда …», «команда «Методический десант»»
    if lem == "лаборатория" and any(lemma(toks[k].text) in ("цифровой", "мобильный",
                                                             "виртуальный")
                                    for k in range(start, i)):
        return None  # "использование цифровых лабораторий": equipment, not a body
    if lem == "площадка" and not any(lemma(toks[k].text).split("-")[-1] in _PLATFORM_KINDS
                                     for k in range(start, i)):
        return None  # "базовая площадка" is a body, "на площадке сайта" is not
    if lem == "площадка" and ((start > 0 and toks[start - 1].text.lower() == "как")
                              or all("plur" in t for t in _parses(toks[i].text))):
        return None  # "Лицей как стажировочная площадка": a part the school plays; "сеть
        # инновационных площадок": platforms in general
    surface = text[toks[start].start:toks[end].end]
    own = text[toks[start].start:toks[max(own_end, i)].end] if nested else surface
    qualifier = text[toks[own_end].end:toks[end].end].strip() if nested else ""
    # "региональным центром": the adjective may read as plural, the head cannot
    plural = (_plural(toks[start].text) if start < i else _plural(toks[i].text)) and any(
        "plur" in t for t in _parses(toks[i].text))
    # "образовательным организациям": the head says plural where the adjective may not
    plural = plural or (_plural(toks[i].text) and (start == i or any(
        "plur" in t for t in _parses(toks[start].text))))
    collegial = _COLLEGIAL.match(text[toks[end].end:]) is not None
    return NameSpan(toks[start].start, toks[end].end, surface, lem, quoted, None, plural, own,
                    qualifier, collegial)


# What the text says a group of people or a unit is, right after its name: «Управленческая
# команда школы (далее – Команда) – временный коллегиальный орган», «Рабочая группа является
# постоянно действующим совещательным органом», «… – структурное подразделение Центра».
_DEFINED_AS_BODY = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:[-–—]|,?\s*(?:является|являются|представляет\s+собой|"
    r"создаётся\s+как|создается\s+как|действует\s+как))\s+(?:[а-яё-]+\s+){0,4}?"
    r"(?:орган\w*|подразделени\w*|объединени\w*)\b", re.IGNORECASE)


# … defined as a collegial (consultative, advisory) organ: a council whatever its head word.
_COLLEGIAL = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:[-–—]|,?\s*(?:является|являются))\s+(?:[а-яё-]+\s+){0,3}?"
    r"(?:коллегиальн|совещательн|консультативн)\w*\s+орган\w*\b", re.IGNORECASE)


def defined_as_body(after: str) -> bool:
    """Whether the words right after a name define it as a body: a collegial, consultative or
    temporary organ, a structural unit or an association («временный коллегиальный орган»,
    «структурное подразделение»). A group of people the text itself calls an organ is a body
    whatever its head word («команда», «группа»).

    >>> defined_as_body(" (далее – Команда) – временный коллегиальный орган, объединяющий …")
    True
    >>> defined_as_body(" является постоянно действующим совещательным органом")
    True
    >>> defined_as_body(" школы провела заседание")
    False
    """
    return _DEFINED_AS_BODY.match(after) is not None


# Who a team («команда») that is a body is made of.
_TEAM_OF = frozenset({"куратор", "методист", "наставник", "тьютор", "эксперт", "консультант",
                      "тренер"})


# What a team that is a body does: "команда (методического) сопровождения", "команда поддержки".
_TEAM_FOR = frozenset({"сопровождение", "поддержка", "помощь", "консультирование",
                       "наставничество", "тьюторство", "развитие"})


# A short name given right after a name: «группа адресной поддержки школ (далее – Группа)» is
# a body the text goes on to name; «формирует группы методической поддержки» is not.
_SHORT_NAME_NEXT = re.compile(r"\s*\(\s*(?:далее|в\s+дальнейшем)\b")


def _team_of(toks: list[_Tok], i: int) -> bool:
    """Whether «команда» (or «группа») at ``i`` is a body: followed by whom it is made of
    ("команда кураторов") or by the work it does, adjectives between ("команда методического
    сопровождения", "группа адресной поддержки школ").

    >>> _team_of(_tokens("команда методического сопровождения школ"), 0)
    True
    >>> _team_of(_tokens("управленческая команда школы"), 1)
    False
    >>> _team_of(_tokens("школьная команда по повышению качества образования"), 1)
    True
    """
    k = _past_adjectives(toks, i + 1)
    return k < len(toks) and (lemma(toks[i + 1].text) in _TEAM_OF
                              or lemma(toks[k].text) in _TEAM_FOR
                              or (k == i + 1 and toks[k].text.lower() == "по"
                                  and k + 1 < len(toks)
                                  and lemma(toks[k + 1].text).endswith(("ние", "ка"))))


def _past_adjectives(toks: list[_Tok], k: int) -> int:
    """The index of the first word from ``k`` on that is not an adjective."""
    while k < len(toks) and toks[k].word and _is_adj(toks[k].text):
        k += 1
    return k


def _people_after_adjectives(toks: list[_Tok], i: int) -> bool:
    """Whether «команда» at ``i`` is followed by whom it is made of after adjectives: «Команда
    региональных методистов» (a body when the text names it so, capitalised or given a short
    name; «формирует команды региональных методистов» speaks of teams in general).

    >>> _people_after_adjectives(_tokens("Команда региональных методистов"), 0)
    True
    >>> _people_after_adjectives(_tokens("команда методического сопровождения"), 0)
    False
    >>> _people_after_adjectives(_tokens("команды региональных методистов-наставников"), 0)
    True
    """
    k = _past_adjectives(toks, i + 1)
    # (and «команда региональных методистов-наставников»: people of two parts)
    return i + 1 < k < len(toks) and (lemma(toks[k].text) in _TEAM_OF or
                                      lemma(toks[k].text.split("-")[0]) in _TEAM_OF)


def _school_role(word: str) -> bool:
    """A school named by the part it plays: «школа-куратор», «Школы-наставники»."""
    head, sep, role = word.partition("-")
    return bool(sep) and lemma(head) == "школа" and lemma(role) in (
        "куратор", "наставник", "партнёр", "партнер", "лидер", "спутник")


def _school_role_class(word: str) -> bool:
    """Schools named by their part as a class, in the nominative: «школы-наставники» (not
    «школу-наставника», «со школами-партнёрами»).

    >>> _school_role_class("школы-наставники"), _school_role_class("школу-наставника")
    (True, False)
    """
    role = word.partition("-")[2]
    return _school_role(word) and any("nomn" in t and "plur" in t for t in _parses(role)[:1])


def _proper_genitive(word: str) -> bool:
    """A capitalised word with a genitive reading (Торжка, Ржева, Лицея)."""
    return any("gent" in t for t in _parses(word))


def level_of_name(words: str) -> Level | None:
    """The level a name's own words state: its adjectives, then the territory it names.

    >>> level_of_name("Совет молодых педагогов города Торжка")
    <Level.municipal: 'municipal'>
    >>> level_of_name("департамент образования и науки Костромской области")
    <Level.regional: 'regional'>
    >>> level_of_name("Центр развития тьюторской практики") is None
    True
    >>> level_of_name("учреждение Ханты-Мансийского автономного округа – Югры")
    <Level.regional: 'regional'>
    >>> level_of_name("Департамент образования и науки города Севастополя")
    <Level.regional: 'regional'>
    >>> level_of_name("Министерство просвещения Российской Федерации")
    <Level.federal: 'federal'>
    """
    lems = [lemma(w.text) for w in _tokens(normalize_quotes(words)) if w.word]
    for w in lems:
        if w in _LEVEL_WORDS:
            return _LEVEL_WORDS[w]
    if "рф" in lems or any(lems[k:k + 2] == ["российский", "федерация"]
                           for k in range(len(lems))):
        return Level.federal  # "Министерство просвещения Российской Федерации"
    for k, w in enumerate(lems):
        if w == "округ" and k > 0 and lems[k - 1] == "автономный":
            return Level.regional  # "Ханты-Мансийского автономного округа": a region
        if w in ("город", "г") and k + 1 < len(lems) and lems[k + 1] in _FEDERAL_CITIES:
            return Level.regional  # "города Севастополя": a city that is a region
        if w in _TERRITORY_WORDS:
            return _TERRITORY_WORDS[w]
    return None


def nominative(name: str, *, plural: bool | None = None) -> str:
    """A name as a heading says it: its adjectives and head word in the nominative.

    >>> nominative("педагогическом совете школы")
    'педагогический совет школы'
    >>> nominative("муниципальным бюджетным учреждением «Центр развития»")
    'муниципальное бюджетное учреждение «Центр развития»'
    >>> nominative("Психолого-педагогическим консилиумом Школы")
    'Психолого-педагогический консилиум Школы'
    """
    toks = _tokens(name)
    head = next((k for k, t in enumerate(toks) if t.word and lemma(t.text) in HEADS), None)
    if head is None:
        return name
    noun = next((p for p in _morph().parse(toks[head].text) if "NOUN" in p.tag), None)
    if noun is None:
        return name
    number = "plur" if (plural if plural is not None else "plur" in noun.tag) else "sing"
    out = []
    pos = 0
    for k, t in enumerate(toks[:head + 1]):
        word = t.text
        prefix = ""
        if k != head and "-" in word:  # "психолого-педагогический": only its last part
            prefix, word = word.rsplit("-", 1)
            prefix += "-"
        if t.word and not is_acronym(word):
            parse = noun if k == head else next(
                (p for p in _morph().parse(word) if "ADJF" in p.tag or "PRTF" in p.tag), None)
            want = {"nomn", number} if k == head else {"nomn", number} | (
                {str(noun.tag.gender)} if number == "sing" and noun.tag.gender else set())
            inflected = parse.inflect(want) if parse is not None else None
            if inflected is not None and inflected.word[:3] == word.lower()[:3]:
                new = inflected.word
                word = new.capitalize() if word[0].isupper() else new
        out.append(name[pos:t.start] + prefix + word)
        pos = t.end
    return "".join(out) + name[pos:]
