import { DEMO_ORGS, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { SERIOUS_BEHAVIOURS } from '../../subgraphs/kit/protocol/serious-behaviour';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 32 ¶2: no credit repair for the special serious behaviours of Art. 26 — neither of a record
// its provider states to be one, nor of a list entry resting on such a record (the entry in
// market-supervision has no default category and states none itself): repairing the entry would end
// the punishment the serious behaviour caused. A refused application writes nothing.
let stack: Stack;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const APPLY = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id status } }`;
const evidence = ['PUBLIC_CREDIT_COMMITMENT', 'RECTIFICATION_PROOF'];

beforeAll(async () => {
  stack = await startStack('repair_serious');
}, 180_000);
afterAll(() => stack?.stop());

/** A dishonesty record of `uscc` with the provider's Art. 26 category (or none), and a BLACK entry resting on it. */
async function recordAndEntry(uscc: string, seriousBehaviour: string | null, tag: string): Promise<{ recordId: string; entryId: string }> {
  const submitted = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status id rule message } } }`, {
    clientId: 'demo-department',
    variables: { r: [{
      subjectType: 'LEGAL_PERSON', subjectId: uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
      title: `违法行为 ${tag}`, content: '行政处罚', decidedOn: '2024-05-01', public: true, dishonest: true,
      seriousBehaviour, provider: DEMO_ORGS.department.org, providerRecordId: `repair-serious-${tag}`, item: 'LP-SUPERVISION',
    }] },
  });
  const recordId = submitted.data.submitCreditRecords.results[0].id;
  expect(recordId).toBeTruthy();
  const listed = await stack.query(`mutation($r: ID!, $u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: BLACK, domain: "market-supervision", basis: "发改财金〔2016〕141号", decidedOn: "2024-06-01", noticeServedOn: "2024-05-20", recordIds: [$r] }) { id seriousBehaviour recordIds } }`,
    { ...dept, variables: { r: recordId, u: uscc } });
  expect(listed.errors).toBeUndefined();
  expect(listed.data.listSubject).toMatchObject({ seriousBehaviour: null, recordIds: [recordId] });
  return { recordId, entryId: listed.data.listSubject.id };
}

const repairApplications = async (uscc: string) =>
  (await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { repairApplications { id } } }`, { ...admin, variables: { u: uscc } })).data.legalPerson.repairApplications;

describe.each(SERIOUS_BEHAVIOURS.map((value, i) => [value, legalPersonAt(13 + i).uscc]))('a %s record', (value, uscc) => {
  let ids: { recordId: string; entryId: string };
  beforeAll(async () => {
    ids = await recordAndEntry(uscc, value, value);
  });

  test.each([
    ['the record', 'creditRecordId', 'recordId'],
    ['the entry resting on it', 'listEntryId', 'entryId'],
  ] as const)('%s is not repairable', async (_, field, target) => {
    const res = await stack.query(APPLY, { ...admin, variables: { input: { [field]: ids[target], evidence, subjectType: 'LEGAL_PERSON', subjectId: uscc } } });
    expect(res.data?.applyForRepair ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REPAIR_NOT_AVAILABLE', field: `input.${field}` });
    // The refusal names the record and its category, also for the entry.
    expect(res.errors?.[0]?.message).toContain(`credit record ${ids.recordId}`);
    expect(res.errors?.[0]?.message).toContain(value);
    expect(await repairApplications(uscc)).toEqual([]);
  });
});

test('an entry resting on a record with no Art. 26 category is repairable', async () => {
  const uscc = legalPersonAt(13 + SERIOUS_BEHAVIOURS.length).uscc;
  const { entryId } = await recordAndEntry(uscc, null, 'none');
  const res = await stack.query(APPLY, { ...admin, variables: { input: { listEntryId: entryId, evidence, subjectType: 'LEGAL_PERSON', subjectId: uscc } } });
  expect(res.errors).toBeUndefined();
  expect(res.data.applyForRepair).toMatchObject({ status: 'PENDING' });
  // The read the refusals above use sees an accepted application.
  expect(await repairApplications(uscc)).toEqual([{ id: res.data.applyForRepair.id }]);
});
