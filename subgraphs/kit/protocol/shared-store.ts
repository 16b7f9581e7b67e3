import Redis from 'ioredis';
import { log } from './log';

// State that replicas must share (ARCHITECTURE.md "Scale": replicas keep no state between requests):
// the gateway's rate-limit buckets and the subgraphs' used identity ids. Redis when REDIS_URL is set;
// otherwise kept in this process's memory (npm start, most tests), which is exact for one replica only.
export interface SharedStore {
  /** Takes one request from `key`'s allowance of `perMinute` (a bucket refilled continuously); 0, or the seconds to wait. */
  takeToken(key: string, perMinute: number): Promise<number>;
  /** True the first time `id` is used within `ttlSeconds`, false on every later use. */
  useOnce(id: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

const MINUTE_MS = 60_000;
const MAX_MEMORY_KEYS = 100_000;

/** One replica's memory; the clock is injectable so tests can move time. */
export class MemoryStore implements SharedStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async takeToken(key: string, perMinute: number): Promise<number> {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (Math.max(0, now - bucket.at) / MINUTE_MS) * perMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    if (this.buckets.size > MAX_MEMORY_KEYS) this.buckets.clear(); // a flood of distinct public addresses must not grow memory without bound
    return Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
  }

  async useOnce(id: string, ttlSeconds: number): Promise<boolean> {
    const now = this.now();
    // Ids are inserted in time order with near-equal TTLs: expired ones collect at the front of the map.
    for (const [old, expiresAt] of this.used) {
      if (expiresAt > now) break;
      this.used.delete(old);
    }
    const expiresAt = this.used.get(id);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.used.delete(id);
    this.used.set(id, now + ttlSeconds * 1000);
    return true;
  }

  async close(): Promise<void> {}
}

// The same bucket as MemoryStore, atomic in Redis and on Redis's clock, so replicas with skewed clocks
// agree (Redis >= 5 replicates a script's effects, so TIME before a write is allowed). A key idle for
// a minute is a full bucket, so it expires then.
const TAKE_TOKEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) / 60000 * cap)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / cap * 60) end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], 60000)
return wait`;

type ScriptedRedis = Redis & { takeToken(key: string, perMinute: number): Promise<number> };

export class RedisStore implements SharedStore {
  private readonly redis: ScriptedRedis;

  /** `prefix` keeps deployments (and test runs) sharing one Redis apart. */
  constructor(
    url: string,
    readonly prefix = 'credit:',
  ) {
    // Fail fast when Redis is away: callers decide whether that admits (limits) or refuses (identity).
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2000, connectTimeout: 2000 }) as ScriptedRedis;
    this.redis.on('error', (e) => log.warn({ err: e.message }, 'redis connection error'));
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
  }

  takeToken(key: string, perMinute: number): Promise<number> {
    return this.redis.takeToken(`${this.prefix}rate:${key}`, perMinute);
  }

  async useOnce(id: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}once:${id}`, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    // quit() waits for the server; a client that is still (re)connecting is just cut off.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}

let processRedis: RedisStore | undefined;

/**
 * The store for a gateway or subgraph being started: with REDIS_URL one Redis client per process,
 * shared by everything in it; without, a fresh in-memory store for that one server.
 */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): SharedStore {
  if (!env.REDIS_URL) return new MemoryStore();
  processRedis ??= new RedisStore(env.REDIS_URL);
  return processRedis;
}
