"""Russian lemmatisation for the regulations loader: words, lemmas, number and acronyms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

__all__ = [
    "Token",
    "adjective_is_plural",
    "is_acronym",
    "is_adjective",
    "is_noun",
    "is_verb",
    "lemma",
    "lemma_key",
    "lemma_sets",
    "lemmas",
    "normalize_quotes",
    "tokens",
    "word_is_plural",
]

# Words, with hyphenated compounds ("научно-методический") kept whole, and numbers.
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")
_QUOTES = str.maketrans({'"': "«", "“": "«", "„": "«", "”": "»"})


class _Morph:
    """pymorphy3's analyser with each word's analyses kept: a regulation asks for the same few
    thousand words tens of thousands of times. The analyses are shared, so callers only read
    them."""

    def __init__(self) -> None:
        self._analyzer = pymorphy3.MorphAnalyzer()
        self.parse = lru_cache(maxsize=200_000)(self._analyzer.parse)
        self.word_is_known = lru_cache(maxsize=200_000)(self._analyzer.word_is_known)


@lru_cache(maxsize=1)
def _morph() -> _Morph:
    return _Morph()


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text with its place (character offsets) and its dictionary form."""

    text: str
    lemma: str
    start: int
    end: int


def is_acronym(word: str) -> bool:
    """Whether a word is an abbreviation written in capitals (ЦНППМ, КОиПО, ГМС).

    >>> is_acronym("ЦНППМ"), is_acronym("КОиПО"), is_acronym("Комитет"), is_acronym("ЛО")
    (True, True, False, True)
    >>> is_acronym("ХакИРОиПК"), is_acronym("ГосДума")
    (True, False)
    """
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    # (three capitals inside one word are an abbreviation's too: «ХакИРОиПК», «КрасИПК»; not
    # «ППМС-центром», a short name and a word)
    return upper >= 2 and not word[1:].islower() and (upper >= len(letters) - 2 or (
        upper >= 3 and "-" not in word and not re.search(r"[а-яё]{4}", word)))


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of one word; acronyms and numbers are only lower-cased.

    >>> lemma("Комитетом"), lemma("ЦНППМ"), lemma("методических")
    ('комитет', 'цнппм', 'методический')
    """
    if is_acronym(word) or not any(c.isalpha() for c in word):
        return word.lower().replace("ё", "е")
    if "-" in word:
        # Compounds: only the last part inflects ("учебно-методического"), but for two nouns
        # in the same case and number both do ("школой-партнёром" is «школа-партнёр»)
        head, _, tail = word.rpartition("-")
        if "-" not in head and _nouns_agree(head, tail):
            return f"{lemma(head)}-{lemma(tail)}".replace("ё", "е")
        return f"{head.lower()}-{lemma(tail)}".replace("ё", "е")
    return str(_morph().parse(word)[0].normal_form).replace("ё", "е")


def _nouns_agree(head: str, tail: str) -> bool:
    """Whether the two parts of a compound are nouns in one case and number («школами-
    наставниками», not «интернет-ресурсами» nor «учебно-методический»).

    >>> _nouns_agree("школами", "наставниками"), _nouns_agree("интернет", "ресурсами")
    (True, False)
    """
    if len(head) < 3 or is_acronym(head):
        return False
    for h in _morph().parse(head):
        if "NOUN" not in h.tag:
            continue
        for t in _morph().parse(tail):
            if "NOUN" in t.tag and h.tag.case == t.tag.case and h.tag.number == t.tag.number:
                return True
    return False


@lru_cache(maxsize=50_000)
def is_noun(word: str) -> bool:
    """Whether a word's likeliest reading is a noun.

    >>> is_noun("службы"), is_noun("методические")
    (True, False)
    """
    return "NOUN" in _morph().parse(word)[0].tag


@lru_cache(maxsize=50_000)
def is_adjective(word: str) -> bool:
    """Whether a word's likeliest reading is a full adjective or participle."""
    tag = _morph().parse(word)[0].tag
    return "ADJF" in tag or "PRTF" in tag


@lru_cache(maxsize=50_000)
def adjective_is_plural(word: str) -> bool:
    """Whether an adjective is plural ("городские" yes, "муниципальной" no).

    >>> adjective_is_plural("городские"), adjective_is_plural("муниципальной")
    (True, False)
    """
    return "plur" in _morph().parse(word)[0].tag


@lru_cache(maxsize=50_000)
def is_verb(word: str) -> bool:
    """Whether a word's likeliest reading is a finite verb ("осуществляет", "является").

    >>> is_verb("осуществляет"), is_verb("созданный")
    (True, False)
    """
    return "VERB" in _morph().parse(word)[0].tag


@lru_cache(maxsize=50_000)
def word_is_plural(word: str) -> bool:
    """Whether a noun is most likely in the plural (the sign of a generic subject).

    >>> word_is_plural("советы"), word_is_plural("совет"), word_is_plural("Учреждения")
    (True, False, True)
    """
    parses = [p for p in _morph().parse(word) if "NOUN" in p.tag]
    if not parses:
        return False
    # "Учреждения" reads as singular genitive or plural nominative; a subject heading is
    # nominative, so a nominative plural reading wins when there is one.
    nominative = [p for p in parses if "nomn" in p.tag]
    pool = nominative or parses
    return "plur" in pool[0].tag


@lru_cache(maxsize=20_000)
def normalize_quotes(text: str) -> str:
    """Straight and curly quotes as «», so names compare whatever quotes a text uses.

    >>> normalize_quotes('АОУ ВО ЛО "ГИЭФПТ"')
    'АОУ ВО ЛО «ГИЭФПТ»'
    """
    text = text.translate(_QUOTES)
    # A straight quote is both opening and closing: alternate them.
    out: list[str] = []
    opened = False
    for ch in text:
        if ch == "«":
            if opened and out and not out[-1].isspace():
                out.append("»")
                opened = False
                continue
            opened = True
        elif ch == "»":
            opened = False
        out.append(ch)
    return "".join(out)


def tokens(text: str) -> list[Token]:
    """The words of a text with their lemmas.

    >>> [t.lemma for t in tokens("Центром развития тьюторской практики")]
    ['центр', 'развитие', 'тьюторский', 'практика']
    """
    return list(_tokens(text))


@lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[Token, ...]:
    # A regulation's phrases are read again and again (each name against each clause).
    return tuple(Token(m.group(), lemma(m.group()), m.start(), m.end())
                 for m in _WORD.finditer(text))


@lru_cache(maxsize=20_000)
def lemmas(text: str) -> tuple[str, ...]:
    """The lemmas of a text's words, in order."""
    return tuple(t.lemma for t in _tokens(text))


def lemma_key(text: str) -> str:
    """A name reduced to its lemmas joined by spaces: the key names are compared by.

    >>> lemma_key("Региональным методическим советом Ленинградской области")
    'региональный методический совет ленинградский область'
    """
    return " ".join(lemmas(text))


@lru_cache(maxsize=50_000)
def _lemma_set(word: str) -> frozenset[str]:
    if is_acronym(word) or not any(c.isalpha() for c in word):
        return frozenset({word.lower()})
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return frozenset({f"{head.lower()}-{x}" for x in _lemma_set(tail)} | {lemma(word)})
    return frozenset(str(p.normal_form).replace("ё", "е") for p in _morph().parse(word))


def lemma_sets(text: str) -> tuple[frozenset[str], ...]:
    """Every dictionary form each word may have: for matching, where the likeliest reading may
    be wrong ("диагностику" is a form of both диагностика and диагностик).

    >>> "диагностика" in lemma_sets("диагностику")[0]
    True
    """
    return tuple(_lemma_set(m.group()) for m in _WORD.finditer(text))
