import { DEMO_ORGS, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile 3: 001 Art. 32 ¶2 — no credit repair for the special serious behaviours of Art. 26. The
// refusal reads only the list entry's own seriousBehaviour (its domain's default, or the listing unit's
// statement). A BLACK entry in market-supervision (no default) that rests on a record whose provider
// stated LIFE_AND_HEALTH is repairable: repairing the entry stops the punishment the serious behaviour caused.
let stack: Stack;
const subject = legalPersonAt(13).uscc;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };

beforeAll(async () => {
  stack = await startStack('h3_repair_serious');
}, 180_000);
afterAll(() => stack?.stop());

test('a list entry resting on a LIFE_AND_HEALTH record is not repairable', async () => {
  const submitted = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status id rule message } } }`, {
    clientId: 'demo-department',
    variables: { r: [{
      subjectType: 'LEGAL_PERSON', subjectId: subject, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
      title: '销售假药 hostile3', content: '危害生命健康', decidedOn: '2024-05-01', public: true, dishonest: true,
      seriousBehaviour: 'LIFE_AND_HEALTH', provider: DEMO_ORGS.department.org, providerRecordId: 'h3-serious-1', item: 'LP-SUPERVISION',
    }] },
  });
  const recordId = submitted.data.submitCreditRecords.results[0].id;
  expect(recordId).toBeTruthy();

  const listed = await stack.query(`mutation($r: ID!, $u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: BLACK, domain: "market-supervision", basis: "发改财金〔2016〕141号", decidedOn: "2024-06-01", noticeServedOn: "2024-05-20", recordIds: [$r] }) { id status seriousBehaviour recordIds } }`,
    { ...dept, variables: { r: recordId, u: subject } });
  expect(listed.errors).toBeUndefined();
  const entryId = listed.data.listSubject.id;

  // The record itself is refused, as it should be.
  const byRecord = await stack.query(`mutation($id: ID!, $u: ID!) { applyForRepair(input: { creditRecordId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT, RECTIFICATION_PROOF], subjectType: LEGAL_PERSON, subjectId: $u }) { id status } }`,
    { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION', variables: { id: recordId, u: subject } });
  expect(byRecord.errors?.[0]?.extensions?.rule).toBe('REPAIR_NOT_AVAILABLE');

  // The entry the serious record carries must be refused for the same reason.
  const byEntry = await stack.query(`mutation($id: ID!, $u: ID!) { applyForRepair(input: { listEntryId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT, RECTIFICATION_PROOF], subjectType: LEGAL_PERSON, subjectId: $u }) { id status } }`,
    { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION', variables: { id: entryId, u: subject } });
  expect(byEntry.data?.applyForRepair ?? null).toBeNull();
  expect(byEntry.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REPAIR_NOT_AVAILABLE' });
});
