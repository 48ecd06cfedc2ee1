"""Cypher projections shared by the query modules: one definition of each result shape.

Each function returns a constant Cypher expression for a node variable name chosen by the
calling module (never user text); the maps match the models in `results`.
"""

from __future__ import annotations

#: The date a claim sorts and filters by (in scope: claim `c`, its article `a`): its own
#: date, else its article's day; never null, so keyset comparisons always hold.
CLAIM_DATE = "coalesce(c.stated_on, date(a.published_at), date('0001-01-01'))"

#: The entity's type: its one label among the allow-listed entity labels.
_TYPE = "[l IN labels({v}) WHERE l IN ['Actor', 'Organization', 'Location']][0]"


def entity_ref(v: str) -> str:
    """`EntityRef` map of node `v` (null when `v` is null)."""
    return (
        f"CASE WHEN {v} IS NULL THEN null ELSE "
        f"{{id: {v}.id, type: {_TYPE.format(v=v)}, kind: {v}.kind, name: {v}.name}} END"
    )


def article_ref(v: str) -> str:
    """`ArticleRef` map of node `v` (null when `v` is null)."""
    return f"CASE WHEN {v} IS NULL THEN null ELSE {v} {{.id, .title, .url, .source, .published_at}} END"


def claim(c: str, s: str, a: str) -> str:
    """`ClaimResult` map of claim `c` whose speaker `s` and article `a` are already bound;
    its subjects come from a COLLECT subquery (ordered by name, so output is stable).
    """
    return (
        f"{c} {{.id, .text, .kind, .verb, .sentence, .start, .end, .stated_on, "
        f"speaker: {entity_ref(s)}, "
        f"about: COLLECT {{ MATCH ({c})-[:ABOUT]->(x:Entity) "
        f"RETURN {entity_ref('x')} ORDER BY x.name, x.id }}, "
        f"article: {article_ref(a)}}}"
    )


def entity_summary(v: str) -> str:
    """`EntitySummary` map of entity `v`, counts included (a few index-backed COUNTs)."""
    return (
        f"{v} {{.id, .kind, .name, .aliases, .role, "
        f"type: {_TYPE.format(v=v)}, "
        f"mention_count: reduce(t = 0, n IN COLLECT {{ MATCH (:Article)-[m:MENTIONS]->({v}) "
        f"RETURN coalesce(m.count, 1) }} | t + n), "
        f"article_count: COUNT {{ (:Article)-[:MENTIONS]->({v}) }}, "
        f"claim_count: COUNT {{ ({v})-[:STATED]->(:Claim) }}, "
        f"about_count: COUNT {{ (:Claim)-[:ABOUT]->({v}) }}}}"
    )


def article_summary(v: str) -> str:
    """`ArticleSummary` map of article `v`, with its claim and entity counts."""
    return (
        f"{v} {{.id, .title, .url, .source, .author, .published_at, .ingested_at, "
        f"claim_count: COUNT {{ (:Claim)-[:REPORTED_IN]->({v}) }}, "
        f"entity_count: COUNT {{ ({v})-[:MENTIONS]->(:Entity) }}}}"
    )
