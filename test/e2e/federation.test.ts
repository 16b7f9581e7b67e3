import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';
import { SUBJECT_QUERY } from '../support/queries';

// One query through the gateway, over real HTTP, touching all five subgraphs on MariaDB.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_federation');
});
afterAll(() => stack.stop());


test('a department sees the demo subject joined across all five subgraphs', async () => {
  const res = await stack.query(SUBJECT_QUERY, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-department', purpose: 'ADMINISTRATIVE_APPROVAL' });
  expect(res.errors).toBeUndefined();
  const lp = res.data.legalPerson;
  expect(lp.name).toBe(DEMO_SUBJECT.name);
  // natural-persons: the legal representative, masked for a department
  expect(lp.legalRepresentative.idNumber).toBe(`${DEMO_SUBJECT.legalRepresentativeIdNumber.slice(0, 3)}***********${DEMO_SUBJECT.legalRepresentativeIdNumber.slice(14)}`);
  expect(lp.legalRepresentative.representedLegalPersons.map((p: { uscc: string }) => p.uscc)).toContain(DEMO_SUBJECT.uscc);
  // legal-persons: dishonesty records
  expect(lp.creditRecords.totalCount).toBeGreaterThanOrEqual(2);
  expect(lp.dishonestRecordCount).toBe(lp.creditRecords.totalCount);
  // lists: one active BLACK entry
  const black = lp.listEntries.filter((e: { listType: string; status: string }) => e.listType === 'BLACK' && e.status === 'ACTIVE');
  expect(black).toHaveLength(1);
  expect(black[0].subject.uscc).toBe(DEMO_SUBJECT.uscc);
  // measures: punishment measures triggered by that entry, mandatory first, none suspended
  expect(lp.applicableMeasures.length).toBeGreaterThan(0);
  expect(lp.applicableMeasures[0].measure.mandatory).toBe(true);
  expect(lp.applicableMeasures.every((m: { listEntry: { id: string }; suspended: boolean }) => m.listEntry.id === black[0].id && m.suspended === false)).toBe(true);
  // objections: none yet
  expect(lp.objections).toEqual([]);
});

test('the request id is echoed back', async () => {
  const res = await stack.query('{ legalPerson(uscc: "91310106265UHPPC1B") { name } }', { headers: { 'x-request-id': 'req-e2e-1' } });
  expect(res.headers.get('x-request-id')).toBe('req-e2e-1');
});

test('GraphiQL is served from local files only, and /health, /ready and /metrics answer', async () => {
  const page = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBe(4);
  expect(assets.every((a) => a.startsWith('/graphiql/'))).toBe(true);
  for (const asset of assets) {
    const res = await fetch(`${stack.gateway.url}${asset}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }
  expect((await fetch(`${stack.gateway.url}/health`)).status).toBe(200);
  const ready = await fetch(`${stack.gateway.url}/ready`);
  expect(await ready.json()).toMatchObject({ status: 'ready', subgraphs: { 'legal-persons': 'ready', objections: 'ready' } });
  expect(await (await fetch(`${stack.gateway.url}/metrics`)).text()).toMatch(/credit_gateway_operations_total\{client_kind="DEPARTMENT"/);
});
