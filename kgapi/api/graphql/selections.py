"""Selections made only of attribute fields, compiled once and completed in one pass.

A connection's `edges { node { text kind speaker { name } about { name } } }` is, below
the root resolver, nothing but attributes of objects that resolver built. graphql-core
still walks it field by field: per object it collects the sub-fields (a memoised
lookup), creates a path per field, calls each field's executor, checks each result for
awaitables. `SelectionCompiler` turns such a selection into a plan once per query
document (`SelectionPlan`: for each response key, the attribute to read and how to
complete it), and `SelectionPlan.complete` walks the objects with it. A leaf's plan
holds its type's own answers where they cannot vary (a `str` is its own String or ID
value; each enum member's name is asked of the enum type once).

The plan is optimistic: it completes only values that graphql-core would complete
without error (a non-null attribute present, a plain value that coerces, an object of
the expected class that its `is_type_of` accepts — for Strawberry's own `is_type_of`,
an object not `strawberry.cast` to another type —, a list). Anything else raises
`Fallback` before a single result is returned, and the caller
(`execution.AttributeFieldsExecutionContext`) completes the field through graphql-core,
which produces its usual result or error. Reading attributes has no side effects, so
doing the work twice in that case changes nothing but time.

Not compiled (graphql-core does it all): fields with resolvers or arguments, directives
anywhere in the document (`@skip`/`@include` make the selection depend on variables),
`@defer`, and abstract types whose `resolve_type` graphql-core would have to supply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLID,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    SelectionSetNode,
    Undefined,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

# Python values a leaf may complete from directly; anything else is graphql-core's call
# (an awaitable to await, an exception to raise, a value to reject).
PLAIN_VALUES = (str, int, float, bool, Enum)

NO_INFO: Any = None  # Strawberry's `is_type_of` and our `resolve_type` never read it


class Fallback(Exception):
    """A value the plan does not complete: graphql-core must (and reports any error)."""


LEAF, OBJECT, ABSTRACT, LIST, TYPENAME = range(5)


@dataclass(slots=True)
class LeafPlan:
    """How to complete a scalar or enum value: what `coerce_output_value` answers."""

    leaf_type: GraphQLLeafType
    # String and ID: graphql-core's serializers return a `str` as it is.
    strings_as_is: bool = False
    # An enum: the answer for each member of its Python class, asked once.
    enum_class: type | None = None
    enum_names: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, leaf_type: GraphQLLeafType) -> LeafPlan:
        """The plan of `leaf_type`, its enum answers computed by the type itself."""
        plan = cls(leaf_type, strings_as_is=leaf_type is GraphQLString or leaf_type is GraphQLID)
        enum_class = getattr(leaf_type, "wrapped_cls", None)  # Strawberry's enum types
        if isinstance(leaf_type, GraphQLEnumType) and isinstance(enum_class, type):
            try:
                members: list[Any] = list(enum_class)  # type: ignore[call-overload]
                plan.enum_names = {m: leaf_type.coerce_output_value(m) for m in members}
                plan.enum_class = enum_class
            except Exception:  # an enum it cannot serialise: coerce each value instead
                plan.enum_names = {}
        return plan

    def complete(self, value: Any) -> Any:
        """`value` coerced; `Fallback` when graphql-core must decide."""
        if self.strings_as_is and type(value) is str:
            return value
        if type(value) is self.enum_class:
            return self.enum_names[value]
        if not isinstance(value, PLAIN_VALUES):
            raise Fallback
        try:
            coerced = self.leaf_type.coerce_output_value(value)
        except Exception as error:
            raise Fallback from error
        if coerced is None or coerced is Undefined:
            raise Fallback
        return coerced


@dataclass(slots=True)
class ObjectPlan:
    """How to complete an object of one type for one selection."""

    type_name: str
    classes: frozenset[type]  # the Python classes of this type's values
    is_type_of: Callable[[Any, Any], Any] | None
    # Strawberry's own `is_type_of` accepts an instance of the type's class unless it was
    # `strawberry.cast` to another type: checked here, without the call.
    check_cast: bool
    # (response key, kind, attribute, non-null, detail), in the selection's order
    fields: list[tuple[str, int, str, bool, Any]] = field(default_factory=list)


@dataclass(slots=True)
class AbstractPlan:
    """An interface or union: the object plan of each possible type, by type name."""

    abstract_type: GraphQLAbstractType
    by_name: dict[str, ObjectPlan]


@dataclass(slots=True)
class ListPlan:
    """A list: how to complete each item."""

    item_kind: int
    item_non_null: bool
    item: Any


def _complete(kind: int, detail: Any, value: Any) -> Any:
    if kind == LEAF:
        return detail.complete(value)
    if kind == OBJECT:
        if type(value) not in detail.classes:
            raise Fallback
        if detail.check_cast and getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None:
            raise Fallback
        is_type_of = detail.is_type_of
        if is_type_of is not None and is_type_of(value, NO_INFO) is not True:
            raise Fallback
        return _complete_object(detail, value)
    if kind == ABSTRACT:
        abstract_type = detail.abstract_type
        try:
            name = abstract_type.resolve_type(value, NO_INFO, abstract_type)
        except Exception as error:
            raise Fallback from error
        plan = detail.by_name.get(name) if isinstance(name, str) else None
        if plan is None:
            raise Fallback
        return _complete(OBJECT, plan, value)
    if kind == LIST:
        if type(value) is not list:
            raise Fallback
        item_kind, item_non_null, item = detail.item_kind, detail.item_non_null, detail.item
        completed: list[Any] = []
        for entry in value:
            if entry is None:
                if item_non_null:
                    raise Fallback
                completed.append(None)
            else:
                completed.append(_complete(item_kind, item, entry))
        return completed
    raise AssertionError(f"unknown plan kind {kind}")


def _complete_object(plan: ObjectPlan, source: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, kind, attribute, non_null, detail in plan.fields:
        if kind == TYPENAME:
            result[key] = plan.type_name
            continue
        value = getattr(source, attribute, Undefined)
        if value is None:
            if non_null:
                raise Fallback
            result[key] = None
        elif kind == LEAF:
            result[key] = detail.complete(value)
        else:
            result[key] = _complete(kind, detail, value)
    return result


@dataclass(slots=True)
class SelectionPlan:
    """A field's whole selection, compiled: `complete(value)` → its response value."""

    kind: int
    non_null: bool
    detail: Any

    def complete(self, value: Any) -> Any:
        """The field's completed value; `Fallback` if graphql-core must complete it."""
        if value is None:
            if self.non_null:
                raise Fallback
            return None
        return _complete(self.kind, self.detail, value)


class SelectionCompiler:
    """Compiles the selections of one execution (its schema, document and fragments).

    `collect_subfields(object_type, field_details_list)` is graphql-core's (memoised)
    field collection; `attribute_of(type_name, field_name)` names the Python attribute
    of an attribute field (None for any other field).
    """

    def __init__(
        self,
        schema: Any,
        collect_subfields: Callable[[GraphQLObjectType, Any], Any],
        attribute_of: Callable[[str, str], str | None],
    ) -> None:
        self.schema = schema
        self.collect_subfields = collect_subfields
        self.attribute_of = attribute_of

    def field(self, field_type: GraphQLOutputType, field_details_list: Any) -> SelectionPlan | None:
        """The plan of a field of type `field_type` selected as `field_details_list`;
        None when its selection is not made only of attribute fields."""
        compiled = self._value(field_type, field_details_list)
        if compiled is None:
            return None
        kind, detail = compiled
        return SelectionPlan(kind, is_non_null_type(field_type), detail)

    def _value(self, field_type: GraphQLOutputType, field_details_list: Any) -> Any:
        nullable = get_nullable_type(field_type)
        if is_leaf_type(nullable):
            return LEAF, LeafPlan.of(nullable)
        if is_object_type(nullable):
            plan = self._object(nullable, field_details_list)
            return None if plan is None else (OBJECT, plan)
        if is_abstract_type(nullable):
            abstract = self._abstract(nullable, field_details_list)
            return None if abstract is None else (ABSTRACT, abstract)
        if is_list_type(nullable):
            item_type = nullable.of_type
            item = self._value(item_type, field_details_list)
            if item is None:
                return None
            return LIST, ListPlan(item[0], is_non_null_type(item_type), item[1])
        return None

    def _abstract(
        self, abstract_type: GraphQLAbstractType, field_details_list: Any
    ) -> AbstractPlan | None:
        if abstract_type.resolve_type is None:  # graphql-core's default resolver needs info
            return None
        by_name: dict[str, ObjectPlan] = {}
        for object_type in self.schema.get_possible_types(abstract_type):
            plan = self._object(object_type, field_details_list)
            if plan is None:
                return None
            by_name[object_type.name] = plan
        return AbstractPlan(abstract_type, by_name)

    def _object(self, object_type: GraphQLObjectType, field_details_list: Any) -> ObjectPlan | None:
        classes = _classes_of(object_type)
        if not classes:
            return None
        grouped_field_set, new_defer_usages, *_ = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages:
            return None
        is_type_of = object_type.is_type_of
        strawberrys = _is_strawberry_is_type_of(is_type_of)
        plan = ObjectPlan(
            object_type.name, classes, None if strawberrys else is_type_of, strawberrys
        )
        for key, details in grouped_field_set.items():
            if any(
                d.defer_usage is not None
                or d.fragment_variable_values is not None
                or d.node.directives
                or d.node.arguments
                for d in details
            ):
                return None
            name = details[0].node.name.value
            if name == "__typename":
                plan.fields.append((key, TYPENAME, "", True, None))
                continue
            attribute = self.attribute_of(object_type.name, name)
            if attribute is None:
                return None
            field_type = object_type.fields[name].type
            compiled = self._value(field_type, details)
            if compiled is None:
                return None
            plan.fields.append(
                (key, compiled[0], attribute, is_non_null_type(field_type), compiled[1])
            )
        return plan


def _classes_of(object_type: GraphQLObjectType) -> frozenset[type]:
    """The Python classes whose instances are values of `object_type` (a Strawberry type,
    or the generic class it specialises)."""
    definition = (object_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    concrete_of = getattr(definition, "concrete_of", None)
    origin = getattr(concrete_of if concrete_of is not None else definition, "origin", None)
    return frozenset({origin}) if isinstance(origin, type) else frozenset()


def _is_strawberry_is_type_of(is_type_of: Any) -> bool:
    """Whether `is_type_of` is the one Strawberry generates for a type with interfaces:
    `isinstance` of the type (or its interfaces), unless the value was cast."""
    qualname = getattr(is_type_of, "__qualname__", "")
    return getattr(is_type_of, "__module__", "") == GraphQLCoreConverter.__module__ and (
        qualname.endswith("._get_is_type_of.<locals>.is_type_of")
    )


def has_directives(selection_set: SelectionSetNode | None) -> bool:
    """Whether any selection below `selection_set` carries a directive."""
    if selection_set is None:
        return False
    for selection in selection_set.selections:
        if selection.directives:
            return True
        if has_directives(getattr(selection, "selection_set", None)):
            return True
    return False
