import { createConnection } from 'mysql2/promise';
import { legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile 3: once a mutation ran, its answer must not be refused (it committed; a refusal tells the client
// nothing was done, and a retry writes twice). The access-log plugin still refuses after the write: when
// the answer discloses non-public data (an unpublished entry: lists:read) and the log cannot be written,
// the client gets DOWNSTREAM_SERVICE_ERROR "not given; retry later" while the listing is committed.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('h3_refused_after_commit');
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
const LIST = `mutation { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: "${subject}", listType: KEY_ATTENTION, domain: "market-supervision", basis: "hostile3-after-commit", decidedOn: "2026-06-01", published: false }) { id published } }`;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };

async function mine(): Promise<number> {
  const res = await stack.query(`{ legalPerson(uscc: "${subject}") { listEntries(activeOnly: false) { id basis } } }`, dept);
  return res.data.legalPerson.listEntries.filter((e: { basis: string }) => e.basis === 'hostile3-after-commit').length;
}

test('a mutation refused because its answer could not be logged wrote nothing', async () => {
  // Warm the store (opened on the first disclosing answer), then make its inserts fail.
  expect((await stack.query(`{ legalPerson(uscc: "${subject}") { listEntries(activeOnly: false) { id published } } }`, dept)).errors).toBeUndefined();
  await sql("CREATE TRIGGER h3_log_down BEFORE INSERT ON access_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'log down'");
  let res;
  try {
    res = await stack.query(LIST, dept);
  } finally {
    await sql('DROP TRIGGER h3_log_down');
  }
  const refused = !res.data?.listSubject;
  if (refused) {
    // The client was told the answer is "not given; retry later" — then nothing may have been written.
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['DOWNSTREAM_SERVICE_ERROR']);
    expect(await mine()).toBe(0);
  } else {
    expect(res.data.listSubject.published).toBe(false);
  }
});
