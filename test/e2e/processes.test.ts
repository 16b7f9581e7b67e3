import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startFleet, type ProcessFleet } from '../support/processes';
import { BATCH_QUERY, SUBJECT_QUERY } from '../support/queries';

// Failures as operations see them, with real processes: a subgraph dies mid-load and comes back; the
// gateway is told to stop while a batch is in flight.
let fleet: ProcessFleet;
beforeAll(async () => {
  fleet = await startFleet('e2e_processes', { SHUTDOWN_DELAY_MS: '1500' });
}, 180_000);
afterAll(() => fleet?.stopAll());

async function ask(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${fleet.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await fleet.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { path?: unknown[]; extensions?: Record<string, unknown> }[] } };
}

test('a stopped subgraph gives partial data naming it, and the gateway recovers by itself when it returns', async () => {
  const before = await ask(SUBJECT_QUERY, { uscc: DEMO_SUBJECT.uscc });
  expect(before.body.errors).toBeUndefined();
  expect(before.body.data.legalPerson.legalRepresentative.name).toEqual(expect.any(String));

  await fleet.kill('natural-persons');
  const during = await ask(SUBJECT_QUERY, { uscc: DEMO_SUBJECT.uscc });
  expect(during.status).toBe(200);
  // What the other four subgraphs answer is still there; the representative (a nullable field) is null …
  expect(during.body.data.legalPerson).toEqual({ ...before.body.data.legalPerson, legalRepresentative: null });
  // … with an error naming the subgraph that is missing, not an anonymous failure.
  expect(during.body.errors?.length).toBeGreaterThan(0);
  for (const e of during.body.errors!) expect(e.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'natural-persons' });

  await fleet.start('natural-persons');
  const after = await ask(SUBJECT_QUERY, { uscc: DEMO_SUBJECT.uscc });
  expect(after.body).toEqual(before.body);
});

test('SIGTERM: readiness turns 503 first, the in-flight batch completes, then the process exits cleanly', async () => {
  const usccs = Array.from({ length: 5_000 }, (_, i) => legalPersonAt(i % 600).uscc);
  const inFlight = ask(BATCH_QUERY, { usccs });
  await new Promise((r) => setTimeout(r, 300));
  const exited = fleet.kill('gateway', 'SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  const ready = await fetch(`${fleet.gatewayUrl}/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'draining' });
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data.legalPersons).toHaveLength(5_000);
  expect(await exited).toBe(0);
  await expect(fetch(`${fleet.gatewayUrl}/health`)).rejects.toThrow();
});
