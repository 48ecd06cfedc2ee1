"""Entities: lists per label (search, kind filter, sorting, keyset pages) and details.

Labels cannot be Cypher parameters, so each label's statement is built from the fixed
allow-list `LABELS`; a label from anywhere else is refused before any Cypher is made.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.pagination import (
    DEFAULT_MAX_PAGE_SIZE,
    QueryInputError,
    decode_cursor,
    encode_cursor,
    fingerprint,
    page_size,
)
from kgapi.graph.read_queries.results import EntityDetail, EntityLabel, EntitySummary, Page
from kgapi.graph.reader import GraphReader

EntityOrder = Literal["name", "mentions", "claims"]
"""`name` A→Z; `mentions` (summed over articles) and `claims` (stated) most first."""

LABELS: tuple[EntityLabel, ...] = get_args(EntityLabel)
ENTITY_ORDERS: tuple[str, ...] = get_args(EntityOrder)
ACTOR_KINDS = ("person", "group", "anonymous")

# Sort key expression, direction and cursor types per order.
_KEY: dict[str, tuple[str, str, tuple[type, ...]]] = {
    "name": ("toLower(e.name)", "ASC", (str, str)),
    "mentions": (
        "reduce(t = 0, n IN COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) "
        "RETURN coalesce(m.count, 1) } | t + n)",
        "DESC",
        (int, str),
    ),
    "claims": ("COUNT { (e)-[:STATED]->(:Claim) }", "DESC", (int, str)),
}

_FILTER = """
WHERE ($q IS NULL OR toLower(e.name) CONTAINS $q
       OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) CONTAINS $q))
  AND ($kind IS NULL OR e.kind = $kind)
"""


def _label(label: str) -> EntityLabel:
    for allowed in LABELS:
        if label == allowed:
            return allowed
    raise QueryInputError("label", f"unknown entity label {label!r}; one of {', '.join(LABELS)}")


async def list_entities(
    reader: GraphReader,
    *,
    label: EntityLabel,
    q: str | None = None,
    kind: str | None = None,
    order_by: EntityOrder = "name",
    first: int | None = None,
    after: str | None = None,
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE,
) -> Page[EntitySummary]:
    """Entities of one label, one page, with the total of the filtered set.

    `q` matches a case-insensitive substring of the name or any alias; `kind` (actors:
    person, group, anonymous) filters by kind. Raises `QueryInputError` on invalid input.
    """
    cypher_label = _label(label)
    if order_by not in ENTITY_ORDERS:
        raise QueryInputError("order_by", f"order must be one of {', '.join(ENTITY_ORDERS)}")
    if kind is not None and kind not in ACTOR_KINDS:
        raise QueryInputError(
            "kind", f"unknown actor kind {kind!r}; one of {', '.join(ACTOR_KINDS)}"
        )
    size = page_size(first, max_page_size)
    needle = q.strip().lower() if q is not None and q.strip() else None
    fp = fingerprint("entities", cypher_label, needle, kind, order_by)
    key_expr, direction, types = _KEY[order_by]
    key = decode_cursor(after, fp, types) if after else None
    params: dict[str, Any] = {"q": needle, "kind": kind, "limit": size + 1}
    keyset = ""
    if key is not None:
        op = ">" if direction == "ASC" else "<"
        keyset = f"WHERE k {op} $k0 OR (k = $k0 AND e.id > $k1)"
        params |= {"k0": key[0], "k1": key[1]}
    query = f"""
CALL () {{ MATCH (e:{cypher_label}) {_FILTER} RETURN count(e) AS total }}
CALL () {{
  MATCH (e:{cypher_label}) {_FILTER}
  WITH e, {key_expr} AS k
  {keyset}
  WITH e, k ORDER BY k {direction}, e.id LIMIT $limit
  RETURN collect({{entity: {fragments.entity_summary("e")}, key: [k, e.id]}}) AS rows
}}
RETURN total, rows
"""
    result = await reader.read(query, params, name="list_entities")
    rows: list[dict[str, Any]] = result[0]["rows"]
    items = [EntitySummary.model_validate(row["entity"]) for row in rows[:size]]
    next_cursor = encode_cursor(rows[size - 1]["key"], fp) if len(rows) > size else None
    return Page[EntitySummary](items=items, total=result[0]["total"], next_cursor=next_cursor)


def _claims_of(pattern: str, name: str) -> str:
    """First `$first` claims matching `pattern` (binding c from e), newest first, as `name`."""
    return f"""
  MATCH {pattern}
  MATCH (s:Actor)-[:STATED]->(c)
  MATCH (c)-[:REPORTED_IN]->(a:Article)
  WITH s, c, a, {fragments.CLAIM_DATE} AS d ORDER BY d DESC, a.id, c.start, c.id LIMIT $first
  RETURN collect({fragments.claim("c", "s", "a")}) AS {name}
"""


_DETAIL = f"""
CALL (e) {{ {_claims_of("(e)-[:STATED]->(c:Claim)", "claims")} }}
CALL (e) {{ {_claims_of("(e)<-[:ABOUT]-(c:Claim)", "claims_about")} }}
CALL (e) {{
  MATCH (a:Article)-[m:MENTIONS]->(e)
  WITH a, m ORDER BY a.published_at DESC, a.id LIMIT $first
  RETURN collect({{article: {fragments.article_ref("a")}, count: coalesce(m.count, 1)}}) AS mentions
}}
CALL (e) {{
  MATCH (e)-[r:AFFILIATED_WITH]->(o:Organization)
  WITH o, r ORDER BY o.name, o.id
  RETURN collect({{entity: {fragments.entity_ref("o")}, role: r.role}}) AS affiliations
}}
CALL (e) {{
  MATCH (p:Actor)-[r:AFFILIATED_WITH]->(e)
  WITH p, r ORDER BY p.name, p.id
  RETURN collect({{entity: {fragments.entity_ref("p")}, role: r.role}}) AS members
}}
RETURN {fragments.entity_summary("e")} AS entity, claims, claims_about,
       mentions, affiliations, members
"""


async def get_entity(
    reader: GraphReader,
    entity_id: str,
    *,
    label: EntityLabel | None = None,
    first: int | None = None,
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE,
) -> EntityDetail | None:
    """One entity with its first `first` claims (stated, and about it), newest first, the
    articles mentioning it, its affiliations (actors) and members (organizations).

    With `label`, an entity of another label counts as unknown. None if unknown.
    """
    cypher_label = _label(label) if label is not None else "Entity"
    size = page_size(first, max_page_size)
    query = f"MATCH (e:{cypher_label} {{id: $id}})\n" + _DETAIL
    rows = await reader.read(query, {"id": entity_id, "first": size}, name="get_entity")
    if not rows:
        return None
    row = rows[0]
    return EntityDetail.model_validate(
        {
            **row["entity"],
            "claims": row["claims"],
            "claims_about": row["claims_about"],
            "mentions": row["mentions"],
            "affiliations": row["affiliations"],
            "members": row["members"],
        }
    )
