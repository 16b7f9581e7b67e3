import type { DataSource } from 'typeorm';
import { badInput } from '../kit/protocol/errors';
import { openCursor, sealCursor, type CursorKey } from '../kit/server/cursor';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryEventRow, type ListEntryRow } from './entities';
import { OPEN_STATUSES } from './rules/status';
import { DISPLACED_BY_BLACK } from './rules/black-excludes-red';
import { inEffectSql, isPublishedSql, reaches, wasShownSql } from './publication';

// Query.listChanges: every change of every list entry, in the order it was recorded, so that an
// implementing unit (002 四(二) "推送至联合奖惩配合单位") reads what changed since its cursor instead of
// polling every subject. Built on the entries' history (list_entry_event, one row per change, seq
// increasing); the history's own vocabulary is mapped onto the feed's.
export const MAX_CHANGES_PAGE = 500;

export type Change = 'LISTED' | 'ACTIVATED' | 'EXTENDED' | 'SUSPENDED' | 'RESUMED' | 'ENDED';

type FeedChange = { change: Change; reason: string | null };

/** History events the feed shows, and how; `byDecision`: the row came through the outbox (a decision_ref). */
const FEED: Record<string, (byDecision: boolean) => FeedChange> = {
  LISTED: () => ({ change: 'LISTED', reason: null }),
  // A BLACK entry is listed when it takes effect: its notice is the LISTED change (the LISTED row before it is not shown).
  NOTICE_SERVED: () => ({ change: 'LISTED', reason: null }),
  RESTORED: () => ({ change: 'ACTIVATED', reason: 'DISPLACING_ENTRY_REVOKED' }),
  EXTENDED: () => ({ change: 'EXTENDED', reason: null }),
  SUSPENDED: () => ({ change: 'SUSPENDED', reason: 'OBJECTION' }),
  RESUMED: () => ({ change: 'RESUMED', reason: 'OBJECTION_CLOSED' }),
  EXPIRED: () => ({ change: 'ENDED', reason: 'EXPIRY' }),
  // Through the outbox: REMOVED is an approved repair, REVOKED an upheld objection.
  REMOVED: (byDecision) => ({ change: 'ENDED', reason: byDecision ? 'REPAIR' : 'REMOVAL' }),
  REVOKED: (byDecision) => ({ change: 'ENDED', reason: byDecision ? 'OBJECTION' : 'REVOCATION' }),
  [DISPLACED_BY_BLACK]: () => ({ change: 'ENDED', reason: DISPLACED_BY_BLACK }),
};

/** History rows the feed shows as ENDED: the entry left the list. */
const ENDING = Object.keys(FEED).filter((event) => FEED[event](false).change === 'ENDED');
/** An objection under verification is the subject's business: in the entry's history (lists:read, the row rule), not on the entry. */
const HISTORY_ONLY = ['SUSPENDED', 'RESUMED'];

/** The feed's change and reason for one history row; null for rows it does not show (DECISION_NOOP, objection bookkeeping). */
export function changeOf(event: Pick<ListEntryEventRow, 'event' | 'decisionRef'>): FeedChange | null {
  return FEED[event.event]?.(event.decisionRef !== null) ?? null;
}

/** decision_ref of an expiry event: unique, so two sweeps at once record an entry's expiry once. */
const EXPIRY_REF = 'expiry:';

/**
 * An entry expires by the calendar (rules/status.ts), not by a write; the feed needs the change as a
 * row in order. Records EXPIRED for every open entry whose period has ended and has no such row yet.
 */
export async function recordExpiries(db: DataSource, today: string): Promise<number> {
  const due: ListEntryRow[] = await db
    .getRepository(ListEntryEntity)
    .createQueryBuilder('e')
    .where('e.status IN (:...open)', { open: OPEN_STATUSES })
    .andWhere('e.period_ends_on <= :today', { today })
    .andWhere(`NOT EXISTS (SELECT 1 FROM list_entry_event v WHERE v.decision_ref = CONCAT('${EXPIRY_REF}', e.id))`)
    .orderBy('e.period_ends_on').addOrderBy('e.id')
    .limit(5_000)
    .getMany();
  if (due.length === 0) return 0;
  await db
    .createQueryBuilder()
    .insert()
    .into(ListEntryEventEntity)
    .values(due.map((e) => ({
      entryId: e.id, fromStatus: e.status, toStatus: 'EXPIRED', event: 'EXPIRED', reason: `period ended ${e.periodEndsOn}`,
      actorOrg: 'lists', onDate: e.periodEndsOn!, decisionRef: `${EXPIRY_REF}${e.id}`, relatedEntryId: null, createdAt: new Date(),
    })))
    .orIgnore()
    .execute();
  return due.length;
}

export interface ListChange {
  seq: number;
  entryId: string;
  /** Null where the caller does not read the entry (any more): to the public, an entry that left the list. */
  entry: ListEntryRow | null;
  change: Change;
  reason: string | null;
  at: string;
}

// Sealed like every page cursor (kit/server/cursor.ts): a sequence number would show how many changes a caller is not given.
const encode = (key: CursorKey, seq: number) => sealCursor(key, `change|${seq}`);

function decode(key: CursorKey, after: string): number {
  const [tag, seq] = (openCursor(key, after) ?? '').split('|');
  if (tag !== 'change' || !/^\d{1,15}$/.test(seq ?? '')) throw badInput('after', 'CURSOR', 'after is not a cursor returned by listChanges');
  return Number(seq);
}

/**
 * One page of changes after the cursor, oldest first. Reach ALL (officials with lists:read and a purpose):
 * every change with its reason. Below them (the feed spans every subject, so no row rule applies) only what
 * the public reads on the entry itself: changes of entries on public display, without SUSPENDED / RESUMED and
 * without reasons (both are the entry's history); and of an entry that left the list and had been shown, its
 * ENDED change — without the entry or a reason — so that a mirror learns to take it down.
 */
export async function listChanges(db: DataSource, first: number, after: string | null, reach: 'ALL' | 'PUBLISHED', today: string, key: CursorKey) {
  if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE) throw badInput('first', 'PAGE_SIZE', `first must be between 0 and ${MAX_CHANGES_PAGE}`);
  const since = after ? decode(key, after) : 0;
  await recordExpiries(db, today);
  const qb = db
    .getRepository(ListEntryEventEntity)
    .createQueryBuilder('v')
    .innerJoin('list_entry', 'e', 'e.id = v.entry_id')
    .where('v.seq > :since', { since })
    .andWhere('v.event IN (:...shown)', { shown: Object.keys(FEED) });
  // Nothing of an entry that has not taken effect, for anyone: implementing units apply what is in effect, and
  // an entry first seen now must not be behind a cursor already passed, so it enters with its notice.
  qb.andWhere(inEffectSql('e')).andWhere(`NOT (v.event = 'LISTED' AND v.to_status = 'PENDING_NOTICE')`);
  if (reach !== 'ALL') {
    qb.andWhere(wasShownSql('e')).andWhere('v.event NOT IN (:...historyOnly)', { historyOnly: HISTORY_ONLY });
    qb.andWhere(`(${isPublishedSql('e')} OR v.event IN (:...ending))`, { publishedToday: today, ending: ENDING });
  }
  const events = first === 0 ? [] : await qb.orderBy('v.seq', 'ASC').limit(first + 1).getMany();
  const page = events.slice(0, first);
  const entries = page.length ? await db.getRepository(ListEntryEntity).createQueryBuilder('e').whereInIds([...new Set(page.map((v) => v.entryId))]).getMany() : [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const edges = page.map((v) => {
    const entry = byId.get(v.entryId)!;
    const { change, reason } = changeOf(v)!;
    const shown = reaches(entry, reach, today);
    const node: ListChange = { seq: v.seq!, entryId: v.entryId, entry: shown ? entry : null, change, reason: reach === 'ALL' ? reason : null, at: v.createdAt.toISOString() };
    return { cursor: encode(key, v.seq!), node };
  });
  return { edges, pageInfo: { hasNextPage: events.length > first, endCursor: page.length ? encode(key, page[page.length - 1].seq!) : after } };
}
