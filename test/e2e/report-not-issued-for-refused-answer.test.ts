import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { reportRows } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// A credit report is issued when the answer carrying it is given (001 Art. 29; schema): an answer refused
// for its size (400 QUERY_TOO_COMPLEX) issues none — it had been issued and counted while the route then
// refused the answer, using up a natural person's free reports for reports never received.
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('e2e_report_refused_answer');
}, 180_000);
afterAll(async () => {
  delete process.env.MAX_RESPONSE_BYTES;
  await stack?.stop();
});

const reads = Array.from({ length: 30 }, (_, i) => `m${i}: applicableMeasures(purpose: DAILY_SUPERVISION) { suspended measure { id kind category description legalBasis implementingDepartment } }`).join(' ');

test('a report whose answer is refused for its size is not issued', async () => {
  const res = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { creditReport { id numberThisYear subject { ... on LegalPerson { uscc ${reads} } } } } }`, {
    variables: { u: DEMO_SUBJECT.uscc }, clientId: 'demo-subject', purpose: 'SELF_QUERY',
  });
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.data).toBeUndefined();
  // Nothing was given: no report issued.
  expect(await reportRows(DEMO_SUBJECT.uscc)).toEqual([]);
}, 90_000);
