import { setTimeout as sleep } from 'node:timers/promises';
import { importJWK, SignJWT } from 'jose';
import { createConnection } from 'mysql2/promise';
import { DEFAULT_AUDIENCE, DEMO_ISSUER } from '../../gateway/plugins/authentication';
import { loadKeys, type KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';

// The five subgraphs in this process, on 127.0.0.1 ephemeral ports. Data: the databases DATABASE_URL
// names (credit_<name>, or BENCH_DATABASE_PREFIX<name>) when they hold a large, finished data set; else fresh bench_<name> databases
// seeded with the demo data set (600 legal persons).

export const LARGE_ENOUGH = 10_000;
const PREFIX = process.env.BENCH_DATABASE_PREFIX ?? 'credit_';
const databaseOf = (subgraph: string) => `${PREFIX}${subgraph.replace(/-/g, '_')}`;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface BenchStack {
  keys: KeyFiles;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  urlOf(name: SubgraphName): string;
  /** Every legal person's USCC (at most 10,000), ordered. */
  usccs: string[];
  /** One line: where the data comes from and why. */
  dataNote: string;
  token(clientId: string): Promise<string>;
  stop(): Promise<void>;
}

/** Keys from DATA_DIR, made there on first use as npm start does, although the bench runs as production. */
async function benchKeys(): Promise<KeyFiles> {
  const mode = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    return await loadKeys();
  } finally {
    process.env.NODE_ENV = mode;
  }
}

async function count(conn: Awaited<ReturnType<typeof createConnection>>, sql: string): Promise<number> {
  try {
    const [rows] = await conn.query(sql);
    return Number((rows as Record<string, unknown>[])[0]?.n ?? 0);
  } catch {
    return 0; // database or table not there (yet)
  }
}

/**
 * The large data set is usable when it has enough legal persons and its load has finished: npm run seed
 * writes the measure catalogue and the demo objections last, the counts hold still and no query runs.
 */
async function largeDataState(server: string): Promise<{ usable: boolean; note: string }> {
  const conn = await createConnection(server);
  try {
    const table = (subgraph: string, name: string) => `SELECT COUNT(*) AS n FROM ${databaseOf(subgraph)}.${name}`;
    const counts = async () => [await count(conn, table('legal-persons', 'legal_person')), await count(conn, table('lists', 'list_entry'))];
    const busy = `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB IN (${ALL_SUBGRAPHS.map((m) => `'${databaseOf(m.name)}'`).join(', ')}) AND COMMAND = 'Query' AND ID <> CONNECTION_ID()`;
    const first = await counts();
    await sleep(3000);
    const [people, entries] = await counts();
    const writers = await count(conn, busy);
    const last = (await count(conn, table('measures', 'measure'))) > 0 && (await count(conn, table('objections', 'objection'))) > 0;
    if (people < LARGE_ENOUGH) return { usable: false, note: `${databaseOf('legal-persons')} ${people ? `holds only ${people} legal persons (< ${LARGE_ENOUGH})` : 'is missing or empty'}` };
    if (first[0] !== people || first[1] !== entries || writers > 0 || !last) {
      return { usable: false, note: `${PREFIX}* databases are still being loaded (${first[0]} → ${people} legal persons in 3 s, ${writers} queries running, catalogue and objections ${last ? 'written' : 'not written yet'})` };
    }
    return { usable: true, note: `${PREFIX}* databases: ${people} legal persons, ${entries} list entries` };
  } finally {
    await conn.end();
  }
}

const benchDatabaseOf = (subgraph: string) => `bench_${subgraph.replace(/-/g, '_')}`;

/** Drops the bench database of a subgraph, and creates it empty again unless `dropOnly`. */
async function resetBenchDatabase(server: string, subgraph: string, dropOnly = false): Promise<string> {
  const name = benchDatabaseOf(subgraph);
  const conn = await createConnection(server);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    if (!dropOnly) await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return `${server}${name}`;
}

export async function startBenchStack(): Promise<BenchStack> {
  const server = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  if (!/^\w+$/.test(PREFIX)) throw new Error(`BENCH_DATABASE_PREFIX "${PREFIX}" must be letters, digits and _`);
  if (!LOOPBACK.has(server.hostname)) throw new Error(`DATABASE_URL host ${server.hostname}: the bench only talks to 127.0.0.1`);
  server.pathname = '/';
  const serverUrl = server.toString();
  const keys = await benchKeys();
  const state = await largeDataState(serverUrl);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const urlOf = (name: SubgraphName) => `${subgraphs[name].url}/graphql`;
  for (const mod of ALL_SUBGRAPHS) {
    const mysqlUrl = state.usable ? `${serverUrl}${databaseOf(mod.name)}` : await resetBenchDatabase(serverUrl, mod.name);
    subgraphs[mod.name as SubgraphName] = await startSubgraph(mod, { port: 0, host: '127.0.0.1', keys, mysqlUrl, seed: !state.usable, urlOf });
  }
  const rows: { uscc: string }[] = await subgraphs['legal-persons'].db.query('SELECT uscc FROM legal_person ORDER BY uscc LIMIT 10000');
  const dataNote = state.usable ? state.note : `demo data set in fresh bench_* databases (${rows.length} legal persons), because ${state.note}`;
  const issuerKey = await importJWK(keys.demoIssuerPrivate, 'ES256');
  return {
    keys,
    subgraphs,
    urlOf,
    usccs: rows.map((r) => r.uscc),
    dataNote,
    token: (clientId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: keys.demoIssuerPrivate.kid })
        .setIssuer(DEMO_ISSUER)
        .setAudience(DEFAULT_AUDIENCE)
        .setSubject(clientId)
        .setIssuedAt()
        .setExpirationTime('30m')
        .sign(issuerKey),
    async stop() {
      for (const s of Object.values(subgraphs)) await s.stop();
      if (!state.usable) for (const mod of ALL_SUBGRAPHS) await resetBenchDatabase(serverUrl, mod.name, true);
    },
  };
}

/** POSTs one GraphQL request; returns the parsed body and its size. Throws on HTTP failure. */
export async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ json: { data?: any; errors?: any[] }; bytes: number }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { json: JSON.parse(text), bytes: text.length };
}
