import type { DataSource } from 'typeorm';
import { ACCESS_LOG_TABLE, logTime, retentionStart } from '../kit/protocol/access-log-table';
import { QUERY_PURPOSES, type QueryPurpose, type SubjectType } from '../kit/protocol/caller';
import { badInput } from '../kit/protocol/errors';
import { monthsOf } from '../kit/statistics/report-year';
import { everyKey, shares } from '../kit/statistics/shares';

// Query statistics (001, application chapter) from the access log: a query is one entry — one subject
// disclosed in one answer, as the 2016 report counts a batch check of 80,000 firms as 80,000 queries.
// The year is UTC; entries past the retention period (ACCESS_LOG_RETENTION_YEARS) are not counted,
// as they are not shown. Platform-wide counts are range scans of the covering index access_log_stats
// (at, purpose, client_kind, subject_type, org); an association's are primary-key ranges per member.

export interface PurposeCount { purpose: QueryPurpose; count: number; share: number }
export interface KindCount { clientKind: string; count: number }
export interface OrgCount { org: string; clientKind: string; count: number }
export interface MonthCount { month: string; count: number }

type Row = { k: string; n: number | string; kind?: string };

/** The year's entries still kept: [from, to) as stored text. */
function yearRange(year: number): [string, string] {
  const start = logTime(new Date(Date.UTC(year, 0, 1)));
  const cutoff = logTime(retentionStart());
  return [start > cutoff ? start : cutoff, logTime(new Date(Date.UTC(year + 1, 0, 1)))];
}

/** A WHERE clause and its parameters: the year, optionally one subject type, optionally these legal persons. */
interface Scope { where: string; params: unknown[] }

export function yearScope(year: number, subjectType?: SubjectType | null): Scope {
  const [from, to] = yearRange(year);
  return subjectType ? { where: 'at >= ? AND at < ? AND subject_type = ?', params: [from, to, subjectType] } : { where: 'at >= ? AND at < ?', params: [from, to] };
}

/** An association's members, 1,000 to a statement: each member is a primary-key range (subject_type, subject_id, at). */
export function memberScopes(year: number, usccs: readonly string[]): Scope[] {
  const [from, to] = yearRange(year);
  const out: Scope[] = [];
  for (let i = 0; i < usccs.length; i += 1000) {
    const chunk = usccs.slice(i, i + 1000);
    out.push({ where: `subject_type = 'LEGAL_PERSON' AND subject_id IN (${chunk.map(() => '?').join(', ')}) AND at >= ? AND at < ?`, params: [...chunk, from, to] });
  }
  return out;
}

/** One GROUP BY per scope; counts of the same key added (a large membership is several statements). */
async function grouped(db: DataSource, key: string, scopes: Scope[], extra = ''): Promise<Row[]> {
  const sums = new Map<string, Row>();
  for (const s of scopes) {
    const rows: Row[] = await db.query(`SELECT ${key} AS k${extra ? `, ${extra} AS kind` : ''}, COUNT(*) AS n FROM ${ACCESS_LOG_TABLE} WHERE ${s.where} GROUP BY ${key}${extra ? `, ${extra}` : ''}`, s.params);
    for (const r of rows) {
      const id = `${r.k}|${r.kind ?? ''}`;
      const seen = sums.get(id);
      sums.set(id, { ...r, n: Number(r.n) + Number(seen?.n ?? 0) });
    }
  }
  return [...sums.values()];
}

const byCountThenKey = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));

export async function queriesByPurpose(db: DataSource, scopes: Scope[]): Promise<PurposeCount[]> {
  const counts = everyKey(QUERY_PURPOSES, await grouped(db, 'purpose', scopes));
  const pct = shares(counts.map((c) => c.count));
  return counts.map((c, i) => ({ purpose: c.key, count: c.count, share: pct[i] }));
}

export async function queriesByClientKind(db: DataSource, scopes: Scope[]): Promise<KindCount[]> {
  return (await grouped(db, 'client_kind', scopes)).map((r) => ({ clientKind: String(r.k), count: Number(r.n) })).sort(byCountThenKey((k) => k.clientKind));
}

export async function queriesByOrg(db: DataSource, scopes: Scope[], first: number): Promise<OrgCount[]> {
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput('first', 'PAGE_SIZE', `first must be 1–1000, got ${first}`);
  const rows = await grouped(db, 'org', scopes, 'client_kind');
  return rows.map((r) => ({ org: String(r.k), clientKind: String(r.kind), count: Number(r.n) })).sort(byCountThenKey((o) => o.org)).slice(0, first);
}

export async function queriesByMonth(db: DataSource, year: number, scopes: Scope[]): Promise<MonthCount[]> {
  // `at` is stored as `YYYY-MM-DD HH:MM:SS.mmm` text (SQLite) or DATETIME(3) (MySQL): its first 7 characters are the month in both.
  const rows = await grouped(db, 'SUBSTR(at, 1, 7)', scopes);
  return everyKey(monthsOf(year), rows).map(({ key, count }) => ({ month: key, count }));
}

export async function queriesByMember(db: DataSource, year: number, usccs: readonly string[]): Promise<{ uscc: string; count: number }[]> {
  const rows = await grouped(db, 'subject_id', memberScopes(year, usccs));
  return everyKey(usccs, rows).map(({ key, count }) => ({ uscc: key, count })).sort(byCountThenKey((m) => m.uscc));
}
