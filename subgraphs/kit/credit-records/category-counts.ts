import type { DataSource } from 'typeorm';
import { everyKey } from '../statistics/shares';
import { yearDays } from '../statistics/report-year';
import { RECORD_CATEGORIES } from './entity';
import { queryPeriodCutoff } from './query-period';
import { TALLY_TABLE } from './tally';

// Records by category and year (001, data chapter): records decided in the calendar year that are still
// in every read — not revoked, repaired or withdrawn (001 Art. 31, 32), dishonesty only inside the
// 5-year query period (001 Art. 30). Both person subgraphs count their own table with this.

export interface CategoryCount {
  category: (typeof RECORD_CATEGORIES)[number];
  count: number;
}

/** The WHERE clause on credit_record alias `r` (params: from, to, cutoff, no). */
export const COUNTED_RECORDS = `r.decided_on BETWEEN ? AND ? AND r.removal IS NULL AND (r.dishonest = ? OR COALESCE(r.behaviour_ended_on, r.decided_on) >= ?)`;

/** The same on credit_record_tally alias `t`, which holds records in every read only (tally.ts). */
export const COUNTED_GROUPS = `t.decided_on BETWEEN ? AND ? AND (t.dishonest = ? OR t.counting_end >= ?)`;

export function countedRecordParams(year: number, today: string): unknown[] {
  const { from, to } = yearDays(year);
  return [from, to, 0, queryPeriodCutoff(today)];
}

/** The whole table's, every category in enum order: the year's groups of the tally (ix_credit_record_tally_day). */
export async function recordsByCategory(db: DataSource, year: number, today: string): Promise<CategoryCount[]> {
  const rows = await db.query(`SELECT t.category AS k, SUM(t.n) AS n FROM ${TALLY_TABLE} t WHERE ${COUNTED_GROUPS} GROUP BY t.category`, countedRecordParams(year, today));
  return everyKey(RECORD_CATEGORIES, rows).map(({ key, count }) => ({ category: key, count }));
}

/** Some subjects' only (`join` on r.subject_id): the tally knows no subjects, so their rows, by the subject index. */
export async function subjectRecordsByCategory(db: DataSource, year: number, today: string, join: string, joinParams: unknown[]): Promise<CategoryCount[]> {
  const rows = await db.query(
    `SELECT r.category AS k, COUNT(*) AS n FROM credit_record r ${join} WHERE ${COUNTED_RECORDS} GROUP BY r.category`,
    [...joinParams, ...countedRecordParams(year, today)],
  );
  return everyKey(RECORD_CATEGORIES, rows).map(({ key, count }) => ({ category: key, count }));
}

/** Two tables of the same categories added row by row (legal + natural persons). */
export function addCategoryCounts(a: CategoryCount[], b: CategoryCount[]): CategoryCount[] {
  const other = new Map(b.map((c) => [c.category, c.count]));
  return a.map((c) => ({ category: c.category, count: c.count + (other.get(c.category) ?? 0) }));
}
