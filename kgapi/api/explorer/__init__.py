"""The explorer: a page at `/` and `/explore` that draws the graph from the public GraphQL API.

It is a worked example for dashboard authors: plain browser JavaScript, every GraphQL
operation it sends in one file (`static/queries.js`), the libraries (Cytoscape.js,
Chart.js, graphql-ws) from npm, pinned by `package-lock.json` and served by the app itself
(no CDN), like GraphiQL's (`kgapi.api.graphql.ide`). The server side is only this: the
page and its files.
"""
