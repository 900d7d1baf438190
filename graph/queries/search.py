"""Search: any node by name, short name, alias or abbreviation, tolerant of Russian inflection.

Names and queries are compared word by word after lower-casing, ``ё`` → ``е`` and dropping
quotes and punctuation; a word matches when its dictionary forms (pymorphy3 lemmas, every
reading) meet, or when the query word (four letters or more) begins the name's word —
"Всеволожск" finds "Всеволожский район" (a near miss when only an ending apart) — or when the
query word is a town and the name's word the adjective made from it ("Тосно" → "Тосненский",
"Луга" → "Лужский"). Schools, which often carry their town's name, weigh a little less than
other nodes. A name's initials count as its abbreviation ("ЦНППМ"), and a lone letter next to
a word that matched as an initial ("Петрова М. И."). People are found by their
name and by what they do: their current roles and subjects ("методист математики"). Small
words of a query ("по", "в", "г.") are skipped when it has others.

Scoring is the same Python on both stores, so both rank alike by construction; what differs is
how the candidates worth scoring are found. Every name is read by one function
(:func:`graph.model.wordforms.name_keys`: words, their dictionary forms, a body's initials),
and a query becomes :class:`SearchTerms` (for each word: its forms, its beginning, its town
stem, as initials; and an id) that find a superset of what can score ``min_score``. A name
that matches only some words of a query scores at most 0.45 × the share it matches
(:func:`_needed`), so a candidate must meet that many words — both of two at the default 0.3 —
and a town stem finds only the adjectives made of it («тосн» + «енский»), not every word it
begins («Петровна» for «Петрова»); a lone letter («М.») counts as met. The cut changes no
answer (``tests/test_search_candidates.py`` compares it with a scan that scores every node):

- Neo4j (:class:`FindsNames`) keeps those words on each node, written by the store with the
  node (``search_properties``) and indexed by a full-text index that splits on whitespace only,
  so a token is exactly one of those words and Lucene finds exactly the candidates the
  embedded index finds; people are restricted by where they work (``EMPLOYED_AT``,
  ``HAS_ROLE`` to a body of the territory) in the same statement, which also returns those
  edges and the bodies' territories, so the visibility rule places them with no read. Nothing
  is built in the serving process and nothing is rebuilt after a write: the index is updated
  in the write's transaction. (A Lucene analyzer for Russian would stem differently from
  pymorphy3 and break the equality of the two stores' answers; words computed in Python keep
  it.)
- A search that may see everything (:class:`RanksNames`) reads no record whole before it
  ranks: each candidate carries one short key (``_search_key``: label, id, names, kind, what
  its title is made of; a role its body, words and dates), the statement returns only those,
  the same Python scores and orders every candidate (score, label, title, id), and the nodes
  shown are read whole afterwards — «Петрова» over a country: 6 401 keys, 20 nodes.
- The embedded store indexes the same words in its process once per store revision (it counts
  its writes); the first search after a write builds a new index (a region: about a second).
- A store that cannot tell its revision is read whole (one read per label) and every name
  scored.

Candidates the caller may not see are dropped before scoring, and the rest are checked by the
one visibility rule (:func:`graph.queries.visibility.visible_ids`), so the answers are the same
either way (``tests/test_search_stores.py`` compares the two stores on random networks).
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import re
import threading
import weakref
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, runtime_checkable

from graph.errors import MethodnetError
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.wordforms import (
    ROLE_WORDS,
    SEARCH_FIELDS,
    SEARCH_LABELS,
    TOWN_ADJECTIVE,
    SearchTerms,
    WordTerms,
    abbreviated,
    analyse,
    name_keys,
    names,
    normalize,
    role_text,
)
from graph.model.wordforms import Name as _Name
from graph.queries.nodes import title_in, title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import (
    SEE_ALL,
    WORK_TYPES,
    Visibility,
    places_of,
    sight_of,
    visibility_of,
    visible_ids,
)
from graph.rules import active_on
from graph.store.base import Store, reads_together

__all__ = ["ROLE_WORDS", "SEARCH_FIELDS", "SEARCH_LABELS", "SearchHit", "normalize", "search"]

_MIN_PREFIX = 4
_SMALL_WORDS = frozenset({"по", "в", "во", "на", "и", "для", "при", "из", "с", "со", "у", "к",
                          "г", "гор", "пос"})
_VOWELS = "аеёиоуыэюяь"
_ALTERNATIONS = {"г": "ж", "к": "ч", "х": "ш", "ц": "ч"}  # Луга → Лужский
_TOWN_ADJECTIVE = re.compile(TOWN_ADJECTIVE)
_ENDING = 3  # letters an adjective's ending adds to a place name (-ий, -ого, -ому)
# Many schools carry their town's name; the town's district and bodies should come first.
_SCHOOL_WEIGHT = 0.9
_WEIGHTS = {"school": _SCHOOL_WEIGHT, "school_methodological_service": 0.8}  # the school first
# A name scores quality × (_BASE + _COVERAGE × the share of its words matched), times _PARTIAL
# when it matches only some words of the query (at least half): see ``_score``.
_BASE, _COVERAGE, _PARTIAL = 0.7, 0.2, 0.5
_TERRITORY_SHARE = 0.5  # a body found through its district's name ranks below direct hits
_LOCATED = ("Organization", "Regulation")  # labels whose territory_id alone decides visibility
_BODY_KINDS_BY_TERRITORY = frozenset({
    "education_authority", "methodological_service", "council", "methodist_pool",
    "methodological_center", "pd_center", "development_institute", "curriculum_association",
})


@dataclass(frozen=True)
class SearchHit:
    """A node found, how well (0–1), and by which of its names."""

    node: NodeRecord
    score: float
    field: str
    matched: str

    @property
    def title(self) -> str:
        return title_of(self.node)


@lru_cache(maxsize=200_000)  # names share their words: «математика» in thousands of roles
def _word_score(q: str, q_forms: frozenset[str], word: str, forms: frozenset[str]) -> float:
    if q == word:
        return 1.0  # the very word: "Ефремова" finds Ефремова before Ефремов
    if q_forms & forms:
        return 0.9
    if len(q) >= _MIN_PREFIX and (word.startswith(q) or any(f.startswith(q) for f in forms)):
        # "всеволожск" in "всеволожский": only an ending apart, nearly the same word.
        rest = min(len(f) - len(q) for f in (word, *forms) if f.startswith(q))
        return 0.85 if rest <= _ENDING else 0.7
    if any(word.startswith(stem) and _TOWN_ADJECTIVE.fullmatch(word, len(stem))
           for stem in _town_stems(q)):
        return 0.8  # "тосно" in "тосненский": the adjective of the town
    return 0.0


@lru_cache(maxsize=10_000)
def _town_stems(q: str) -> tuple[str, ...]:
    """What a town's name keeps in its adjective: «тосно» → «тосн», «луга» → «луг», «луж».

    >>> _town_stems("тосно"), _town_stems("луга"), _town_stems("зея")
    (('тосн',), ('луг', 'луж'), ())
    """
    stem = q.rstrip(_VOWELS)
    if len(q) < _MIN_PREFIX or len(stem) < 3 or stem == q or not q.isalpha():
        return ()
    last = _ALTERNATIONS.get(stem[-1])
    return (stem,) if last is None else (stem, stem[:-1] + last)


def _query(text: str) -> _Name:
    """The query as words, without its small words when it has others.

    >>> _query("методист по математике").words
    ('методист', 'математике')
    """
    words = normalize(text)
    kept = [w for w in words if w not in _SMALL_WORDS] or words
    return analyse(" ".join(kept))


def _score(query: _Name, name: _Name, abbreviations: bool = True) -> float:
    """How well a name answers a query, 0–1; ``abbreviations``: a query word may stand for
    the initials of the name or of a run of its words."""
    if not name.words:
        return 0.0
    if query.joined == name.joined:
        return 1.0
    if abbreviations and len(query.words) == 1 and query.words[0] == name.initials:
        return 0.9
    best: list[float] = []
    used: set[int] = set()
    for q, qf in zip(query.words, query.forms, strict=True):
        scores = [(_word_score(q, qf, w, f), i)
                  for i, (w, f) in enumerate(zip(name.words, name.forms, strict=True))
                  if i not in used]
        top = max(scores, default=(0.0, -1))
        run = next((r for r in name.runs if r[0] == q and not used & set(range(r[1], r[1] + r[2]))),
                   None) if abbreviations and len(q) >= 3 and top[0] < 0.9 else None
        if run is not None:
            best.append(0.9)
            used |= set(range(run[1], run[1] + run[2]))
            continue
        best.append(top[0])
        if top[0] > 0:
            used.add(top[1])
    if any(best):
        # A lone letter next to a word that matched is an initial: «Петрова М. И.».
        for k, q in enumerate(query.words):
            if best[k] == 0 and len(q) == 1 and q.isalpha():
                initial = next((i for i, w in enumerate(name.words)
                                if i not in used and w.startswith(q)), None)
                if initial is not None:
                    best[k] = 0.8
                    used.add(initial)
    matched = sum(1 for b in best if b > 0)
    if matched == 0:
        return 0.0
    quality = sum(best) / len(best)
    coverage = len(used) / len(name.words)
    if matched == len(best):
        return quality * (_BASE + _COVERAGE * coverage)
    if matched * 2 < len(best):
        return 0.0
    return quality * _PARTIAL * (_BASE + _COVERAGE * coverage)


@lru_cache(maxsize=100_000)
def _name_score(query: str, name: str, abbreviations: bool) -> float:
    """:func:`_score` of a query's words (as :func:`_query` leaves them) and a name, kept
    across searches: a query asked again scores its thousands of names at once."""
    return _score(analyse(query), analyse(name), abbreviations)


def _names(node: NodeRecord, roles: dict[str, list[str]] | None = None
           ) -> list[tuple[str, str]]:
    out = names(node.props)
    if roles:
        out += [("role", text) for text in roles.get(node.id, ())]
    return out


def _role_texts(store: Store, person_ids: Sequence[str] | None = None) -> dict[str, list[str]]:
    """What each person does now, as text to search: «муниципальный методист: математика».

    A role that has ended is not what a person does; the subjects are the role's.
    """
    if person_ids is not None and not person_ids:
        return {}
    edges = store.edges("HAS_ROLE") if person_ids is None else \
        store.edges("HAS_ROLE", sources=list(person_ids))
    return _role_texts_of(edges)


def _role_texts_of(edges: Iterable[EdgeRecord]) -> dict[str, list[str]]:
    """What each person does now, from their ``HAS_ROLE`` edges (see :func:`_role_texts`)."""
    today = dt.date.today()
    out: dict[str, list[str]] = defaultdict(list)
    for e in sorted(edges, key=lambda e: (e.source, str(e.props.get("role")), e.target)):
        text = role_text(e.props)
        if text is None or not active_on(e.props, today):
            continue
        if text not in out[e.source]:
            out[e.source].append(text)
    return out


def _needed(words: int, min_score: float) -> int:
    """How many of a query's ``words`` a name must match to score ``min_score`` or more.

    A name matching ``m`` of ``n`` words, but not all, scores at most
    ``m / n × _PARTIAL × (_BASE + _COVERAGE)`` (each word at most 1, every word of the name
    used), and nothing under half of them (see :func:`_score`); a node's weight is at most 1.
    So at the default 0.3 a name must match both words of two, two of three, three of four.

    >>> [_needed(n, 0.3) for n in (1, 2, 3, 4, 5)], _needed(3, 0.31), _needed(4, 0.0)
    ([1, 2, 2, 3, 4], 3, 2)
    """
    ceiling = _PARTIAL * (_BASE + _COVERAGE)
    for matched in range((words + 1) // 2, words):
        if ceiling * matched / words >= min_score - 1e-9:  # at the line: keep it
            return matched
    return words


def _lone_letter(q: str) -> bool:
    """A word that may be an initial next to a matched word (see :func:`_score`)."""
    return len(q) == 1 and q.isalpha()


def _terms(query: _Name, needle: str, min_score: float) -> SearchTerms:
    """What to look up for ``query``: a superset of the nodes that can score ``min_score``.

    Each word of the query is looked up by its forms, its beginning (four letters or more), its
    town stem (the adjective of a town) and as initials; a node must meet as many words as
    :func:`_needed` says a name needs. A lone letter («М.») is not looked up: it matches as an
    initial whatever the name's words (next to a word that matched), so it is counted as met;
    a query of lone letters only needs one of them as a word.

    >>> t = _terms(_query("Тосно"), "тосно", 0.3)
    >>> [(sorted(w.words), sorted(w.prefixes), sorted(w.stems)) for w in t.per_word]
    [(['тосно'], ['тосно'], ['тосн'])]
    >>> t = _terms(_query("Петрова М. И."), "петрова-м-и", 0.3)
    >>> [sorted(w.words) for w in t.per_word], t.at_least
    ([['петров', 'петрова']], 1)
    >>> t = _terms(_query("Иванову Марию"), "иванову-марию", 0.3)
    >>> [sorted(w.words) for w in t.per_word], t.at_least
    ([['иванов', 'иваново', 'иванову'], ['марию', 'мария']], 2)
    """
    per_word = [WordTerms(q_forms | {q}, frozenset({q} if len(q) >= _MIN_PREFIX else ()),
                          frozenset(_town_stems(q)),
                          frozenset({q} if len(query.words) == 1 or len(q) >= 3 else ()))
                for q, q_forms in zip(query.words, query.forms, strict=True)]
    lone = [_lone_letter(q) for q in query.words]
    looked_up = tuple(t for t, letter in zip(per_word, lone, strict=True) if not letter)
    need = _needed(len(query.words), min_score) - sum(lone)
    if need < 1 or not looked_up:
        return SearchTerms(tuple(per_word), 1, needle)
    return SearchTerms(looked_up, need, needle)


@runtime_checkable
class FindsNames(Protocol):
    """A store that finds search candidates itself (Neo4j, with a full-text index)."""

    def find_named(self, terms: SearchTerms, *, labels: Sequence[str],
                   inside: frozenset[str] | None, near: frozenset[str] | None,
                   work: Sequence[str] = ()
                   ) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, object]]:
        """The nodes of ``labels`` that ``terms`` find (see :class:`SearchTerms`), or whose
        current or past role's words they find; with ``near``, only those that may be located
        there: regions, municipalities, bodies and regulations in ``near``, people with an
        edge of ``work`` to a body in ``inside``, and every node of the other labels — a
        superset of what :func:`visible_ids` shows, in one statement; the edges of ``work``
        of the people found (their roles among them), and the territory of each body those
        edges lead to (``territory_id``)."""
        ...


@runtime_checkable
class FindsWithin(Protocol):
    """A store that finds search candidates (:class:`FindsNames`) narrowed to the caller's
    sight of a territory, reading that sight in the same statement (Neo4j)."""

    def find_named_within(self, terms: SearchTerms, *, labels: Sequence[str],
                          territory: str | None, allowed: Sequence[str] | None,
                          work: Sequence[str] = ()
                          ) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, object],
                                     list[str] | None, list[str]]:
        """What :meth:`FindsNames.find_named` finds with ``near`` and ``inside`` those of
        :func:`visibility_of` for ``territory`` and a scope of ``allowed`` (``None``:
        unrestricted), and that sight's ``inside`` and ``above`` territories."""
        ...


@runtime_checkable
class RanksNames(Protocol):
    """A store that reads the search keys of the candidates it finds (Neo4j): a whole-country
    search ranks every candidate on one short value each and reads whole only those shown."""

    def find_ranked(self, terms: SearchTerms) -> tuple[list[str], list[list[str]]] | None:
        """The keys (JSON ``[label, id, props]``, see :func:`search_key`) of the nodes
        ``terms`` find, and ``[a reference to the person, role's key]`` (JSON ``[target,
        role props]``) of every ``HAS_ROLE`` edge whose words they find (the reference, which
        reads nothing of the person, is what :meth:`person_keys` takes); ``None`` if some node
        or role has no key yet."""
        ...

    def person_keys(self, refs: Sequence[str]) -> list[tuple[str, str]] | None:
        """``(reference, key)`` of the people ``refs`` (as :meth:`find_ranked` names them) that
        exist; ``None`` if one has no key yet."""
        ...


@dataclass
class _Index:
    """The searchable nodes of one store revision, by every word form of their names."""

    revision: int
    nodes: dict[str, NodeRecord] = field(default_factory=dict)
    # Bodies, schools and regulations by the territory they are located in (the rest of
    # visibility needs reads: people are where they work).
    located: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    placed: set[str] = field(default_factory=set)
    by_form: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_initials: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_id: dict[str, str] = field(default_factory=dict)  # lower-cased id → id
    bodies_in: dict[str, list[NodeRecord]] = field(default_factory=lambda: defaultdict(list))
    forms: list[str] = field(default_factory=list)  # sorted keys of by_form, for prefixes
    roles: dict[str, list[str]] = field(default_factory=dict)  # person → what they do

    @classmethod
    def build(cls, store: Store, revision: int) -> _Index:
        index = cls(revision)
        index.roles = _role_texts(store)
        for label in SEARCH_LABELS:
            nodes = store.nodes(label)
            for node in nodes:
                index.nodes[node.id] = node
                territory = node.props.get("territory_id")
                if label in _LOCATED and isinstance(territory, str):
                    index.located[territory].add(node.id)
                    index.placed.add(node.id)
                index.by_id[node.id.lower()] = node.id
                # The same reading Neo4j stores on the node (``search_properties``).
                words, initials = name_keys(_names(node, index.roles))
                for word in words:
                    index.by_form[word].add(node.id)
                for initial in initials:
                    index.by_initials[initial].add(node.id)
                if label == "Organization" and node.props.get("kind") in _BODY_KINDS_BY_TERRITORY:
                    index.bodies_in[str(node.props.get("territory_id"))].append(node)
        index.forms = sorted(index.by_form)
        return index

    def candidates(self, terms: SearchTerms) -> set[str]:
        """Ids of every node the terms find: a superset of those that can score enough."""
        met: Counter[str] = Counter()
        for word in terms.per_word:
            met.update(self._finding(word))
        found = {node_id for node_id, n in met.items() if n >= terms.at_least}
        if terms.node_id in self.by_id:
            found.add(self.by_id[terms.node_id])
        return found

    def _finding(self, word: WordTerms) -> set[str]:
        """Ids of the nodes one word of a query finds."""
        found: set[str] = set()
        for form in word.words:
            found |= self.by_form.get(form, set())
        for form in self._beginning(word.prefixes):
            found |= self.by_form[form]
        for stem in word.stems:
            for form in self._beginning([stem]):
                if _TOWN_ADJECTIVE.fullmatch(form, len(stem)):
                    found |= self.by_form[form]
        for initial in word.initials:
            found |= self.by_initials.get(initial, set())
        return found

    def _beginning(self, prefixes: Iterable[str]) -> Iterable[str]:
        """The indexed forms that begin with one of ``prefixes``."""
        for prefix in prefixes:
            i = bisect_left(self.forms, prefix)
            while i < len(self.forms) and self.forms[i].startswith(prefix):
                yield self.forms[i]
                i += 1


_indexes: weakref.WeakKeyDictionary[Store, _Index] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def _index_of(store: Store) -> _Index | None:
    """The store's index for its current revision (built on first use), if it has revisions."""
    revision = store.revision
    if revision is None:
        return None
    with _indexes_lock:  # one build per revision even when requests arrive together
        index = _indexes.get(store)
        if index is None or index.revision != revision:
            index = _Index.build(store, revision)
            _indexes[store] = index
        return index


@dataclass
class _Found:
    """The nodes worth scoring (``(label, node)`` in label then id order), what the people
    among them do, the bodies of each territory (``None``: collect them from what is scored,
    which is then everything; ``read_bodies``: read those of the municipalities found), and
    the ids already known to be visible."""

    scored: Iterable[tuple[str, NodeRecord]]
    roles: dict[str, list[str]] | None
    bodies_in: dict[str, list[NodeRecord]] | None
    seen: set[str]
    read_bodies: bool = False
    sight: Visibility = SEE_ALL


def _in_order(chosen: Sequence[str], nodes: Iterable[NodeRecord]
              ) -> Iterable[tuple[str, NodeRecord]]:
    by_label: dict[str, list[NodeRecord]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: n.id):
        by_label[node.label].append(node)
    return ((label, node) for label in chosen for node in by_label.get(label, ()))


def _searched(store: Store, chosen: Sequence[str], terms: SearchTerms,
              territory_id: str | None, scope: Scope) -> _Found:
    """The candidates to score: found by the database (Neo4j), by the embedded index, or
    every searchable node of a store that cannot tell its revision; with the caller's sight
    (:func:`visibility_of`), which Neo4j reads in the statement that finds the candidates.

    Candidates the caller may not see are dropped before scoring: a district's search of a
    country scores the district's names, not the country's. The answer is the same, since what
    is hidden is filtered out of the ranking anyway.
    """
    unrestricted = territory_id is None and scope.unrestricted
    if isinstance(store, FindsWithin) and not unrestricted:
        found, work, territories, inside, above = store.find_named_within(
            terms, labels=chosen, work=WORK_TYPES, territory=territory_id,
            allowed=None if scope.territories is None else sorted(scope.territories))
        sight = sight_of(inside, above)
    elif isinstance(store, FindsNames):
        sight = visibility_of(store, territory_id=territory_id, scope=scope)
        near = None if sight.inside is None else sight.inside | sight.above
        found, work, territories = store.find_named(
            terms, labels=chosen, inside=sight.inside, near=near, work=WORK_TYPES)
    if isinstance(store, FindsNames | FindsWithin):
        seen: set[str] = set()
        if not sight.unrestricted:
            # Where the people work came with them: the rule needs no read for it.
            seen = visible_ids(store, found, sight, places=places_of(work, territories))
            found = [n for n in found if n.id in seen]
        roles = _role_texts_of(e for e in work if e.type == "HAS_ROLE")
        return _Found(_in_order(chosen, found), roles, {}, seen, read_bodies=True, sight=sight)
    sight = visibility_of(store, territory_id=territory_id, scope=scope)
    index = _index_of(store)
    if index is None:
        scanned = [(label, node) for label in chosen for node in store.nodes(label)]
        return _Found(scanned, None, None, set(), sight=sight)
    wanted = index.candidates(terms)
    seen = set()
    if not sight.unrestricted:
        # What is located elsewhere is hidden (see ``visible_ids``): set operations first,
        # then the rules for the few candidates left.
        near_ids = set().union(*(index.located.get(t, set())
                                 for t in (sight.inside or frozenset()) | sight.above))
        wanted = (wanted & near_ids) | (wanted - index.placed)
        wanted = seen = visible_ids(store, [index.nodes[i] for i in sorted(wanted)], sight)
    return _Found(_in_order(chosen, (index.nodes[i] for i in wanted)), index.roles,
                  index.bodies_in, seen, sight=sight)


def _bodies_of(store: Store, territories: Sequence[str]) -> dict[str, list[NodeRecord]]:
    """The bodies located in each of ``territories`` (one read)."""
    out: dict[str, list[NodeRecord]] = defaultdict(list)
    if territories:
        for org in store.nodes("Organization", where={"territory_id": sorted(territories)}):
            if org.props.get("kind") in _BODY_KINDS_BY_TERRITORY:
                out[str(org.props.get("territory_id"))].append(org)
    return out


class _Scoring:
    """The best of a node's names for one query (each distinct name scored once: many
    candidates share a name, «Петрова Анна Ивановна», or a role)."""

    def __init__(self, query: _Name, needle: str) -> None:
        self.query, self.needle = query, needle
        self.scores: dict[tuple[str, bool], float] = {}

    def best(self, node: NodeRecord, named: Iterable[tuple[str, str]]) -> SearchHit | None:
        """The node's best hit: its id whole, else the first of its best-scoring names."""
        best = SearchHit(node, 1.0, "id", node.id) if node.id.lower() == self.needle else None
        found = self.best_name(node.props, named)
        if found is not None and (best is None or found[0] > best.score):
            best = SearchHit(node, *found)
        return best

    def best_name(self, props: dict[str, object], named: Iterable[tuple[str, str]],
                  best: tuple[float, str, str] | None = None) -> tuple[float, str, str] | None:
        """``(score, field, name)`` of the first best-scoring of ``named`` (after ``best``)
        for a node of ``props``; ``None`` if none scores."""
        weight = _WEIGHTS.get(str(props.get("kind")), 1.0)
        for field_name, value in named:
            key = (value, abbreviated(field_name))
            if (plain := self.scores.get(key)) is None:
                plain = self.scores[key] = _name_score(self.query.joined, *key)
            score = weight * plain
            if score > 0 and (best is None or score > best[0]):
                best = (score, field_name, value)
        return best


_ORDER = {lab: i for i, lab in enumerate(SEARCH_LABELS)}


def _rank(hit: SearchHit) -> tuple[float, int, str, str]:
    """The order of an answer: score, then label, title and id."""
    return (-hit.score, _ORDER[hit.node.label], title_of(hit.node), hit.node.id)


def _rounded(hit: SearchHit) -> SearchHit:
    return SearchHit(hit.node, round(hit.score, 4), hit.field, hit.matched)


def _add_bodies(hits: dict[str, SearchHit], municipalities: Sequence[SearchHit],
                bodies_in: dict[str, list[NodeRecord]]) -> None:
    """The bodies of the municipalities found, at half their score (unless found themselves)."""
    for m in municipalities:
        for org in bodies_in.get(m.node.id, ()):
            if org.id not in hits:
                hits[org.id] = SearchHit(org, m.score * _TERRITORY_SHARE, "territory",
                                         str(m.node.props.get("name", m.node.id)))


_read_json = json.JSONDecoder().raw_decode


def _split_key(key: str) -> tuple[str, str]:
    """A search key (``["Person", "p1", {...}]``, see ``search_key``) as what ranks it
    besides its id — the same text for every node of the same label and names — and its id.

    >>> _split_key('["Person", "p1, {x", {"full_name": "Петрова"}]')
    ('["Person", {"full_name": "Петрова"}]', 'p1, {x')
    >>> _split_key('["Person", "p\\\\"1", {}]')
    ('["Person", {}]', 'p"1')
    """
    head, _, tail = key.partition('", "')  # the label is a word: the id's text follows
    node_id, _, rest = tail.partition('"')
    if rest and "\\" not in node_id:  # an id with nothing escaped, as ids are: as it is
        return f'{head}"{rest}', node_id
    at = key.index('"', 2) + 3  # past the label: where the id's JSON text begins
    node_id, end = _read_json(key, at)
    return key[:at - 2] + key[end:], node_id


@lru_cache(maxsize=10_000)
def _role_of_key(props: str, today: dt.date) -> tuple[str, str | None]:
    """A role's key (its props as JSON): its role, and its text if it holds ``today``
    (thousands of roles share a few hundred keys)."""
    held = json.loads(props)
    text = role_text(held)
    return str(held.get("role")), text if text is not None and active_on(held, today) else None


@dataclass
class _Keyed:
    """Candidates that rank alike but for their id: a label, props, the hit they make."""

    label: str
    props: dict[str, object]
    ids: list[str] = field(default_factory=list)
    hit: tuple[float, str, str] | None = None
    title: str = ""


def _grouped(keys: Sequence[str]) -> list[_Keyed]:
    """Keys as groups of the same label and names (each key's text without its id), in the
    order first met; each distinct text parsed once, all in one call.

    >>> [(g.label, g.props, g.ids) for g in _grouped(['["Person", "p2", {"full_name": "А"}]',
    ...                                              '["Person", "p1", {"full_name": "А"}]'])]
    [('Person', {'full_name': 'А'}, ['p2', 'p1'])]
    """
    same: dict[str, list[str]] = {}
    for text, node_id in map(_split_key, keys):
        if (alike := same.get(text)) is None:
            same[text] = [node_id]
        else:
            alike.append(node_id)
    firsts = json.loads(f"[{','.join(same)}]")
    return [_Keyed(label, props, alike)
            for (label, props), alike in zip(firsts, same.values(), strict=True)]


def _held_today(roles: Sequence[Sequence[str]]) -> dict[str, list[str]]:
    """What each person found by a role does today, from ``[person, role's key]`` pairs, as
    :func:`_role_texts_of` lists it (by role, then body; each text once)."""
    today = dt.date.today()
    held: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # (role, body, text)
    for person, role_key in roles:
        target, end = _read_json(role_key, 1)
        role, says = _role_of_key(role_key[end + 2:-1], today)
        if says is not None:
            held[person].append((role, target, says))
    return {person: [entries[0][2]] if len(entries) == 1 else
            list(dict.fromkeys(t for _, _, t in sorted(entries, key=_by_role_and_body)))
            for person, entries in held.items()}


def _by_role_and_body(entry: tuple[str, str, str]) -> tuple[str, str]:
    return entry[0], entry[1]


_Place = tuple[float, int, str]  # (-score, label order, title): ids there are ordered by id
_Placed = dict[_Place, list[tuple[list[str], str, str]]]  # → (ids, field, name matched)
_Pending = dict[tuple[str, ...], tuple[tuple[float, int], tuple[float, str, str], list[str]]]


def _reach(places: _Placed, pending: _Pending, limit: int) -> list[tuple[str, ...]]:
    """The groups of ``pending`` people (ranked by their roles, titles unknown yet: what
    they do → their place, best hit and ids) who may reach the first ``limit`` places: those
    placed at least as well as the ``limit``-th answer.

    >>> places = {(-0.8, 3, "Б"): [(["a", "b"], "name", "Б")]}
    >>> pending = {("x",): ((-0.9, 3), (0.9, "role", "x"), ["c"]),
    ...            ("y",): ((-0.8, 3), (0.8, "role", "y"), ["d"]),
    ...            ("z",): ((-0.5, 3), (0.5, "role", "z"), ["e", "f"])}
    >>> _reach(places, pending, 1), _reach(places, pending, 2), _reach(places, pending, 9)
    ([('x',)], [('x',), ('y',)], [('x',), ('y',), ('z',)])
    """
    classes: Counter[tuple[float, int]] = Counter()
    for (score, order, _), entries in places.items():
        classes[(score, order)] += sum(len(ids) for ids, _, _ in entries)
    for where, _, ids in pending.values():
        classes[where] += len(ids)
    seen, last = 0, (0.0, 0)
    for where in sorted(classes):
        seen += classes[where]
        last = where
        if seen >= limit:
            break
    return [texts for texts, (where, _, _) in pending.items() if where <= last]


def _ranked(store: Store, keyed: tuple[list[str], list[list[str]]],
            chosen: Sequence[str], query: _Name, needle: str, min_score: float, limit: int
            ) -> list[SearchHit] | None:
    """A search that may see everything, ranked on the candidates' keys (``keyed``, see
    :class:`RanksNames`): every candidate scored and ordered as the embedded store does, and
    only the ``limit`` shown read whole; ``None`` when a key is missing.

    Candidates with the same label and names (thousands of «Петрова …» share a few hundred
    names) are scored and placed once, as a group, and only their ids sorted. A person found
    by a role's words is scored by the roles found that hold today; the roles the words do not
    find cannot score ``min_score`` (see :func:`_terms`), so the best of what is found is the
    best of the person's names whenever it counts. People found only by a role are ranked by
    what they do first (each distinct list of roles scored once; a person weighs 1, so that
    score is the most they can make), and only those who can reach the page have their keys
    read, for their titles («методист математики» over a country: 2 649 roles, the keys of
    the few dozen who score best).
    """
    assert isinstance(store, RanksNames)
    named, roles = keyed
    wanted = set(chosen)
    held = _held_today(roles) if "Person" in wanted else {}
    scoring = _Scoring(query, needle)
    places: _Placed = defaultdict(list)
    municipalities: list[SearchHit] = []

    def place(group: _Keyed, ids: list[str], hit: tuple[float, str, str]) -> None:
        where = (-round(hit[0], 4), _ORDER[group.label])
        if group.title:
            places[(*where, group.title)].append((ids, hit[1], hit[2]))
        else:  # a node with no name to show is called by its id (see ``title_of``)
            for node_id in ids:
                places[(*where, node_id)].append(([node_id], hit[1], hit[2]))
        if group.label == "Municipality":
            municipalities.extend(SearchHit(NodeRecord(group.label, node_id, group.props),
                                            *hit) for node_id in ids)

    named_in: dict[str, list[str]] = {}  # a person found by name → the ids placed with them
    for group in _grouped(named):
        if group.label not in wanted:
            continue
        group.title = title_in(group.props)
        alike = group.ids
        if needle in map(str.lower, alike):  # some id is the text whole
            alike = []
            for node_id in group.ids:
                if node_id.lower() == needle:
                    place(group, (one := [node_id]), (1.0, "id", node_id))
                    named_in[node_id] = one
                else:
                    alike.append(node_id)
        if alike:
            group.hit = scoring.best_name(group.props, names(group.props))
            if group.hit is not None and group.hit[0] >= min_score:
                place(group, alike, group.hit)
                if held and group.label == "Person":
                    named_in.update(dict.fromkeys(alike, alike))
    extra: dict[str, SearchHit] = {}
    if "Organization" in chosen and municipalities:
        bodies = _bodies_of(store, [m.node.id for m in municipalities])
        hit_ids = {i for entries in places.values() for ids, _, _ in entries for i in ids}
        _add_bodies(extra, municipalities, {t: [o for o in orgs if o.id not in hit_ids]
                                            for t, orgs in bodies.items()})
    for body in map(_rounded, extra.values()):
        places[(-body.score, _ORDER[body.node.label], title_of(body.node))].append(
            ([body.node.id], body.field, body.matched))
    # People found by a role (``held``: by their node's reference): ranked by what they do,
    # their keys read only where the page can reach. One found by name too was placed by
    # name above; read, they are placed again by the best of names and roles.
    doing: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for ref, what in held.items():
        doing[tuple(what)].append(ref)
    pending: _Pending = {}
    person = _ORDER["Person"]
    by_text: dict[str, tuple[float, str, str] | None] = {}  # each role's text scored once
    for texts, ids in doing.items():
        hit: tuple[float, str, str] | None = None  # the first of the best, as best_name
        for text in texts:
            if text in by_text:
                this = by_text[text]
            else:
                this = by_text[text] = scoring.best_name({}, [("role", text)])
            if this is not None and (hit is None or this[0] > hit[0]):
                hit = this
        if hit is not None and hit[0] >= min_score:
            pending[texts] = ((-round(hit[0], 4), person), hit, ids)
    while pending and (reach := _reach(places, pending, limit)):
        keyed_people = store.person_keys([r for texts in reach for r in pending.pop(texts)[2]])
        if keyed_people is None:
            return None
        ref_of = {_split_key(key)[1]: ref for ref, key in keyed_people}
        for group in _grouped([key for _, key in keyed_people]):
            group.title = title_in(group.props)
            for node_id in group.ids:
                if (placed := named_in.pop(node_id, None)) is not None:
                    placed.remove(node_id)  # placed by name alone: placed again, below
                if node_id.lower() == needle:
                    hit = (1.0, "id", node_id)
                else:
                    hit = scoring.best_name(group.props, [
                        *names(group.props), *(("role", t) for t in held[ref_of[node_id]])])
                if hit is not None and hit[0] >= min_score:
                    place(group, [node_id], hit)
    shown: list[tuple[float, str, str, str]] = []
    # each place holds one id or more (none once its people were placed again by their roles)
    filled = (key for key, entries in places.items() if any(ids for ids, _, _ in entries))
    for place_key in heapq.nsmallest(limit, filled):
        members = sorted((node_id, field_name, matched)
                         for ids, field_name, matched in places[place_key] for node_id in ids)
        for node_id, field_name, matched in members:
            shown.append((-place_key[0], node_id, field_name, matched))
            if len(shown) == limit:
                break
        if len(shown) == limit:
            break
    whole = {**store.get_nodes([i for _, i, f, _ in shown if f != "territory"]),
             **{h.node.id: h.node for h in extra.values()}}
    return [SearchHit(whole[node_id], score, field_name, matched)
            for score, node_id, field_name, matched in shown]


@reads_together
def search(
    store: Store,
    text: str,
    *,
    labels: Sequence[str] | None = None,
    territory_id: str | None = None,
    limit: int = 20,
    min_score: float = 0.3,
    scope: Scope = EVERYTHING,
) -> list[SearchHit]:
    """Nodes whose names answer ``text``, best first (ties: label order, title, id).

    Bodies of a municipality that matches are found too, at half its score. ``territory_id``
    keeps what is located there (and the bodies above it). On Neo4j one statement finds the
    candidates and the roles of the people among them (within a territory or a scope, the
    caller's sight of it too), and a few reads check the scope. On the
    embedded store the first search after a write reads every searchable label once, to index
    it; later ones read two or three things for the scope.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Organization, Person
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Organization(id="loiro", name="Ленинградский областной институт развития "
    ...                    "образования", short_name="ГАОУ ДПО «ЛОИРО»",
    ...                    kind="development_institute", level="regional"))
    >>> b.add(Person(id="t1", full_name="Петрова Анна Ивановна")); _ = s.write(b)
    >>> [(h.node.id, h.field, h.score) for h in search(s, "лоиро")]  # the name's initials
    [('loiro', 'name', 0.9)]
    >>> [h.node.id for h in search(s, "петровой")]
    ['t1']
    """
    query = _query(text)
    if not query.words:
        raise MethodnetError("the search text has no letters or digits")
    if limit < 1:
        raise MethodnetError(f"limit must be at least 1, not {limit}")
    chosen = list(labels) if labels else list(SEARCH_LABELS)
    unknown = [lab for lab in chosen if lab not in SEARCH_LABELS]
    if unknown:
        raise MethodnetError(f"cannot search {', '.join(unknown)}; searchable labels: "
                             f"{', '.join(SEARCH_LABELS)}")
    needle = "-".join(normalize(text))
    terms = _terms(query, needle, min_score)
    if territory_id is None and scope.unrestricted and isinstance(store, RanksNames):
        keyed = store.find_ranked(terms)
        ranked = None if keyed is None else \
            _ranked(store, keyed, chosen, query, needle, min_score, limit)
        if ranked is not None:  # else some node has no key yet: found the usual way
            return ranked
    hits: dict[str, SearchHit] = {}
    municipalities: list[SearchHit] = []
    found = _searched(store, chosen, terms, territory_id, scope)
    scored, roles, bodies_in, visible = found.scored, found.roles, found.bodies_in, found.seen
    sight = found.sight
    if roles is None:
        scored = list(scored)
        roles = _role_texts(store, [n.id for lab, n in scored if lab == "Person"]) \
            if "Person" in chosen else {}
    scanned: dict[str, list[NodeRecord]] = defaultdict(list)
    scoring = _Scoring(query, needle)
    for label, node in scored:
        if bodies_in is None and label == "Organization" and \
                node.props.get("kind") in _BODY_KINDS_BY_TERRITORY:
            scanned[str(node.props.get("territory_id"))].append(node)
        best = scoring.best(node, _names(node, roles))
        if best is not None and best.score >= min_score:
            hits[node.id] = best
            if label == "Municipality":
                municipalities.append(best)
    if "Organization" not in chosen:
        bodies_in = {}
    elif bodies_in is None:
        bodies_in = scanned
    elif found.read_bodies and municipalities:  # found by the database: read what is needed
        bodies_in = _bodies_of(store, [m.node.id for m in municipalities])
    _add_bodies(hits, municipalities, bodies_in)
    ranked = sorted((_rounded(h) for h in hits.values()), key=_rank)
    if sight.unrestricted:
        return ranked[:limit]
    # Only what was not checked before scoring (bodies found through their district's name).
    unchecked = [h.node for h in ranked if h.node.id not in visible]
    shown = visible | (visible_ids(store, unchecked, sight) if unchecked else set())
    return [h for h in ranked if h.node.id in shown][:limit]
