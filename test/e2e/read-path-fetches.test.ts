import type { IncomingMessage } from 'node:http';
import { decodeProtectedHeader } from 'jose';
import { legalPersonAt, DEMO_SIZES } from '../../subgraphs/kit/demo/demo-data';
import { IDENTITY_HEADER } from '../../subgraphs/kit/protocol/identity';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startStack, type Stack } from '../support/stack';
import { BATCH_QUERY, SUBJECT_QUERY } from '../support/queries';

// A read is answered by the query plan alone: every request a subgraph receives while a query runs is
// one of the gateway's fetches (signed by the gateway's key), never a side call one subgraph makes to
// another (signed by the service key). Side calls stay for deciding writes and for outbox deliveries.
let stack: Stack;
const received: { subgraph: SubgraphName; signer: string }[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_read_path');
  for (const { name } of SUBGRAPHS) {
    stack.subgraphs[name].server.prependListener('request', (req: IncomingMessage) => {
      const token = req.headers[IDENTITY_HEADER];
      if (req.url?.startsWith('/graphql') && typeof token === 'string') received.push({ subgraph: name, signer: String(decodeProtectedHeader(token).kid) });
    });
  }
});
afterAll(() => stack.stop());

async function fetchesFor(query: string, variables: Record<string, unknown>) {
  // Outbox relays run beside the servers; let any pending delivery finish before counting.
  await new Promise((r) => setTimeout(r, 1500));
  received.length = 0;
  const res = await stack.query(query, { variables, clientId: 'demo-department', purpose: 'ADMINISTRATIVE_APPROVAL' });
  expect(res.errors).toBeUndefined();
  const perSubgraph: Record<string, number> = {};
  for (const r of received) perSubgraph[`${r.subgraph}/${r.signer}`] = (perSubgraph[`${r.subgraph}/${r.signer}`] ?? 0) + 1;
  return perSubgraph;
}

test.each([
  ['one subject across all five subgraphs', SUBJECT_QUERY, { uscc: legalPersonAt(0).uscc }],
  // Every demo company: some of their entries have open objections, whose suspension rule needs the entry's subject.
  ['every demo company with applicable measures and their suspension', BATCH_QUERY, { usccs: Array.from({ length: DEMO_SIZES.legalPersons }, (_, i) => legalPersonAt(i).uscc) }],
])('%s: every subgraph request is a gateway fetch', async (_what, query, variables) => {
  const fetches = await fetchesFor(query, variables);
  expect(Object.keys(fetches).length).toBeGreaterThan(0);
  expect(Object.keys(fetches).filter((k) => !k.endsWith('/gateway'))).toEqual([]);
  // One fetch per plan step, whatever the number of subjects: the batch asks each subgraph a bounded number of times.
  for (const n of Object.values(fetches)) expect(n).toBeLessThanOrEqual(3);
});
