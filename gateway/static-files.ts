import { readFileSync } from 'node:fs';
import type { Route } from '../subgraphs/kit/protocol/http';

/**
 * Routes for a page's local files (path → [file, content type]), answered to GET and HEAD with the
 * page's own headers, 405 otherwise. Read once at start-up, so a missing file stops the gateway from
 * starting instead of failing a page later.
 */
export function staticRoutes(files: Record<string, [string, string]>, headers: Record<string, string>): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const [path, [file, type]] of Object.entries(files)) {
    const body = readFileSync(file);
    routes[path] = (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
  }
  return routes;
}
