import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile review: submitCreditRecords promises up to 10,000 records per submission, each answered in
// `results`. Natural-person records travel to natural-persons as one outbox row whose `variables`
// column is TEXT (64 KB): a couple of hundred ordinary person records (or 30 with 1,000-character
// contents, well inside the 20,000 allowed) make the insert fail with "Data too long for column
// 'variables'", and the whole submission comes back as DOWNSTREAM_SERVICE_ERROR — an internal error,
// no field, no rule, nothing stored.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_hostile_np_outbox');
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
