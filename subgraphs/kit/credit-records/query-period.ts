import { earliestStartWithin, isWithin } from '../calendar/period-end';
import { creditPeriods } from './credit-periods';

// 001 Art. 30: dishonesty information is queryable for 5 years (credit-periods.yaml queryPeriod) from
// the day the behaviour or event ended; from the end day on it is not provided, used or evaluated.

/** Behaviour that ended before this day is outside the query period (the SQL form of isQueryable). */
export function queryPeriodCutoff(today: string): string {
  return earliestStartWithin(creditPeriods().queryPeriod, today);
}

export function isQueryable(record: { dishonest: boolean; behaviourEndedOn?: string | null; decidedOn: string; removal?: string | null }, today: string): boolean {
  // Revoked on objection, repaired or withdrawn: never provided, used or evaluated again (001 Art. 31, 32).
  if (record.removal) return false;
  if (!record.dishonest) return true;
  const ended = record.behaviourEndedOn ?? record.decidedOn;
  return ended > today || isWithin(ended, creditPeriods().queryPeriod, today);
}
