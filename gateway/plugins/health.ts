import { sendJson } from '../../subgraphs/kit/protocol/http';
import { SUBGRAPHS } from '../../subgraphs/kit/protocol/topology';
import type { GatewayPlugin } from '../runtime';

// GET /health: the process answers. GET /ready: every subgraph answers its own /ready, and the gateway
// is not stopping — readiness turns 503 first on SIGTERM, so the load balancer stops sending work
// while in-flight requests drain.
export function useHealth(urlOf: (name: string) => string): GatewayPlugin {
  let draining = false;
  return {
    name: 'health',
    onDrain: () => {
      draining = true;
    },
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'up' }),
      '/ready': async (_req, res) => {
        if (draining) return sendJson(res, 503, { status: 'draining' });
        const checks = await Promise.all(
          SUBGRAPHS.map(async ({ name }) => {
            try {
              const r = await fetch(urlOf(name).replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2000) });
              return [name, r.ok ? 'ready' : `HTTP ${r.status}`] as const;
            } catch (e) {
              return [name, (e as Error).message] as const;
            }
          }),
        );
        const ok = checks.every(([, s]) => s === 'ready');
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
      },
    },
  };
}
