import { addYears } from '../calendar/dates';

// 001 Art. 30: dishonesty information is queryable for 5 years from the day the behaviour or
// event ended; after that it is not provided, used or evaluated.
export const DISHONESTY_QUERY_YEARS = 5;

/** Behaviour that ended before this day is outside the query period. */
export function queryPeriodCutoff(today: string): string {
  return addYears(today, -DISHONESTY_QUERY_YEARS);
}

export function isQueryable(record: { dishonest: boolean; behaviourEndedOn: string | null; decidedOn: string; removal?: string | null }, today: string): boolean {
  // Revoked on objection, repaired or withdrawn: never provided, used or evaluated again (001 Art. 31, 32).
  if (record.removal) return false;
  if (!record.dishonest) return true;
  return (record.behaviourEndedOn ?? record.decidedOn) >= queryPeriodCutoff(today);
}
