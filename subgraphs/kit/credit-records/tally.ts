import type { Connection } from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { isoDay } from '../calendar/dates';
import type { CreditRecordRow } from './entity';

// credit_record_tally: how many records in every read (removal IS NULL) there are per group of the
// columns the whole-table statistics filter and group by (category-counts.ts, legal-persons/statistics.ts
// publicationCounts). Kept exact by every write of credit_record, in the write's own transaction, so the
// statistics sum a few groups a day instead of reading the records (or a covering index of them, whose
// random inserts were the second largest cost of a bulk load). migrations/1797400000000-record-tally.ts.

export const TALLY_TABLE = 'credit_record_tally';

/** What of a record the tally counts by: the row's values as a driver gives them (a date as Date or string, a boolean as 0/1). */
export type TallyFields = Record<keyof Pick<CreditRecordRow, 'decidedOn' | 'category' | 'decisionKind' | 'penaltyTier' | 'public' | 'publishedOn' | 'dishonest' | 'behaviourEndedOn' | 'removal'>, unknown>;

export interface TallyGroup {
  decidedOn: string;
  category: string;
  decisionKind: string;
  penaltyTier: string | null;
  public: boolean;
  publishedOn: string | null;
  dishonest: boolean;
  /** COALESCE(behaviour_ended_on, decided_on) of a dishonesty record, from which its 5-year query period
   * runs (001 Art. 30); null for other records, which the period does not limit, so that their end dates
   * do not split groups that no statistic tells apart. */
  countingEnd: string | null;
}

/** Changes of n per tally key, summed over a batch of writes. */
export type TallyDeltas = Map<string, { group: TallyGroup; n: number }>;

const day = (v: unknown): string | null => (v === null || v === undefined ? null : isoDay(v));
const flag = (v: unknown): boolean => v === true || Number(v) === 1;

export function tallyGroup(r: TallyFields): TallyGroup {
  const dishonest = flag(r.dishonest);
  return {
    decidedOn: day(r.decidedOn)!,
    category: String(r.category),
    decisionKind: String(r.decisionKind),
    penaltyTier: (r.penaltyTier as string | null) ?? null,
    public: flag(r.public),
    publishedOn: day(r.publishedOn),
    dishonest,
    countingEnd: dishonest ? (day(r.behaviourEndedOn) ?? day(r.decidedOn)) : null,
  };
}

// The key is the group's values joined by '|', null as '-'; keyExpression below builds the same string in SQL.
export function tallyKey(g: TallyGroup): string {
  return `${g.decidedOn}|${g.category}|${g.decisionKind}|${g.penaltyTier ?? '-'}|${g.public ? 1 : 0}|${g.publishedOn ?? '-'}|${g.dishonest ? 1 : 0}|${g.countingEnd ?? '-'}`;
}

function add(deltas: TallyDeltas, r: TallyFields, n: number): void {
  if (r.removal) return;
  const group = tallyGroup(r);
  const key = tallyKey(group);
  const entry = deltas.get(key);
  if (entry) entry.n += n;
  else deltas.set(key, { group, n });
}

/** Adds what one write does to the tally: `before` null for an insert, `after` null for a deletion. */
export function tallyDeltas(before: TallyFields | null, after: TallyFields | null, deltas: TallyDeltas = new Map()): TallyDeltas {
  if (before) add(deltas, before, -1);
  if (after) add(deltas, after, 1);
  return deltas;
}

type Dialect = 'mysql' | 'sqlite';
const COLUMNS = 'tally_key, decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, counting_end, n';
const GROUPS_PER_STATEMENT = 1_000;

/** Multi-row upserts of the non-zero deltas, in key order: concurrent writers lock the tally rows they share in the same order. */
export function tallyUpserts(dialect: Dialect, deltas: TallyDeltas): { sql: string; params: unknown[] }[] {
  const changed = [...deltas].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const onDuplicate = dialect === 'mysql' ? 'ON DUPLICATE KEY UPDATE n = n + VALUES(n)' : 'ON CONFLICT(tally_key) DO UPDATE SET n = n + excluded.n';
  const statements: { sql: string; params: unknown[] }[] = [];
  for (let i = 0; i < changed.length; i += GROUPS_PER_STATEMENT) {
    const slice = changed.slice(i, i + GROUPS_PER_STATEMENT);
    const params = slice.flatMap(([key, { group: g, n }]) => [key, g.decidedOn, g.category, g.decisionKind, g.penaltyTier, g.public ? 1 : 0, g.publishedOn, g.dishonest ? 1 : 0, g.countingEnd, n]);
    statements.push({ sql: `INSERT INTO ${TALLY_TABLE} (${COLUMNS}) VALUES ${slice.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ${onDuplicate}`, params });
  }
  return statements;
}

/** Writes a batch's deltas in the manager's transaction (storeRecords, applyRecordDecision). */
export async function applyTally(manager: EntityManager, deltas: TallyDeltas): Promise<void> {
  const dialect = manager.connection.options.type === 'mysql' ? 'mysql' : 'sqlite';
  for (const { sql, params } of tallyUpserts(dialect, deltas)) await manager.query(sql, params);
}

/** The same on a mysql2 session, in its open transaction (the bulk import, bulk-upsert.ts). */
export async function applyTallyOnConnection(conn: Connection, deltas: TallyDeltas): Promise<void> {
  for (const { sql, params } of tallyUpserts('mysql', deltas)) await conn.query(sql, params);
}

// tallyGroup and tallyKey in SQL, over the grouped columns (both dialects have CONCAT_WS; SQLite since 3.44).
const GROUPED = `SELECT decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest,
    CASE WHEN dishonest = 1 THEN COALESCE(behaviour_ended_on, decided_on) END AS counting_end, COUNT(*) AS n
  FROM credit_record WHERE removal IS NULL
  GROUP BY decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, CASE WHEN dishonest = 1 THEN COALESCE(behaviour_ended_on, decided_on) END`;
const KEY = `CONCAT_WS('|', decided_on, category, decision_kind, COALESCE(penalty_tier, '-'), CASE WHEN is_public = 1 THEN 1 ELSE 0 END,
  COALESCE(published_on, '-'), CASE WHEN dishonest = 1 THEN 1 ELSE 0 END, COALESCE(counting_end, '-'))`;

/** Anything that runs SQL: DataSource, EntityManager, QueryRunner. */
interface Queries {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Counts the tally again from the rows: for writers that insert rows directly (seeds). */
export async function rebuildTally(db: Queries): Promise<void> {
  await db.query(`DELETE FROM ${TALLY_TABLE}`);
  await db.query(`INSERT INTO ${TALLY_TABLE} (${COLUMNS}) SELECT ${KEY}, decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, counting_end, n FROM (${GROUPED}) g`);
}
