// Every GraphQL operation the explorer sends, in one place: the explorer uses only kgapi's
// public GraphQL API (POST /graphql, and subscriptions over a WebSocket on /graphql), so a
// dashboard can copy any of these as they are. Variables are named as the API names them.
(function () {
  'use strict';

  // The fields of a claim the statement list shows (the subscription sends the same).
  var CLAIM_FIELDS = [
    'id text kind verb sentence statedOn',
    'speaker { id name }',
    'about { id name }',
    'article { id title source url publishedAt }',
  ].join('\n      ');

  window.KGAPI_QUERIES = {
    // Type-ahead: the best entity matches of what was typed.
    SEARCH: [
      'query ExplorerSearch($q: String!) {',
      '  search(q: $q, first: 8) {',
      '    entities { score entity { __typename id name ... on Actor { kind } } }',
      '  }',
      '}',
    ].join('\n'),

    // The neighbourhood of an entity: who talks about it, whom it talks about, who is
    // mentioned with it. Nodes are sized by their claims in it (TALKS_ABOUT weights).
    NETWORK: [
      'query ExplorerNetwork($entity: String!, $depth: Int!, $limit: Int!) {',
      '  network(entity: $entity, depth: $depth, limit: $limit) {',
      '    nodes { id label type kind weight }',
      '    edges { source target type weight }',
      '  }',
      '}',
    ].join('\n'),

    // The statement list: the selection's claims, newest first, a page at a time.
    CLAIMS: [
      'query ExplorerClaims($speaker: String, $about: String, $from: Date, $to: Date,',
      '                     $first: Int, $after: String) {',
      '  claims(speaker: $speaker, about: $about, from: $from, to: $to,',
      '         orderBy: NEWEST, first: $first, after: $after) {',
      '    totalCount',
      '    pageInfo { hasNextPage endCursor }',
      '    edges { node {',
      '      ' + CLAIM_FIELDS,
      '    } }',
      '  }',
      '}',
    ].join('\n'),

    // The timeline's data: the dates of the selection's claims, bucketed per day or week
    // in the browser (claims without a date are counted apart). Also draws the network for
    // a period (speaker -> subject edges of the period's claims).
    // To switch to server-side counts once `claimCounts(by: DATE)` takes speaker/about:
    // claimCounts(by: DATE, speaker: $speaker, about: $about, bucket: DAY) { date count }.
    CLAIM_DATES: [
      'query ExplorerClaimDates($speaker: String, $about: String, $from: Date, $to: Date,',
      '                         $first: Int, $after: String) {',
      '  claims(speaker: $speaker, about: $about, from: $from, to: $to,',
      '         orderBy: NEWEST, first: $first, after: $after) {',
      '    totalCount',
      '    pageInfo { hasNextPage endCursor }',
      '    edges { node {',
      '      id statedOn article { publishedAt }',
      '      speaker { id name kind }',
      '      about { __typename id name ... on Actor { kind } }',
      '    } }',
      '  }',
      '}',
    ].join('\n'),

    // One claim by its id: the query the "GraphiQL" link of each statement opens.
    CLAIM: [
      'query Claim($id: ID!) {',
      '  node(id: $id) {',
      '    ... on Claim {',
      '      ' + CLAIM_FIELDS,
      '    }',
      '  }',
      '}',
    ].join('\n'),

    // Live: each claim of the selection written from now on (graphql-transport-ws).
    CLAIM_ADDED: [
      'subscription ExplorerClaimAdded($speaker: String, $about: String) {',
      '  claimAdded(speaker: $speaker, about: $about) {',
      '    ' + CLAIM_FIELDS,
      '  }',
      '}',
    ].join('\n'),
  };

  // The Cypher that fetches one claim, for analysts who continue in the Neo4j Browser.
  window.KGAPI_CLAIM_CYPHER = function (claimId) {
    var literal = "'" + String(claimId).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
    return [
      'MATCH (s)-[:STATED]->(c:Claim {id: ' + literal + '})-[:REPORTED_IN]->(a:Article)',
      'OPTIONAL MATCH (c)-[:ABOUT]->(x:Entity)',
      'RETURN s.name AS speaker, c.kind AS kind, c.text AS statement, c.sentence AS sentence,',
      '       a.title AS article, a.source AS source, a.published_at AS published,',
      '       collect(x.name) AS about',
    ].join('\n');
  };
})();
