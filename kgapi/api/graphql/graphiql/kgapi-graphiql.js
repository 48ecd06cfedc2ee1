// Boots GraphiQL (UMD builds of React 18 and GraphiQL 3, served by kgapi itself) against
// the endpoint named in the page's JSON config, with the headline query preloaded.
// Subscriptions run over a WebSocket on the same endpoint (graphql-transport-ws).
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('kgapi-graphiql-config').textContent);
  var wsScheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({
    url: config.endpoint,
    subscriptionUrl: wsScheme + '//' + window.location.host + config.endpoint,
  });
  // A link may pre-fill the editors: /graphql#query=<query>&variables=<JSON> (the explorer's
  // "Open in GraphiQL"). In the fragment, so the browser never sends it to the server.
  var linked = new URLSearchParams(window.location.hash.slice(1));
  var props = {
    fetcher: fetcher,
    defaultQuery: config.defaultQuery,
    defaultEditorToolsVisibility: true,
  };
  if (linked.get('query')) {
    props.query = linked.get('query');
    props.variables = linked.get('variables') || '';
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, props));
})();
