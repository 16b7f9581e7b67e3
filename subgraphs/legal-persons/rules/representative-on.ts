import { isoDay } from '../../kit/calendar/dates';

// 001 Art. 28: a company's dishonesty is linked to the legal representative in office when it happened,
// not to whoever holds the office today. A term runs from its first day up to (not including) `toOn`.

export interface Term {
  personId: string;
  fromOn: string;
  toOn: string | null;
}

/** The term in force on `date`, or null when the registry knows no representative for that day. */
export function representativeOn<T extends Term>(terms: readonly T[], date: string): T | null {
  return terms.find((t) => isoDay(t.fromOn) <= date && (t.toOn === null || isoDay(t.toOn) > date)) ?? null;
}
