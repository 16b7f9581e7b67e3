import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// A refused request leaves the database as it was. An answer over MAX_RESPONSE_BYTES is refused whole
// (400 QUERY_TOO_COMPLEX), but a mutation's size was known only after it ran: submitCreditRecords of
// 2,000 records with 29 long aliases of `results.id` was refused while its 2,000 records were committed.
// It is now refused before it runs, from an estimate of its answer.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_refused_wrote');
}, 180_000);
afterAll(() => stack.stop());

const record = (n: number) => ({
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: '日常检查', content: `答复过大 ${n}`, decidedOn: '2026-09-01', public: false, dishonest: false,
  provider: DEMO_ORGS.department.org, providerRecordId: `too-big-answer-${n}`, item: 'LP-SUPERVISION',
});

test('a submission refused as QUERY_TOO_COMPLEX stores nothing', async () => {
  const records = Array.from({ length: 2_000 }, (_, i) => record(i));
  const aliases = Array.from({ length: 29 }, (_, i) => `${'a'.repeat(300)}${String(i).padStart(2, '0')}: id`).join(' ');
  const refused = await stack.query(`mutation Big($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted results { ${aliases} } } }`,
    { variables: { r: records }, clientId: 'demo-department' });
  expect(refused.status).toBe(400);
  expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  // Sent again with a small answer: had the refusal written nothing, every record would be new.
  const again = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created unchanged } }`,
    { variables: { r: records }, clientId: 'demo-department' });
  expect(again.data.submitCreditRecords).toEqual({ created: 2_000, unchanged: 0 });
}, 120_000);
