import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt, recordsForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 31, end to end on MariaDB through the gateway: the demo subject objects to one of its
// dishonesty records, the platform forwards it to demo-department (the record's provider), which
// decides; the outcome reaches legal-persons through the outbox and every read of the record.
let stack: Stack;
beforeAll(async () => {
  process.env.CREDIT_TODAY = '2026-09-30';
  stack = await startStack('e2e_record_objections');
}, 120_000);
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await stack.stop();
});

const self = { clientId: 'demo-subject', purpose: 'SELF_QUERY' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const RECORDS = `query($u: USCC!) { legalPerson(uscc: $u) { dishonestRecordCount supervisionGrade { grade reasons }
  creditRecords(dishonestOnly: true, first: 100) { totalCount edges { node { id title content provider annotation } } } } }`;
const FILE = `mutation($id: ID!) { fileObjection(input: { targetType: CREDIT_RECORD, targetId: $id, reason: "记录与决定书不一致" }) { id status decideBy } }`;
const FORWARD = `mutation($id: ID!) { forwardObjection(id: $id) { id status decideBy } }`;
const DECIDE = `mutation($id: ID!, $outcome: ObjectionOutcome!, $note: String, $correction: CreditRecordCorrectionInput) {
  decideObjection(id: $id, outcome: $outcome, note: $note, correction: $correction) { id status outcome } }`;

interface Read {
  dishonestRecordCount: number;
  creditRecords: { totalCount: number; edges: { node: { id: string; title: string; content: string; provider: string; annotation: string | null } }[] };
}
// A read's fields are separate SELECTs: while the outbox delivers a decision, one read may see the record
// gone and the count not yet dropped, so the tests below wait for the whole outcome, not one sign of it.
const read = async (): Promise<Read> => (await stack.query(RECORDS, { variables: { u: DEMO_SUBJECT.uscc }, ...department })).data.legalPerson;
const recordOf = (r: Read, id: string) => r.creditRecords.edges.find((e) => e.node.id === id)?.node;

/** Files as the subject, forwards as the platform, and returns the objection id (now with the provider). */
async function objectAndForward(recordId: string): Promise<string> {
  const filed = await stack.query(FILE, { variables: { id: recordId }, ...self });
  expect(filed.errors).toBeUndefined();
  const forwarded = await stack.query(FORWARD, { variables: { id: filed.data.fileObjection.id }, ...admin });
  expect(forwarded.data.forwardObjection.status).toBe('FORWARDED');
  return filed.data.fileObjection.id;
}

let records: Read['creditRecords']['edges'];
test('demo data: the demo subject has dishonesty records, all provided by demo-department', async () => {
  const before = await read();
  records = before.creditRecords.edges;
  expect(records.length).toBeGreaterThanOrEqual(3);
  expect(new Set(records.map((e) => e.node.provider))).toEqual(new Set([DEMO_ORGS.department.org]));
  expect(before.dishonestRecordCount).toBe(records.length);
});

test('REVOKED: the record leaves creditRecords and the count drops by one', async () => {
  const before = await read();
  const target = records[0].node.id;
  const id = await objectAndForward(target);
  // The provider's step is the provider's: the platform forwards and reassigns, it does not decide (001 Art. 31).
  const byPlatform = await stack.query(DECIDE, { variables: { id, outcome: 'REVOKED', note: '平台代为决定' }, ...admin });
  expect(byPlatform.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id', rule: 'NOT_THE_DECIDER' });
  const decided = await stack.query(DECIDE, { variables: { id, outcome: 'REVOKED', note: '决定书已撤销' }, ...department });
  expect(decided.data.decideObjection).toEqual({ id, status: 'DECIDED', outcome: 'REVOKED' });
  const after = await eventually(read, (r) => r.dishonestRecordCount === before.dishonestRecordCount - 1
    && r.creditRecords.totalCount === before.creditRecords.totalCount - 1 && recordOf(r, target) === undefined);
  expect(after.dishonestRecordCount).toBe(before.dishonestRecordCount - 1);
  expect(after.creditRecords.totalCount).toBe(before.creditRecords.totalCount - 1);
  expect(recordOf(after, target)).toBeUndefined();
  // A revoked record can no longer be objected to: it is not in force.
  const again = await stack.query(FILE, { variables: { id: target }, ...self });
  expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId', rule: 'CREDIT_RECORD_NOT_FOUND' });
});

test("CORRECTED applies the provider's correction to the record", async () => {
  const target = records[1].node.id;
  const id = await objectAndForward(target);
  const noCorrection = await stack.query(DECIDE, { variables: { id, outcome: 'CORRECTED' }, ...department });
  expect(noCorrection.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction', rule: 'CORRECTION_REQUIRED' });
  const correction = { content: '经复核，罚款金额更正为人民币一万元' };
  const decided = await stack.query(DECIDE, { variables: { id, outcome: 'CORRECTED', correction }, ...department });
  expect(decided.data.decideObjection.outcome).toBe('CORRECTED');
  const after = await eventually(read, (r) => recordOf(r, target)?.content === correction.content);
  expect(recordOf(after, target)).toMatchObject({ content: correction.content, title: records[1].node.title });
});

test('ANNOTATED shows the annotation on the record; a reassignment by the platform is recorded and moves the step', async () => {
  const target = records[2].node.id;
  const id = await objectAndForward(target);
  const REASSIGN = `mutation($id: ID!, $to: String!) { reassignObjection(id: $id, to: $to, reason: "提供单位有误") { decidingUnit steps { step fromUnit toUnit actor reason } } }`;
  const away = await stack.query(REASSIGN, { variables: { id, to: DEMO_ORGS.court.org }, ...admin });
  expect(away.data.reassignObjection.decidingUnit).toBe(DEMO_ORGS.court.org);
  const back = await stack.query(REASSIGN, { variables: { id, to: DEMO_ORGS.department.org }, ...admin });
  expect(back.data.reassignObjection.steps.map((s: { step: string; toUnit: string }) => [s.step, s.toUnit])).toEqual([
    ['FORWARDED', DEMO_ORGS.department.org], ['REASSIGNED', DEMO_ORGS.court.org], ['REASSIGNED', DEMO_ORGS.department.org],
  ]);
  const byDepartment = await stack.query(REASSIGN, { variables: { id, to: DEMO_ORGS.court.org }, ...department });
  expect(byDepartment.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  const note = '当事人对处罚事实有异议，已标注';
  await stack.query(DECIDE, { variables: { id, outcome: 'ANNOTATED', note }, ...department });
  const after = await eventually(read, (r) => recordOf(r, target)?.annotation === note);
  expect(recordOf(after, target)?.annotation).toBe(note);
});

test("a subject cannot object to another subject's record, nor to an unknown one, and cannot tell them apart", async () => {
  const unknown = await stack.query(FILE, { variables: { id: '00000000-0000-4000-a000-000000000000' }, ...self });
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', rule: 'CREDIT_RECORD_NOT_FOUND' });
  const other = recordsForLegalPerson(1, legalPersonAt(1))[0];
  const foreign = await stack.query(FILE, { variables: { id: recordId(other.provider, other.providerRecordId) }, ...self });
  expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId', rule: 'CREDIT_RECORD_NOT_FOUND' });
});

test('record repair (001 Art. 32 ¶1): on the provider’s approval the record leaves every read and count', async () => {
  const before = await read();
  const target = records[3].node.id;
  const APPLY = `mutation($id: ID!) { applyForRepair(input: { creditRecordId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT, RECTIFICATION_PROOF] }) { id status creditRecordId listEntry { id } } }`;
  const applied = await stack.query(APPLY, { variables: { id: target }, ...self });
  expect(applied.data.applyForRepair).toMatchObject({ status: 'PENDING', creditRecordId: target, listEntry: null });
  const DECIDE_REPAIR = `mutation($id: ID!) { decideRepair(id: $id, approve: true, reason: "已整改") { status } }`;
  const byPlatform = await stack.query(DECIDE_REPAIR, { variables: { id: applied.data.applyForRepair.id }, ...admin });
  expect(byPlatform.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_THE_DECIDER' });
  const approved = await stack.query(DECIDE_REPAIR, { variables: { id: applied.data.applyForRepair.id }, ...department });
  expect(approved.data.decideRepair.status).toBe('APPROVED');
  const after = await eventually(read, (r) => recordOf(r, target) === undefined && r.dishonestRecordCount === before.dishonestRecordCount - 1);
  expect(recordOf(after, target)).toBeUndefined();
  expect(after.dishonestRecordCount).toBe(before.dishonestRecordCount - 1);
});

test('000 item 17: an objection to a record a listing rests on suspends its punishment in Jing’an, through federation alone', async () => {
  const company = legalPersonAt(49); // no list entry in the demo data
  const record = recordsForLegalPerson(49, company)[0];
  const rid = recordId(record.provider, record.providerRecordId);
  const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id status recordIds jurisdiction } }`;
  const listed = await stack.query(LIST, {
    variables: { input: { subjectType: 'LEGAL_PERSON', subjectId: company.uscc, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-09-01', noticeServedOn: '2026-08-25', recordIds: [rid] } },
    ...department,
  });
  expect(listed.data.listSubject).toMatchObject({ status: 'ACTIVE', recordIds: [rid], jurisdiction: '310106' });
  const MEASURES = `query($u: USCC!) { legalPerson(uscc: $u) { applicableMeasures(purpose: DAILY_SUPERVISION) { suspended suspensionReason } } }`;
  const measures = async () => (await stack.query(MEASURES, { variables: { u: company.uscc }, ...department })).data.legalPerson.applicableMeasures as { suspended: boolean; suspensionReason: string | null }[];
  expect((await measures()).length).toBeGreaterThan(0);
  expect((await measures()).every((m) => !m.suspended)).toBe(true);
  const FILE_FOR = `mutation($id: ID!, $u: ID!) { fileObjection(input: { targetType: CREDIT_RECORD, targetId: $id, reason: "处罚依据的记录有误", subjectType: LEGAL_PERSON, subjectId: $u }) { id } }`;
  const filed = await stack.query(FILE_FOR, { variables: { id: rid, u: company.uscc }, ...department });
  expect(filed.errors).toBeUndefined();
  const during = await measures();
  expect(during.every((m) => m.suspended)).toBe(true);
  expect(during[0].suspensionReason).toContain(`objection ${filed.data.fileObjection.id} under verification (310106: suspended while verified, 000 item 17)`);
});

test("CORRECTED holds against the provider's routine re-send of its batch; a resubmission with new values is the provider's own correction", async () => {
  const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created updated unchanged results { status id message } } }`;
  const READ = `query($u: USCC!) { legalPerson(uscc: $u) { dishonestRecordCount creditRecords(first: 100) { edges { node { id content dishonest } } } } }`;
  const readAll = async () => (await stack.query(READ, { variables: { u: DEMO_SUBJECT.uscc }, ...department })).data.legalPerson;
  const nodeOf = (lp: { creditRecords: { edges: { node: { id: string; content: string; dishonest: boolean } }[] } }, id: string) => lp.creditRecords.edges.find((e) => e.node.id === id)?.node;
  const record = {
    subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: DEMO_ORGS.department.name,
    title: '行政处罚决定', content: '罚款人民币十万元', decidedOn: '2026-08-03', public: false, dishonest: true,
    provider: DEMO_ORGS.department.org, providerRecordId: 'objected-resend-1', item: 'LP-SUPERVISION',
  };
  const sent = await stack.query(SUBMIT, { variables: { r: [record] }, ...department });
  const target = sent.data.submitCreditRecords.results[0].id as string;
  expect(sent.data.submitCreditRecords.results[0].status).toBe('ACCEPTED');
  const before = await eventually(readAll, (lp) => nodeOf(lp, target) !== undefined);

  const id = await objectAndForward(target);
  const correction = { content: '经复核，不构成失信，罚款更正为人民币一千元', dishonest: false };
  expect((await stack.query(DECIDE, { variables: { id, outcome: 'CORRECTED', note: '更正', correction }, ...department })).errors).toBeUndefined();
  const corrected = await eventually(readAll, (lp) => nodeOf(lp, target)?.content === correction.content && lp.dishonestRecordCount === before.dishonestRecordCount - 1);
  expect(nodeOf(corrected, target)).toMatchObject(correction);

  // The provider's nightly sync sends its batch again: kept as the decision left it, and told why.
  const again = await stack.query(SUBMIT, { variables: { r: [record] }, ...department });
  expect(again.errors).toBeUndefined();
  expect(again.data.submitCreditRecords).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  expect(again.data.submitCreditRecords.results[0]).toEqual({ status: 'UNCHANGED', id: target, message: expect.stringContaining('kept as corrected by the objection decision of 2026-09-30') });
  const after = await readAll();
  expect(nodeOf(after, target)).toMatchObject(correction);
  expect(after.dishonestRecordCount).toBe(corrected.dishonestRecordCount);

  // New values are the provider's own correction, as before any objection.
  const own = await stack.query(SUBMIT, { variables: { r: [{ ...record, content: '罚款人民币五万元' }] }, ...department });
  expect(own.data.submitCreditRecords.results[0]).toMatchObject({ status: 'UPDATED', id: target, message: null });
  expect(nodeOf(await readAll(), target)).toMatchObject({ content: '罚款人民币五万元', dishonest: true });
}, 60_000);

test.each([
  ['behaviourEndedOn', '9999-12-31', 'ENDED_IN_FUTURE'],
  ['decidedOn', '2030-01-01', 'DECIDED_IN_FUTURE'],
])('a CORRECTED decision cannot set %s after its day (%s): BAD_USER_INPUT %s, the record as it was', async (name, value, rule) => {
  const target = records[2].node.id;
  const id = await objectAndForward(target);
  const decided = await stack.query(DECIDE, { variables: { id, outcome: 'CORRECTED', correction: { [name]: value } }, ...department });
  expect(decided.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `correction.${name}`, rule });
  // Still open: the provider decides it properly.
  expect((await stack.query(DECIDE, { variables: { id, outcome: 'REJECTED', note: '记录无误' }, ...department })).data.decideObjection.status).toBe('DECIDED');
});
