import { RateLimiter } from '../../../gateway/plugins/rate-limit';
import { MemoryStore, type SharedStore } from '../../../subgraphs/kit/protocol/shared-store';

test('a client gets its allowance per minute, refilled continuously; others are counted apart', async () => {
  let now = 0;
  const limiter = new RateLimiter(new MemoryStore(() => now));
  for (let i = 0; i < 3; i++) expect(await limiter.take('a', 3)).toBe(0);
  expect(await limiter.take('a', 3)).toBe(20); // one request comes back every 20 s
  expect(await limiter.take('b', 3)).toBe(0);
  now = 20_000;
  expect(await limiter.take('a', 3)).toBe(0);
  expect(await limiter.take('a', 3)).toBeGreaterThan(0);
});

test('an unreachable store admits the request instead of refusing every caller', async () => {
  const broken: SharedStore = { takeToken: () => Promise.reject(new Error('connection refused')), useOnce: () => Promise.resolve(true), close: async () => {} };
  expect(await new RateLimiter(broken).take('a', 1)).toBe(0);
});
