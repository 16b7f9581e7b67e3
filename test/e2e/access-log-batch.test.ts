import { startGateway, type RunningGateway } from '../../gateway/index';
import { insertCounter } from '../../gateway/access-log/store';
import { ROWS_PER_INSERT } from '../../subgraphs/kit/protocol/access-log-table';
import { legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { LegalPersonEntity } from '../../subgraphs/legal-persons/entities';
import { logRows } from '../support/access-log-db';
import { BATCH_QUERY } from '../support/queries';
import { BATCH_SLICE } from '../../gateway/plugins/batch-slices';
import { startStack, type Stack } from '../support/stack';

// A batch check of 10,000 companies (DOMAIN.md: 80,000 fintech firms in one job) discloses each of
// them: 10,000 entries, written in a bounded number of multi-row INSERTs before the answer leaves.
let stack: Stack;
let bare: RunningGateway;
const usccs: string[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_access_log_batch');
  // The demo set has 600 companies; grow it to 10,000 real rows (the same generator, further indexes).
  const repo = stack.subgraphs['legal-persons'].db.getRepository(LegalPersonEntity);
  const known = new Set((await repo.find({ select: { uscc: true } })).map((r) => r.uscc));
  const extra = [];
  for (let i = 600; known.size < MAX_SUBJECTS_PER_QUERY; i++) {
    const { legalRepresentativeIdNumber: _rep, ...lp } = legalPersonAt(i);
    if (known.has(lp.uscc)) continue;
    known.add(lp.uscc);
    extra.push({ ...lp, legalRepresentativeId: null });
  }
  for (let i = 0; i < extra.length; i += 1000) await repo.insert(extra.slice(i, i + 1000));
  usccs.push(...known);
  // The same runtime without the access log, on the same subgraphs: the measure's baseline.
  bare = await startGateway({ port: 0, keys: stack.keys, urlOf: (n: SubgraphName) => `${stack.subgraphs[n].url}/graphql`, without: ['access-log', 'rate-limit'] });
}, 300_000);
afterAll(async () => {
  await bare?.stop();
  await stack?.stop();
});

async function batch(url: string, requestId: string, codes = usccs): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL', 'x-request-id': requestId },
    body: JSON.stringify({ query: BATCH_QUERY, variables: { usccs: codes } }),
  });
  const body = (await res.json()) as { data?: { legalPersons: unknown[] }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { ms: performance.now() - started, rows: body.data!.legalPersons.filter(Boolean).length };
}

test('10,000 subjects: 10,000 entries, one multi-row INSERT per 1,000-subject slice; 100 subjects: one', async () => {
  const before = insertCounter.statements;
  const big = await batch(stack.gateway.url, 'batch-10000');
  const bigStatements = insertCounter.statements - before;
  expect(big.rows).toBe(MAX_SUBJECTS_PER_QUERY);
  const { n, subjects } = await countOf('batch-10000');
  expect(n).toBe(MAX_SUBJECTS_PER_QUERY);
  expect(subjects).toBe(MAX_SUBJECTS_PER_QUERY);
  // Each slice of the batch (gateway/plugins/batch-slices.ts) writes its entries before the next one runs.
  expect(bigStatements).toBe(Math.ceil(MAX_SUBJECTS_PER_QUERY / BATCH_SLICE) * Math.ceil(BATCH_SLICE / ROWS_PER_INSERT));
  const mid = insertCounter.statements;
  await batch(stack.gateway.url, 'batch-100', usccs.slice(0, 100));
  expect(insertCounter.statements - mid).toBe(1);
  expect((await countOf('batch-100')).n).toBe(100);
}, 120_000);

async function countOf(requestId: string): Promise<{ n: number; subjects: number }> {
  const rows = await logRows('request_id = ?', [requestId]);
  return { n: rows.length, subjects: new Set(rows.map((r) => r.subject_id)).size };
}

test('throughput of the 10,000-subject batch with and without the access log, same run', async () => {
  const runs = 2;
  const time = async (url: string, label: string) => {
    await batch(url, `${label}-warm`);
    let ms = 0;
    for (let i = 0; i < runs; i++) ms += (await batch(url, `${label}-${i}`)).ms;
    return ms / runs;
  };
  const without = await time(bare.url, 'bare');
  const withLog = await time(stack.gateway.url, 'logged');
  const rate = (ms: number) => Math.round((MAX_SUBJECTS_PER_QUERY / ms) * 1000);
  console.log(`10,000-subject batch, mean of ${runs}: without access log ${without.toFixed(0)} ms (${rate(without)} subjects/s); with ${withLog.toFixed(0)} ms (${rate(withLog)} subjects/s); ×${(withLog / without).toFixed(2)}`);
  expect((await countOf('logged-0')).n).toBe(MAX_SUBJECTS_PER_QUERY);
  expect((await countOf('bare-0')).n).toBe(0);
}, 300_000);
