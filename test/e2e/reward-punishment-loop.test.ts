import { DEMO_SUBJECT, legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { addYears } from '../../subgraphs/kit/calendar/dates';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { startStack, type Stack } from '../support/stack';

// The joint reward/punishment loop, end to end through the gateway on MariaDB: an initiating
// department lists, implementing departments check and feed back, the initiator reads the feedback.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_loop');
});
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await stack.stop();
});

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const court = { clientId: 'demo-court', purpose: 'JUDICIAL' };
const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id listType status periodEndsOn } }`;
const ENTRIES = `query($uscc: USCC!) { legalPerson(uscc: $uscc) { listEntries(activeOnly: false) { id listType status endReason } } }`;
const company = (i: number) => legalPersonAt(i).uscc; // companies 49, 54 and 59 start with no list entry
const listing = (uscc: string, listType: string, extra: Record<string, unknown> = {}) => ({
  input: { subjectType: 'LEGAL_PERSON', subjectId: uscc, listType, domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-06-01', ...extra },
});

test('black-listing removes the red entry; a red listing is then refused while black', async () => {
  const uscc = company(49);
  const red = await stack.query(LIST, { variables: listing(uscc, 'RED'), ...department });
  expect(red.data.listSubject).toMatchObject({ listType: 'RED', status: 'ACTIVE' });
  const black = await stack.query(LIST, { variables: listing(uscc, 'BLACK', { noticeServedOn: '2026-05-20' }), ...department });
  expect(black.data.listSubject).toMatchObject({ listType: 'BLACK', status: 'ACTIVE' });
  const entries = (await stack.query(ENTRIES, { variables: { uscc }, ...department })).data.legalPerson.listEntries;
  expect(entries.find((e: { id: string }) => e.id === red.data.listSubject.id)).toMatchObject({ status: 'REMOVED', endReason: 'DISPLACED_BY_BLACK' });
  const again = await stack.query(LIST, { variables: listing(uscc, 'RED', { domain: 'food-drug' }), ...department });
  expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'BLACK_EXCLUDES_RED' });
});

test('a BLACK listing takes effect only once the party has been notified', async () => {
  const uscc = company(54);
  const measuresOf = async () =>
    (await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { id } } } }`, { variables: { u: uscc }, ...department }))
      .data.legalPerson.applicableMeasures;
  const pending = await stack.query(LIST, { variables: listing(uscc, 'BLACK'), ...department });
  expect(pending.data.listSubject.status).toBe('PENDING_NOTICE');
  expect(await measuresOf()).toEqual([]);
  const notice = await stack.query(`mutation($id: ID!) { recordListingNotice(id: $id, servedOn: "2026-05-28") { status noticeServedOn } }`, {
    variables: { id: pending.data.listSubject.id }, ...department,
  });
  expect(notice.data.recordListingNotice).toEqual({ status: 'ACTIVE', noticeServedOn: '2026-05-28' });
  expect((await measuresOf()).length).toBeGreaterThan(0);
});

test('a court listing expires on the day its 2-year period ends, in every read', async () => {
  const person = naturalPersonAt(5);
  const id = naturalPersonId(stack.keys.subjectKey, person.idNumber);
  const listed = await stack.query(LIST, {
    variables: { input: { subjectType: 'NATURAL_PERSON', subjectId: id, listType: 'BLACK', domain: 'court-enforcement', basis: '发改财金〔2016〕141号', decidedOn: '2025-01-10', noticeServedOn: '2025-01-05' } },
    ...court,
  });
  expect(listed.data.listSubject.periodEndsOn).toBe(addYears('2025-01-10', 2));
  const statusOn = async (day: string) => {
    process.env.CREDIT_TODAY = day;
    const res = await stack.query(`query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { listEntries(activeOnly: false) { id status } } }`, { variables: { n: person.idNumber }, ...court });
    return res.data.naturalPerson.listEntries.find((e: { id: string }) => e.id === listed.data.listSubject.id).status;
  };
  try {
    expect(await statusOn('2027-01-09')).toBe('ACTIVE');
    expect(await statusOn('2027-01-10')).toBe('EXPIRED');
  } finally {
    delete process.env.CREDIT_TODAY;
  }
});

test("a company's BLACK listing reaches its legal representative, and measures apply to the person (001 Art. 28)", async () => {
  const uscc = company(59);
  const black = await stack.query(LIST, { variables: listing(uscc, 'BLACK', { noticeServedOn: '2026-05-20' }), ...department });
  const res = await stack.query(`query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { representedLegalPersons { uscc } linkedListEntries { id subject { ... on LegalPerson { uscc } } } applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { listEntry { id } measure { id } } } }`, {
    variables: { n: legalPersonAt(59).legalRepresentativeIdNumber }, ...department,
  });
  expect(res.errors).toBeUndefined();
  const person = res.data.naturalPerson;
  expect(person.representedLegalPersons.map((p: { uscc: string }) => p.uscc)).toContain(uscc);
  expect(person.linkedListEntries).toContainEqual({ id: black.data.listSubject.id, subject: { uscc } });
  expect(person.applicableMeasures.some((m: { listEntry: { id: string } }) => m.listEntry.id === black.data.listSubject.id)).toBe(true);
});

test('applicable measures depend on the business matter (purpose)', async () => {
  const measures = async (purpose: string) =>
    (await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { applicableMeasures(purpose: ${purpose}) { measure { id mandatory } suspended } } }`, { variables: { u: DEMO_SUBJECT.uscc }, ...department }))
      .data.legalPerson.applicableMeasures.map((m: { measure: { id: string } }) => m.measure.id);
  const approval = await measures('ADMINISTRATIVE_APPROVAL');
  const procurement = await measures('GOVERNMENT_PROCUREMENT');
  expect(approval.length).toBeGreaterThan(0);
  expect(procurement.length).toBeGreaterThan(0);
  expect(procurement).not.toEqual(approval);
});

test('an implementing unit feeds back; the initiating department sees it, others are refused', async () => {
  const entry = (await stack.query(ENTRIES, { variables: { uscc: DEMO_SUBJECT.uscc }, ...department })).data.legalPerson.listEntries.find((e: { listType: string }) => e.listType === 'BLACK');
  const FEEDBACK = `mutation($input: MeasureFeedbackInput!) { recordMeasureFeedback(input: $input) { outcome implementerOrg } }`;
  const input = { idempotencyKey: 'court-2026-0917', listEntryId: entry.id, measureId: 'P-ADM-02', outcome: 'APPLIED', businessMatter: '（2026）沪0106执1234号', appliedOn: '2026-09-17' };
  const first = await stack.query(FEEDBACK, { variables: { input }, ...court });
  expect(first.errors).toBeUndefined();
  const retry = await stack.query(FEEDBACK, { variables: { input }, ...court });
  expect(retry.data).toEqual(first.data);
  const READ = `query($u: USCC!) { legalPerson(uscc: $u) { listEntries { listType measureFeedback { outcome businessMatter } feedbackTotals { measure { id } applied } } } }`;
  const seen = (await stack.query(READ, { variables: { u: DEMO_SUBJECT.uscc }, ...department })).data.legalPerson.listEntries.find((e: { listType: string }) => e.listType === 'BLACK');
  expect(seen.measureFeedback).toEqual([{ outcome: 'APPLIED', businessMatter: '（2026）沪0106执1234号' }]);
  expect(seen.feedbackTotals).toEqual([{ measure: { id: 'P-ADM-02' }, applied: 1 }]);
  const other = await stack.query(READ, { variables: { u: DEMO_SUBJECT.uscc }, ...court });
  expect(other.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
});
