"""Free-text search across entities (names and aliases), articles (titles) and claims.

All three go through their full-text indexes (`entity_names`, `article_titles`,
`claim_text`) with the user's words escaped and quoted (`lucene.all_words`: every word
must match, a word may also be a prefix), best score first. Article titles match by
words, not as substrings ("rain" finds "Rain delays the final", not "Ukraine"): a
deliberate choice (schema/README.md), since a substring test reads every title and its
cost grew with the corpus. Each index returns only its best `first` hits (the `limit`
option: Lucene keeps the top hits itself, so the cost does not grow with the number of
matches); among hits of equal score, which ones make the cut is the index's order, and
they are listed by id.
"""

from __future__ import annotations

from kgapi.graph.read_queries import fragments, lucene
from kgapi.graph.read_queries.pagination import DEFAULT_MAX_PAGE_SIZE, page_size
from kgapi.graph.read_queries.results import SearchResults
from kgapi.graph.reader import GraphReader

_SEARCH = f"""
CALL () {{
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {{limit: $first}})
  YIELD node, score
  WITH node AS e, score ORDER BY score DESC, e.id LIMIT $first
  RETURN collect({{entity: {fragments.entity_ref("e")}, score: score}}) AS entities
}}
CALL () {{
  CALL db.index.fulltext.queryNodes('article_titles', $lucene, {{limit: $first}})
  YIELD node, score
  WITH node AS a, score ORDER BY score DESC, a.id LIMIT $first
  RETURN collect({{article: {fragments.article_ref("a")}}}) AS articles
}}
CALL () {{
  CALL db.index.fulltext.queryNodes('claim_text', $lucene, {{limit: $first}})
  YIELD node, score
  WITH node AS c, score ORDER BY score DESC, c.id LIMIT $first
  OPTIONAL MATCH (s:Actor)-[:STATED]->(c)
  OPTIONAL MATCH (c)-[lead:REPORTED_IN]->(a:Article) WHERE coalesce(lead.primary, true)
  WITH c, score, head(collect(s)) AS s, head(collect(a)) AS a ORDER BY score DESC, c.id
  RETURN collect({{claim: {fragments.claim("c", "s", "a")}, score: score}}) AS claims
}}
RETURN entities, articles, claims
"""


async def search(
    reader: GraphReader,
    q: str,
    *,
    first: int | None = None,
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE,
) -> SearchResults:
    """The best `first` entities, articles and claims for `q`, in one round trip.

    Text with nothing searchable (only punctuation) finds nothing; never an error.
    """
    size = page_size(first, max_page_size)
    query = lucene.all_words(q, prefix=True)
    if query is None:
        return SearchResults()
    params = {"lucene": query, "first": size}
    rows = await reader.read(_SEARCH, params, name="search")
    return SearchResults.model_validate(rows[0])
