import { DEMO_ORGS, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { legalPersons } from '../../subgraphs/legal-persons';
import { lists } from '../../subgraphs/lists';
import { startPeers, type Peers } from '../support/peers';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { measures } from '../../subgraphs/measures';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// The feedback half of the joint reward/punishment loop (000 序号10, 23): implementers report, initiators read.
let keys: KeyFiles;
let sub: RunningSubgraph;
let peers: Peers;
const admin = testCaller();
const department = testCaller({ clientId: 'demo-department', kind: 'DEPARTMENT', org: DEMO_ORGS.department.org });
const court = testCaller({ clientId: 'demo-court', kind: 'COURT', org: DEMO_ORGS.court.org });
const call = (query: string, variables?: Record<string, unknown>, caller = admin) => callSubgraph(sub.url, 'measures', keys, query, variables, caller);

beforeAll(async () => {
  keys = await testKeys();
  // Feedback is about an existing entry (read from lists), of a member when an association reports (legal-persons).
  peers = await startPeers('measures_feedback', keys, [legalPersons, lists]);
  const member = legalPersonAt(5).uscc;
  for (const id of ['le-demo', 'le-read', 'le-other']) {
    await peers.running.lists!.db.query(
      // ACTIVE BLACK entries: their notice was served (before it an entry is not in effect, nor shown to measures).
      `INSERT INTO list_entry (id, subject_type, subject_id, list_type, domain, listed_by, jurisdiction, standard, basis, decided_on, notice_served_on, published, status, created_at)
       VALUES (?, 'LEGAL_PERSON', ?, 'BLACK', 'market-supervision', ?, '310106', 'NATIONAL', '《严重违法失信企业名单管理暂行办法》', '2026-04-01', '2026-03-25', 1, 'ACTIVE', NOW())`,
      [id, member, DEMO_ORGS.department.org],
    );
  }
  sub = await startSubgraph(measures, { port: 0, keys, mysqlUrl: await freshDatabase('measures_feedback'), urlOf: peers.urlOf });
});
afterAll(async () => {
  await sub.stop();
  await peers.stop();
});

const RECORD = `mutation($input: MeasureFeedbackInput!) { recordMeasureFeedback(input: $input) {
  id idempotencyKey listEntry { id } measure { id } outcome businessMatter reason appliedOn implementerOrg recordedAt } }`;
const feedback = (key: string, over: Record<string, unknown> = {}) => ({
  idempotencyKey: key, listEntryId: 'le-demo', measureId: 'P-ADM-10', outcome: 'APPLIED', businessMatter: '静安区政府采购项目 JA-2026-017', appliedOn: '2026-05-06', ...over,
});
const countFeedback = async () => Number((await sub.db.query('SELECT COUNT(*) AS n FROM measure_feedback'))[0].n);

describe('recordMeasureFeedback', () => {
  test('stores the implementer org; the same key twice writes nothing new', async () => {
    const before = await countFeedback();
    const first = await call(RECORD, { input: feedback('fb-1') }, court);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordMeasureFeedback).toMatchObject({ listEntry: { id: 'le-demo' }, measure: { id: 'P-ADM-10' }, outcome: 'APPLIED', implementerOrg: DEMO_ORGS.court.org, reason: null });
    expect(first.data.recordMeasureFeedback.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const again = await call(RECORD, { input: feedback('fb-1') }, court);
    expect(again.data.recordMeasureFeedback).toEqual(first.data.recordMeasureFeedback);
    expect(await countFeedback()).toBe(before + 1);
  });

  test('identical requests racing each other are all answered with the one stored feedback', async () => {
    const before = await countFeedback();
    const results = await Promise.all(Array.from({ length: 4 }, () => call(RECORD, { input: feedback('fb-race') }, court)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(await countFeedback()).toBe(before + 1);
  });

  test('the same key with different content is IDEMPOTENCY_KEY_REUSED', async () => {
    await call(RECORD, { input: feedback('fb-2') }, court);
    const before = await countFeedback();
    const res = await call(RECORD, { input: feedback('fb-2', { outcome: 'NOT_APPLICABLE' }) }, court);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey', rule: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countFeedback()).toBe(before);
  });

  test.each([
    [{ measureId: 'P-XXX-99' }, 'input.measureId', 'UNKNOWN_MEASURE'],
    [{ outcome: 'NOT_APPLIED' }, 'input.reason', 'REASON_REQUIRED'],
    [{ outcome: 'NOT_APPLIED', reason: '  ' }, 'input.reason', 'REASON_REQUIRED'],
    [{ appliedOn: '2026-02-30' }, 'input.appliedOn', 'ISO_DATE'],
    [{ appliedOn: '2999-01-01' }, 'input.appliedOn', 'DATE_IN_FUTURE'],
    [{ businessMatter: '' }, 'input.businessMatter', 'REQUIRED'],
    [{ idempotencyKey: 'k'.repeat(129) }, 'input.idempotencyKey', 'MAX_LENGTH'],
  ])('bad input %j is BAD_USER_INPUT on %s (%s) and writes nothing', async (over, field, rule) => {
    const before = await countFeedback();
    const res = await call(RECORD, { input: feedback(`bad-${rule}-${field}`, over) }, department);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    expect(res.data).toBeNull();
    expect(await countFeedback()).toBe(before);
  });

  test('NOT_APPLIED with a reason is accepted from an association', async () => {
    const association = testCaller({ kind: 'ASSOCIATION', org: DEMO_ORGS.association.org });
    const res = await call(RECORD, { input: feedback('fb-3', { measureId: 'P-IND-02', outcome: 'NOT_APPLIED', reason: '该企业已于2026年4月退会' }) }, association);
    expect(res.data.recordMeasureFeedback).toMatchObject({ outcome: 'NOT_APPLIED', implementerOrg: DEMO_ORGS.association.org });
  });

  // These kinds lack feedback:write: the subgraph's own @requiresScopes refuses them before the resolver runs.
  test.each(['AGENCY', 'SUBJECT', 'PUBLIC'] as const)('a %s caller is refused', async (kind) => {
    const res = await call(RECORD, { input: feedback(`fb-${kind}`) }, testCaller({ kind, org: 'X' }));
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

const READ = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { id
  measureFeedback { idempotencyKey measure { id } outcome reason implementerOrg }
  feedbackTotals { measure { id } applied notApplicable notApplied } } } }`;
const listEntry = (id: string, listedBy = DEMO_ORGS.department.org) => ({ __typename: 'ListEntry', id, listedBy, callerMayRead: true });

describe('reading feedback', () => {
  beforeAll(async () => {
    const inputs = [
      feedback('r-2', { listEntryId: 'le-read', businessMatter: '招标项目 B-2', appliedOn: '2026-05-07' }),
      feedback('r-1', { listEntryId: 'le-read', appliedOn: '2026-05-06' }),
      feedback('r-3', { listEntryId: 'le-read', measureId: 'P-ADM-02', outcome: 'NOT_APPLIED', reason: '审批事项已于列入前办结', appliedOn: '2026-05-08' }),
      feedback('r-4', { listEntryId: 'le-other', measureId: 'P-ADM-02', outcome: 'NOT_APPLICABLE' }),
    ];
    for (const input of inputs) expect((await call(RECORD, { input }, court)).errors).toBeUndefined();
  });

  test('the initiating department sees the feedback and per-measure totals on its entry', async () => {
    const res = await call(READ, { r: [listEntry('le-read'), listEntry('le-none')] }, department);
    expect(res.errors).toBeUndefined();
    const [read, none] = res.data._entities;
    expect(read.measureFeedback.map((f: any) => f.idempotencyKey)).toEqual(['r-1', 'r-2', 'r-3']); // by appliedOn
    expect(read.measureFeedback[2]).toMatchObject({ outcome: 'NOT_APPLIED', reason: '审批事项已于列入前办结', implementerOrg: DEMO_ORGS.court.org });
    expect(read.feedbackTotals).toEqual([
      { measure: { id: 'P-ADM-02' }, applied: 0, notApplicable: 0, notApplied: 1 },
      { measure: { id: 'P-ADM-10' }, applied: 2, notApplicable: 0, notApplied: 0 },
    ]);
    expect(none).toEqual({ id: 'le-none', measureFeedback: [], feedbackTotals: [] });
  });

  test('another department (even the implementer) is FORBIDDEN; ADMIN sees it', async () => {
    const res = await call(READ, { r: [listEntry('le-read')] }, court);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    // The fields are null with FORBIDDEN; the entry itself stays (schema/measures.graphql: nullable).
    expect(res.data._entities).toEqual([{ id: 'le-read', measureFeedback: null, feedbackTotals: null }]);
    const noListedBy = await call(READ, { r: [{ __typename: 'ListEntry', id: 'le-read', callerMayRead: true }] }, department);
    expect(noListedBy.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asAdmin = await call(READ, { r: [listEntry('le-read')] }, admin);
    expect(asAdmin.data._entities[0].measureFeedback).toHaveLength(3);
  });

  test('200 entries cost one query per field', async () => {
    const r = Array.from({ length: 200 }, (_, i) => listEntry(i === 0 ? 'le-read' : `le-${i}`));
    sub.counter.start();
    const res = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { measureFeedback { id } } } }`, { r }, department);
    expect(sub.counter.stop().filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
    expect(res.data._entities[0].measureFeedback).toHaveLength(3);
    sub.counter.start();
    await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { feedbackTotals { applied } } } }`, { r }, department);
    expect(sub.counter.stop().filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
  });

  test('Measure.feedbackTotals counts over all entries, for ADMIN only', async () => {
    const query = `{ a: measure(id: "P-ADM-02") { feedbackTotals { applied notApplicable notApplied } } b: measure(id: "P-SPC-07") { feedbackTotals { applied } } }`;
    const res = await call(query, {}, admin);
    expect(res.data).toEqual({ a: { feedbackTotals: { applied: 0, notApplicable: 1, notApplied: 1 } }, b: { feedbackTotals: { applied: 0 } } });
    // Without stats:read the subgraph's own @requiresScopes refuses the field.
    const denied = await call(query, {}, department);
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(denied.data.a).toEqual({ feedbackTotals: null });
  });
});
