import type { DataSource } from 'typeorm';
import { addCategoryCounts, COUNTED_RECORDS, countedRecordParams, recordsByCategory, subjectRecordsByCategory, type CategoryCount } from '../kit/credit-records/category-counts';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { CreditRecordEntity } from '../kit/credit-records/entity';
import { badInput } from '../kit/protocol/errors';
import { everyKey } from '../kit/statistics/shares';
import { yearDays } from '../kit/statistics/report-year';
import { isoDay } from '../kit/calendar/dates';
import { queryPeriodCutoff } from '../kit/credit-records/query-period';
import { TALLY_TABLE } from '../kit/credit-records/tally';
import { timeliness } from './rules/double-publicity';
import { INDUSTRY_MEASURES, MEASURE_RECORDS, providerRecordIdFor, type IndustryMeasure } from './rules/industry-measures';

// This subgraph's tables of the annual report (001) and of an association's report (000 item 18):
// legal-person records by category, double publicity, and an association's members and measures.

export interface ReportRef {
  year: number;
  /** The natural-persons subgraph's table, sent along by the gateway (@requires). */
  naturalPersonRecordsByCategory?: CategoryCount[];
}

export interface AssociationRef {
  association: string;
  year: number;
}

export const legalPersonRecordsByCategory = (db: DataSource, year: number, today: string) => recordsByCategory(db, year, today);

export async function allRecordsByCategory(db: DataSource, ref: ReportRef, today: string): Promise<CategoryCount[]> {
  return addCategoryCounts(await legalPersonRecordsByCategory(db, ref.year, today), ref.naturalPersonRecordsByCategory ?? []);
}

/** doublePublicityReport's selection (double-publicity-report.ts): what must be published, still in every read (the tally holds no other). */
const MUST_PUBLISH = `t.is_public = ? AND (t.decision_kind = 'LICENSING' OR (t.decision_kind = 'PENALTY' AND t.penalty_tier IN ('GENERAL', 'SERIOUS')))
  AND (t.dishonest = ? OR t.counting_end >= ?)`;

export async function memberUsccs(db: DataSource, association: string): Promise<string[]> {
  const rows: { uscc: string }[] = await db.query('SELECT uscc FROM association_membership WHERE association_org = ? ORDER BY uscc', [association]);
  return rows.map((r) => r.uscc);
}

/** Its members and the day each joined: the access log counts queries about a member from that day. */
export async function memberships(db: DataSource, association: string): Promise<{ uscc: string; joinedOn: string }[]> {
  const rows: { uscc: string; joinedOn: unknown }[] = await db.query('SELECT uscc, joined_on AS joinedOn FROM association_membership WHERE association_org = ? ORDER BY uscc', [association]);
  return rows.map((r) => ({ uscc: r.uscc, joinedOn: isoDay(r.joinedOn) }));
}

/** Members' records decided in the year (the same rule as the platform's table), one GROUP BY over the membership join. */
export function memberRecordsByCategory(db: DataSource, ref: AssociationRef, today: string): Promise<CategoryCount[]> {
  return subjectRecordsByCategory(db, ref.year, today, 'JOIN association_membership m ON m.uscc = r.subject_id AND m.association_org = ?', [ref.association]);
}

// What applyIndustryMeasure stored: the association is the provider, its key marks the kind, the title the measure;
// counted as the platform's table counts (decided in the year, in every read, within the query period, 001 Art. 30).
const APPLIED = `r.provider = ? AND r.provider_record_id LIKE ? AND ${COUNTED_RECORDS}`;
const appliedParams = (ref: AssociationRef, today: string) => [ref.association, `${providerRecordIdFor('industry-measure', '')}%`, ...countedRecordParams(ref.year, today)];
const MEMBERS_ONLY = 'JOIN association_membership m ON m.uscc = r.subject_id AND m.association_org = r.provider';

export async function industryMeasuresApplied(db: DataSource, ref: AssociationRef, today: string): Promise<{ measure: IndustryMeasure; count: number }[]> {
  const rows: { title: string; n: number | string }[] = await db.query(`SELECT r.title, COUNT(*) AS n FROM credit_record r ${MEMBERS_ONLY} WHERE ${APPLIED} GROUP BY r.title`, appliedParams(ref, today));
  const byTitle = rows.map((r) => ({ k: INDUSTRY_MEASURES.find((m) => MEASURE_RECORDS[m].title === r.title) ?? '', n: r.n }));
  return everyKey(INDUSTRY_MEASURES, byTitle).map(({ key, count }) => ({ measure: key, count }));
}

export async function appliedMeasures(db: DataSource, ref: AssociationRef, first: number, today: string): Promise<CreditRecordRow[]> {
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'PAGE_SIZE', `first must be 1–200, got ${first}`);
  const ids: { id: string }[] = await db.query(`SELECT r.id FROM credit_record r ${MEMBERS_ONLY} WHERE ${APPLIED} ORDER BY r.decided_on DESC, r.id DESC LIMIT ${first}`, appliedParams(ref, today));
  if (!ids.length) return [];
  const rows = await db.getRepository(CreditRecordEntity).createQueryBuilder('r').whereInIds(ids.map((r) => r.id)).getMany();
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Double publicity of the year's decisions (000 item 25): the same selection and rule as
 * doublePublicityReport, counted per (decision day, publication day) — at most a few thousand groups
 * a year whatever the number of records, each judged once by rules/double-publicity.ts.
 */
export async function publicationCounts(db: DataSource, year: number, today: string) {
  const { from, to } = yearDays(year);
  const rows: { decidedOn: string; publishedOn: string | null; n: number | string }[] = await db.query(
    `SELECT t.decided_on AS decidedOn, t.published_on AS publishedOn, SUM(t.n) AS n FROM ${TALLY_TABLE} t
      WHERE ${MUST_PUBLISH} AND t.decided_on BETWEEN ? AND ? GROUP BY t.decided_on, t.published_on`,
    [1, 0, queryPeriodCutoff(today), from, to],
  );
  const counts = { decisions: 0, onTime: 0, late: 0, overdue: 0, pending: 0 };
  const key = { ON_TIME: 'onTime', LATE: 'late', OVERDUE: 'overdue', PENDING: 'pending' } as const;
  for (const r of rows) {
    const n = Number(r.n);
    counts.decisions += n;
    counts[key[timeliness({ decidedOn: String(r.decidedOn).slice(0, 10), publishedOn: r.publishedOn ? String(r.publishedOn).slice(0, 10) : null }, today)]] += n;
  }
  return counts;
}
