import { isoDay } from '../../kit/calendar/dates';

// 001 Art. 28: a company's BLACK entry is linked to the legal representative in office on the entry's
// decision day — not to whoever holds the office today. A term runs from `from` up to (not including) `to`.

export interface HeldTerm {
  legalPerson: { uscc: string };
  from: string;
  to: string | null;
}

/** Whether one of the person's terms at the entry's company covers the entry's decision day. */
export function linkedByDate(terms: readonly HeldTerm[], entry: { subjectId: string; decidedOn: string | Date }): boolean {
  const on = isoDay(entry.decidedOn);
  return terms.some((t) => t.legalPerson.uscc === entry.subjectId && t.from <= on && (t.to === null || t.to > on));
}
