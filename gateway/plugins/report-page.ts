import { join } from 'node:path';
import { staticRoutes } from '../static-files';
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

export function useReportPage(dir = join(__dirname, '..', 'report-page')): GatewayPlugin {
  const files = Object.fromEntries(Object.entries(ASSETS).map(([path, [file, type]]) => [path, [join(dir, file), type] as [string, string]]));
  return { name: 'report-page', routes: staticRoutes(files, HEADERS) };
}
