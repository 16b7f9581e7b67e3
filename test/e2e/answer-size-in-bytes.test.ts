import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// MAX_RESPONSE_BYTES counts the bytes sent (UTF-8), not the answer's characters: the platform's texts are
// Chinese, three bytes each, and compared by string length a query answer went out at up to ~3x the limit.
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('e2e_answer_bytes');
}, 180_000);
afterAll(async () => {
  delete process.env.MAX_RESPONSE_BYTES;
  await stack?.stop();
});

const reads = (k: number) => Array.from({ length: k }, (_, i) => `m${i}: applicableMeasures(purpose: DAILY_SUPERVISION) { measure { description legalBasis implementingDepartment } }`).join(' ');

test('no query answer is sent with more than MAX_RESPONSE_BYTES bytes', async () => {
  const token = await stack.token('demo-department');
  const sent: { k: number; status: number; bytes: number; chars: number }[] = [];
  for (let k = 1; k <= 12; k++) {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION' },
      body: JSON.stringify({ query: `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${reads(k)} } }` }),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    sent.push({ k, status: res.status, bytes: buf.length, chars: buf.toString('utf8').length });
  }
  const over = sent.filter((s) => s.status === 200 && s.bytes > LIMIT);
  expect(over).toEqual([]);
}, 90_000);
