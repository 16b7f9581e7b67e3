import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// "Idempotent on (provider, providerRecordId): a re-sent batch is UNCHANGED and changes nothing" (schema,
// README), for natural-person records too, which natural-persons stores through the outbox: a record
// re-sent unchanged is UNCHANGED, a corrected one UPDATED (they had been ACCEPTED every time).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_np_status');
}, 180_000);
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted unchanged updated results { status } } }`;
const record = (content: string) => ({
  subjectType: 'NATURAL_PERSON', subjectId: DEMO_SUBJECT.legalRepresentativeIdNumber, subjectName: '万诺平',
  category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定书', content,
  decidedOn: '2026-09-01', public: false, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
  provider: DEMO_ORGS.department.org, providerRecordId: 'np-status-1', item: 'NP-SUPERVISION',
});
const stored = async () => {
  const res = await stack.query(`query($k: ResidentIdNumber!) { naturalPerson(idNumber: $k) { creditRecords(first: 100) { edges { node { providerRecordId content } } } } }`,
    { variables: { k: DEMO_SUBJECT.legalRepresentativeIdNumber }, ...department });
  return (res.data?.naturalPerson?.creditRecords.edges ?? []).map((e: any) => e.node).filter((n: any) => n.providerRecordId === 'np-status-1');
};

test('a natural-person record sent again is UNCHANGED, a corrected one UPDATED', async () => {
  const first = await stack.query(SUBMIT, { variables: { r: [record('第一次')] }, ...department });
  expect(first.data.submitCreditRecords.results[0].status).toBe('ACCEPTED');
  await eventually(stored, (rs) => rs.length === 1);
  const again = await stack.query(SUBMIT, { variables: { r: [record('第一次')] }, ...department });
  const corrected = await stack.query(SUBMIT, { variables: { r: [record('更正')] }, ...department });
  expect(await eventually(stored, (rs) => rs[0]?.content === '更正')).toEqual([{ providerRecordId: 'np-status-1', content: '更正' }]);
  expect([again.data.submitCreditRecords.results[0].status, corrected.data.submitCreditRecords.results[0].status]).toEqual(['UNCHANGED', 'UPDATED']);
}, 60_000);

test('a provider record id names one record whichever subgraph holds it: sent for the other subject type it is SUBJECT_TYPE_CHANGED, both ways', async () => {
  const SUBMIT_ONE = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { forwarded results { status field rule } } }`;
  const asCompany = (key: string) => ({ ...record('公司'), subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, subjectName: undefined, providerRecordId: key, item: 'LP-SUPERVISION' });
  const asPerson = (key: string) => ({ ...record('个人'), providerRecordId: key });
  const refused = { status: 'REJECTED', field: 'records[0].subjectType', rule: 'SUBJECT_TYPE_CHANGED' };
  // Company first, then the same key as a person's record: refused in legal-persons, which holds the key.
  expect((await stack.query(SUBMIT_ONE, { variables: { r: [asCompany('key-lp-first')] }, ...department })).data.submitCreditRecords.results[0].status).toBe('ACCEPTED');
  expect((await stack.query(SUBMIT_ONE, { variables: { r: [asPerson('key-lp-first')] }, ...department })).data.submitCreditRecords).toEqual({ forwarded: 0, results: [refused] });
  // A person first (stored by natural-persons on delivery), then the same key as a company's: natural-persons says it holds it.
  expect((await stack.query(SUBMIT_ONE, { variables: { r: [asPerson('key-np-first')] }, ...department })).data.submitCreditRecords.forwarded).toBe(1);
  const delivered = () => stack.subgraphs['natural-persons'].db.query(`SELECT id FROM credit_record WHERE provider_record_id = 'key-np-first'`);
  await eventually(delivered, (rows: unknown[]) => rows.length === 1);
  expect((await stack.query(SUBMIT_ONE, { variables: { r: [asCompany('key-np-first')] }, ...department })).data.submitCreditRecords.results).toEqual([refused]);
  expect(await stack.subgraphs['legal-persons'].db.query(`SELECT id FROM credit_record WHERE provider_record_id = 'key-np-first'`)).toEqual([]);
}, 60_000);

test('a company record under the key of a person record still in the outbox (not yet known to natural-persons) is SUBJECT_TYPE_CHANGED', async () => {
  const SUBMIT_ONE = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { forwarded results { status field rule } } }`;
  const asCompany = { ...record('公司'), subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, subjectName: undefined, providerRecordId: 'key-in-outbox', item: 'LP-SUPERVISION' };
  expect((await stack.query(SUBMIT_ONE, { variables: { r: [{ ...record('个人'), providerRecordId: 'key-in-outbox' }] }, ...department })).data.submitCreditRecords.forwarded).toBe(1);
  // At once, before the relay (every second) delivers the person's record.
  const company = await stack.query(SUBMIT_ONE, { variables: { r: [asCompany] }, ...department });
  expect(company.data.submitCreditRecords.results).toEqual([{ status: 'REJECTED', field: 'records[0].subjectType', rule: 'SUBJECT_TYPE_CHANGED' }]);
  const inNatural = () => stack.subgraphs['natural-persons'].db.query(`SELECT id FROM credit_record WHERE provider_record_id = 'key-in-outbox'`);
  await eventually(inNatural, (rows: unknown[]) => rows.length === 1);
  expect(await stack.subgraphs['legal-persons'].db.query(`SELECT id FROM credit_record WHERE provider_record_id = 'key-in-outbox'`)).toEqual([]);
}, 60_000);
