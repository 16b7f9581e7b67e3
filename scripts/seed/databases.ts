import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../subgraphs/kit/server/db';
import type { SubgraphModule } from '../../subgraphs/kit/server/subgraph';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';

// Where the seed writes: one database per subgraph, <prefix><name>, on one server. The schemas come
// from each subgraph's own migrations (kit/server/db.ts openDatabase), so the tables are exactly theirs.

export type Databases = Record<string, DataSource>;

export function databaseName(prefix: string, subgraph: string): string {
  const name = `${prefix}${subgraph.replace(/-/g, '_')}`;
  if (!/^\w+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits and _ (check --database-prefix)`);
  return name;
}

export function databaseUrl(server: string, prefix: string, subgraph: string): string {
  const url = new URL(server);
  url.pathname = `/${databaseName(prefix, subgraph)}`;
  return url.toString();
}

function serverUrl(server: string): string {
  const url = new URL(server);
  url.pathname = '/';
  return url.toString();
}

/** --reset: drops the five databases; openAll creates and migrates them again. */
export async function dropDatabases(server: string, prefix: string): Promise<void> {
  const conn = await createConnection(serverUrl(server));
  try {
    for (const mod of ALL_SUBGRAPHS) await conn.query(`DROP DATABASE IF EXISTS \`${databaseName(prefix, mod.name)}\``);
  } finally {
    await conn.end();
  }
}

/** Opens every subgraph's database through its migrations, keyed by subgraph name. */
export async function openAll(server: string, prefix: string): Promise<Databases> {
  const opened: Databases = {};
  for (const mod of ALL_SUBGRAPHS) {
    opened[mod.name] = (await openDatabase(mod.database, databaseUrl(server, prefix, mod.name))).dataSource;
  }
  return opened;
}

export async function closeAll(dbs: Databases): Promise<void> {
  for (const ds of Object.values(dbs)) if (ds.isInitialized) await ds.destroy();
}

/** Tables (subgraph.table) that already hold rows: the seed refuses to add to them without --reset. */
export async function nonEmptyTables(dbs: Databases): Promise<string[]> {
  const found: string[] = [];
  for (const mod of ALL_SUBGRAPHS as SubgraphModule[]) {
    const ds = dbs[mod.name];
    for (const entity of mod.database.entities) {
      const table = ds.getMetadata(entity).tableName;
      const rows: { any: number }[] = await ds.query(`SELECT EXISTS(SELECT 1 FROM \`${table}\`) AS \`any\``);
      if (Number(rows[0].any)) found.push(`${ds.driver.database}.${table}`);
    }
  }
  return found;
}

/** A plain mysql2 session for bulk inserts: no per-row unique or foreign-key checks (the generator guarantees them). */
export async function bulkSession(server: string, prefix: string, subgraph: string): Promise<Connection> {
  const conn = await createConnection({ uri: databaseUrl(server, prefix, subgraph), charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  return conn;
}
