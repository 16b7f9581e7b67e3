// Status of a list entry as of a given day (DOMAIN.md "Lists"). Free of GraphQL and SQL;
// subgraphs/lists/status-sql.ts is the same rule as a WHERE clause and must agree with it.

export const STORED_STATUSES = ['ACTIVE', 'PENDING_NOTICE', 'REMOVED', 'REVOKED'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export const LIST_ENTRY_STATUSES = ['ACTIVE', 'PENDING_NOTICE', 'EXPIRED', 'REMOVED', 'REVOKED'] as const;
export type ListEntryStatus = (typeof LIST_ENTRY_STATUSES)[number];

/** Stored statuses that the end of the period turns into EXPIRED; REMOVED and REVOKED ended earlier. */
export const OPEN_STATUSES: readonly StoredStatus[] = ['ACTIVE', 'PENDING_NOTICE'];

export interface StatusFacts {
  status: StoredStatus;
  periodEndsOn: string | null;
}

/**
 * 002 四(四): an entry leaves the list when the punishment period ends. From periodEndsOn on
 * (that day included) it reads EXPIRED in every read, whether or not any job has run.
 */
export function effectiveStatus(entry: StatusFacts, today: string): ListEntryStatus {
  if (OPEN_STATUSES.includes(entry.status) && entry.periodEndsOn !== null && entry.periodEndsOn <= today) return 'EXPIRED';
  return entry.status;
}

/** Active entries are the ones that trigger measures (and black-excludes-red). */
export function isActive(entry: StatusFacts, today: string): boolean {
  return effectiveStatus(entry, today) === 'ACTIVE';
}
