import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/index';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';
import { clientToken } from '../support/stack';
import { testKeys } from '../support/subgraph-client';

// npm start: the same reports on the embedded databases (sql.js), the SQL of every table in SQLite's dialect.
let dir: string;
let gateway: RunningGateway;
const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
let keys: Awaited<ReturnType<typeof testKeys>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'statistics-embedded-'));
  process.env.DATA_DIR = dir;
  delete process.env.ACCESS_LOG_DATABASE_URL;
  delete process.env.DATABASE_URL;
  keys = await testKeys();
  const urlOf = (name: SubgraphName) => `${subgraphs[name].url}/graphql`;
  for (const mod of ALL_SUBGRAPHS) subgraphs[mod.name as SubgraphName] = await startSubgraph(mod, { port: 0, keys, mysqlUrl: null, urlOf });
  gateway = await startGateway({ port: 0, keys, urlOf });
}, 180_000);
afterAll(async () => {
  await gateway.stop();
  for (const s of Object.values(subgraphs)) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function query(clientId: string, purpose: string, q: string, variables: Record<string, unknown>) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await clientToken(keys, clientId)}`, 'x-query-purpose': purpose },
    body: JSON.stringify({ query: q, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

test('platformReport and associationReport answer on the embedded databases, platform queries counted as they are logged', async () => {
  const year = new Date().getUTCFullYear();
  const member = await query('demo-department', 'DAILY_SUPERVISION', 'query($u: USCC!) { legalPerson(uscc: $u) { dishonestRecordCount } }', { u: '91310106W97GQ2NP1W' });
  expect(member.errors).toBeUndefined();
  const platform = await query('demo-admin', 'DAILY_SUPERVISION', `query($y: Int!) { platformReport(year: $y) { recordsByCategory { count } queriesByPurpose { purpose count share }
    queriesByMonth { count } queriesByOrg { org count } listEntriesByStatus { count } measureImplementation { fedBack } objections { filed } doublePublicity { decisions } } }`, { y: year });
  expect(platform.errors).toBeUndefined();
  const r = platform.data.platformReport;
  expect(r.queriesByPurpose.find((p: any) => p.purpose === 'DAILY_SUPERVISION')).toMatchObject({ count: 1, share: 100 });
  expect(r.queriesByOrg).toEqual([{ org: DEMO_ORGS.department.org, count: 1 }]);
  expect(r.recordsByCategory.reduce((a: number, c: any) => a + c.count, 0)).toBeGreaterThan(0);
  const association = await query('demo-association', 'INDUSTRY_SELF_REGULATION', `query($y: Int!) { associationReport(year: $y) { memberCount recordsByCategory { count }
    activeListEntriesByType { count } industryMeasuresApplied { count } queriesByMember { uscc count } } }`, { y: year });
  expect(association.errors).toBeUndefined();
  expect(association.data.associationReport.memberCount).toBeGreaterThanOrEqual(20);
  // The association counts finished days only (access-log statistics.ts): today's query about its member is not in it yet.
  expect(association.data.associationReport.queriesByMember.find((m: any) => m.uscc === '91310106W97GQ2NP1W').count).toBe(0);
});
