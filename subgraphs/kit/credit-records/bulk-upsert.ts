import { Readable } from 'node:stream';
import type { Connection } from 'mysql2/promise';
import { escape } from 'mysql2';
import type { RecordChangeRow } from './changes';
import type { CreditRecordRow } from './entity';
import { applyTallyOnConnection, tallyDeltas, type TallyDeltas, type TallyFields } from './tally';
import { providerKey } from './record-id';
import { COMPARED, comparedDigest, restatesCorrected } from './record-digest';
import { byProvider, providerCorrection } from './write';

// The bulk path of the import (scripts/import.ts) on MySQL, with the rules of storeRecords (write.ts): the
// new rows go in with LOAD DATA LOCAL INFILE (no SQL to parse per value: about half the database time of
// multi-row INSERTs, README "Bulk import"), or multi-row INSERTs where the server refuses local files;
// rows already stored (same provider + providerRecordId; they keep their id) are compared, a provider's
// correction updates the fields it states and records the change, an unchanged row is left alone, and so is
// one restating the values an objection decided CORRECTED replaced (counted in keptAsCorrected too).
// What objections and repair did to a record (annotation, removal) is the platform's and is never touched.

const COLUMNS: [keyof CreditRecordRow, string][] = [
  ['id', 'id'], ['subjectId', 'subject_id'], ['category', 'category'], ['sourceDepartment', 'source_department'], ['title', 'title'],
  ['content', 'content'], ['decisionNumber', 'decision_number'], ['decidedOn', 'decided_on'], ['behaviourEndedOn', 'behaviour_ended_on'],
  ['public', 'is_public'], ['dishonest', 'dishonest'], ['decisionKind', 'decision_kind'], ['penaltyTier', 'penalty_tier'], ['publishedOn', 'published_on'],
  ['provider', 'provider'], ['providerRecordId', 'provider_record_id'], ['seriousBehaviour', 'serious_behaviour'], ['item', 'item'],
];
export const BULK_COLUMNS = COLUMNS.map(([, c]) => c);
/**
 * LOAD DATA of bulkRows' pieces into `table` (the import's, and the bench's yardsticks); the file name is the `?`.
 * CHARACTER SET binary: the bytes go into the utf8mb4 columns as they are, unconverted (a tenth of the
 * server's CPU on a load); they are well-formed UTF-8, as Buffer.from(string) writes nothing else, and
 * lengths are still counted in characters (a value too long is truncated with a warning, which insertNew refuses).
 */
export const loadDataSql = (table: string) =>
  `LOAD DATA LOCAL INFILE ? INTO TABLE ${table} CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${BULK_COLUMNS.join(', ')})`;
const COLUMN_OF = new Map(COLUMNS);
const DATE_FIELDS = new Set<keyof CreditRecordRow>(['decidedOn', 'behaviourEndedOn', 'publishedOn']);
const BOOLEAN_FIELDS = new Set<keyof CreditRecordRow>(['public', 'dishonest']);

/** Rows per statement or per SELECT: ~1 KB a row stays well under the server's 16 MB max_allowed_packet. */
export const ROWS_PER_STATEMENT = 5_000;

// Characters MySQL string literals need escaped (sql_mode without NO_BACKSLASH_ESCAPES, as mysql2's escape).
const NEEDS_ESCAPE = /[\0\b\t\n\r\x1a"'\\]/;

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v === true) return '1';
  if (v === false) return '0';
  // Most values need no escaping; quoting them directly is several times faster than escape().
  if (typeof v === 'string' && !NEEDS_ESCAPE.test(v)) return `'${v}'`;
  return escape(v as string | number);
}

// LOAD DATA's text format: tab-separated, \N for NULL, backslash escapes.
const TSV_SPECIAL = /[\\\t\n\r\0]/;
const TSV_ESCAPE = new RegExp(TSV_SPECIAL.source, 'g');
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const text = (s: string): string => (TSV_SPECIAL.test(s) ? s.replace(TSV_ESCAPE, (c) => TSV_ESCAPES[c]) : s);
const maybe = (s: string | null): string => (s === null ? '\\N' : text(s));
const flag = (b: boolean): string => (b ? '1' : '0');

/**
 * Rows ready to write, their LOAD DATA text built ahead (while the database still commits the previous
 * chunk) as UTF-8 pieces of up to 1,000 rows: mysql2 sends each piece the stream gives as one packet, and
 * a piece, unlike a row's line string, costs the garbage collector nothing while the chunk waits.
 */
export interface BulkRows {
  rows: CreditRecordRow[];
  pieces: Buffer[];
  /** What inserting every row adds to the tally: the write of a chunk whose rows were all new (a first import) applies it as it is. */
  inserted: TallyDeltas;
}

const ROWS_PER_PIECE = 1_000;

/**
 * One row as a LOAD DATA line, in COLUMNS' order. Written out field by field: millions of lines, and a
 * named property read with a known type is several times cheaper than a loop over the column names. The
 * id, dates, enums and the provider's org code are never escaped: the rules (input.ts) let no tab,
 * newline or backslash into them.
 */
function loadLine(r: CreditRecordRow): string {
  return `${r.id}\t${r.subjectId}\t${r.category}\t${text(r.sourceDepartment)}\t${text(r.title)}\t${text(r.content)}\t${maybe(r.decisionNumber)}\t${r.decidedOn}\t${r.behaviourEndedOn ?? '\\N'}\t${flag(r.public)}\t${flag(r.dishonest)}\t${r.decisionKind}\t${r.penaltyTier ?? '\\N'}\t${r.publishedOn ?? '\\N'}\t${r.provider}\t${text(r.providerRecordId)}\t${r.seriousBehaviour ?? '\\N'}\t${maybe(r.item)}\n`;
}

/** `inserted` adds to a tally a caller builds over several calls (the import's slices of one chunk). */
export function bulkRows(rows: CreditRecordRow[], inserted: TallyDeltas = new Map()): BulkRows {
  const pieces: Buffer[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    let text = '';
    for (let k = i; k < Math.min(i + ROWS_PER_PIECE, rows.length); k++) {
      text += loadLine(rows[k]);
      tallyDeltas(null, rows[k], inserted);
    }
    pieces.push(Buffer.from(text));
  }
  return { rows, pieces, inserted };
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Of the unchanged: kept as an objection decision corrected them, the line restating the values it corrected. */
  keptAsCorrected: number;
}

/** Whether the server takes LOAD DATA LOCAL INFILE (MySQL 8 refuses it unless local_infile=ON); learnt once. */
export interface LocalInfile { allowed: boolean }

const DUPLICATE_KEY = 1062;

// MariaDB: 1148 "The used command is not allowed"; MySQL 8: 3948 "Loading local data is disabled", 2068 (client side).
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 2068]);

/** The stored rows with the provider keys of `rows`, by providerKey. */
async function existingRows(conn: Connection, rows: CreditRecordRow[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const select = ['id', 'removal', 'provider', 'provider_record_id AS providerRecordId', 'corrected_from AS correctedFrom', ...COMPARED.map((k) => (DATE_FIELDS.has(k) ? `CAST(${COLUMN_OF.get(k)} AS CHAR) AS ${k}` : `${COLUMN_OF.get(k)} AS ${k}`))].join(', ');
  for (const [provider, keys] of byProvider(rows)) {
    for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
      const [found] = await conn.query(`SELECT ${select} FROM credit_record WHERE provider = ? AND provider_record_id IN (?)`, [provider, keys.slice(i, i + ROWS_PER_STATEMENT)]);
      for (const r of found as Record<string, unknown>[]) out.set(providerKey(r as Pick<CreditRecordRow, 'provider' | 'providerRecordId'>), r);
    }
  }
  return out;
}

const same = (k: keyof CreditRecordRow, stored: unknown, row: CreditRecordRow) => (BOOLEAN_FIELDS.has(k) ? Boolean(Number(stored)) === row[k] : (stored ?? null) === row[k]);

/**
 * Inserts the rows whose provider key is not stored yet and returns how many went in: LOAD DATA LOCAL (and
 * INSERT IGNORE where the server refuses local files) skips a row with a stored key, with a warning. Any
 * other warning (a value truncated where INSERT would fail) is refused.
 */
async function insertNew(conn: Connection, bulk: BulkRows, local: LocalInfile): Promise<number> {
  const check = async (inserted: number, warnings: number, attempted: number): Promise<void> => {
    if (warnings === attempted - inserted) return;
    const [shown] = await conn.query('SHOW WARNINGS');
    const other = (shown as { Code: number; Message: string }[]).find((w) => w.Code !== DUPLICATE_KEY);
    throw new Error(`storing ${attempted} rows gave ${warnings} warnings for ${attempted - inserted} stored keys (${other?.Message ?? 'no detail'}): the chunk is rolled back`);
  };
  if (local.allowed) {
    try {
      const [result] = await conn.query({
        sql: loadDataSql('credit_record'),
        values: ['import-chunk'],
        infileStreamFactory: () => Readable.from(bulk.pieces),
      } as never);
      const { affectedRows, info } = result as unknown as { affectedRows: number; info: string };
      await check(affectedRows, Number(/Warnings: (\d+)/.exec(info)?.[1] ?? 0), bulk.rows.length);
      return affectedRows;
    } catch (e) {
      if (!LOCAL_INFILE_REFUSED.has((e as { errno?: number }).errno ?? 0)) throw e;
      local.allowed = false;
    }
  }
  let inserted = 0;
  for (let i = 0; i < bulk.rows.length; i += ROWS_PER_STATEMENT) {
    const slice = bulk.rows.slice(i, i + ROWS_PER_STATEMENT);
    const values = slice.map((row) => `(${COLUMNS.map(([k]) => literal(row[k])).join(',')})`);
    const [result] = await conn.query(`INSERT IGNORE INTO credit_record (${BULK_COLUMNS.join(', ')}) VALUES ${values.join(',')}`);
    const { affectedRows, warningStatus } = result as unknown as { affectedRows: number; warningStatus: number };
    await check(affectedRows, warningStatus, slice.length);
    inserted += affectedRows;
  }
  return inserted;
}

/**
 * Writes the rows (in the caller's transaction); rows have distinct provider keys and new ids (recordRow). The new ones go in
 * first, unread: a stored row is read only when its key was skipped (a resumed chunk, a correction file),
 * so a first import of millions of rows never queries its own keys, and its tally was counted while the
 * previous chunk was written.
 */
export async function writeBulkRows(conn: Connection, bulk: BulkRows, today: string, local: LocalInfile): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, keptAsCorrected: 0 };
  if (!bulk.rows.length) return counts;
  counts.created = await insertNew(conn, bulk, local);
  if (counts.created === bulk.rows.length) {
    await applyTallyOnConnection(conn, bulk.inserted);
    return counts;
  }
  const stored = await existingRows(conn, bulk.rows);
  const changes: RecordChangeRow[] = [];
  const tally: TallyDeltas = new Map();
  for (const row of bulk.rows) {
    const old = stored.get(providerKey(row));
    if (!old || old.id === row.id) {
      tallyDeltas(null, row, tally);
      continue;
    }
    const changed = COMPARED.filter((k) => !same(k, old[k], row));
    if (!changed.length) {
      counts.unchanged++;
      continue;
    }
    if (restatesCorrected(old, () => comparedDigest(row))) {
      counts.unchanged++;
      counts.keptAsCorrected++;
      continue;
    }
    // The provider's own correction: what an objection remembered goes with the values it replaced (write.ts).
    const set = [...COMPARED.map((k) => `${COLUMN_OF.get(k)} = ${literal(row[k])}`), 'corrected_from = NULL', 'corrected_on = NULL'].join(', ');
    await conn.query(`UPDATE credit_record SET ${set} WHERE id = ${literal(old.id)}`);
    tallyDeltas(old as TallyFields, { ...row, removal: old.removal }, tally);
    changes.push(providerCorrection(old.id as string, today, changed));
    counts.updated++;
  }
  if (counts.created + counts.updated + counts.unchanged !== bulk.rows.length) throw new Error(`${bulk.rows.length - counts.created - counts.updated - counts.unchanged} rows were neither stored nor found: the chunk is rolled back`);
  await applyTallyOnConnection(conn, tally);
  if (changes.length) {
    // The same correction sent twice is recorded once (its id is a digest of what changed, and when).
    const values = changes.map((c) => `(${[c.id, c.recordId, c.changedOn, c.kind, c.fields, c.reason].map(literal).join(',')})`);
    await conn.query(`INSERT IGNORE INTO credit_record_change (id, record_id, changed_on, kind, fields, reason) VALUES ${values.join(',')}`);
  }
  return counts;
}
