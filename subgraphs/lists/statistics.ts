import type { DataSource } from 'typeorm';
import { everyKey } from '../kit/statistics/shares';
import { yearDays } from '../kit/statistics/report-year';
import { LIST_ENTRY_STATUSES } from './rules/status';

// List counts of the annual report (001): entries decided in the calendar year, by type, domain and
// status as of today (rules/status.ts as a CASE: EXPIRED from periodEndsOn on); an association's
// report: its members' entries in effect today. One GROUP BY each, on ix_list_entry_stats.

export const LIST_TYPES = ['RED', 'BLACK', 'KEY_ATTENTION'] as const;

type Row = { k: string; n: number | string };
const IN_YEAR = 'decided_on BETWEEN ? AND ?';
const yearParams = (year: number) => [yearDays(year).from, yearDays(year).to];

/** rules/status.ts effectiveStatus, in SQL (param: today). */
const EFFECTIVE_STATUS = `CASE WHEN status IN ('ACTIVE', 'PENDING_NOTICE') AND period_ends_on IS NOT NULL AND period_ends_on <= ? THEN 'EXPIRED' ELSE status END`;

export async function entriesByType(db: DataSource, year: number) {
  const rows: Row[] = await db.query(`SELECT list_type AS k, COUNT(*) AS n FROM list_entry WHERE ${IN_YEAR} GROUP BY list_type`, yearParams(year));
  return everyKey(LIST_TYPES, rows).map(({ key, count }) => ({ listType: key, count }));
}

export async function entriesByDomain(db: DataSource, year: number) {
  const rows: Row[] = await db.query(`SELECT domain AS k, COUNT(*) AS n FROM list_entry WHERE ${IN_YEAR} GROUP BY domain`, yearParams(year));
  return rows.map((r) => ({ domain: String(r.k), count: Number(r.n) })).sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain));
}

export async function entriesByStatus(db: DataSource, year: number, today: string) {
  const rows: Row[] = await db.query(`SELECT ${EFFECTIVE_STATUS} AS k, COUNT(*) AS n FROM list_entry WHERE ${IN_YEAR} GROUP BY ${EFFECTIVE_STATUS}`, [today, ...yearParams(year), today]);
  return everyKey(LIST_ENTRY_STATUSES, rows).map(({ key, count }) => ({ status: key, count }));
}

/** Members' entries ACTIVE today (whatever year they were decided in), 1,000 members to a statement. */
export async function activeMemberEntriesByType(db: DataSource, usccs: readonly string[], today: string) {
  const sums = new Map<string, number>();
  for (let i = 0; i < usccs.length; i += 1000) {
    const chunk = usccs.slice(i, i + 1000);
    const rows: Row[] = await db.query(
      `SELECT list_type AS k, COUNT(*) AS n FROM list_entry WHERE subject_type = 'LEGAL_PERSON' AND subject_id IN (${chunk.map(() => '?').join(', ')})
         AND status = 'ACTIVE' AND (period_ends_on IS NULL OR period_ends_on > ?) GROUP BY list_type`,
      [...chunk, today],
    );
    for (const r of rows) sums.set(String(r.k), (sums.get(String(r.k)) ?? 0) + Number(r.n));
  }
  return LIST_TYPES.map((listType) => ({ listType, count: sums.get(listType) ?? 0 }));
}
