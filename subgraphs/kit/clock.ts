// "Today" for every date rule (expiry, query period, deadlines). CREDIT_TODAY pins it for drills
// and tests; it is ignored in production.
export function today(): string {
  const pinned = process.env.CREDIT_TODAY;
  if (pinned && process.env.NODE_ENV !== 'production') return pinned;
  return new Date().toISOString().slice(0, 10);
}
