import type { ListEntryRow } from './entities';
import { awaitsNotice } from './rules/notice-before-black';
import { effectiveStatus } from './rules/status';
import type { SqlCondition } from './status-sql';

// Which entries a caller reads. The stored `published` is the department's choice for the entry once
// in effect; ListEntry.published is that choice, the entry being in effect (rules/notice-before-black) and
// still on the list: a BLACK entry awaiting its notice is read by officials only, never by the public, a
// subject or an association; and an entry that left the list — period ended (EXPIRED, 002 四(四) "到期后移出"),
// repaired or removed (REMOVED), revoked (REVOKED) — is no longer on public display (DOMAIN.md "Repair").
//   ALL          officials with lists:read and a purpose: every entry, pending ones included (they serve the notice)
//   UNPUBLISHED  lists:read and a purpose, under a subject's row rule: entries in effect, published or not, ended or not
//   PUBLISHED    everyone else, and every list spanning all subjects below officials
export type Reach = 'ALL' | 'UNPUBLISHED' | 'PUBLISHED';

/** The department chose to publish it and it took effect: the public was shown it (its LISTED change) at some time. */
export const wasShown = (row: ListEntryRow): boolean => row.published && !awaitsNotice(row);

/** Shown now: published, in effect and still on the list (ACTIVE as of today). */
export const isPublished = (row: ListEntryRow, today: string): boolean => wasShown(row) && effectiveStatus(row, today) === 'ACTIVE';

export function reaches(row: ListEntryRow, reach: Reach, today: string): boolean {
  if (reach === 'ALL') return true;
  return reach === 'UNPUBLISHED' ? !awaitsNotice(row) : isPublished(row, today);
}

/** awaitsNotice as SQL, on the list_entry alias `a`. */
export const inEffectSql = (a: string) => `(${a}.list_type <> 'BLACK' OR ${a}.notice_served_on IS NOT NULL)`;

/** wasShown() as SQL. */
export const wasShownSql = (a: string) => `(${a}.published = TRUE AND ${inEffectSql(a)})`;

/** isPublished() as SQL (rules/status: ACTIVE until the day its period ends). */
export const isPublishedSql = (a: string) =>
  `(${wasShownSql(a)} AND ${a}.status = 'ACTIVE' AND (${a}.period_ends_on IS NULL OR ${a}.period_ends_on > :publishedToday))`;

/** reaches() as a WHERE condition; null for ALL. */
export function reachCondition(a: string, reach: Reach, today: string): SqlCondition | null {
  if (reach === 'ALL') return null;
  if (reach === 'UNPUBLISHED') return { sql: inEffectSql(a), params: {} };
  return { sql: isPublishedSql(a), params: { publishedToday: today } };
}
