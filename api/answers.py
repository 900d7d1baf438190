"""GraphQL answers kept per store revision: a question asked again before the next write is
answered from memory, with an ``ETag`` so that a client holding the answer gets ``304``.

An answer depends on the operation (its text, variables and name), on what the caller may see
(the scope: territories, read-only, pseudonymised) and on the data (the store's revision, which
changes with every accepted write). The key is made of exactly these, so two coordinators of
the same district share answers and a coordinator of another district never sees them. Only
queries that answered without errors are kept; mutations never are, and neither are the root
fields in :data:`UNCACHED_FIELDS`, whose answers change without a graph write (the audit log,
the health probe). A store that cannot tell its revision is never cached.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

from graph.queries.scope import Scope

__all__ = ["MAX_BYTES", "UNCACHED_FIELDS", "Answer", "AnswerCache", "answer_key", "etag_of"]

MAX_BYTES = 64 * 1024 * 1024
"""Memory the kept answers may take in all; the least recently used go first."""
MAX_ANSWER_BYTES = 4 * 1024 * 1024
"""An answer taking more memory is not kept (it would push out many small ones)."""
UNCACHED_FIELDS = frozenset({"auditLog", "health"})
"""Root fields whose answers change without a write to the graph: never kept."""


@dataclass(frozen=True)
class Answer:
    """An encoded answer and its entity tag."""

    encoded: str
    etag: str


def etag_of(encoded: str) -> str:
    """A strong entity tag for an encoded answer.

    >>> tag = etag_of('{"data":{"a":1}}')
    >>> len(tag), tag[0], tag == etag_of('{"data":{"a":1}}'), tag == etag_of('{"data":{}}')
    (34, '"', True, False)
    """
    return '"' + hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest() + '"'


def _root_fields(query: str, operation_name: str | None) -> tuple[OperationType, set[str]] | None:
    """The operation's type and root field names, or ``None`` if it cannot be told (a parse
    error, several operations without a name): then nothing is kept."""
    try:
        document = parse(query, no_location=True, max_tokens=5_000)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return None
    operation = operations[0]
    names: set[str] = set()
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None  # fragments at the root: not worth resolving here, not kept
        names.add(selection.name.value)
    return operation.operation, names


def answer_key(query: str | None, variables: dict[str, Any] | None,
               operation_name: str | None, scope: Scope, revision: int | None) -> str | None:
    """The cache key of an operation, or ``None`` when its answer must not be kept.

    >>> from graph.queries.scope import Scope
    >>> k = answer_key("{ counts { nodes } }", None, None, Scope.of(["M1"]), 7)
    >>> k == answer_key("{ counts { nodes } }", None, None, Scope.of(["M1"]), 7)
    True
    >>> k == answer_key("{ counts { nodes } }", None, None, Scope.of(["M2"]), 7)
    False
    >>> k == answer_key("{ counts { nodes } }", None, None, Scope.of(["M1"]), 8)
    False
    >>> answer_key("mutation { x }", None, None, Scope(), 7) is None
    True
    >>> answer_key("{ auditLog { total } }", None, None, Scope(), 7) is None
    True
    >>> answer_key("{ counts { nodes } }", None, None, Scope(), None) is None
    True
    """
    if revision is None or not query:
        return None
    told = _root_fields(query, operation_name)
    if told is None:
        return None
    operation, fields = told
    if operation is not OperationType.QUERY or fields & UNCACHED_FIELDS:
        return None
    territories = None if scope.territories is None else sorted(scope.territories)
    material = json.dumps(
        [query, variables or {}, operation_name, territories, scope.read_only,
         scope.pseudonymised, revision],
        sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(material.encode(), digest_size=20).hexdigest()


class AnswerCache:
    """Encoded answers by key, least recently used out first, at most ``max_bytes`` of memory
    in all (an answer's text counted as Python holds it: one byte a character for ASCII, two
    for Cyrillic, see :func:`memory_of`).

    >>> cache = AnswerCache(max_bytes=110)  # two answers of five ASCII characters: 54 bytes each
    >>> _ = cache.put("a", "12345"); _ = cache.put("b", "12345"); cache.get("a").encoded
    '12345'
    >>> _ = cache.put("c", "12345"); cache.get("b") is None, cache.get("a") is not None
    (True, True)
    """

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def keeps(self) -> bool:
        """Whether any answer can be kept: a cache of no bytes (``max_bytes = 0``) keeps none,
        and then nobody needs the store's revision or a request's key."""
        return self.max_bytes > 0

    def clear(self) -> None:
        """Forget every kept answer (a test measuring the work of a question)."""
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def get(self, key: str, *, count_miss: bool = True) -> Answer | None:
        """The kept answer; ``count_miss=False`` for a look that another follows on a miss
        (the fast path, :mod:`api.fastpath`), so that a request counts one miss at most."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += count_miss
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: str, encoded: str) -> Answer:
        answer = Answer(encoded, etag_of(encoded))
        size = memory_of(encoded)
        if size > min(MAX_ANSWER_BYTES, self.max_bytes):
            return answer
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= memory_of(old.encoded)
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= memory_of(dropped.encoded)
        return answer


def memory_of(encoded: str) -> int:
    """The bytes an encoded answer takes in memory. Answers are sent as UTF-8 with Russian
    text unescaped (:func:`api.router.encode_answer`), and Python holds a text with any
    Cyrillic in it at two bytes a character, so its length alone would count half.

    >>> memory_of("ab") < memory_of("аб")
    True
    """
    return sys.getsizeof(encoded)
