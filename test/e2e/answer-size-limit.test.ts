import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { reportRows } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// MAX_RESPONSE_BYTES (here 20,000) on one stack: what is sent, what a mutation's answer may carry, and
// what a refused answer leaves behind.
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('e2e_answer_size_limit');
}, 180_000);
afterAll(async () => {
  delete process.env.MAX_RESPONSE_BYTES;
  await stack?.stop();
});

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const measures = (k: number, selection = 'suspended measure { id kind category description legalBasis implementingDepartment }') =>
  Array.from({ length: k }, (_, i) => `m${i}: applicableMeasures(purpose: DAILY_SUPERVISION) { ${selection} }`).join(' ');

// The limit counts UTF-8 bytes as sent: the platform's texts are Chinese, three bytes a character, and
// compared by string length a query answer went out at up to ~3x the limit.
test('no query answer is sent with more than MAX_RESPONSE_BYTES bytes', async () => {
  const token = await stack.token('demo-department');
  const over: { k: number; bytes: number }[] = [];
  let refused = 0;
  for (let k = 1; k <= 12; k++) {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION' },
      body: JSON.stringify({ query: `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${measures(k, 'measure { description legalBasis implementingDepartment }')} } }` }),
    });
    const bytes = Buffer.from(await res.arrayBuffer()).length;
    if (res.status === 200 && bytes > LIMIT) over.push({ k, bytes });
    if (res.status === 400) refused++;
  }
  expect(over).toEqual([]);
  expect(refused).toBeGreaterThan(0); // the larger ones reach the limit
}, 90_000);

// Reads of the subject under a mutation's answer (12 aliases of its applicable measures) are refused
// before the mutation runs: the estimate allows a list no argument sizes a page's worth of items
// (counted as one, they passed it and the answer went out at 3.6 times the limit).
test('a mutation whose answer would carry reads past the limit is refused before it writes', async () => {
  const query = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${measures(12)} } }`, department);
  expect(query.status).toBe(400);
  expect(query.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  const basis = 'answer-size-limit';
  const res = await stack.query(`mutation { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: "${DEMO_SUBJECT.uscc}", listType: KEY_ATTENTION, domain: "market-supervision", basis: "${basis}", decidedOn: "2026-06-01" }) { id subject { ... on LegalPerson { ${measures(12)} } } } }`, department);
  expect(res.status).toBe(400);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', rule: 'MAX_RESPONSE_BYTES' });
  const entries = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { listEntries(activeOnly: false) { basis } } }`, department);
  expect(entries.data.legalPerson.listEntries.filter((e: { basis: string }) => e.basis === basis)).toEqual([]);
});

// A credit report is issued when the answer carrying it is given (001 Art. 29): one refused for its size
// issues none — it had been issued and counted, using up a natural person's free reports unreceived.
test('a report whose answer is refused for its size is not issued', async () => {
  const res = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { creditReport { id numberThisYear subject { ... on LegalPerson { uscc ${measures(30)} } } } } }`, {
    variables: { u: DEMO_SUBJECT.uscc }, clientId: 'demo-subject', purpose: 'SELF_QUERY',
  });
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.data).toBeUndefined();
  expect(await reportRows(DEMO_SUBJECT.uscc)).toEqual([]);
}, 90_000);
