"""A generated news corpus for the load benchmarks: Zipf-distributed speakers and topics.

    from bench.corpus import grow
    grow(driver, database, 10_000, skew="heavy")   # articles 0..9,999
    grow(driver, database, 100_000, skew="heavy")  # adds 10,000..99,999 to the same graph

Every article is drawn from its own seeded generator, so a graph grown to N in steps is
the graph generated to N at once. Rank 0 of the speakers is Antony Blinken ("Blinken"),
rank 0 of the topics Ukraine: the headline slice, Blinken × Ukraine, is the heaviest.

Skews (the share of all claims held by the top speaker):

- `heavy`: Zipf exponent 1.1 over 2,000 speakers, ~15% (the issue's generator: 18%);
- `realistic`: exponent 0.8 over 20,000 speakers, a few percent, as in large real corpora.

Written straight with `UNWIND ... CREATE` in the graph model the loader writes (the same
labels, relationships and properties, `day` included), which is what the read queries see;
the writer's counters (`kgapi.graph.aggregates`: TALKS_ABOUT, Day) are then rebuilt from
the claims, as `kgapi schema apply` builds them for a graph written before them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import neo4j

from kgapi.graph import aggregates, data_version

Skew = Literal["heavy", "realistic"]
CLAIMS_PER_ARTICLE = 8
_SKEWS: dict[str, tuple[float, int, int]] = {
    # exponent, speakers, topics
    "heavy": (1.1, 2_000, 1_000),
    "realistic": (0.8, 20_000, 5_000),
}
_START = datetime(2020, 1, 1, tzinfo=UTC)
_KINDS = ["direct", "indirect", "partial", "belief"]
_WORDS = [
    "ceasefire",
    "sanctions",
    "talks",
    "aid",
    "election",
    "budget",
    "inflation",
    "vaccine",
    "trade",
    "border",
    "energy",
    "climate",
    "strike",
    "court",
    "ruling",
    "summit",
    "treaty",
    "alliance",
    "deficit",
    "tariff",
]


def _people(n: int) -> list[tuple[str, str, list[str]]]:
    first = [("person:antony-blinken", "Antony Blinken", ["Antony Blinken", "Blinken"])]
    return first + [(f"person:speaker-{i}", f"Speaker {i}", [f"Speaker {i}"]) for i in range(1, n)]


def _topics(n: int) -> list[tuple[str, str, list[str]]]:
    first = [("location:ukraine", "Ukraine", ["Ukraine", "Ukrainian"])]
    return first + [(f"location:place-{i}", f"Place {i}", [f"Place {i}"]) for i in range(1, n)]


def _cumulative(exponent: float, n: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


def speaker_share(skew: Skew) -> float:
    """The share of claims the top speaker makes under `skew`."""
    exponent, speakers, _ = _SKEWS[skew]
    return 1 / _cumulative(exponent, speakers)[-1]


def _entities(driver: neo4j.Driver, database: str, skew: Skew) -> None:
    _, speakers, topics = _SKEWS[skew]
    with driver.session(database=database) as session:
        for label, rows in (("Actor", _people(speakers)), ("Location", _topics(topics))):
            session.run(
                f"UNWIND $rows AS r MERGE (e:Entity:{label} {{id: r[0]}}) "
                "SET e.name = r[1], e.aliases = r[2], "
                "e.kind = CASE WHEN $label = 'Actor' THEN 'person' END",
                rows=[list(r) for r in rows],
                label=label,
            ).consume()


def _article(n: int, skew: Skew, people: list[Any], topics: list[Any], cum: Any) -> tuple:
    rng = random.Random(n)
    aid = f"article:gen{n:09d}"
    published = _START + timedelta(minutes=n * 15)
    speakers = rng.choices(people, cum_weights=cum[0], k=CLAIMS_PER_ARTICLE)
    mentioned: dict[str, int] = {}
    claims = []
    for i, speaker in enumerate(speakers):
        subjects = sorted({t[0] for t in rng.choices(topics, cum_weights=cum[1], k=2)})
        words = " ".join(rng.sample(_WORDS, 3))
        text = f"{speaker[1]} spoke of {words} ({n}-{i})."
        stated = (published - timedelta(days=rng.randint(0, 1))).date()
        claims.append(
            {
                "id": f"claim:gen{n:09d}:{i * 100}-{i * 100 + 50}",
                "article": aid,
                "speaker": speaker[0],
                "text": text,
                "kind": _KINDS[(n + i) % 4],
                "start": i * 100,
                "end": i * 100 + 50,
                "stated_on": stated,
                "about": subjects,
            }
        )
        for entity_id in (speaker[0], *subjects):
            mentioned[entity_id] = mentioned.get(entity_id, 0) + 1
    article = {
        "id": aid,
        "title": f"Generated report {n}",
        "url": f"https://example.test/gen/{n}",
        "source": "Example Wire",
        "published_at": published,
        "text": "Generated text. " * 10,
        "mentions": [{"id": k, "count": v} for k, v in mentioned.items()],
    }
    return article, claims


_WRITE_ARTICLES = """
UNWIND $rows AS r
CREATE (a:Article {id: r.id, title: r.title, url: r.url, source: r.source,
  published_at: r.published_at, text: r.text, ingested_at: datetime()})
WITH a, r UNWIND r.mentions AS m
MATCH (e:Entity {id: m.id})
CREATE (a)-[:MENTIONS {count: m.count, aliases: [e.name], entity: e.id, published: a.published_at}]->(e)
"""
_WRITE_CLAIMS = """
UNWIND $rows AS r
MATCH (a:Article {id: r.article}), (s:Entity {id: r.speaker})
CREATE (c:Claim {id: r.id, text: r.text, kind: r.kind, verb: 'said', sentence: r.text,
  start: r.start, end: r.end, stated_on: r.stated_on, day: r.stated_on})
CREATE (s)-[:STATED]->(c), (c)-[:REPORTED_IN]->(a)
WITH c, r UNWIND r.about AS x
MATCH (e:Entity {id: x})
CREATE (c)-[:ABOUT {basis: 'text'}]->(e)
"""


def articles_in(driver: neo4j.Driver, database: str) -> int:
    """Generated articles already in the graph."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WHERE a.id STARTS WITH 'article:gen' RETURN count(a) AS n",
        database_=database,
    )
    return int(records[0]["n"])


def grow(
    driver: neo4j.Driver, database: str, n_articles: int, *, skew: Skew = "heavy"
) -> tuple[int, int]:
    """Add generated articles until the graph holds `n_articles` of them; returns (articles
    written now, claims written now)."""
    exponent, speakers, topics = _SKEWS[skew]
    _entities(driver, database, skew)
    people, places = _people(speakers), _topics(topics)
    cum = (_cumulative(exponent, speakers), _cumulative(exponent, topics))
    have = articles_in(driver, database)
    written = claims = 0
    batch = 500
    for offset in range(have, n_articles, batch):
        drawn = [
            _article(n, skew, people, places, cum)
            for n in range(offset, min(offset + batch, n_articles))
        ]
        rows = [c for _, cs in drawn for c in cs]
        with driver.session(database=database) as session:
            session.run(_WRITE_ARTICLES, rows=[a for a, _ in drawn]).consume()
            session.run(_WRITE_CLAIMS, rows=rows).consume()
        written += len(drawn)
        claims += len(rows)
    if written:
        with driver.session(database=database) as session:
            session.run("CALL db.awaitIndexes(600)").consume()
            aggregates.rebuild(session)
            data_version.bump(session)  # written by other means than kgapi's writer
    return written, claims


# --------------------------------------------------------------------- as contract files
def extraction(n: int, skew: Skew, people: list[Any], topics: list[Any], cum: Any) -> dict:
    """Article `n` of the corpus in the extraction contract (`kgapi extract --json`), for
    `kgapi load`: the same draw as `grow` writes (ids, speakers, subjects, kinds, days),
    its text the claims' sentences one after another, every span pointing at its
    statement. Written by the loader, the graph is the loader's own (claim ids from the spans,
    statement keys, counters), not `grow`'s Cypher."""
    article, claims = _article(n, skew, people, topics, cum)
    names = {p[0]: p for p in people} | {t[0]: t for t in topics}
    text = ""
    statements = []
    for claim in claims:
        # The statement is what was said ("ceasefire talks aid (12-3)."), its sentence
        # names the speaker: as an extraction has them. (A statement text beginning with
        # its speaker's name shares that 3-gram with every report of the speaker: the
        # merge's key lookup then returns all of them, and the load slows as the speaker's
        # claims grow: docs/benchmarks.md, "kgapi load of 100,000 articles".)
        speaker = names[claim["speaker"]][1]
        said = claim["text"].removeprefix(f"{speaker} spoke of ")
        sentence = f"{speaker} spoke of {said}"
        start = len(text) + len(sentence) - len(said)
        text += sentence + " "
        statements.append(
            {
                "id": f"s{len(statements)}",
                "speaker": speaker,
                "speaker_id": claim["speaker"],
                "speaker_kind": "person",
                "kind": claim["kind"],
                "verb": "said",
                "text": said,
                "sentence": sentence,
                "span": [start, start + len(said)],
                "about": [names[x][1] for x in claim["about"]],
                "about_ids": claim["about"],
                "date": claim["stated_on"].isoformat(),
                "date_precision": "day",
                "date_basis": "published",
            }
        )
    entities = [
        {
            "id": m["id"],
            "type": "person" if m["id"].startswith("person:") else "location",
            "name": names[m["id"]][1],
            "aliases": names[m["id"]][2],
            "mentions": m["count"],
        }
        for m in article["mentions"]
    ]
    meta = {k: article[k] for k in ("id", "title", "url", "source")} | {
        "published_at": article["published_at"].isoformat(),
        "text": text.rstrip(),
    }
    return {"article": meta, "entities": entities, "statements": statements}


def write_shards(
    directory: Path, n_articles: int, *, skew: Skew = "heavy", shard_size: int = 1000
) -> list[Path]:
    """Articles 0..n_articles-1 as JSON Lines shards of `shard_size` contract objects in
    `directory` (`kgapi load DIR` reads them in name order). Shards already there are kept:
    a larger corpus extends a smaller one's files."""
    exponent, speakers, topics = _SKEWS[skew]
    people, places = _people(speakers), _topics(topics)
    cum = (_cumulative(exponent, speakers), _cumulative(exponent, topics))
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for offset in range(0, n_articles, shard_size):
        path = directory / f"gen-{skew}-{offset:09d}.jsonl"
        paths.append(path)
        if path.exists():
            continue
        end = min(offset + shard_size, n_articles)
        lines = [json.dumps(extraction(n, skew, people, places, cum)) for n in range(offset, end)]
        partial = path.with_suffix(".part")
        partial.write_text("\n".join(lines) + "\n")
        partial.rename(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Write the generated corpus as extraction-contract JSON Lines shards, "
        "for `kgapi load DIR`."
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--skew", choices=["heavy", "realistic"], default="heavy")
    parser.add_argument("--shard-size", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    paths = write_shards(args.directory, args.articles, skew=args.skew, shard_size=args.shard_size)
    print(f"{len(paths)} shards in {args.directory} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
