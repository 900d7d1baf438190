"""The embedded store's journal: one checksummed record a line, a torn tail cut before appending.

A record is one line ``2 <crc32 of the payload, 8 hex digits> <payload>`` where the payload is
the write as compact JSON (UTF-8; JSON escapes every newline inside it). The leading ``2`` is
the format's version: a line starting with ``{`` is a record of the first format, written
before records carried a checksum, and still replays as it is.

A crash during an append leaves a torn last line (part of a record, or bytes the file system
allocated but never filled); that write never returned, so it was never acknowledged.
:func:`read` tells where the good records end, and :func:`cut` truncates the file there (and
fsyncs it) before the store appends again, so a new record never lands on the torn one. A bad
record *followed by good ones* is not a torn tail but damage: :func:`read` raises
:class:`CorruptJournal` naming the line and byte, rather than dropping the good records.

>>> import io, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with open(folder / "journal.jsonl", "ab") as f:
...     append(f, {"seq": 1, "nodes": []})
...     _ = f.write(b'2 0badc0de {"seq": 2, "no')  # a crash in the middle of an append
>>> replay = read(folder / "journal.jsonl")
>>> [e["seq"] for e in replay.entries], replay.torn
([1], True)
>>> cut(folder / "journal.jsonl", replay.good_bytes)
>>> read(folder / "journal.jsonl").torn
False
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from graph.errors import StoreError

__all__ = ["VERSION", "CorruptJournal", "Replay", "append", "cut", "encode", "read"]

VERSION = b"2"


class CorruptJournal(StoreError):
    """A journal record that fails its checksum (or does not parse) with good records after it:
    damage to the file, not a crash during an append, so the store refuses to start."""


@dataclass
class Replay:
    """What :func:`read` found in a journal."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    good_bytes: int = 0
    """Length of the journal up to the end of its last good record."""
    torn: bool = False
    """Whether bytes follow the last good record (a torn tail, to be cut before appending)."""


def encode(entry: dict[str, Any]) -> bytes:
    """One journal line for ``entry``.

    >>> encode({"seq": 1})
    b'2 a589bc6d {"seq":1}\\n'
    """
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%s %08x %s\n" % (VERSION, zlib.crc32(payload), payload)


def append(journal: BinaryIO, entry: dict[str, Any]) -> None:
    """Append ``entry`` to the open journal and fsync it; returns once it is on disk.

    If the append fails half-way (disk full, file too large), the journal is cut back to where
    it was, so that the next append does not land on a torn record.
    """
    line = encode(entry)
    start = journal.seek(0, os.SEEK_END)
    try:
        journal.write(line)
        journal.flush()
        os.fsync(journal.fileno())
    except OSError as e:
        try:
            os.ftruncate(journal.fileno(), start)
            os.fsync(journal.fileno())
        except OSError as again:
            raise StoreError(
                f"the journal could not be written ({e}) nor cut back to its last good record "
                f"({again}); nothing more will be accepted until the store is reopened"
            ) from e
        raise StoreError(f"the journal could not be written, nothing was accepted: {e}") from e


def read(path: Path) -> Replay:
    """The records of the journal at ``path``, and where its good part ends.

    Raises :class:`CorruptJournal` for a bad record that good records follow.
    """
    replay = Replay()
    first_bad: tuple[int, int, str] | None = None  # (line number, byte offset, why)
    offset = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            start, offset = offset, offset + len(line)
            if not line.endswith(b"\n"):  # the append never finished
                replay.torn = True
                break
            entry, why = _decode(line[:-1])
            if entry is None:
                if first_bad is None:
                    first_bad = (number, start, why)
            elif first_bad is not None:
                raise _damaged(path, *first_bad, number)
            else:
                replay.entries.append(entry)
                replay.good_bytes = offset
    if first_bad is not None:
        replay.torn = True  # only bad records after the last good one: a torn tail
    return replay


def _damaged(path: Path, line: int, byte: int, problem: str, good: int) -> CorruptJournal:
    return CorruptJournal(
        f"the journal {path} is damaged at line {line} (byte {byte}): {problem}, and good "
        f"records follow it (line {good}); the store will not start rather than lose them. "
        "Keep a copy of the folder and repair or remove that line by hand "
        f"/ журнал {path} повреждён в строке {line} (байт {byte}), а за ней идут целые записи; "
        "хранилище не открыто, чтобы не потерять их"
    )


def cut(path: Path, length: int) -> None:
    """Truncate the journal at ``path`` to ``length`` bytes and put that on disk."""
    with path.open("r+b") as f:
        f.truncate(length)
        f.flush()
        os.fsync(f.fileno())


def _decode(line: bytes) -> tuple[dict[str, Any] | None, str]:
    """The record a journal line holds, or ``None`` and why not."""
    if line.startswith(b"{"):  # the first format, without a checksum
        payload = line
    elif line.startswith(VERSION + b" "):
        crc, _, payload = line[len(VERSION) + 1:].partition(b" ")
        try:
            expected = int(crc, 16)
        except ValueError:
            return None, "its checksum is not a number"
        if len(crc) != 8 or zlib.crc32(payload) != expected:
            return None, "its checksum does not match"
    else:
        return None, "it is not a journal record"
    try:
        entry = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "it is not valid JSON"
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
        return None, "it has no sequence number"
    return entry, ""
