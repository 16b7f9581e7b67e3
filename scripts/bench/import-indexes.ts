import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { BULK_COLUMNS, bulkRows, loadDataSql } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { recordRow } from '../../subgraphs/kit/credit-records/write';
import type { RecordInput } from '../../subgraphs/kit/credit-records/input';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import { generatedUscc } from './import-data';
import { addDays } from '../../subgraphs/kit/calendar/dates';

// npm run bench:import-indexes -- --records 1000000: what each index of credit_record costs a bulk load.
// The same rows by LOAD DATA into copies of the real table, each without one index, in one run.
const opts = new Command()
  .option('--records <n>', 'rows', (v) => Number(v), 1_000_000)
  .option('--server <url>', 'MySQL server', 'mysql://root@127.0.0.1:3306')
  .parse()
  .opts<{ records: number; server: string }>();
const database = `bench_${process.env.TEST_DB_PREFIX ?? ''}import_indexes`;

async function main(): Promise<void> {
  const admin = await createConnection(`${opts.server}/`);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
  const url = `${opts.server}/${database}`;
  await (await openDatabase(legalPersons.database, url)).dataSource.destroy();
  const conn = await createConnection(url);
  const dir = mkdtempSync(join(tmpdir(), 'import-indexes-'));
  const file = join(dir, 'rows.tsv');
  const out = createWriteStream(file);
  for (let i = 0; i < opts.records; i += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, opts.records - i) }, (_, k) => {
      const n = i + k;
      const decidedOn = addDays('2024-01-01', n % 900);
      const input: RecordInput = { subjectType: 'LEGAL_PERSON', subjectId: generatedUscc(n % 100_000), category: 'SUPERVISION', sourceDepartment: '浦东新区市场监督管理局', title: '行政处罚决定', content: `行政处罚决定：第${n}号`, decisionNumber: `浦市监第${n}号`, decidedOn, behaviourEndedOn: decidedOn, public: true, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', publishedOn: addDays(decidedOn, 3), provider: DEMO_ORGS.taxBureau.org, providerRecordId: `gen-${n}`, item: 'LP-SUPERVISION' };
      return recordRow(input, input.subjectId);
    });
    if (!out.write(Buffer.concat(bulkRows(rows).pieces))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const variants: [string, string | null][] = [['all indexes', null], ['without ix_credit_record_subject', 'ix_credit_record_subject'], ['without ux_credit_record_provider', 'ux_credit_record_provider'], ['without ux_credit_record_id', 'ux_credit_record_id']];
  const results: Record<string, number> = {};
  for (const [label, drop] of [...variants, ['bare (no keys)', '*'] as [string, string]]) {
    await conn.query('DROP TABLE IF EXISTS v');
    if (drop === '*') await conn.query(`CREATE TABLE v AS SELECT ${BULK_COLUMNS.join(', ')} FROM credit_record WHERE 1 = 0`);
    else await conn.query('CREATE TABLE v LIKE credit_record');
    if (drop && drop !== '*') await conn.query(`ALTER TABLE v DROP INDEX ${drop}`);
    const t = process.hrtime.bigint();
    await conn.query({ sql: loadDataSql('v'), values: [file], infileStreamFactory: (p: string) => createReadStream(p) } as never);
    results[label] = Math.round(opts.records / (Number(process.hrtime.bigint() - t) / 1e9));
    process.stderr.write(`${label}: ${results[label]} rows/s\n`);
  }
  await conn.end();
  rmSync(dir, { recursive: true, force: true });
  const all = results['all indexes'];
  console.log(JSON.stringify({ records: opts.records, rowsPerSecond: results, speedupWithout: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Number((v / all).toFixed(2))])) }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
