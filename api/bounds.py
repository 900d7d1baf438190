"""Bounds on a GraphQL request, checked before anything expensive runs.

One pass over the document, in time linear in its size, prices the request and checks every
argument: the cost of the answer (each fragment priced once and multiplied by its spreads, so
fragments that spread each other twice per level cost milliseconds to refuse, not hours to
expand), the depth, the aliases, the maximum of every size argument, the length of every input
string and list, and the size of the variables. Only a request inside every bound reaches
graphql-core's validation, and both run in a worker thread so the event loop keeps answering
(``/healthz``, other callers) while they work.

>>> from graphql import parse
>>> from api.schema import schema
>>> bounds = check(schema._schema, parse("{ health { status } }"), {})
>>> bounds.cost, bounds.depth, bounds.errors
(2, 1, [])
>>> fan = "query { ...F20 } fragment F0 on Query { health { status } } " + " ".join(
...     f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 21))
>>> check(schema._schema, parse(fan), {}).errors[0].message.split(":")[0]
'the query would cost 2097152, more than the 200000 allowed'
>>> check(schema._schema, parse("{ brokers(top: 1000) { degree } }"), {}).errors[0].message
'top must be between 1 and 100, not 1000 / top: от 1 до 100, а передано 1000'
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from anyio import to_thread
from graphql import (
    ASTValidationRule,
    BooleanValueNode,
    DocumentNode,
    EnumValueNode,
    FieldNode,
    FloatValueNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    Node,
    NullValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    Undefined,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef
from strawberry.extensions import SchemaExtension

from api import documents

__all__ = [
    "ARGUMENT_RANGES",
    "FIELD_WEIGHTS",
    "LIST_SIZES",
    "MAX_ALIASES",
    "MAX_COST",
    "MAX_DEPTH",
    "MAX_ERROR_MESSAGE",
    "MAX_LIST_INPUT",
    "MAX_STRING",
    "MAX_TOKENS",
    "MAX_VARIABLES_BYTES",
    "OFF_THE_LOOP",
    "Bounds",
    "RequestBounds",
    "argument_range",
    "check",
    "shorten",
]

# -- The limits, in one place --------------------------------------------------------------------

MAX_COST = 200_000
"""The most a request may cost. A unit is about one value of the answer (some 30 bytes of
JSON) or some 10 microseconds of work: the expensive questions weigh what they take
(:data:`FIELD_WEIGHTS`), so a request holds at most about two seconds of work or a few
megabytes of answer."""
MAX_DEPTH = 10
"""Nested selections (introspection fields aside, which the cost bounds)."""
MAX_ALIASES = 30
MAX_TOKENS = 5000
MAX_STRING = 1000
"""Characters in any input string, written in the document or passed as a variable."""
MAX_LIST_INPUT = 100
"""Items in any input list (``codes``, ``kinds``, ``labels``, ``types``…)."""
MAX_VARIABLES_BYTES = 64 * 1024
"""The variables, written as JSON."""
MAX_ERROR_MESSAGE = 500
"""Characters of an error message sent back: an error never echoes a long input."""

ARGUMENT_RANGES: dict[str, tuple[int | None, int]] = {
    "first": (0, 500),        # a page of a connection, or of a body's compliance evidence
    "top": (1, 100),          # brokers
    "limit": (1, 500),        # nodes of a neighbourhood
    "depth": (0, 3),          # hops of a neighbourhood
    "shortestPath.maxDepth": (1, 8),        # hops of a path
    "coordinationTree.maxDepth": (0, 16),   # levels of a tree
    "norm": (None, 1000),     # teachers per methodist (the query layer says why not below 1)
    "plan.most": (0, 500),    # assignments, open gaps and gaps with candidates of a plan
    "plan.candidatesPerGap": (1, 20),
    "candidates.first": (0, 20),  # candidates of one gap row (Gap, SchoolSupport)
    "gapCandidates.first": (0, 20),  # candidates of each gap of a school or a person
}
"""The smallest and largest value of every integer argument of the schema, by argument name
or by ``field.argument`` (``tests/test_bounds.py`` fails when the schema gains an integer
argument missing here)."""

SIZE_ARGUMENTS = ("first", "top", "limit")
"""Arguments that say how many items a field answers: they multiply the cost of what it
selects."""

FIELD_WEIGHTS: dict[tuple[str, str], int] = {
    # Betweenness over a territory's support network: one to two seconds on the sample data,
    # so one request holds at most one (30 of them froze the server for 26 s).
    ("Query", "brokers"): 100_000,
    ("Query", "gaps"): 50_000,
    ("Query", "dutyCompliance"): 50_000,
    ("Query", "lowResultsSupport"): 30_000,
    ("Query", "indicators"): 30_000,
    ("Query", "isolatedSchools"): 20_000,
    ("Query", "search"): 10_000,
    ("Query", "methodistLoad"): 5_000,
    ("Query", "schoolCommunities"): 5_000,
    ("Query", "internshipReach"): 2_000,
    ("Query", "shortestPath"): 2_000,
    ("Query", "neighbourhood"): 2_000,
    ("Query", "coordinationTree"): 1_000,
    ("Query", "supportChain"): 1_000,
    ("Query", "nodes"): 1_000,
    ("Query", "counts"): 100,
    ("Query", "node"): 100,
    ("Mutation", "assignSupport"): 1_000,
    # A region's plan takes some 4 s on the sample data, a district's under one.
    ("Query", "plan"): 60_000,
    ("PlanResult", "whatIf"): 60_000,  # two gap reports and indicators, before and after
    ("Mutation", "acceptPlan"): 60_000,  # the plan computed again before the write
    # A gap row's candidates: batched, one `candidates` question (0.2-0.4 s for a district)
    # per district and period of the page: a page of 50 rows of one district costs 25 000.
    ("Gap", "candidates"): 500,
    ("SchoolSupport", "candidates"): 500,
    ("School", "gapCandidates"): 500,
    ("Person", "gapCandidates"): 500,
    # Typed entities (api/entities): the lists read like `nodes`; a municipality's gaps are
    # the root question's work.
    ("Query", "schools"): 1_000,
    ("Query", "bodies"): 1_000,
    ("Query", "people"): 1_000,
    ("Query", "regulations"): 1_000,
    ("Query", "entity"): 100,
    ("Query", "assessments"): 1_000,
    ("Query", "diagnostics"): 1_000,
    ("Query", "routes"): 1_000,
    ("Municipality", "gaps"): 50_000,
    ("Region", "gaps"): 50_000,
    ("Territory", "gaps"): 50_000,
    ("Municipality", "lowResultsSupport"): 30_000,
    ("Municipality", "indicators"): 30_000,
    ("Person", "supportChain"): 1_000,
    # The regulations' questions read every duty (or two regulations' duties) of the store.
    ("Query", "whoMust"): 1_000,
    ("Query", "regulationDiff"): 1_000,
}
"""The work of answering a field itself, beyond the values it returns (default 1): about
100 000 a second of work on the sample data (``bench/`` measures it)."""

LIST_SIZES: dict[tuple[str, str], int] = {
    ("DutyCompliance", "bodies"): 50,
    ("MethodistLoad", "teachers"): 25,
    ("LoadDistribution", "overNorm"): 25,
    # A plan's lists are cut by its `most` and `candidatesPerGap` (priced at their defaults).
    ("PlanResult", "assignments"): 100,
    ("PlanResult", "unclosable"): 100,
    ("PlanResult", "candidates"): 100,
    ("GapCandidates", "candidates"): 5,
    # Relationship lists of the typed entities (api/entities), priced at a large real size.
    ("Region", "municipalities"): 20,
    ("Region", "organizations"): 200,
    ("Municipality", "organizations"): 200,
    ("Territory", "organizations"): 200,
    ("School", "teachers"): 60,
    ("Organization", "members"): 60,
    ("School", "members"): 60,
    ("Body", "members"): 60,
    ("Organization", "units"): 30,
    ("School", "units"): 30,
    ("Body", "units"): 30,
    ("Body", "coordinates"): 30,
    ("Body", "duties"): 20,
    ("Organization", "duties"): 20,
    ("Person", "supporting"): 30,
    ("Person", "mentees"): 10,
    ("Regulation", "clauses"): 100,
    ("Regulation", "duties"): 50,
    ("Regulation", "terms"): 30,
    ("Regulation", "indicators"): 30,
    ("Regulation", "cites"): 20,
    ("Clause", "duties"): 10,
    # A duty category is given to a few dozen bodies; two regulations differ in a few hundred.
    ("Query", "whoMust"): 100,
    ("RegulationDiff", "bodiesOnlyInA"): 100,
    ("RegulationDiff", "bodiesOnlyInB"): 100,
    ("RegulationDiff", "dutiesOnlyInA"): 100,
    ("RegulationDiff", "dutiesOnlyInB"): 100,
    # Introspection, so that GraphiQL's own query fits (about 100 types in this schema).
    ("__Schema", "types"): 100,
    ("__Type", "fields"): 10,
    ("__Field", "args"): 2,
    ("__Directive", "args"): 2,
    ("__Type", "inputFields"): 2,
    ("__Type", "enumValues"): 2,
    ("__Type", "interfaces"): 1,
    ("__Type", "possibleTypes"): 1,
}
"""How many items a list with no size argument is priced at (default
:data:`DEFAULT_LIST_SIZE`); its real length is bounded by the data, not the request."""
DEFAULT_LIST_SIZE = 10


def _msg(english: str, russian: str) -> str:
    return f"{english} / {russian}"


def shorten(text: str, limit: int = MAX_ERROR_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, saying so.

    >>> shorten("x" * 20, 10)
    'xxxxxxxxxx… (20 characters)'
    >>> shorten("short")
    'short'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


# -- The one pass --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tally:
    cost: int = 0
    depth: int = 0
    aliases: int = 0

    def __add__(self, other: _Tally) -> _Tally:
        return _Tally(self.cost + other.cost, max(self.depth, other.depth),
                      self.aliases + other.aliases)


_EMPTY = _Tally()


@dataclass
class Bounds:
    """What the pass found: the request's cost, depth and aliases, and every bound it breaks."""

    cost: int = 0
    depth: int = 0
    aliases: int = 0
    errors: list[GraphQLError] = field(default_factory=list)


class _Walker:
    """Prices selection sets against the schema; a fragment is priced once (memoised)."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode,
                 variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.priced: dict[str, _Tally] = {}
        self.pricing: set[str] = set()
        self.defaults: dict[str, Any] = {}
        self.errors: list[GraphQLError] = []

    def operation(self, op: OperationDefinitionNode) -> _Tally:
        root = {"query": self.schema.query_type, "mutation": self.schema.mutation_type,
                "subscription": self.schema.subscription_type}[op.operation.value]
        self.defaults = {d.variable.name.value: _literal(d.default_value, {})
                         for d in op.variable_definitions or () if d.default_value}
        return self.selection_set(op.selection_set, root)

    def selection_set(self, selections: SelectionSetNode | None,
                      parent: GraphQLNamedType | None) -> _Tally:
        total = _EMPTY
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                condition = (self.schema.get_type(node.type_condition.name.value)
                             if node.type_condition else parent)
                total += self.selection_set(node.selection_set, condition)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return total

    def fragment(self, name: str) -> _Tally:
        if name in self.priced:
            return self.priced[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.pricing:
            return _EMPTY  # unknown or cyclic: graphql-core's validation says so
        self.pricing.add(name)
        tally = self.selection_set(definition.selection_set,
                                   self.schema.get_type(definition.type_condition.name.value))
        self.pricing.discard(name)
        self.priced[name] = tally
        return tally

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> _Tally:
        name = node.name.value
        definition = _field_definition(self.schema, parent, name)
        arguments = self.arguments(node, definition)
        type_name = getattr(parent, "name", "")
        weight = FIELD_WEIGHTS.get((type_name, name), 1)
        aliases = 1 if node.alias else 0
        if node.selection_set is None:
            return _Tally(weight, 0, aliases)
        child = get_named_type(definition.type) if definition else None
        inner = self.selection_set(node.selection_set, child)
        times = 1
        sizes = [max(0, min(arguments[a], ARGUMENT_RANGES[a][1])) for a in SIZE_ARGUMENTS
                 if isinstance(arguments.get(a), int)]
        if sizes:
            times = max(sizes)
        elif type_name.endswith("Connection") and name in ("nodes", "edges"):
            times = 1  # the connection's page size (first) already multiplied them
        elif definition and isinstance(get_nullable_type(definition.type), GraphQLList):
            times = LIST_SIZES.get((type_name, name), DEFAULT_LIST_SIZE)
        depth = 0 if name.startswith("__") else inner.depth + 1
        return _Tally(weight + times * inner.cost, depth, aliases + inner.aliases)

    def arguments(self, node: FieldNode, definition: GraphQLField | None) -> dict[str, Any]:
        """The field's argument values (literal, variable or default), each maximum checked."""
        values: dict[str, Any] = {}
        if definition is not None:
            for arg_name, declared in definition.args.items():
                if declared.default_value is not Undefined:
                    values[arg_name] = declared.default_value
        for given in node.arguments or ():
            values[given.name.value] = _literal(given.value, {**self.defaults, **self.variables})
        for arg_name, value in values.items():
            bounds = argument_range(node.name.value, arg_name)
            if bounds is None or not isinstance(value, int) or isinstance(value, bool):
                continue
            least, most = bounds
            if least is not None and not least <= value <= most:
                self.errors.append(GraphQLError(_msg(
                    f"{arg_name} must be between {least} and {most}, not {value}",
                    f"{arg_name}: от {least} до {most}, а передано {value}"), node))
            elif value > most:
                self.errors.append(GraphQLError(_msg(
                    f"{arg_name} must be at most {most}, not {value}",
                    f"{arg_name}: не больше {most}, а передано {value}"), node))
        return values


def argument_range(field_name: str, argument: str) -> tuple[int | None, int] | None:
    """The allowed range of ``argument`` of ``field_name``, if it has one.

    >>> argument_range("shortestPath", "maxDepth"), argument_range("nodes", "first")
    ((1, 8), (0, 500))
    """
    return ARGUMENT_RANGES.get(f"{field_name}.{argument}") or ARGUMENT_RANGES.get(argument)


def _field_definition(schema: GraphQLSchema, parent: GraphQLNamedType | None,
                      name: str) -> GraphQLField | None:
    if name == "__typename":
        return TypeNameMetaFieldDef
    if parent is schema.query_type and name == "__schema":
        return SchemaMetaFieldDef
    if parent is schema.query_type and name == "__type":
        return TypeMetaFieldDef
    if isinstance(parent, GraphQLObjectType):
        return parent.fields.get(name)
    fields = getattr(parent, "fields", None)  # interfaces
    return fields.get(name) if isinstance(fields, dict) else None


def _literal(value: Node | None, variables: Mapping[str, Any]) -> Any:
    """A literal's value as the request meant it (variables looked up); ``None`` if unknown."""
    if isinstance(value, VariableNode):
        return variables.get(value.name.value)
    if isinstance(value, IntValueNode):
        try:
            return int(value.value)
        except ValueError:
            return None
    if isinstance(value, FloatValueNode | StringValueNode | BooleanValueNode | EnumValueNode):
        return value.value
    if isinstance(value, ListValueNode):
        return [_literal(v, variables) for v in value.values]
    if isinstance(value, ObjectValueNode):
        return {f.name.value: _literal(f.value, variables) for f in value.fields}
    if isinstance(value, NullValueNode):
        return None
    return None


def _literal_inputs(document: DocumentNode) -> Iterable[GraphQLError]:
    """Strings and lists written in the document beyond their bounds."""
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, StringValueNode) and len(node.value) > MAX_STRING:
            yield GraphQLError(_msg(
                f"a string of {len(node.value)} characters is longer than the {MAX_STRING} "
                "allowed", f"строка длиннее {MAX_STRING} символов ({len(node.value)})"), node)
        elif isinstance(node, ListValueNode) and len(node.values) > MAX_LIST_INPUT:
            yield GraphQLError(_msg(
                f"a list of {len(node.values)} items is longer than the {MAX_LIST_INPUT} "
                "allowed", f"список длиннее {MAX_LIST_INPUT} элементов ({len(node.values)})"),
                node)
        for key in node.keys:
            child = getattr(node, key, None)
            if isinstance(child, Node):
                stack.append(child)
            elif isinstance(child, tuple | list):
                stack.extend(c for c in child if isinstance(c, Node))


def _variable_inputs(variables: Mapping[str, Any]) -> Iterable[GraphQLError]:
    """Variables beyond their bounds: total size, each string, each list (walked without
    recursion, so no nesting can exhaust the stack)."""
    try:
        size = len(json.dumps(variables, ensure_ascii=False).encode())
    except (TypeError, ValueError, RecursionError):
        size = MAX_VARIABLES_BYTES + 1
    if size > MAX_VARIABLES_BYTES:
        yield GraphQLError(_msg(
            f"the variables take {size} bytes, more than the {MAX_VARIABLES_BYTES} allowed",
            f"переменные занимают {size} байт, допустимо не больше {MAX_VARIABLES_BYTES}"))
        return
    stack: list[tuple[str, Any]] = [(f"${k}", v) for k, v in variables.items()]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str) and len(value) > MAX_STRING:
            yield GraphQLError(_msg(
                f"variable {where} is a string of {len(value)} characters, longer than the "
                f"{MAX_STRING} allowed",
                f"переменная {where}: строка длиннее {MAX_STRING} символов ({len(value)})"))
        elif isinstance(value, list):
            if len(value) > MAX_LIST_INPUT:
                yield GraphQLError(_msg(
                    f"variable {where} is a list of {len(value)} items, longer than the "
                    f"{MAX_LIST_INPUT} allowed",
                    f"переменная {where}: список длиннее {MAX_LIST_INPUT} элементов "
                    f"({len(value)})"))
            else:
                stack += [(f"{where}[{i}]", v) for i, v in enumerate(value)]
        elif isinstance(value, dict):
            stack += [(f"{where}.{k}", v) for k, v in value.items()]


def check(schema: GraphQLSchema, document: DocumentNode,
          variables: Mapping[str, Any] | None, query: str | None = None) -> Bounds:
    """Price ``document`` and check every bound, in time linear in its size.

    Errors are bilingual ("english / русский"); an empty list means the request may go on to
    graphql-core's validation. Given the ``query`` text the document was parsed from, the
    inputs written in it are walked once per distinct text (:mod:`api.documents`); the
    variables and the price, which depend on the variables, are checked every time.
    """
    variables = variables or {}
    errors = list(_variable_inputs(variables))
    errors += documents.inputs_within_bounds(query, document, _literal_inputs)
    if errors:
        return Bounds(errors=errors[:10])
    walker = _Walker(schema, document, variables)
    tally = _EMPTY
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            tally += walker.operation(definition)
    bounds = Bounds(tally.cost, tally.depth, tally.aliases, walker.errors[:10])
    if tally.cost > MAX_COST:
        bounds.errors.append(GraphQLError(_msg(
            f"the query would cost {tally.cost}, more than the {MAX_COST} allowed: ask for "
            "fewer items (first, top, limit) or fewer expensive questions per request",
            f"запрос слишком дорогой ({tally.cost} при допустимых {MAX_COST}): запросите "
            "меньше элементов (first, top, limit) или меньше тяжёлых вопросов за раз")))
    if tally.depth > MAX_DEPTH:
        bounds.errors.append(GraphQLError(_msg(
            f"the query nests {tally.depth} levels, more than the {MAX_DEPTH} allowed",
            f"вложенность запроса {tally.depth}, допустимо не больше {MAX_DEPTH}")))
    if tally.aliases > MAX_ALIASES:
        bounds.errors.append(GraphQLError(_msg(
            f"{tally.aliases} aliases found, at most {MAX_ALIASES} allowed",
            f"псевдонимов {tally.aliases}, допустимо не больше {MAX_ALIASES}")))
    return bounds


# -- The extension -------------------------------------------------------------------------------


class _NoIntrospection(ValidationRule):
    """Refuses ``__schema`` and ``__type`` when introspection is switched off."""

    def enter_field(self, node: FieldNode, *_args: object) -> None:
        if node.name.value in ("__schema", "__type"):
            self.report_error(GraphQLError(_msg(
                "introspection is switched off on this server",
                "описание схемы (introspection) на этом сервере отключено"), node))


def _introspection_allowed(context: object) -> bool:
    settings = getattr(context, "settings", None)
    return bool(getattr(settings, "graphql_introspection", True))


def _check_and_validate(schema: GraphQLSchema, query: str | None, document: DocumentNode,
                        variables: Mapping[str, Any] | None,
                        rules: tuple[type[ASTValidationRule], ...]) -> list[GraphQLError]:
    """The request's bounds, checked every time (they depend on the variables), then
    graphql-core's validation, done once per distinct valid document (:mod:`api.documents`)."""
    bounds = check(schema, document, variables, query)
    if bounds.errors:
        return bounds.errors
    return documents.validated(schema, query, document, rules)


OFF_THE_LOOP: ContextVar[bool] = ContextVar("off_the_loop", default=False)
"""True while an operation already runs in a worker thread of its own (``api.router``)."""

T = TypeVar("T")


async def _off_the_loop(work: Callable[[], T]) -> T:
    """``work()``, in a worker thread unless this operation already runs in one."""
    if OFF_THE_LOOP.get():
        return work()
    return await to_thread.run_sync(work)


class RequestBounds(SchemaExtension):
    """Parses, checks the bounds and validates in a worker thread; shortens error messages.

    Listed first among the schema's extensions, so that its checks run before any other
    validation and its message shortening sees the errors last.
    """

    async def on_parse(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is None and ctx.query:
            max_tokens = int(ctx.parse_options.get("max_tokens") or MAX_TOKENS)
            # A document sent before is parsed already (api/documents.py): no thread for it.
            ctx.graphql_document = documents.kept_parse(ctx.query, max_tokens)
            if ctx.graphql_document is None:
                try:
                    ctx.graphql_document = await _off_the_loop(
                        partial(documents.parsed, ctx.query, max_tokens))
                except Exception:  # strawberry parses again (as bounded) and reports it
                    ctx.graphql_document = None
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        if ctx.pre_execution_errors is None and ctx.graphql_document is not None:
            rules: tuple[type[ASTValidationRule], ...] = tuple(ctx.validation_rules)
            if not _introspection_allowed(ctx.context):
                rules += (_NoIntrospection,)
            ctx.pre_execution_errors = await _off_the_loop(partial(
                _check_and_validate, ctx.schema._schema, ctx.query, ctx.graphql_document,
                ctx.variables, rules))
        yield

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        result = self.execution_context.result
        for error in getattr(result, "errors", None) or ():
            if len(error.message) > MAX_ERROR_MESSAGE:
                error.message = shorten(error.message)
            if error.path is None and error.message.startswith("Variable '$"):
                name = error.message.split("'")[1]
                error.message += f" / переменная {name} задана неверно"
