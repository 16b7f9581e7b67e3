import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/index';
import type { Caller } from '../../subgraphs/kit/protocol/caller';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { composeOne, fixtureModule, IMPLEMENTATIONS, INTERFACE_RESOLVERS, interfaceSdl, withoutInterfaceCopies } from '../support/directive-fixtures';
import { allows, demoClients, type Client } from '../support/matrix';
import { freshDatabase } from '../support/mysql';
import { clientToken } from '../support/stack';
import { callSubgraph, testCaller, testKeys, type GraphQLResponse } from '../support/subgraph-client';

// GHSA-x33c-7c2v-mrj9 behind the real gateway: requirements sit on the implementations of `Item`, not
// on the interface. Selected through the interface, a field needs what every implementation needs
// (and `items` what every implementing type needs), whether or not composition copied it onto the
// interface (federation#3321); a fragment on one type needs only that type's.

const NAME = 'items';
const composed = composeOne(NAME, interfaceSdl());
const uncopied = withoutInterfaceCopies(composed);
const every = (client: Client, pick: (i: (typeof IMPLEMENTATIONS)[number]) => Parameters<typeof allows>[0]) => IMPLEMENTATIONS.every((i) => allows(pick(i), client));

/** Probes: the query, and per client the response path removed (null: nothing removed). */
const PROBES: { query: string; removed: (c: Client) => string | null }[] = [
  { query: '{ items { id } }', removed: (c) => (every(c, (i) => i.typeReq) ? null : 'items') },
  { query: '{ items { id title } }', removed: (c) => (!every(c, (i) => i.typeReq) ? 'items' : every(c, (i) => i.titleReq) ? null : 'items.title') },
  ...IMPLEMENTATIONS.map((impl) => ({
    query: `{ items { id ... on ${impl.type} { title } } }`,
    removed: (c: Client) => (!every(c, (i) => i.typeReq) ? 'items' : allows(impl.titleReq, c) ? null : 'items.title'),
  })),
];

const clients = demoClients().map((c) => [c.id ?? 'the public', c] as const);
const dir = mkdtempSync(join(tmpdir(), 'interface-requirements-'));
let keys: KeyFiles;
let subgraph: RunningSubgraph;

beforeAll(async () => {
  keys = await testKeys();
  subgraph = await startSubgraph(fixtureModule(NAME, interfaceSdl(), INTERFACE_RESOLVERS), { port: 0, keys, mysqlUrl: await freshDatabase('directive_items') });
});
afterAll(async () => {
  await subgraph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function askGateway(gateway: RunningGateway, client: Client, query: string): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (client.id) headers.authorization = `Bearer ${await clientToken(keys, client.id)}`;
  if (client.purposes[0]) headers['x-query-purpose'] = client.purposes[0];
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: res.status, ...((await res.json()) as object) };
}

describe.each([
  ['as composition 2.14 writes it (copied onto the interface)', composed],
  ['as composed before federation#3321 (nothing on the interface)', uncopied],
])('gateway on the supergraph %s', (_name, supergraph) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const file = join(dir, `${supergraph === composed ? 'composed' : 'uncopied'}.graphql`);
    writeFileSync(file, supergraph);
    gateway = await startGateway({ port: 0, keys, supergraphFile: file, urlOf: () => `${subgraph.url}/graphql` });
  });
  afterAll(() => gateway?.stop());

  test.each(clients)('removes from %s exactly what an implementation denies it', async (_id, client) => {
    for (const probe of PROBES) {
      const res = await askGateway(gateway, client, probe.query);
      const removed = probe.removed(client);
      const errors = (res.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]);
      expect({ query: probe.query, errors }).toEqual({ query: probe.query, errors: removed ? [[removed, 'UNAUTHORIZED_FIELD_OR_TYPE']] : [] });
      if (removed === 'items') expect(res.data).toBeNull(); // items: [Item!]! — the null reaches the root
      if (removed === 'items.title') expect(res.data.items.map((i: { title?: string }) => i.title ?? null)).toEqual(IMPLEMENTATIONS.map(() => null));
    }
  });
});

test.each(clients)('the subgraph, called past the gateway, gives %s no value an implementation denies it', async (_id, client) => {
  const caller = testCaller({ clientId: client.id, kind: client.kind as Caller['kind'], scopes: [...client.scopes] });
  const res = await callSubgraph(subgraph.url, NAME, keys, '{ items { id title } }', undefined, caller);
  if (!every(client, (i) => i.typeReq)) {
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['items', 'UNAUTHORIZED_FIELD_OR_TYPE']]);
    return;
  }
  // Each object resolves as its own type: a title is refused exactly where that type's title requires more.
  expect(res.data.items.map((i: { title: string | null }) => i.title)).toEqual(IMPLEMENTATIONS.map((i) => (allows(i.titleReq, client) ? `title of ${i.type}` : null)));
  const refused = IMPLEMENTATIONS.flatMap((i, n) => (allows(i.titleReq, client) ? [] : [[`items.${n}.title`, 'UNAUTHORIZED_FIELD_OR_TYPE']]));
  expect((res.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual(refused);
});
