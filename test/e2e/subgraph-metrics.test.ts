import { startStack, type Stack } from '../support/stack';

// /metrics shows where the time goes: each subgraph fetch's latency by subgraph, and the fetches
// that failed by subgraph and kind (errors in the answer, a subgraph that cannot be reached).
let stack: Stack;
const DEMO = '91310106265UHPPC1B';

beforeAll(async () => {
  stack = await startStack('subgraph_metrics');
});
afterAll(async () => {
  await stack.gateway.stop();
  for (const [name, s] of Object.entries(stack.subgraphs)) if (name !== 'objections') await s.stop();
});

const metrics = async () => (await fetch(`${stack.gateway.url}/metrics`)).text();
const sample = (text: string, name: string, labels: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

test('every subgraph fetch is timed under its subgraph', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${DEMO}") { name dishonestRecordCount listEntries { id } objections { id } } }`, { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(res.errors).toBeUndefined();
  const text = await metrics();
  for (const subgraph of ['legal-persons', 'lists', 'objections']) {
    expect(sample(text, 'credit_gateway_subgraph_fetch_seconds_count', `subgraph="${subgraph}"`)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'credit_gateway_subgraph_fetch_seconds_bucket', `le="+Inf",subgraph="${subgraph}"`)).toBeGreaterThanOrEqual(1);
  }
  expect(text).not.toMatch(/credit_gateway_subgraph_fetch_errors_total\{subgraph="legal-persons"/);
});

test('an answer with errors and an unreachable subgraph are counted by kind', async () => {
  // An association reading a non-member's non-public field: legal-persons answers FORBIDDEN.
  const refused = await stack.query(`{ legalPerson(uscc: "${DEMO}") { dishonestRecordCount } }`, { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' });
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(sample(await metrics(), 'credit_gateway_subgraph_fetch_errors_total', 'subgraph="legal-persons",kind="graphql_errors"')).toBe(1);

  await stack.subgraphs.objections.stop();
  const partial = await stack.query(`{ legalPerson(uscc: "${DEMO}") { name objections { id } } }`, { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(partial.errors?.[0].extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'objections' });
  expect(sample(await metrics(), 'credit_gateway_subgraph_fetch_errors_total', 'subgraph="objections",kind="unreachable"')).toBe(1);
});
