// "Today" for every date rule (expiry, query period, deadlines), as a date in the platform's time zone
// (CREDIT_TZ, default Asia/Shanghai): a decision taken on a Monday morning in Shanghai is dated Monday,
// not the UTC Sunday. CREDIT_TODAY pins the day for drills and tests; it is ignored in production.
const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: process.env.CREDIT_TZ ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function today(): string {
  const pinned = process.env.CREDIT_TODAY;
  if (pinned && process.env.NODE_ENV !== 'production') return pinned;
  return formatter.format(new Date());
}
