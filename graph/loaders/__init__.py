"""Loaders: regulations (texts → knowledge graph) and datasets (registries → network)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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

    A folder with ``bodies.json`` is a regulations folder; a folder with CSV files, or an
    ``.xlsx`` file, is a dataset; any other folder is searched one level down per folder.
    """
    if not path.exists():
        raise MethodnetError(f"{path} does not exist")
    if path.is_file():
        if path.suffix.lower() == ".xlsx":
            return [Source("dataset", path)]
        raise MethodnetError(f"{path} is neither a folder nor an .xlsx workbook")
    if (path / "bodies.json").exists():
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
) -> list[LoadedSource]:
    """Load everything under ``path`` into ``store``; each source is one all-or-nothing write.

    With ``bulk``, datasets go in checked chunks instead (see
    :func:`graph.loaders.dataset.stream.bulk_load`): memory stays bounded whatever the size,
    but a dataset is no longer all-or-nothing — a bad chunk stops the load with the chunks
    before it written, and loading the corrected dataset again completes it.

    ``scope`` and ``allow_redefine`` hold datasets to what the caller may write (see
    :mod:`graph.loaders.dataset.guard`); regulations are loaded only by an unrestricted caller.
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
        if source.kind == "regulations":
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
