import { randomUUID } from 'node:crypto';
import {
  legalPersonAt, listEntriesForLegalPerson, listEntriesForNaturalPerson, naturalPersonAt, recordsForLegalPerson, recordsForNaturalPerson,
  DEMO_SIZES, type DemoRecord,
} from '../../subgraphs/kit/demo/demo-data';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { isQueryable } from '../../subgraphs/kit/credit-records/query-period';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { today } from '../../subgraphs/kit/calendar/clock';
import { startStack, type Stack } from '../support/stack';

// ListSubjectInput.recordIds ("credit records the listing rests on"; an objection to one of them suspends
// the entry's punishment, lists/objection-pauses.ts) must name records in force of the subject listed.
// An id no record has, another subject's record, or a dishonesty record past its 5-year query period
// (001 Art. 30: not used or evaluated) is BAD_USER_INPUT naming the item, and nothing is written.
// The expired case relies on the person subgraphs' by-id read (kit/credit-records/read.ts
// recordByIdLoader) answering a record past its query period as unknown.
let stack: Stack;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const idOf = (r: DemoRecord) => recordId(r.provider, r.providerRecordId);
type Kind = 'unknown' | 'others' | 'expired';
interface Case { subjectId: string; inForce: string; bad: Record<Kind, string> }
const cases: Record<string, Case> = {};

/** A demo subject without list entries holding a record in force and an expired dishonesty record; `other` is another subject's record. */
function pick(type: 'LEGAL_PERSON' | 'NATURAL_PERSON'): Case {
  const size = type === 'LEGAL_PERSON' ? DEMO_SIZES.legalPersons : DEMO_SIZES.naturalPersons;
  const at = (i: number) => {
    if (type === 'LEGAL_PERSON') {
      const lp = legalPersonAt(i);
      return { key: lp.uscc, subjectId: lp.uscc, records: recordsForLegalPerson(i, lp), listed: listEntriesForLegalPerson(i, lp).length > 0 };
    }
    const np = naturalPersonAt(i);
    return { key: np.idNumber, subjectId: naturalPersonId(stack.keys.subjectKey, np.idNumber), records: recordsForNaturalPerson(i, np), listed: listEntriesForNaturalPerson(i, np).length > 0 };
  };
  for (let i = size - 1; i > 1; i--) {
    const s = at(i);
    const inForce = s.records.find((r) => isQueryable(r, today()));
    const expired = s.records.find((r) => !isQueryable(r, today()));
    const other = at(i - 1);
    if (s.listed || !inForce || !expired || other.key === s.key || !other.records.length) continue;
    return { subjectId: s.subjectId, inForce: idOf(inForce), bad: { unknown: randomUUID(), others: idOf(other.records[0]), expired: idOf(expired) } };
  }
  throw new Error(`no ${type} in the demo data fits`);
}

const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id recordIds } }`;
const listing = (subjectType: string, c: Case, recordIds: string[]) => ({
  input: { subjectType, subjectId: c.subjectId, listType: 'KEY_ATTENTION', domain: 'work-safety', basis: '发改财金〔2016〕1001号', decidedOn: '2026-06-01', recordIds },
});
const entriesOf = async (subjectId: string) => Number((await stack.subgraphs.lists.db.query('SELECT COUNT(*) AS n FROM list_entry WHERE subject_id = ?', [subjectId]))[0].n);

beforeAll(async () => {
  stack = await startStack('e2e_listing_records');
  cases.LEGAL_PERSON = pick('LEGAL_PERSON');
  cases.NATURAL_PERSON = pick('NATURAL_PERSON');
}, 180_000);
afterAll(() => stack?.stop());

const rules: Record<Kind, string> = { unknown: 'CREDIT_RECORD_NOT_FOUND', others: 'NOT_THE_RECORD_SUBJECT', expired: 'CREDIT_RECORD_NOT_FOUND' };
const kinds = (['LEGAL_PERSON', 'NATURAL_PERSON'] as const).flatMap((type) => (['unknown', 'others', 'expired'] as const).map((kind) => [type, kind] as const));

test.each(['LEGAL_PERSON', 'NATURAL_PERSON'])('a %s listing resting on its own records in force is listed with them', async (type) => {
  const c = cases[type];
  const res = await stack.query(LIST, { ...dept, variables: listing(type, c, [c.inForce, c.inForce]) });
  expect(res.errors).toBeUndefined();
  expect(res.data.listSubject.recordIds).toEqual([c.inForce]);
  expect(await entriesOf(c.subjectId)).toBe(1);
});

test.each(kinds)('a %s listing resting on a record (%s) is refused naming input.recordIds[1], and nothing is written', async (type, kind) => {
  const c = cases[type];
  const before = await entriesOf(c.subjectId);
  const res = await stack.query(LIST, { ...dept, variables: listing(type, c, [c.inForce, c.bad[kind]]) });
  expect(res.data?.listSubject ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recordIds[1]', rule: rules[kind] });
  expect(await entriesOf(c.subjectId)).toBe(before);
});
