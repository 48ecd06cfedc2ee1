// Articles by ingestion time: the watermark of the GraphQL subscriptions (claimAdded,
// articleAdded). Each API process polls `ingested_at > <watermark>` once for all its
// subscribers (kgapi/api/change_feed.py); this index makes that poll a range seek that
// reads only the newest articles, however large the graph.
// Names are part of the contract with the API: keep them stable (see schema/README.md).

CREATE INDEX article_ingested_at IF NOT EXISTS
FOR (a:Article) ON (a.ingested_at);
