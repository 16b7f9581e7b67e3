import type { ListEntryStatus } from './rules/status';

// rules/status.ts as SQL: the status filter is applied in the database with today as a parameter,
// so EXPIRED is exact from periodEndsOn on without any job rewriting rows.
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

const open = (a: string) => `${a}.status IN ('ACTIVE', 'PENDING_NOTICE')`;
const notEnded = (a: string) => `(${a}.period_ends_on IS NULL OR ${a}.period_ends_on > :statusToday)`;

/** WHERE condition for "effective status = status" as of today, on the list_entry alias `a`. */
export function statusCondition(a: string, status: ListEntryStatus, today: string): SqlCondition {
  const params = { statusToday: today, storedStatus: status };
  switch (status) {
    case 'ACTIVE':
    case 'PENDING_NOTICE':
      return { sql: `(${a}.status = :storedStatus AND ${notEnded(a)})`, params };
    case 'EXPIRED':
      return { sql: `(${open(a)} AND ${a}.period_ends_on <= :statusToday)`, params: { statusToday: today } };
    case 'REMOVED':
    case 'REVOKED':
      return { sql: `${a}.status = :storedStatus`, params: { storedStatus: status } };
  }
}
