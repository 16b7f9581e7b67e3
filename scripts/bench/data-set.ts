import { createConnection } from 'mysql2/promise';
import { loadKeys, type KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { databaseName, databaseUrl } from '../seed/databases';
import { seed } from '../seed';

// The bench's data: a generated MariaDB set (scripts/seed), reused when a finished one of the asked
// size is there, else seeded (about 40 s for the default size, 4 minutes for --full).
export const SIZES = {
  default: { legalPersons: 20_000, naturalPersons: 200_000, records: 400_000 },
  full: { legalPersons: 100_000, naturalPersons: 1_000_000, records: 2_000_000 },
};
export type Size = (typeof SIZES)[keyof typeof SIZES];

export interface DataSet {
  server: string;
  prefix: string;
  keys: KeyFiles;
  urlOf(subgraph: string): string;
  /** Legal persons' USCCs, ordered (at most 10,000). */
  usccs: string[];
  note: string;
}

/** Keys from DATA_DIR, made there on first use as npm start does; the subject key must be the seed's. */
async function benchKeys(): Promise<KeyFiles> {
  const mode = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    return await loadKeys();
  } finally {
    process.env.NODE_ENV = mode;
  }
}

async function scalar(server: string, sql: string): Promise<number> {
  const conn = await createConnection(server);
  try {
    const [rows] = await conn.query(sql);
    return Number((rows as { n: unknown }[])[0]?.n ?? 0);
  } catch {
    return -1; // database or table missing
  } finally {
    await conn.end();
  }
}

export async function ensureDataSet(server: string, prefix: string, size: Size): Promise<DataSet> {
  const keys = await benchKeys();
  const db = (name: string) => databaseName(prefix, name);
  const people = await scalar(server, `SELECT COUNT(*) AS n FROM ${db('legal-persons')}.legal_person`);
  // The seed writes the catalogue and the objections last: their presence means it finished.
  const finished = (await scalar(server, `SELECT COUNT(*) AS n FROM ${db('objections')}.objection`)) > 0;
  let note = `${prefix}* databases: reused (${people.toLocaleString('en-US')} legal persons)`;
  if (people !== size.legalPersons || !finished) {
    const t0 = performance.now();
    await seed({ ...size, databaseUrl: server, databasePrefix: prefix, batchSize: 2000, reset: true, progress: false }, keys);
    note = `${prefix}* databases: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`;
  }
  const conn = await createConnection(databaseUrl(server, prefix, 'legal-persons'));
  const [rows] = await conn.query('SELECT uscc FROM legal_person ORDER BY uscc LIMIT 10000');
  await conn.end();
  const sizeNote = `${size.legalPersons.toLocaleString('en-US')} companies, ${size.naturalPersons.toLocaleString('en-US')} people, ${size.records.toLocaleString('en-US')} records`;
  return { server, prefix, keys, urlOf: (s) => databaseUrl(server, prefix, s), usccs: (rows as { uscc: string }[]).map((r) => r.uscc), note: `${sizeNote}; ${note}` };
}
