import { RateLimiter } from '../../../gateway/rate-limit';

test('a client gets its allowance per minute, refilled continuously; others are counted apart', () => {
  let now = 0;
  const limiter = new RateLimiter(() => now);
  for (let i = 0; i < 3; i++) expect(limiter.take('a', 3)).toBe(0);
  expect(limiter.take('a', 3)).toBe(20); // one request comes back every 20 s
  expect(limiter.take('b', 3)).toBe(0);
  now = 20_000;
  expect(limiter.take('a', 3)).toBe(0);
  expect(limiter.take('a', 3)).toBeGreaterThan(0);
});
