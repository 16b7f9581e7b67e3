import type { ListEntryRow } from './entities';
import { awaitsNotice } from './rules/notice-before-black';
import type { SqlCondition } from './status-sql';

// Which entries a caller reads. The stored `published` is the department's choice for the entry once
// in effect; ListEntry.published is that choice and the entry being in effect (rules/notice-before-black):
// a BLACK entry awaiting its notice is read by officials only, never by the public, a subject or an association.
//   ALL          officials with lists:read and a purpose: every entry, pending ones included (they serve the notice)
//   UNPUBLISHED  lists:read and a purpose, under a subject's row rule: entries in effect, published or not
//   PUBLISHED    everyone else, and every list spanning all subjects below officials
export type Reach = 'ALL' | 'UNPUBLISHED' | 'PUBLISHED';

export const isPublished = (row: ListEntryRow): boolean => row.published && !awaitsNotice(row);

export function reaches(row: ListEntryRow, reach: Reach): boolean {
  if (reach === 'ALL') return true;
  return reach === 'UNPUBLISHED' ? !awaitsNotice(row) : isPublished(row);
}

/** awaitsNotice as SQL, on the list_entry alias `a`. */
export const inEffectSql = (a: string) => `(${a}.list_type <> 'BLACK' OR ${a}.notice_served_on IS NOT NULL)`;

/** reaches() as a WHERE condition; null for ALL. */
export function reachCondition(a: string, reach: Reach): SqlCondition | null {
  if (reach === 'ALL') return null;
  if (reach === 'UNPUBLISHED') return { sql: inEffectSql(a), params: {} };
  return { sql: `(${a}.published = :published AND ${inEffectSql(a)})`, params: { published: true } };
}
