import type { SubjectType } from '../../kit/protocol/caller';

// 001 Art. 29: a natural person obtains its credit report free of charge twice per calendar year; the
// third and later reports of that year are not free. Legal persons: 001 grants them no such limit and
// the platform's public credit report for a company is a free public service (信用中国), so every
// report of a legal person is free.
export const FREE_REPORTS_PER_YEAR = 2;

export function isFreeReport(subjectType: SubjectType, numberThisYear: number): boolean {
  return subjectType === 'LEGAL_PERSON' || numberThisYear <= FREE_REPORTS_PER_YEAR;
}
