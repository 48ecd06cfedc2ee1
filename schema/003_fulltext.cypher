// Full-text (Lucene) indexes for search.
// Names are part of the contract with the API: keep them stable (see schema/README.md).
// Query with: CALL db.index.fulltext.queryNodes('entity_names', 'blinken') YIELD node, score

// Every entity's canonical name and all its aliases (a LIST<STRING>, indexed element-wise).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Actor|Organization|Location) ON EACH [e.name, e.aliases];

// What was said: the claim's content and the full sentence around it.
CREATE FULLTEXT INDEX claim_text IF NOT EXISTS
FOR (c:Claim) ON EACH [c.text, c.sentence];
