import { startGateway, type RunningGateway } from '../../gateway/index';
import { legalPersonAt, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { lists } from '../../subgraphs/lists';
import { ListEntryEntity } from '../../subgraphs/lists/entities';
import { freshDatabase } from '../support/mysql';
import { SUBJECT_QUERY } from '../support/queries';
import { replay, startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { testRedis, unreachableStore, type TestRedis } from '../support/redis';
import { callSubgraph } from '../support/subgraph-client';
import { startStack, type Stack } from '../support/stack';

// A signed subgraph request captured on the internal network (identity header + body) is good for
// exactly one use: replayed to its subgraph, or to another replica of it, it is 401 UNAUTHENTICATED.
let stack: Stack;
let redis: TestRedis;
const proxies = {} as Record<SubgraphName, RecordingProxy>;
const replicas: RunningSubgraph[] = [];
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_replay');
  redis = testRedis();
  for (const { name } of SUBGRAPHS) proxies[name] = await startRecordingProxy(() => `${stack.subgraphs[name].url}/graphql`);
});
afterAll(async () => {
  for (const g of gateways) await g.stop();
  for (const r of replicas) await r.stop();
  for (const p of Object.values(proxies)) await p.close();
  await stack.stop();
  await redis.stop();
});

/** A gateway of the stack's keys whose fetches go to `urlOf` (here: through the recording proxies). */
async function gatewayVia(urlOf: (name: SubgraphName) => string) {
  const gateway = await startGateway({ port: 0, keys: stack.keys, urlOf });
  gateways.push(gateway);
  return async (query: string, variables: Record<string, unknown>, clientId: string, purpose: string) => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(clientId)}`, 'x-query-purpose': purpose },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  };
}

async function expectReplayRefused(url: string, request: RecordingProxy['captured'][number]) {
  const res = await replay(url, request);
  const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
  expect({ status: res.status, data: body.data ?? null, code: body.errors[0].extensions.code }).toEqual({ status: 401, data: null, code: 'UNAUTHENTICATED' });
  expect(body.errors[0].message).toMatch(/already used/);
}

const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id listType status } }`;
const listing = (uscc: string) => ({
  input: { subjectType: 'LEGAL_PERSON', subjectId: uscc, listType: 'RED', domain: 'market-supervision', basis: '《守信联合激励备忘录》', decidedOn: '2026-06-01' },
});
const company = legalPersonAt(49).uscc; // starts with no list entry

describe('in-memory store (one replica per subgraph)', () => {
  let ask: Awaited<ReturnType<typeof gatewayVia>>;
  beforeAll(async () => {
    ask = await gatewayVia((sub) => `${proxies[sub].url}/graphql`);
  });

  test.each(SUBGRAPHS.map((s) => s.name))('%s refuses every captured request of a query the second time', async (name) => {
    proxies[name].captured.length = 0;
    const first = await ask(SUBJECT_QUERY, { uscc: DEMO_SUBJECT.uscc }, 'demo-admin', 'ADMINISTRATIVE_APPROVAL');
    expect(first.errors).toBeUndefined();
    expect(first.data.legalPerson.uscc).toBe(DEMO_SUBJECT.uscc);
    expect(proxies[name].captured.length).toBeGreaterThan(0);
    for (const request of proxies[name].captured) await expectReplayRefused(`${stack.subgraphs[name].url}/graphql`, request);
  });

  test('a replayed listSubject is refused and writes nothing; the first one was listed', async () => {
    proxies.lists.captured.length = 0;
    const first = await ask(LIST, listing(company), 'demo-department', 'DAILY_SUPERVISION');
    expect(first.data.listSubject).toMatchObject({ listType: 'RED', status: 'ACTIVE' });
    const mutation = proxies.lists.captured.find((c) => c.body.includes('listSubject'))!;
    await expectReplayRefused(`${stack.subgraphs.lists.url}/graphql`, mutation);
    expect(await stack.subgraphs.lists.db.getRepository(ListEntryEntity).countBy({ subjectId: company })).toBe(1);
  });
});

describe('Redis store (two replicas of lists share it)', () => {
  test('a listSubject delivered to one replica is refused on the other, and on the first again', async () => {
    const mysqlUrl = await freshDatabase('e2e_replay_lists_replicas');
    const urlOf = (sub: SubgraphName) => `${stack.subgraphs[sub].url}/graphql`;
    const a = await startSubgraph(lists, { port: 0, keys: stack.keys, mysqlUrl, urlOf, store: redis.replica() });
    replicas.push(a);
    const b = await startSubgraph(lists, { port: 0, keys: stack.keys, mysqlUrl, urlOf, store: redis.replica(), seed: false });
    replicas.push(b);
    const toA = await startRecordingProxy(() => `${a.url}/graphql`);
    try {
      const ask = await gatewayVia((sub) => (sub === 'lists' ? `${toA.url}/graphql` : urlOf(sub)));
      const first = await ask(LIST, listing(company), 'demo-department', 'DAILY_SUPERVISION');
      expect(first.data.listSubject).toMatchObject({ listType: 'RED', status: 'ACTIVE' });
      const mutation = toA.captured.find((c) => c.body.includes('listSubject'))!;
      await expectReplayRefused(`${b.url}/graphql`, mutation);
      await expectReplayRefused(`${a.url}/graphql`, mutation);
      expect(await a.db.getRepository(ListEntryEntity).countBy({ subjectId: company })).toBe(1);
      // What the replicas remember expires with the tokens: nothing is kept in Redis for good.
      const kept = [...(await redis.keys()).values()];
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((ttl) => ttl > 0 && ttl <= 36_000)).toBe(true);
    } finally {
      await toA.close();
    }
  });
});

test('a subgraph that cannot reach its store refuses with 503 rather than skip the replay check', async () => {
  const away = unreachableStore();
  const sub = await startSubgraph(lists, { port: 0, keys: stack.keys, mysqlUrl: await freshDatabase('e2e_replay_lists_away'), seed: false, store: away.store });
  replicas.push(sub);
  const res = await callSubgraph(sub.url, 'lists', stack.keys, '{ listEntries { edges { node { id } } } }');
  expect({ status: res.status, data: res.data ?? null, code: res.errors?.[0].extensions?.code }).toEqual({ status: 503, data: null, code: 'DOWNSTREAM_SERVICE_ERROR' });
  expect(res.errors?.[0].message).toBe('lists cannot check identities right now');
  await away.close();
});
