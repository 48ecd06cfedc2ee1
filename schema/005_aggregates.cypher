// Counters the writer keeps in the transaction of each write (kgapi/graph/aggregates.py):
// (:Entity)-[:TALKS_ABOUT {claims}]->(:Entity) and (:Day {date, claims}). The read queries
// count from them instead of walking every claim of a speaker, subject or period.
// Graphs written before them get them built once by `kgapi schema apply` (after these
// statements; recorded as KgapiSchema.aggregates).
// Names are part of the contract with the API: keep them stable (see schema/README.md).

// One day node per date: the writer MERGEs it, concurrent writers included.
CREATE CONSTRAINT day_date IF NOT EXISTS
FOR (d:Day) REQUIRE d.date IS UNIQUE;
