"""The embedded store loses no accepted write across a restart or a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.errors import StoreLocked
from graph.model import Batch, Organization, Region
from graph.store import MemoryStore


def region(i: int) -> Batch:
    b = Batch()
    b.add(Region(id=f"R{i}", name=f"Регион {i}"))
    return b


def test_reopen_after_clean_close(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path)
    s.write(region(1))
    s.close()
    assert (tmp_path / "snapshot.pickle").exists()
    assert (tmp_path / "journal.jsonl").read_text() == ""
    with MemoryStore(tmp_path) as again:
        assert again.get_node("R1") is not None


def test_journal_replayed_after_kill(tmp_path: Path) -> None:
    """A process killed with SIGKILL right after its writes returned loses none of them."""
    script = textwrap.dedent(f"""
        import os, sys
        from graph.model import Batch, Region
        from graph.store import MemoryStore
        s = MemoryStore({str(tmp_path)!r})
        for i in range(5):
            b = Batch(); b.add(Region(id=f"R{{i}}", name=f"Регион {{i}}")); s.write(b)
        s.snapshot()
        for i in range(5, 8):
            b = Batch(); b.add(Region(id=f"R{{i}}", name=f"Регион {{i}}")); s.write(b)
        print("written", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "written"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with MemoryStore(tmp_path) as s:
        assert sorted(n.id for n in s.nodes("Region")) == [f"R{i}" for i in range(8)]


def test_torn_last_journal_line_is_ignored(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path)
    s.write(region(1))
    s._journal.write(b'2 00000000 {"seq": 99, "nodes": [["Region", "R2"')  # type: ignore[union-attr]
    s._journal.flush()  # type: ignore[union-attr]
    s._journal = None  # a crash: the handle goes without a snapshot
    s._lockfile.close()  # type: ignore[union-attr]
    s._lockfile = None
    with MemoryStore(tmp_path) as again:
        assert [n.id for n in again.nodes("Region")] == ["R1"]


def test_second_writer_is_refused(tmp_path: Path) -> None:
    with MemoryStore(tmp_path) as s:
        s.write(region(1))
        with pytest.raises(StoreLocked, match="open for writing"):
            MemoryStore(tmp_path)
        reader = MemoryStore(tmp_path, readonly=True)
        assert reader.get_node("R1") is not None


def test_compaction_keeps_everything(tmp_path: Path) -> None:
    with MemoryStore(tmp_path, compact_after_bytes=200) as s:
        for i in range(20):
            b = Batch()
            b.add(Organization(id=f"o{i}", name=f"Школа {i}", kind="school",
                               level="institutional"))
            s.write(b)
        assert (tmp_path / "journal.jsonl").stat().st_size < 400
    with MemoryStore(tmp_path) as s:
        assert len(s.nodes("Organization")) == 20
