import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccessLogStore, type AccessLogStore } from '../../gateway/access-log/store';
import { accessLog } from '../../subgraphs/access-log';
import { logTime, type AccessLogRow } from '../../subgraphs/kit/protocol/access-log-table';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// npm start: no MySQL. The gateway's store writes <DATA_DIR>/access-log.sqlite (fsynced, renamed into
// place); the access-log subgraph in the same process reads the same file and sees each new write.
const uscc = '91310106265UHPPC1B';
let dir: string;
let store: AccessLogStore;
let subgraph: RunningSubgraph;
let keys: Awaited<ReturnType<typeof testKeys>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'access-log-embedded-'));
  process.env.DATA_DIR = dir;
  keys = await testKeys();
  subgraph = await startSubgraph(accessLog, { port: 0, keys, mysqlUrl: null });
  store = await openAccessLogStore({ ...process.env, DATABASE_URL: '', ACCESS_LOG_DATABASE_URL: '' });
});
afterAll(async () => {
  await store.close();
  await subgraph.stop();
  rmSync(dir, { recursive: true, force: true });
});

const row = (requestId: string, at: Date): AccessLogRow => ({
  subjectType: 'LEGAL_PERSON', subjectId: uscc, at: logTime(at), entryId: requestId.padStart(16, '0').slice(-16).replace(/[^0-9a-f]/g, 'a'),
  requestId, clientId: 'demo-court', clientKind: 'COURT', org: '11310106MB0C7T025P', operator: null, purpose: 'JUDICIAL', fieldGroups: ['lists:read', 'records:read'], operationName: null, operationHash: 'h'.repeat(64),
});
const LOG = `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { accessLog(first: 5) { totalCount edges { node { requestId purpose fieldGroups at } } } } } }`;
const read = (caller = testCaller({ kind: 'SUBJECT', subject: { type: 'LEGAL_PERSON', id: uscc }, purpose: 'SELF_QUERY' })) =>
  callSubgraph(subgraph.url, 'access-log', keys, LOG, { r: [{ __typename: 'LegalPerson', uscc }] }, caller);

test('a write through the gateway\'s store is visible to the subgraph at once, newest first; old entries are purged', async () => {
  await store.append([row('r1', new Date(Date.now() - 2000)), row('r2', new Date(Date.now() - 1000))]);
  const first = await read();
  expect(first.errors).toBeUndefined();
  expect(first.data._entities[0].accessLog.edges.map((e: any) => e.node.requestId)).toEqual(['r2', 'r1']);
  await store.append([row('r3', new Date()), row('old', new Date(Date.now() - 6 * 365 * 86_400_000))]);
  const second = await read();
  expect(second.data._entities[0].accessLog.totalCount).toBe(3); // the 6-year-old entry is outside retention
  expect(await store.purge()).toBe(1);
  expect(second.data._entities[0].accessLog.edges[0].node).toMatchObject({ requestId: 'r3', purpose: 'JUDICIAL', fieldGroups: ['lists:read', 'records:read'] });
});

test('another subject is FORBIDDEN', async () => {
  const res = await read(testCaller({ kind: 'SUBJECT', subject: { type: 'LEGAL_PERSON', id: '91310106W97GQ2NP1W' }, purpose: 'SELF_QUERY' }));
  expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('a credit report the store records is counted by the subgraph: the next one has the next number', async () => {
  const REPORT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on NaturalPerson { creditReport { id year numberThisYear free } } } }`;
  const person = { type: 'NATURAL_PERSON' as const, id: 'np_embedded-report-test-00' };
  const self = testCaller({ kind: 'SUBJECT', subject: person, purpose: 'SELF_QUERY' });
  const ask = async () => (await callSubgraph(subgraph.url, 'access-log', keys, REPORT, { r: [{ __typename: 'NaturalPerson', id: person.id }] }, self)).data._entities[0].creditReport;
  for (let n = 1; n <= 3; n++) {
    const report = await ask();
    expect(report).toMatchObject({ numberThisYear: n, free: n <= 2 });
    await store.append([], [{ subjectType: person.type, subjectId: person.id, year: report.year, numberInYear: n, id: report.id, issuedAt: logTime(new Date()), free: report.free, requestId: `rep-${n}`, clientId: 'demo-person' }]);
  }
  expect((await ask()).numberThisYear).toBe(4);
});
