"""No acknowledged write is lost when a crash tears the journal (issue #12, point 5).

Real processes die here: killed by the kernel in the middle of an append (a file-size limit
stops the write half-way, as a full disk or a power cut would), or by SIGKILL while large
writes run. Each child prints a line only after its write returned, so the parent knows
exactly which writes were acknowledged.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app as cli
from graph.model import Batch, Region
from graph.store import MemoryStore
from graph.store.journal import CorruptJournal, read

PRELUDE = """
import os, resource, signal, sys
from graph.model import Batch, Region
from graph.store import MemoryStore

def regions(prefix, n):
    b = Batch()
    for i in range(n):
        b.add(Region(id=f"{prefix}{i}", name=f"Регион {prefix}{i}"))
    return b
"""


def child(script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def region_ids(path: Path) -> set[str]:
    with MemoryStore(path) as s:
        return {n.id for n in s.nodes("Region")}


def three_acknowledged_writes_then_kill(path: Path) -> list[str]:
    """A process writes three regions, acknowledging each, and is SIGKILLed after."""
    proc = child(f"""
        s = MemoryStore({str(path)!r})
        for i in range(3):
            s.write(regions(f"ack{{i}}-", 1))
            print(f"ack{{i}}-0", flush=True)
        sys.stdin.read()
    """)
    assert proc.stdout is not None
    acknowledged = [proc.stdout.readline().strip() for _ in range(3)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return acknowledged


def test_crash_mid_append_then_writes_then_kill_loses_nothing(tmp_path: Path) -> None:
    """The issue's attack: a load dies half-way through its journal record, three writes are
    acknowledged after the restart, SIGKILL, restart: all three are there (was 0 of 3)."""
    proc = child(f"""
        s = MemoryStore({str(tmp_path)!r})
        s.write(regions("first", 1))
        print("ack", flush=True)
        size = os.path.getsize({str(tmp_path / "journal.jsonl")!r})
        # The kernel refuses to let the file grow by more than 1000 bytes: the large record
        # is cut there and the process is killed by SIGXFSZ, as a crash would leave it.
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it by default
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 1000, size + 1000))
        s.write(regions("load", 500))
        print("the load was acknowledged", flush=True)
    """)
    out, _err = proc.communicate(timeout=60)
    assert out.split() == ["ack"]
    assert proc.returncode == -signal.SIGXFSZ
    journal = (tmp_path / "journal.jsonl").read_bytes()
    assert not journal.endswith(b"\n"), "the crash should have left a torn record"

    acknowledged = three_acknowledged_writes_then_kill(tmp_path)

    assert read(tmp_path / "journal.jsonl").torn is False
    found = region_ids(tmp_path)
    assert {"first0", *acknowledged} <= found
    assert not any(i.startswith("load") for i in found)  # the torn load: nothing of it


def test_sigkill_during_large_writes_loses_no_acknowledged_one(tmp_path: Path) -> None:
    """SIGKILL lands while large writes (megabytes of journal each) follow one another; the
    write in flight is all or nothing, every acknowledged one survives, twice over."""
    proc = child(f"""
        s = MemoryStore({str(tmp_path)!r})
        for k in range(1000):
            s.write(regions(f"big{{k}}-", 20_000))
            print(k, flush=True)
    """)
    assert proc.stdout is not None
    acked = [int(proc.stdout.readline()) for _ in range(2)]
    time.sleep(0.05)  # into the next write: serialising, appending or applying it
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    acked += [int(line) for line in proc.stdout.read().split()]
    acknowledged = three_acknowledged_writes_then_kill(tmp_path)

    found = region_ids(tmp_path)
    assert set(acknowledged) <= found
    written = {k for k in range(1000) if f"big{k}-0" in found}
    assert set(acked) <= written
    assert written <= set(acked) | {max(acked) + 1}  # at most the write in flight, …
    for k in written:  # … and each batch whole
        assert all(f"big{k}-{i}" in found for i in range(20_000))


def test_failed_append_is_cut_back_and_the_store_goes_on(tmp_path: Path) -> None:
    """A write the file system refuses half-way (file too large) is refused whole; the next
    write is not appended onto its torn record and survives a kill."""
    proc = child(f"""
        # Python ignores SIGXFSZ, so the write fails with EFBIG instead of killing the process.
        s = MemoryStore({str(tmp_path)!r})
        s.write(regions("first", 1))
        size = os.path.getsize({str(tmp_path / "journal.jsonl")!r})
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 1000, size + 1000))
        try:
            s.write(regions("load", 500))
        except Exception as e:
            print(type(e).__name__, flush=True)
        print(s.get_node("load0") is None, flush=True)
        s.write(regions("after", 1))
        print("ack", flush=True)
        sys.stdin.read()
    """)
    assert proc.stdout is not None
    lines = [proc.stdout.readline().strip() for _ in range(3)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lines == ["StoreError", "True", "ack"]
    assert (tmp_path / "journal.jsonl").read_bytes().endswith(b"\n")
    found = region_ids(tmp_path)
    assert {"first0", "after0"} <= found
    assert "load0" not in found


def crashed_store(path: Path, n: int) -> None:
    """``n`` writes journalled, then the process 'dies' (no snapshot, the lock let go)."""
    s = MemoryStore(path)
    for i in range(n):
        b = Batch()
        b.add(Region(id=f"R{i}", name=f"Регион {i}"))
        s.write(b)
    s._journal = None
    s._lockfile.close()  # type: ignore[union-attr]
    s._lockfile = None


def test_corrupt_record_followed_by_good_ones_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashed_store(tmp_path, 3)
    journal = tmp_path / "journal.jsonl"
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1].replace("Регион 1".encode(), "Регион 7".encode())  # a flipped bit
    journal.write_bytes(b"\n".join(lines))
    before = journal.read_bytes()
    with pytest.raises(CorruptJournal, match=r"line 2 \(byte \d+\): its checksum does not match"):
        MemoryStore(tmp_path)
    assert journal.read_bytes() == before  # nothing cut, nothing appended
    # ``methodnet serve`` says so in one line and does not start, rather than a traceback.
    monkeypatch.setenv("METHODNET_STORE", "memory")
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 1
    assert "damaged at line 2" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("tail", [
    b'2 1234abcd {"seq":9,"nodes":[["Reg',  # an append cut short
    b"\0\0\0\0\0\0\n\0\0\0",  # blocks allocated but never written
    b'2 00000000 {"seq":9}\n',  # a whole line whose checksum fails, nothing after it
])
def test_torn_tail_is_cut_before_appending(tmp_path: Path, tail: bytes) -> None:
    crashed_store(tmp_path, 2)
    journal = tmp_path / "journal.jsonl"
    good = journal.stat().st_size
    with journal.open("ab") as f:
        f.write(tail)
    with MemoryStore(tmp_path, readonly=True) as reader:  # a reader never cuts
        assert {n.id for n in reader.nodes("Region")} == {"R0", "R1"}
    assert journal.stat().st_size == good + len(tail)
    s = MemoryStore(tmp_path)
    assert journal.stat().st_size == good  # cut on open, before any append
    b = Batch()
    b.add(Region(id="R9", name="Регион 9"))
    s.write(b)
    s._journal = None
    s._lockfile.close()  # type: ignore[union-attr]
    s._lockfile = None
    assert region_ids(tmp_path) == {"R0", "R1", "R9"}


def test_journal_of_the_first_format_still_replays(tmp_path: Path) -> None:
    """Records written before checksums existed (plain JSON lines) replay as they are."""
    (tmp_path / "journal.jsonl").write_text(
        '{"nodes":[["Region","R1",{"name":"Регион 1"}]],"edges":[],"seq":1}\n'
        '{"nodes":[["Region","R2",{"name":"Регион 2"}]],"edges":[],"seq":2}\n'
        '{"nodes":[["Region","R3"',  # and a torn one of that format
        encoding="utf-8",
    )
    with MemoryStore(tmp_path) as s:
        assert {n.id for n in s.nodes("Region")} == {"R1", "R2"}
        b = Batch()
        b.add(Region(id="R4", name="Регион 4"))
        s.write(b)
        assert s.revision == 3
    assert region_ids(tmp_path) == {"R1", "R2", "R4"}


def test_records_carry_their_checksum(tmp_path: Path) -> None:
    crashed_store(tmp_path, 1)
    line = (tmp_path / "journal.jsonl").read_bytes()
    assert line.startswith(b"2 ") and line.endswith(b"\n") and line.count(b"\n") == 1
    assert os.path.getsize(tmp_path / "journal.jsonl") == len(line)
