"""The read-query layer: every Cypher query the APIs run, shared by REST and GraphQL.

- `results`    result models (pydantic), REST's response models and GraphQL's sources;
- `pagination` page sizes, opaque keyset cursors, `QueryInputError` and its kinds;
- `lucene`     escaping user text into safe full-text queries;
- `resolve`    typed names ("Blinken", "Ukrainian", "U.S.") or ids → entity ids;
- `claims`     `find_claims` (filters + keyset pages, one round trip), `get_claim(s)`;
- `entities`   `list_entities` per label, `get_entity(ies)` with claims, mentions, ties;
- `articles`   `list_articles`, `get_article(s)` with claims and mentions;
- `search`     `search` across entities, articles and claims.

All functions take a `GraphReader` first and keyword arguments after; bad input raises
`QueryInputError` (a ValueError with `.param`), unknown ids give None.
"""
