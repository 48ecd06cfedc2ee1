// Uniqueness constraints: one per id. Each is backed by a range index, which is also
// what the loader's MERGE and the API's lookups by id use.
// Names are part of the contract with the API: keep them stable (see schema/README.md).

CREATE CONSTRAINT article_id IF NOT EXISTS
FOR (a:Article) REQUIRE a.id IS UNIQUE;

// Every entity, whatever its type: an id can never be both a person and a place.
CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (e:Entity) REQUIRE e.id IS UNIQUE;

// One per entity label as well, so MERGE (n:Actor {id: ...}) finds its node by index.
CREATE CONSTRAINT actor_id IF NOT EXISTS
FOR (e:Actor) REQUIRE e.id IS UNIQUE;

CREATE CONSTRAINT organization_id IF NOT EXISTS
FOR (e:Organization) REQUIRE e.id IS UNIQUE;

CREATE CONSTRAINT location_id IF NOT EXISTS
FOR (e:Location) REQUIRE e.id IS UNIQUE;

CREATE CONSTRAINT claim_id IF NOT EXISTS
FOR (c:Claim) REQUIRE c.id IS UNIQUE;
