"""The API's hot reads, run once when Neo4j comes back (`kgapi.graph.availability`) before
requests are let through: a restarted Neo4j has no query plans cached and a cold page
cache, and its first answers to concurrent clients took up to the 10 s query timeout.

The same functions the routes call (REST and GraphQL alike), with the parameters of a
first visit: what they return is dropped.
"""

from __future__ import annotations

from kgapi.graph.read_queries.articles import list_articles
from kgapi.graph.read_queries.claims import find_claims
from kgapi.graph.read_queries.entities import list_entities
from kgapi.graph.read_queries.search import search
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import EntityLabel


async def warm_up(reader: GraphReader) -> None:
    """Run the first pages of claims (plain and by a speaker), entities, articles and a
    search, one after another; Neo4j errors propagate."""
    claims = await find_claims(reader, first=10)
    speaker = next((c.speaker for c in claims.items if c.speaker is not None), None)
    if speaker is not None:
        # The filtered path (resolve the name, then the speaker's claims), on a real name.
        await find_claims(reader, speaker=speaker.name, first=5)
    for label in EntityLabel:
        await list_entities(reader, label=label, first=5)
    await list_articles(reader, first=5)
    await search(reader, "news")
