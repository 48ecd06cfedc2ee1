"""Executing the fields that only read an attribute, without graphql-core's general path.

graphql-core executes every field of a response the same way: it builds a resolve-info
object, calls the resolver, checks whether the result is awaitable, then dispatches on
the field's type (non-null? list? leaf? abstract? object?) to complete the value. A page
of 20 claims with their speaker, subjects and article is about 200 fields, nearly all of
them plain attributes of the objects the root resolver built (`types.py`), and that
general path was the largest share of the API's own time on the headline query
(`bench/graphql_bench.py`; `docs/benchmarks.md` → GraphQL).

`AttributeFieldsExecutionContext` takes a shorter path for exactly those fields, decided
once per schema (`field_plans`):

- a field whose resolver is Strawberry's default (a plain `getattr`, no field
  extensions, no permission classes), with no arguments and no directives on it, when
  no schema extension wraps resolvers (`middleware_manager`);
- of a leaf type (scalar or enum), when the attribute is a `str`, `int`, `float`, `bool`
  or `Enum` that coerces to a non-null value;
- or of an object type, when the attribute is an instance of that type's own class and
  the type's `is_type_of` (if any) accepts it: its sub-fields are executed at once.

Items of lists of objects (a claim's subjects, a connection's edges) go straight to their
sub-fields too, once their type is settled by the same checks graphql-core makes
(`resolve_type`, the runtime type's validity, `is_type_of`).

Anything else (`None` where null is not allowed, a value that fails to coerce, an
awaitable, a failing `resolve_type`, an error) goes through graphql-core's own methods,
which then produce the very same result or error they always did. The short path only
ever returns what the general path returns: `tests/unit/test_graphql_execution.py` runs
the same operations through both and compares the responses, errors included.
Measured on the headline query's execution: 1.33-1.41 ms → 0.92-0.97 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    Undefined,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from kgapi.api.graphql.selections import (
    Fallback,
    SelectionCompiler,
    SelectionPlan,
    has_directives,
)

# Python values a leaf field may complete from directly; anything else takes the general
# path (which, e.g., awaits an awaitable or rejects an unexpected type).
_PLAIN_VALUES = (str, int, float, bool, Enum)


@dataclass(slots=True)
class FieldPlan:
    """How to execute one attribute field: which attribute, and how to complete it."""

    attribute: str
    return_type: GraphQLOutputType
    non_null: bool
    leaf_type: GraphQLLeafType | None  # a scalar or enum: coerce the attribute
    object_type: GraphQLObjectType | None  # an object: execute its sub-fields
    object_class: type | None  # the Python class of the object type's values

    @property
    def has_selection(self) -> bool:
        """Whether the field has sub-fields (an object, interface or list of them)."""
        return self.leaf_type is None and not is_leaf_type(get_named_type(self.return_type))


FieldPlans = dict[tuple[str, str], FieldPlan]

_NO_INFO: Any = None

_PLANS: WeakKeyDictionary[GraphQLSchema, FieldPlans] = WeakKeyDictionary()


def _plan(field: GraphQLField) -> FieldPlan | None:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField):
        return None
    # Strawberry marks the resolver of a field without resolver, extensions or
    # permissions ("basic field"): it returns `default_resolver(source, python_name)`.
    if (
        not getattr(field.resolve, "_is_default", False)
        or definition.default_resolver is not getattr
    ):
        return None
    if field.args:
        return None
    plan = FieldPlan(
        definition.python_name, field.type, is_non_null_type(field.type), None, None, None
    )
    nullable = get_nullable_type(field.type)
    if is_leaf_type(nullable):
        plan.leaf_type = nullable
    elif is_object_type(nullable):
        type_definition = (nullable.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        origin = getattr(type_definition, "origin", None)
        # Generic specialisations (`Edge[Claim]`) share one Python class between several
        # GraphQL types: the per-field path leaves them to graphql-core.
        if origin is not None and getattr(type_definition, "concrete_of", None) is None:
            plan.object_type, plan.object_class = nullable, origin
    return plan


_SELECTION_CACHE_SIZE = 2048
_SELECTIONS: WeakKeyDictionary[GraphQLSchema, dict[tuple[Any, ...], Any]] = WeakKeyDictionary()


def _selection_cache(schema: GraphQLSchema) -> dict[tuple[Any, ...], Any]:
    """Compiled selections by (parent type, ids of the field's nodes) → (nodes, plan)."""
    return _SELECTIONS.setdefault(schema, {})


_DIRECTIVE_FREE: dict[int, tuple[Any, bool]] = {}


def _document_has_directives(operation: Any, fragments: dict[str, Any]) -> bool:
    """Whether any selection of the operation or its fragments carries a directive
    (then which fields are selected depends on variables: nothing is compiled)."""
    key = id(operation)
    cached = _DIRECTIVE_FREE.get(key)
    if cached is not None and cached[0] is operation:
        return cached[1]
    found = has_directives(operation.selection_set) or any(
        has_directives(fragment.selection_set) for fragment in fragments.values()
    )
    if len(_DIRECTIVE_FREE) >= _SELECTION_CACHE_SIZE:
        _DIRECTIVE_FREE.clear()
    _DIRECTIVE_FREE[key] = (operation, found)
    return found


_RUNTIME_TYPES: WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], GraphQLObjectType]] = (
    WeakKeyDictionary()
)


def _runtime_types(schema: GraphQLSchema) -> dict[tuple[str, str], GraphQLObjectType]:
    """Valid runtime object types by (abstract type name, object type name)."""
    return _RUNTIME_TYPES.setdefault(schema, {})


def field_plans(schema: GraphQLSchema) -> FieldPlans:
    """The attribute fields of every object type of `schema`, by (type name, field name)."""
    plans = _PLANS.get(schema)
    if plans is None:
        plans = {}
        for type_name, graphql_type in schema.type_map.items():
            if type_name.startswith("__") or not is_object_type(graphql_type):
                continue
            for field_name, field in graphql_type.fields.items():
                plan = _plan(field)
                if plan is not None:
                    plans[(type_name, field_name)] = plan
        _PLANS[schema] = plans
    return plans


class AttributeFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with the short path for attribute fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Field middleware (a schema extension's `resolve` hook) must see every field.
        manager = self.middleware_manager
        wrapped = manager is not None and bool(manager.middlewares)
        self._field_plans = {} if wrapped else field_plans(self.schema)
        self._selections: SelectionCompiler | None = None
        if self._field_plans and not _document_has_directives(
            self.operation, self.fragment_definitions
        ):
            self._selections = SelectionCompiler(
                self.schema, self.collect_subfields, self._attribute_of
            )

    def _attribute_of(self, type_name: str, field_name: str) -> str | None:
        plan = self._field_plans.get((type_name, field_name))
        return None if plan is None else plan.attribute

    def _selection_plan(
        self, parent_type: GraphQLObjectType, plan: FieldPlan, field_details_list: Any
    ) -> SelectionPlan | None:
        """The compiled plan of this field's selection (cached per query document)."""
        assert self._selections is not None
        cache = _selection_cache(self.schema)
        nodes = tuple(details.node for details in field_details_list)
        key = (parent_type.name, *map(id, nodes))
        cached = cache.get(key)
        if cached is None:
            if len(cache) >= _SELECTION_CACHE_SIZE:
                cache.clear()
            # The nodes are kept with the plan: their ids cannot be reused while cached.
            cached = cache[key] = (
                nodes,
                self._selections.field(plan.return_type, field_details_list),
            )
        return cached[1]

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        plan = self._field_plans.get((parent_type.name, node.name.value))
        if plan is not None and not node.directives:
            value = getattr(source, plan.attribute, Undefined)
            if self._selections is not None and plan.has_selection:
                selection = self._selection_plan(parent_type, plan, field_details_list)
                if selection is not None:
                    try:
                        return selection.complete(value)
                    except Fallback:
                        pass  # completed below, by the per-field path or graphql-core
            if value is None:
                if not plan.non_null:
                    return None
            elif plan.leaf_type is not None:
                if isinstance(value, _PLAIN_VALUES):
                    try:
                        coerced = plan.leaf_type.coerce_output_value(value)
                    except Exception:  # the general path reports it
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
            elif type(value) is plan.object_class:
                object_type = plan.object_type
                assert object_type is not None
                is_type_of = object_type.is_type_of
                # Strawberry's `is_type_of` reads the value only, never the info.
                if is_type_of is None or is_type_of(value, _NO_INFO) is True:
                    return self._complete_object(
                        plan, object_type, field_details_list, path, value, position_context
                    )
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def complete_list_item_value(
        self,
        item: Any,
        complete_results: list[Any],
        item_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo[Any],
        item_path: Path,
        position_context: Any,
    ) -> bool:
        # graphql-core's own method with the value completion cut short for an object
        # item (its type settled by `_item_object_type`): straight to its sub-fields.
        try:
            object_type = self._item_object_type(item_type, item, info)
        except Exception:  # a failing `resolve_type`: the general path reports it
            object_type = None
        if object_type is None:
            return super().complete_list_item_value(
                item,
                complete_results,
                item_type,
                field_details_list,
                info,
                item_path,
                position_context,
            )
        try:
            completed = self.collect_and_execute_subfields(
                object_type, field_details_list, item_path, item, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, item_type, field_details_list, item_path)
            complete_results.append(None)
            return False
        if not self.is_awaitable(completed):
            complete_results.append(completed)
            return False

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:
                self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                return None

        complete_results.append(await_completed())
        return True

    def _item_object_type(
        self, item_type: GraphQLOutputType, item: Any, info: GraphQLResolveInfo[Any]
    ) -> GraphQLObjectType | None:
        """The object type a list item completes as, if graphql-core's `complete_value`
        would go on to execute its sub-fields; None for anything else (a null, an error,
        a leaf, a type it would refuse), which the general path then reports.

        The same checks in the same order: the abstract type's `resolve_type`, the
        runtime type's validity (cached per abstract type and name), `is_type_of`.
        """
        if item is None or isinstance(item, Exception):
            return None
        named = get_nullable_type(item_type)
        if is_object_type(named):
            object_type: GraphQLObjectType = named
        elif is_abstract_type(named):
            resolve_type = named.resolve_type or self.type_resolver
            name = resolve_type(item, info, named)
            if not isinstance(name, str):
                return None
            found = _runtime_types(self.schema).get((named.name, name))
            if found is None:
                candidate = self.schema.get_type(name)
                if not is_object_type(candidate) or not self.schema.is_sub_type(named, candidate):
                    return None
                found = _runtime_types(self.schema)[(named.name, name)] = candidate
            object_type = found
        else:
            return None
        is_type_of = object_type.is_type_of
        if is_type_of is not None and is_type_of(item, info) is not True:
            return None
        return object_type

    def _complete_object(
        self,
        plan: FieldPlan,
        object_type: GraphQLObjectType,
        field_details_list: Any,
        path: Path,
        value: Any,
        position_context: Any,
    ) -> Any:
        """The sub-fields of an object field, with the field's own error handling: an
        error below it (a null in a non-null sub-field) nulls this field, or goes on up
        when this field is non-null, exactly as in `Executor.execute_field`."""
        try:
            completed = self.collect_and_execute_subfields(
                object_type, field_details_list, path, value, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, plan.return_type, field_details_list, path)
            return None
        if not self.is_awaitable(completed):
            return completed

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:
                self.handle_field_error(raw_error, plan.return_type, field_details_list, path)
                return None

        return await_completed()
