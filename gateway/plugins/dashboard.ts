import { join } from 'node:path';
import { staticRoutes } from '../static-files';
import { packageFile } from '../package-file';
import type { GatewayPlugin } from '../runtime';

// GET /dashboard: the industry-association dashboard (000 item 18). A static page: chart.js served from
// node_modules, the page's own script and style from gateway/dashboard/; no CDN, nothing from outside
// (the Content-Security-Policy allows this origin only). It reads associationReport through /graphql
// with the token the association signs in with — the same authorization as any other caller.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const FILES: Record<string, [string, string]> = {
  '/dashboard': [join(__dirname, '..', 'dashboard', 'dashboard.html'), 'text/html'],
  '/dashboard/dashboard.js': [join(__dirname, '..', 'dashboard', 'dashboard.js'), 'text/javascript'],
  '/dashboard/dashboard.css': [join(__dirname, '..', 'dashboard', 'dashboard.css'), 'text/css'],
  '/dashboard/chart.js': [packageFile('chart.js', 'dist/chart.umd.min.js'), 'text/javascript'],
};

const HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };

export function useDashboard(): GatewayPlugin {
  return { name: 'dashboard', routes: staticRoutes(FILES, HEADERS) };
}
