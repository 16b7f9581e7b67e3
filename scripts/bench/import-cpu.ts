import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import type { KnownKeys } from '../../subgraphs/kit/credit-records/known-keys';
import { prepareLines } from '../import/prepare';
import type { SubjectTypeKeys } from '../import/subject-type-keys';
import { readChunks } from '../import/source';
import { writeImportFile } from './import-data';

// npm run bench:import-cpu -- [records]: where the importer's own CPU goes, with no database: reading and
// parsing lines, checking them, building the SQL. Microseconds per line, one core.
const records = Number(process.argv[2] ?? 200_000);
const PROVIDER = DEMO_ORGS.taxBureau.org;
const everyoneKnown = { resolve: async () => undefined, has: () => true } as unknown as KnownKeys;
const noOtherType = { check: async <T>(good: T) => good } as unknown as SubjectTypeKeys;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'import-cpu-'));
  const file = join(dir, 'records.jsonl');
  await writeImportFile(file, records, 20_000, PROVIDER, 0);
  const us = { read: 0, prepare: 0 };
  let t = process.hrtime.bigint();
  for await (const chunk of readChunks(file, 'jsonl', 0, 0, 20_000)) {
    const t1 = process.hrtime.bigint();
    us.read += Number(t1 - t) / 1e3;
    await prepareLines(chunk.lines, PROVIDER, everyoneKnown, null, noOtherType);
    t = process.hrtime.bigint();
    us.prepare += Number(t - t1) / 1e3;
  }
  rmSync(dir, { recursive: true, force: true });
  const per = (v: number) => Number((v / records).toFixed(2));
  console.log(JSON.stringify({ records, microsecondsPerLine: { readAndParse: per(us.read), checkAndBuildSql: per(us.prepare), total: per(us.read + us.prepare) }, linesPerSecondOneCore: Math.round(records / ((us.read + us.prepare) / 1e6)) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
