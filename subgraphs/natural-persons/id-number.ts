import { maskResidentId } from '../kit/protocol/codes';

// What the resident id number itself says (GB 11643) and how it is shown (DOMAIN.md "Subjects").
// Plain functions, free of GraphQL and TypeORM; the number is assumed already validated.

/** Digits 7–10 are the birth year. */
export function birthYearOf(idNumber: string): number {
  return Number(idNumber.slice(6, 10));
}

/** GB 11643: the 17th digit (sequence code) is odd for men, even for women. */
export function genderOf(idNumber: string): 'M' | 'F' {
  return Number(idNumber[16]) % 2 === 1 ? 'M' : 'F';
}

/** Masked (310***********123X) unless the caller holds the full-number scope. */
export function shownIdNumber(idNumber: string, fullNumberAllowed: boolean): string {
  return fullNumberAllowed ? idNumber : maskResidentId(idNumber);
}
