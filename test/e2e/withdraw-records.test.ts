import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 32 ¶3: a penalty revoked on reconsideration or appeal is deleted. The providing unit withdraws
// its own record — a company's in legal-persons, a person's in natural-persons — and it leaves every read.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_withdraw');
});
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const court = { clientId: 'demo-court', purpose: 'JUDICIAL' };
const PERSON = DEMO_SUBJECT.legalRepresentativeIdNumber;
const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted results { status rule id message } } }`;
const record = (subjectType: string, subjectId: string, n: string) => ({
  subjectType, subjectId, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定书', content: `撤回测试 ${n}`,
  decidedOn: '2026-09-01', public: false, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
  provider: DEMO_ORGS.department.org, providerRecordId: `withdraw-${n}`, item: subjectType === 'LEGAL_PERSON' ? 'LP-SUPERVISION' : 'NP-SUPERVISION',
  ...(subjectType === 'NATURAL_PERSON' ? { subjectName: '万诺平' } : {}),
});
const titles = async (type: 'legal' | 'natural') => (await stored(type)).map((r) => r.id);
const stored = async (type: 'legal' | 'natural'): Promise<{ id: string; providerRecordId: string }[]> => {
  const q = type === 'legal'
    ? `query($k: USCC!) { legalPerson(uscc: $k) { creditRecords(first: 100) { edges { node { id providerRecordId } } } } }`
    : `query($k: ResidentIdNumber!) { naturalPerson(idNumber: $k) { creditRecords(first: 100) { edges { node { id providerRecordId } } } } }`;
  const res = await stack.query(q, { variables: { k: type === 'legal' ? DEMO_SUBJECT.uscc : PERSON }, ...department });
  const subject = res.data?.legalPerson ?? res.data?.naturalPerson;
  return (subject?.creditRecords.edges ?? []).map((e: { node: { id: string; providerRecordId: string } }) => e.node);
};

test.each([
  ['legal', 'LEGAL_PERSON', DEMO_SUBJECT.uscc, 'withdrawCreditRecord'],
  ['natural', 'NATURAL_PERSON', PERSON, 'withdrawNaturalPersonCreditRecord'],
] as const)('a %s-person record: another unit is FORBIDDEN, its provider withdraws it, then it is gone and NOT_FOUND', async (kind, subjectType, subjectId, mutation) => {
  const submitted = await stack.query(SUBMIT, { variables: { r: [record(subjectType, subjectId, kind)] }, ...department });
  const [result] = submitted.data.submitCreditRecords.results;
  expect(result).toMatchObject({ status: 'ACCEPTED', rule: null });
  // A person's record reaches natural-persons through the outbox, which gives it its id there.
  const arrived = await eventually(() => stored(kind), (rs) => rs.some((r) => r.providerRecordId === `withdraw-${kind}`));
  const id = arrived.find((r) => r.providerRecordId === `withdraw-${kind}`)!.id;
  expect(result.id).toBe(kind === 'legal' ? id : null);
  const WITHDRAW = `mutation($id: ID!) { ${mutation}(id: $id, reason: "行政复议决定撤销原处罚") }`;
  const refused = await stack.query(WITHDRAW, { variables: { id }, ...court });
  expect(refused.errors?.map((e) => [e.extensions?.code, e.extensions?.rule])).toEqual([['FORBIDDEN', 'OWN_PROVIDER_ONLY']]);
  expect(await titles(kind)).toContain(id);
  expect((await stack.query(WITHDRAW, { variables: { id }, ...department })).data?.[mutation]).toBe(true);
  expect(await titles(kind)).not.toContain(id);
  const again = await stack.query(WITHDRAW, { variables: { id }, ...department });
  expect(again.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['NOT_FOUND', 'id']]);
  // Sent again (a routine re-send of the batch), it does not come back, and the answer says so.
  const resent = (await stack.query(SUBMIT, { variables: { r: [record(subjectType, subjectId, kind)] }, ...department })).data.submitCreditRecords.results[0];
  expect(resent).toMatchObject({ status: 'UNCHANGED', message: expect.stringContaining('stays out of every read and count') });
  // Once legal-persons' outbox has delivered it (a person's record is stored by natural-persons), it is still out.
  const undelivered = async () => Number((await stack.subgraphs['legal-persons'].db.query('SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL'))[0].n);
  expect(await eventually(undelivered, (n) => n === 0)).toBe(0);
  expect(await titles(kind)).not.toContain(id);
}, 60_000);
