// 001 Art. 28: a company's BLACK entry is linked to the legal representative in office on the entry's
// decision day — not to whoever holds the office today. A term runs from `from` up to (not including) `to`.

export interface HeldTerm {
  legalPerson: { uscc: string };
  from: string;
  to: string | null;
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Whether one of the person's terms at the entry's company covers the entry's decision day. */
export function linkedByDate(terms: readonly HeldTerm[], entry: { subjectId: string; decidedOn: string | Date }): boolean {
  const on = day(entry.decidedOn);
  return terms.some((t) => t.legalPerson.uscc === entry.subjectId && t.from <= on && (t.to === null || t.to > on));
}
