"""GraphQL documents parsed and validated once per distinct text.

A client (a page, a script, GraphiQL) sends the same few documents again and again with new
variables. Parsing a document and validating it against the schema (graphql-core's rules walk
the whole document once per rule) take about a millisecond between them, more than answering
a small question, and neither depends on the variables. So each is done once per distinct
text and kept here, bounded: at most :data:`MAX_DOCUMENTS` documents of at most
:data:`MAX_KEPT_CHARS` characters, the least recently used forgotten first.

What is kept cannot weaken a check:

- a parse depends only on the text and the token limit, both in the key; a text that does not
  parse is never kept (its error is raised again each time);
- only a *successful* validation is kept, under the schema, the rules it ran (switching
  introspection off adds one) and the text; a document with errors is validated anew each
  time, so its messages are always its own;
- the request's bounds (:func:`api.bounds.check`: cost, depth, aliases, sizes), which depend on
  the variables, are checked on every request before the kept validation is looked up.

>>> doc = parsed("{ health { status } }", 100)
>>> doc is parsed("{ health { status } }", 100)
True
>>> from graphql import GraphQLError
>>> try:
...     parsed("{ health {", 100)
... except GraphQLError as e:
...     print(e.message)
Syntax Error: Expected Name, found <EOF>.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.schema.schema import validate_document

__all__ = ["MAX_DOCUMENTS", "MAX_KEPT_CHARS", "clear", "inputs_within_bounds", "kept_parse",
           "parsed", "validated"]

MAX_DOCUMENTS = 256
"""Distinct documents kept (parsed, and validated when valid)."""
MAX_KEPT_CHARS = 20_000
"""A longer document is parsed and validated each time, never kept (a few kept documents of
this size take a few megabytes)."""


class _Kept:
    """A small thread-safe LRU map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_PARSED = _Kept(MAX_DOCUMENTS)
_VALID = _Kept(MAX_DOCUMENTS)
_INPUTS = _Kept(MAX_DOCUMENTS)


def kept_parse(query: str, max_tokens: int) -> DocumentNode | None:
    """The document already parsed from ``query`` (under the same token limit), if kept."""
    found: DocumentNode | None = _PARSED.get((query, max_tokens))
    return found


def parsed(query: str, max_tokens: int) -> DocumentNode:
    """``query`` parsed (at most ``max_tokens`` tokens), from what is kept when it can be;
    raises graphql-core's syntax error otherwise. The document is shared by every request
    sending the same text: nothing may change it (graphql-core's execution only reads it)."""
    document = kept_parse(query, max_tokens)
    if document is None:
        document = parse(query, max_tokens=max_tokens)
        if len(query) <= MAX_KEPT_CHARS:
            _PARSED.put((query, max_tokens), document)
    return document


def validated(schema: GraphQLSchema, query: str | None, document: DocumentNode,
              rules: Sequence[type[ASTValidationRule]]) -> list[GraphQLError]:
    """graphql-core's validation of ``document`` (parsed from ``query``) with ``rules``: an
    empty list, kept by the schema, the rules and the text, when it is valid; its errors,
    computed afresh, when it is not."""
    key = (schema, tuple(rules), query) if query is not None \
        and len(query) <= MAX_KEPT_CHARS else None
    if key is not None and _VALID.get(key) is not None:
        return []
    errors = validate_document(schema, document, tuple(rules))
    if key is not None and not errors:
        _VALID.put(key, True)
    return errors


def inputs_within_bounds(query: str | None, document: DocumentNode,
                         errors: Callable[[DocumentNode], Iterable[GraphQLError]]
                         ) -> list[GraphQLError]:
    """``errors(document)``: the inputs written in the document (strings, lists) beyond their
    bounds (:func:`api.bounds.check`). They depend on the text alone, so a text found within
    bounds is kept as such and not walked again; a text with errors is walked each time."""
    key = query if query is not None and len(query) <= MAX_KEPT_CHARS else None
    if key is not None and _INPUTS.get(key) is not None:
        return []
    found = list(errors(document))
    if key is not None and not found:
        _INPUTS.put(key, True)
    return found


def clear() -> None:
    """Forget every kept document and validation (tests that count the work done)."""
    _PARSED.clear()
    _VALID.clear()
    _INPUTS.clear()
