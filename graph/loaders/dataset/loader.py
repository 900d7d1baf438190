"""Checking a whole dataset in one pass and loading it into a store in one write."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, get_origin

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset.columns import (
    SHEETS,
    DatasetMeta,
    Item,
    Row,
    RowProblem,
    Sheet,
    ru_headers,
)
from graph.loaders.dataset.guard import ImportGuard
from graph.loaders.dataset.reader import Table, is_ignored, read_meta_raw, read_tables
from graph.model.base import EdgeModel, NodeRecord
from graph.model.batch import Batch, Origin, end_matches
from graph.model.limits import MAX_LONG_TEXT_LENGTH, check_text
from graph.queries.scope import EVERYTHING, Scope
from graph.store.base import Progress, Store, WriteSummary

__all__ = ["Lookup", "load_dataset", "read_dataset", "read_meta"]

Lookup = Callable[[list[str]], Mapping[str, NodeRecord]]
"""Fetches the nodes a store already holds, by id (``Store.get_nodes``)."""


def read_meta(path: Path) -> DatasetMeta:
    """The dataset's ``dataset.json`` (or ``dataset`` sheet); defaults when there is none.

    Raises ``InvalidBatch`` if it is there but wrong.
    """
    problems: list[Problem] = []
    meta = _meta(path, problems)
    if problems:
        raise InvalidBatch(problems)
    return meta


def read_dataset(path: Path, *, known: Lookup | None = None,
                 guard: ImportGuard | None = None) -> Batch:
    """Read and check a dataset (a folder of CSV files or one XLSX workbook) into a batch.

    Every row is validated with the models and every reference checked: an id must be in the
    dataset or among the nodes ``known`` returns (``store.get_nodes``). All problems are
    collected in one pass and raised together as ``InvalidBatch``. ``guard`` (see
    :class:`~graph.loaders.dataset.guard.ImportGuard`) adds what the caller may not write:
    nodes outside its scope, redefinitions of nodes the store holds.

    >>> from pathlib import Path
    >>> batch = read_dataset(Path("tests/data/tiny"))
    >>> batch.nodes["RU-LEN"].props["name"]
    'Ленинградская область'
    """
    problems: list[Problem] = []
    meta = _meta(path, problems)
    checker = _Checker(meta.synthetic)
    for table in read_tables(path, problems):
        checker.read(table, SHEETS[table.name], problems)
    problems += checker.references(known)
    if guard is not None and not problems:
        problems += guard.check(checker.batch, path.name, checker.table_headers)
    if problems:
        order = {name: i for i, name in enumerate(SHEETS)}
        problems.sort(key=lambda p: (order.get(_sheet_of(p.where), -1), p.where, p.row or 0))
        raise InvalidBatch(problems)
    return checker.batch


def load_dataset(store: Store, path: Path, *, progress: Progress | None = None,
                 scope: Scope = EVERYTHING, allow_redefine: bool = False) -> WriteSummary:
    """Check a dataset against the store and write it in one all-or-nothing write.

    Loading the same files twice changes nothing; a newer file for the same ids updates them.
    A caller with a restricted ``scope`` may only write nodes and edges located in it; changing
    the kind or territory of a node the store holds, or anything of a node that came from the
    regulations, needs ``allow_redefine`` (see :mod:`graph.loaders.dataset.guard`).

    >>> from pathlib import Path
    >>> from graph.store import MemoryStore
    >>> store = MemoryStore()
    >>> load_dataset(store, Path("tests/data/tiny")).created["Person"]
    10
    >>> str(load_dataset(store, Path("tests/data/tiny"))).startswith("created 0, updated 0")
    True
    """
    guard = ImportGuard.over(store, scope=scope, allow_redefine=allow_redefine)
    batch = read_dataset(path, known=store.get_ends, guard=guard)
    return store.write(batch, progress=progress)


# -- one pass ------------------------------------------------------------------------------


def _meta(path: Path, problems: list[Problem]) -> DatasetMeta:
    raw, where = read_meta_raw(path, problems)
    try:
        return DatasetMeta.model_validate(raw)
    except ValidationError as e:
        problems.extend(_translate(e, where, None, {}, {}))
        return DatasetMeta()


class _Checker:
    """Validates rows into a batch, remembering where each item came from."""

    def __init__(self, synthetic: bool) -> None:
        self.synthetic = synthetic
        self.batch = Batch()
        # edge id → (source column, target column): the columns a bad reference is blamed on
        self.edge_columns: dict[str, tuple[str, str]] = {}
        self.label_refs: list[tuple[Origin, str, str, str]] = []  # origin, column, id, label
        self.table_headers: dict[str, dict[str, str]] = {}  # file → column → its header

    def read(self, table: Table, sheet: Sheet, problems: list[Problem]) -> None:
        columns = self._columns(table, sheet, problems)
        if columns is None:
            for _ in table.rows:  # drain, so the reader can close the file
                pass
            return
        headers = {c: table.headers[i] for i, c in columns.items()}
        self.table_headers[table.where] = headers
        context = {"list_seps": table.list_seps}
        lists = _list_columns_of(sheet.row)
        for number, cells in table.rows:
            data: dict[str, str] = {}
            stray = False
            clean = True
            for i, cell in enumerate(cells):
                text = cell.strip()
                if not text:
                    continue
                if i in columns:
                    data[columns[i]] = text
                    bad = _cell_problem(text, columns[i], columns[i] in lists)
                    if bad is not None:
                        problems.append(Problem(bad[0], table.where, number, headers[columns[i]],
                                                bad[1]))
                        clean = False
                elif i >= len(table.headers) or not table.headers[i].strip():
                    stray = True
            if not data and not stray:
                continue  # an empty row
            if stray:
                problems.append(Problem(
                    "a value in a column without a header", table.where, number, None,
                    "значение в столбце без заголовка"))
            if clean:  # a refused cell is not read further: its row's other checks would echo it
                self._row(sheet, table.where, number, data, headers, context, problems)

    def _columns(self, table: Table, sheet: Sheet,
                 problems: list[Problem]) -> dict[int, str] | None:
        """Column index → column name; ``None`` when the table cannot be read row by row."""
        columns: dict[int, str] = {}
        seen: dict[str, str] = {}
        ok = True
        for i, header in enumerate(table.headers):
            text = header.replace("\ufeff", "").strip()
            if not text or is_ignored(text):
                continue
            column = sheet.column_of(text)
            if column is None:
                problems.append(Problem(
                    f"unknown column '{text}' (known: {', '.join(sheet.columns)}); prefix it "
                    "with x_ to keep a column of your own",
                    table.where, 1, text,
                    f"неизвестный столбец «{text}»; свой столбец начните с x_"))
                continue
            if column in seen:
                problems.append(Problem(
                    f"columns '{seen[column]}' and '{text}' both mean {column}",
                    table.where, 1, text,
                    f"столбцы «{seen[column]}» и «{text}» означают одно и то же ({column})"))
                ok = False
                continue
            seen[column] = text
            columns[i] = column
        for column in sheet.required:
            if column not in seen:
                ru = next(iter(ru_headers(sheet.name, column)), None)
                problems.append(Problem(
                    f"required column '{column}' is missing", table.where, 1, column,
                    f"нет обязательного столбца «{ru or column}» ({column})"))
                ok = False
        return columns if ok else None

    def _row(self, sheet: Sheet, where: str, number: int, data: dict[str, str],
             headers: Mapping[str, str], context: dict[str, Any],
             problems: list[Problem]) -> None:
        origin = Origin(where, number)
        try:
            row = sheet.row.model_validate(data, context=context)
            items = row.items(self.synthetic)
        except ValidationError as e:
            found = _translate(e, where, number, {}, headers)
            problems.extend(found)
            problems.extend(self._more_problems(sheet, where, number, data, headers, context,
                                                e, found))
            return
        except RowProblem as e:
            problems.append(Problem(e.message, where, number,
                                    headers.get(e.column or "", e.column), e.message_ru))
            return
        for column, label in sheet.row.label_refs.items():
            value = getattr(row, column)
            if value:
                self.label_refs.append((origin, headers.get(column, column), value, label))
        for item in items:
            self._add(item, origin, headers, problems)

    def _more_problems(self, sheet: Sheet, where: str, number: int, data: dict[str, str],
                       headers: Mapping[str, str], context: dict[str, Any],
                       error: ValidationError, found: list[Problem]) -> list[Problem]:
        """The problems the models would find in the rest of a bad row (a birth year in the
        future next to a bad yes/no cell), so that one pass reports them all."""
        bad = {str(err["loc"][0]) for err in error.errors() if err["loc"]}
        rest = {k: v for k, v in data.items() if k not in bad}
        try:
            items = sheet.row.model_validate(rest, context=context).items(self.synthetic)
        except (ValidationError, RowProblem):
            return []  # a required cell was bad: nothing more to learn from this row
        more: list[Problem] = []
        seen = {p.column for p in found}
        for item in items:
            try:
                item.cls.model_validate(item.data)
            except ValidationError as e:
                more += [p for p in _translate(e, where, number, item.columns, headers)
                         if p.column not in seen]
        return more

    def _add(self, item: Item, origin: Origin, headers: Mapping[str, str],
             problems: list[Problem]) -> None:
        try:
            model = item.cls.model_validate(item.data)
        except ValidationError as e:
            problems.extend(_translate(e, origin.where, origin.row, item.columns, headers))
            return
        record = model.to_record()
        batch = self.batch
        table = batch.nodes if isinstance(record, NodeRecord) else batch.edges
        old = table.get(record.id)
        if old is not None and old != record:
            first = batch.origin(record.id)
            place = f"{first.where}, row {first.row}" if first.where != origin.where \
                else f"row {first.row}"
            what = f"id '{record.id}'" if isinstance(record, NodeRecord) else \
                f"the {record.type} from '{record.source}' to '{record.target}'"
            problems.append(Problem(
                f"{what} is already given on {place} with other values",
                origin.where, origin.row, None,
                f"{what} уже задан(а) в {place.replace('row', 'строка')} с другими значениями"))
            return
        if old is not None:
            return  # the same thing twice, e.g. a PART_OF given by parent_id and org_relations
        # What Batch.add does, without turning the model into a record a second time.
        if isinstance(record, NodeRecord):
            batch.nodes[record.id] = record
        elif isinstance(model, EdgeModel):
            batch.edges[record.id] = record
            batch.edge_classes[record.id] = type(model)
        batch.origins[record.id] = origin
        if not isinstance(record, NodeRecord):
            cols = item.columns
            self.edge_columns[record.id] = (headers.get(cols["source"], cols["source"]),
                                            headers.get(cols["target"], cols["target"]))

    def references(self, known: Lookup | None) -> list[Problem]:
        """Every edge end and named node must be in the dataset or the store, of a fitting kind;
        no id may change its label."""
        batch = self.batch
        missing = {end for rec in batch.edges.values() for end in (rec.source, rec.target)
                   if end not in batch.nodes}
        missing |= {ref for _, _, ref, _ in self.label_refs if ref not in batch.nodes}
        found: dict[str, NodeRecord] = dict(known(sorted(missing))) if known and missing else {}
        problems = batch.relabel_problems(known(list(batch.nodes))) if known else []

        def node(node_id: str) -> NodeRecord | None:
            return batch.nodes.get(node_id) or found.get(node_id)

        for eid, rec in batch.edges.items():
            origin = batch.origin(eid)
            source_col, target_col = self.edge_columns.get(eid, ("source", "target"))
            source, target = node(rec.source), node(rec.target)
            for value, column, end in ((rec.source, source_col, source),
                                       (rec.target, target_col, target)):
                if end is None:
                    problems.append(_unknown_id(value, origin, column, known is not None))
            if source is None or target is None:
                continue
            allowed = batch.edge_classes[eid].ends
            if any(end_matches(s, source) and end_matches(t, target) for s, t in allowed):
                continue
            blame = target_col if any(end_matches(s, source) for s, _ in allowed) else source_col
            problems.append(Problem(
                f"{rec.type} cannot join {_describe(source)} to {_describe(target)}; "
                f"allowed: {', '.join(f'{s} → {t}' for s, t in allowed)}",
                origin.where, origin.row, blame,
                f"связь {rec.type} не может соединять {_describe(source)} и {_describe(target)}"))
        for origin, column, ref, label in self.label_refs:
            target = node(ref)
            if target is None:
                problems.append(_unknown_id(ref, origin, column, known is not None))
            elif target.label != label:
                problems.append(Problem(
                    f"'{ref}' is a {target.label}, not a {label}", origin.where, origin.row,
                    column, f"«{ref}» — это {target.label}, а не {label}"))
        return problems


@cache
def _list_columns_of(row: type[Row]) -> frozenset[str]:
    return frozenset(name for name, f in row.model_fields.items()
                     if get_origin(f.annotation) is list)


def _cell_problem(text: str, column: str, is_list: bool) -> tuple[str, str] | None:
    """A cell the edge refuses (control characters; longer than its column may be), as an
    English and a Russian message. A list cell's items are measured by the models."""
    try:
        check_text(text, column, limit=MAX_LONG_TEXT_LENGTH if is_list else None)
    except PydanticCustomError as e:
        return e.message(), _RU_TEMPLATES[e.type].format(**(e.context or {}))
    return None


def _unknown_id(value: str, origin: Origin, column: str, with_store: bool) -> Problem:
    where = "in the dataset or the store" if with_store else "in the dataset"
    where_ru = "ни в наборе данных, ни в хранилище" if with_store else "в наборе данных"
    return Problem(f"'{value}' is not a known id: it is not {where}", origin.where, origin.row,
                   column, f"идентификатор «{value}» не найден {where_ru}")


def _describe(node: NodeRecord) -> str:
    kind = node.props.get("kind")
    return f"{node.label}{':' + kind if kind else ''} '{node.id}'"


def _sheet_of(where: str) -> str:
    name = where.rsplit(":", 1)[-1] if ":" in where else where
    return name.removesuffix(".csv").casefold()


# -- problems in two languages ---------------------------------------------------------------


_RU_TEMPLATES: dict[str, str] = {
    "missing": "обязательное значение не заполнено",
    "extra_forbidden": "лишнее значение: такого поля здесь нет",
    "enum": "недопустимое значение «{input}»; допустимы: {expected}",
    "int_parsing": "«{input}» — не целое число",
    "int_from_float": "«{input}» — не целое число",
    "float_parsing": "«{input}» — не число",
    "bool_parsing": "«{input}» — не да/нет",
    "greater_than_equal": "значение должно быть не меньше {ge}",
    "less_than_equal": "значение должно быть не больше {le}",
    "greater_than": "значение должно быть больше {gt}",
    "less_than": "значение должно быть меньше {lt}",
    "string_too_short": "пустое значение",
    "string_too_long": "слишком длинное значение",
    "methodnet_date": "«{value}» — не дата: пишите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
    "methodnet_bool": "«{value}» — не да/нет: пишите да/нет, true/false или 1/0",
    "methodnet_too_long": "слишком длинное значение: {length} симв., допускается не более {limit}",
    "methodnet_control_character": "недопустимый символ {code} (позиция {position}): "
                                   "управляющие символы и символы направления текста запрещены",
}


# Rules across fields of a model (end after start…) have no location; the message names the field.
_FIELD_HINTS = (
    ("career start year", "career_start_year", "год начала работы неправдоподобен"),
    ("low_subjects", "low_subjects", "предметы с низкими результатами указаны без ШНОР"),
    ("school_kind", "school_kind", "тип ОО указывается только для школ"),
    ("community_kind", "community_kind", "вид сообщества указывается только для сообществ"),
    ("end date", "end", "дата окончания раньше даты начала"),
    ("route end", "end", "окончание маршрута раньше его создания"),
    ("to itself", "target", "связь не может соединять узел с самим собой"),
)


def _field_named_in(message: str) -> str | None:
    return next((field for hint, field, _ in _FIELD_HINTS if hint in message), None)


def _ru_for(message: str) -> str:
    ru = next((ru for hint, _, ru in _FIELD_HINTS if hint in message), None)
    return ru or f"недопустимое значение: {message}"


def _translate(error: ValidationError, where: str, row: int | None,
               fields: Mapping[str, str], headers: Mapping[str, str]) -> list[Problem]:
    """Pydantic's errors as problems: the model field mapped to the column the user wrote."""
    out = []
    for err in error.errors(include_url=False):
        loc = [str(part) for part in err["loc"]]
        field = loc[0] if loc else _field_named_in(err["msg"])
        column = fields.get(field, field) if field else None
        if column is not None:
            column = headers.get(column, column)
        message = err["msg"].removeprefix("Value error, ")
        kind = err["type"]
        if kind == "string_pattern_mismatch":
            if field == "period":
                message = f"'{err['input']}' is not a period like 2025-H1, 2025-Q3 or 2025-Y"
                ru = f"«{err['input']}» — не период вида 2025-H1, 2025-Q3 или 2025-Y"
            else:
                message = f"'{err['input']}' is not an id: no spaces, |, > or @"
                ru = f"«{err['input']}» — недопустимый идентификатор: без пробелов, |, > и @"
        elif kind in _RU_TEMPLATES:
            ctx = {**err.get("ctx", {}), "input": err.get("input")}
            ru = _RU_TEMPLATES[kind].format(**ctx)
        else:
            ru = _ru_for(message)
        out.append(Problem(message, where, row, column, ru))
    return out
