"""Loaders: regulations (texts → knowledge graph) and datasets (registries → network)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph.errors import MethodnetError
from graph.queries.scope import EVERYTHING, Scope
from graph.store.base import Progress, Store, WriteSummary

__all__ = ["LoadedSource", "Source", "discover", "load_path"]

SourceKind = Literal["regulations", "dataset"]


@dataclass(frozen=True)
class Source:
    """One loadable thing found under a path."""

    kind: SourceKind
    path: Path


@dataclass
class LoadedSource:
    source: Source
    summary: WriteSummary
    notes: list[str] = field(default_factory=list)


def discover(path: Path) -> list[Source]:
    """What can be loaded under ``path``, regulations first (datasets refer to their bodies).

    A folder with ``bodies.json`` (or with ``.meta.json`` files) is a regulations folder; a
    single ``.txt``, ``.docx``, ``.pdf``, ``.rtf`` or ``.html`` file is a regulation; a folder
    with CSV files, or an ``.xlsx`` file, is a dataset; any other folder is searched one level
    down per folder.
    """
    from graph.loaders.regulations.source import SUFFIXES

    if not path.exists():
        raise MethodnetError(f"{path} does not exist / {path} не существует")
    if path.is_file():
        if path.suffix.lower() == ".xlsx":
            return [Source("dataset", path)]
        if path.suffix.lower() in (*SUFFIXES, ".doc"):  # .doc: refused with what to do
            return [Source("regulations", path)]
        raise MethodnetError(f"{path} is neither a folder, a regulation (.txt, .docx, .pdf, "
                             ".rtf, .html) nor an .xlsx workbook / это не папка, не документ "
                             "(.txt, .docx, .pdf, .rtf, .html) и не книга .xlsx")
    if (path / "bodies.json").exists() or any(path.glob("*.meta.json")):
        return [Source("regulations", path)]
    if any(path.glob("*.csv")):
        return [Source("dataset", path)]
    found: list[Source] = []
    for child in sorted(path.iterdir()):
        if child.is_dir() or child.suffix.lower() == ".xlsx":
            try:
                found.extend(discover(child))
            except MethodnetError:
                continue
    return sorted(found, key=lambda s: (s.kind != "regulations", str(s.path)))


def load_path(
    store: Store,
    path: Path,
    *,
    progress: Callable[[Source], Progress | None] | None = None,
    bulk: bool = False,
    scope: Scope = EVERYTHING,
    allow_redefine: bool = False,
    regulation: dict[str, Any] | None = None,
) -> list[LoadedSource]:
    """Load everything under ``path`` into ``store``; each source is one all-or-nothing write.

    With ``bulk``, datasets go in checked chunks instead (see
    :func:`graph.loaders.dataset.stream.bulk_load`): memory stays bounded whatever the size,
    but a dataset is no longer all-or-nothing — a bad chunk stops the load with the chunks
    before it written, and loading the corrected dataset again completes it.

    ``scope`` and ``allow_redefine`` hold datasets to what the caller may write (see
    :mod:`graph.loaders.dataset.guard`); regulations are loaded only by an unrestricted caller.
    ``regulation`` holds the options for a single regulation file (see
    :func:`graph.loaders.regulations.load_regulation_file`: ``options``, ``meta_file``,
    ``gazetteer``, ``force``).
    """
    restricted = not scope.unrestricted or scope.read_only
    if restricted and any(s.kind == "regulations" for s in discover(path)):
        raise MethodnetError("regulations are loaded by an administrator only / "
                             "нормативные документы загружает только администратор")
    sources = discover(path)
    if not sources:
        raise MethodnetError(
            f"nothing to load under {path}: expected a regulations folder (with bodies.json), "
            "a dataset folder of CSV files, or an .xlsx workbook"
        )
    loaded = []
    for source in sources:
        bar = progress(source) if progress else None
        if source.kind == "regulations" and source.path.is_file():
            from graph.loaders.regulations import load_regulation_file

            summary, report = load_regulation_file(store, source.path, progress=bar,
                                                   **(regulation or {}))
            notes = [str(item) for item in report.skipped]
            loaded.append(LoadedSource(source, summary, notes))
        elif source.kind == "regulations":
            from graph.loaders.regulations import load_regulations

            summary, report = load_regulations(store, source.path, progress=bar)
            notes = [str(item) for item in getattr(report, "skipped", [])]
            loaded.append(LoadedSource(source, summary, notes))
        else:
            from graph.loaders.dataset import load_dataset
            from graph.loaders.dataset.stream import bulk_load

            if bulk:
                summary = bulk_load(store, source.path, progress=bar, scope=scope,
                                    allow_redefine=allow_redefine).summary
            else:
                summary = load_dataset(store, source.path, progress=bar, scope=scope,
                                       allow_redefine=allow_redefine)
            loaded.append(LoadedSource(source, summary))
    return loaded
