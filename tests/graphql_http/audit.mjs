// Runs every server audit of the `graphql-http` npm package (the reference checks of the
// GraphQL-over-HTTP spec) against a GraphQL endpoint and prints a JSON summary on stdout.
//
//   node tests/graphql_http/audit.mjs http://127.0.0.1:8000/graphql
//
// graphql-http is a devDependency in the repository's package.json: `npm ci` installs it.
// Exit code: 0 when every audit passes, 1 when any fails, 2 on usage or install errors.

const url = process.argv[2];
if (!url) {
  console.error('usage: node tests/graphql_http/audit.mjs <graphql endpoint url>');
  process.exit(2);
}

let serverAudits;
try {
  ({ serverAudits } = await import('graphql-http'));
} catch (error) {
  console.error(`graphql-http is not installed (${error.code}): run \`npm ci\` in the repository root`);
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    // Fatal: the server is unreachable or answered something no audit could read.
    console.log(JSON.stringify({ url, fatal: `${audit.id} ${audit.name}: ${error.cause ?? error}` }));
    process.exit(2);
  }
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    entry.reason = result.reason;
    const response = result.response;
    entry.response = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.text()).slice(0, 500),
    };
  }
  results.push(entry);
}

const level = (name) => name.split(' ', 1)[0];
const summary = {};
for (const { name, status } of results) {
  const counts = (summary[level(name)] ??= { total: 0, ok: 0 });
  counts.total += 1;
  if (status === 'ok') counts.ok += 1;
}
const failures = results.filter((r) => r.status !== 'ok');
console.log(JSON.stringify({ url, summary, failures, results }, null, 2));
process.exit(failures.length ? 1 : 0);
