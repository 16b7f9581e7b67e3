import { readFileSync } from 'node:fs';
import type { Route } from '../../subgraphs/kit/protocol/http';
import { packageFile } from '../package-file';
import type { GatewayPlugin } from '../runtime';

// GraphiQL served from node_modules: no CDN, nothing loaded from outside (government networks).
const ASSETS: Record<string, [string, string, string]> = {
  '/graphiql/react.js': ['react', 'umd/react.production.min.js', 'text/javascript'],
  '/graphiql/react-dom.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript'],
  '/graphiql/graphiql.js': ['graphiql', 'graphiql.min.js', 'text/javascript'],
  '/graphiql/graphiql.css': ['graphiql', 'graphiql.min.css', 'text/css'],
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>Credit platform gateway · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        // No headers by default, so the schema loads for everyone (the public role); the comment says what to add.
        defaultQuery: '# A department checks a company before approving its application.\\n' +
          '# Headers for non-public fields: { "Authorization": "Bearer <token>", "X-Query-Purpose": "ADMINISTRATIVE_APPROVAL" }\\n' +
          '# A demo token: npm run --silent token -- demo-department\\n' +
          'query Check($uscc: USCC!) {\\n  legalPerson(uscc: $uscc) {\\n    name\\n    listEntries { listType domain status periodEndsOn }\\n' +
          '    applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { description mandatory } suspended }\\n  }\\n}\\n',
        variables: JSON.stringify({ uscc: '91310106265UHPPC1B' }, null, 2),
      }),
    );
  </script>
</body>
</html>`;

/** Read once at start-up, so a missing asset stops the gateway from starting instead of failing a page later. */
export function graphiqlRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const [path, [pkg, file, type]] of Object.entries(ASSETS)) {
    const body = readFileSync(packageFile(pkg, file));
    routes[path] = (_req, res) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
      res.end(body);
    };
  }
  return routes;
}

export const graphiqlPage: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(PAGE);
};

/** GraphiQL at / and for browsers opening /graphql; API requests to /graphql pass on. */
export function useGraphiQL(): GatewayPlugin {
  const wantsPage: Route = (req, res) => {
    if (req.method !== 'GET' || !req.headers.accept?.includes('text/html') || req.url?.includes('query=')) return false;
    return graphiqlPage(req, res);
  };
  return { name: 'graphiql', routes: { '/': graphiqlPage, '/graphql': wantsPage, ...graphiqlRoutes() } };
}
