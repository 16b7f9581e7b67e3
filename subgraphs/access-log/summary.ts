import type { DataSource } from 'typeorm';
import { ACCESS_LOG_TABLE, logTime, retentionStart } from '../kit/protocol/access-log-table';
import { isMysql } from '../kit/server/db';
import { log } from '../kit/protocol/log';
import { addDays, isoDay } from '../kit/calendar/dates';

// Aggregates kept incrementally (issue 12 item 5): a day's entries never change once the day is over
// (`at` is the writer's clock at commit; a margin covers replicas' clock skew), so each closed UTC day is
// summarised once — counts by (subject type, purpose), by client kind and by (org, client kind) — and a
// year's statistics add ≤ 366 days of summaries to a live count of the days not summarised (today, and
// any day the background job has not reached). Live and summarised counts are the same numbers.
// MySQL only: under `npm start` the gateway rewrites the embedded file, and its log is small.

export type Dimension = 'purpose' | 'kind' | 'org';
/** What each dimension groups by, on the access_log table. */
export const DIMENSIONS: Record<Dimension, [string, string]> = { purpose: ['subject_type', 'purpose'], kind: ['client_kind', "''"], org: ['org', 'client_kind'] };
const CLOSED_AFTER_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface Counted { month: string; k1: string; k2: string; n: number }

const dayStart = (day: string) => logTime(new Date(`${day}T00:00:00Z`));
const nextDay = (day: string) => addDays(day, 1);

/** The last UTC day that is over (with the margin), as of `now`. */
export function lastClosedDay(now = Date.now()): string {
  return isoDay(new Date(now - CLOSED_AFTER_MS - DAY_MS));
}

/** The end (`at`, exclusive) of the last closed day as of `now`: what an association's counts reach (statistics.ts). */
export function closedUntil(now = Date.now()): string {
  return dayStart(nextDay(lastClosedDay(now)));
}

/** Summarises one closed day, once: the day's row is the lock (a second replica finds it and skips). */
async function summariseDay(db: DataSource, day: string): Promise<boolean> {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  try {
    const from = dayStart(day);
    const to = dayStart(nextDay(day));
    const [{ n }] = await runner.query(`SELECT COUNT(*) AS n FROM ${ACCESS_LOG_TABLE} WHERE at >= ? AND at < ?`, [from, to]);
    const inserted = await runner.query('INSERT IGNORE INTO access_log_summary_day (day, entries, summarised_at) VALUES (?, ?, UTC_TIMESTAMP())', [day, Number(n)]);
    if (!inserted.affectedRows) return (await runner.rollbackTransaction(), false);
    for (const [dimension, [k1, k2]] of Object.entries(DIMENSIONS)) {
      await runner.query(
        `INSERT INTO access_log_summary (day, dimension, k1, k2, n) SELECT ?, ?, ${k1}, ${k2}, COUNT(*) FROM ${ACCESS_LOG_TABLE} WHERE at >= ? AND at < ? GROUP BY ${k1}, ${k2}`,
        [day, dimension, from, to],
      );
    }
    await runner.commitTransaction();
    return true;
  } catch (e) {
    await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}

/** Every closed day inside the retention period not yet summarised, oldest first; returns how many were done. */
export async function summariseClosedDays(db: DataSource, now = Date.now()): Promise<number> {
  if (!isMysql(db)) return 0;
  const first = nextDay(isoDay(retentionStart(new Date(now))));
  const last = lastClosedDay(now);
  const done = new Set((await db.query('SELECT day FROM access_log_summary_day WHERE day BETWEEN ? AND ?', [first, last])).map((r: { day: string }) => String(r.day).slice(0, 10)));
  // Only days that have entries: the oldest entry bounds the walk.
  const [{ oldest }] = await db.query(`SELECT MIN(at) AS oldest FROM ${ACCESS_LOG_TABLE} WHERE at >= ?`, [dayStart(first)]);
  if (!oldest) return 0;
  let count = 0;
  for (let day = String(oldest).slice(0, 10) > first ? String(oldest).slice(0, 10) : first; day <= last; day = nextDay(day)) {
    if (!done.has(day) && (await summariseDay(db, day))) count++;
  }
  return count;
}

/** Summarised days inside [fromDay, toDay], sorted. */
async function summarisedDays(db: DataSource, fromDay: string, toDay: string): Promise<string[]> {
  if (!isMysql(db)) return [];
  const rows: { day: string }[] = await db.query('SELECT day FROM access_log_summary_day WHERE day BETWEEN ? AND ? ORDER BY day', [fromDay, toDay]);
  return rows.map((r) => String(r.day).slice(0, 10));
}

/** [from, to) of `at` not covered by the summarised days: the complement of their runs inside the range. */
function liveRanges(from: string, to: string, days: string[]): [string, string][] {
  const out: [string, string][] = [];
  let cursor = from;
  for (const day of days) {
    const start = dayStart(day);
    if (start > cursor) out.push([cursor, start]);
    cursor = dayStart(nextDay(day));
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}

/** Counts of the year's entries (still kept) by the dimension's two keys (and by month when asked): summaries plus live counts. */
export async function yearCounts(db: DataSource, year: number, dimension: Dimension, byMonth = false): Promise<Counted[]> {
  const cutoff = logTime(retentionStart());
  const yearFrom = logTime(new Date(Date.UTC(year, 0, 1)));
  const from = yearFrom > cutoff ? yearFrom : cutoff;
  const to = logTime(new Date(Date.UTC(year + 1, 0, 1)));
  if (from >= to) return [];
  // A day is used whole or not at all: the day the retention cutoff falls in is counted live.
  const firstWholeDay = from.endsWith('00:00:00.000') ? from.slice(0, 10) : nextDay(from.slice(0, 10));
  const days = await summarisedDays(db, firstWholeDay, `${year}-12-31`);
  const [k1, k2] = DIMENSIONS[dimension];
  const out: Counted[] = [];
  if (days.length) {
    const rows = await db.query(
      `SELECT ${byMonth ? 'SUBSTR(day, 1, 7)' : "''"} AS month, k1, k2, SUM(n) AS n FROM access_log_summary WHERE dimension = ? AND day BETWEEN ? AND ? GROUP BY ${byMonth ? 'SUBSTR(day, 1, 7), ' : ''}k1, k2`,
      [dimension, days[0], days[days.length - 1]],
    );
    out.push(...rows);
  }
  for (const [a, b] of liveRanges(from, to, days)) {
    // `at` is `YYYY-MM-DD HH:MM:SS.mmm` text (SQLite) or DATETIME(3) (MySQL): its first 7 characters are the month in both.
    const month = byMonth ? 'SUBSTR(at, 1, 7)' : "''";
    out.push(...(await db.query(`SELECT ${month} AS month, ${k1} AS k1, ${k2} AS k2, COUNT(*) AS n FROM ${ACCESS_LOG_TABLE} WHERE at >= ? AND at < ? GROUP BY ${byMonth ? `${month}, ` : ''}${k1}, ${k2}`, [a, b])));
  }
  return out.map((r) => ({ month: String(r.month), k1: String(r.k1 ?? ''), k2: String(r.k2 ?? ''), n: Number(r.n) }));
}

/** Runs at start and hourly beside the subgraph (MySQL); replicas may all run it, each day is done once. */
export function startSummaries(db: DataSource, everyMs = 3_600_000): () => void {
  if (!isMysql(db)) return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const n = await summariseClosedDays(db);
      if (n) log.info({ days: n }, 'access log days summarised');
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'access log summary failed; statistics count live meanwhile');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 1_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => (clearTimeout(first), clearInterval(timer));
}
