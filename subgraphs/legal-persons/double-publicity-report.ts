import { In, type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records/entity';
import { publishBy, timeliness, workingDaysLate, type Timeliness } from './rules/double-publicity';
import { RuleViolation } from '../kit/protocol/errors';
import { requireIsoDate } from '../kit/credit-records/input';
import { queryPeriodCutoff } from '../kit/credit-records/query-period';
import { addYears } from '../kit/calendar/dates';

// Which licensing and penalty decisions missed the 7-working-day publication window (000 item 25).
// Providers see their own decisions; the platform sees every provider's.
export interface ReportArgs {
  decidedFrom: string;
  decidedTo: string;
  /** The providing unit (its org code); the platform may name any, a provider only itself. */
  provider?: string | null;
  first?: number | null;
}

export interface LateDecision {
  record: CreditRecordRow;
  timeliness: Timeliness;
  publishBy: string;
  workingDaysLate: number;
}

export interface DoublePublicityReport {
  decisions: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  missed: LateDecision[];
}

export async function doublePublicityReport(db: DataSource, caller: Caller, args: ReportArgs, today: string): Promise<DoublePublicityReport> {
  requireIsoDate('decidedFrom', args.decidedFrom);
  requireIsoDate('decidedTo', args.decidedTo);
  if (args.decidedTo < args.decidedFrom) throw new RuleViolation('decidedTo', 'RANGE_ORDER', 'decidedTo is before decidedFrom');
  if (args.decidedTo > addYears(args.decidedFrom, 1)) throw new RuleViolation('decidedTo', 'RANGE_TOO_LONG', 'a report covers at most one year of decisions');
  const first = args.first ?? 100;
  if (first < 0 || first > 1000) throw new RuleViolation('first', 'PAGE_SIZE', 'first must be between 0 and 1000');
  const provider = caller.kind === 'ADMIN' ? (args.provider ?? null) : caller.org;
  if (caller.kind !== 'ADMIN' && args.provider && args.provider !== caller.org) {
    throw new RuleViolation('provider', 'OWN_DECISIONS_ONLY', 'a providing unit reports on its own decisions only', 'FORBIDDEN');
  }
  // Only what must be published: public licensing decisions and public general/serious penalties
  // (minor penalties are normally not published), inside the 5-year query period (001 Art. 30).
  const qb = db
    .getRepository(CreditRecordEntity)
    .createQueryBuilder('r')
    .select(['r.id', 'r.decidedOn', 'r.publishedOn'])
    .where("r.is_public = :pub AND (r.decision_kind = 'LICENSING' OR (r.decision_kind = 'PENALTY' AND r.penalty_tier IN ('GENERAL', 'SERIOUS')))", { pub: true })
    .andWhere('r.removal IS NULL')
    .andWhere('r.decided_on BETWEEN :from AND :to', { from: args.decidedFrom, to: args.decidedTo })
    .andWhere('(r.dishonest = :no OR COALESCE(r.behaviour_ended_on, r.decided_on) >= :cutoff)', { no: false, cutoff: queryPeriodCutoff(today) })
    .orderBy('r.decided_on', 'ASC')
    .addOrderBy('r.id', 'ASC');
  if (provider) qb.andWhere('r.provider = :provider', { provider });
  // Three columns a row: a year of the whole platform's decisions stays small in memory.
  const rows = await qb.getMany();
  const report: DoublePublicityReport = { decisions: rows.length, onTime: 0, late: 0, overdue: 0, pending: 0, missed: [] };
  const missed: { id: string; timeliness: Timeliness; publishBy: string; workingDaysLate: number }[] = [];
  for (const row of rows) {
    const t = timeliness(row, today);
    if (t === 'ON_TIME') report.onTime++;
    else if (t === 'PENDING') report.pending++;
    else {
      if (t === 'LATE') report.late++;
      else report.overdue++;
      if (missed.length < first) missed.push({ id: row.id, timeliness: t, publishBy: publishBy(row.decidedOn), workingDaysLate: workingDaysLate(row, today) });
    }
  }
  const full = new Map((missed.length ? await db.getRepository(CreditRecordEntity).findBy({ id: In(missed.map((m) => m.id)) }) : []).map((r) => [r.id, r]));
  report.missed = missed.map(({ id, ...rest }) => ({ record: full.get(id)!, ...rest }));
  return report;
}
