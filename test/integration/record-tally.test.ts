import { isQueryable } from '../../subgraphs/kit/credit-records/query-period';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { bulkRows, writeBulkRows, type LocalInfile } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { recordsByCategory, subjectRecordsByCategory } from '../../subgraphs/kit/credit-records/category-counts';
import type { RecordCorrection } from '../../subgraphs/kit/credit-records/correction';
import { applyRecordDecision, type RecordEffect } from '../../subgraphs/kit/credit-records/decision';
import { CreditRecordEntity, type CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import { rebuildTally } from '../../subgraphs/kit/credit-records/tally';
import { withdrawCreditRecord } from '../../subgraphs/kit/credit-records/withdraw';
import { recordRow, storeRecords } from '../../subgraphs/kit/credit-records/write';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { doublePublicityReport } from '../../subgraphs/legal-persons/double-publicity-report';
import { publicationCounts } from '../../subgraphs/legal-persons/statistics';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { testCaller } from '../support/subgraph-client';

// credit_record_tally (kit/credit-records/tally.ts) stays equal to a recount of the rows through any
// sequence of the real writers: new records, a provider's corrections of counted fields (storeRecords
// and the bulk path), objection decisions of every effect, withdrawal. On MariaDB and on SQLite (npm start).
const TODAY = '2026-11-23';
const PROVIDER = '11310106MB0000001X';
// Days either side of the 5-year query period's start (2021-11-23) and in the counted years.
const DAYS = ['2019-06-01', '2021-11-22', '2021-11-24', '2025-12-31', '2026-03-02', '2026-03-03'];
const YEARS = [2019, 2021, 2025, 2026];

/** The fields of a record the tally counts by. */
type Counted = Pick<CreditRecordRow, 'category' | 'decidedOn' | 'behaviourEndedOn' | 'public' | 'dishonest' | 'decisionKind' | 'penaltyTier' | 'publishedOn'>;
const counted: fc.Arbitrary<Counted> = fc.record({
  category: fc.constantFrom('SUPERVISION', 'JUDGMENT', 'MANAGEMENT'),
  decidedOn: fc.constantFrom(...DAYS),
  behaviourEndedOn: fc.option(fc.constantFrom(...DAYS), { nil: null }),
  public: fc.boolean(),
  dishonest: fc.boolean(),
  decisionKind: fc.constantFrom('LICENSING', 'PENALTY', 'OTHER'),
  penaltyTier: fc.option(fc.constantFrom('MINOR', 'GENERAL', 'SERIOUS'), { nil: null }),
  publishedOn: fc.option(fc.constantFrom(...DAYS), { nil: null }),
});
const slot = fc.integer({ min: 0, max: 3 });
const correction: fc.Arbitrary<RecordCorrection> = fc
  .record(
    {
      category: fc.constantFrom('SUPERVISION', 'ENFORCEMENT'),
      decidedOn: fc.constantFrom(...DAYS),
      behaviourEndedOn: fc.constantFrom(...DAYS),
      public: fc.boolean(),
      dishonest: fc.boolean(),
      penaltyTier: fc.constantFrom('MINOR', 'GENERAL', 'SERIOUS'),
      title: fc.constant('更正后的标题'),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0);

type Step =
  | { kind: 'store'; records: { slot: number; fields: Counted }[] }
  | { kind: 'bulk'; records: { slot: number; fields: Counted }[] }
  | { kind: 'decide'; slot: number; effect: RecordEffect; correction: RecordCorrection }
  | { kind: 'withdraw'; slot: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('store' as const, 'bulk' as const), records: fc.uniqueArray(fc.record({ slot, fields: counted }), { minLength: 1, maxLength: 4, selector: (r) => r.slot }) }),
  fc.record({ kind: fc.constant('decide' as const), slot, effect: fc.constantFrom<RecordEffect>('CORRECTED', 'ANNOTATED', 'REVOKED', 'REPAIRED', 'WITHDRAWN'), correction }),
  fc.record({ kind: fc.constant('withdraw' as const), slot }),
);

const row = (s: number, f: Counted) =>
  recordRow({ subjectType: 'LEGAL_PERSON', subjectId: `91310106MA1FL0000${s}`, sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定', content: '罚款', provider: PROVIDER, providerRecordId: `tally-${s}`, ...f }, `91310106MA1FL0000${s}`);

// The tally's groups with their counts, and the same groups counted from the rows (dates read as strings on both).
const GROUP = 'decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest';
const COUNTING_END = 'CASE WHEN dishonest = 1 THEN COALESCE(behaviour_ended_on, decided_on) END';
const tallySql = `SELECT ${GROUP}, counting_end, SUM(n) AS n FROM credit_record_tally GROUP BY ${GROUP}, counting_end HAVING SUM(n) <> 0`;
const recountSql = `SELECT ${GROUP}, ${COUNTING_END} AS counting_end, COUNT(*) AS n FROM credit_record WHERE removal IS NULL GROUP BY ${GROUP}, ${COUNTING_END}`;

interface Target {
  name: string;
  db: DataSource;
  /** The bulk path's session (MySQL only); on SQLite a bulk step goes through storeRecords. */
  conn: Connection | null;
  local: LocalInfile;
}

async function groups(t: Target, sql: string): Promise<string[]> {
  const rows: Record<string, unknown>[] = await t.db.query(sql);
  return rows.map((r) => [r.decided_on, r.category, r.decision_kind, r.penalty_tier, Number(r.is_public), r.published_on, Number(r.dishonest), r.counting_end, Number(r.n)].join(' ')).sort();
}

async function apply(t: Target, s: Step): Promise<void> {
  if (s.kind === 'store' || s.kind === 'bulk') {
    const rows = s.records.map((r) => row(r.slot, r.fields));
    if (s.kind === 'bulk' && t.conn) {
      await t.conn.beginTransaction();
      await writeBulkRows(t.conn, bulkRows(rows), TODAY, t.local);
      await t.conn.commit();
    } else {
      await t.db.transaction((m) => storeRecords(m, rows, TODAY));
    }
    return;
  }
  const stored = await t.db.getRepository(CreditRecordEntity).findOneBy({ provider: PROVIDER, providerRecordId: `tally-${s.slot}` });
  if (!stored) return;
  // Past the query period a record is unknown to every write naming it (001 Art. 30); the tally stays as it was.
  if (!stored.removal && !isQueryable(stored, TODAY)) {
    const write = s.kind === 'withdraw' ? withdrawCreditRecord(t.db, testCaller(), stored.id, '复议撤销', TODAY, 'legal-person') : applyRecordDecision(t.db, { id: stored.id, effect: s.effect, note: '异议核实', correction: s.effect === 'CORRECTED' ? s.correction : null, on: TODAY });
    await expect(write).rejects.toMatchObject({ rule: 'CREDIT_RECORD_NOT_FOUND' });
    return;
  }
  if (s.kind === 'withdraw') {
    if (!stored.removal) await withdrawCreditRecord(t.db, testCaller(), stored.id, '复议撤销', TODAY, 'legal-person');
  } else {
    await applyRecordDecision(t.db, { id: stored.id, effect: s.effect, note: '异议核实', correction: s.effect === 'CORRECTED' ? s.correction : null, on: TODAY });
  }
}

async function expectTallyExact(t: Target): Promise<void> {
  expect(await groups(t, tallySql)).toEqual(await groups(t, recountSql));
  for (const year of YEARS) {
    expect(await recordsByCategory(t.db, year, TODAY)).toEqual(await subjectRecordsByCategory(t.db, year, TODAY, '', []));
    const { missed: _, ...report } = await doublePublicityReport(t.db, testCaller(), { decidedFrom: `${year}-01-01`, decidedTo: `${year}-12-31`, first: 0 }, TODAY);
    expect(await publicationCounts(t.db, year, TODAY)).toEqual(report);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'record-tally-'));
const targets: Target[] = [];
beforeAll(async () => {
  const url = await freshDatabase('record_tally');
  const mariadb = (await openDatabase(legalPersons.database, url)).dataSource;
  targets.push({ name: 'MariaDB', db: mariadb, conn: await createConnection({ uri: url, timezone: 'Z' }), local: { allowed: true } });
  process.env.DATA_DIR = dir;
  targets.push({ name: 'SQLite', db: (await openDatabase(legalPersons.database, null)).dataSource, conn: null, local: { allowed: false } });
});
afterAll(async () => {
  for (const t of targets) {
    await t.conn?.end();
    await t.db.destroy();
  }
  delete process.env.DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

test.each(['MariaDB', 'SQLite'])('on %s the tally equals a recount of the rows after every write, and rebuilding it gives the same rows', async (name) => {
  const t = targets.find((x) => x.name === name)!;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.boolean(), async (steps, localInfile) => {
      for (const table of ['credit_record_change', 'credit_record_tally', 'credit_record']) await t.db.query(`DELETE FROM ${table}`);
      t.local.allowed = localInfile && t.conn !== null;
      for (const s of steps) {
        await apply(t, s);
        await expectTallyExact(t);
      }
      // The SQL key of rebuildTally is the key the writers build: the same rows, not two per group.
      const kept: { tally_key: string; n: number }[] = await t.db.query('SELECT tally_key, n FROM credit_record_tally WHERE n <> 0 ORDER BY tally_key');
      await rebuildTally(t.db);
      expect(await t.db.query('SELECT tally_key, n FROM credit_record_tally ORDER BY tally_key')).toEqual(kept);
    }),
    { seed: 20261123, numRuns: 60 },
  );
});
