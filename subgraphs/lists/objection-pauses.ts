import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { requireIsoDate } from '../kit/credit-records/input';
import { requireInternalService } from '../kit/server/internal-service';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from './entities';
import { recordEvent } from './store';
import { isActive } from './rules/status';

// An objection opened or closed (delivered by the objections subgraph's outbox): on each entry it
// concerns, in a division that suspends joint punishment while an objection is verified (000 item 17;
// Pudong 16; not Jiyang, 002 四(三)), the first open objection records SUSPENDED and the last one to
// close records RESUMED — the rows listChanges shows. OBJECTION_OPENED / OBJECTION_CLOSED rows count the
// open ones; decision_ref (unique) makes a second delivery a no-op.

export interface ObjectionState {
  objectionId: string;
  targetType: string;
  targetId: string;
  /** SUBJECT_TYPE:id of the objecting subject: only entries of that subject are concerned. */
  subjectKey: string;
  open: boolean;
  on: string;
  /** jurisdictions.yaml as the objections subgraph reads it: divisions that suspend, that do not, and the default. */
  suspendingDivisions: string[];
  nonSuspendingDivisions: string[];
  suspendsElsewhere: boolean;
}

async function concernedEntries(m: EntityManager, s: ObjectionState): Promise<ListEntryRow[]> {
  const [subjectType, subjectId] = [s.subjectKey.slice(0, s.subjectKey.indexOf(':')), s.subjectKey.slice(s.subjectKey.indexOf(':') + 1)];
  const repo = m.getRepository(ListEntryEntity);
  if (s.targetType === 'LIST_ENTRY') return repo.findBy({ id: s.targetId, subjectType: subjectType as ListEntryRow['subjectType'], subjectId });
  // Entries name the records they rest on as a JSON array of ids; the subject narrows the search first.
  const rows = await repo.findBy({ subjectType: subjectType as ListEntryRow['subjectType'], subjectId });
  return rows.filter((r) => r.recordIds !== null && (JSON.parse(r.recordIds) as string[]).includes(s.targetId));
}

const openCount = async (m: EntityManager, entryId: string) => {
  const events = await m.getRepository(ListEntryEventEntity).findBy({ entryId });
  return events.filter((e) => e.event === 'OBJECTION_OPENED').length - events.filter((e) => e.event === 'OBJECTION_CLOSED').length;
};

export async function recordObjectionState(db: DataSource, caller: Caller, s: ObjectionState, today: string): Promise<boolean> {
  requireInternalService(caller, 'recordObjectionState');
  requireIsoDate('on', s.on);
  const suspends = (division: string) => s.suspendingDivisions.includes(division) || (s.suspendsElsewhere && !s.nonSuspendingDivisions.includes(division));
  return onceMoreOnLostRace(() => db.transaction(async (m) => {
    for (const entry of await concernedEntries(m, s)) {
      const ref = `objection:${createHash('sha256').update(`${s.objectionId}|${s.open}|${entry.id}`).digest('hex').slice(0, 48)}`;
      if (await m.getRepository(ListEntryEventEntity).exists({ where: { decisionRef: ref } })) continue;
      const before = await openCount(m, entry.id);
      const facts = { reason: `objection ${s.objectionId}`, actorOrg: 'objections', onDate: s.on };
      await recordEvent(m, entry.id, entry.status, entry.status, { ...facts, event: s.open ? 'OBJECTION_OPENED' : 'OBJECTION_CLOSED', decisionRef: ref });
      if (!suspends(entry.jurisdiction) || !isActive(entry, today)) continue;
      if (s.open && before === 0) await recordEvent(m, entry.id, entry.status, entry.status, { ...facts, event: 'SUSPENDED' });
      if (!s.open && before === 1) await recordEvent(m, entry.id, entry.status, entry.status, { ...facts, event: 'RESUMED' });
    }
    return true;
  }));
}
