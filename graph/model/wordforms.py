"""How a name is read for search: its words, their dictionary forms, its initials.

One reading of a name serves both stores. The embedded store indexes these forms in its
serving process (:mod:`graph.queries.search`); Neo4j keeps them on the node itself, written by
:func:`search_properties` at write time and indexed by a full-text index that splits on
whitespace only (see :mod:`graph.store.cypher`, section "search"), so the database finds the
same candidates the embedded index finds and the same Python scores them.

>>> search_properties("Person", {"full_name": "Петрова Анна"})["_search_words"]
'анна петров петрова'
>>> search_properties("Organization", {"name": "Центр непрерывного повышения"})[
...     "_search_initials"]
'нп цн цнп'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "ROLE_WORDS",
    "SEARCH_FIELDS",
    "SEARCH_KEY_PROPS",
    "SEARCH_LABELS",
    "SEARCH_PROPERTIES",
    "TOWN_ADJECTIVE",
    "Name",
    "SearchTerms",
    "WordTerms",
    "analyse",
    "forms",
    "normalize",
    "role_search_properties",
    "role_text",
    "search_key",
    "search_properties",
]

SEARCH_LABELS = ("Region", "Municipality", "Organization", "Person", "Regulation", "Term",
                 "Programme", "Competency")
"""The labels searched, in the order equal scores are listed."""
SEARCH_FIELDS = ("short_name", "aliases", "abbreviation", "name", "full_name", "title")
"""The properties a node is found by (and its id, matched whole; a person also by ``role``)."""
ROLE_WORDS = {
    "teacher": "педагог", "manager": "руководитель", "regional_methodist": "региональный методист",
    "municipal_methodist": "муниципальный методист", "tutor": "тьютор", "mentor": "наставник",
}
"""How a person's role reads in the ``role`` text they are found by."""
SEARCH_PROPERTIES = ("_search_words", "_search_initials", "_search_id", "_search_key")
"""The properties a Neo4j node carries for search — the three its full-text index reads and
the key a search ranks it by (:func:`search_key`) — never shown: the store drops them when it
reads a node or an edge."""
SEARCH_KEY_PROPS = (*SEARCH_FIELDS, "kind", "number", "text")
"""The properties a node's search key keeps: its names, its kind (a school weighs less) and
what its title is made of (``graph.queries.nodes.title_of``)."""
_KEY_TEXT = 121  # a title is cut at 120 characters: what is longer is kept just past the cut

TOWN_ADJECTIVE = "[а-я]{0,3}ск(ий|ой|ая|ое|ие|ого|ому|им|ом|ую|их|ими|ей)"
"""What follows a town's stem in the adjective made from it («тосн» + «енский»), as a regular
expression both Python's ``re`` and Lucene read alike (the whole rest of the word)."""

_WORD = re.compile(r"[0-9a-zа-я]+")
_MAX_RUN = 6


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # loaded on first use: most commands never search

    return pymorphy3.MorphAnalyzer()


def normalize(text: str) -> list[str]:
    """The words of a text, lower-cased, ``ё`` as ``е``, without quotes and punctuation.

    >>> normalize('ГАОУ ДПО «ЛОИРО»'), normalize("Пётр-Ёлкин")
    (['гаоу', 'дпо', 'лоиро'], ['петр', 'елкин'])
    """
    return _WORD.findall(text.lower().replace("ё", "е"))


@lru_cache(maxsize=100_000)
def forms(word: str) -> frozenset[str]:
    """A word and every dictionary form pymorphy3 reads it as."""
    if not word.isalpha() or len(word) < 3:
        return frozenset({word})
    return frozenset({word} | {str(p.normal_form).replace("ё", "е")
                               for p in _morph().parse(word)})


@dataclass(frozen=True)
class Name:
    """A name read for search."""

    words: tuple[str, ...]
    forms: tuple[frozenset[str], ...]
    joined: str
    initials: str
    # (initials, first word, words) of every run of 2–6 words: «ММС» in «Муниципальная
    # методическая служба Всеволожского района».
    runs: tuple[tuple[str, int, int], ...]


@lru_cache(maxsize=200_000)
def analyse(text: str) -> Name:
    """A text's words, their forms, its initials and the initials of its runs of words."""
    words = tuple(normalize(text))
    runs = tuple((("".join(w[0] for w in words[i:i + n])), i, n)
                 for n in range(2, min(_MAX_RUN, len(words)) + 1)
                 for i in range(len(words) - n + 1)
                 if all(w.isalpha() for w in words[i:i + n]))
    return Name(words, tuple(forms(w) for w in words), " ".join(words),
                "".join(w[0] for w in words if w.isalpha()) if len(words) > 1 else "", runs)


def abbreviated(field_name: str) -> bool:
    """Whether a name may be found by its initials: a body's, not a person's name or role."""
    return field_name not in ("full_name", "role")


def names(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(field, text)`` of every name a node is found by, in :data:`SEARCH_FIELDS` order."""
    out = []
    for name in SEARCH_FIELDS:
        value = props.get(name)
        if isinstance(value, str) and value:
            out.append((name, value))
        elif isinstance(value, list):
            out += [(name, v) for v in value if isinstance(v, str) and v]
    return out


def role_text(props: Mapping[str, Any]) -> str | None:
    """What a ``HAS_ROLE`` edge says a person does: «муниципальный методист: математика».

    >>> role_text({"role": "municipal_methodist", "subjects": ["математика"]})
    'муниципальный методист: математика'
    """
    role = ROLE_WORDS.get(str(props.get("role")))
    if role is None:
        return None
    subjects = props.get("subjects") or []
    return f"{role}: {', '.join(map(str, subjects))}" if subjects else role


def name_keys(named: Iterable[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """Every word and dictionary form of the names, and the initials a body is found by."""
    words: set[str] = set()
    initials: set[str] = set()
    for field_name, value in named:
        name = analyse(value)
        for word, word_forms in zip(name.words, name.forms, strict=True):
            words.add(word)
            words |= word_forms
        if abbreviated(field_name):
            initials |= {name.initials, *(r[0] for r in name.runs)} - {""}
    return words, initials


def search_properties(label: str, props: Mapping[str, Any]) -> dict[str, str]:
    """The full-text properties of a searchable node (none for other labels).

    Words and initials are separated by spaces: they hold only letters and digits (see
    :func:`normalize`), and the index's analyzer splits on whitespace and nothing else.
    """
    if label not in SEARCH_LABELS:
        return {}
    words, initials = name_keys(names(props))
    node_id = props.get("id")
    return {"_search_words": " ".join(sorted(words)),
            "_search_initials": " ".join(sorted(initials)),
            "_search_id": str(node_id).lower() if node_id is not None else "",
            "_search_key": search_key(label, props)}


def search_key(label: str, props: Mapping[str, Any]) -> str:
    """What a search ranks a node by, in one property (JSON): ``[label, id, props]``, the props
    those of :data:`SEARCH_KEY_PROPS` — so a whole-country search reads one short value per
    candidate, scores and orders them all, and reads whole only the nodes it shows.

    >>> search_key("Person", {"id": "p1", "full_name": "Петрова Анна", "birth_year": 1990})
    '["Person", "p1", {"full_name": "Петрова Анна"}]'
    """
    kept: dict[str, Any] = {}
    for name in SEARCH_KEY_PROPS:
        value = props.get(name)
        if value is None:
            continue
        if name in ("number", "text") and isinstance(value, str):
            value = value[:_KEY_TEXT]  # only ever a title, cut the same way
        kept[name] = value
    return json.dumps([label, props.get("id"), kept], ensure_ascii=False, default=str)


def role_search_properties(edge_type: str, props: Mapping[str, Any]) -> dict[str, str]:
    """The search properties of a ``HAS_ROLE`` edge (``props`` with its ``id``): the words of
    :func:`role_text` for the full-text index, and its key (JSON): the body it is held at and
    what decides its text and whether it holds today (``role``, ``subjects``, ``start``,
    ``end``).

    >>> role_search_properties("HAS_ROLE", {"id": "p1|HAS_ROLE>o1@tutor@", "role": "tutor"})
    {'_search_words': 'тьютор тьютора', '_search_key': '["o1", {"role": "tutor"}]'}
    """
    if edge_type != "HAS_ROLE":
        return {}
    text = role_text(props)
    words, _ = name_keys([("role", text)] if text else [])
    edge_id = str(props.get("id", ""))
    target = edge_id.split(f"|{edge_type}>", 1)[-1].split("@", 1)[0]
    kept = {name: props[name] for name in ("role", "subjects", "start", "end")
            if props.get(name) is not None}
    return {"_search_words": " ".join(sorted(words)),
            "_search_key": json.dumps([target, kept], ensure_ascii=False, default=str)}


@dataclass(frozen=True)
class WordTerms:
    """What finds one word of a query in a name: a word of the name (or one of its dictionary
    forms) in ``words`` or beginning with one of ``prefixes``, a word made of one of
    ``stems`` and an adjective's ending (:data:`TOWN_ADJECTIVE`), or one of the name's
    initials (a body's) in ``initials``."""

    words: frozenset[str]
    prefixes: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SearchTerms:
    """What a search looks up: the terms of each word of the query, how many of them a
    candidate must meet, and an id.

    A node is a candidate when the terms of at least ``at_least`` of ``per_word`` find it (see
    :class:`WordTerms`; the words and initials of all its names together), or when its
    lower-cased id is ``node_id``. A person is also a candidate when the words of one of their
    roles meet ``at_least`` of ``per_word`` (words, beginnings and stems: a role has no
    initials).
    """

    per_word: tuple[WordTerms, ...]
    at_least: int = 1
    node_id: str = ""
