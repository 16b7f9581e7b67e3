import { hasScope, type Caller, type SubjectRef } from '../../subgraphs/kit/protocol/caller';
import { usccRuleBroken } from '../../subgraphs/kit/protocol/codes';
import { NATURAL_PERSON_ID } from '../../subgraphs/kit/protocol/pseudonym';
import { POLICIES } from '../../subgraphs/kit/protocol/policies';

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

/**
 * A connection its arguments narrow to one subject, whose count, page info and cursors can count items the
 * public does not see: `totalCount` 1 where the public gets 0 says the subject has an unpublished entry (and 0
 * that it has none) with no object of it in the answer. Returned to a caller the connection reaches those
 * items for, it is a disclosure of `group` about that subject, whatever of it was selected.
 */
export interface NarrowingRule {
  type: string;
  field: string;
  group: string;
  /** Whether the caller's page can hold non-public items (the subgraph's own reach). */
  reaches(caller: Caller): boolean;
  /** The subject the (coerced) arguments name, null when they name none. */
  subject(args: Record<string, unknown>): SubjectRef | null;
}

export const NARROWING_RULES: NarrowingRule[] = [
  {
    // lists/loaders.ts seesAllUnpublished: lists:read, a purpose and an official body; normalised as lists/connection.ts.
    type: 'Query', field: 'listEntries', group: 'lists:read',
    reaches: (c) => hasScope(c, 'lists:read') && c.purpose !== null && POLICIES.official_body(c),
    subject: (args) => {
      const filter = args.filter as { subjectType?: string | null; subjectId?: string | null } | null | undefined;
      const id = filter?.subjectId;
      if (!id) return null;
      // Entries are stored under a USCC or a NaturalPerson.id only (compared exactly, USCCs upper case): any
      // other id names no subject and finds nothing, so it is nobody's disclosure (and no log row of junk).
      const person = NATURAL_PERSON_ID.test(id);
      if (!person && usccRuleBroken(id.toUpperCase())) return null;
      return { type: (filter.subjectType ?? (person ? 'NATURAL_PERSON' : 'LEGAL_PERSON')) as SubjectRef['type'], id: person ? id : id.toUpperCase() };
    },
  },
];

export function narrowingRule(type: string, field: string): NarrowingRule | undefined {
  return NARROWING_RULES.find((r) => r.type === type && r.field === field);
}
