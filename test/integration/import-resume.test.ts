import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { IMPORT_NODE_ARGS, generatedUscc, registerCompanies, writeImportFile } from '../../scripts/bench/import-data';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';

// npm run import as a real child process (node itself, not a wrapper that would leave it running when
// killed): killed with SIGKILL halfway, then resumed from its checkpoint,
// it ends with exactly one row per good line (no duplicate, no gap).
const ROOT = join(__dirname, '..', '..');
const PROVIDER = DEMO_ORGS.taxBureau.org;
const LINES = 20_000;
let url: string;
let conn: Connection;
const dir = mkdtempSync(join(tmpdir(), 'import-'));

beforeAll(async () => {
  url = await freshDatabase('import_resume');
  await (await openDatabase(legalPersons.database, url)).dataSource.destroy();
  conn = await createConnection(url);
  await registerCompanies(conn, 1_000);
});
afterAll(() => conn.end());

function runImport(file: string, extra: string[] = []) {
  const child = spawn(process.execPath, [...IMPORT_NODE_ARGS, file, '--provider', PROVIDER, '--database-url', url, '--no-progress', ...extra], { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => stdout };
}
const rows = async () => Number(((await conn.query('SELECT COUNT(*) AS n FROM credit_record'))[0] as { n: number }[])[0].n);
const checkpointOf = (file: string) => (existsSync(`${file}.checkpoint.json`) ? JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8')) : null);

test('kill -9 halfway, then resume: exactly one row per line', async () => {
  const file = join(dir, 'records.jsonl');
  expect(await writeImportFile(file, LINES, 1_000, PROVIDER)).toBe(LINES);
  const first = runImport(file, ['--chunk', '200']);
  // Kill once a few chunks are committed and the import is not done.
  for (let cp = checkpointOf(file); !(cp && cp.line >= 2_000); cp = checkpointOf(file)) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  await first.exited;
  const killedAt = checkpointOf(file);
  expect(killedAt.done).toBe(false);
  expect(killedAt.line).toBeLessThan(LINES);
  const afterKill = await rows();
  expect(afterKill).toBeGreaterThanOrEqual(killedAt.line);
  // Nothing is still writing: the killed process was the importer itself.
  await new Promise((r) => setTimeout(r, 500));
  expect(await rows()).toBe(afterKill);

  const second = runImport(file, ['--chunk', '200']);
  expect(await second.exited).toBe(0);
  const report = JSON.parse(second.output());
  expect(report).toMatchObject({ done: true, lines: LINES, rejected: 0, matchedAndStored: LINES });
  expect(await rows()).toBe(LINES);
  const [ids] = await conn.query(`SELECT COUNT(DISTINCT provider_record_id) AS n FROM credit_record WHERE provider_record_id LIKE 'gen-%'`);
  expect(Number((ids as { n: number }[])[0].n)).toBe(LINES);

  // A finished import run again changes nothing; started over, every line is UNCHANGED.
  const third = runImport(file);
  expect(await third.exited).toBe(0);
  expect(await rows()).toBe(LINES);
  const over = runImport(file, ['--restart']);
  expect(await over.exited).toBe(0);
  expect(JSON.parse(over.output())).toMatchObject({ lines: LINES, created: 0, updated: 0, unchanged: LINES });
  expect(await rows()).toBe(LINES);
}, 120_000);

test('a CSV file: the header names the fields; the quality report counts rejects by rule', async () => {
  const file = join(dir, 'records.csv');
  const head = 'subjectType,subjectId,category,sourceDepartment,title,content,decidedOn,public,dishonest,decisionKind,providerRecordId,item';
  const line = (id: string, subject: string, item = 'LP-REGISTRATION') => `LEGAL_PERSON,${subject},REGISTRATION,浦东新区市场监督管理局,变更登记,"名称变更, 住所变更",2026-01-05,true,false,OTHER,${id},${item}`;
  writeFileSync(file, [head, line('csv-1', generatedUscc(1)), line('csv-2', generatedUscc(5_000_000)), line('csv-3', generatedUscc(2), 'LP-NOPE'), 'LEGAL_PERSON,"unterminated', line('csv-4', generatedUscc(3))].join('\n') + '\n');
  const run = runImport(file);
  expect(await run.exited).toBe(0);
  const report = JSON.parse(run.output());
  expect(report).toMatchObject({ lines: 5, created: 2, rejected: 3, rejectsByRule: { UNKNOWN_SUBJECT: 1, NOT_IN_CATALOGUE: 1, PARSE: 1 } });
  expect(report.sampleRejects.find((r: { rule: string }) => r.rule === 'UNKNOWN_SUBJECT')).toMatchObject({ line: 3, field: 'subjectId' });
  const [stored] = await conn.query(`SELECT content FROM credit_record WHERE provider_record_id = 'csv-1'`);
  expect(stored).toEqual([{ content: '名称变更, 住所变更' }]);
}, 60_000);

test('a checkpoint resumes only its own file: another file of the same size is refused, not read from the old offset', async () => {
  const file = join(dir, 'replaced.jsonl');
  const line = (id: string) => JSON.stringify({ subjectType: 'LEGAL_PERSON', subjectId: generatedUscc(4), category: 'REGISTRATION', sourceDepartment: '浦东新区市场监督管理局', title: '变更登记', content: '名称变更', decidedOn: '2026-01-05', public: true, dishonest: false, decisionKind: 'OTHER', providerRecordId: id, item: 'LP-REGISTRATION' });
  writeFileSync(file, `${line('same-a1')}\n${line('same-a2')}\n`);
  expect(await runImport(file).exited).toBe(0);
  const checkpoint = checkpointOf(file);
  // Same size, other records: as a provider re-exporting under the same name would leave it. Resumed as "done", it would import nothing.
  writeFileSync(file, `${line('same-b1')}\n${line('same-b2')}\n`);
  writeFileSync(`${file}.checkpoint.json`, JSON.stringify(checkpoint));
  const replaced = runImport(file);
  expect(await replaced.exited).not.toBe(0);
  expect(await runImport(file, ['--restart']).exited).toBe(0);
  const [stored] = await conn.query(`SELECT provider_record_id AS p FROM credit_record WHERE provider_record_id LIKE 'same-%' ORDER BY 1`);
  expect(stored).toEqual([{ p: 'same-a1' }, { p: 'same-a2' }, { p: 'same-b1' }, { p: 'same-b2' }]);
}, 60_000);
