import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { recordRow } from '../../subgraphs/kit/credit-records/write';
import { BULK_COLUMNS, bulkRows, loadDataSql } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import type { RecordInput } from '../../subgraphs/kit/credit-records/input';
import { IMPORT_NODE_ARGS, linesForGood, registerCompanies, writeImportFile } from './import-data';

// npm run bench:import -- --records 2000000: the import CLI (a real child process) on a generated file of
// that many good records among bad ones (an unregistered company every 1,000th line, an item outside the catalogue every 1,001st),
// against LOAD DATA LOCAL INFILE of the same rows into a bare table (no keys), measured in the same run;
// with --kill-halfway the first run is killed with SIGKILL at half the file and resumed.
const opts = new Command()
  .option('--records <n>', 'good records in the file (the bad ones come on top)', (v) => Number(v), 2_000_000)
  .option('--companies <n>', 'registered companies', (v) => Number(v), 100_000)
  .option('--server <url>', 'MySQL server', 'mysql://root@127.0.0.1:3306')
  .option('--kill-halfway', 'kill -9 the import at half the file, then resume')
  .option('--chunk <lines>', "the import's lines per transaction (its default when absent)")
  .parse()
  .opts<{ records: number; companies: number; server: string; killHalfway?: boolean; chunk?: string }>();

const ROOT = join(__dirname, '..', '..');
const BAD_EVERY = 1_000;
const PROVIDER = DEMO_ORGS.taxBureau.org;
const database = `bench_${process.env.TEST_DB_PREFIX ?? ''}import`;
const url = `${opts.server}/${database}`;
const npUrl = `${opts.server}/${database}_np`;
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const file = join(dir, 'records.jsonl');

function runImport(killAtLine?: number): Promise<{ code: number | null; report: any }> {
  const child = spawn(process.execPath, [...IMPORT_NODE_ARGS, file, '--provider', PROVIDER, '--database-url', url, '--natural-persons-database-url', npUrl, '--no-progress', ...(opts.chunk ? ['--chunk', opts.chunk] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  if (killAtLine) {
    const timer = setInterval(() => {
      const cp = existsSync(`${file}.checkpoint.json`) ? JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8')) : null;
      if (cp && cp.line >= killAtLine) {
        child.kill('SIGKILL');
        clearInterval(timer);
      }
    }, 20);
    child.on('exit', () => clearInterval(timer));
  }
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, report: code === 0 ? JSON.parse(out) : null })));
}

/** The same rows the import writes, as a LOAD DATA file: the very text the import loads (bulkRows). */
async function writeLoadFile(path: string, known: (uscc: string) => boolean): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    const r = JSON.parse(line) as RecordInput;
    if (!known(r.subjectId) || r.item === 'LP-NOT-AN-ITEM') continue;
    const [loadLine] = bulkRows([recordRow({ ...r, provider: PROVIDER }, r.subjectId)]).pieces;
    if (!out.write(loadLine)) await new Promise<void>((res) => out.once('drain', () => res()));
    n++;
  }
  await new Promise<void>((res) => out.end(() => res()));
  return n;
}

async function main(): Promise<void> {
  const admin = await createConnection(`${opts.server}/`);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}_np\``);
  await admin.end();
  await (await openDatabase(legalPersons.database, url)).dataSource.destroy();
  const conn = await createConnection({ uri: url, infileStreamFactory: (path: string) => createReadStream(path) } as never);
  await registerCompanies(conn, opts.companies);
  const lines = linesForGood(opts.records, BAD_EVERY);
  const good = await writeImportFile(file, lines, opts.companies, PROVIDER, BAD_EVERY);
  process.stderr.write(`generated ${lines} lines (${good} good records) about ${opts.companies} companies\n`);

  if (opts.killHalfway) {
    const killed = await runImport(Math.floor(lines / 2));
    const cp = JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8'));
    process.stderr.write(`killed with SIGKILL (exit ${killed.code}) at checkpoint line ${cp.line}; resuming\n`);
  }
  const imported = await runImport();
  const [[{ n: rows }]] = (await conn.query('SELECT COUNT(*) AS n FROM credit_record')) as unknown as [[{ n: number }]];

  const loadFile = join(dir, 'rows.tsv');
  const [registered] = (await conn.query('SELECT uscc FROM legal_person')) as unknown as [{ uscc: string }[]];
  const known = new Set(registered.map((r) => r.uscc));
  const loadRows = await writeLoadFile(loadFile, (u) => known.has(u));
  await conn.query(`CREATE TABLE credit_record_bare AS SELECT ${BULK_COLUMNS.join(', ')} FROM credit_record WHERE 1 = 0`);
  const t0 = process.hrtime.bigint();
  await conn.query({ sql: loadDataSql('credit_record_bare'), values: [loadFile], infileStreamFactory: (p: string) => createReadStream(p) } as never);
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The same rows by LOAD DATA into a copy of the real table (its keys and indexes): what the indexes
  // cost on their own, apart from statements and the importer.
  await conn.query('CREATE TABLE credit_record_indexed LIKE credit_record');
  const t1 = process.hrtime.bigint();
  await conn.query({ sql: loadDataSql('credit_record_indexed'), values: [loadFile], infileStreamFactory: (p: string) => createReadStream(p) } as never);
  const indexedSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  await conn.end();

  const r = imported.report;
  const importSeconds = r.thisRun.seconds;
  console.log(JSON.stringify({
    lines, goodRecords: good, rowsAfterImport: Number(rows), exactlyGood: Number(rows) === good, resumedAfterKill: !!opts.killHalfway,
    importThisRun: r.thisRun,
    loadData: { rows: loadRows, seconds: Number(loadSeconds.toFixed(2)), rowsPerSecond: Math.round(loadRows / loadSeconds) },
    loadDataIntoIndexedTable: { seconds: Number(indexedSeconds.toFixed(2)), rowsPerSecond: Math.round(loadRows / indexedSeconds) },
    ratioImportToLoadData: Number(((importSeconds / r.thisRun.lines) / (loadSeconds / loadRows)).toFixed(2)),
    qualityReport: r,
  }, null, 2));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
