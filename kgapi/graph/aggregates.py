"""Counters the writer keeps, so the read queries count without walking the graph.

- `(:Entity)-[:TALKS_ABOUT {claims}]->(:Entity)`: how many claims the speaker made about
  the entity (one per distinct claim, however many articles report it). The headline's
  `totalCount` (a speaker's claims about a subject, without other filters) and the
  network's ties read it instead of walking every claim of the pair.
- `(:Day {date, claims})`: how many claims with a date of statement (`stated_on`) have
  that `day`: counts by day, week, month or year read one node a day instead of every
  dated claim.

Not kept (measured, docs/benchmarks.md "A big corpus"): co-mention counters per pair of
entities. An article mentions ~20 entities, ~190 pairs: counting them in the write made
the loader 2.6 times slower, so the network counts co-mentions over an entity's newest
articles instead (`mention_keys`).

**One place maintains them**, this module: `UNCOUNT_CLAIM` and `COUNT_CLAIM`, run inside
the statements that change or delete a claim (`write_queries.UPDATE_CLAIMS`,
`DELETE_CLAIM_NODES`), and `COUNT_PAIRS`/`COUNT_DAYS` with the sums of `created`, run
right after the claims `CREATE_CLAIMS` created: one increment per speaker and subject,
and per day, for a whole batch of new claims, not one per claim (the per-claim MERGE and
SET were ~15% of a load's Neo4j CPU: docs/benchmarks.md). Every change of a claim and
its counters commits in the same transaction: nothing ever reads a count older than the
last committed load. A claim is counted while it exists, whatever its reports: one more
outlet carrying a statement changes no counter, a claim going with its last report
uncounts it, a merge of claims uncounts the old ones and counts the rebuilt one.

`COUNT_CLAIM` and `created` read the rows, not the graph, which keeps the load's common
statements free of `Eager`; `UNCOUNT_CLAIM` reads the claim's STATED and ABOUT edges
before they change, which adds `Eager` steps to `UPDATE_CLAIMS` and `DELETE_CLAIM_NODES`
(both had some already; they materialise a chunk of rows, not the graph). Measured, the
two counters cost the loader ~6% on the generated corpus (docs/benchmarks.md, "A big
corpus"), 15-22% of its Neo4j CPU on the load bench counted per claim, 5-7% in sums
("One statement, many reports", rounds 7-10).

A counter that falls to zero is deleted (its relationship or day node), so a recount from
scratch (`REBUILD`) gives the same graph as the writer's increments, whatever the order.
Increments are `SET x.claims = x.claims + 1`: Cypher takes the write lock before reading a
property the SET depends on, so concurrent writers lose no update.

Graphs written before the counters existed get them from `COUNTERS` (`built_once.py`), which
`kgapi schema apply` (and the API at start-up) runs once: the version it built is recorded
on the schema node (`KgapiSchema.aggregates`). The generated benchmark corpus
(`bench/corpus.py`) writes claims without the writer and calls `rebuild`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import neo4j

from kgapi.graph.built_once import BuiltOnce

#: Bumped when the counters change shape: a graph recorded with an older version is rebuilt.
VERSION = 1

#: Subtract claim `c`'s contributions (before it is deleted or its subjects or day change).
#: Expects `c` bound; leaves the row count unchanged (unit subqueries).
UNCOUNT_CLAIM = """
CALL (c) {
  MATCH (s:Entity)-[:STATED]->(c)-[:ABOUT]->(x:Entity)
  MATCH (s)-[t:TALKS_ABOUT]->(x)
  SET t.claims = t.claims - 1
  WITH t WHERE t.claims <= 0
  DELETE t
}
CALL (c) {
  WITH c WHERE c.stated_on IS NOT NULL
  MATCH (d:Day {date: c.day})
  SET d.claims = d.claims - 1
  WITH d WHERE d.claims <= 0
  DELETE d
}
"""

#: Add the contributions of the claim written from `row` (a `claim_merge.claim_row`: its
#: `speaker_id`, `about` ids, `stated_on` and `day`), after it is created or its subjects
#: or day changed. Read from the row, not the graph: reading back the STATED and ABOUT
#: edges the same statement creates would make the planner materialise the batch (Eager).
COUNT_CLAIM = """
CALL (row) {
  MATCH (s:Entity {id: row.speaker_id})
  UNWIND row.about AS about
  MATCH (x:Entity {id: about.id})
  MERGE (s)-[t:TALKS_ABOUT]->(x)
  SET t.claims = coalesce(t.claims, 0) + 1
}
CALL (row) {
  WITH row WHERE row.stated_on IS NOT NULL
  MERGE (d:Day {date: date(row.day)})
  SET d.claims = coalesce(d.claims, 0) + 1
}
"""

#: Add `created`'s sums to the counters, after the claims are created: `COUNT_PAIRS` with
#: rows {speaker, subject, n} (n new claims of the speaker about the subject), `COUNT_DAYS`
#: with rows {day, n}.
COUNT_PAIRS = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.speaker}), (x:Entity {id: row.subject})
MERGE (s)-[t:TALKS_ABOUT]->(x)
SET t.claims = coalesce(t.claims, 0) + row.n
"""
COUNT_DAYS = """
UNWIND $rows AS row
MERGE (d:Day {date: date(row.day)})
SET d.claims = coalesce(d.claims, 0) + row.n
"""


def created(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of `COUNT_PAIRS` and `COUNT_DAYS` for claims created from `rows` (`claim_row`s:
    their `speaker_id`, `about` ids, `stated_on` and `day`), summed: what `COUNT_CLAIM`
    adds for each row, in one increment per counter."""
    pairs: Counter[tuple[str, str]] = Counter()
    days: Counter[str] = Counter()
    for row in rows:
        for about in row["about"]:
            pairs[row["speaker_id"], about["id"]] += 1
        if row["stated_on"] is not None:
            days[row["day"]] += 1
    return {
        "pairs": [{"speaker": s, "subject": x, "n": n} for (s, x), n in sorted(pairs.items())],
        "days": [{"day": day, "n": n} for day, n in sorted(days.items())],
    }


#: From scratch: drop every counter, then count the claims as they are. Each statement is
#: a transaction of its own (`IN TRANSACTIONS`), run through an auto-commit session.
REBUILD: tuple[str, ...] = (
    """
    MATCH ()-[t:TALKS_ABOUT]->()
    CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS
    """,
    """
    MATCH (d:Day)
    CALL (d) { DETACH DELETE d } IN TRANSACTIONS OF 10000 ROWS
    """,
    """
    MATCH (s:Entity) WHERE EXISTS { (s)-[:STATED]->() }
    CALL (s) {
      MATCH (s)-[:STATED]->(:Claim)-[:ABOUT]->(x:Entity)
      WITH x, count(*) AS n
      CREATE (s)-[:TALKS_ABOUT {claims: n}]->(x)
    } IN TRANSACTIONS OF 100 ROWS
    """,
    """
    MATCH (c:Claim) WHERE c.day >= date('0001-01-01') AND c.stated_on IS NOT NULL
    WITH c.day AS day, count(*) AS n
    CALL (day, n) { CREATE (:Day {date: day, claims: n}) } IN TRANSACTIONS OF 5000 ROWS
    """,
)

#: Built once on a graph written before the counters (`kgapi schema apply`, the API's
#: start-up): recorded as `KgapiSchema.aggregates`.
COUNTERS = BuiltOnce("aggregates", VERSION, REBUILD)


def rebuild(session: neo4j.Session) -> None:
    """Recount every counter from the claims, and record the version built."""
    COUNTERS.build(session)
