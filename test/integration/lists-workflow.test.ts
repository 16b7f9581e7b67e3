import { makeUscc } from '../../subgraphs/kit/protocol/codes';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { lists } from '../../subgraphs/lists';
import { legalPersons } from '../../subgraphs/legal-persons';
import { naturalPersons } from '../../subgraphs/natural-persons';
import { naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { freshDatabase } from '../support/mysql';
import { registerCompanies, startPeers, type Peers } from '../support/peers';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// The listing workflow through the subgraph's HTTP endpoint: who may list, black excludes red,
// notice before a BLACK listing, court periods, ending entries, outbox decisions, expiry.
let keys: KeyFiles;
let sub: RunningSubgraph;
let peers: Peers;
const dept = testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.department.org, jurisdiction: '310106', listingDomains: ['market-supervision'] });
const tax = testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.taxBureau.org, jurisdiction: '310115', listingDomains: ['tax'] });
const court = testCaller({ kind: 'COURT', org: DEMO_ORGS.court.org, jurisdiction: '310106', listingDomains: ['court-enforcement'] });
const stranger = testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.environment.org, jurisdiction: '370115', listingDomains: ['environment'] });
const admin = testCaller({ kind: 'ADMIN', org: '12310000MB0P1Q077K', jurisdiction: '310000' });
const service = testCaller({ kind: 'SERVICE', clientId: 'subgraph:objections', scopes: ['internal'] });
const call = (caller: ReturnType<typeof testCaller>, query: string, variables?: Record<string, unknown>) => callSubgraph(sub.url, 'lists', keys, query, variables, caller);
let n = 0;
const freshUscc = () => makeUscc('9', '1', '310106', `QA${String(++n).padStart(6, '0')}`);
const count = async (table: string) => Number((await sub.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  process.env.CREDIT_TODAY = '2026-09-01';
  keys = await testKeys();
  // A listing is about a registered subject: lists asks legal-persons and natural-persons.
  peers = await startPeers('lists_workflow', keys, [legalPersons, naturalPersons]);
  await registerCompanies(peers.running['legal-persons']!, Array.from({ length: 40 }, (_, i) => makeUscc('9', '1', '310106', `QA${String(i + 1).padStart(6, '0')}`)));
  sub = await startSubgraph(lists, { port: 0, keys, mysqlUrl: await freshDatabase('lists_workflow'), urlOf: peers.urlOf });
});
afterEach(() => (process.env.CREDIT_TODAY = '2026-09-01'));
afterAll(async () => {
  await sub.stop();
  await peers.stop();
});

const ENTRY = 'id status listType domain listedBy jurisdiction decidedOn periodEndsOn noticeServedOn endedOn endReason';
const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { ${ENTRY} } }`;
const input = (subjectId: string, over: Record<string, unknown> = {}) => ({
  subjectType: 'LEGAL_PERSON', subjectId, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》',
  decidedOn: '2026-08-20', noticeServedOn: '2026-08-10', ...over,
});
const list = async (caller: ReturnType<typeof testCaller>, subjectId: string, over: Record<string, unknown> = {}) => {
  const res = await call(caller, LIST, { input: input(subjectId, over) });
  expect(res.errors).toBeUndefined();
  return res.data.listSubject;
};
const entry = async (id: string) => (await call(dept, `query($id: ID!) { listEntry(id: $id) { ${ENTRY} history { event fromStatus toStatus reason actorOrg } } }`, { id })).data.listEntry;
const red = (uscc: string) => list(tax, uscc, { listType: 'RED', domain: 'tax', basis: '发改财金〔2016〕2012号', noticeServedOn: null });

test('a department lists in its own domains only; listedBy and jurisdiction come from the caller', async () => {
  const created = await list(dept, freshUscc());
  expect(created).toMatchObject({ status: 'ACTIVE', listedBy: DEMO_ORGS.department.org, jurisdiction: '310106', periodEndsOn: '2029-08-20' });
  const refused = await call(dept, LIST, { input: input(freshUscc(), { domain: 'tax' }) });
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', domain: 'tax' });
  expect(refused.errors?.[0].message).toContain('"tax"');
});

test('bad input is BAD_USER_INPUT with field and rule, and writes nothing', async () => {
  const before = [await count('list_entry'), await count('list_entry_event')];
  const cases: [Record<string, unknown>, string, string][] = [
    [{ subjectId: '91110000600037341M' }, 'input.subjectId', 'USCC_CHECK_CHARACTER'],
    [{ subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002X' }, 'input.subjectId', 'NATURAL_PERSON_ID'],
    [{ decidedOn: '2026-02-30' }, 'input.decidedOn', 'ISO_DATE'],
    [{ periodEndsOn: '2026-08-01' }, 'input.periodEndsOn', 'PERIOD_AFTER_DECISION'],
    [{ periodEndsOn: '2030-01-01' }, 'input.periodEndsOn', 'PERIOD_MAXIMUM'],
    [{ basis: ' ' }, 'input.basis', 'REQUIRED'],
  ];
  for (const [over, field, rule] of cases) {
    const res = await call(dept, LIST, { input: input(freshUscc(), over) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(JSON.stringify(res)).not.toMatch(/at .*\.ts:\d+/);
  }
  expect([await count('list_entry'), await count('list_entry_event')]).toEqual(before);
});

test('000 items 14, 36: a BLACK listing removes the active RED entry in the same transaction; RED is then refused', async () => {
  const uscc = freshUscc();
  const redEntry = await red(uscc);
  expect(redEntry.status).toBe('ACTIVE');
  const black = await list(dept, uscc);
  const displaced = await entry(redEntry.id);
  expect(displaced).toMatchObject({ status: 'REMOVED', endReason: 'DISPLACED_BY_BLACK', endedOn: '2026-09-01' });
  expect(displaced.history.at(-1)).toMatchObject({ event: 'DISPLACED_BY_BLACK', fromStatus: 'ACTIVE', toStatus: 'REMOVED', actorOrg: DEMO_ORGS.department.org });
  const before = await count('list_entry');
  const again = await call(tax, LIST, { input: input(uscc, { listType: 'RED', domain: 'tax', noticeServedOn: null }) });
  expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.listType', rule: 'BLACK_EXCLUDES_RED' });
  expect(await count('list_entry')).toBe(before);
  const twice = await call(dept, LIST, { input: input(uscc) });
  expect(twice.errors?.[0].extensions).toMatchObject({ rule: 'ALREADY_LISTED' });
  expect((await entry(black.id)).status).toBe('ACTIVE');
});

test('revoking a wrong BLACK entry puts the RED entry it displaced back; removal after repair does not', async () => {
  const uscc = freshUscc();
  const redEntry = await red(uscc);
  const black = await list(dept, uscc);
  expect((await entry(redEntry.id)).status).toBe('REMOVED');
  await call(dept, `mutation($id: ID!) { revokeListEntry(id: $id, reason: "认定错误") { status } }`, { id: black.id });
  const restored = await entry(redEntry.id);
  expect(restored).toMatchObject({ status: 'ACTIVE', endedOn: null, endReason: null });
  expect(restored.history.map((e: { event: string }) => e.event)).toEqual(['LISTED', 'DISPLACED_BY_BLACK', 'RESTORED']);
  const again = await list(dept, uscc);
  await call(dept, `mutation($id: ID!) { removeListEntry(id: $id, reason: "信用修复") { status } }`, { id: again.id });
  expect((await entry(redEntry.id)).status).toBe('REMOVED');
});

test('a BLACK listing without notice waits in PENDING_NOTICE and triggers nothing until the notice is recorded', async () => {
  const uscc = freshUscc();
  const redEntry = await red(uscc);
  const pending = await list(dept, uscc, { noticeServedOn: null });
  expect(pending.status).toBe('PENDING_NOTICE');
  expect((await entry(redEntry.id)).status).toBe('ACTIVE');
  const active = await call(dept, `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { activeListEntries { id listType } } } }`, {
    r: [{ __typename: 'LegalPerson', uscc }],
  });
  expect(active.data._entities[0].activeListEntries).toEqual([{ id: redEntry.id, listType: 'RED' }]);

  const NOTICE = `mutation($id: ID!, $on: String!) { recordListingNotice(id: $id, servedOn: $on) { status noticeServedOn } }`;
  expect((await call(stranger, NOTICE, { id: pending.id, on: '2026-08-18' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await call(admin, NOTICE, { id: pending.id, on: '2026-08-18' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await call(dept, NOTICE, { id: pending.id, on: '2026-09-02' })).errors?.[0].extensions).toMatchObject({ field: 'servedOn', rule: 'NOTICE_IN_FUTURE' });
  // The party is told before the decision (decided 2026-08-20).
  expect((await call(dept, NOTICE, { id: pending.id, on: '2026-08-21' })).errors?.[0].extensions).toMatchObject({ field: 'servedOn', rule: 'NOTICE_AFTER_DECISION' });
  const served = await call(dept, NOTICE, { id: pending.id, on: '2026-08-20' });
  expect(served.data.recordListingNotice).toEqual({ status: 'ACTIVE', noticeServedOn: '2026-08-20' });
  expect((await entry(redEntry.id)).endReason).toBe('DISPLACED_BY_BLACK');
  expect((await call(dept, NOTICE, { id: pending.id, on: '2026-08-20' })).errors?.[0].extensions?.rule).toBe('NOT_PENDING_NOTICE');
});

const EXTEND = `mutation($id: ID!, $to: String!, $why: String!) { extendListEntry(id: $id, periodEndsOn: $to, reason: $why) { periodEndsOn status } }`;

test('court list: 2 years by default, extended by 1–3 years only', async () => {
  const debtor = await list(court, naturalPersonId(keys.subjectKey, naturalPersonAt(5).idNumber), { subjectType: 'NATURAL_PERSON', domain: 'court-enforcement', basis: '发改财金〔2016〕141号' });
  expect(debtor.periodEndsOn).toBe('2028-08-20');
  expect((await call(court, EXTEND, { id: debtor.id, to: '2032-08-20', why: '暴力抗拒执行' })).errors?.[0].extensions).toMatchObject({ field: 'periodEndsOn', rule: 'EXTENSION_RANGE' });
  expect((await call(dept, EXTEND, { id: debtor.id, to: '2030-08-20', why: 'x' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const extended = await call(court, EXTEND, { id: debtor.id, to: '2030-08-20', why: '暴力抗拒执行' });
  expect(extended.data.extendListEntry).toEqual({ periodEndsOn: '2030-08-20', status: 'ACTIVE' });

  const other = await list(dept, freshUscc(), { periodEndsOn: '2027-08-20' });
  expect((await call(dept, EXTEND, { id: other.id, to: '2029-08-20', why: '整改不到位' })).data.extendListEntry.periodEndsOn).toBe('2029-08-20');
  expect((await call(dept, EXTEND, { id: other.id, to: '2029-08-21', why: '整改不到位' })).errors?.[0].extensions?.rule).toBe('PERIOD_MAXIMUM');
});

test('remove and revoke: only the listing department (not the platform), once', async () => {
  const a = await list(dept, freshUscc());
  const REMOVE = `mutation($id: ID!) { removeListEntry(id: $id, reason: "提前移出") { status endedOn endReason } }`;
  const REVOKE = `mutation($id: ID!) { revokeListEntry(id: $id, reason: "认定错误") { status endReason } }`;
  expect((await call(stranger, REMOVE, { id: a.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await call(dept, REMOVE, { id: a.id })).data.removeListEntry).toEqual({ status: 'REMOVED', endedOn: '2026-09-01', endReason: '提前移出' });
  expect((await call(dept, REMOVE, { id: a.id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', rule: 'NOT_ON_LIST' });
  expect((await call(admin, REVOKE, { id: a.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await call(dept, REVOKE, { id: a.id })).data.revokeListEntry).toEqual({ status: 'REVOKED', endReason: '认定错误' });
  expect((await entry(a.id)).history.map((e: { event: string }) => e.event)).toEqual(['LISTED', 'REMOVED', 'REVOKED']);
  expect((await call(dept, REVOKE, { id: '00000000-0000-4000-a000-000000000000' })).errors?.[0].extensions?.rule).toBe('UNKNOWN_LIST_ENTRY');
});

const DECIDE = `mutation($id: ID!, $status: ListEntryStatus!, $ref: ID!) {
  endListEntryByDecision(id: $id, status: $status, reason: "信用修复已批准", endedOn: "2026-08-31", decisionRef: $ref) }`;

test('endListEntryByDecision: internal service only, REMOVED or REVOKED, idempotent on decisionRef', async () => {
  const a = await list(dept, freshUscc());
  expect((await call(dept, DECIDE, { id: a.id, status: 'REMOVED', ref: 'repair-1' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await call(service, DECIDE, { id: a.id, status: 'ACTIVE', ref: 'repair-1' })).errors?.[0].extensions).toMatchObject({ field: 'status', rule: 'DECISION_STATUS' });
  expect((await call(service, DECIDE, { id: a.id, status: 'REMOVED', ref: 'repair-1' })).data.endListEntryByDecision).toBe(true);
  const events = await count('list_entry_event');
  expect((await call(service, DECIDE, { id: a.id, status: 'REMOVED', ref: 'repair-1' })).data.endListEntryByDecision).toBe(true);
  expect(await count('list_entry_event')).toBe(events);
  expect(await entry(a.id)).toMatchObject({ status: 'REMOVED', endedOn: '2026-08-31', endReason: '信用修复已批准' });
  expect((await call(service, DECIDE, { id: a.id, status: 'REVOKED', ref: 'objection-7' })).data.endListEntryByDecision).toBe(true);
  expect((await entry(a.id)).status).toBe('REVOKED');
  // Two deliveries of one decision at the same moment: both acknowledged, applied once.
  const b = await list(dept, freshUscc());
  const both = await Promise.all([1, 2].map(() => call(service, DECIDE, { id: b.id, status: 'REMOVED', ref: 'repair-2' })));
  expect(both.map((r) => r.data?.endListEntryByDecision)).toEqual([true, true]);
  expect((await entry(b.id)).history.map((e: { event: string }) => e.event)).toEqual(['LISTED', 'REMOVED']);
});

test('expiry on the boundary day: ACTIVE the day before periodEndsOn, EXPIRED on it, in every read', async () => {
  const uscc = freshUscc();
  const a = await list(dept, uscc, { periodEndsOn: '2027-03-01' });
  const READ = `query($id: ID!, $f: ListEntryFilter) { listEntry(id: $id) { status } active: listEntries(filter: $f) { totalCount }
    _entities(representations: [{ __typename: "LegalPerson", uscc: "${uscc}" }]) { ... on LegalPerson { activeListEntries { id } } } }`;
  process.env.CREDIT_TODAY = '2027-02-28';
  const before = await call(dept, READ, { id: a.id, f: { subjectId: uscc, status: 'ACTIVE' } });
  expect(before.data).toEqual({ listEntry: { status: 'ACTIVE' }, active: { totalCount: 1 }, _entities: [{ activeListEntries: [{ id: a.id }] }] });
  process.env.CREDIT_TODAY = '2027-03-01';
  const on = await call(dept, READ, { id: a.id, f: { subjectId: uscc, status: 'ACTIVE' } });
  expect(on.data).toEqual({ listEntry: { status: 'EXPIRED' }, active: { totalCount: 0 }, _entities: [{ activeListEntries: [] }] });
  expect((await call(dept, READ, { id: a.id, f: { subjectId: uscc, status: 'EXPIRED' } })).data.active.totalCount).toBe(1);
  // Expired BLACK no longer excludes red.
  expect((await red(uscc)).status).toBe('ACTIVE');
});

test('unpublished entries are visible only with lists:read and a declared purpose', async () => {
  const uscc = freshUscc();
  const hidden = await list(dept, uscc, { published: false });
  const q = `query($id: ID!, $f: ListEntryFilter) { listEntry(id: $id) { id } listEntries(filter: $f) { totalCount } }`;
  expect((await call(dept, q, { id: hidden.id, f: { subjectId: uscc } })).data).toEqual({ listEntry: { id: hidden.id }, listEntries: { totalCount: 1 } });
  const unseen = { listEntry: null, listEntries: { totalCount: 0 } };
  expect((await call(testCaller({ kind: 'AGENCY' }), q, { id: hidden.id, f: { subjectId: uscc } })).data).toEqual(unseen);
  expect((await call({ ...tax, purpose: null }, q, { id: hidden.id, f: { subjectId: uscc } })).data).toEqual(unseen);
});
