import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// MAX_RESPONSE_BYTES holds for a mutation's answer as for a query's: reads of the subject under a
// mutation's answer (12 aliases of its applicable measures) are refused before the mutation runs, as the
// estimate allows a list no argument sizes a page's worth of items (counted as one, they passed it and
// the answer went out at 3.6 times the limit).
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('e2e_mutation_answer_size');
}, 180_000);
afterAll(async () => {
  delete process.env.MAX_RESPONSE_BYTES;
  await stack?.stop();
});

const reads = Array.from({ length: 12 }, (_, i) => `m${i}: applicableMeasures(purpose: DAILY_SUPERVISION) { suspended measure { id kind category description legalBasis implementingDepartment } listEntry { id basis domain listedBy decidedOn } }`).join(' ');

test('a query reading the subject past the limit is refused', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${reads} } }`, { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(res.status).toBe(400);
  expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
});

test('the same read under a mutation answer is not sent past MAX_RESPONSE_BYTES either', async () => {
  const res = await stack.query(`mutation { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: "${DEMO_SUBJECT.uscc}", listType: KEY_ATTENTION, domain: "market-supervision", basis: "answer-size", decidedOn: "2026-06-01" }) { id subject { ... on LegalPerson { ${reads} } } } }`,
    { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  const bytes = JSON.stringify({ data: res.data, errors: res.errors }).length;
  // Either refused before it writes (the estimate saw the size) or the answer stays within the limit.
  if (res.status === 200) expect(bytes).toBeLessThanOrEqual(LIMIT);
  else expect(res.errors?.[0].extensions?.rule).toBe('MAX_RESPONSE_BYTES');
});
