import type { ClientRegistry } from '../clients';
import { RateLimiter, rateLimited } from '../rate-limit';
import type { GatewayPlugin } from '../runtime';

// Requests per minute per client system, from the matrix (per kind). The public and requests whose
// token was refused are counted per remote address, so guessing tokens costs the guesser's own budget.
export function useRateLimit(registry: ClientRegistry, limiter = new RateLimiter()): GatewayPlugin {
  return {
    name: 'rate-limit',
    async onRequest(state) {
      const { caller } = state.context;
      const address = state.req.socket.remoteAddress ?? 'unknown';
      const key = state.error ? `refused:${address}` : (caller.clientId ?? `public:${address}`);
      const perMinute = caller.clientId ? registry.clients.get(caller.clientId)!.requestsPerMinute : registry.publicRequestsPerMinute;
      const wait = await limiter.take(key, perMinute);
      if (wait > 0) throw rateLimited(wait, perMinute);
    },
  };
}
