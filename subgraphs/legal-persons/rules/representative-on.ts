// 001 Art. 28: a company's dishonesty is linked to the legal representative in office when it happened,
// not to whoever holds the office today. A term runs from its first day up to (not including) `toOn`.

export interface Term {
  personId: string;
  fromOn: string;
  toOn: string | null;
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The term in force on `date`, or null when the registry knows no representative for that day. */
export function representativeOn<T extends Term>(terms: readonly T[], date: string): T | null {
  return terms.find((t) => day(t.fromOn) <= date && (t.toOn === null || day(t.toOn) > date)) ?? null;
}
