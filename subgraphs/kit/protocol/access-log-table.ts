import type { ClientKind, QueryPurpose, SubjectType } from './caller';
import { settings } from './settings';

// The access log's one table, shared by its writer (the gateway's access-log plugin) and its reader
// (the access-log subgraph): 000 保障(一), 001 Art. 17 (一)(二) — every query is accounted for.
//
// Indexes (README "Access log"): the primary key clusters rows by (subject_type, subject_id, at,
// entry_id), so a subject's newest-first page is one backward range scan whatever the table's size;
// `by_time (at)` serves the retention purge; `by_org (org, at)` a unit's own queries; `stats` (at, purpose,
// client_kind, subject_type, org) the platform's query statistics without reading rows.
// entry_id is random (no auto-increment: TiDB-friendly, no hot spot), the tie-breaker within a millisecond.
export const ACCESS_LOG_TABLE = 'access_log';

export interface AccessLogRow {
  subjectType: SubjectType;
  subjectId: string;
  /** UTC, millisecond precision, `YYYY-MM-DD HH:MM:SS.mmm`. */
  at: string;
  entryId: string;
  requestId: string;
  clientId: string;
  clientKind: ClientKind;
  org: string;
  operator: string | null;
  purpose: QueryPurpose;
  /** Scopes and policies that guard what was returned, sorted. */
  fieldGroups: string[];
  operationName: string | null;
  operationHash: string;
}

const COLUMNS = [
  'subject_type', 'subject_id', 'at', 'entry_id', 'request_id', 'client_id', 'client_kind', 'org',
  'operator', 'purpose', 'field_groups', 'operation_name', 'operation_hash',
] as const;

/** Rows per INSERT: a 10,000-subject answer is 5 statements, each well under max_allowed_packet. */
export const ROWS_PER_INSERT = 2000;

export function accessLogDdl(dialect: 'mysql' | 'sqlite'): string[] {
  const time = dialect === 'mysql' ? 'DATETIME(3)' : 'TEXT';
  const tail = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : ' WITHOUT ROWID';
  return [
    `CREATE TABLE IF NOT EXISTS ${ACCESS_LOG_TABLE} (
      subject_type VARCHAR(16) NOT NULL, subject_id VARCHAR(64) NOT NULL, at ${time} NOT NULL, entry_id CHAR(16) NOT NULL,
      request_id VARCHAR(128) NOT NULL, client_id VARCHAR(64) NOT NULL, client_kind VARCHAR(16) NOT NULL, org VARCHAR(64) NOT NULL,
      operator VARCHAR(64) NULL, purpose VARCHAR(32) NOT NULL, field_groups VARCHAR(512) NOT NULL,
      operation_name VARCHAR(128) NULL, operation_hash CHAR(64) NOT NULL,
      PRIMARY KEY (subject_type, subject_id, at, entry_id))${tail}`,
    `CREATE INDEX ${dialect === 'sqlite' ? 'IF NOT EXISTS ' : ''}access_log_by_time ON ${ACCESS_LOG_TABLE} (at)`,
    `CREATE INDEX ${dialect === 'sqlite' ? 'IF NOT EXISTS ' : ''}access_log_by_org ON ${ACCESS_LOG_TABLE} (org, at)`,
    // Query statistics (README "Statistics"): every column a platform-wide count groups by, so a year is one index range scan.
    `CREATE INDEX ${dialect === 'sqlite' ? 'IF NOT EXISTS ' : ''}access_log_stats ON ${ACCESS_LOG_TABLE} (at, purpose, client_kind, subject_type, org)`,
  ];
}

function values(row: AccessLogRow): unknown[] {
  return [
    row.subjectType, row.subjectId, row.at, row.entryId, row.requestId, row.clientId, row.clientKind, row.org,
    row.operator, row.purpose, row.fieldGroups.join(','), row.operationName, row.operationHash,
  ];
}

/** Multi-row INSERTs of at most ROWS_PER_INSERT rows each: a bounded number of statements per answer. */
export function insertStatements(rows: AccessLogRow[], rowsPerInsert = ROWS_PER_INSERT): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    const chunk = rows.slice(i, i + rowsPerInsert);
    out.push({ sql: `INSERT INTO ${ACCESS_LOG_TABLE} (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`, params: chunk.flatMap(values) });
  }
  return out;
}

/** `at` as stored: UTC with milliseconds, the same text in MySQL and SQLite so both sort alike. */
export function logTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** The oldest entry still kept: ACCESS_LOG_RETENTION_YEARS back (default 5, in the spirit of 001 Art. 30). */
export function retentionStart(now = new Date(), years = settings().ACCESS_LOG_RETENTION_YEARS): Date {
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - years);
  return start;
}
