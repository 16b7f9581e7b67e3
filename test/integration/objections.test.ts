import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt, listEntriesForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { addYears } from '../../subgraphs/kit/calendar/dates';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import type { RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { demoObjections } from '../../subgraphs/objections/seed';
import { courtListed, eventually, legalEntry, seededEntryIds, startObjectionsStack, type ObjectionsStack } from '../support/objections-stack';
import { testCaller } from '../support/subgraph-client';

// The objections subgraph with the real lists subgraph: entry facts come from lists' `_entities`, and
// the outbox relay delivers decisions to it. The attacks of the security review are in objections-entries.test.ts.
let stack: ObjectionsStack;
let keys: KeyFiles;
let sub: RunningSubgraph;
const caller = testCaller();
const call = (query: string, variables?: Record<string, unknown>, as = caller) => stack.call(query, variables, as);
const subject = testCaller({ kind: 'SUBJECT', clientId: 'demo-subject', org: DEMO_SUBJECT.uscc, subject: { type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc } });
const demoEntry = listEntriesForLegalPerson(0, DEMO_SUBJECT)[0];
/** What the lists subgraph gives the objections subgraph through @requires. */
const demoKey = `LEGAL_PERSON:${DEMO_SUBJECT.uscc}`;
const entryStatus = (id: string) => stack.callLists(`query($id: ID!) { listEntry(id: $id) { status endReason } }`, { id }).then((r) => r.data.listEntry);

beforeAll(async () => {
  process.env.CREDIT_TODAY = '2026-09-30';
  stack = await startObjectionsStack('objections');
  ({ keys, objections: sub } = stack);
});
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await stack.stop();
});

const count = async (table: string) => Number((await sub.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const selects = async (query: string, variables: Record<string, unknown>) => {
  sub.counter.start();
  const res = await call(query, variables);
  const statements = sub.counter.stop();
  expect(res.errors).toBeUndefined();
  return { res, selects: statements.filter((s) => /^\s*SELECT/i.test(s)).length };
};

const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) {
  id status filedOn decideBy forwardBy forwardedOn jurisdiction subject { __typename ... on LegalPerson { uscc } } } }`;
const DECIDE = `mutation($id: ID!, $outcome: ObjectionOutcome!, $note: String) { decideObjection(id: $id, outcome: $outcome, note: $note) { id status outcome decidedOn note } }`;
const DECIDE_CORRECTED = `mutation($id: ID!, $correction: CreditRecordCorrectionInput) { decideObjection(id: $id, outcome: CORRECTED, correction: $correction) { id status outcome decidedOn } }`;
/** The demo subject's published penalty (kit/demo/demo-data.ts), provided by demo-department. */
const demoPenalty = recordId(DEMO_ORGS.department.org, 'lp-rec:demo-penalty');
const SUSPENSION = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { punishmentSuspension { suspended reason } } } }`;

describe('demo data', () => {
  test('is seeded once, and the demo subject has no objection yet', async () => {
    const { objections: seeded, repairs } = demoObjections(keys);
    expect(await count('objection')).toBe(seeded.length);
    expect(await count('repair_application')).toBe(repairs.length);
    expect(seeded.some((o) => o.subjectId === DEMO_SUBJECT.uscc)).toBe(false);
    const res = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { objections { id } repairApplications { id } } } }`, {
      r: [{ __typename: 'LegalPerson', uscc: DEMO_SUBJECT.uscc, callerMayRead: true }],
    });
    expect(res.data._entities).toEqual([{ objections: [], repairApplications: [] }]);
  });

  test('objections and repair applications read back with subject and list-entry references', async () => {
    const { objections: seeded, repairs } = demoObjections(keys);
    const res = await call(`query($o: ID!, $r: ID!) {
      objection(id: $o) { id status targetType subject { __typename ... on LegalPerson { uscc } } }
      repairApplication(id: $r) { status evidence listEntry { id } subject { __typename ... on NaturalPerson { id } } } }`, { o: seeded[0].id, r: repairs[2].id });
    expect(res.data.objection).toEqual({ id: seeded[0].id, status: 'FILED', targetType: 'LIST_ENTRY', subject: { __typename: 'LegalPerson', uscc: seeded[0].subjectId } });
    expect(res.data.repairApplication).toMatchObject({ status: 'REJECTED', listEntry: { id: repairs[2].listEntryId }, subject: { __typename: 'NaturalPerson', id: repairs[2].subjectId } });
    expect(res.data.repairApplication.evidence).toContain('PUBLIC_CREDIT_COMMITMENT');
  });
});

describe('one SELECT per requested field for 500 representations', () => {
  const usccs = Array.from({ length: 500 }, (_, i) => legalPersonAt(i).uscc);
  test.each(['objections { id }', 'repairApplications { id }'])('LegalPerson.%s', async (field) => {
    const { res, selects: n } = await selects(`query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { ${field} } } }`, {
      r: usccs.map((uscc) => ({ __typename: 'LegalPerson', uscc, callerMayRead: true })),
    });
    expect(res.data._entities).toHaveLength(500);
    expect(n).toBe(1);
  });

  test.each(['objections { id }', 'repairApplications { id }', 'punishmentSuspension { suspended }'])('ListEntry.%s', async (field) => {
    const r = Array.from({ length: 500 }, (_, i) => ({ __typename: 'ListEntry', id: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`, jurisdiction: '310106', callerMayRead: true }));
    const { selects: n } = await selects(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { ${field} } } }`, { r });
    expect(n).toBe(1);
  });

  test('NaturalPerson.objections and Objection references', async () => {
    const people = await selects(`query($r: [_Any!]!) { _entities(representations: $r) { ... on NaturalPerson { objections { id } } } }`, {
      r: Array.from({ length: 500 }, (_, i) => ({ __typename: 'NaturalPerson', id: `np_${String(i).padStart(22, '0')}` })),
    });
    expect(people.selects).toBe(1);
    const ids = demoObjections(keys).objections.map((o) => o.id);
    const refs = await selects(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Objection { id status } } }`, {
      r: Array.from({ length: 500 }, (_, i) => ({ __typename: 'Objection', id: ids[i % ids.length] })),
    });
    expect(refs.res.data._entities[7].id).toBe(ids[1]);
    expect(refs.selects).toBe(1);
  });
});

describe('fileObjection', () => {
  test('a subject objects for itself; 5 working days to decide, 2 to forward, across Golden Week', async () => {
    const res = await call(FILE, { input: { targetType: 'LIST_ENTRY', targetId: demoEntry.id, reason: '列入依据的处罚决定已被撤销' } }, subject);
    expect(res.errors).toBeUndefined();
    expect(res.data.fileObjection).toMatchObject({
      status: 'FILED', filedOn: '2026-09-30', decideBy: '2026-10-13', forwardBy: '2026-10-09', forwardedOn: null, jurisdiction: '310106',
      subject: { __typename: 'LegalPerson', uscc: DEMO_SUBJECT.uscc },
    });
    const again = await call(FILE, { input: { targetType: 'LIST_ENTRY', targetId: demoEntry.id, reason: '再次提出' } }, subject);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.targetId', rule: 'OBJECTION_ALREADY_OPEN' });
  });

  test("Jing'an suspends joint punishment while the objection is open; the reason names it and the rule", async () => {
    const open = (await sub.db.query(`SELECT id FROM objection WHERE target_id = ? AND status <> 'DECIDED'`, [demoEntry.id]))[0].id;
    const res = await call(SUSPENSION, { r: [{ __typename: 'ListEntry', id: demoEntry.id, jurisdiction: '310106', recordIds: [], subjectKey: demoKey, callerMayRead: true }, { __typename: 'ListEntry', id: demoEntry.id, jurisdiction: '370115', recordIds: [], subjectKey: demoKey, callerMayRead: true }] });
    expect(res.data._entities[0].punishmentSuspension).toEqual({ suspended: true, reason: `objection ${open} under verification (310106: suspended while verified, 000 item 17)` });
    expect(res.data._entities[1].punishmentSuspension.suspended).toBe(false);
  });

  test('Jiyang routes an objection to a listing to the department that listed it, at once', async () => {
    const jiyang = legalEntry(seededEntryIds(keys), '2026-09-30', (e) => e.jurisdiction === '370115');
    const res = await call(FILE, { input: { targetType: 'LIST_ENTRY', targetId: jiyang.id, reason: '认定主体错误', jurisdiction: '370115', subjectType: 'LEGAL_PERSON', subjectId: jiyang.subjectKey } });
    expect(res.data.fileObjection).toMatchObject({ status: 'FORWARDED', forwardedOn: '2026-09-30', decideBy: '2026-10-13', forwardBy: null, subject: { uscc: jiyang.subjectKey } });
    const id = res.data.fileObjection.id;
    const sameDivision = await call(DECIDE, { id, outcome: 'ANNOTATED', note: '已标注' }, testCaller({ kind: 'DEPARTMENT', org: 'JIYANG-OTHER', jurisdiction: '370115' }));
    expect(sameDivision.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_THE_DECIDER' });
    const lister = await call(DECIDE, { id, outcome: 'ANNOTATED', note: '已标注' }, testCaller({ kind: 'DEPARTMENT', org: jiyang.listedBy, jurisdiction: '370115' }));
    expect(lister.data.decideObjection).toMatchObject({ status: 'DECIDED', outcome: 'ANNOTATED' });
  });

  test('a subject may not object for another; others must name the subject; bad input writes nothing', async () => {
    const before = await count('objection');
    const input = { targetType: 'CREDIT_RECORD', targetId: '20000000-0000-4000-a000-000000000001', reason: '记录错误' };
    const other = await call(FILE, { input: { ...input, subjectType: 'LEGAL_PERSON', subjectId: legalPersonAt(5).uscc } }, subject);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_YOURSELF' });
    const none = await call(FILE, { input });
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subjectId', rule: 'REQUIRED' });
    const date = await call(FILE, { input: { ...input, filedOn: '2026-13-01' } }, subject);
    expect(date.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filedOn', rule: 'ISO_DATE' });
    expect(await count('objection')).toBe(before);
  });
});

describe('forwarding and deciding', () => {
  test('forwarded on Fri 2026-10-09: the provider has 5 working days, counting the 调休 Saturday Oct 10', async () => {
    const filed = await call(FILE, { input: { targetType: 'CREDIT_RECORD', targetId: demoPenalty, reason: '数据错误' } }, subject);
    process.env.CREDIT_TODAY = '2026-10-09';
    const res = await call(`mutation($id: ID!) { forwardObjection(id: $id, provider: "PROVIDER-1") { status forwardedOn decideBy forwardedLate } }`, { id: filed.data.fileObjection.id });
    expect(res.data.forwardObjection).toEqual({ status: 'FORWARDED', forwardedOn: '2026-10-09', decideBy: '2026-10-15', forwardedLate: false });
    const wrongUnit = await call(DECIDE, { id: filed.data.fileObjection.id, outcome: 'CORRECTED' }, testCaller({ kind: 'DEPARTMENT', org: 'OTHER' }));
    expect(wrongUnit.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_THE_DECIDER' });
    const provider = await call(DECIDE_CORRECTED, { id: filed.data.fileObjection.id, correction: { content: '罚款金额更正' } }, testCaller({ kind: 'DEPARTMENT', org: 'PROVIDER-1' }));
    expect(provider.data.decideObjection).toMatchObject({ status: 'DECIDED', outcome: 'CORRECTED', decidedOn: '2026-10-09' });
    process.env.CREDIT_TODAY = '2026-09-30';
  });

  test('REVOKED on a list entry ends the listing through the outbox, in the same transaction', async () => {
    const id = (await sub.db.query(`SELECT id FROM objection WHERE target_id = ? AND status <> 'DECIDED'`, [demoEntry.id]))[0].id;
    const rejectedWithoutNote = await call(DECIDE, { id, outcome: 'REJECTED' });
    expect(rejectedWithoutNote.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note', rule: 'NOTE_REQUIRED' });
    const outboxBefore = await count('outbox');
    const res = await call(DECIDE, { id, outcome: 'REVOKED', note: '处罚决定已撤销' });
    expect(res.data.decideObjection).toMatchObject({ status: 'DECIDED', outcome: 'REVOKED', decidedOn: '2026-09-30' });
    // Two messages to lists, in this order: verification is over (RESUMED in listChanges), then the revocation.
    expect(await count('outbox')).toBe(outboxBefore + 2);
    const [row, state] = await sub.db.query(`SELECT target, variables FROM outbox ORDER BY id DESC LIMIT 2`);
    expect([row.target, state.target]).toEqual(['lists', 'lists']);
    expect(JSON.parse(state.variables)).toMatchObject({ objectionId: id, targetType: 'LIST_ENTRY', targetId: demoEntry.id, open: false, on: '2026-09-30' });
    expect(JSON.parse(row.variables)).toEqual({ id: demoEntry.id, status: 'REVOKED', reason: `objection ${id} decided REVOKED: 处罚决定已撤销`, endedOn: '2026-09-30', decisionRef: id });
    const again = await call(DECIDE, { id, outcome: 'REJECTED', note: 'x' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'ALREADY_DECIDED' });
    const suspension = await call(SUSPENSION, { r: [{ __typename: 'ListEntry', id: demoEntry.id, jurisdiction: '310106', recordIds: [], subjectKey: demoKey, callerMayRead: true }] });
    expect(suspension.data._entities[0].punishmentSuspension).toEqual({ suspended: false, reason: 'no objection under verification' });
    // The relay delivers it to the lists subgraph: the entry is revoked there.
    expect(await eventually(() => entryStatus(demoEntry.id), (e) => e.status === 'REVOKED')).toMatchObject({ status: 'REVOKED', endReason: `objection ${id} decided REVOKED: 处罚决定已撤销` });
  });
});

describe('credit repair', () => {
  const APPLY = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id status appliedOn evidence } }`;
  const DECIDE_REPAIR = `mutation($id: ID!, $approve: Boolean!, $reason: String) { decideRepair(id: $id, approve: $approve, reason: $reason) { id status decidedOn reason } }`;

  test('refused for a court-list entry (001 Art. 26 (三), a fact of the listing) and without a public credit commitment, writing nothing', async () => {
    const before = await count('repair_application');
    const { entry, personId } = courtListed(keys, 2);
    const person = testCaller({ kind: 'SUBJECT', clientId: 'np-subject', org: null, subject: { type: 'NATURAL_PERSON', id: personId } });
    const court = await call(APPLY, { input: { listEntryId: entry.id, evidence: ['PUBLIC_CREDIT_COMMITMENT', 'OBLIGATIONS_PERFORMED'] } }, person);
    expect(court.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.listEntryId', rule: 'REPAIR_NOT_AVAILABLE' });
    expect(court.errors?.[0].message).toContain('001 Art. 26 (三)');
    const other = courtListed(keys, 3).entry;
    const notOwn = await call(APPLY, { input: { listEntryId: other.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'] } }, person);
    // Another person's entry is answered as an unknown one (no FORBIDDEN saying it exists).
    expect(notOwn.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.listEntryId', rule: 'LIST_ENTRY_NOT_FOUND' });
    // A BLACK entry may be repaired one year after its decision (credit-periods.yaml).
    const recent = legalEntry(seededEntryIds(keys), '2026-09-30', (e) => e.listType === 'BLACK' && e.domain !== 'court-enforcement' && e.decidedOn > '2025-10-01');
    const owner = testCaller({ kind: 'SUBJECT', clientId: 'recent', org: recent.subjectKey, subject: { type: 'LEGAL_PERSON', id: recent.subjectKey } });
    const early = await call(APPLY, { input: { listEntryId: recent.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'] } }, owner);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.listEntryId', rule: 'MINIMUM_PERIOD_NOT_PASSED' });
    expect(early.errors?.[0].message).toContain(`may be repaired from ${addYears(recent.decidedOn, 1)}`);
    const noCommitment = await call(APPLY, { input: { listEntryId: demoEntry.id, evidence: ['REPAIR_TRAINING'] } }, subject);
    expect(noCommitment.errors?.[0].extensions).toMatchObject({ field: 'input.evidence', rule: 'PUBLIC_CREDIT_COMMITMENT_REQUIRED' });
    const both = await call(APPLY, { input: { listEntryId: demoEntry.id, creditRecordId: demoPenalty, evidence: ['PUBLIC_CREDIT_COMMITMENT'] } }, subject);
    expect(both.errors?.[0].extensions).toMatchObject({ field: 'input.listEntryId', rule: 'ONE_TARGET' });
    expect(await count('repair_application')).toBe(before);
  });

  test('a company applies for its own entry; the department that listed it approves; the relay removes it', async () => {
    const entry = legalEntry(seededEntryIds(keys), '2026-09-30', (e) => e.listType === 'BLACK' && e.listedBy === DEMO_ORGS.department.org);
    const company = testCaller({ kind: 'SUBJECT', clientId: 'company', org: entry.subjectKey, subject: { type: 'LEGAL_PERSON', id: entry.subjectKey } });
    const applied = await call(APPLY, { input: { listEntryId: entry.id, evidence: ['PUBLIC_CREDIT_COMMITMENT', 'REPAIR_TRAINING'] } }, company);
    expect(applied.data.applyForRepair).toMatchObject({ status: 'PENDING', appliedOn: '2026-09-30', evidence: ['PUBLIC_CREDIT_COMMITMENT', 'REPAIR_TRAINING'] });
    const id = applied.data.applyForRepair.id;
    // decideRepair is for official bodies (@policy official_body): the subject itself is refused.
    const bySubject = await call(DECIDE_REPAIR, { id, approve: true }, company);
    expect(bySubject.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' });
    const byPlatform = await call(DECIDE_REPAIR, { id, approve: true });
    expect(byPlatform.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id', rule: 'NOT_THE_DECIDER' });
    const department = testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.department.org, jurisdiction: DEMO_ORGS.department.jurisdiction });
    const noReason = await call(DECIDE_REPAIR, { id, approve: false }, department);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', rule: 'REASON_REQUIRED' });
    const res = await call(DECIDE_REPAIR, { id, approve: true, reason: '已整改到位' }, department);
    expect(res.data.decideRepair).toEqual({ id, status: 'APPROVED', decidedOn: '2026-09-30', reason: '已整改到位' });
    const [row] = await sub.db.query(`SELECT variables FROM outbox WHERE variables LIKE ?`, [`%${id}%`]);
    expect(JSON.parse(row.variables)).toEqual({ id: entry.id, status: 'REMOVED', reason: `credit repair ${id} approved: 已整改到位`, endedOn: '2026-09-30', decisionRef: id });
    expect(await eventually(() => entryStatus(entry.id), (e) => e.status === 'REMOVED')).toMatchObject({ status: 'REMOVED' });
  });
});
