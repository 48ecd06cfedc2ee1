// Full-text (Lucene) indexes for search.
// Names are part of the contract with the API: keep them stable (see schema/README.md).
// Query with: CALL db.index.fulltext.queryNodes('entity_names', 'blinken') YIELD node, score
//
// Eventually consistent: a commit hands its updates to a background thread instead of
// updating Lucene itself, which took about 15% of the loader's write time. The loader and
// the API's ingest and delete wait for the refresh (awaitEventuallyConsistentIndexRefresh)
// before they report success, so a search made after a load sees what it wrote. Graphs
// with the older, strongly consistent indexes get them re-created by `kgapi schema apply`.

// Every entity's canonical name and all its aliases (a LIST<STRING>, indexed element-wise).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Actor|Organization|Location) ON EACH [e.name, e.aliases]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};

// What was said: the claim's content and the full sentence around it.
CREATE FULLTEXT INDEX claim_text IF NOT EXISTS
FOR (c:Claim) ON EACH [c.text, c.sentence]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
