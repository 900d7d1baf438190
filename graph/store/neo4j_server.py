"""Install, start and stop a local Neo4j 5 Community server for Methodnet.

The server is Neo4j Community (version pinned in ``tools/neo4j/pom.xml``) running as an
embedded DBMS with its Bolt connector switched on, so any Neo4j driver can use it:

* :func:`install` downloads the Neo4j jars from Maven Central with
  ``mvn dependency:copy-dependencies`` (needs ``mvn`` and Java >= 17, nothing is built).
* :func:`start` runs ``tools/neo4j/Launcher.java`` as a Java single-file source program in a
  detached background process and waits until Bolt answers on ``127.0.0.1:<port>``.
* :func:`stop` sends SIGTERM (clean shutdown), SIGKILL only as a last resort.

Layout under ``config.home`` (default ``<repo>/.cache/neo4j``, env ``METHODNET_NEO4J_HOME``)::

    lib/            Neo4j jars + .methodnet-installed marker (or config.lib_dir, see below)
    data/           databases, transaction logs, system db -- kept across restarts
    logs/neo4j.log  launcher stdout/stderr (the "ready" line, errors, stack traces)
    logs/debug.log  Neo4j's own log
    run/neo4j.pid   pid of the running server

The jar folder can be shared between several homes (``Neo4jServerConfig.lib_dir``) so that,
e.g., the test-suite runs its own server on its own port and data folder without
re-downloading ~125 MB of jars.

The server listens on 127.0.0.1 only, with authentication disabled and Bolt TLS off: connect
with ``GraphDatabase.driver(uri(config), auth=None)`` (any basic auth is accepted as well).
Usage reporting to neo4j.com is switched off.

Command line: ``python -m graph.store.neo4j_server {install,start,stop,status}``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

__all__ = [
    "Neo4jServerConfig",
    "Neo4jServerError",
    "ServerStatus",
    "default_home",
    "default_port",
    "install",
    "is_installed",
    "neo4j_version",
    "start",
    "status",
    "stop",
    "uri",
]

#: Repository root: graph/store/neo4j_server.py -> graph/store -> graph -> <repo>.
REPO_ROOT: Path = Path(__file__).resolve().parents[2]
TOOLS_DIR: Path = REPO_ROOT / "tools" / "neo4j"
POM_FILE: Path = TOOLS_DIR / "pom.xml"
LAUNCHER_FILE: Path = TOOLS_DIR / "Launcher.java"

HOME_ENV = "METHODNET_NEO4J_HOME"
PORT_ENV = "METHODNET_NEO4J_PORT"
DEFAULT_PORT = 7687
HOST = "127.0.0.1"

READY_MARKER = "METHODNET_NEO4J_READY"
INSTALL_MARKER = ".methodnet-installed"
MIN_JAVA = 17
MVN_TIMEOUT_S = 1800.0
LOG_ROTATE_BYTES = 10 * 1024 * 1024

#: JVM flags Neo4j's own startup script uses (minus the ones that cost memory, such as
#: AlwaysPreTouch). The --add-opens let the page cache and Bolt/netty use direct buffers and
#: native file advice instead of slower fallbacks (and silence the warnings about it).
#: G1PeriodicGCInterval gives heap back to the OS when the server idles (measured: RSS of an
#: idle server after a load burst drops from ~1.1 GB to ~0.7 GB with -Xmx1g).
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:G1PeriodicGCInterval=60000",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

# Popen objects of servers started by this Python process, so that they can be reaped
# (otherwise a stopped child lingers as a zombie that still "exists" for os.kill(pid, 0)).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class Neo4jServerError(Exception):
    """Installing, starting or stopping the local Neo4j server failed."""


def default_home() -> Path:
    """Return the server home: ``$METHODNET_NEO4J_HOME`` or ``<repo root>/.cache/neo4j``."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return REPO_ROOT / ".cache" / "neo4j"


def default_port() -> int:
    """Return the Bolt port: ``$METHODNET_NEO4J_PORT`` or 7687."""
    env = os.environ.get(PORT_ENV)
    if not env:
        return DEFAULT_PORT
    try:
        port = int(env)
    except ValueError:
        raise Neo4jServerError(f"{PORT_ENV}={env!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise Neo4jServerError(f"{PORT_ENV}={env!r} is not a port number")
    return port


@dataclass
class Neo4jServerConfig:
    """Where and how the local server runs.

    Attributes:
        home: Server folder (lib/, data/, logs/, run/). Default :func:`default_home`.
        port: Bolt port on 127.0.0.1. Default :func:`default_port` (7687).
        heap: JVM max heap (``-Xmx``), e.g. ``"512m"``, ``"1g"``.
        page_cache: Neo4j page cache size (``server.memory.pagecache.size``).
        tx_memory: Cap on memory of all running transactions
            (``dbms.memory.transaction.total.max``); must stay below ``heap``.
        lib_dir: Jar folder; ``None`` means ``<home>/lib``. Point several homes at one folder
            to share a single download.
    """

    home: Path = field(default_factory=default_home)
    port: int = field(default_factory=default_port)
    # One all-or-nothing load of a region's registries (~100 000 nodes and edges) is one
    # transaction: it needs about a gigabyte of transaction memory.
    heap: str = "2g"
    page_cache: str = "512m"
    tx_memory: str = "1200m"
    lib_dir: Path | None = None

    def __post_init__(self) -> None:
        self.home = Path(self.home).expanduser().resolve()
        if self.lib_dir is not None:
            self.lib_dir = Path(self.lib_dir).expanduser().resolve()
        for name in ("heap", "page_cache", "tx_memory"):
            _size_bytes(getattr(self, name), name)  # validate early
        if not 1 <= int(self.port) <= 65535:
            raise Neo4jServerError(f"bad port {self.port}")

    @property
    def lib_path(self) -> Path:
        """Folder holding the Neo4j jars."""
        return self.lib_dir if self.lib_dir is not None else self.home / "lib"

    @property
    def data_dir(self) -> Path:
        """Neo4j data folder (databases, transaction logs); kept across restarts."""
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        """Folder with ``neo4j.log`` (launcher output) and Neo4j's ``debug.log``."""
        return self.home / "logs"

    @property
    def log_file(self) -> Path:
        """Launcher stdout/stderr."""
        return self.logs_dir / "neo4j.log"

    @property
    def pid_file(self) -> Path:
        """Pid of the running server."""
        return self.home / "run" / "neo4j.pid"


@dataclass(frozen=True)
class ServerStatus:
    """State of the local server.

    Attributes:
        running: The launcher process is alive *and* Bolt answers on the port.
        pid: Pid of the launcher process if it is alive (possibly still starting), else None.
        uri: Bolt URI, ``bolt://127.0.0.1:<port>``.
        home: The server home folder.
        version: Installed Neo4j version, or None if not installed.
    """

    running: bool
    pid: int | None
    uri: str
    home: Path
    version: str | None


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------


def uri(config: Neo4jServerConfig) -> str:
    """Return the Bolt URI of the server, ``bolt://127.0.0.1:<port>``."""
    return f"bolt://{HOST}:{config.port}"


def neo4j_version() -> str:
    """Return the Neo4j version pinned in ``tools/neo4j/pom.xml``."""
    try:
        text = POM_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise Neo4jServerError(f"cannot read {POM_FILE}: {exc}") from exc
    m = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", text)
    if not m:
        raise Neo4jServerError(f"no <neo4j.version> property in {POM_FILE}")
    return m.group(1)


def is_installed(config: Neo4jServerConfig) -> bool:
    """True if the jars for the pinned version (and current pom) are in ``config.lib_path``."""
    return _read_marker(config.lib_path) == _expected_marker()


def install(config: Neo4jServerConfig, progress: Callable[[str], None] | None = None) -> None:
    """Download the Neo4j jars into ``config.lib_path`` (idempotent).

    Returns at once when the marker file in the lib folder records the pinned version and
    the current pom. Otherwise runs ``mvn -q -B dependency:copy-dependencies`` into a fresh
    temporary folder and swaps it in, so a failed or interrupted download never leaves a
    half-filled lib folder. Concurrent calls are serialised with a file lock.

    Args:
        config: Server configuration.
        progress: Optional callback receiving human-readable progress messages.

    Raises:
        Neo4jServerError: java (>= 17) or mvn is missing, or the download failed (the
            message ends with the tail of the Maven output).
    """
    say = progress or (lambda _msg: None)
    if is_installed(config):
        return
    _find_java()  # fail early with a clear message; the server needs it anyway
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(
            "Apache Maven ('mvn') is needed to download the Neo4j jars from Maven Central but "
            "is not on PATH (Debian/Ubuntu: apt-get install maven)."
        )
    lib = config.lib_path
    lib.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(lib.parent / f".{lib.name}.install.lock"):
        if is_installed(config):  # somebody else finished while we waited for the lock
            return
        version = neo4j_version()
        tmp = lib.parent / f".{lib.name}.partial-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [
            mvn,
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(POM_FILE),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
        ]
        say(f"downloading Neo4j {version} jars from Maven Central into {lib} (~125 MB) ...")
        t0 = time.monotonic()
        try:
            proc = subprocess.run(
                cmd,
                cwd=TOOLS_DIR,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=MVN_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            out = exc.stdout.decode("utf-8", "replace") if exc.stdout else ""
            raise Neo4jServerError(
                f"Neo4j download timed out after {MVN_TIMEOUT_S:.0f}s: {' '.join(cmd)}\n"
                + _tail_text(out, 40)
            ) from exc
        output = proc.stdout.decode("utf-8", "replace")
        jars = sorted(tmp.glob("*.jar")) if tmp.is_dir() else []
        if proc.returncode != 0 or not any(j.name == f"neo4j-{version}.jar" for j in jars):
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(
                f"downloading Neo4j {version} with Maven failed (exit {proc.returncode}): "
                f"{' '.join(cmd)}\n--- last lines of mvn output ---\n" + _tail_text(output, 40)
            )
        marker = _expected_marker()
        marker["jars"] = len(jars)
        marker["installed_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        (tmp / INSTALL_MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        old = lib.parent / f".{lib.name}.old-{os.getpid()}"
        if lib.exists():
            lib.rename(old)  # a running server keeps its open jars; Linux does not mind
        tmp.rename(lib)
        shutil.rmtree(old, ignore_errors=True)
        say(f"installed Neo4j {version}: {len(jars)} jars in {time.monotonic() - t0:.1f}s")


def status(config: Neo4jServerConfig) -> ServerStatus:
    """Return whether the server of ``config`` runs (launcher alive and Bolt answering)."""
    pid = _live_server_pid(config)
    running = pid is not None and _bolt_answers(config.port)
    marker = _read_marker(config.lib_path)
    version = marker.get("version") if marker else None
    return ServerStatus(
        running=running,
        pid=pid,
        uri=uri(config),
        home=config.home,
        version=version if isinstance(version, str) else None,
    )


def start(
    config: Neo4jServerConfig,
    timeout: float = 120,
    progress: Callable[[str], None] | None = None,
) -> ServerStatus:
    """Start the server in the background (installing it first if needed) and wait for Bolt.

    Returns at once if the server of ``config`` already runs. If its launcher is alive but
    still starting (e.g. started by another process), waits for it instead of starting a
    second one. The server keeps running after this Python process exits; use :func:`stop`.

    Args:
        config: Server configuration.
        timeout: Seconds to wait for Bolt after launching (download time not included).
        progress: Optional callback receiving human-readable progress messages.

    Raises:
        Neo4jServerError: installation failed, the port is taken by something else, the
            server process died while starting (message has the last 40 log lines), or it
            did not answer within ``timeout`` (it is then stopped again).
    """
    say = progress or (lambda _msg: None)
    current = status(config)
    if current.running:
        return current
    install(config, progress)
    config.home.mkdir(parents=True, exist_ok=True)
    config.pid_file.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(config.pid_file.parent / "start.lock"):
        pid = _live_server_pid(config)
        if pid is not None:
            say(f"Neo4j launcher (pid {pid}) is already starting; waiting for Bolt ...")
            _wait_ready(config, pid, timeout, log_offset=None)
            return status(config)
        if _port_open(config.port):
            raise Neo4jServerError(
                f"port {HOST}:{config.port} is already in use by another process (not the "
                f"Methodnet Neo4j server of {config.home}); choose another port via "
                f"{PORT_ENV} or Neo4jServerConfig(port=...)"
            )
        java = _find_java()
        for folder in (config.data_dir, config.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        _rotate_log(config.log_file)
        cmd = [
            java,
            f"-Xms{_initial_heap(config.heap)}",
            f"-Xmx{config.heap}",
            *JVM_FLAGS,
            "-cp",
            f"{config.lib_path}{os.sep}*",
            str(LAUNCHER_FILE),
            "--home",
            str(config.data_dir),
            "--logs",
            str(config.logs_dir),
            "--port",
            str(config.port),
            "--pid-file",
            str(config.pid_file),
            "--pagecache",
            config.page_cache,
            "--tx-memory",
            config.tx_memory,
        ]
        say(f"starting Neo4j on {uri(config)} (home {config.home}) ...")
        with open(config.log_file, "ab") as log:
            log_offset = log.tell()
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            log.write(f"\n===== {stamp} start: {' '.join(cmd)}\n".encode())
            log.flush()
            proc = subprocess.Popen(
                cmd,
                cwd=config.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )
        _CHILDREN[proc.pid] = proc
        _write_pid_file(config.pid_file, proc.pid)
        _wait_ready(config, proc.pid, timeout, log_offset=log_offset)
        result = status(config)
        say(f"Neo4j is up on {result.uri} (pid {result.pid})")
        return result


def stop(config: Neo4jServerConfig, timeout: float = 60) -> bool:
    """Stop the server: SIGTERM (clean shutdown), SIGKILL if still alive after ``timeout``.

    Returns:
        True if a server process was running (and has been stopped), False otherwise.

    Raises:
        Neo4jServerError: the process survived even SIGKILL.
    """
    pid = _live_server_pid(config)
    if pid is None:
        _remove_pid_file(config.pid_file)
        return False
    _signal(pid, signal.SIGTERM)
    if not _wait_dead(pid, timeout):
        _signal(pid, signal.SIGKILL)
        if not _wait_dead(pid, 15):
            raise Neo4jServerError(f"Neo4j server pid {pid} did not die after SIGKILL")
    _CHILDREN.pop(pid, None)
    _remove_pid_file(config.pid_file)
    return True


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _expected_marker() -> dict[str, object]:
    pom_hash = hashlib.sha256(POM_FILE.read_bytes()).hexdigest()
    return {"version": neo4j_version(), "pom_sha256": pom_hash}


def _read_marker(lib: Path) -> dict[str, object] | None:
    try:
        data = json.loads((lib / INSTALL_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return {k: data.get(k) for k in ("version", "pom_sha256")}


def _find_java() -> str:
    """Return the java executable ($JAVA_HOME/bin/java, else PATH); check it is >= 17."""
    candidates = []
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidates.append(str(Path(java_home) / "bin" / "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    java = next((c for c in candidates if os.access(c, os.X_OK)), None)
    if java is None:
        raise Neo4jServerError(
            f"Java {MIN_JAVA} or newer is needed to run Neo4j but 'java' was not found "
            "(set JAVA_HOME or put java on PATH; Debian/Ubuntu: apt-get install openjdk-17-jdk)."
        )
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Neo4jServerError(f"cannot run {java} -version: {exc}") from exc
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        raise Neo4jServerError(f"cannot parse the output of {java} -version:\n{out}")
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0_..." style
        major = int(m.group(2))
    if major < MIN_JAVA:
        raise Neo4jServerError(
            f"Neo4j {neo4j_version()} needs Java {MIN_JAVA}+ but {java} is Java {major}"
        )
    return java


_SIZE_RE = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)


def _size_bytes(size: str, what: str = "size") -> int:
    m = _SIZE_RE.match(str(size))
    if not m:
        raise Neo4jServerError(f"bad {what} {size!r}; use e.g. '512m' or '1g'")
    factor = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    return int(m.group(1)) * factor[m.group(2).lower()]


def _initial_heap(heap: str) -> str:
    """-Xms: 256m (or the whole heap if smaller). Neo4j warns when -Xms is unset."""
    return heap if _size_bytes(heap) <= (256 << 20) else "256m"


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_pid_file(path: Path, pid: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(f"{pid}\n", encoding="ascii")
    tmp.replace(path)


def _remove_pid_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _pid_alive(pid: int) -> bool:
    proc = _CHILDREN.get(pid)
    if proc is not None:
        if proc.poll() is not None:  # our own child: poll() reaps it
            _CHILDREN.pop(pid, None)
            return False
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) counts as dead
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_our_launcher(pid: int, config: Neo4jServerConfig) -> bool:
    """Guard against pid reuse: the process must be Launcher.java for this data folder."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid file
    args = [a.decode("utf-8", "replace") for a in argv]
    return any(a.endswith("Launcher.java") for a in args) and str(config.data_dir) in args


def _live_server_pid(config: Neo4jServerConfig) -> int | None:
    """Pid from the pid file if that process is alive and is our launcher, else None."""
    try:
        pid = int(config.pid_file.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    if pid <= 0 or not _pid_alive(pid) or not _is_our_launcher(pid, config):
        return None
    return pid


def _port_open(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def _bolt_answers(port: int, timeout: float = 2.0) -> bool:
    """TCP connect plus Bolt handshake: True if a Bolt server agrees on a protocol version."""
    handshake = (
        b"\x60\x60\xb0\x17"  # Bolt magic
        + b"\x00\x08\x08\x05"  # 5.8 .. 5.0
        + b"\x00\x00\x04\x04"  # 4.4
        + b"\x00\x00\x00\x00" * 2
    )
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as sock:
            sock.sendall(handshake)
            reply = b""
            while len(reply) < 4:
                chunk = sock.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


def _wait_ready(
    config: Neo4jServerConfig, pid: int, timeout: float, log_offset: int | None
) -> None:
    """Wait for the launcher's ready line (if we started it) and a Bolt handshake."""
    deadline = time.monotonic() + timeout
    marker_seen = log_offset is None
    while True:
        if not _pid_alive(pid):
            _CHILDREN.pop(pid, None)
            _remove_pid_file(config.pid_file)
            raise Neo4jServerError(
                f"Neo4j server (pid {pid}) exited while starting; last lines of "
                f"{config.log_file}:\n{_tail_file(config.log_file, 40)}"
            )
        if not marker_seen and log_offset is not None:
            marker_seen = _log_has_ready(config.log_file, log_offset, pid)
        if marker_seen and _bolt_answers(config.port):
            return
        if time.monotonic() >= deadline:
            tail = _tail_file(config.log_file, 40)
            with contextlib.suppress(Neo4jServerError):
                stop(config, timeout=30)
            raise Neo4jServerError(
                f"Neo4j server (pid {pid}) did not answer on {uri(config)} within "
                f"{timeout:.0f}s and was stopped; last lines of {config.log_file}:\n{tail}"
            )
        time.sleep(0.25)


def _log_has_ready(log_file: Path, offset: int, pid: int) -> bool:
    try:
        with open(log_file, "rb") as fh:
            fh.seek(offset)
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return False
    return any(READY_MARKER in line and f"pid={pid}" in line for line in text.splitlines())


def _wait_dead(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _rotate_log(log_file: Path) -> None:
    with contextlib.suppress(OSError):
        if log_file.stat().st_size > LOG_ROTATE_BYTES:
            log_file.replace(log_file.with_name(log_file.name + ".1"))


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail_file(path: Path, lines: int) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "".join(deque(fh, maxlen=lines)).rstrip("\n")
    except OSError as exc:
        return f"(cannot read {path}: {exc})"


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graph.store.neo4j_server",
        description="Manage the local Neo4j server (home: $METHODNET_NEO4J_HOME or "
        "<repo>/.cache/neo4j, port: $METHODNET_NEO4J_PORT or 7687).",
    )
    parser.add_argument("command", choices=["install", "start", "stop", "status"])
    parser.add_argument("--heap", default="2g", help="JVM max heap (default 2g)")
    parser.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args(argv)
    config = Neo4jServerConfig(heap=args.heap)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        if args.command == "install":
            install(config, say)
        elif args.command == "start":
            start(config, timeout=args.timeout or 120, progress=say)
        elif args.command == "stop":
            was = stop(config, timeout=args.timeout or 60)
            say("stopped" if was else "was not running")
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    st = status(config)
    print(f"running={st.running} pid={st.pid} uri={st.uri} version={st.version} home={st.home}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
