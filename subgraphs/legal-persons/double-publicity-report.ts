import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/caller';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records';
import { publishBy, timeliness, workingDaysLate, type Timeliness } from '../kit/double-publicity';
import { RuleViolation } from '../kit/errors';
import { requireIsoDate } from '../kit/record-input';
import { addYears } from '../kit/rng';

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
  const qb = db
    .getRepository(CreditRecordEntity)
    .createQueryBuilder('r')
    .where("r.decision_kind IN ('LICENSING', 'PENALTY')")
    .andWhere('r.decided_on BETWEEN :from AND :to', { from: args.decidedFrom, to: args.decidedTo })
    .orderBy('r.decided_on', 'ASC')
    .addOrderBy('r.id', 'ASC');
  if (provider) qb.andWhere('r.provider = :provider', { provider });
  const rows = await qb.getMany();
  const report: DoublePublicityReport = { decisions: rows.length, onTime: 0, late: 0, overdue: 0, pending: 0, missed: [] };
  for (const record of rows) {
    const t = timeliness(record, today);
    if (t === 'ON_TIME') report.onTime++;
    else if (t === 'PENDING') report.pending++;
    else {
      if (t === 'LATE') report.late++;
      else report.overdue++;
      if (report.missed.length < first) report.missed.push({ record, timeliness: t, publishBy: publishBy(record.decidedOn), workingDaysLate: workingDaysLate(record, today) });
    }
  }
  return report;
}
