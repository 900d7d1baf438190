"""Datasets: registries as CSV folders or XLSX workbooks, checked whole and loaded in one write."""

from graph.loaders.dataset.columns import SHEETS, DatasetMeta, Sheet
from graph.loaders.dataset.loader import Lookup, load_dataset, read_dataset, read_meta
from graph.loaders.dataset.schema import json_schema, schema_text

__all__ = [
    "SHEETS",
    "DatasetMeta",
    "Lookup",
    "Sheet",
    "json_schema",
    "load_dataset",
    "read_dataset",
    "read_meta",
    "schema_text",
]
