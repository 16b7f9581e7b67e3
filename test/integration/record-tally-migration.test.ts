import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { addDays } from '../../subgraphs/kit/calendar/dates';
import { recordsByCategory, subjectRecordsByCategory } from '../../subgraphs/kit/credit-records/category-counts';
import { CreditRecordEntity, type CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import { RecordTally1797400000000 } from '../../subgraphs/kit/credit-records/migrations/1797400000000-record-tally';
import { tallyDeltas, type TallyDeltas } from '../../subgraphs/kit/credit-records/tally';
import { queryPeriodCutoff } from '../../subgraphs/kit/credit-records/query-period';
import { Rng } from '../../subgraphs/kit/demo/rng';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import { timeliness } from '../../subgraphs/legal-persons/rules/double-publicity';
import { publicationCounts } from '../../subgraphs/legal-persons/statistics';
import { freshDatabase } from '../support/mysql';

// Migration 1797400000000 on a database that already holds records: the statistics read from the new
// tally are those the rows gave before it; down brings ix_credit_record_stats back and drops the tally.
const TODAY = '2026-11-23';
const YEARS = [2020, 2021, 2022, 2025, 2026];
const before = { ...legalPersons.database, migrations: legalPersons.database.migrations.filter((m) => m !== RecordTally1797400000000) };

/** What publicationCounts counted before the tally: the rows themselves. */
async function publicationCountsFromRows(db: DataSource, year: number) {
  const rows: { decidedOn: string; publishedOn: string | null; n: number | string }[] = await db.query(
    `SELECT r.decided_on AS decidedOn, r.published_on AS publishedOn, COUNT(*) AS n FROM credit_record r
      WHERE r.is_public = ? AND (r.decision_kind = 'LICENSING' OR (r.decision_kind = 'PENALTY' AND r.penalty_tier IN ('GENERAL', 'SERIOUS')))
      AND r.removal IS NULL AND (r.dishonest = ? OR COALESCE(r.behaviour_ended_on, r.decided_on) >= ?) AND r.decided_on BETWEEN ? AND ? GROUP BY r.decided_on, r.published_on`,
    [1, 0, queryPeriodCutoff(TODAY), `${year}-01-01`, `${year}-12-31`],
  );
  const counts = { decisions: 0, onTime: 0, late: 0, overdue: 0, pending: 0 };
  const key = { ON_TIME: 'onTime', LATE: 'late', OVERDUE: 'overdue', PENDING: 'pending' } as const;
  for (const r of rows) {
    counts.decisions += Number(r.n);
    counts[key[timeliness({ decidedOn: String(r.decidedOn).slice(0, 10), publishedOn: r.publishedOn ? String(r.publishedOn).slice(0, 10) : null }, TODAY)]] += Number(r.n);
  }
  return counts;
}

const statistics = async (db: DataSource, byCategory: typeof recordsByCategory, publications: (db: DataSource, year: number) => Promise<unknown>) =>
  Promise.all(YEARS.map(async (year) => ({ year, byCategory: await byCategory(db, year, TODAY), publications: await publications(db, year) })));

function records(): CreditRecordRow[] {
  const rng = new Rng('record-tally-migration');
  return Array.from({ length: 600 }, (_, i) => {
    const decidedOn = addDays(TODAY, -rng.int(0, 365 * 7));
    const decisionKind = rng.pick(['LICENSING', 'PENALTY', 'OTHER']);
    const isPublic = rng.chance(0.7);
    return {
      id: `m-${i}`, subjectId: `S${i % 11}`, category: rng.pick(['SUPERVISION', 'JUDGMENT', 'ENFORCEMENT', 'MANAGEMENT']), sourceDepartment: 'd', title: 't', content: 'c', decisionNumber: null,
      decidedOn, behaviourEndedOn: rng.chance(0.3) ? null : addDays(decidedOn, -rng.int(0, 400)), public: isPublic, dishonest: rng.chance(0.4), decisionKind,
      penaltyTier: decisionKind === 'PENALTY' ? rng.pick(['MINOR', 'GENERAL', 'SERIOUS']) : null, publishedOn: isPublic && rng.chance(0.9) ? addDays(decidedOn, rng.int(0, 20)) : null,
      provider: 'p', providerRecordId: String(i), seriousBehaviour: null, annotation: null, removal: rng.chance(0.1) ? rng.pick(['REVOKED', 'REPAIRED', 'WITHDRAWN'] as const) : null, removedOn: null, item: null, correctedFrom: null, correctedOn: null,
    };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'record-tally-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(['MariaDB', 'SQLite'])('on %s the tally built by the migration gives the statistics the rows gave; down restores the index', async (dialect) => {
  let url: string | null = null;
  if (dialect === 'MariaDB') url = await freshDatabase('record_tally_migration');
  else process.env.DATA_DIR = join(dir, 'sqlite');
  try {
    const old = (await openDatabase(before, url)).dataSource;
    await old.getRepository(CreditRecordEntity).insert(records());
    const fromRows = await statistics(old, (db, year, today) => subjectRecordsByCategory(db, year, today, '', []), publicationCountsFromRows);
    await old.destroy();

    const migrated = (await openDatabase(legalPersons.database, url)).dataSource;
    try {
      expect(await statistics(migrated, recordsByCategory, (db, year) => publicationCounts(db, year, TODAY))).toEqual(fromRows);
      expect(fromRows.some((s) => s.byCategory.some((c) => c.count > 0))).toBe(true);
      expect(JSON.stringify(fromRows)).toMatch(/"decisions":[1-9]/);
      // Keyed as every later write keys its deltas (tallyKey), so a write adds to the group the migration counted.
      const deltas: TallyDeltas = new Map();
      for (const r of records()) tallyDeltas(null, r, deltas);
      const stored: { tally_key: string; n: number | string }[] = await migrated.query('SELECT tally_key, n FROM credit_record_tally');
      expect(Object.fromEntries(stored.map((t) => [t.tally_key, Number(t.n)]))).toEqual(Object.fromEntries([...deltas].map(([k, d]) => [k, d.n])));
      const indexes = async () => (await migrated.createQueryRunner().getTable('credit_record'))!.indices.map((i) => i.name);
      expect(await indexes()).not.toContain('ix_credit_record_stats');
      await migrated.undoLastMigration();
      expect(await indexes()).toContain('ix_credit_record_stats');
      expect(await migrated.createQueryRunner().hasTable('credit_record_tally')).toBe(false);
    } finally {
      await migrated.destroy();
    }
  } finally {
    delete process.env.DATA_DIR;
  }
});
