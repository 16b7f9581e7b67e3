import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// submitCreditRecords takes up to 10,000 records per submission. Natural-person records travel to
// natural-persons through the outbox: as one row with a TEXT (64 KB) column, a couple of hundred ordinary
// person records (or 30 with 1,000-character contents) failed the whole submission with
// DOWNSTREAM_SERVICE_ERROR ("Data too long for column 'variables'"); now in rows of ~1 MB, MEDIUMTEXT.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_np_outbox');
}, 180_000);
afterAll(() => stack.stop());

const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted forwarded rejected results { status rule } } }`;
const personRecord = (n: number, content = `人员记录 ${n}`) => ({
  subjectType: 'NATURAL_PERSON', subjectId: DEMO_SUBJECT.legalRepresentativeIdNumber, subjectName: '万诺平',
  category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定书', content,
  decidedOn: '2026-09-01', public: false, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
  provider: DEMO_ORGS.department.org, providerRecordId: `np-size-${n}-${content.length}`, item: 'NP-SUPERVISION',
});

test.each([
  ['200 ordinary person records', Array.from({ length: 200 }, (_, i) => personRecord(i))],
  ['30 person records with 1,000-character contents', Array.from({ length: 30 }, (_, i) => personRecord(i, '处'.repeat(1000)))],
])('%s are all forwarded, not an internal error', async (_label, records) => {
  const res = await stack.query(SUBMIT, { variables: { r: records }, clientId: 'demo-department' });
  expect(res.errors?.map((e) => e.extensions?.code)).toBeUndefined();
  expect(res.data.submitCreditRecords).toMatchObject({ accepted: records.length, forwarded: records.length, rejected: 0 });
}, 60_000);
