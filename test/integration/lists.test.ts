import { DEMO_SUBJECT, legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { lists } from '../../subgraphs/lists';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// Reads of the lists subgraph: seeded demo entries, status as of today, per-request batching,
// the Art. 28 linkage and cursor pagination. The workflow (mutations) is in lists-workflow.test.ts.
let keys: KeyFiles;
let sub: RunningSubgraph;
const reader = testCaller({ kind: 'DEPARTMENT' });
const call = (query: string, variables?: Record<string, unknown>, caller = reader) => callSubgraph(sub.url, 'lists', keys, query, variables, caller);
const selects = (statements: string[]) => statements.filter((s) => /^\s*SELECT/i.test(s));
const npId = (j: number) => naturalPersonId(keys.subjectKey, naturalPersonAt(j).idNumber);

beforeAll(async () => {
  process.env.CREDIT_TODAY = '2026-09-01';
  keys = await testKeys();
  sub = await startSubgraph(lists, { port: 0, keys, mysqlUrl: await freshDatabase('lists') });
});
afterAll(() => sub.stop());

const LEGAL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { uscc listEntries { id listType status subject { ... on LegalPerson { uscc } } } } } }`;

test('the demo subject has one active BLACK entry, with its history', async () => {
  const res = await call(LEGAL, { r: [{ __typename: 'LegalPerson', uscc: DEMO_SUBJECT.uscc, callerMayRead: true }] });
  expect(res.errors).toBeUndefined();
  const [entry] = res.data._entities[0].listEntries;
  expect(res.data._entities[0].listEntries).toHaveLength(1);
  expect(entry).toMatchObject({ listType: 'BLACK', status: 'ACTIVE', subject: { uscc: DEMO_SUBJECT.uscc } });
  const one = await call(`query($id: ID!) { listEntry(id: $id) { domain jurisdiction history { event toStatus actorOrg } } }`, { id: entry.id });
  expect(one.data.listEntry).toMatchObject({ domain: 'market-supervision', jurisdiction: '310106', history: [{ event: 'LISTED', toStatus: 'ACTIVE' }] });
});

test('an _entities call with 500 legal persons selecting listEntries runs exactly one SELECT', async () => {
  const r = Array.from({ length: 500 }, (_, i) => ({ __typename: 'LegalPerson', uscc: legalPersonAt(i).uscc, callerMayRead: true }));
  sub.counter.start();
  const res = await call(LEGAL, { r });
  const statements = sub.counter.stop();
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(500);
  expect(res.data._entities.filter((lp: { listEntries: unknown[] }) => lp.listEntries.length > 0).length).toBeGreaterThan(200);
  expect(selects(statements)).toHaveLength(1);
});

const NATURAL = `query($r: [_Any!]!) { _entities(representations: $r) { ... on NaturalPerson {
  id listEntries { id } linkedListEntries { id listType subject { ... on LegalPerson { uscc } } } activeListEntries { id listType }
} } }`;

test('500 natural persons with their companies: listEntries one SELECT, linked and active entries one more', async () => {
  const r = Array.from({ length: 500 }, (_, j) => ({ __typename: 'NaturalPerson', id: npId(j % 400), representativeTerms: [{ legalPerson: { uscc: legalPersonAt(j).uscc }, from: '2000-01-01', to: null }] }));
  sub.counter.start();
  const res = await call(NATURAL, { r });
  const statements = sub.counter.stop();
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(500);
  // One loader per field shape: listEntries (args) and the shared active-entries loader behind linked + active.
  expect(selects(statements)).toHaveLength(2);
  sub.counter.start();
  await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on NaturalPerson { listEntries { id } } } }`, { r });
  expect(selects(sub.counter.stop())).toHaveLength(1);
});

test('001 Art. 28: a legal representative carries the active BLACK entries of the company it represented on their decision day', async () => {
  const debtor = npId(3); // j % 8 === 3: a dishonest judgment debtor in the demo set (court, 2 years)
  const term = (from: string, to: string | null) => ({ legalPerson: { uscc: DEMO_SUBJECT.uscc }, from, to });
  // The demo BLACK entry was decided on 2026-04-01: a term that ended the day before carries nothing, one from that day does.
  const former = await call(NATURAL, { r: [{ __typename: 'NaturalPerson', id: debtor, representativeTerms: [term('2020-01-01', '2026-04-01')] }] });
  expect(former.data._entities[0].linkedListEntries).toEqual([]);
  const res = await call(NATURAL, { r: [{ __typename: 'NaturalPerson', id: debtor, representativeTerms: [term('2020-01-01', '2026-04-01'), term('2026-04-01', null)] }] });
  const person = res.data._entities[0];
  expect(person.listEntries).toHaveLength(1);
  expect(person.linkedListEntries).toEqual([expect.objectContaining({ listType: 'BLACK', subject: { uscc: DEMO_SUBJECT.uscc } })]);
  expect(person.activeListEntries.map((e: { id: string }) => e.id).sort()).toEqual([person.listEntries[0].id, person.linkedListEntries[0].id].sort());
  const alone = await call(NATURAL, { r: [{ __typename: 'NaturalPerson', id: npId(5), representativeTerms: [] }] });
  expect(alone.data._entities[0]).toMatchObject({ listEntries: [], linkedListEntries: [], activeListEntries: [] });
});

test('ListEntry references resolve through one SELECT and give jurisdiction (objections @requires)', async () => {
  const page = await call(`{ listEntries(first: 100) { edges { node { id } } } }`);
  const r = page.data.listEntries.edges.map((e: { node: { id: string } }) => ({ __typename: 'ListEntry', id: e.node.id }));
  sub.counter.start();
  const res = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ListEntry { id jurisdiction listType domain } } }`, { r });
  expect(selects(sub.counter.stop())).toHaveLength(1);
  expect(res.data._entities).toHaveLength(100);
  expect(res.data._entities[0].jurisdiction).toMatch(/^\d{6}$/);
});

const PAGE = `query($f: ListEntryFilter, $first: Int, $after: String) { listEntries(filter: $f, first: $first, after: $after) {
  totalCount edges { cursor node { id decidedOn status listType } } pageInfo { hasNextPage endCursor } } }`;

test('listEntries pages through a filter, newest decision first, with a stable total', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let total = -1;
  let last = '9999-12-31';
  do {
    const res: any = await call(PAGE, { f: { listType: 'RED', status: 'ACTIVE' }, first: 40, after });
    total = res.data.listEntries.totalCount;
    for (const { node } of res.data.listEntries.edges) {
      expect(node).toMatchObject({ listType: 'RED', status: 'ACTIVE' });
      expect(node.decidedOn <= last).toBe(true);
      last = node.decidedOn;
      seen.push(node.id);
    }
    after = res.data.listEntries.pageInfo.hasNextPage ? res.data.listEntries.pageInfo.endCursor : null;
  } while (after);
  expect(total).toBeGreaterThan(40);
  expect(new Set(seen).size).toBe(total);
});

test('EXPIRED is computed in the filter: the demo set has expired entries and they are not ACTIVE', async () => {
  const expired = await call(PAGE, { f: { status: 'EXPIRED' }, first: 100 });
  expect(expired.data.listEntries.totalCount).toBeGreaterThan(0);
  expect(expired.data.listEntries.edges.every((e: any) => e.node.status === 'EXPIRED')).toBe(true);
  const all = await call(PAGE, { f: {}, first: 0 });
  const counts = await Promise.all(['ACTIVE', 'PENDING_NOTICE', 'EXPIRED', 'REMOVED', 'REVOKED'].map((status) => call(PAGE, { f: { status }, first: 0 })));
  expect(counts.reduce((n, c) => n + c.data.listEntries.totalCount, 0)).toBe(all.data.listEntries.totalCount);
});

test('bad paging and filter input is BAD_USER_INPUT naming the field and rule', async () => {
  const big = await call(PAGE, { first: 101 });
  expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', rule: 'PAGE_SIZE' });
  const cursor = await call(PAGE, { first: 10, after: 'not-a-cursor' });
  expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', rule: 'CURSOR' });
  const date = await call(PAGE, { f: { decidedFrom: '2026-13-01' } });
  expect(date.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.decidedFrom', rule: 'ISO_DATE' });
});

test('listEntries counts only when totalCount is selected: a page alone is one SELECT, with the total two', async () => {
  sub.counter.start();
  const page = await call(`{ listEntries(first: 20) { edges { node { id } } } }`);
  const pageOnly = selects(sub.counter.stop());
  expect(page.data.listEntries.edges).toHaveLength(20);
  expect(pageOnly).toHaveLength(1);
  expect(pageOnly.some((s) => /COUNT\(/i.test(s))).toBe(false);
  sub.counter.start();
  const counted = await call(`{ listEntries(first: 20) { total: totalCount edges { node { id } } } }`);
  const withTotal = selects(sub.counter.stop());
  expect(withTotal).toHaveLength(2);
  expect(withTotal.filter((s) => /COUNT\(/i.test(s))).toHaveLength(1);
  expect(counted.data.listEntries.total).toBeGreaterThan(20);
});
