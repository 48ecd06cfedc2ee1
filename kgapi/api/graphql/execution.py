"""Executing the fields that only read an attribute, without graphql-core's general path.

graphql-core executes every field of a response the same way: it builds a resolve-info
object, calls the resolver, checks whether the result is awaitable, then dispatches on
the field's type (non-null? list? leaf? abstract? object?) to complete the value. A page
of 20 claims with their speaker, subjects and article is about 200 fields, nearly all of
them plain attributes of the objects the root resolver built (`types.py`), and that
general path was the largest share of the API's own time on the headline query.

`AttributeFieldsExecutionContext` takes shorter paths for exactly those fields, decided
once per schema (`field_plans`) and per query document:

- an attribute field is one whose resolver is Strawberry's default (a plain `getattr`:
  no resolver, field extensions or permission classes), with no arguments and no
  directive on it, when no schema extension wraps resolvers (`middleware_manager`);
- a leaf attribute (scalar or enum) is completed at once when it holds a `str`, `int`,
  `float`, `bool` or `Enum` that coerces to a non-null value;
- an attribute whose whole selection is made of attribute fields (a connection's
  `edges { node { ... } }`) is completed in one pass by a plan compiled once per
  document (`selections.py`), when the document has no directives at all;
- otherwise an object attribute of the type's own class goes straight to its sub-fields,
  and so do the object items of lists (their type settled by the same checks
  graphql-core makes: `resolve_type`, the runtime type's validity, `is_type_of`).

Anything else (`None` where null is not allowed, a value that fails to coerce, an
awaitable, a failing `resolve_type`, an error) goes through graphql-core's own methods,
which then produce the very same result or error they always did. The short paths only
ever return what the general path returns: `tests/unit/test_graphql_execution.py` runs
the same operations through both and compares the responses, errors included.
Measured by `bench/graphql_execution_bench.py` (the headline query on a page of 20
claims): 1.27-1.35 ms with graphql-core's path, 0.41-0.45 ms with these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLField,
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
    LEAF,
    NO_INFO,
    Fallback,
    LeafPlan,
    SelectionCompiler,
    SelectionPlan,
    has_directives,
)

# Bound on the per-schema caches of compiled selections and directive checks (each entry
# is a query document's nodes and a small plan).
_CACHE_SIZE = 2048


@dataclass(slots=True)
class FieldPlan:
    """How to execute one attribute field: which attribute, and how to complete it."""

    attribute: str
    return_type: GraphQLOutputType
    non_null: bool
    leaf: SelectionPlan | None  # a scalar or enum: coerce the attribute
    object_type: GraphQLObjectType | None  # an object of a non-generic type...
    object_class: type | None  # ...whose values are instances of this class
    has_selection: bool  # sub-fields: an object, interface or list of them


FieldPlans = dict[tuple[str, str], FieldPlan]


@dataclass(slots=True)
class _SchemaPlans:
    """What the short paths know of one schema, shared by every request."""

    fields: FieldPlans
    # (parent type, ids of the field's nodes) → (the nodes, kept so that their ids are
    # not reused while cached; the compiled selection, None when not compilable)
    selections: dict[tuple[Any, ...], tuple[tuple[Any, ...], SelectionPlan | None]] = field(
        default_factory=dict
    )
    # id(operation) → (the operation, whether its document has directives)
    directives: dict[int, tuple[Any, bool]] = field(default_factory=dict)
    # (abstract type, object type name) → the valid runtime type
    runtime_types: dict[tuple[str, str], GraphQLObjectType] = field(default_factory=dict)


_SCHEMAS: WeakKeyDictionary[GraphQLSchema, _SchemaPlans] = WeakKeyDictionary()


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
    non_null = is_non_null_type(field.type)
    nullable = get_nullable_type(field.type)
    leaf = SelectionPlan(LEAF, non_null, LeafPlan.of(nullable)) if is_leaf_type(nullable) else None
    object_type = object_class = None
    if is_object_type(nullable):
        type_definition = (nullable.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        origin = getattr(type_definition, "origin", None)
        # Generic specialisations (`Edge[Claim]`) share one Python class between several
        # GraphQL types: the per-field object path leaves them to graphql-core.
        if origin is not None and getattr(type_definition, "concrete_of", None) is None:
            object_type, object_class = nullable, origin
    has_selection = not is_leaf_type(get_named_type(field.type))
    return FieldPlan(
        definition.python_name,
        field.type,
        non_null,
        leaf,
        object_type,
        object_class,
        has_selection,
    )


def _schema_plans(schema: GraphQLSchema) -> _SchemaPlans:
    plans = _SCHEMAS.get(schema)
    if plans is None:
        fields: FieldPlans = {}
        for type_name, graphql_type in schema.type_map.items():
            if type_name.startswith("__") or not is_object_type(graphql_type):
                continue
            for field_name, graphql_field in graphql_type.fields.items():
                plan = _plan(graphql_field)
                if plan is not None:
                    fields[(type_name, field_name)] = plan
        plans = _SCHEMAS[schema] = _SchemaPlans(fields)
    return plans


def field_plans(schema: GraphQLSchema) -> FieldPlans:
    """The attribute fields of every object type of `schema`, by (type name, field name)."""
    return _schema_plans(schema).fields


def _has_directives(plans: _SchemaPlans, operation: Any, fragments: dict[str, Any]) -> bool:
    """Whether any selection of the operation or its fragments carries a directive
    (then which fields are selected depends on variables: nothing is compiled)."""
    cached = plans.directives.get(id(operation))
    if cached is not None and cached[0] is operation:
        return cached[1]
    found = has_directives(operation.selection_set) or any(
        has_directives(fragment.selection_set) for fragment in fragments.values()
    )
    if len(plans.directives) >= _CACHE_SIZE:
        plans.directives.clear()
    plans.directives[id(operation)] = (operation, found)
    return found


class AttributeFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with the short path for attribute fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans = _schema_plans(self.schema)
        # Field middleware (a schema extension's `resolve` hook) must see every field.
        manager = self.middleware_manager
        wrapped = manager is not None and bool(manager.middlewares)
        self._field_plans: FieldPlans = {} if wrapped else self._plans.fields
        self._compiler: SelectionCompiler | None = None
        if not wrapped and not _has_directives(
            self._plans, self.operation, self.fragment_definitions
        ):
            self._compiler = SelectionCompiler(
                self.schema, self.collect_subfields, self._attribute_of
            )

    def _attribute_of(self, type_name: str, field_name: str) -> str | None:
        plan = self._field_plans.get((type_name, field_name))
        return None if plan is None else plan.attribute

    def _selection(
        self, parent_type: GraphQLObjectType, plan: FieldPlan, field_details_list: Any
    ) -> SelectionPlan | None:
        """The compiled plan of this field's selection (cached per query document)."""
        assert self._compiler is not None
        cache = self._plans.selections
        nodes = tuple(details.node for details in field_details_list)
        key = (parent_type.name, *map(id, nodes))
        cached = cache.get(key)
        if cached is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cached = cache[key] = (
                nodes,
                self._compiler.field(plan.return_type, field_details_list),
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
            selection = plan.leaf
            if selection is None and plan.has_selection and self._compiler is not None:
                selection = self._selection(parent_type, plan, field_details_list)
            if selection is not None:
                try:
                    return selection.complete(value)
                except Fallback:
                    pass  # completed below, by the per-object path or graphql-core
            if value is None:
                if not plan.non_null:
                    return None
            elif type(value) is plan.object_class:
                object_type = plan.object_type
                assert object_type is not None
                is_type_of = object_type.is_type_of
                # Strawberry's `is_type_of` reads the value only, never the info.
                if is_type_of is None or is_type_of(value, NO_INFO) is True:
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
            runtime_types = self._plans.runtime_types
            found = runtime_types.get((named.name, name))
            if found is None:
                candidate = self.schema.get_type(name)
                if not is_object_type(candidate) or not self.schema.is_sub_type(named, candidate):
                    return None
                found = runtime_types[(named.name, name)] = candidate
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
