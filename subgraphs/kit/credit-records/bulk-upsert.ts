import type { Connection } from 'mysql2/promise';
import { escape } from 'mysql2';
import type { CreditRecordRow } from './entity';

// The bulk path of the import (scripts/import.ts) on MySQL: multi-row INSERT … ON DUPLICATE KEY UPDATE,
// idempotent on the record id (derived from provider + providerRecordId, record-id.ts). What objections and
// repair did to a record (annotation, removal) is the platform's and is never overwritten.

const COLUMNS: [keyof CreditRecordRow, string][] = [
  ['id', 'id'], ['subjectId', 'subject_id'], ['category', 'category'], ['sourceDepartment', 'source_department'], ['title', 'title'],
  ['content', 'content'], ['decisionNumber', 'decision_number'], ['decidedOn', 'decided_on'], ['behaviourEndedOn', 'behaviour_ended_on'],
  ['public', 'is_public'], ['dishonest', 'dishonest'], ['decisionKind', 'decision_kind'], ['penaltyTier', 'penalty_tier'], ['publishedOn', 'published_on'],
  ['provider', 'provider'], ['providerRecordId', 'provider_record_id'], ['seriousBehaviour', 'serious_behaviour'], ['item', 'item'],
];
export const BULK_COLUMNS = COLUMNS.map(([, c]) => c);

const HEAD = `INSERT INTO credit_record (${BULK_COLUMNS.join(', ')}) VALUES `;
const TAIL = ` ON DUPLICATE KEY UPDATE ${BULK_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = VALUES(${c})`).join(', ')}`;

/** Rows per statement: ~1 KB a row stays well under the server's 16 MB max_allowed_packet. */
export const ROWS_PER_STATEMENT = 5_000;

// Characters MySQL string literals need escaped (sql_mode without NO_BACKSLASH_ESCAPES, as mysql2's escape).
const NEEDS_ESCAPE = /[\0\b\t\n\r\x1a"'\\]/;

function value(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v === true) return '1';
  if (v === false) return '0';
  // Most values need no escaping; quoting them directly is several times faster than escape().
  if (typeof v === 'string' && !NEEDS_ESCAPE.test(v)) return `'${v}'`;
  return escape(v as string | number);
}

export function valuesOf(row: CreditRecordRow): string {
  return `(${COLUMNS.map(([k]) => value(row[k])).join(',')})`;
}

/** The statements for the rows, built ahead (while the database still commits the previous chunk). */
export function upsertStatements(rows: CreditRecordRow[]): UpsertStatement[] {
  const out: UpsertStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const slice = rows.slice(i, i + ROWS_PER_STATEMENT);
    out.push({ sql: HEAD + slice.map(valuesOf).join(',') + TAIL, rows: slice.length, ...(slice.length === 1 ? { onlyId: slice[0].id } : {}) });
  }
  return out;
}

/** `onlyId`: a one-row statement, whose answer carries no "Duplicates" count. */
export interface UpsertStatement { sql: string; rows: number; onlyId?: string }

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts the rows (in the caller's transaction). MySQL answers an ODKU statement with "Records: n
 * Duplicates: d", and (mysql2 connects with CLIENT_FOUND_ROWS) affectedRows = inserted + 2 × changed
 * + 1 × unchanged, which gives the three counts.
 */
export async function upsertRecordRows(conn: Connection, statements: UpsertStatement[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const { sql, rows, onlyId } of statements) {
    // A single-row INSERT is answered without "Records: … Duplicates: …", and 1 affected row is either a
    // new row or an unchanged one: whether it existed is asked first (in the same transaction).
    const existed = onlyId ? ((await conn.query('SELECT 1 FROM credit_record WHERE id = ?', [onlyId]))[0] as unknown[]).length : 0;
    const [result] = await conn.query(sql);
    const { affectedRows, info } = result as { affectedRows: number; info: string };
    const duplicates = onlyId ? existed : Number(/Duplicates: (\d+)/.exec(info)?.[1] ?? 0);
    const inserted = rows - duplicates;
    const changed = affectedRows - inserted - duplicates;
    counts.created += inserted;
    counts.updated += changed;
    counts.unchanged += duplicates - changed;
  }
  return counts;
}
