import type { DataSource } from 'typeorm';
import { ACCESS_LOG_TABLE, logTime, retentionStart } from '../kit/protocol/access-log-table';
import { QUERY_PURPOSES, type QueryPurpose, type SubjectType } from '../kit/protocol/caller';
import { badInput } from '../kit/protocol/errors';
import { monthsOf } from '../kit/statistics/report-year';
import { everyKey, shares } from '../kit/statistics/shares';
import { closedUntil, DIMENSIONS, yearCounts, type Counted, type Dimension } from './summary';

// Query statistics (001, application chapter) from the access log: a query is one entry — one subject
// disclosed in one answer, as the 2016 report counts a batch check of 80,000 firms as 80,000 queries.
// The year is UTC; entries past the retention period (ACCESS_LOG_RETENTION_YEARS) are not counted,
// as they are not shown. Platform-wide counts add the daily summaries (summary.ts) to a live count of
// the days not summarised yet. An association's are primary-key ranges per member over finished days
// only: who looked at a member is non-public (access.ts), and live counts read before and after one
// query would single it out — the member, the purpose and the kind of body. So they stop at the end of
// the last closed UTC day (closedUntil, the same margin that lets a day be summarised), and a member's
// queries count from the UTC day its membership began, not from before it joined. The summaries hold no
// subject, so these are counted from the log itself; the tables are the marginals the schema documents,
// never a member crossed with a purpose or a kind.

export interface PurposeCount { purpose: QueryPurpose; count: number; share: number }
export interface KindCount { clientKind: string; count: number }
export interface OrgCount { org: string; clientKind: string; count: number }
export interface MonthCount { month: string; count: number }

/** A member company and the day (ISO date) its membership began: legal-persons' memberships (@requires). */
export interface Member { uscc: string; joinedOn: string }

/** Where the counts come from: the whole log of a year (summaries + live), or these members' entries (finished days). */
export type Source = { year: number; members?: undefined } | { year: number; members: readonly Member[] };

type Row = { k: string; n: number };

const latest = (...times: string[]) => times.reduce((a, b) => (a > b ? a : b));

/**
 * The members' entries of the year still kept, by month and two keys: up to the end of the last closed day, each member's
 * from the day it joined. Members with the same start share an IN list, 1,000 to a statement, each a primary-key range.
 */
async function memberCounts(db: DataSource, year: number, members: readonly Member[], k1: string, k2: string, now = Date.now()): Promise<Counted[]> {
  const from = latest(logTime(new Date(Date.UTC(year, 0, 1))), logTime(retentionStart(new Date(now))));
  const yearEnd = logTime(new Date(Date.UTC(year + 1, 0, 1)));
  const until = closedUntil(now);
  const to = until < yearEnd ? until : yearEnd;
  const byStart = new Map<string, string[]>();
  for (const m of members) {
    const start = latest(from, logTime(new Date(`${m.joinedOn}T00:00:00Z`)));
    if (start >= to) continue;
    const group = byStart.get(start) ?? [];
    group.push(m.uscc);
    byStart.set(start, group);
  }
  const out: Counted[] = [];
  for (const [start, usccs] of byStart) {
    for (let i = 0; i < usccs.length; i += 1000) {
      const chunk = usccs.slice(i, i + 1000);
      const rows = await db.query(
        `SELECT SUBSTR(at, 1, 7) AS month, ${k1} AS k1, ${k2} AS k2, COUNT(*) AS n FROM ${ACCESS_LOG_TABLE}
          WHERE subject_type = 'LEGAL_PERSON' AND subject_id IN (${chunk.map(() => '?').join(', ')}) AND at >= ? AND at < ? GROUP BY SUBSTR(at, 1, 7), ${k1}, ${k2}`,
        [...chunk, start, to],
      );
      out.push(...rows.map((r: Counted) => ({ month: String(r.month), k1: String(r.k1 ?? ''), k2: String(r.k2 ?? ''), n: Number(r.n) })));
    }
  }
  return out;
}

const DIMENSION_COLUMNS: Record<Dimension | 'member', [string, string]> = { ...DIMENSIONS, member: ['subject_id', "''"] };

function counts(db: DataSource, source: Source, dimension: keyof typeof DIMENSION_COLUMNS, byMonth = false): Promise<Counted[]> {
  if (source.members) return memberCounts(db, source.year, source.members, ...DIMENSION_COLUMNS[dimension]);
  if (dimension === 'member') throw new Error('counts by member need the members');
  return yearCounts(db, source.year, dimension, byMonth);
}

/** Sums of n by a key of the counted rows. */
function sumBy(rows: Counted[], key: (r: Counted) => string): Row[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + r.n);
  return [...sums].map(([k, n]) => ({ k, n }));
}

const byCountThenKey = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));

export async function queriesByPurpose(db: DataSource, source: Source, subjectType?: SubjectType | null): Promise<PurposeCount[]> {
  const rows = (await counts(db, source, 'purpose')).filter((r) => !subjectType || r.k1 === subjectType);
  const found = everyKey(QUERY_PURPOSES, sumBy(rows, (r) => r.k2));
  const pct = shares(found.map((c) => c.count));
  return found.map((c, i) => ({ purpose: c.key, count: c.count, share: pct[i] }));
}

export async function queriesByClientKind(db: DataSource, source: Source): Promise<KindCount[]> {
  return sumBy(await counts(db, source, 'kind'), (r) => r.k1).map((r) => ({ clientKind: r.k, count: Number(r.n) })).sort(byCountThenKey((k) => k.clientKind));
}

export async function queriesByOrg(db: DataSource, source: Source, first: number): Promise<OrgCount[]> {
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput('first', 'PAGE_SIZE', `first must be 1–1000, got ${first}`);
  const rows = sumBy(await counts(db, source, 'org'), (r) => `${r.k1}\u0000${r.k2}`);
  return rows.map((r) => ({ org: r.k.split('\u0000')[0], clientKind: r.k.split('\u0000')[1], count: Number(r.n) })).sort(byCountThenKey((o) => o.org)).slice(0, first);
}

export async function queriesByMonth(db: DataSource, source: Source): Promise<MonthCount[]> {
  return everyKey(monthsOf(source.year), sumBy(await counts(db, source, 'kind', true), (r) => r.month)).map(({ key, count }) => ({ month: key, count }));
}

/** Every member, most queried first. */
export async function queriesByMember(db: DataSource, year: number, members: readonly Member[]): Promise<{ uscc: string; count: number }[]> {
  const rows = sumBy(await counts(db, { year, members }, 'member'), (r) => r.k1);
  return everyKey(members.map((m) => m.uscc), rows).map(({ key, count }) => ({ uscc: key, count })).sort(byCountThenKey((m) => m.uscc));
}
