import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../../subgraphs/kit/server/db';
import { measures } from '../../../subgraphs/measures';
import { CatalogueError, loadCatalogueFile } from '../../../subgraphs/measures/catalogue';
import { recordFeedback } from '../../../subgraphs/measures/feedback';
import { seedDemo } from '../../../subgraphs/measures/seed';
import { readCatalogue, replaceCatalogue } from '../../../subgraphs/measures/store';
import { testCaller } from '../../support/subgraph-client';

// The same migration, import and feedback paths on the embedded sql.js database (npm start without MySQL).
let dir: string;
let db: DataSource;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'measures-'));
  process.env.DATA_DIR = dir;
  db = (await openDatabase(measures.database, null)).dataSource;
  await seedDemo(db);
});
afterAll(async () => {
  await db.destroy();
  delete process.env.DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const department = testCaller({ kind: 'DEPARTMENT', org: 'ORG-TAX' });
const input = { idempotencyKey: 'k-1', listEntryId: 'entry-1', measureId: 'P-ADM-10', outcome: 'APPLIED' as const, businessMatter: '政府采购项目 JA-2026-001', appliedOn: '2026-05-01' };

test('the migration runs and the seed imports the catalogue with booleans and arrays intact', async () => {
  const catalogue = await readCatalogue(db);
  expect(catalogue.measures.length).toBe(loadCatalogueFile().measures.length);
  expect(catalogue.byId.get('P-ADM-10')).toMatchObject({ mandatory: true, listTypes: ['BLACK'], domains: [], purposes: ['GOVERNMENT_PROCUREMENT', 'BIDDING'] });
  expect(catalogue.byId.get('P-ADM-06')!.mandatory).toBe(false);
});

test('feedback is idempotent on the embedded database too', async () => {
  const catalogue = await readCatalogue(db);
  // The entry lookup goes to the lists subgraph (test/e2e/writes-about-subjects.test.ts); here: the store.
  const entryExists = async () => {};
  const first = await recordFeedback(db, catalogue, department, input, '2026-06-30', entryExists);
  const again = await recordFeedback(db, catalogue, department, input, '2026-06-30', entryExists);
  expect(again.id).toBe(first.id);
  await expect(recordFeedback(db, catalogue, department, { ...input, outcome: 'NOT_APPLICABLE' }, '2026-06-30', entryExists)).rejects.toMatchObject({ rule: 'IDEMPOTENCY_KEY_REUSED' });
});

test('an import that would drop a measure with feedback changes nothing', async () => {
  const full = loadCatalogueFile();
  const without = { ...full, measures: full.measures.filter((m) => m.id !== 'P-ADM-10' && m.id !== 'P-ADM-01') };
  await expect(replaceCatalogue(db, without)).rejects.toBeInstanceOf(CatalogueError);
  await expect(replaceCatalogue(db, without)).rejects.toMatchObject({ issues: [expect.objectContaining({ rule: 'MEASURE_IN_USE' })] });
  expect((await readCatalogue(db)).measures.length).toBe(full.measures.length);
  const trimmed = { ...full, measures: full.measures.filter((m) => m.id !== 'P-ADM-01') };
  expect(await replaceCatalogue(db, trimmed)).toMatchObject({ removed: 1, added: 0, total: full.measures.length - 1 });
});
