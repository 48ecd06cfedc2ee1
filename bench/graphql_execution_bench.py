"""GraphQL execution benchmark (run by hand, not a test): graphql-core's general path
against the short path for attribute fields (`kgapi/api/graphql/execution.py`).

    .venv/bin/python bench/graphql_execution_bench.py [--runs 3000] [--claims 20]

No Neo4j and no HTTP: the root `claims` resolver gets a fixed page of `--claims` claims
(each with its speaker, two subjects and its article, as the query layer returns them),
and the headline query is executed by the API's own schema, once with Strawberry's
execution context and once with ours, in alternating order. Prints the median time of
one execution for each, so the figure is the GraphQL execution alone (parse and
validation come from their caches in both).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import time
from datetime import UTC, date, datetime
from typing import Any

from starlette.requests import Request
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

import kgapi.api.graphql.queries as graphql_queries
import kgapi.api.graphql.schema as schema_module
from kgapi.api.graphql.context import GraphQLContext
from kgapi.api.graphql.execution import AttributeFieldsExecutionContext
from kgapi.config import Settings
from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.claims import ClaimPage
from kgapi.graph.reader import GraphReader

HEADLINE = """{ claims(speaker: "Blinken", about: "Ukraine", first: 20) { totalCount
  edges { node { text kind speaker { name } about { name } article { title } } } } }"""


def _entity(entity_id: str, label: str, name: str) -> dict[str, Any]:
    return {
        "id": entity_id,
        "type": label,
        "kind": "person" if label == "Actor" else None,
        "name": name,
    }


def page_of(claims: int) -> ClaimPage:
    """A page as `find_claims` returns it: `claims` claims by one speaker."""
    speaker = _entity("person:antony-blinken", "Actor", "Antony Blinken")
    ukraine = _entity("location:ukraine", "Location", "Ukraine")
    maps = []
    for n in range(claims):
        maps.append(
            {
                "id": f"claim:bench{n:04d}:0-50",
                "text": f"Antony Blinken said something about Ukraine and place {n}.",
                "kind": "direct",
                "verb": "said",
                "sentence": f"Antony Blinken said something about Ukraine and place {n}.",
                "start": 0,
                "end": 50,
                "stated_on": date(2024, 3, 1).isoformat(),
                "speaker": speaker,
                "about": [ukraine, _entity(f"location:place-{n}", "Location", f"Place {n}")],
                "article": {
                    "id": f"article:bench{n:04d}",
                    "title": f"Report {n}",
                    "url": f"https://example.test/{n}",
                    "source": "Example Wire",
                    "published_at": datetime(2024, 3, 1, tzinfo=UTC).isoformat(),
                },
            }
        )
    keys: list[list[Any]] = [["2024-03-01", f"article:bench{n:04d}", 0, "x"] for n in range(claims)]
    return ClaimPage(
        items=fragments.claim_results(maps),
        total=claims,
        next_cursor=None,
        keys=keys,
        fingerprint="0" * 16,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3000)
    parser.add_argument("--claims", type=int, default=20)
    args = parser.parse_args()
    settings = Settings(apply_schema_on_start=False)
    page = page_of(args.claims)

    async def fixed_page(*_args: Any, **_kwargs: Any) -> ClaimPage:
        return page

    graphql_queries.claims.find_claims = fixed_page  # type: ignore[assignment]

    schemas = {}
    for name, context_class in (
        ("graphql-core general path", StrawberryGraphQLCoreExecutionContext),
        ("short path (kgapi)", AttributeFieldsExecutionContext),
    ):
        schema_module.AttributeFieldsExecutionContext = context_class  # type: ignore[misc]
        schemas[name] = schema_module.build_schema(settings)
    schema_module.AttributeFieldsExecutionContext = AttributeFieldsExecutionContext  # type: ignore[misc]
    request = Request({"type": "http", "headers": [], "method": "POST", "path": "/graphql"})

    async def run() -> None:
        results = {}
        for name, schema in schemas.items():  # same answer from both
            context = GraphQLContext(settings, GraphReader(None, "neo4j"), request)  # type: ignore[arg-type]
            result = await schema.execute(HEADLINE, context_value=context)
            assert not result.errors, result.errors
            results[name] = result.data
        first, second = results.values()
        assert first == second
        gc.collect()
        gc.freeze()
        timings: dict[str, list[float]] = {name: [] for name in schemas}
        order = random.Random(7)
        for _ in range(args.runs):
            for name in order.sample(list(schemas), len(schemas)):
                context = GraphQLContext(settings, GraphReader(None, "neo4j"), request)  # type: ignore[arg-type]
                started = time.perf_counter()
                await schemas[name].execute(HEADLINE, context_value=context)
                timings[name].append(time.perf_counter() - started)
        medians = {name: statistics.median(t[100:]) * 1000 for name, t in timings.items()}
        for name, ms in medians.items():
            print(f"{name:<28} {ms:.3f} ms per execution ({args.claims} claims)")
        general, short = medians.values()
        print(f"short/general: {short / general:.2f}")

    asyncio.run(run())


if __name__ == "__main__":
    main()
