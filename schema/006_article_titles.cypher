// Article titles for search, by words (kgapi/graph/read_queries/search.py). Search used to
// match titles as a case-insensitive substring, which read every article's title; words
// through this index cost the same whatever the corpus. Eventually consistent, as the
// other full-text indexes (003_fulltext.cypher): the loader waits for its refresh.
// Names are part of the contract with the API: keep them stable (see schema/README.md).
CREATE FULLTEXT INDEX article_titles IF NOT EXISTS
FOR (n:Article) ON EACH [n.title]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
