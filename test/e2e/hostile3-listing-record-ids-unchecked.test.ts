import { randomUUID } from 'node:crypto';
import { DEMO_ORGS, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile 3: ListSubjectInput.recordIds ("credit records the listing rests on"; an objection to one of
// them suspends the entry's punishment, lists/objection-pauses.ts) is checked for its format only. A
// listing may rest on a record that does not exist, on another subject's record, or on a dishonesty
// record past its 5-year query period (001 Art. 30: not used or evaluated) — each is bad input to name.
let stack: Stack;
const subjects: Record<string, string> = { unknown: legalPersonAt(531).uscc, others: legalPersonAt(532).uscc, expired: legalPersonAt(533).uscc };
const other = legalPersonAt(534).uscc;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const ids: Record<string, string> = {};

async function submit(uscc: string, key: string, decidedOn: string, behaviourEndedOn: string | null): Promise<string> {
  const res = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status id message } } }`, {
    clientId: 'demo-department',
    variables: { r: [{
      subjectType: 'LEGAL_PERSON', subjectId: uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
      title: `hostile3 ${key}`, content: '依据', decidedOn, behaviourEndedOn, public: true, dishonest: true,
      provider: DEMO_ORGS.department.org, providerRecordId: `h3-rec-${key}`, item: 'LP-SUPERVISION',
    }] },
  });
  return res.data.submitCreditRecords.results[0].id;
}

beforeAll(async () => {
  stack = await startStack('h3_listing_records');
  ids.expired = await submit(subjects.expired, 'expired', '2019-03-01', '2019-06-01');
  ids.others = await submit(other, 'others', '2026-03-01', null);
  ids.unknown = randomUUID();
}, 180_000);
afterAll(() => stack?.stop());

test.each(['unknown', 'others', 'expired'])('a listing resting on an %s record is refused naming input.recordIds[0]', async (which) => {
  const res = await stack.query(`mutation($r: ID!, $u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: KEY_ATTENTION, domain: "work-safety", basis: "hostile3 ${which}", decidedOn: "2026-06-01", recordIds: [$r] }) { id recordIds } }`,
    { ...dept, variables: { r: ids[which], u: subjects[which] } });
  expect(res.data?.listSubject ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recordIds[0]' });
});
