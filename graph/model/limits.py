"""Limits on text values: a maximum length per kind of field, and characters no value may hold.

Every path that takes text in (the dataset loader, the API's mutations) builds the models of
:mod:`graph.model`, whose validator calls :func:`check_text`; the loader also checks raw cells
with it, so a problem names the file, row and column. The limits live here and nowhere else.

Refused everywhere: C0 control characters (NUL, ESC and the rest), DEL and C1 controls, the
bidirectional embeddings, overrides and isolates and the invisible direction marks (text that
reads differently from what it holds), lone surrogates and the non-characters U+FFFE/U+FFFF.
TAB, LF and CR are allowed only in long free text (the text of a clause).
"""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

__all__ = [
    "LONG_TEXT_FIELDS",
    "MAX_ID_LENGTH",
    "MAX_LONG_TEXT_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "MAX_WORKBOOK_BYTES",
    "MAX_WORKBOOK_PART_BYTES",
    "MAX_WORKBOOK_RATIO",
    "NAME_FIELDS",
    "check_text",
    "forbidden_character",
    "max_length",
    "printable",
]

MAX_ID_LENGTH = 200
"""Ids (``id``, ``source``, ``territory_id``…)."""
MAX_NAME_LENGTH = 500
"""Names and titles: the longest full name of a body in the bundled regulations is 155."""
MAX_TEXT_LENGTH = 2_000
"""Other free text in one line: a subject, a position, a topic, an instrument."""
MAX_LONG_TEXT_LENGTH = 100_000
"""The text of a clause, a duty, an indicator or a definition (the longest clause is 8 308)."""

NAME_FIELDS = frozenset({"name", "full_name", "title", "short_name", "aliases", "issuer"})
LONG_TEXT_FIELDS = frozenset({"text", "definition"})

_ALWAYS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 except TAB, LF, CR
    "\x7f-\x9f"  # DEL and C1
    "\u061c\u200e\u200f"  # direction marks
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\ud800-\udfff\ufffe\uffff"  # lone surrogates, non-characters
)
_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\r\u2028\u2029]")
_MULTI_LINE = re.compile(f"[{_ALWAYS}]")
_UNPRINTABLE = re.compile(f"[{_ALWAYS}\t\n\r\u2028\u2029]")


def max_length(field: str) -> int:
    """The longest value a field may hold, by the kind of field its name says.

    >>> max_length("full_name"), max_length("subject"), max_length("text")
    (500, 2000, 100000)
    """
    if field in NAME_FIELDS:
        return MAX_NAME_LENGTH
    if field in LONG_TEXT_FIELDS:
        return MAX_LONG_TEXT_LENGTH
    return MAX_TEXT_LENGTH


def forbidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character ``text`` may not hold and its position (from 1), or ``None``.

    >>> forbidden_character("Иванова\\x1b[31m")
    (8, '\\x1b')
    >>> forbidden_character("строка\\nвторая"), forbidden_character("a\\nb", multiline=True)
    ((7, '\\n'), None)
    """
    found = (_MULTI_LINE if multiline else _ONE_LINE).search(text)
    return None if found is None else (found.start() + 1, found.group())


def check_text(text: str, field: str, *, limit: int | None = None) -> str:
    """``text`` if the field may hold it; a pydantic error naming the problem otherwise.
    ``limit`` replaces the field's maximum length (for a cell holding a list).

    >>> check_text("математика", "subject")
    'математика'
    >>> check_text("x" * 2001, "subject")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: too long: 2001 characters, at most 2000
    """
    limit = max_length(field) if limit is None else limit
    if len(text) > limit:
        raise PydanticCustomError(
            "methodnet_too_long", "too long: {length} characters, at most {limit}",
            {"length": len(text), "limit": limit})
    bad = forbidden_character(text, multiline=field in LONG_TEXT_FIELDS)
    if bad is not None:
        raise PydanticCustomError(
            "methodnet_control_character",
            "the character {code} (position {position}) is not allowed in text",
            {"code": f"U+{ord(bad[1]):04X}", "position": bad[0]})
    return text


def printable(text: str) -> str:
    """``text`` with every control, direction or line-breaking character written as an escape,
    for terminals and one-line reports.

    >>> printable("Иванова\\x1b[31m\\u202e")
    'Иванова\\\\x1b[31m\\\\u202e'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace")
                            .decode("ascii"), text)

MAX_WORKBOOK_PART_BYTES = 256 * 1024 * 1024
"""The largest part (a sheet's XML, the shared strings) an XLSX workbook may declare, unpacked."""
MAX_WORKBOOK_BYTES = 1024 * 1024 * 1024
"""The most all parts of an XLSX workbook may declare together, unpacked."""
MAX_WORKBOOK_RATIO = 100
"""How many times larger than packed a part over 1 MB may be: real sheets pack 5 to 20 times,
a 300 MB run of one character packs a thousand times (a zip bomb)."""
