"""The short path for attribute fields (`kgapi/api/graphql/execution.py`) answers exactly
what graphql-core's general path answers: the same data and the same errors, at the same
paths, for every kind of field it takes and every case it must leave to the general path.

Each operation runs against one toy schema twice, with Strawberry's own execution context
and with ours, and the two responses must be equal.
"""

from __future__ import annotations

import asyncio
from datetime import date
from enum import Enum
from typing import Any, Generic, TypeVar

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from kgapi.api.graphql.execution import AttributeFieldsExecutionContext, field_plans
from kgapi.api.graphql.schema import build_schema
from kgapi.config import Settings

T = TypeVar("T")


@strawberry.enum
class Mood(Enum):
    CALM = "calm"
    ANGRY = "angry"


@strawberry.interface
class Thing:
    id: strawberry.ID
    name: str


@strawberry.type
class Person(Thing):
    age: int | None
    height: float
    active: bool
    mood: Mood
    born: date | None
    must_have: str  # the resolver below sometimes breaks the promise

    @strawberry.field
    def greeting(self, punctuation: str = "!") -> str:
        return f"Hello, {self.name}{punctuation}"

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return self.name.upper()


@strawberry.type
class Place(Thing):
    country: str


@strawberry.interface
class Fragile:
    """An interface whose type resolution fails for some values."""

    name: str

    @classmethod
    def resolve_type(cls, obj: Any, info: Any, type_: Any) -> str:
        if obj.name == "Explode":
            raise ValueError("cannot tell what this is")
        return "Shard"


@strawberry.type
class Shard(Fragile):
    pass


@strawberry.type
class Edge(Generic[T]):
    node: T


@strawberry.type
class Story:
    title: str
    author: Person
    editor: Person | None
    strict_author: Person
    about: list[Thing]
    edges: list[Edge[Person]]
    anything: Person | None  # holds whatever the test puts there
    fragile: list[Fragile] = strawberry.field(default_factory=list)


def _person(name: str, **overrides: Any) -> Person:
    values: dict[str, Any] = {
        "id": strawberry.ID(f"person:{name.lower()}"),
        "name": name,
        "age": 61,
        "height": 1.8,
        "active": True,
        "mood": Mood.CALM,
        "born": date(1962, 4, 16),
        "must_have": "present",
    }
    values.update(overrides)
    return Person(**values)


def _stories() -> dict[str, Story]:
    blinken = _person("Antony")
    broken = _person("Broken", must_have=None, age=2**40)
    kyiv = Place(id=strawberry.ID("location:kyiv"), name="Kyiv", country="Ukraine")
    return {
        "ok": Story(
            title="Talks",
            author=blinken,
            editor=None,
            strict_author=blinken,
            about=[blinken, kyiv],
            edges=[Edge(node=blinken), Edge(node=_person("Beata", age=None))],
            anything=blinken,
        ),
        "broken": Story(
            title="Broken",
            author=broken,
            editor=broken,
            strict_author=broken,
            about=[broken],
            edges=[Edge(node=broken)],
            anything="not a person",  # type: ignore[arg-type]
        ),
        "odd lists": Story(
            title="Odd",
            author=blinken,
            editor=None,
            strict_author=blinken,
            about=[kyiv, None, "not a thing", blinken],  # type: ignore[list-item]
            edges=[Edge(node=blinken), None, Edge(node=None)],  # type: ignore[list-item]
            anything=None,
            fragile=[Shard(name="Fine"), Shard(name="Explode")],
        ),
        "cast": Story(
            title="Cast",
            author=strawberry.cast(Place, _person("Cast")),
            editor=strawberry.cast(Person, _person("Kept")),
            strict_author=blinken,
            about=[strawberry.cast(Place, _person("Misfiled"))],
            edges=[],
            anything=None,
        ),
    }


@strawberry.type
class Query:
    @strawberry.field
    def story(self, key: str) -> Story:
        return _stories()[key]

    @strawberry.field
    def maybe_story(self, key: str) -> Story | None:
        return _stories()[key]


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    general = strawberry.Schema(query=Query, types=[Person, Place, Shard])
    short = strawberry.Schema(
        query=Query,
        types=[Person, Place, Shard],
        execution_context_class=AttributeFieldsExecutionContext,
    )
    return general, short


GENERAL, SHORT = _schemas()

OPERATIONS = {
    "every leaf kind": """{ story(key: "ok") { title author {
        id name age height active mood born mustHave } } }""",
    "null in a nullable object field": '{ story(key: "ok") { editor { name } } }',
    "interface list and generic edges": """{ story(key: "ok") {
        about { __typename id name ... on Place { country } ... on Person { age } }
        edges { node { name age } } } }""",
    "aliases, fragments, directives": """query($no: Boolean = false) { story(key: "ok") {
        a: title b: title author { ...P n: name @include(if: $no) m: name @skip(if: $no) } } }
        fragment P on Person { name mood }""",
    "arguments and async resolvers": """{ story(key: "ok") { author {
        greeting greeting2: greeting(punctuation: "?") later } } }""",
    "null where not allowed, in a nullable parent": """{ story(key: "broken") {
        editor { name mustHave } } }""",
    "null where not allowed, through non-null parents": """{ maybeStory(key: "broken") {
        strictAuthor { name mustHave } } }""",
    "a value the scalar cannot coerce": '{ story(key: "broken") { author { name age } } }',
    "an object of the wrong class": '{ story(key: "broken") { anything { name } } }',
    "an error inside a list item": """{ story(key: "broken") {
        about { name ... on Person { mustHave } } edges { node { mustHave } } } }""",
    "an async field under a short-path object": """{ story(key: "ok") {
        strictAuthor { later } editor { later } } }""",
    "async fields in list items": """{ story(key: "ok") {
        about { ... on Person { later } } edges { node { later } } } }""",
    "nulls and strangers in lists": """{ maybeStory(key: "odd lists") {
        about { __typename name } } }""",
    "a null node in an edge": """{ maybeStory(key: "odd lists") {
        edges { node { name } } } }""",
    "a type resolution that fails": """{ maybeStory(key: "odd lists") {
        fragile { name } } }""",
    "objects cast to another type": """{ maybeStory(key: "cast") {
        editor { name } author { name } about { __typename name } } }""",
}


def _response(schema: strawberry.Schema, query: str) -> dict[str, Any]:
    result = asyncio.run(schema.execute(query))
    errors = sorted(
        (e.message, tuple(e.path or ()), tuple((at.line, at.column) for at in e.locations or ()))
        for e in result.errors or ()
    )
    return {"data": result.data, "errors": errors}


@pytest.mark.parametrize("query", OPERATIONS.values(), ids=OPERATIONS.keys())
def test_the_short_path_answers_what_the_general_path_answers(query: str) -> None:
    assert _response(SHORT, query) == _response(GENERAL, query)


def test_the_error_cases_are_errors() -> None:
    """The comparison above would pass if both sides lost the errors: they are there."""
    broken = _response(SHORT, OPERATIONS["null where not allowed, in a nullable parent"])
    assert broken["data"] == {"story": {"editor": None}}
    assert broken["errors"][0][0] == "Cannot return null for non-nullable field Person.mustHave."
    assert broken["errors"][0][1] == ("story", "editor", "mustHave")
    wrong = _response(SHORT, OPERATIONS["an object of the wrong class"])
    assert wrong["data"] == {"story": {"anything": None}}
    assert wrong["errors"]
    failing = _response(SHORT, OPERATIONS["a type resolution that fails"])
    assert failing["data"] == {"maybeStory": None}
    assert failing["errors"][0][:2] == ("cannot tell what this is", ("maybeStory", "fragile", 1))


def test_attribute_fields_take_the_short_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Of a claim-like page, only the root field and the lists take the general path,
    and the objects in the lists go straight to their sub-fields."""
    general_fields: list[str] = []
    general_objects: list[str] = []
    execute_field = StrawberryGraphQLCoreExecutionContext.execute_field
    complete_object = StrawberryGraphQLCoreExecutionContext.complete_object_value

    def counting_fields(self: Any, parent_type: Any, *args: Any) -> Any:
        general_fields.append(f"{parent_type.name}.{args[1][0].node.name.value}")
        return execute_field(self, parent_type, *args)

    def counting_objects(self: Any, return_type: Any, *args: Any) -> Any:
        general_objects.append(return_type.name)
        return complete_object(self, return_type, *args)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counting_fields)
    monkeypatch.setattr(
        StrawberryGraphQLCoreExecutionContext, "complete_object_value", counting_objects
    )
    response = _response(
        SHORT,
        """{ story(key: "ok") { title author { name age mood }
            about { name } edges { node { name } } } }""",
    )
    assert not response["errors"]
    # The root field has a resolver; `about` is a list of an interface whose type only
    # Strawberry's own resolver (which wants graphql-core's info) can tell: both stay on
    # the general path. The edges, compiled as one selection, never reach it.
    assert sorted(general_fields) == ["Query.story", "Story.about"]
    assert general_objects == ["Story"]  # the root field's value only


def _run(schema: strawberry.Schema, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    result = asyncio.run(schema.execute(query, variable_values=variables))
    assert not result.errors
    return result.data or {}


def test_a_compiled_selection_follows_the_variables_of_its_directives() -> None:
    """Directives make the selection depend on variables: the same document run with
    other values must select other fields (nothing compiled is reused for it)."""
    query = """query($withAge: Boolean!) { story(key: "ok") {
        edges { node { name ... on Person @include(if: $withAge) { age } } } } }"""
    for with_age in (True, False, True):
        variables = {"withAge": with_age}
        assert _run(SHORT, query, variables) == _run(GENERAL, query, variables)
    first = _run(SHORT, query, {"withAge": True})["story"]["edges"][0]["node"]
    assert first == {"name": "Antony", "age": 61}


def test_the_api_schema_plans_the_headline_fields() -> None:
    plans = field_plans(build_schema(Settings(_env_file=None))._schema)  # type: ignore[call-arg]
    for field in [("Claim", "text"), ("Claim", "kind"), ("Claim", "speaker")]:
        assert field in plans
    for field in [("Actor", "name"), ("Article", "title"), ("ClaimEdge", "node")]:
        assert field in plans
    # Fields with resolvers or arguments always take the general path.
    assert ("Actor", "aliases") not in plans
    assert ("ClaimEdge", "cursor") not in plans
    assert ("Query", "claims") not in plans
