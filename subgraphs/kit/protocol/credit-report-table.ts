import { createHash } from 'node:crypto';
import type { ClientKind, SubjectRef, SubjectType } from './caller';
import { ROWS_PER_INSERT } from './access-log-table';

// The credit reports issued to subjects (001 Art. 29), in the access log's database: written by the
// gateway's access-log plugin in the same transaction as the answer's access-log entries (a report is
// issued when, and only when, an answer carrying it is given), read by the access-log subgraph to number
// the next one. The primary key (subject, year, number) makes two concurrent requests for the same next
// number fail one of them (that answer is withheld, the client retries), so no number is given twice.
export const CREDIT_REPORT_TABLE = 'credit_report';

export interface CreditReportRow {
  subjectType: SubjectType;
  subjectId: string;
  year: number;
  numberInYear: number;
  id: string;
  /** UTC, `YYYY-MM-DD HH:MM:SS.mmm`, as access_log.at. */
  issuedAt: string;
  free: boolean;
  requestId: string;
  clientId: string;
}

const COLUMNS = ['subject_type', 'subject_id', 'year', 'number_in_year', 'id', 'issued_at', 'free', 'request_id', 'client_id'] as const;

export function creditReportDdl(dialect: 'mysql' | 'sqlite'): string[] {
  const time = dialect === 'mysql' ? 'DATETIME(3)' : 'TEXT';
  const tail = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : ' WITHOUT ROWID';
  return [
    `CREATE TABLE IF NOT EXISTS ${CREDIT_REPORT_TABLE} (
      subject_type VARCHAR(16) NOT NULL, subject_id VARCHAR(64) NOT NULL, year SMALLINT NOT NULL, number_in_year INT NOT NULL,
      id CHAR(32) NOT NULL, issued_at ${time} NOT NULL, free BOOLEAN NOT NULL, request_id VARCHAR(128) NOT NULL, client_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (subject_type, subject_id, year, number_in_year))${tail}`,
  ];
}

/**
 * Only a report given to the subject itself is an issuance (001 Art. 29 is the subject's right): a
 * platform administrator's read of it is an access-log entry like any other, and uses none of the
 * subject's free reports.
 */
export function issuesReport(kind: ClientKind): boolean {
  return kind === 'SUBJECT';
}

/**
 * The report's id, the same in every fetch of one request (so a report read twice in one answer is one
 * report) and different for each number: a digest of the subject, the year and the number.
 */
export function creditReportId(subject: SubjectRef, year: number, numberInYear: number): string {
  return createHash('sha256').update(`${subject.type}|${subject.id}|${year}|${numberInYear}`).digest('hex').slice(0, 32);
}

/** Multi-row INSERTs, as for the access log: a bounded number of statements per answer. */
export function reportInsertStatements(rows: CreditReportRow[]): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    out.push({
      sql: `INSERT INTO ${CREDIT_REPORT_TABLE} (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`,
      params: chunk.flatMap((r) => [r.subjectType, r.subjectId, r.year, r.numberInYear, r.id, r.issuedAt, r.free ? 1 : 0, r.requestId, r.clientId]),
    });
  }
  return out;
}
