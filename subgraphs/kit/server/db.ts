import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { dataDir } from '../protocol/keys';
import { settings } from '../protocol/settings';
import { QueryCounter } from './query-counter';

// One database per subgraph (a subgraph never reads another's tables). Where it lives:
//   <NAME>_DATABASE_URL=mysql://…/db   that subgraph on that database
//   DATABASE_URL=mysql://…:3306        every subgraph on that server, database credit_<name>
//   neither                            an embedded SQLite file <DATA_DIR>/<name>.sqlite
export interface DatabaseSpec {
  subgraph: string;
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
}

export function defaultDatabaseName(subgraph: string): string {
  return `credit_${subgraph.replace(/-/g, '_')}`;
}

export function mysqlUrlFor(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env[`${subgraph.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  if (!env.DATABASE_URL) return null;
  const url = new URL(env.DATABASE_URL);
  if (url.pathname.length <= 1) url.pathname = `/${defaultDatabaseName(subgraph)}`;
  return url.toString();
}

async function createMysqlDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^\w+$/.test(database)) throw new Error(`database name "${database}" in ${parsed.host} must be letters, digits and _`);
  parsed.pathname = '/';
  const conn = await createConnection(parsed.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export interface OpenedDatabase {
  dataSource: DataSource;
  counter: QueryCounter;
}

/** Opens (creating and migrating if needed) the subgraph's database. Never `synchronize`: migrations only. */
export async function openDatabase(spec: DatabaseSpec, mysqlUrl: string | null): Promise<OpenedDatabase> {
  const counter = new QueryCounter();
  const common = { entities: spec.entities, migrations: spec.migrations, migrationsRun: true, logger: counter, logging: true as const };
  let dataSource: DataSource;
  if (mysqlUrl) {
    await createMysqlDatabase(mysqlUrl);
    dataSource = new DataSource({
      ...common,
      type: 'mysql',
      url: mysqlUrl,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: settings().DATABASE_POOL_SIZE,
    });
  } else {
    mkdirSync(dataDir(), { recursive: true });
    dataSource = new DataSource({ ...common, type: 'sqljs', location: join(dataDir(), `${spec.subgraph}.sqlite`), autoSave: true });
  }
  await dataSource.initialize();
  return { dataSource, counter };
}

export function isMysql(ds: DataSource): boolean {
  return ds.options.type === 'mysql';
}
