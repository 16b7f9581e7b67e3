import type { Caller } from '../protocol/caller';
import { badInput, ErrorCode, RuleViolation } from '../protocol/errors';

// The period of the platform's annual numbers (001): one calendar year. Shared by every subgraph that
// contributes a table to PlatformReport or AssociationReport.

export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

/** BAD_USER_INPUT `year` YEAR_RANGE unless a whole year 2000–2100. */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    throw badInput(field, 'YEAR_RANGE', `${field} must be a year from ${FIRST_REPORT_YEAR} to ${LAST_REPORT_YEAR}, got ${year}`);
  }
  return year;
}

/** First and last day of the year, ISO dates (date columns compare as text in SQLite and as dates in MySQL). */
export function yearDays(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The twelve months of the year, `YYYY-MM`. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * 000 item 18: an association's report is about its own members; the platform reads any association's.
 * The association named (or, for an association, itself); FORBIDDEN for anyone else.
 */
export function reportAssociation(caller: Caller, named: string | null | undefined): string {
  if (caller.kind === 'ADMIN') {
    if (!named) throw badInput('association', 'REQUIRED', 'name the association by its org code');
    return named;
  }
  if (caller.kind === 'ASSOCIATION' && caller.org) {
    if (named && named !== caller.org) throw new RuleViolation('association', 'OWN_ASSOCIATION_ONLY', 'an association reads its own report only', ErrorCode.FORBIDDEN);
    return caller.org;
  }
  throw new RuleViolation('association', 'NOT_AN_ASSOCIATION', `a ${caller.kind} caller has no association report`, ErrorCode.FORBIDDEN);
}

/** The row rule of AssociationReport on every field in every subgraph: the association itself or the platform. */
export function mayReadAssociationReport(caller: Caller, association: string): boolean {
  return caller.kind === 'ADMIN' || (caller.kind === 'ASSOCIATION' && caller.org === association);
}
