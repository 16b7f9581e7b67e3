import { createConnection, type Connection } from 'mysql2/promise';
import { main, type SeedReport } from '../../scripts/seed';
import { databaseName, databaseUrl } from '../../scripts/seed/databases';
import { residentIdRuleBroken, usccRuleBroken } from '../../subgraphs/kit/protocol/codes';
import { RECORD_CATEGORIES } from '../../subgraphs/kit/credit-records/entity';
import { legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { decryptIdNumber, naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { startSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { TEST_MYSQL_SERVER } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// npm run seed, small: 2,000 companies, 5,000 people, 10,000 records into test_seed_* databases.
const PREFIX = `test_${process.env.TEST_DB_PREFIX ?? ''}seed_`;
const db = (subgraph: string) => `\`${databaseName(PREFIX, subgraph)}\``;
const args = ['--legal-persons', '2000', '--natural-persons', '5000', '--records', '10000', '--database-url', TEST_MYSQL_SERVER, '--database-prefix', PREFIX, '--no-progress'];

let keys: KeyFiles;
let report: SeedReport;
let conn: Connection;
const printed: string[] = [];
const rows = async <T = Record<string, any>>(sql: string): Promise<T[]> => (await conn.query(sql))[0] as T[];
const count = async (sql: string): Promise<number> => Number((await rows<{ n: number }>(sql))[0].n);

beforeAll(async () => {
  keys = await testKeys();
  report = await main([...args, '--reset', '--batch-size', '700'], { keys, print: (line) => printed.push(line) });
  conn = await createConnection(TEST_MYSQL_SERVER);
}, 60_000);
afterAll(() => conn?.end());

test('writes the requested sizes and prints rows per second per table and overall', async () => {
  expect(await count(`SELECT COUNT(*) AS n FROM ${db('legal-persons')}.legal_person`)).toBe(2000);
  expect(await count(`SELECT COUNT(*) AS n FROM ${db('natural-persons')}.natural_person`)).toBe(5000);
  const records = (await count(`SELECT COUNT(*) AS n FROM ${db('legal-persons')}.credit_record`)) + (await count(`SELECT COUNT(*) AS n FROM ${db('natural-persons')}.credit_record`));
  expect(records).toBe(10_000);
  // The seed writes records directly: the statistics' tally is counted from them.
  for (const s of ['legal-persons', 'natural-persons']) {
    expect(await count(`SELECT SUM(n) AS n FROM ${db(s)}.credit_record_tally`)).toBe(await count(`SELECT COUNT(*) AS n FROM ${db(s)}.credit_record WHERE removal IS NULL`));
  }
  expect(await count(`SELECT COUNT(*) AS n FROM ${db('legal-persons')}.association_membership`)).toBe(30);
  expect(await count(`SELECT COUNT(*) AS n FROM ${db('measures')}.measure`)).toBeGreaterThan(0);
  const entries = await count(`SELECT COUNT(*) AS n FROM ${db('lists')}.list_entry`);
  expect(await count(`SELECT COUNT(*) AS n FROM ${db('lists')}.list_entry_event WHERE event = 'LISTED'`)).toBe(entries);
  expect(report.tables.find((t) => t.table === `${databaseName(PREFIX, 'natural-persons')}.natural_person`)?.rows).toBe(5000);
  expect(printed.join('\n')).toMatch(/overall\s+\d+ rows\s+[\d.]+ s\s+\d+ rows\/s/);
});

test('codes carry valid check characters and pseudonyms match the subject key', async () => {
  const usccs = await rows<{ uscc: string }>(`SELECT uscc FROM ${db('legal-persons')}.legal_person`);
  expect(usccs.filter((r) => usccRuleBroken(r.uscc) !== null)).toEqual([]);
  const people = await rows<{ id: string; enc: string }>(`SELECT id, id_number_encrypted AS enc FROM ${db('natural-persons')}.natural_person ORDER BY id LIMIT 300`);
  for (const p of people) {
    const idNumber = decryptIdNumber(keys.subjectKey, p.enc);
    expect(residentIdRuleBroken(idNumber)).toBeNull();
    expect(naturalPersonId(keys.subjectKey, idNumber)).toBe(p.id);
  }
});

test('every legal representative and every listed subject exists in its own database', async () => {
  const orphans = await count(
    `SELECT COUNT(*) AS n FROM ${db('legal-persons')}.legal_person lp LEFT JOIN ${db('natural-persons')}.natural_person np ON np.id = lp.legal_representative_id WHERE np.id IS NULL`,
  );
  expect(orphans).toBe(0);
  const unlisted = await count(
    `SELECT COUNT(*) AS n FROM ${db('lists')}.list_entry e
       LEFT JOIN ${db('legal-persons')}.legal_person lp ON e.subject_type = 'LEGAL_PERSON' AND lp.uscc = e.subject_id
       LEFT JOIN ${db('natural-persons')}.natural_person np ON e.subject_type = 'NATURAL_PERSON' AND np.id = e.subject_id
     WHERE lp.uscc IS NULL AND np.id IS NULL`,
  );
  expect(unlisted).toBe(0);
});

test('all eight categories and all three list types (≥ 100 companies each) appear', async () => {
  const categories = await rows<{ category: string }>(
    `SELECT category FROM ${db('legal-persons')}.credit_record UNION SELECT category FROM ${db('natural-persons')}.credit_record`,
  );
  expect(categories.map((c) => c.category).sort()).toEqual([...RECORD_CATEGORIES].sort());
  const perType = await rows<{ t: string; n: number }>(
    `SELECT list_type AS t, COUNT(DISTINCT subject_id) AS n FROM ${db('lists')}.list_entry WHERE subject_type = 'LEGAL_PERSON' GROUP BY list_type`,
  );
  expect(Object.fromEntries(perType.map((r) => [r.t, Number(r.n) >= 100]))).toEqual({ RED: true, BLACK: true, KEY_ATTENTION: true });
});

test('refuses to seed into tables that hold rows unless --reset', async () => {
  await expect(main(args, { keys, print: () => {} })).rejects.toThrow(/refusing to seed: .*--reset/);
});

test('the legal-persons subgraph started on the seeded database answers for a generated company', async () => {
  const [busy] = await rows<{ uscc: string; n: number }>(
    `SELECT subject_id AS uscc, COUNT(*) AS n FROM ${db('legal-persons')}.credit_record WHERE dishonest = 0 GROUP BY subject_id HAVING n >= 3 ORDER BY subject_id LIMIT 1`,
  );
  const index = Array.from({ length: 2000 }, (_, i) => i).find((i) => legalPersonAt(i, 5000).uscc === busy.uscc)!;
  const sub = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: databaseUrl(TEST_MYSQL_SERVER, PREFIX, 'legal-persons'), seed: false });
  try {
    const res = await callSubgraph(
      sub.url, 'legal-persons', keys,
      `query($u: USCC!) { legalPerson(uscc: $u) { uscc name legalRepresentative { id } creditRecords(first: 5) { totalCount } } }`,
      { u: busy.uscc },
      testCaller({ scopes: ['records:read', 'subject:read'] }),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.legalPerson).toMatchObject({ uscc: busy.uscc, name: legalPersonAt(index, 5000).name });
    expect(res.data.legalPerson.legalRepresentative.id).toBe(naturalPersonId(keys.subjectKey, naturalPersonAt(index % 5000).idNumber));
    expect(res.data.legalPerson.creditRecords.totalCount).toBeGreaterThanOrEqual(Number(busy.n));
  } finally {
    await sub.stop();
  }
});
