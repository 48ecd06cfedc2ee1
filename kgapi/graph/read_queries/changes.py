"""What was ingested lately: the watermark poll behind the GraphQL subscriptions.

Neo4j Community has no change data capture, so live updates read the graph: the loader
stamps every article it writes with `ingested_at = datetime()` (the server's clock, so
every writing process, `kgapi load` or another API process, shares one clock), and
`recently_ingested` returns the articles stamped within the last `lookback` seconds, by
the `article_ingested_at` range index (schema/004_ingested_at.cypher). The stamp is
taken when the write transaction runs, not when it commits, so a poll looks back a
window rather than only past the last stamp it saw: an article whose transaction
commits up to `lookback` seconds after its stamp is still found. The caller
(`kgapi.api.change_feed`) remembers what it has delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kgapi.graph.read_queries import fragments
from kgapi.graph.reader import GraphReader

# Only ids and stamps: the window is re-read on every poll, and the articles' contents
# are read once, for the ones not delivered yet (`batch.articles_by_ids`).
_RECENT = f"""
WITH datetime() AS now
OPTIONAL MATCH (a:Article)
WHERE a.ingested_at >= now - duration({{milliseconds: $lookback_ms}})
WITH now, a ORDER BY a.ingested_at, a.id
RETURN {fragments.iso_datetime("now")} AS now,
       collect(CASE WHEN a IS NULL THEN null ELSE [a.id, {fragments.iso_datetime("a.ingested_at")}]
               END) AS articles
"""


@dataclass(frozen=True)
class Ingested:
    """One write of an article: its id and stamp (a replaced article gets a new stamp)."""

    id: str
    ingested_at: datetime


@dataclass(frozen=True)
class RecentlyIngested:
    """The database's clock at the poll, and the articles stamped within the window."""

    now: datetime
    articles: list[Ingested]


async def recently_ingested(reader: GraphReader, *, lookback: float) -> RecentlyIngested:
    """Articles ingested in the last `lookback` seconds (oldest first) and the server's
    time. One index range seek."""
    rows = await reader.read(
        _RECENT, {"lookback_ms": int(lookback * 1000)}, name="changes.recently_ingested"
    )
    row = rows[0]
    articles = [Ingested(id=item[0], ingested_at=_parse(item[1])) for item in row["articles"]]
    return RecentlyIngested(now=_parse(row["now"]), articles=articles)


def _parse(value: str) -> datetime:
    parsed = fragments.parse_datetime(value)
    assert parsed is not None  # the query returns no null stamps
    return parsed
