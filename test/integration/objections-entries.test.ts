import { randomUUID } from 'node:crypto';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { DEMO_ORGS, DEMO_SUBJECT, listEntriesForLegalPerson, type DemoListEntry } from '../../subgraphs/kit/demo/demo-data';
import { eventually, legalEntry, seededEntryIds, startObjectionsStack, type ObjectionsStack } from '../support/objections-stack';
import { testCaller } from '../support/subgraph-client';

// The attacks found in review, replayed against objections + the real lists subgraph: objections and
// repair applications are about the entry's own subject, "who finds, repairs" decides, dates are the
// platform's, and a long decision reason still ends the listing (relayed cut to lists' 500 characters).
let stack: ObjectionsStack;
const TODAY = '2026-09-30';
const subject = testCaller({ kind: 'SUBJECT', clientId: 'demo-subject', org: DEMO_SUBJECT.uscc, subject: { type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc } });
const demoDepartment = testCaller({ kind: 'DEPARTMENT', clientId: 'demo-department', org: DEMO_ORGS.department.org, jurisdiction: DEMO_ORGS.department.jurisdiction });
const taxBureau = testCaller({ kind: 'DEPARTMENT', clientId: 'tax-bureau', org: DEMO_ORGS.taxBureau.org, jurisdiction: DEMO_ORGS.taxBureau.jurisdiction });
const demoEntry = listEntriesForLegalPerson(0, DEMO_SUBJECT)[0];
let foreign: DemoListEntry; // another company's BLACK tax entry, listed by the Pudong tax bureau (Pudong suspends)

const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id status jurisdiction filedOn subject { __typename ... on LegalPerson { uscc } } } }`;
const APPLY = `mutation($input: RepairApplicationInput!) { applyForRepair(input: $input) { id status appliedOn subject { __typename ... on LegalPerson { uscc } } } }`;
const DECIDE_REPAIR = `mutation($id: ID!, $approve: Boolean!, $reason: String) { decideRepair(id: $id, approve: $approve, reason: $reason) { id status reason } }`;
const SUSPENSION = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { punishmentSuspension { suspended reason } } } }`;
const count = async (table: string) => Number((await stack.objections.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const suspension = async (entry: DemoListEntry) =>
  (await stack.call(SUSPENSION, { r: [{ __typename: 'ListEntry', id: entry.id, jurisdiction: entry.jurisdiction, recordIds: [], subjectKey: `${entry.subjectType}:${entry.subjectKey}`, callerMayRead: true }] })).data._entities[0].punishmentSuspension;
const onForeign = { targetType: 'LIST_ENTRY', reason: '该企业的列入依据不实' };

beforeAll(async () => {
  process.env.CREDIT_TODAY = TODAY;
  stack = await startObjectionsStack('objections_entries');
  foreign = legalEntry(seededEntryIds(stack.keys), TODAY, (e) => e.listType === 'BLACK' && e.domain === 'tax' && e.jurisdiction === '310115');
});
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await stack.stop();
});

describe('objections to a list entry', () => {
  test("a subject objecting to another company's entry is answered as for an unknown entry; nothing is written", async () => {
    const before = await count('objection');
    const res = await stack.call(FILE, { input: { ...onForeign, targetId: foreign.id } }, subject);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId', rule: 'LIST_ENTRY_NOT_FOUND' });
    const unknown = await stack.call(FILE, { input: { ...onForeign, targetId: randomUUID() } }, subject);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId', rule: 'LIST_ENTRY_NOT_FOUND' });
    expect(await count('objection')).toBe(before);
  });

  test('subject and jurisdiction come from the entry; input values are only checked against it', async () => {
    const before = await count('objection');
    const wrongDivision = await stack.call(FILE, { input: { ...onForeign, targetId: foreign.id, jurisdiction: '370115' } }, demoDepartment);
    expect(wrongDivision.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.jurisdiction', rule: 'NOT_THE_ENTRY_JURISDICTION' });
    const wrongSubject = await stack.call(FILE, { input: { ...onForeign, targetId: foreign.id, subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc } }, demoDepartment);
    expect(wrongSubject.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subjectId', rule: 'NOT_THE_ENTRY_SUBJECT' });
    expect(await count('objection')).toBe(before);
  });

  test("a foreign subject's objection does not suspend; an implementer's objection about the entry's subject does", async () => {
    // A row as the old code wrote it: the demo subject recorded as the subject of another company's entry.
    await stack.objections.db.query(
      `INSERT INTO objection (id, target_type, target_id, subject_type, subject_id, filed_by, jurisdiction, reason, filed_on, status, decide_by) VALUES (?, 'LIST_ENTRY', ?, 'LEGAL_PERSON', ?, ?, ?, '伪造', ?, 'FILED', ?)`,
      [randomUUID(), foreign.id, DEMO_SUBJECT.uscc, DEMO_SUBJECT.uscc, foreign.jurisdiction, TODAY, '2026-10-13'],
    );
    expect(await suspension(foreign)).toEqual({ suspended: false, reason: 'no objection under verification' });
    // An implementer that finds an error (000 item 17) objects without naming the subject: it is the entry's.
    const res = await stack.call(FILE, { input: { ...onForeign, targetId: foreign.id } }, demoDepartment);
    expect(res.data.fileObjection).toMatchObject({ status: 'FILED', jurisdiction: '310115', subject: { __typename: 'LegalPerson', uscc: foreign.subjectKey } });
    expect(await suspension(foreign)).toMatchObject({ suspended: true, reason: expect.stringContaining(`objection ${res.data.fileObjection.id} under verification`) });
  });
});

describe('dates are the platform\'s', () => {
  test('backdating filedOn / appliedOn is refused for non-admins; the platform may record a late paper filing', async () => {
    delete process.env.CREDIT_TODAY;
    try {
      const record = { targetType: 'CREDIT_RECORD', targetId: randomUUID(), reason: '记录错误' };
      const filed = await stack.call(FILE, { input: { ...record, filedOn: '2026-01-05' } }, subject);
      expect(filed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filedOn', rule: 'DATE_SET_BY_PLATFORM' });
      const applied = await stack.call(APPLY, { input: { listEntryId: demoEntry.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'], appliedOn: '2026-01-05' } }, subject);
      expect(applied.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.appliedOn', rule: 'DATE_SET_BY_PLATFORM' });
      const demoPenalty = recordId(DEMO_ORGS.department.org, 'lp-rec:demo-penalty');
      const admin = await stack.call(FILE, { input: { ...record, targetId: demoPenalty, filedOn: '2020-01-06', subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc } });
      expect(admin.data.fileObjection).toMatchObject({ filedOn: '2020-01-06' });
    } finally {
      process.env.CREDIT_TODAY = TODAY;
    }
  });
});

describe('credit repair: the applicant\'s own entry, decided by the department that listed it', () => {
  test("a subject applying for repair of another company's entry is answered as for an unknown entry; the platform must name the entry's subject", async () => {
    const before = await count('repair_application');
    const attack = await stack.call(APPLY, { input: { listEntryId: foreign.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'] } }, subject);
    expect(attack.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.listEntryId', rule: 'LIST_ENTRY_NOT_FOUND' });
    const misnamed = await stack.call(APPLY, { input: { listEntryId: foreign.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'], subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc } });
    expect(misnamed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subjectId', rule: 'NOT_THE_ENTRY_SUBJECT' });
    const unknown = await stack.call(APPLY, { input: { listEntryId: randomUUID(), evidence: ['PUBLIC_CREDIT_COMMITMENT'] } }, subject);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.listEntryId', rule: 'LIST_ENTRY_NOT_FOUND' });
    expect(await count('repair_application')).toBe(before);
  });

  test('a department that did not list the entry may not decide; the lister approves with a 600-character reason; the entry leaves the list', async () => {
    const applied = await stack.call(APPLY, { input: { listEntryId: foreign.id, evidence: ['PUBLIC_CREDIT_COMMITMENT', 'CREDIT_REPORT'], subjectType: 'LEGAL_PERSON', subjectId: foreign.subjectKey } });
    expect(applied.data.applyForRepair).toMatchObject({ status: 'PENDING', appliedOn: TODAY, subject: { uscc: foreign.subjectKey } });
    const id = applied.data.applyForRepair.id;
    const reason = '整改到位'.repeat(150);
    const notTheLister = await stack.call(DECIDE_REPAIR, { id, approve: true, reason }, demoDepartment);
    expect(notTheLister.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id', rule: 'NOT_THE_DECIDER' });
    const approved = await stack.call(DECIDE_REPAIR, { id, approve: true, reason }, taxBureau);
    expect(approved.data.decideRepair).toEqual({ id, status: 'APPROVED', reason });
    const entry = await eventually(
      () => stack.callLists(`query($id: ID!) { listEntry(id: $id) { status endReason } }`, { id: foreign.id }).then((r) => r.data.listEntry),
      (e) => e.status === 'REMOVED',
    );
    expect(entry.status).toBe('REMOVED');
    expect(entry.endReason).toHaveLength(500);
    expect(entry.endReason.startsWith(`credit repair ${id} approved: 整改到位`)).toBe(true);
    expect(entry.endReason.endsWith('…')).toBe(true);
    // The relay marks the row delivered after the lists subgraph has answered: poll for it too.
    const outbox = await eventually(
      () => stack.objections.db.query(`SELECT delivered_at, last_error FROM outbox WHERE variables LIKE ?`, [`%${id}%`]).then((rows: { delivered_at: Date | null }[]) => rows[0]),
      (row) => !!row?.delivered_at,
    );
    expect(outbox).toMatchObject({ last_error: null });
    expect(outbox.delivered_at).not.toBeNull();
    // Now out of force: a second application is refused.
    const again = await stack.call(APPLY, { input: { listEntryId: foreign.id, evidence: ['PUBLIC_CREDIT_COMMITMENT'], subjectType: 'LEGAL_PERSON', subjectId: foreign.subjectKey } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.listEntryId', rule: 'LIST_ENTRY_NOT_IN_FORCE' });
  });
});
