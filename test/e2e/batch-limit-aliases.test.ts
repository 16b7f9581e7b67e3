import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { makeUscc } from '../../subgraphs/kit/protocol/codes';
import { startStack, type Stack } from '../support/stack';

// The batch limits — 10,000 subjects per query (MAX_SUBJECTS_PER_QUERY), 10,000 records per submission —
// hold per operation: the same list split over two aliases is refused as the whole list is. Checked per
// field by the subgraphs only, a query's shape lifted them (12 aliases of 10,000 USCCs fit the data cost).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_batch_aliases');
}, 180_000);
afterAll(() => stack.stop());

const usccs = (from: number, n: number) => Array.from({ length: n }, (_, i) => makeUscc('9', '1', '310106', String(from + i).padStart(8, '0')));
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

test('12,000 subjects in one query: refused as one list, answered when split over two aliases', async () => {
  const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
  const whole = await stack.query(`query($a: [USCC!]!) { legalPersons(usccs: $a) { uscc } }`, { variables: { a: usccs(0, 12_000) }, ...department });
  expect(codes(whole)).toContain('BATCH_TOO_LARGE');
  const split = await stack.query(`query($a: [USCC!]!, $b: [USCC!]!) { a: legalPersons(usccs: $a) { uscc } b: legalPersons(usccs: $b) { uscc } }`,
    { variables: { a: usccs(0, 6_000), b: usccs(6_000, 6_000) }, ...department });
  expect(codes(split)).toContain('BATCH_TOO_LARGE');
}, 120_000);

test('12,000 records in one request: refused as one submission, taken when split over two aliases', async () => {
  const record = (n: number) => ({
    subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
    title: '日常检查', content: `批量 ${n}`, decidedOn: '2026-09-01', public: false, dishonest: false,
    provider: DEMO_ORGS.department.org, providerRecordId: `alias-batch-${n}`, item: 'LP-SUPERVISION',
  });
  const records = Array.from({ length: 12_000 }, (_, i) => record(i));
  const whole = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r, atomic: true) { accepted } }`, { variables: { r: records }, clientId: 'demo-department' });
  expect(codes(whole)).toContain('BATCH_TOO_LARGE');
  const split = await stack.query(`mutation($a: [CreditRecordInput!]!, $b: [CreditRecordInput!]!) { a: submitCreditRecords(records: $a, atomic: true) { accepted } b: submitCreditRecords(records: $b, atomic: true) { accepted } }`,
    { variables: { a: records.slice(0, 6_000), b: records.slice(6_000) }, clientId: 'demo-department' });
  expect(codes(split)).toContain('BATCH_TOO_LARGE');
}, 180_000);
