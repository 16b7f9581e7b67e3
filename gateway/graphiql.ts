import { readFileSync } from 'node:fs';
import type { Route } from '../subgraphs/kit/http';

// GraphiQL served from node_modules: no CDN, nothing loaded from outside (government networks).
const ASSETS: Record<string, [string, string]> = {
  '/graphiql/react.js': ['react/umd/react.production.min.js', 'text/javascript'],
  '/graphiql/react-dom.js': ['react-dom/umd/react-dom.production.min.js', 'text/javascript'],
  '/graphiql/graphiql.js': ['graphiql/graphiql.min.js', 'text/javascript'],
  '/graphiql/graphiql.css': ['graphiql/graphiql.min.css', 'text/css'],
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
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer <npm run --silent token -- demo-department>', 'X-Query-Purpose': 'DAILY_SUPERVISION' }, null, 2),
        defaultQuery: '# A department checks a company before approving its application.\\n' +
          'query Check($uscc: USCC!) {\\n  legalPerson(uscc: $uscc) {\\n    name\\n    listEntries { listType domain status periodEndsOn }\\n' +
          '    applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { description mandatory } suspended }\\n  }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`;

const cache = new Map<string, Buffer>();

export function graphiqlRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const [path, [file, type]] of Object.entries(ASSETS)) {
    routes[path] = (_req, res) => {
      let body = cache.get(file);
      if (!body) cache.set(file, (body = readFileSync(require.resolve(file))));
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
