import { createConnection } from 'mysql2/promise';
import { legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Once a mutation ran it may have committed. An answer the access log cannot record is withheld (no
// disclosure unlogged), and for a mutation the refusal says it was carried out, with data null and
// mutationRan: "not given; retry later" had the client list the subject twice.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_mutation_withheld');
}, 180_000);
afterAll(() => stack?.stop());

async function sql(statement: string): Promise<void> {
  const conn = await createConnection({ uri: process.env.ACCESS_LOG_DATABASE_URL! });
  try {
    await conn.query(statement);
  } finally {
    await conn.end();
  }
}

const subject = legalPersonAt(7).uscc;
const LIST = `mutation { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: "${subject}", listType: KEY_ATTENTION, domain: "market-supervision", basis: "withheld-after-commit", decidedOn: "2026-06-01", published: false }) { id published } }`;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };

async function mine(): Promise<number> {
  const res = await stack.query(`{ legalPerson(uscc: "${subject}") { listEntries(activeOnly: false) { id basis } } }`, dept);
  return res.data.legalPerson.listEntries.filter((e: { basis: string }) => e.basis === 'withheld-after-commit').length;
}

test('a mutation whose answer the access log cannot record is withheld saying it was carried out', async () => {
  // Warm the store (opened on the first disclosing answer), then make its inserts fail.
  expect((await stack.query(`{ legalPerson(uscc: "${subject}") { listEntries(activeOnly: false) { id published } } }`, dept)).errors).toBeUndefined();
  await sql("CREATE TRIGGER e2e_log_down BEFORE INSERT ON access_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'log down'");
  let res;
  try {
    res = await stack.query(LIST, dept);
  } finally {
    await sql('DROP TRIGGER e2e_log_down');
  }
  expect(res.data).toBeNull();
  expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'access-log', mutationRan: true })]);
  expect(res.errors?.[0].message).toMatch(/carried out.*do not send it again/);
  expect(await mine()).toBe(1);
});
