import { RateLimiter } from '../../gateway/plugins/rate-limit';
import { MemoryStore, RedisStore, storeFromEnv, type SharedStore } from '../../subgraphs/kit/protocol/shared-store';
import { TEST_REDIS_URL, testRedis, unreachableStore, type TestRedis } from '../support/redis';

// The store both implementations keep to, on the real Redis: a token bucket (the gateway's limits)
// and a use-once set (the subgraphs' identity ids), shared by replicas when in Redis.
let redis: TestRedis;
beforeAll(() => {
  redis = testRedis();
});
afterAll(() => redis.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const implementations: [string, () => SharedStore][] = [
  ['memory', () => new MemoryStore()],
  ['redis', () => redis.replica()],
];

describe.each(implementations)('%s store', (_name, makeStore) => {
  test('a bucket admits perMinute requests, then names the wait; keys are counted apart', async () => {
    const store = makeStore();
    const key = `bucket-${_name}`;
    for (let i = 0; i < 3; i++) expect(await store.takeToken(key, 3)).toBe(0);
    expect(await store.takeToken(key, 3)).toBe(20); // one request comes back every 20 s
    expect(await store.takeToken(`${key}-other`, 3)).toBe(0);
  });

  test('the bucket refills continuously', async () => {
    const store = makeStore();
    const key = `refill-${_name}`;
    for (let i = 0; i < 60; i++) expect(await store.takeToken(key, 60)).toBe(0);
    expect(await store.takeToken(key, 60)).toBe(1);
    await sleep(1100); // 60 per minute: one token a second
    expect(await store.takeToken(key, 60)).toBe(0);
    expect(await store.takeToken(key, 60)).toBe(1);
  });

  test('concurrent takes never admit more than the allowance', async () => {
    const store = makeStore();
    const waits = await Promise.all(Array.from({ length: 50 }, () => store.takeToken(`burst-${_name}`, 20)));
    expect(waits.filter((w) => w === 0)).toHaveLength(20);
  });

  test('an id is used once until its time to live is over', async () => {
    const store = makeStore();
    const id = `nonce-${_name}`;
    expect(await store.useOnce(id, 1)).toBe(true);
    expect(await store.useOnce(id, 1)).toBe(false);
    expect(await store.useOnce(`${id}-other`, 1)).toBe(true);
    await sleep(1100);
    expect(await store.useOnce(id, 1)).toBe(true);
  });
});

describe('replicas on one Redis', () => {
  test('two gateway replicas share one budget per client', async () => {
    const [a, b] = [new RateLimiter(redis.replica()), new RateLimiter(redis.replica())];
    const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('demo-department', 30)));
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
    expect(await a.take('demo-department', 30)).toBeGreaterThan(0);
    expect(await b.take('demo-department', 30)).toBeGreaterThan(0);
  });

  test('an id used on one replica is refused on the other', async () => {
    const [a, b] = [redis.replica(), redis.replica()];
    expect(await a.useOnce('identity:shared', 30)).toBe(true);
    expect(await b.useOnce('identity:shared', 30)).toBe(false);
    expect(await a.useOnce('identity:shared', 30)).toBe(false);
  });

  test('every key it writes expires: a bucket after a minute idle, an id after its time to live', async () => {
    const store = redis.replica();
    await store.takeToken('expiry', 10);
    await store.useOnce('identity:expiry', 35);
    const keys = await redis.keys();
    expect(keys.get(`${redis.prefix}rate:expiry`)).toBeGreaterThan(59_000);
    expect(keys.get(`${redis.prefix}rate:expiry`)).toBeLessThanOrEqual(60_000);
    expect(keys.get(`${redis.prefix}once:identity:expiry`)).toBeGreaterThan(34_000);
    for (const [key, ttl] of keys) expect([key, ttl > 0]).toEqual([key, true]);
  });

  test('an unreachable Redis fails the call instead of hanging, and the limiter admits', async () => {
    const away = unreachableStore();
    try {
      await expect(away.store.useOnce('identity:away', 30)).rejects.toThrow();
      expect(await new RateLimiter(away.store).take('demo-department', 30)).toBe(0);
    } finally {
      await away.close();
    }
  });
});

test('REDIS_URL gives every server of a process one Redis store; without it each server keeps its own memory', async () => {
  expect(storeFromEnv({})).toBeInstanceOf(MemoryStore);
  expect(storeFromEnv({})).not.toBe(storeFromEnv({}));
  const store = storeFromEnv({ REDIS_URL: TEST_REDIS_URL });
  try {
    expect(store).toBeInstanceOf(RedisStore);
    expect(storeFromEnv({ REDIS_URL: TEST_REDIS_URL })).toBe(store);
  } finally {
    await store.close();
  }
});
