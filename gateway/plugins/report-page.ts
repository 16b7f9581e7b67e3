import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../subgraphs/kit/protocol/http';
import type { GatewayPlugin } from '../runtime';

// The printable credit report (001 Art. 29) at GET /report: a static page whose script signs in with a
// token kept in sessionStorage and POSTs the creditReport query to /graphql. Its assets are local files
// (gateway/report-page/), and its Content-Security-Policy lets the browser load or call nothing else.
const ASSETS: Record<string, [string, string]> = {
  '/report': ['report.html', 'text/html'],
  '/report/report.js': ['report.js', 'text/javascript'],
  '/report/report.css': ['report.css', 'text/css'],
};

const HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // The page holds no data, but never let a shared cache keep a report's shell between people.
  'cache-control': 'no-store',
};

/** Read once at start-up, so a missing file stops the gateway instead of failing a page later. */
export function useReportPage(dir = join(__dirname, '..', 'report-page')): GatewayPlugin {
  const routes: Record<string, Route> = {};
  for (const [path, [file, type]] of Object.entries(ASSETS)) {
    const body = readFileSync(join(dir, file));
    routes[path] = (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
  }
  return { name: 'report-page', routes };
}
