import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile 3: MAX_RESPONSE_BYTES holds for a query, but a mutation's answer is only estimated before it
// runs and never refused after. The estimate counts a list field without `first` (listEntries,
// applicableMeasures, objections, legalRepresentativeHistory …) as one item, so a mutation returning a
// ListEntry can carry, under `subject`, reads of the subject that a query of the same size is refused.
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('h3_mutation_size');
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
  const res = await stack.query(`mutation { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: "${DEMO_SUBJECT.uscc}", listType: KEY_ATTENTION, domain: "market-supervision", basis: "hostile3", decidedOn: "2026-06-01" }) { id subject { ... on LegalPerson { ${reads} } } } }`,
    { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  const bytes = JSON.stringify({ data: res.data, errors: res.errors }).length;
  // Either refused before it writes (the estimate saw the size) or the answer stays within the limit.
  if (res.status === 200) expect(bytes).toBeLessThanOrEqual(LIMIT);
  else expect(res.errors?.[0].extensions?.rule).toBe('MAX_RESPONSE_BYTES');
});
