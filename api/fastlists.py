"""Long lists of plain objects completed in one loop, with the same answer graphql-core gives.

graphql-core completes every field of every object of a list on its own: a resolve info, a
path, the resolver, ``complete_value`` for the field and again for its type. For a list of
small objects whose fields are plain attributes (a neighbourhood's 157
``Neighbour { node { id } distance }``: 315 objects, 473 fields) that bookkeeping is most of
the request's CPU, while the answer is only attributes read and scalars serialised.

:class:`FastListExecutionContext` is graphql-core's executor (strawberry's, through its public
``execution_context_class``) with one method overridden: :meth:`complete_list_value`. When a
list's items are objects of one concrete type and everything selected below them is *plain*,
the list is completed in one tight loop that builds the answer's dicts directly. Plain means,
for every field of the selection (collected by graphql-core itself, so fragments, aliases and
``@include``/``@skip`` are already applied):

- ``__typename``, or a field whose resolver is strawberry's basic one (no resolver of ours, no
  permission classes, no field extensions, no exception handlers: an attribute read);
- no arguments and no directives on the field, no ``@defer``/``@stream`` anywhere around it;
- a scalar or an enum (serialised by the type's own ``coerce_output_value``, as graphql-core
  does), or an object of one concrete type whose selection is plain in turn;
- no schema extension hooks ``resolve`` (graphql-core's middleware would wrap every field).

Anything else — and anything unusual met on the way: a null where the type forbids it, an
exception, an awaitable, a value the type check refuses — gives the whole list back to
graphql-core's own completion, which starts again from the list's items. The loop only reads
attributes, so starting again changes nothing: the answer, its errors (message, path,
locations) and the nulling of parents are graphql-core's. ``tests/test_fastlists.py`` runs
every GraphQL document of the tests, docs, bench and registry through both executors.

>>> import strawberry
>>> @strawberry.type
... class Point:
...     x: int
...     label: str | None
>>> @strawberry.type
... class Query:
...     @strawberry.field
...     def points(self) -> list[Point]:
...         return [Point(x=1, label="a"), Point(x=2, label=None)]
>>> fast = strawberry.Schema(Query, execution_context_class=FastListExecutionContext)
>>> fast.execute_sync("{ points { x at: label __typename } }").data
{'points': [{'x': 1, 'at': 'a', '__typename': 'Point'},
            {'x': 2, 'at': None, '__typename': 'Point'}]}
"""

# No `from __future__ import annotations`: the example above builds a schema from classes
# whose annotations must be objects, not names strawberry would look up in this module.

from collections.abc import Callable
from operator import attrgetter
from typing import Any, NamedTuple

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path, Undefined
from strawberry.resolvers import is_default_resolver
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

__all__ = ["FastListExecutionContext"]

_BASIC_RESOLVER = "_get_basic_result"
"""The name strawberry gives the resolver of a field that is an attribute read
(``strawberry.schema.schema_converter``): any other resolver leaves the list to graphql-core."""

_STRAWBERRY_IS_TYPE_OF = "_get_is_type_of.<locals>.is_type_of"
"""Strawberry's check of a type with interfaces: an ``isinstance`` that ignores the info."""

_UNCHANGED = {id(GraphQLString): str, id(GraphQLID): str, id(GraphQLBoolean): bool,
              id(GraphQLInt): int}
"""graphql-core's standard scalars and the type each returns as it is (its ``serialize_*``)."""

_INT_RANGE: tuple[Any, Any] = (GRAPHQL_MIN_INT, GRAPHQL_MAX_INT)

_PLAIN_VALUES = frozenset({str, int, float, bool})
"""Values that are certainly not awaitable, checked by type before graphql-core's test."""


class _Fallback(Exception):
    """Something the loop does not complete itself: graphql-core completes the list."""


class _Field(NamedTuple):
    key: str
    """The response name (the alias if there is one)."""
    get: Callable[[Any], Any] | None
    """The attribute read, as strawberry's basic resolver reads it; ``None`` for
    ``__typename``."""
    typename: str
    non_null: bool
    leaf: GraphQLLeafType | None
    passes: type | None
    """The one Python type a standard scalar gives back unchanged (``str`` for ``String`` and
    ``ID``, ``bool``, ``int`` within 32 bits): such a value is its own serialisation."""
    nested: "_Plan | None"


class _Plan(NamedTuple):
    """How to complete one object of a concrete type under one selection."""

    type_name: str
    is_type_of: Callable[[Any, GraphQLResolveInfo], Any] | None
    fields: tuple[_Field, ...]


def _attribute_read(field: Any) -> Callable[[Any], Any] | None:
    """What strawberry's basic resolver of ``field`` does (``field.get_result``: its default
    resolver, ``getattr`` unless configured otherwise, on its Python name), as one call."""
    if not isinstance(field, StrawberryField) or not field.is_basic_field:
        return None
    if field.default_resolver is getattr:
        return attrgetter(field.python_name)
    return None


class FastListExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing lists of plain objects in one loop (module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[int, int], tuple[FieldDetailsList, _Plan | None]] = {}
        manager = self.middleware_manager
        self._fast = not (manager is not None and manager.middlewares)

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        if self._fast and position_context is None and type(result) in (list, tuple):
            plan, non_null = self._list_plan(return_type.of_type, field_details_list)
            if plan is not None:
                try:
                    return self._complete_items(plan, non_null, result, info)
                except _Fallback:
                    pass
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context)

    # The plan, made once per list field of the document and item type.

    def _list_plan(self, item_type: GraphQLOutputType,
                   field_details_list: FieldDetailsList) -> tuple[_Plan | None, bool]:
        non_null = isinstance(item_type, GraphQLNonNull)
        inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if not isinstance(inner, GraphQLObjectType):
            return None, non_null
        if any(details.node.directives or details.defer_usage is not None
               for details in field_details_list):
            return None, non_null  # @stream, @defer or another directive on the list
        return self._plan(inner, field_details_list), non_null

    def _plan(self, object_type: GraphQLObjectType,
              field_details_list: FieldDetailsList) -> _Plan | None:
        key = (id(object_type), id(field_details_list))
        kept = self._plans.get(key)
        if kept is not None:
            return kept[1]
        plan = self._make_plan(object_type, field_details_list)
        # The list is kept with its plan, so its id cannot be reused while the plan is.
        self._plans[key] = (field_details_list, plan)
        return plan

    def _make_plan(self, object_type: GraphQLObjectType,
                   field_details_list: FieldDetailsList) -> _Plan | None:
        grouped, new_defer_usages, forbidden = self.collect_subfields(
            object_type, field_details_list)
        if new_defer_usages or forbidden:
            return None
        fields: list[_Field] = []
        for response_name, details_list in grouped.items():
            node = details_list[0].node
            if any(details.node.directives or details.node.arguments
                   or details.defer_usage is not None for details in details_list):
                return None
            name = node.name.value
            if name == "__typename":
                fields.append(_Field(response_name, None, object_type.name, True, None, None,
                                     None))
                continue
            field_def = self.schema.get_field(object_type, name)
            if field_def is None or field_def.args:
                return None
            resolve = field_def.resolve
            if (resolve is None or not is_default_resolver(resolve)
                    or getattr(resolve, "__name__", "") != _BASIC_RESOLVER):
                return None
            get = _attribute_read(field_def.extensions.get("strawberry-definition"))
            if get is None:
                return None
            field_type = field_def.type
            non_null = isinstance(field_type, GraphQLNonNull)
            inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
            if is_leaf_type(inner):
                fields.append(_Field(response_name, get, "", non_null, inner,
                                     _UNCHANGED.get(id(inner)), None))
            elif isinstance(inner, GraphQLObjectType):
                nested = self._plan(inner, details_list)
                if nested is None:
                    return None
                fields.append(_Field(response_name, get, "", non_null, None, None, nested))
            else:
                return None  # a list, an interface or a union: graphql-core's own way
        is_type_of = object_type.is_type_of
        if is_type_of is not None and not getattr(is_type_of, "__qualname__", "").endswith(
                _STRAWBERRY_IS_TYPE_OF):
            return None  # a check of someone else's that might read the field's own info
        return _Plan(object_type.name, is_type_of, tuple(fields))

    # The loop.

    def _complete_items(self, plan: _Plan, non_null: bool, items: list[Any] | tuple[Any, ...],
                        info: GraphQLResolveInfo) -> list[Any]:
        complete = self._complete_object
        completed: list[Any] = []
        append = completed.append
        for item in items:
            if item is None:
                if non_null:
                    raise _Fallback
                append(None)
            else:
                append(complete(plan, item, info))
        return completed

    def _complete_object(self, plan: _Plan, source: Any,
                         info: GraphQLResolveInfo) -> dict[str, Any]:
        if plan.is_type_of is not None and plan.is_type_of(source, info) is not True:
            raise _Fallback
        is_awaitable = self.is_awaitable
        answer: dict[str, Any] = {}
        for field in plan.fields:
            get = field.get
            if get is None:
                answer[field.key] = field.typename
                continue
            try:
                value: Any = get(source)
            except Exception as error:
                raise _Fallback from error
            passes = field.passes
            if passes is not None and type(value) is passes and (
                    passes is not int or _INT_RANGE[0] <= value <= _INT_RANGE[1]):
                answer[field.key] = value
                continue
            if value is None or value is Undefined:
                if field.non_null:
                    raise _Fallback
                answer[field.key] = None
                continue
            if type(value) not in _PLAIN_VALUES and (
                    is_awaitable(value) or isinstance(value, Exception)):
                raise _Fallback
            leaf = field.leaf
            if leaf is not None:
                try:
                    coerced = leaf.coerce_output_value(value)
                except Exception as error:
                    raise _Fallback from error
                if coerced is None or coerced is Undefined:
                    raise _Fallback
                answer[field.key] = coerced
            else:
                assert field.nested is not None
                answer[field.key] = self._complete_object(field.nested, value, info)
        return answer
