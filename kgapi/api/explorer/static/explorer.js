// The kgapi explorer: search, network (Cytoscape.js), timeline (Chart.js), statements,
// live updates (graphql-ws). Everything comes from the public GraphQL API; the operations
// are in queries.js. The selection lives in the URL (/explore?speaker=Blinken&about=Ukraine),
// so a view can be shared.
(function () {
  'use strict';

  var Q = window.KGAPI_QUERIES;
  var ENDPOINT = '/graphql';
  var PAGE = 20; // statements per page
  var DATES_PAGE = 100; // claims per timeline request (the API's largest page)
  var DATES_MAX = 1000; // claims the timeline reads at most
  var COLOURS = { Actor: '#c2410c', Organization: '#1d4ed8', Location: '#15803d' };
  var UNDATED = 'no date';

  var state = readUrl();
  var cy = null;
  var chart = null;
  var timeline = { days: {}, buckets: [], undated: 0, total: 0, read: 0 };
  var statements = { total: 0, cursor: null, shown: 0 };
  var live = { client: null, dispose: null, received: 0 };
  var generation = 0; // bumps on every selection change: late answers are ignored

  var $ = function (id) { return document.getElementById(id); };

  // ------------------------------------------------------------------ URL and state
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var depth = params.get('depth') === '2' ? 2 : 1;
    return {
      speaker: params.get('speaker') || null,
      about: params.get('about') || null,
      from: validDate(params.get('from')),
      to: validDate(params.get('to')),
      depth: depth,
      bucket: params.get('per') === 'week' ? 'week' : 'day',
    };
  }

  function validDate(value) {
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    if (state.speaker) params.set('speaker', state.speaker);
    if (state.about) params.set('about', state.about);
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    if (state.depth !== 1) params.set('depth', String(state.depth));
    if (state.bucket !== 'day') params.set('per', state.bucket);
    var query = params.toString();
    var url = '/explore' + (query ? '?' + query : '');
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  function select(change, push) {
    Object.keys(change).forEach(function (key) { state[key] = change[key]; });
    writeUrl(push !== false);
    refresh();
  }

  function centre() {
    return state.about || state.speaker;
  }

  // ------------------------------------------------------------------ GraphQL
  function gql(query, variables) {
    return fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    }).then(function (response) {
      return response.json().catch(function () {
        throw new Error('the API answered ' + response.status + ' without a GraphQL body');
      }).then(function (body) {
        if (body.errors && body.errors.length) {
          throw new Error(body.errors.map(function (e) { return e.message; }).join('; '));
        }
        if (!response.ok) throw new Error('the API answered ' + response.status);
        return body.data;
      });
    });
  }

  function showError(what, error) {
    var banner = $('banner');
    banner.textContent = '';
    var text = document.createElement('span');
    text.textContent = 'Could not load the ' + what + ': ' + error.message +
      '. Check that the API is running (kgapi serve), then ';
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'retry';
    retry.addEventListener('click', function () { banner.hidden = true; refresh(); });
    banner.appendChild(text);
    banner.appendChild(retry);
    banner.hidden = false;
  }

  // ------------------------------------------------------------------ search
  var search = { seq: 0, items: [], active: -1, timer: null };

  function setupSearch() {
    var input = $('search');
    var list = $('search-results');
    input.addEventListener('input', function () {
      window.clearTimeout(search.timer);
      var q = input.value.trim();
      if (q.length < 2) { closeResults(); return; }
      search.timer = window.setTimeout(function () { runSearch(q); }, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!search.items.length) return;
        event.preventDefault();
        var step = event.key === 'ArrowDown' ? 1 : -1;
        search.active = (search.active + step + search.items.length) % search.items.length;
        highlightResult();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        var index = search.active >= 0 ? search.active : 0;
        if (search.items[index]) choose(search.items[index]);
      } else if (event.key === 'Escape') {
        closeResults();
      }
    });
    input.addEventListener('blur', function () { window.setTimeout(closeResults, 150); });
    list.addEventListener('mousedown', function (event) { event.preventDefault(); });
    document.addEventListener('keydown', function (event) {
      var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
      if (event.key === '/' && !typing) { event.preventDefault(); input.focus(); }
    });
  }

  function runSearch(q) {
    var seq = ++search.seq;
    gql(Q.SEARCH, { q: q }).then(function (data) {
      if (seq !== search.seq) return;
      search.items = data.search.entities.map(function (hit) { return hit.entity; });
      search.active = search.items.length ? 0 : -1;
      renderResults(q);
    }).catch(function (error) { showError('search results', error); });
  }

  function renderResults(q) {
    var list = $('search-results');
    list.textContent = '';
    if (!search.items.length) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'Nothing matches "' + q + '": try a surname or a country.';
      list.appendChild(none);
    }
    search.items.forEach(function (entity, index) {
      var item = document.createElement('li');
      item.id = 'search-result-' + index;
      item.setAttribute('role', 'option');
      item.dataset.type = entity.__typename;
      var name = document.createElement('span');
      name.textContent = entity.name;
      var type = document.createElement('small');
      type.textContent = typeLabel(entity.__typename, entity.kind);
      item.appendChild(name);
      item.appendChild(type);
      item.addEventListener('click', function () { choose(entity); });
      list.appendChild(item);
    });
    list.hidden = false;
    $('search').setAttribute('aria-expanded', 'true');
    highlightResult();
  }

  function highlightResult() {
    var options = $('search-results').querySelectorAll('[role=option]');
    options.forEach(function (option, index) {
      option.setAttribute('aria-selected', index === search.active ? 'true' : 'false');
    });
    var active = options[search.active];
    $('search').setAttribute('aria-activedescendant', active ? active.id : '');
  }

  function closeResults() {
    $('search-results').hidden = true;
    $('search').setAttribute('aria-expanded', 'false');
  }

  function choose(entity) {
    closeResults();
    $('search').value = '';
    if (entity.__typename === 'Actor') select({ speaker: entity.name, about: null });
    else select({ speaker: null, about: entity.name });
  }

  function typeLabel(type, kind) {
    if (type === 'Actor') return kind || 'person';
    if (type === 'Organization') return 'organization';
    return 'place';
  }

  // ------------------------------------------------------------------ selection UI
  function renderSelection() {
    var chips = $('chips');
    chips.textContent = '';
    if (!state.speaker && !state.about) {
      var hint = document.createElement('p');
      hint.className = 'hint';
      hint.textContent = 'Search a person, organization, place or topic to begin (try Blinken).';
      chips.appendChild(hint);
    }
    [['speaker', 'said by'], ['about', 'about']].forEach(function (pair) {
      var key = pair[0];
      if (!state[key]) return;
      var chip = document.createElement('span');
      chip.className = 'chip';
      chip.dataset.role = key;
      var label = document.createElement('span');
      label.textContent = pair[1] + ' ';
      var name = document.createElement('strong');
      name.textContent = state[key];
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', 'Remove ' + pair[1] + ' ' + state[key]);
      remove.addEventListener('click', function () {
        var change = {};
        change[key] = null;
        select(change);
      });
      chip.appendChild(label);
      chip.appendChild(name);
      chip.appendChild(remove);
      chips.appendChild(chip);
    });
    $('depth').value = String(state.depth);
    $('from').value = state.from || '';
    $('to').value = state.to || '';
    $('bucket').value = state.bucket;
  }

  function setupControls() {
    $('depth').addEventListener('change', function (event) {
      select({ depth: event.target.value === '2' ? 2 : 1 });
    });
    $('from').addEventListener('change', function (event) {
      select({ from: validDate(event.target.value) });
    });
    $('to').addEventListener('change', function (event) {
      select({ to: validDate(event.target.value) });
    });
    $('clear-period').addEventListener('click', function () { select({ from: null, to: null }); });
    $('bucket').addEventListener('change', function (event) {
      state.bucket = event.target.value === 'week' ? 'week' : 'day';
      writeUrl(false);
      drawTimeline();
    });
    $('more').addEventListener('click', function () { loadStatements(generation, true); });
    window.addEventListener('popstate', function () { state = readUrl(); refresh(); });
  }

  // ------------------------------------------------------------------ network
  function loadNetwork(gen) {
    var entity = centre();
    var status = $('network-status');
    if (!entity) {
      drawNetwork({ nodes: [], edges: [] }, null);
      status.textContent = 'The network of the entity you choose appears here.';
      return;
    }
    status.textContent = 'Loading the network of ' + entity + '…';
    var period = state.from || state.to;
    var request = period ? periodNetwork(entity) : gql(Q.NETWORK, {
      entity: entity, depth: state.depth, limit: 50,
    }).then(function (data) { return data.network; });
    request.then(function (network) {
      if (gen !== generation) return;
      if (!network.nodes.length) {
        status.textContent = period
          ? 'No statements by or about ' + entity + ' in this period: widen the period.'
          : 'Nothing in the graph is linked to "' + entity + '": check the spelling, or search.';
      } else {
        status.textContent = 'Around ' + entity + (period ? ' (' + periodText() + ')' : '') +
          ': ' + network.nodes.length + ' nodes. Click a node (or Tab to it below) to re-centre.';
      }
      drawNetwork(network, entity);
    }).catch(function (error) {
      if (gen !== generation) return;
      status.textContent = 'The network could not be loaded.';
      showError('network', error);
    });
  }

  // For a period, the network is drawn from the period's claims by and about the entity:
  // speaker -> subject edges weighted by claims (the `network` query has no dates).
  function periodNetwork(entity) {
    var vars = { from: state.from, to: state.to, first: DATES_PAGE };
    return Promise.all([
      gql(Q.CLAIM_DATES, Object.assign({ speaker: entity }, vars)),
      gql(Q.CLAIM_DATES, Object.assign({ about: entity }, vars)),
    ]).then(function (answers) {
      var nodes = {};
      var edges = {};
      answers.forEach(function (data) {
        data.claims.edges.forEach(function (edge) {
          var claim = edge.node;
          if (!claim.speaker) return;
          nodes[claim.speaker.id] = nodes[claim.speaker.id] || {
            id: claim.speaker.id, label: claim.speaker.name, type: 'Actor',
            kind: claim.speaker.kind, weight: 0,
          };
          claim.about.forEach(function (about) {
            nodes[about.id] = nodes[about.id] || {
              id: about.id, label: about.name, type: about.__typename,
              kind: about.kind || null, weight: 0,
            };
            var key = claim.speaker.id + '>' + about.id;
            edges[key] = edges[key] || {
              source: claim.speaker.id, target: about.id, type: 'TALKS_ABOUT', weight: 0,
              claims: {},
            };
            edges[key].claims[claim.id] = true;
          });
        });
      });
      return {
        nodes: Object.keys(nodes).map(function (id) { return nodes[id]; }),
        edges: Object.keys(edges).map(function (key) {
          var edge = edges[key];
          edge.weight = Object.keys(edge.claims).length;
          delete edge.claims;
          return edge;
        }),
      };
    });
  }

  function drawNetwork(network, entity) {
    var claims = {};
    network.edges.forEach(function (edge) {
      if (edge.type !== 'TALKS_ABOUT') return;
      claims[edge.source] = (claims[edge.source] || 0) + edge.weight;
      claims[edge.target] = (claims[edge.target] || 0) + edge.weight;
    });
    var centreId = centreNodeId(network.nodes, entity);
    var elements = network.nodes.map(function (node) {
      return { group: 'nodes', data: {
        id: node.id, label: node.label, type: node.type, kind: node.kind || '',
        claims: claims[node.id] || 0, centre: node.id === centreId ? 1 : 0,
      } };
    }).concat(network.edges.map(function (edge, index) {
      return { group: 'edges', data: {
        id: 'e' + index, source: edge.source, target: edge.target, type: edge.type,
        weight: edge.weight,
      } };
    }));
    if (cy) cy.destroy();
    cy = window.cytoscape({
      container: $('network'),
      elements: elements,
      minZoom: 0.2,
      maxZoom: 4,
      style: [
        { selector: 'node', style: {
          label: 'data(label)',
          'font-size': 10,
          'min-zoomed-font-size': 7,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          color: '#1f2937',
          'text-outline-color': '#fff',
          'text-outline-width': 2,
          'background-color': function (node) { return COLOURS[node.data('type')] || '#6b7280'; },
          'background-opacity': function (node) {
            var kind = node.data('kind');
            return kind === 'group' || kind === 'anonymous' ? 0.55 : 1;
          },
          width: function (node) { return 12 + 6 * Math.sqrt(node.data('claims')); },
          height: function (node) { return 12 + 6 * Math.sqrt(node.data('claims')); },
        } },
        { selector: 'node[centre = 1]', style: {
          'border-width': 4, 'border-color': '#111827', 'font-weight': 'bold',
        } },
        { selector: 'edge', style: {
          width: function (edge) { return Math.min(1 + edge.data('weight'), 8); },
          'line-color': '#9ca3af',
          'curve-style': 'bezier',
          opacity: 0.8,
        } },
        { selector: 'edge[type = "TALKS_ABOUT"]', style: {
          'line-color': '#f59e0b',
          'target-arrow-color': '#f59e0b',
          'target-arrow-shape': 'triangle',
        } },
        { selector: 'edge[type = "CO_MENTIONED"]', style: { 'line-style': 'dashed' } },
      ],
      layout: {
        name: 'cose', animate: false, randomize: false, padding: 24,
        nodeRepulsion: function () { return 400000; },
        idealEdgeLength: function () { return 90; },
        edgeElasticity: function () { return 80; },
        nodeOverlap: 20, gravity: 60, numIter: 1500,
      },
    });
    cy.on('tap', 'node', function (event) { pickNode(event.target.data()); });
    window.kgapiExplorer.cy = cy;
    renderNodeList(elements.filter(function (e) { return e.group === 'nodes'; }));
  }

  function centreNodeId(nodes, entity) {
    if (!entity) return null;
    var wanted = entity.toLowerCase();
    var exact = nodes.filter(function (n) {
      return n.id === entity || n.label.toLowerCase() === wanted;
    });
    if (exact.length) return exact[0].id;
    var partial = nodes.filter(function (n) {
      return n.label.toLowerCase().split(' ').indexOf(wanted) >= 0;
    });
    return partial.length ? partial[0].id : (nodes[0] ? nodes[0].id : null);
  }

  function renderNodeList(nodes) {
    var list = $('network-nodes');
    list.textContent = '';
    nodes.slice().sort(function (a, b) { return b.data.claims - a.data.claims; })
      .forEach(function (node) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.dataset.nodeId = node.data.id;
        button.textContent = node.data.label + ' · ' + node.data.claims + ' claims';
        button.style.borderLeftColor = COLOURS[node.data.type] || '#6b7280';
        if (node.data.centre) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', function () { pickNode(node.data); });
        item.appendChild(button);
        list.appendChild(item);
      });
  }

  function sameName(label, name) {
    if (!name) return false;
    var a = label.toLowerCase();
    var b = name.toLowerCase();
    return a === b || a.split(' ').slice(-1)[0] === b || b.split(' ').slice(-1)[0] === a;
  }

  // Clicking a node re-centres on it. With a speaker chosen, the list shows what that
  // speaker says about the node; clicking the speaker shows all their statements.
  function pickNode(node) {
    if (node.centre) return;
    if (state.speaker && sameName(node.label, state.speaker)) {
      select({ speaker: node.label, about: null });
    } else if (state.speaker) {
      select({ about: node.label });
    } else if (node.type === 'Actor') {
      select({ speaker: node.label, about: null });
    } else {
      select({ about: node.label });
    }
  }

  // ------------------------------------------------------------------ timeline
  function claimDay(claim) {
    if (claim.statedOn) return claim.statedOn;
    var published = claim.article && claim.article.publishedAt;
    return published ? published.slice(0, 10) : null;
  }

  function loadTimeline(gen) {
    var status = $('timeline-status');
    timeline = { days: {}, buckets: [], undated: 0, total: 0, read: 0 };
    if (!state.speaker && !state.about) {
      status.textContent = 'Statements per day or week of your selection appear here.';
      drawTimeline();
      return;
    }
    status.textContent = 'Loading…';
    var vars = { speaker: state.speaker, about: state.about, first: DATES_PAGE };
    function page(after) {
      return gql(Q.CLAIM_DATES, Object.assign({ after: after }, vars)).then(function (data) {
        if (gen !== generation) return null;
        var claims = data.claims;
        timeline.total = claims.totalCount;
        claims.edges.forEach(function (edge) {
          var day = claimDay(edge.node);
          timeline.read += 1;
          if (day) timeline.days[day] = (timeline.days[day] || 0) + 1;
          else timeline.undated += 1;
        });
        if (claims.pageInfo.hasNextPage && timeline.read < DATES_MAX) {
          return page(claims.pageInfo.endCursor);
        }
        return null;
      });
    }
    page(null).then(function () {
      if (gen !== generation) return;
      drawTimeline();
    }).catch(function (error) {
      if (gen !== generation) return;
      status.textContent = 'The timeline could not be loaded.';
      showError('timeline', error);
    });
  }

  function weekStart(day) {
    var date = new Date(day + 'T00:00:00Z');
    var offset = (date.getUTCDay() + 6) % 7; // Monday
    date.setUTCDate(date.getUTCDate() - offset);
    return date.toISOString().slice(0, 10);
  }

  function addDays(day, n) {
    var date = new Date(day + 'T00:00:00Z');
    date.setUTCDate(date.getUTCDate() + n);
    return date.toISOString().slice(0, 10);
  }

  function buckets() {
    var counts = {};
    Object.keys(timeline.days).forEach(function (day) {
      var key = state.bucket === 'week' ? weekStart(day) : day;
      counts[key] = (counts[key] || 0) + timeline.days[day];
    });
    var keys = Object.keys(counts).sort();
    var step = state.bucket === 'week' ? 7 : 1;
    var filled = [];
    if (keys.length && (Date.parse(keys[keys.length - 1]) - Date.parse(keys[0])) / 864e5 / step <= 400) {
      for (var key = keys[0]; key <= keys[keys.length - 1]; key = addDays(key, step)) filled.push(key);
    } else {
      filled = keys;
    }
    return filled.map(function (key) {
      return { start: key, end: addDays(key, step - 1), count: counts[key] || 0 };
    });
  }

  function inPeriod(bucket) {
    if (!state.from && !state.to) return false;
    return (!state.from || bucket.end >= state.from) && (!state.to || bucket.start <= state.to);
  }

  function drawTimeline() {
    var bars = buckets();
    var status = $('timeline-status');
    timeline.buckets = bars;
    var dated = timeline.read - timeline.undated;
    if (state.speaker || state.about) {
      var parts = [timeline.total + ' statement' + (timeline.total === 1 ? '' : 's')];
      if (timeline.read < timeline.total) parts.push('the first ' + timeline.read + ' read');
      parts.push(dated + ' dated');
      parts.push(timeline.undated + ' without a date (the "' + UNDATED + '" bar)');
      status.textContent = parts.join(', ') + '.' +
        (dated ? ' Click a bar, or drag across bars, to list only that period.' : '');
      if (!timeline.total) status.textContent = 'No statements for this selection.';
    }
    var labels = bars.map(function (b) { return b.start; });
    var data = bars.map(function (b) { return b.count; });
    var colours = bars.map(function (b) { return inPeriod(b) ? '#b45309' : '#f59e0b'; });
    if (timeline.undated) {
      labels.push(UNDATED);
      data.push(timeline.undated);
      colours.push('#9ca3af');
    }
    window.kgapiExplorer.timeline = { labels: labels, counts: data, undated: timeline.undated };
    if (chart) chart.destroy();
    chart = new window.Chart($('timeline'), {
      type: 'bar',
      data: { labels: labels, datasets: [{
        label: 'statements', data: data, backgroundColor: colours,
      }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    window.kgapiExplorer.chart = chart;
  }

  // Brushing: press on a bar, release on another (or the same): that period filters the list.
  function setupBrush() {
    var canvas = $('timeline');
    var start = null;
    function barAt(event) {
      if (!chart) return null;
      var hits = chart.getElementsAtEventForMode(event, 'index', { intersect: false }, false);
      return hits.length ? hits[0].index : null;
    }
    canvas.addEventListener('pointerdown', function (event) { start = barAt(event); });
    canvas.addEventListener('pointerup', function (event) {
      var end = barAt(event);
      if (start === null || end === null) { start = null; return; }
      var lo = Math.min(start, end);
      var hi = Math.max(start, end);
      start = null;
      var bars = timeline.buckets;
      if (lo >= bars.length) {
        $('timeline-status').textContent = 'Undated statements cannot be picked by period; ' +
          'they are in the list when no period is set.';
        return;
      }
      hi = Math.min(hi, bars.length - 1);
      select({ from: bars[lo].start, to: bars[hi].end });
    });
  }

  // ------------------------------------------------------------------ statements
  function periodText() {
    if (state.from && state.to) return state.from + ' to ' + state.to;
    if (state.from) return 'from ' + state.from;
    return 'up to ' + state.to;
  }

  function loadStatements(gen, more) {
    var list = $('statements');
    var status = $('statements-status');
    var moreButton = $('more');
    if (!more) {
      list.textContent = '';
      statements = { total: 0, cursor: null, shown: 0 };
      moreButton.hidden = true;
    }
    if (!state.speaker && !state.about) {
      status.textContent = 'Choose someone or something to see the statements.';
      return;
    }
    status.textContent = 'Loading statements…';
    gql(Q.CLAIMS, {
      speaker: state.speaker, about: state.about, from: state.from, to: state.to,
      first: PAGE, after: more ? statements.cursor : null,
    }).then(function (data) {
      if (gen !== generation) return;
      var claims = data.claims;
      statements.total = claims.totalCount;
      statements.cursor = claims.pageInfo.endCursor;
      claims.edges.forEach(function (edge) { list.appendChild(statementItem(edge.node, false)); });
      statements.shown += claims.edges.length;
      moreButton.hidden = !claims.pageInfo.hasNextPage;
      statusOfStatements();
    }).catch(function (error) {
      if (gen !== generation) return;
      status.textContent = 'The statements could not be loaded.';
      showError('statements', error);
    });
  }

  function statusOfStatements() {
    var status = $('statements-status');
    var who = [];
    if (state.speaker) who.push('by ' + state.speaker);
    if (state.about) who.push('about ' + state.about);
    var period = state.from || state.to ? ', ' + periodText() : '';
    if (!statements.total) {
      status.textContent = 'No statements ' + who.join(' ') + period + '. ' +
        (period ? 'Widen the period (All dates), or remove a filter.' : 'Remove a filter, or search again.');
      return;
    }
    status.textContent = statements.total + ' statement' + (statements.total === 1 ? '' : 's') +
      ' ' + who.join(' ') + period + ', newest first' +
      (live.received ? ' (' + live.received + ' new since you opened this view)' : '') + '.';
  }

  function statementItem(claim, isNew) {
    var item = document.createElement('li');
    item.className = 'statement' + (isNew ? ' new' : '');
    item.dataset.claimId = claim.id;

    var head = document.createElement('div');
    head.className = 'statement-head';
    var speaker = document.createElement('strong');
    speaker.className = 'speaker';
    speaker.textContent = claim.speaker ? claim.speaker.name : 'unknown speaker';
    var kind = document.createElement('span');
    kind.className = 'kind kind-' + claim.kind.toLowerCase();
    kind.textContent = claim.kind.toLowerCase();
    head.appendChild(speaker);
    head.appendChild(kind);
    if (claim.about.length) {
      var about = document.createElement('span');
      about.className = 'about';
      about.textContent = 'about ' + claim.about.map(function (a) { return a.name; }).join(', ');
      head.appendChild(about);
    }
    item.appendChild(head);

    var quote = document.createElement('blockquote');
    quote.className = 'sentence';
    highlight(quote, claim.sentence || claim.text, claim.text);
    item.appendChild(quote);

    var source = document.createElement('p');
    source.className = 'source';
    var article = claim.article || {};
    var title = document.createElement(article.url ? 'a' : 'span');
    title.className = 'article-title';
    title.textContent = article.title || 'untitled article';
    if (article.url) { title.href = article.url; title.rel = 'noopener noreferrer'; }
    source.appendChild(title);
    var meta = document.createElement('span');
    meta.className = 'article-meta';
    var date = claim.statedOn || (article.publishedAt ? article.publishedAt.slice(0, 10) : null);
    meta.textContent = ' · ' + (article.source || 'source unknown') + ' · ' + (date || 'no date');
    source.appendChild(meta);
    item.appendChild(source);

    var tools = document.createElement('div');
    tools.className = 'tools';
    var ide = document.createElement('a');
    ide.className = 'graphiql-link';
    ide.href = ENDPOINT + '#query=' + encodeURIComponent(Q.CLAIM) +
      '&variables=' + encodeURIComponent(JSON.stringify({ id: claim.id }, null, 2));
    ide.textContent = 'Open in GraphiQL';
    tools.appendChild(ide);
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = 'Cypher';
    var cypher = document.createElement('pre');
    cypher.className = 'cypher';
    cypher.textContent = window.KGAPI_CLAIM_CYPHER(claim.id);
    var copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy';
    copy.textContent = 'Copy Cypher';
    copy.addEventListener('click', function () { copyText(cypher.textContent, copy); });
    details.appendChild(summary);
    details.appendChild(cypher);
    tools.appendChild(details);
    tools.appendChild(copy);
    item.appendChild(tools);
    return item;
  }

  // The sentence, with the claim's words (the quote) marked; quotation marks as a fallback.
  function highlight(element, sentence, text) {
    var plain = function (s) { return s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"'); };
    var at = text ? plain(sentence).indexOf(plain(text)) : -1;
    if (at >= 0) {
      element.appendChild(document.createTextNode(sentence.slice(0, at)));
      var mark = document.createElement('mark');
      mark.textContent = sentence.slice(at, at + text.length);
      element.appendChild(mark);
      element.appendChild(document.createTextNode(sentence.slice(at + text.length)));
      return;
    }
    var quoted = /[\u201c"][^\u201c\u201d"]+[\u201d"]/g;
    var last = 0;
    var match;
    while ((match = quoted.exec(sentence)) !== null) {
      element.appendChild(document.createTextNode(sentence.slice(last, match.index)));
      var m = document.createElement('mark');
      m.textContent = match[0];
      element.appendChild(m);
      last = match.index + match[0].length;
    }
    element.appendChild(document.createTextNode(sentence.slice(last)));
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = 'Copied';
      window.setTimeout(function () { button.textContent = 'Copy Cypher'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
    done();
  }

  // ------------------------------------------------------------------ live updates
  function subscribeLive() {
    if (live.dispose) { live.dispose(); live.dispose = null; }
    live.received = 0;
    var indicator = $('live');
    if (!state.speaker && !state.about) { indicator.hidden = true; return; }
    if (!live.client) {
      var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      live.client = window.graphqlWs.createClient({
        url: scheme + '//' + window.location.host + ENDPOINT,
        lazy: true,
        retryAttempts: 5,
      });
    }
    var gen = generation;
    indicator.hidden = false;
    indicator.textContent = 'live';
    indicator.title = 'New statements of this selection appear at the top as they are loaded.';
    live.dispose = live.client.subscribe(
      { query: Q.CLAIM_ADDED, variables: { speaker: state.speaker, about: state.about } },
      {
        next: function (result) {
          if (gen !== generation || !result.data) return;
          var claim = result.data.claimAdded;
          var day = claimDay(claim);
          if ((state.from || state.to) && (!day || (state.from && day < state.from) ||
              (state.to && day > state.to))) return;
          live.received += 1;
          statements.total += 1;
          $('statements').insertBefore(statementItem(claim, true), $('statements').firstChild);
          statusOfStatements();
        },
        error: function () {
          if (gen !== generation) return;
          indicator.textContent = 'not live';
          indicator.title = 'The live connection closed: reload the page to resume.';
        },
        complete: function () {},
      }
    );
  }

  // ------------------------------------------------------------------ main
  function refresh() {
    generation += 1;
    var gen = generation;
    $('banner').hidden = true;
    renderSelection();
    loadNetwork(gen);
    loadTimeline(gen);
    loadStatements(gen, false);
    subscribeLive();
    document.title = 'kgapi · ' + ([state.speaker, state.about].filter(Boolean).join(' about ') || 'explorer');
  }

  window.kgapiExplorer = { state: function () { return state; }, cy: null, chart: null, timeline: null };
  setupSearch();
  setupControls();
  setupBrush();
  refresh();
})();
