import { DEMO_ORGS, DEMO_SIZES, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { Scope } from '../../subgraphs/kit/protocol/scopes';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { naturalPersons } from '../../subgraphs/natural-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

let keys: KeyFiles;
let sub: RunningSubgraph;
const call = (query: string, variables?: Record<string, unknown>, caller = testCaller()) => callSubgraph(sub.url, 'natural-persons', keys, query, variables, caller);
const service = testCaller({ clientId: 'subgraph:legal-persons', kind: 'SERVICE', scopes: [Scope.INTERNAL], purpose: null });

beforeAll(async () => {
  keys = await testKeys();
  sub = await startSubgraph(naturalPersons, { port: 0, keys, mysqlUrl: await freshDatabase('natural_persons') });
});
afterAll(() => sub.stop());

const PERSON = `query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { id name idNumber gender birthYear dishonestRecordCount
  creditRecords(first: 100) { totalCount edges { node { providerRecordId } } } } }`;
const UNKNOWN_ID = '11010519491231002X'; // born 1949: outside the demo set (1950–1999)

test('an _entities call with 500 representations runs exactly one SELECT', async () => {
  const representations = Array.from({ length: 500 }, (_, j) => ({ __typename: 'NaturalPerson', id: naturalPersonId(keys.subjectKey, naturalPersonAt(j % DEMO_SIZES.naturalPersons).idNumber) }));
  sub.counter.start();
  const res = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on NaturalPerson { id name idNumber gender birthYear } } }`, { r: representations });
  const statements = sub.counter.stop();
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(500);
  expect(res.data._entities[7]).toMatchObject({ id: representations[7].id, name: naturalPersonAt(7).name, gender: naturalPersonAt(7).gender, birthYear: naturalPersonAt(7).birthYear });
  expect(statements.filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
});

test('naturalPersons answers in input order with null for unknown numbers', async () => {
  const [a, b] = [naturalPersonAt(5), naturalPersonAt(2)];
  const res = await call(`query($n: [ResidentIdNumber!]!) { naturalPersons(idNumbers: $n) { name } }`, { n: [a.idNumber, UNKNOWN_ID, b.idNumber] });
  expect(res.errors).toBeUndefined();
  expect(res.data.naturalPersons).toEqual([{ name: a.name }, null, { name: b.name }]);
});

test('more than 10,000 numbers is BATCH_TOO_LARGE', async () => {
  const n = Array.from({ length: 10_001 }, (_, j) => naturalPersonAt(j % 50).idNumber);
  const res = await call(`query($n: [ResidentIdNumber!]!) { naturalPersons(idNumbers: $n) { id } }`, { n });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BATCH_TOO_LARGE', field: 'idNumbers' });
});

test('a wrong check character is BAD_USER_INPUT naming the field and the rule', async () => {
  const literal = await call(`query { naturalPerson(idNumber: "110105194912310021") { id } }`);
  expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ResidentIdNumber', rule: 'RESIDENT_ID_CHECK_CHARACTER' });
  const variable = await call(PERSON, { n: '11010519490231002X' });
  // In a variable, the field is the variable's path: which input was refused.
  expect(variable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n', rule: 'BIRTH_DATE' });
});

test('idNumber is masked unless the caller holds the full-number scope', async () => {
  const np = naturalPersonAt(11);
  const masked = await call(PERSON, { n: np.idNumber }, testCaller({ kind: 'DEPARTMENT' }));
  expect(masked.data.naturalPerson.idNumber).toBe(`${np.idNumber.slice(0, 3)}***********${np.idNumber.slice(14)}`);
  const full = await call(PERSON, { n: np.idNumber }, testCaller({ kind: 'COURT', purpose: 'JUDICIAL' }));
  expect(full.data.naturalPerson).toMatchObject({ idNumber: np.idNumber, id: naturalPersonId(keys.subjectKey, np.idNumber) });
});

const INGEST = `mutation($records: [NaturalPersonRecordInput!]!) { ingestNaturalPersonCreditRecords(records: $records) }`;
const record = (n: number, overrides: Record<string, unknown> = {}) => ({
  idNumber: UNKNOWN_ID, subjectName: '张三', category: 'ENFORCEMENT', sourceDepartment: '静安区人民法院', title: '失信被执行人',
  content: '有履行能力而拒不履行生效法律文书确定的义务', decisionNumber: `(2026)沪0106执${n}号`, decidedOn: '2026-03-01',
  public: true, dishonest: true, decisionKind: 'OTHER', penaltyTier: null, provider: DEMO_ORGS.court.org, providerRecordId: `np-${n}`, item: 'NP-ENFORCEMENT', ...overrides,
});
const count = async (table: string) => Number((await sub.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

test('ingest is refused for anyone but an internal service caller', async () => {
  for (const caller of [testCaller(), testCaller({ kind: 'SERVICE', scopes: [] }), testCaller({ kind: 'ADMIN', scopes: [Scope.INTERNAL] })]) {
    const res = await call(INGEST, { records: [record(1)] }, caller);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }
});

test('ingest registers an unknown person and is idempotent', async () => {
  const [people, records] = [await count('natural_person'), await count('credit_record')];
  const first = await call(INGEST, { records: [record(1), record(2, { subjectName: null })] }, service);
  expect(first.data).toEqual({ ingestNaturalPersonCreditRecords: 2 });
  const again = await call(INGEST, { records: [record(1), record(2, { content: '更正后的内容' })] }, service);
  expect(again.data).toEqual({ ingestNaturalPersonCreditRecords: 0 });
  expect([await count('natural_person'), await count('credit_record')]).toEqual([people + 1, records + 2]);
  const person = await call(PERSON, { n: UNKNOWN_ID });
  expect(person.data.naturalPerson).toMatchObject({ name: '张三', gender: 'F', birthYear: 1949, dishonestRecordCount: 2 });
  const rows = await sub.db.query(`SELECT content FROM credit_record WHERE provider_record_id = 'np-2'`);
  expect(rows[0].content).toBe('更正后的内容');
});

test('a bad batch is BAD_USER_INPUT with field and rule and writes nothing', async () => {
  const [people, records] = [await count('natural_person'), await count('credit_record')];
  const stranger = '440524188001010014';
  const unnamed = await call(INGEST, { records: [record(30), record(31, { idNumber: stranger, subjectName: null })] }, service);
  expect(unnamed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[1].subjectName', rule: 'REQUIRED_FOR_UNKNOWN_SUBJECT' });
  const badId = await call(INGEST, { records: [record(32), record(33, { idNumber: '440524188001010015' })] }, service);
  expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[1].idNumber', rule: 'RESIDENT_ID_CHECK_CHARACTER' });
  const badDate = await call(INGEST, { records: [record(34, { idNumber: stranger }), record(35, { decidedOn: '2026-02-30' })] }, service);
  expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[1].decidedOn', rule: 'ISO_DATE' });
  expect([await count('natural_person'), await count('credit_record')]).toEqual([people, records]);
});

test('stored rows hold no plain id number', async () => {
  const dump = JSON.stringify([await sub.db.query('SELECT * FROM natural_person'), await sub.db.query('SELECT * FROM credit_record')]);
  const numbers = [UNKNOWN_ID, ...Array.from({ length: DEMO_SIZES.naturalPersons }, (_, j) => naturalPersonAt(j).idNumber)];
  expect(numbers.filter((n) => dump.includes(n))).toEqual([]);
  expect(await count('natural_person')).toBeGreaterThan(DEMO_SIZES.naturalPersons - 5);
});

test('a natural-person record submitted to legal-persons arrives through the outbox', async () => {
  const lp = await startSubgraph(legalPersons, { port: 0, keys, seed: false, mysqlUrl: await freshDatabase('natural_persons_relay_lp'), urlOf: () => `${sub.url}/graphql` });
  try {
    const np = naturalPersonAt(20);
    const submitted = await callSubgraph(lp.url, 'legal-persons', keys, `mutation($records: [CreditRecordInput!]!) { submitCreditRecords(records: $records) { forwarded } }`, {
      records: [{ ...record(40, { providerRecordId: 'relay-1', dishonest: false }), idNumber: undefined, subjectType: 'NATURAL_PERSON', subjectId: np.idNumber, subjectName: np.name }],
    });
    expect(submitted.data).toEqual({ submitCreditRecords: { forwarded: 1 } });
    const arrived = async () => ((await call(PERSON, { n: np.idNumber })).data.naturalPerson.creditRecords.edges as { node: { providerRecordId: string } }[]).some((e) => e.node.providerRecordId === 'relay-1');
    const deadline = Date.now() + 10_000;
    while (!(await arrived()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await arrived()).toBe(true);
  } finally {
    await lp.stop();
  }
});
