import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { log } from '../../subgraphs/kit/protocol/log';
import { storeFromEnv, type SharedStore } from '../../subgraphs/kit/protocol/shared-store';
import type { ClientRegistry } from '../clients';
import type { GatewayPlugin } from '../runtime';

// Requests per minute per client system (the public, and requests whose token is refused: per remote
// address), as a token bucket that refills continuously. Limits come from gateway/authorization.yaml,
// per client kind. The buckets live in the shared store, so all gateway replicas count against one
// budget when REDIS_URL is set; without it each replica counts for itself.
export class RateLimiter {
  private storeDown = false;

  constructor(private readonly store: SharedStore = storeFromEnv()) {}

  /** Takes one request from `key`'s allowance of `perMinute`; resolves to the seconds to wait when none is left. */
  async take(key: string, perMinute: number): Promise<number> {
    try {
      const wait = await this.store.takeToken(key, perMinute);
      if (this.storeDown) log.warn('rate-limit store is back; requests are counted again');
      this.storeDown = false;
      return wait;
    } catch (e) {
      // Limits protect the platform; an unreachable store must not refuse every caller, so it admits and says so (once).
      if (!this.storeDown) log.error({ err: (e as Error).message }, 'rate-limit store unavailable; requests admitted uncounted');
      this.storeDown = true;
      return 0;
    }
  }
}

export function rateLimited(retryAfterSeconds: number, perMinute: number): GraphQLError {
  return new GraphQLError(`rate limit of ${perMinute} requests per minute reached; retry after ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

export function useRateLimit(registry: ClientRegistry, limiter = new RateLimiter()): GatewayPlugin {
  return {
    name: 'rate-limit',
    seesRefusedRequests: true,
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
