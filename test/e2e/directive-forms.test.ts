import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/index';
import type { Caller } from '../../subgraphs/kit/protocol/caller';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { composeOne, fixtureModule, FORM_FIELDS, FORM_RESOLVERS, formSdl, specUrl, SUBGRAPH_FORMS, withSpecImports, withSpecNamespaces } from '../support/directive-fixtures';
import { allows, demoClients, type Client } from '../support/matrix';
import { freshDatabase } from '../support/mysql';
import { clientToken } from '../support/stack';
import { callSubgraph, testCaller, testKeys, type GraphQLResponse } from '../support/subgraph-client';

// The authorization directives in each form the specs allow, behind the real gateway: a fixture
// subgraph (real startSubgraph on MariaDB, real signed identity) written in that form, and the gateway
// planning on the supergraph composed from it in the test. For every demo client the gateway removes,
// and the subgraph's own re-check refuses, exactly what gateway/authorization.yaml denies it.

const CASES = [
  ...SUBGRAPH_FORMS.map((f) => ({ name: `subgraph: ${f.form}; supergraph as composed`, sdl: formSdl(f), rewrite: (s: string) => s })),
  { name: 'supergraph: @link(url, as:) namespaces', sdl: formSdl(SUBGRAPH_FORMS[0]), rewrite: withSpecNamespaces },
  { name: 'supergraph: import: ["@name"]', sdl: formSdl(SUBGRAPH_FORMS[0]), rewrite: withSpecImports },
].map((c, i) => ({ ...c, subgraph: `forms${i}` }));

const QUERY = `{ ${FORM_FIELDS.map((f) => f.selection).join(' ')} }`;
const clients = demoClients().map((c) => [c.id ?? 'the public', c] as const);
const dir = mkdtempSync(join(tmpdir(), 'directive-forms-'));
let keys: KeyFiles;

beforeAll(async () => {
  keys = await testKeys();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function callerOf(client: Client): Caller {
  return testCaller({ clientId: client.id, kind: client.kind as Caller['kind'], scopes: [...client.scopes] });
}

async function askGateway(gateway: RunningGateway, client: Client): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (client.id) headers.authorization = `Bearer ${await clientToken(keys, client.id)}`;
  if (client.purposes[0]) headers['x-query-purpose'] = client.purposes[0];
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
  return { status: res.status, ...((await res.json()) as object) };
}

/** Each field: its value where the client may see it, else null and UNAUTHORIZED_FIELD_OR_TYPE at its path. */
function expectExactly(res: GraphQLResponse, client: Client, serviceName: string | undefined): void {
  expect(res.status).toBe(200);
  for (const f of FORM_FIELDS) {
    const ok = f.reqs.every((r) => allows(r, client));
    const error = res.errors?.find((e) => e.path?.[0] === f.field);
    const value = f.field === 'statistics' ? { total: 7 } : `value of ${f.field}`;
    expect({ field: f.field, value: res.data?.[f.field], code: error?.extensions?.code, serviceName: error?.extensions?.serviceName })
      .toEqual({ field: f.field, value: ok ? value : null, code: ok ? undefined : 'UNAUTHORIZED_FIELD_OR_TYPE', serviceName: ok ? undefined : serviceName });
  }
}

describe.each(CASES)('$name', ({ sdl, rewrite, subgraph: name }) => {
  let subgraph: RunningSubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    subgraph = await startSubgraph(fixtureModule(name, sdl, FORM_RESOLVERS), { port: 0, keys, mysqlUrl: await freshDatabase(`directive_${name}`) });
    const file = join(dir, `${name}.graphql`);
    writeFileSync(file, rewrite(composeOne(name, sdl)));
    gateway = await startGateway({ port: 0, keys, supergraphFile: file, urlOf: () => `${subgraph.url}/graphql` });
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraph?.stop();
  });

  test.each(clients)('the gateway removes exactly what %s may not see', async (_id, client) => {
    expectExactly(await askGateway(gateway, client), client, undefined);
  });

  test.each(clients)('the subgraph refuses exactly what %s may not see, called past the gateway', async (_id, client) => {
    expectExactly(await callSubgraph(subgraph.url, name, keys, QUERY, undefined, callerOf(client)), client, undefined);
  });
});

test('an unreadable security link in the supergraph stops the gateway, naming the file and the directive', async () => {
  const file = join(dir, 'unreadable.graphql');
  writeFileSync(file, composeOne('forms', formSdl(SUBGRAPH_FORMS[1])).replace(`${specUrl('requiresScopes')}`, 'https://specs.apollo.dev/requiresScopes/v0.2'));
  await expect(startGateway({ port: 0, keys, supergraphFile: file })).rejects.toThrow(`${file}: @link(url: "https://specs.apollo.dev/requiresScopes/v0.2") links @requiresScopes v0.2`);
});
