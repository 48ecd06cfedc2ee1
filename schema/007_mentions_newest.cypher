// An entity's articles newest first, without reading them all (kgapi/graph/mention_keys.py):
// every (:Article)-[:MENTIONS]->(:Entity) edge carries its entity's id (`entity`) and its
// article's publication time (`published`; 0001-01-01T00:00Z for an undated article, so
// undated articles sort as the oldest and every edge is in the index). The network counts
// co-mentions over an entity's newest articles by an ordered, LIMITed seek of this index.
// The writer sets both on every MENTIONS edge it creates; edges written before them get
// them once from `kgapi schema apply` (after these statements; recorded as
// KgapiSchema.mention_keys).
// Names are part of the contract with the API: keep them stable (see schema/README.md).
CREATE INDEX mentions_newest IF NOT EXISTS
FOR ()-[m:MENTIONS]-() ON (m.entity, m.published);
