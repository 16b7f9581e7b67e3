import { startGateway, type RunningGateway } from '../../gateway/index';
import { BATCH_SLICE } from '../../gateway/plugins/batch-slices';
import { DEMO_SIZES, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { logRows, reportRows } from '../support/access-log-db';
import { BATCH_QUERY } from '../support/queries';
import { startStack, type Stack } from '../support/stack';

// A batch longer than a slice is answered slice by slice (gateway/plugins/batch-slices.ts); the answer
// must be exactly the one a single pass gives: the same items in order, errors at the same paths, and
// the same subjects in the access log.
let stack: Stack;
let onePass: RunningGateway;
beforeAll(async () => {
  stack = await startStack('e2e_batch_slices');
  onePass = await startGateway({ port: 0, keys: stack.keys, urlOf: (n: SubgraphName) => `${stack.subgraphs[n].url}/graphql`, without: ['batch-slices', 'rate-limit'] });
}, 120_000);
afterAll(async () => {
  await onePass?.stop();
  await stack?.stop();
});

// 2.5 slices of companies, members and non-members of the association interleaved, and one code not registered.
const usccs = Array.from({ length: Math.floor(BATCH_SLICE * 2.5) }, (_, i) => legalPersonAt((i * 7) % DEMO_SIZES.legalPersons).uscc);
usccs[BATCH_SLICE + 3] = legalPersonAt(50_000).uscc; // valid, not registered: a null item

async function ask(url: string, clientId: string, purpose: string, requestId: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(clientId)}`, 'x-query-purpose': purpose, 'x-request-id': requestId },
    body: JSON.stringify({ query: BATCH_QUERY.replace('legalPersons(', 'checked: legalPersons('), variables: { usccs } }),
  });
  return { status: res.status, body: (await res.json()) as { data?: { checked: unknown[] }; errors?: { path?: unknown[]; extensions?: { code?: string } }[] } };
}

test.each([
  ['demo-department', 'ADMINISTRATIVE_APPROVAL'],
  ['demo-association', 'INDUSTRY_SELF_REGULATION'],
])('%s: sliced and single-pass answers are the same, errors at the same paths, the same subjects logged', async (clientId, purpose) => {
  const sliced = await ask(stack.gateway.url, clientId, purpose, `sliced-${clientId}`);
  const whole = await ask(onePass.url, clientId, purpose, `whole-${clientId}`);
  expect(sliced.status).toBe(200);
  expect(sliced.body.data?.checked).toHaveLength(usccs.length);
  const paths = (b: typeof sliced.body) => (b.errors ?? []).map((e) => `${e.extensions?.code} ${JSON.stringify(e.path)}`).sort();
  expect(paths(sliced.body)).toEqual(paths(whole.body));
  expect(JSON.stringify(sliced.body.data)).toBe(JSON.stringify(whole.body.data));
  // The association is refused non-members: errors land in every slice, at the whole batch's indexes.
  if (clientId === 'demo-association') expect(sliced.body.errors?.some((e) => (e.path?.[1] as number) > 2 * BATCH_SLICE)).toBe(true);
  const subjects = async (id: string) => [...new Set((await logRows('request_id = ?', [id])).map((r) => r.subject_id))].sort();
  expect(await subjects(`sliced-${clientId}`)).toEqual(await subjects(`whole-${clientId}`));
  expect((await subjects(`sliced-${clientId}`)).length).toBeGreaterThan(0);
}, 120_000);

test('a batch over the limit is refused whole (BATCH_TOO_LARGE), as one pass refuses it: slicing never lifts the limit', async () => {
  const over = Array.from({ length: MAX_SUBJECTS_PER_QUERY + 1 }, (_, i) => usccs[i % usccs.length]);
  const res = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' },
    body: JSON.stringify({ query: 'query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc } }', variables: { u: over } }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BATCH_TOO_LARGE']);
}, 60_000);

// CONTRACT: a credit report read twice in one request (aliases, a batch) is one report. Each slice is
// its own pass (its own subgraph requests, its own DataLoader), so the same subject in two slices must
// still be one report, and never a withheld answer whose other slice issued a report nobody received.
test('the subject\'s own report read in two slices of one batch is one report, as one pass gives it', async () => {
  const before = (await reportRows(DEMO_SUBJECT.uscc)).length;
  const res = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-subject')}`, 'x-query-purpose': 'SELF_QUERY', 'x-request-id': 'sliced-reports' },
    body: JSON.stringify({ query: 'query($u: [USCC!]!) { legalPersons(usccs: $u) { creditReport { id numberThisYear } } }', variables: { u: Array(BATCH_SLICE + 1).fill(DEMO_SUBJECT.uscc) } }),
  });
  const body = (await res.json()) as { data?: { legalPersons: { creditReport: { id: string } }[] }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(new Set(body.data?.legalPersons.map((p) => p.creditReport.id)).size).toBe(1);
  expect((await reportRows(DEMO_SUBJECT.uscc)).length).toBe(before + 1);
}, 120_000);
