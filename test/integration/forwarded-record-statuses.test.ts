import { applyRecordDecision } from '../../subgraphs/kit/credit-records/decision';
import { DEMO_ORGS, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { NATURAL_PERSON_RECORD_STATUSES } from '../../subgraphs/legal-persons/forwarded-statuses';
import { naturalPersons } from '../../subgraphs/natural-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// A natural-person record submitted to legal-persons is answered as natural-persons would store it
// (asked before the outbox forwards it); when natural-persons cannot be asked, it is still accepted.
let keys: KeyFiles;
let np: RunningSubgraph;
let lp: RunningSubgraph;
let lpAlone: RunningSubgraph;

beforeAll(async () => {
  keys = await testKeys();
  np = await startSubgraph(naturalPersons, { port: 0, keys, seed: false, mysqlUrl: await freshDatabase('fwd_status_np') });
  lp = await startSubgraph(legalPersons, { port: 0, keys, seed: false, mysqlUrl: await freshDatabase('fwd_status_lp'), urlOf: () => `${np.url}/graphql` });
  // Port 9 (discard) has no listener here: natural-persons cannot be reached.
  lpAlone = await startSubgraph(legalPersons, { port: 0, keys, seed: false, mysqlUrl: await freshDatabase('fwd_status_lp_alone'), urlOf: () => 'http://127.0.0.1:9/graphql' });
}, 60_000);
afterAll(async () => {
  await Promise.all([lp.stop(), lpAlone.stop()]);
  await np.stop();
});

const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted created updated unchanged forwarded rejected results { status message } } }`;
const person = naturalPersonAt(3);
// Dates in every date field: MySQL hands them back as Date or string, and the digest must not care.
const record = (n: number, content = '未按规定办理') => ({
  subjectType: 'NATURAL_PERSON', subjectId: person.idNumber, subjectName: person.name, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: '行政处罚决定书', content, decisionNumber: `静市监罚〔2026〕${n}号`, decidedOn: '2026-09-01', behaviourEndedOn: '2026-08-01', public: true, publishedOn: '2026-09-03',
  dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', provider: DEMO_ORGS.department.org, providerRecordId: `fwd-${n}`, item: 'NP-SUPERVISION',
});
const submit = (sub: RunningSubgraph, records: unknown[]) => callSubgraph(sub.url, 'legal-persons', keys, SUBMIT, { r: records });
const delivered = async () => {
  const deadline = Date.now() + 15_000;
  const pending = async () => Number((await lp.db.query('SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL'))[0].n);
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await pending()).toBe(0);
};

test('new, re-sent and corrected natural-person records are ACCEPTED, UNCHANGED and UPDATED, and counted so', async () => {
  const first = await submit(lp, [record(1), record(2)]);
  expect(first.data.submitCreditRecords).toMatchObject({ accepted: 2, created: 2, updated: 0, unchanged: 0, forwarded: 2, rejected: 0 });
  await delivered();
  const again = await submit(lp, [record(1), record(2, '更正后的内容'), record(3)]);
  expect(again.errors).toBeUndefined();
  expect(again.data.submitCreditRecords.results.map((r: { status: string }) => r.status)).toEqual(['UNCHANGED', 'UPDATED', 'ACCEPTED']);
  expect(again.data.submitCreditRecords).toMatchObject({ accepted: 3, created: 1, updated: 1, unchanged: 1, forwarded: 3, rejected: 0 });
  await delivered();
  const after = await submit(lp, [record(2, '更正后的内容'), record(3)]);
  expect(after.data.submitCreditRecords).toMatchObject({ created: 0, updated: 0, unchanged: 2, forwarded: 2 });
});

test("a re-sent record an objection decided CORRECTED is UNCHANGED, asked and on delivery: the decision stands", async () => {
  await submit(lp, [record(20)]);
  await delivered();
  const stored = async () => (await np.db.query(`SELECT id, content, dishonest FROM credit_record WHERE provider_record_id = 'fwd-20'`))[0];
  const correction = { content: '经复核，不构成失信', dishonest: false };
  await applyRecordDecision(np.db, { id: (await stored()).id, effect: 'CORRECTED', note: '异议核实', correction, on: '2026-09-20' });

  const again = await submit(lp, [record(20)]);
  expect(again.errors).toBeUndefined();
  expect(again.data.submitCreditRecords).toMatchObject({ created: 0, updated: 0, unchanged: 1, forwarded: 1 });
  expect(again.data.submitCreditRecords.results[0]).toEqual({ status: 'UNCHANGED', message: expect.stringContaining('kept as corrected by the objection decision of 2026-09-20') });
  await delivered();
  expect(await stored()).toMatchObject({ content: correction.content, dishonest: 0 });

  // New values are the provider's own correction.
  const own = await submit(lp, [record(20, '更正后的处罚内容')]);
  expect(own.data.submitCreditRecords.results[0].status).toBe('UPDATED');
  await delivered();
  expect(await stored()).toMatchObject({ content: '更正后的处罚内容', dishonest: 1 });
});

test('when natural-persons cannot be asked, the record is still forwarded: ACCEPTED, status known on delivery', async () => {
  const res = await submit(lpAlone, [record(10)]);
  expect(res.errors).toBeUndefined();
  expect(res.data.submitCreditRecords).toMatchObject({ accepted: 1, created: 1, forwarded: 1, rejected: 0 });
  expect(res.data.submitCreditRecords.results[0]).toMatchObject({ status: 'ACCEPTED', message: expect.stringContaining('known on delivery') });
  expect(await lpAlone.db.query('SELECT target FROM outbox')).toEqual([{ target: 'natural-persons' }]);
});

test('10,000 records, the most one submission takes, are asked about in one call and forwarded in parts', async () => {
  const records = Array.from({ length: 10_000 }, (_, n) => record(1_000 + n, '处'.repeat(60)));
  const res = await submit(lp, records);
  expect(res.errors).toBeUndefined();
  expect(res.data.submitCreditRecords).toMatchObject({ accepted: 10_000, created: 10_000, forwarded: 10_000 });
  expect(res.data.submitCreditRecords.results.filter((r: { message: string }) => r.message.includes('could not be asked'))).toEqual([]);
  // ~6 MB of records: at least 5 rows of ~1 MB, besides the 2 rows of the first test (delivered or not).
  expect(Number((await lp.db.query('SELECT COUNT(*) AS n FROM outbox'))[0].n)).toBeGreaterThanOrEqual(2 + 5);
}, 60_000);

test('naturalPersonRecordStatuses is internal: any caller but a signed service is FORBIDDEN', async () => {
  const res = await callSubgraph(np.url, 'natural-persons', keys, NATURAL_PERSON_RECORD_STATUSES, { records: [{ provider: 'x', providerRecordId: 'y', digest: 'z' }] }, testCaller());
  expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
