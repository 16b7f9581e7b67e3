// Non-public data that no field directive marks, because a subgraph decides it row by row or value
// by value. Each rule names the field group the disclosure belongs to.
export interface RowRule {
  type: string;
  field: string;
  group: string;
  /** row: probed under a private alias whenever the object is returned; value: the field as the caller selected it. */
  kind: 'row' | 'value';
  discloses(value: unknown): boolean;
}

export const ROW_RULES: RowRule[] = [
  // Unpublished list entries are read only with lists:read and a declared purpose (lists subgraph).
  { type: 'ListEntry', field: 'published', group: 'lists:read', kind: 'row', discloses: (v) => v === false },
  // listChanges: an entry's suspension and resumption, and why an entry changed, are its history (lists:read);
  // the lists subgraph gives them to officials only, and their read is logged against the change's subject.
  { type: 'ListChange', field: 'change', group: 'lists:read', kind: 'row', discloses: (v) => v === 'SUSPENDED' || v === 'RESUMED' },
  { type: 'ListChange', field: 'reason', group: 'lists:read', kind: 'row', discloses: (v) => v !== null && v !== undefined },
  // A non-public credit record is non-public wherever it appears (an association's report, a double-publicity
  // report), not only under the subject's guarded creditRecords: the row says so, no directive does.
  { type: 'CreditRecord', field: 'public', group: 'records:read', kind: 'row', discloses: (v) => v === false },
  // A full resident id number, not the masked one (DOMAIN.md "Subjects"; natural-persons id-number.ts).
  { type: 'NaturalPerson', field: 'idNumber', group: 'person:id-number', kind: 'value', discloses: (v) => typeof v === 'string' && !v.includes('*') },
];

export function rowRules(type: string, kind: RowRule['kind']): RowRule[] {
  return ROW_RULES.filter((r) => r.type === type && r.kind === kind);
}

export function valueRule(type: string, field: string): RowRule | undefined {
  return ROW_RULES.find((r) => r.type === type && r.field === field && r.kind === 'value');
}
