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
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultEditorToolsVisibility: true,
    })
  );
})();
