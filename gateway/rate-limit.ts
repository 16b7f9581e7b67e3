import { GraphQLError } from 'graphql';
import { ErrorCode } from '../subgraphs/kit/protocol/errors';

// Requests per minute per client system (the public: per remote address), as a token bucket that
// refills continuously. Limits come from gateway/authorization.yaml, per client kind. Each gateway
// replica counts for itself, so a fleet of N replicas admits up to N times the limit.
interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from `key`'s allowance of `perMinute`; returns the seconds to wait when none is left. */
  take(key: string, perMinute: number): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    if (this.buckets.size > 100_000) this.buckets.clear(); // a flood of distinct public addresses must not grow memory without bound
    return Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
  }
}

export function rateLimited(retryAfterSeconds: number, perMinute: number): GraphQLError {
  return new GraphQLError(`rate limit of ${perMinute} requests per minute reached; retry after ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}
