"""Entities: lists per label (search, kind filter, sorting, keyset pages) and details.

Labels cannot be Cypher parameters, so each label's statement is built from the fixed
allow-list `EntityLabel`; a label from anywhere else is refused before any Cypher is made.
"""

from __future__ import annotations

from typing import Unpack

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.pagination import (
    DEFAULT_MAX_PAGE_SIZE,
    NodeList,
    PageArgs,
    SortKey,
    member,
    order,
    page_size,
    read_page,
)
from kgapi.graph.read_queries.results import EntityDetail, EntitySummary, Page, detail_of
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import ActorKind, EntityLabel, EntityOrder

# The sort key `k` per order (then the entity id): its Cypher and its keyset.
_KEY: dict[EntityOrder, tuple[str, SortKey]] = {
    EntityOrder.NAME: ("toLower(e.name)", SortKey(("k", "e.id"), (str, str))),
    EntityOrder.MENTIONS: (
        "reduce(t = 0, n IN COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) "
        "RETURN coalesce(m.count, 1) } | t + n)",
        SortKey(("k", "e.id"), (int, str), descending=True),
    ),
    EntityOrder.CLAIMS: (
        "COUNT { (e)-[:STATED]->(:Claim) }",
        SortKey(("k", "e.id"), (int, str), descending=True),
    ),
}

_FILTER = """
WHERE ($q IS NULL OR toLower(e.name) CONTAINS $q
       OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) CONTAINS $q))
  AND ($kind IS NULL OR e.kind = $kind)
"""


#: The list of each label (the label is part of the statement: it cannot be a parameter).
_LISTS = {
    label: NodeList(
        "list_entities", f"MATCH (e:{label}) {_FILTER}", "e", fragments.entity_summary("e"), _KEY
    )
    for label in EntityLabel
}


def _label(label: str) -> EntityLabel:
    return member(EntityLabel, label, "label", "entity label")


async def list_entities(
    reader: GraphReader,
    *,
    label: EntityLabel,
    q: str | None = None,
    kind: str | None = None,
    order_by: EntityOrder = EntityOrder.NAME,
    **page_args: Unpack[PageArgs],
) -> Page[EntitySummary]:
    """Entities of one label, one page, with the total of the filtered set.

    `q` matches a case-insensitive substring of the name or any alias; `kind` (actors:
    person, group, anonymous) filters by kind. Raises `QueryInputError` on invalid input.
    """
    cypher_label = _label(label)
    order_by = order(EntityOrder, order_by)
    if kind is not None:
        kind = member(ActorKind, kind, "kind", "actor kind")
    needle = q.strip().lower() if q is not None and q.strip() else None
    filters = ("entities", cypher_label, needle, kind, order_by)
    params = {"q": needle, "kind": kind}
    nodes = _LISTS[cypher_label]
    return await read_page(reader, nodes, EntitySummary, order_by, filters, params, page_args)


def _claims_of(pattern: str, name: str) -> str:
    """First `$first` claims matching `pattern` (binding c from e), newest first, as `name`."""
    return f"""
  MATCH {pattern}
  MATCH (s:Actor)-[:STATED]->(c)
  {fragments.PRIMARY_REPORT}
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
    return detail_of(rows, "entity", EntityDetail)
