import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { reportRows } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// Hostile (001 Art. 29; schema: a credit report is "issued when the answer carrying it is given"): the
// access-log plugin issues the report (and writes the disclosure rows) while the result is shaped; the
// route then refuses the answer over MAX_RESPONSE_BYTES (400 QUERY_TOO_COMPLEX, "ask for less") — the
// subject never got the report, yet it is issued and counted (a natural person's free reports are used up).
const LIMIT = 20_000;
let stack: Stack;
beforeAll(async () => {
  process.env.MAX_RESPONSE_BYTES = String(LIMIT);
  stack = await startStack('e2e_h4_report_withheld');
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
