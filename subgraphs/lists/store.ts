import { In, type EntityManager } from 'typeorm';
import { RuleViolation } from '../kit/protocol/errors';
import { forUpdate } from '../kit/server/row-lock';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from './entities';
import { DISPLACED_BY_BLACK, redsRestoredOnRevocation } from './rules/black-excludes-red';
import { isActive, OPEN_STATUSES, type StoredStatus } from './rules/status';

// Writes inside a mutation's transaction. Every status change goes through setStatus, so it is
// always paired with its event (who, when, why): the entry's history is complete.

/** The entry, locked for the rest of the transaction (MySQL; sql.js has one writer anyway). */
export async function lockedEntry(m: EntityManager, id: string): Promise<ListEntryRow> {
  const entry = await forUpdate(m, m.getRepository(ListEntryEntity).createQueryBuilder('e').where('e.id = :id', { id })).getOne();
  if (!entry) throw new RuleViolation('id', 'UNKNOWN_LIST_ENTRY', `no list entry ${id}`);
  return entry;
}

/** The subject's entries not yet ended, locked so two listings of one subject cannot interleave. */
export async function openEntriesOf(m: EntityManager, subjectId: string): Promise<ListEntryRow[]> {
  const qb = m
    .getRepository(ListEntryEntity)
    .createQueryBuilder('e')
    .where('e.subject_id = :subjectId', { subjectId })
    .andWhere('e.status IN (:...open)', { open: OPEN_STATUSES });
  return forUpdate(m, qb).getMany();
}

export interface EventFacts {
  event: string;
  reason: string | null;
  actorOrg: string;
  onDate: string;
  decisionRef?: string | null;
  relatedEntryId?: string | null;
}

export async function recordEvent(m: EntityManager, entryId: string, fromStatus: string | null, toStatus: string, facts: EventFacts): Promise<void> {
  await m.getRepository(ListEntryEventEntity).insert({
    entryId, fromStatus, toStatus, event: facts.event, reason: facts.reason, actorOrg: facts.actorOrg, onDate: facts.onDate,
    decisionRef: facts.decisionRef ?? null, relatedEntryId: facts.relatedEntryId ?? null, createdAt: new Date(),
  });
}

export interface StatusChange {
  status: StoredStatus;
  endedOn?: string | null;
  endReason?: string | null;
  noticeServedOn?: string;
  periodEndsOn?: string;
}

/** Applies a change to the entry and records it; returns the entry as it now is. */
export async function setStatus(m: EntityManager, entry: ListEntryRow, change: StatusChange, facts: EventFacts): Promise<ListEntryRow> {
  await m.getRepository(ListEntryEntity).update(entry.id, change);
  await recordEvent(m, entry.id, entry.status, change.status, facts);
  return { ...entry, ...change };
}

/** 000 items 14, 36: the subject's active RED entries leave the red list when a BLACK entry takes effect. */
export async function displaceReds(m: EntityManager, redIds: string[], black: ListEntryRow, actorOrg: string, today: string): Promise<void> {
  if (redIds.length === 0) return;
  await m.getRepository(ListEntryEntity).update({ id: In(redIds) }, { status: 'REMOVED', endedOn: today, endReason: DISPLACED_BY_BLACK });
  await m.getRepository(ListEntryEventEntity).insert(
    redIds.map((entryId) => ({
      entryId, fromStatus: 'ACTIVE', toStatus: 'REMOVED', event: DISPLACED_BY_BLACK, reason: DISPLACED_BY_BLACK, actorOrg, onDate: today,
      decisionRef: null, relatedEntryId: black.id, createdAt: new Date(),
    })),
  );
}

/** Called after a BLACK entry is revoked: the RED entries it displaced go back on the red list. */
export async function restoreDisplacedReds(m: EntityManager, revoked: ListEntryRow, actorOrg: string, today: string): Promise<void> {
  if (revoked.listType !== 'BLACK') return;
  const events = await m.getRepository(ListEntryEventEntity).findBy({ relatedEntryId: revoked.id, event: DISPLACED_BY_BLACK });
  if (events.length === 0) return;
  const reds = await m.getRepository(ListEntryEntity).findBy({ id: In(events.map((e) => e.entryId)) });
  const otherBlack = (await openEntriesOf(m, revoked.subjectId)).some((e) => e.id !== revoked.id && e.listType === 'BLACK' && isActive(e, today));
  const displaced = reds.map((r) => ({ id: r.id, stillDisplaced: r.status === 'REMOVED' && r.endReason === DISPLACED_BY_BLACK }));
  const restore = new Set(redsRestoredOnRevocation(revoked.listType, displaced, otherBlack));
  for (const red of reds.filter((r) => restore.has(r.id))) {
    const facts = { event: 'RESTORED', reason: `BLACK entry ${revoked.id} revoked`, actorOrg, onDate: today, relatedEntryId: revoked.id };
    await setStatus(m, red, { status: 'ACTIVE', endedOn: null, endReason: null }, facts);
  }
}
