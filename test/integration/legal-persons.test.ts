import { DEMO_ORGS, DEMO_SIZES, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

let keys: KeyFiles;
let sub: RunningSubgraph;
const call = (query: string, variables?: Record<string, unknown>) => callSubgraph(sub.url, 'legal-persons', keys, query, variables);

beforeAll(async () => {
  keys = await testKeys();
  sub = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: await freshDatabase('legal_persons') });
});
afterAll(() => sub.stop());

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on LegalPerson { uscc name adminDivision } }
}`;

test('an _entities call with 500 representations runs exactly one SELECT', async () => {
  const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'LegalPerson', uscc: legalPersonAt(i).uscc }));
  sub.counter.start();
  const res = await call(ENTITIES, { representations });
  const statements = sub.counter.stop();
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(500);
  expect(res.data._entities[499].uscc).toBe(legalPersonAt(499).uscc);
  expect(statements.filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
});

test('legalPersons answers in input order with null for unknown codes', async () => {
  const unknown = '91110000600037341L';
  const res = await call(`query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc } }`, { u: [legalPersonAt(3).uscc, unknown, DEMO_SUBJECT.uscc] });
  expect(res.data.legalPersons).toEqual([{ uscc: legalPersonAt(3).uscc }, null, { uscc: DEMO_SUBJECT.uscc }]);
});

test('more than 10,000 codes is BATCH_TOO_LARGE', async () => {
  const usccs = Array.from({ length: 10_001 }, (_, i) => legalPersonAt(i % DEMO_SIZES.legalPersons).uscc);
  const res = await call(`query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc } }`, { u: usccs });
  expect(res.errors?.[0].extensions?.code).toBe('BATCH_TOO_LARGE');
});

test('a wrong check character is BAD_USER_INPUT naming the field and the rule', async () => {
  const res = await call(`query { legalPerson(uscc: "91110000600037341M") { uscc } }`);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'USCC', rule: 'USCC_CHECK_CHARACTER' });
  // In a variable, the field is the variable's path: which item of a batch was refused.
  const batch = await call(`query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc } }`, { u: [legalPersonAt(0).uscc, legalPersonAt(1).uscc, '91110000600037341M'] });
  expect(batch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'u[2]', rule: 'USCC_CHECK_CHARACTER' });
});

const SUBMIT = `mutation($records: [CreditRecordInput!]!, $atomic: Boolean) { submitCreditRecords(records: $records, atomic: $atomic) { accepted created updated unchanged forwarded } }`;
const SUBMIT_RESULTS = `mutation($records: [CreditRecordInput!]!, $atomic: Boolean) {
  submitCreditRecords(records: $records, atomic: $atomic) { accepted created updated unchanged rejected results { index status field rule message } } }`;
const DEPARTMENT = DEMO_ORGS.department.org;
const record = (n: number, overrides: Record<string, unknown> = {}) => ({
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: '行政处罚决定', content: '未按规定公示年度报告', decisionNumber: `静市监罚〔2026〕${n}号`, decidedOn: '2026-10-09',
  public: true, dishonest: false, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', provider: DEPARTMENT, providerRecordId: `p-${n}`, item: 'LP-SUPERVISION', ...overrides,
});
const countRecords = async () => Number((await sub.db.query('SELECT COUNT(*) AS n FROM credit_record'))[0].n);

test('submitCreditRecords is idempotent on provider + provider record id', async () => {
  const before = await countRecords();
  const first = await call(SUBMIT, { records: [record(1), record(2)] });
  expect(first.data.submitCreditRecords).toEqual({ accepted: 2, created: 2, updated: 0, unchanged: 0, forwarded: 0 });
  const again = await call(SUBMIT, { records: [record(1), record(2, { content: '更正后的内容' })] });
  expect(again.data.submitCreditRecords).toEqual({ accepted: 2, created: 0, updated: 1, unchanged: 1, forwarded: 0 });
  expect(await countRecords()).toBe(before + 2);
});

test('atomic: one invalid record rejects the whole batch and writes nothing', async () => {
  const before = await countRecords();
  const res = await call(SUBMIT, { records: [record(10), record(11, { subjectId: '91110000600037341L' })], atomic: true });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[1].subjectId', rule: 'UNKNOWN_SUBJECT' });
  const bad = await call(SUBMIT, { records: [record(12), record(13, { decidedOn: '2026-02-30' })], atomic: true });
  expect(bad.errors?.[0].extensions).toMatchObject({ field: 'records[1].decidedOn', rule: 'ISO_DATE' });
  expect(await countRecords()).toBe(before);
});

test('each record is answered: three good ones are stored, one with an unknown subject is reported and writes nothing', async () => {
  const before = await countRecords();
  const batch = [record(50), record(51), record(52, { subjectId: '91110000600037341L' }), record(53)];
  const res = await call(SUBMIT_RESULTS, { records: batch });
  expect(res.errors).toBeUndefined();
  expect(res.data.submitCreditRecords).toMatchObject({ accepted: 3, created: 3, rejected: 1 });
  expect(res.data.submitCreditRecords.results.map((r: { status: string }) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'REJECTED', 'ACCEPTED']);
  expect(res.data.submitCreditRecords.results[2]).toMatchObject({ index: 2, field: 'records[2].subjectId', rule: 'UNKNOWN_SUBJECT' });
  expect(await countRecords()).toBe(before + 3);
  const stored = await sub.db.query(`SELECT provider_record_id AS id, item FROM credit_record WHERE provider_record_id IN ('p-50', 'p-51', 'p-52', 'p-53') ORDER BY id`);
  expect(stored).toEqual([{ id: 'p-50', item: 'LP-SUPERVISION' }, { id: 'p-51', item: 'LP-SUPERVISION' }, { id: 'p-53', item: 'LP-SUPERVISION' }]);
});

test('a re-sent batch changes nothing; a corrected record is UPDATED', async () => {
  const batch = [record(60), record(61), record(62)];
  await call(SUBMIT_RESULTS, { records: batch });
  const snapshot = async () => sub.db.query(`SELECT * FROM credit_record WHERE provider_record_id IN ('p-60', 'p-61', 'p-62') ORDER BY provider_record_id`);
  const before = [await countRecords(), await snapshot()];
  const again = await call(SUBMIT_RESULTS, { records: batch });
  expect(again.data.submitCreditRecords.results.map((r: { status: string }) => r.status)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
  expect([await countRecords(), await snapshot()]).toEqual(before);
  const corrected = await call(SUBMIT_RESULTS, { records: [record(60, { publishedOn: '2026-10-12' }), record(61)] });
  expect(corrected.data.submitCreditRecords.results.map((r: { status: string }) => r.status)).toEqual(['UPDATED', 'UNCHANGED']);
});

test('a record keeps the id it was first stored under; provider record ids differing only in case or trailing spaces are different records', async () => {
  const ids = async (records: unknown[]) => (await call(`mutation($records: [CreditRecordInput!]!) { submitCreditRecords(records: $records) { results { status id } } }`, { records })).data.submitCreditRecords.results;
  const first = await ids([record(80), record(81, { providerRecordId: 'Case-81' }), record(82, { providerRecordId: 'case-81' }), record(83, { providerRecordId: 'case-81 ' })]);
  expect(first.map((r: { status: string }) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
  expect(new Set(first.map((r: { id: string }) => r.id)).size).toBe(4);
  const again = await ids([record(80, { content: '更正后的内容' }), record(81, { providerRecordId: 'Case-81' })]);
  expect(again).toEqual([{ status: 'UPDATED', id: first[0].id }, { status: 'UNCHANGED', id: first[1].id }]);
  const stored = await sub.db.query(`SELECT id, provider_record_id AS k FROM credit_record WHERE provider_record_id IN ('p-80', 'Case-81', 'case-81', 'case-81 ') ORDER BY id`);
  expect(stored.map((r: { id: string }) => r.id)).toEqual(first.map((r: { id: string }) => r.id).sort());
  // Ids grow with time: later records are appended to the id index.
  expect([...first.map((r: { id: string }) => r.id)].sort()).toEqual(first.map((r: { id: string }) => r.id));
});

test('the catalogue decides: an item outside it, or from a unit not allowed to provide it, is rejected', async () => {
  const platform = '12310000MB0P1Q077K'; // demo-admin's org: not a providing unit of any demo item
  const res = await call(SUBMIT_RESULTS, {
    records: [record(70, { item: 'LP-NO-SUCH-ITEM' }), record(71, { provider: platform }), record(72, { item: null }), record(73, { item: 'NP-SUPERVISION' }), record(74)],
  });
  const results = res.data.submitCreditRecords.results;
  expect(results.map((r: { rule: string | null }) => r.rule)).toEqual(['NOT_IN_CATALOGUE', 'PROVIDER_NOT_ALLOWED', 'NOT_IN_CATALOGUE', 'ITEM_SUBJECT_TYPE', null]);
  expect(results.slice(0, 4).map((r: { field: string }) => r.field)).toEqual(['records[0].item', 'records[1].item', 'records[2].item', 'records[3].item']);
  expect(res.data.submitCreditRecords).toMatchObject({ created: 1, rejected: 4 });
});

test('informationCatalogue lists the items and their providing units', async () => {
  const res = await call(`{ informationCatalogue { code name category subjectType public dishonest publication providers } }`);
  const item = res.data.informationCatalogue.find((i: { code: string }) => i.code === 'LP-SUPERVISION');
  expect(item).toMatchObject({ category: 'SUPERVISION', subjectType: 'LEGAL_PERSON', publication: 'DOUBLE_PUBLICITY' });
  expect(item.providers).toContain(DEPARTMENT);
});

test('more than 10,000 records in one call is BATCH_TOO_LARGE', async () => {
  const res = await call(SUBMIT_RESULTS, { records: Array.from({ length: 10_001 }, (_, n) => record(100_000 + n)) });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BATCH_TOO_LARGE', field: 'records' });
});

test('identical submissions racing each other are all answered, and store the record once', async () => {
  const before = await countRecords();
  const results = await Promise.all(Array.from({ length: 4 }, () => call(SUBMIT, { records: [record(40)] })));
  expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
  expect(results.reduce((n, r) => n + r.data.submitCreditRecords.created, 0)).toBe(1);
  expect(await countRecords()).toBe(before + 1);
});

test('limits the database would enforce are checked first: decision numbers, natural-person names', async () => {
  const long = await call(SUBMIT, { records: [record(41, { decisionNumber: 'x'.repeat(65) })], atomic: true });
  expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[0].decisionNumber', rule: 'MAX_LENGTH' });
  const nameless = await call(SUBMIT, { records: [record(42, { subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002X', decisionKind: 'OTHER', penaltyTier: null, item: 'NP-SUPERVISION' })], atomic: true });
  expect(nameless.errors?.[0].extensions).toMatchObject({ field: 'records[0].subjectName', rule: 'REQUIRED_FOR_NATURAL_PERSON' });
});

test('a providing unit submits under its own org code only', async () => {
  const court = testCaller({ kind: 'COURT', org: DEMO_ORGS.court.org });
  const res = await callSubgraph(sub.url, 'legal-persons', keys, SUBMIT, { records: [record(30, { provider: DEMO_ORGS.court.org }), record(31)] }, court);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'records[1].provider', rule: 'OWN_PROVIDER_ONLY' });
  const own = await callSubgraph(sub.url, 'legal-persons', keys, SUBMIT, { records: [record(32, { provider: DEMO_ORGS.court.org })] }, court);
  expect(own.data.submitCreditRecords.created).toBe(1);
});

test('natural-person records go to the outbox in the same transaction', async () => {
  const res = await call(SUBMIT, {
    records: [record(20, { subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002X', subjectName: '张三', decisionKind: 'OTHER', penaltyTier: null, item: 'NP-SUPERVISION' })],
  });
  expect(res.data.submitCreditRecords.forwarded).toBe(1);
  const rows = await sub.db.query('SELECT target, variables FROM outbox');
  expect(rows).toHaveLength(1);
  expect(rows[0].target).toBe('natural-persons');
  expect(JSON.parse(rows[0].variables).records[0].idNumber).toBe('11010519491231002X');
});

test('requests without a signed identity are refused with 401', async () => {
  const res = await fetch(`${sub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(res.status).toBe(401);
  expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('creditRecords of 100 companies: one SELECT for the pages, one grouped COUNT only when totalCount is selected', async () => {
  const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'LegalPerson', uscc: legalPersonAt(i).uscc, callerMayRead: true }));
  const records = (fields: string) => `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on LegalPerson { creditRecords(first: 2) { ${fields} } } } }`;
  sub.counter.start();
  const pages = await call(records('edges { node { id } }'), { representations });
  const pageOnly = sub.counter.stop().filter((s) => /^\s*SELECT/i.test(s));
  expect(pages.errors).toBeUndefined();
  expect(pageOnly.filter((s) => /COUNT\(/i.test(s))).toHaveLength(0);
  sub.counter.start();
  const counted = await call(records('totalCount edges { node { id } }'), { representations });
  const withTotal = sub.counter.stop().filter((s) => /^\s*SELECT/i.test(s));
  expect(withTotal.length - pageOnly.length).toBe(1);
  expect(withTotal.filter((s) => /COUNT\(/i.test(s))).toHaveLength(1);
  const totals = counted.data._entities.map((lp: { creditRecords: { totalCount: number } }) => lp.creditRecords.totalCount);
  expect(totals.every((t: number) => t >= 2)).toBe(true);
});
