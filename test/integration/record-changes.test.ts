import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { Scope } from '../../subgraphs/kit/protocol/scopes';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// 001 Art. 29, 31: a subject's report shows the source of each record and the reason for each change —
// a provider's corrected resubmission (which fields) and an objection's decision (its note), once each.
let keys: KeyFiles;
let sub: RunningSubgraph;
const call = (query: string, variables?: Record<string, unknown>, caller = testCaller()) => callSubgraph(sub.url, 'legal-persons', keys, query, variables, caller);
const service = testCaller({ kind: 'SERVICE', clientId: 'subgraph:objections', scopes: [Scope.INTERNAL], purpose: null });

beforeAll(async () => {
  keys = await testKeys();
  sub = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: await freshDatabase('record_changes') });
});
afterAll(() => sub.stop());

const SUBMIT = `mutation($records: [CreditRecordInput!]!) { submitCreditRecords(records: $records) { created updated unchanged } }`;
const record = (overrides: Record<string, unknown> = {}) => ({
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: '行政处罚决定', content: '未按规定公示年度报告', decisionNumber: '静市监罚〔2026〕77号', decidedOn: '2026-10-09',
  public: false, dishonest: false, decisionKind: 'OTHER', provider: DEMO_ORGS.department.org, providerRecordId: 'changes-1', item: 'LP-SUPERVISION', ...overrides,
});
const DECIDE = `mutation($id: ID!, $effect: RecordEffect!, $note: String, $correction: CreditRecordCorrectionInput, $on: String!) {
  applyCreditRecordDecision(id: $id, effect: $effect, note: $note, correction: $correction, on: $on) }`;
const CHANGES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CreditRecord { id title changes { on kind fields reason } } } }`;

afterEach(() => {
  delete process.env.CREDIT_TODAY;
});

test('each change is recorded once, with its fields and its reason; the row rule guards it', async () => {
  process.env.CREDIT_TODAY = '2026-11-01';
  expect((await call(SUBMIT, { records: [record()] })).data.submitCreditRecords).toEqual({ created: 1, updated: 0, unchanged: 0 });
  const corrected = record({ content: '未按规定公示 2025 年度报告', decidedOn: '2026-10-10' });
  expect((await call(SUBMIT, { records: [corrected] })).data.submitCreditRecords).toEqual({ created: 0, updated: 1, unchanged: 0 });
  expect((await call(SUBMIT, { records: [corrected] })).data.submitCreditRecords).toEqual({ created: 0, updated: 0, unchanged: 1 });
  const [{ id }] = await sub.db.query(`SELECT id FROM credit_record WHERE provider_record_id = 'changes-1'`);
  const decision = { id, effect: 'CORRECTED', note: '决定书文号录入错误，依异议更正', correction: { decisionNumber: '静市监罚〔2026〕78号' }, on: '2026-11-03' };
  for (let i = 0; i < 2; i++) expect((await call(DECIDE, decision, service)).data.applyCreditRecordDecision).toBe(true); // redelivered by the outbox
  expect((await call(DECIDE, { id, effect: 'ANNOTATED', note: '当事人对处罚事实有异议，已附说明', on: '2026-11-05' }, service)).errors).toBeUndefined();

  const self = testCaller({ kind: 'SUBJECT', clientId: 'demo-subject', purpose: 'SELF_QUERY', subject: { type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc } });
  const res = await call(CHANGES, { r: [{ __typename: 'CreditRecord', id }] }, self);
  expect(res.errors).toBeUndefined();
  expect(res.data._entities[0].changes).toEqual([
    { on: '2026-11-01', kind: 'PROVIDER_CORRECTION', fields: ['content', 'decidedOn'], reason: null },
    { on: '2026-11-03', kind: 'OBJECTION_CORRECTED', fields: ['decisionNumber'], reason: decision.note },
    { on: '2026-11-05', kind: 'OBJECTION_ANNOTATED', fields: ['annotation'], reason: '当事人对处罚事实有异议，已附说明' },
  ]);
  // Another company acting for itself reaches the record by reference: its changes are FORBIDDEN.
  const other = testCaller({ kind: 'SUBJECT', clientId: 'demo-subject', purpose: 'SELF_QUERY', subject: { type: 'LEGAL_PERSON', id: legalPersonAt(7).uscc } });
  const theirs = await call(CHANGES, { r: [{ __typename: 'CreditRecord', id }] }, other);
  expect(theirs.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', '_entities.0.changes']]);
});
