import { today } from '../../subgraphs/kit/calendar/clock';
import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// The association half of the loop (000 item 18) and graded supervision (003 items 7–9), end to end
// through the gateway: the grade's list entries come from the lists subgraph through federation.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_assoc_grade');
});
afterAll(() => stack.stop());

const APPLY = `mutation($input: IndustryMeasureInput!) { applyIndustryMeasure(input: $input) { id category title dishonest provider providerRecordId } }`;
const asAssociation = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };
const censure = (uscc: string, idempotencyKey: string) => ({
  input: { idempotencyKey, uscc, measure: 'PUBLIC_CENSURE', reason: '组团社虚假宣传，扰乱行业秩序', decidedOn: today(), decisionNumber: '沪旅协〔2026〕9号' },
});

test('a public censure of a member by demo-association is a dishonesty record that demo-department sees', async () => {
  const member = legalPersonAt(2).uscc;
  const applied = await stack.query(APPLY, { variables: censure(member, 'e2e-censure-1'), ...asAssociation });
  expect(applied.errors).toBeUndefined();
  expect(applied.data.applyIndustryMeasure).toMatchObject({
    category: 'MANAGEMENT', dishonest: true, provider: DEMO_ORGS.association.org, providerRecordId: 'industry-measure:e2e-censure-1',
  });
  const seen = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { creditRecords(category: MANAGEMENT, dishonestOnly: true, first: 100) { edges { node { id title dishonest } } } } }`, {
    variables: { u: member }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
  });
  expect(seen.errors).toBeUndefined();
  expect(seen.data.legalPerson.creditRecords.edges.map((e: { node: { id: string } }) => e.node)).toContainEqual({
    id: applied.data.applyIndustryMeasure.id, title: '行业协会自律惩戒：公开谴责', dishonest: true,
  });
});

test('a non-member is refused with FORBIDDEN; a department may not apply industry measures at all', async () => {
  const outsider = await stack.query(APPLY, { variables: censure(legalPersonAt(77).uscc, 'e2e-outsider'), ...asAssociation });
  expect(outsider.data ?? null).toBeNull();
  expect(outsider.errors?.map((e) => [e.extensions?.code, e.extensions?.rule, e.path?.join('.')])).toEqual([['FORBIDDEN', 'NOT_A_MEMBER', 'applyIndustryMeasure']]);
  const department = await stack.query(APPLY, { variables: censure(legalPersonAt(2).uscc, 'e2e-dept'), clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(department.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
});

test('the demo subject, with an active BLACK entry in the lists subgraph, is graded D for demo-department', async () => {
  const res = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { uscc supervisionGrade { grade reasons inspectionFrequencyFactor } } }`, {
    variables: { u: DEMO_SUBJECT.uscc }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.legalPerson.supervisionGrade).toEqual({ grade: 'D', reasons: ['active BLACK list entry (market-supervision)'], inspectionFrequencyFactor: 3 });
  // The grade is derived from non-public data: the public does not see it.
  const anonymous = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { supervisionGrade { grade } } }`);
  expect(anonymous.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['UNAUTHORIZED_FIELD_OR_TYPE', 'legalPerson.supervisionGrade']]);
});
