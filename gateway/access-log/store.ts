import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import initSqlJs, { type Database } from 'sql.js';
import { ACCESS_LOG_TABLE, accessLogDdl, insertStatements, logTime, retentionStart, type AccessLogRow } from '../../subgraphs/kit/protocol/access-log-table';
import { creditReportDdl, reportInsertStatements, type CreditReportRow } from '../../subgraphs/kit/protocol/credit-report-table';
import { dataDir } from '../../subgraphs/kit/protocol/keys';
import { settings } from '../../subgraphs/kit/protocol/settings';

// Where the access log is written: its own database, credit_access_log (ACCESS_LOG_DATABASE_URL, or
// DATABASE_URL's server), else the embedded file <DATA_DIR>/access-log.sqlite under `npm start`.
// Design: synchronous commit — append() resolves only once its rows are committed (MySQL) or the
// file is fsynced and renamed into place (embedded), and the plugin answers only after that.
export interface AccessLogStore {
  readonly where: string;
  /** The answer's entries and the credit reports it issues (001 Art. 29), in one transaction. */
  append(rows: AccessLogRow[], reports?: CreditReportRow[]): Promise<void>;
  /** Deletes entries older than the retention period; returns how many went. */
  purge(): Promise<number>;
  close(): Promise<void>;
}

const PURGE_EVERY_MS = 3_600_000;
const PURGE_ROWS = 10_000;

/** The writer purges (the reader only reads): at open, then hourly; each replica may, it is idempotent. */
function purgingHourly(store: AccessLogStore): AccessLogStore {
  const run = () => store.purge().catch(() => 0);
  void run();
  const timer = setInterval(run, PURGE_EVERY_MS);
  timer.unref();
  return { ...store, close: () => (clearInterval(timer), store.close()) };
}

/** INSERT statements sent since start: tests and the bench assert a bounded number per answer. */
export const insertCounter = { statements: 0 };

export function accessLogUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const s = settings(env);
  if (s.ACCESS_LOG_DATABASE_URL) return String(s.ACCESS_LOG_DATABASE_URL);
  if (!s.DATABASE_URL) return null;
  const url = new URL(s.DATABASE_URL);
  if (url.pathname.length <= 1) url.pathname = '/credit_access_log';
  return url.toString();
}

async function mysqlStore(url: string): Promise<AccessLogStore> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^\w+$/.test(database)) throw new Error(`access log database name "${database}" must be letters, digits and _`);
  const server = new URL(url);
  server.pathname = '/';
  const admin = await createConnection(server.toString());
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const pool: Pool = createPool({ uri: url, connectionLimit: settings().DATABASE_POOL_SIZE, timezone: 'Z', dateStrings: true });
  for (const ddl of [...accessLogDdl('mysql'), ...creditReportDdl('mysql')]) await pool.query(ddl).catch((e: { code?: string }) => (e.code === 'ER_DUP_KEYNAME' ? undefined : Promise.reject(e)));
  return {
    where: `mysql ${parsed.host}/${database}`,
    async append(rows, reports = []) {
      const statements = [...insertStatements(rows), ...reportInsertStatements(reports)];
      if (!statements.length) return;
      insertCounter.statements += statements.length;
      // One statement is atomic on its own: BEGIN and COMMIT would be two more round trips per answer.
      if (statements.length === 1) {
        await pool.query(statements[0].sql, statements[0].params);
        return;
      }
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        for (const { sql, params } of statements) {
          await conn.query(sql, params);
        }
        await conn.commit();
      } catch (e) {
        await conn.rollback().catch(() => undefined);
        throw e;
      } finally {
        conn.release();
      }
    },
    async purge() {
      // In slices, so a large purge never holds one long transaction (the by_time index finds them).
      let total = 0;
      for (let n = PURGE_ROWS; n === PURGE_ROWS; total += n) {
        const [res] = await pool.query(`DELETE FROM ${ACCESS_LOG_TABLE} WHERE at < ? LIMIT ${PURGE_ROWS}`, [logTime(retentionStart())]);
        n = (res as { affectedRows: number }).affectedRows;
      }
      return total;
    },
    close: () => pool.end(),
  };
}

/** Writes the whole file beside the old one, fsyncs it and renames it in: a crash leaves the old or the new. */
function writeDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

async function embeddedStore(file: string): Promise<AccessLogStore> {
  const SQL = await initSqlJs();
  mkdirSync(join(file, '..'), { recursive: true });
  const db: Database = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
  for (const ddl of [...accessLogDdl('sqlite'), ...creditReportDdl('sqlite')]) db.run(ddl);
  writeDurably(file, db.export());
  return {
    where: file,
    async append(rows, reports = []) {
      if (!rows.length && !reports.length) return;
      // sql.js is synchronous: one append runs whole before the next, so no interleaving.
      db.run('BEGIN');
      try {
        for (const { sql, params } of [...insertStatements(rows), ...reportInsertStatements(reports)]) {
          insertCounter.statements++;
          db.run(sql, params as (string | number | null)[]);
        }
        db.run('COMMIT');
      } catch (e) {
        db.run('ROLLBACK');
        throw e;
      }
      writeDurably(file, db.export());
    },
    async purge() {
      db.run(`DELETE FROM ${ACCESS_LOG_TABLE} WHERE at < ?`, [logTime(retentionStart())]);
      const n = db.getRowsModified();
      if (n) writeDurably(file, db.export());
      return n;
    },
    close: async () => db.close(),
  };
}

export function openAccessLogStore(env: NodeJS.ProcessEnv = process.env): Promise<AccessLogStore> {
  const url = accessLogUrl(env);
  return (url ? mysqlStore(url) : embeddedStore(join(dataDir(), 'access-log.sqlite'))).then(purgingHourly);
}
