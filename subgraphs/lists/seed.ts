import type { DataSource } from 'typeorm';
import { DEMO_SIZES, legalPersonAt, listEntriesForLegalPerson, listEntriesForNaturalPerson, naturalPersonAt, type DemoListEntry } from '../kit/demo/demo-data';
import type { KeyFiles } from '../kit/protocol/keys';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryEventRow, type ListEntryRow } from './entities';
import { initialStatus } from './rules/notice-before-black';
import { periodPolicy } from './policy';
import { seriousBehaviourFor } from './rules/periods';

// Stored as it was decided; whether it has expired since is computed on every read.
function toRow(entry: DemoListEntry, subjectId: string, createdAt: Date): ListEntryRow {
  const { subjectKey: _k, ...fields } = entry;
  const seriousBehaviour = seriousBehaviourFor(periodPolicy(), entry.domain, null);
  return { ...fields, subjectId, seriousBehaviour, recordIds: null, status: initialStatus(entry.listType, entry.noticeServedOn), endedOn: null, endReason: null, createdAt };
}

function listedEvent(row: ListEntryRow): ListEntryEventRow {
  return {
    entryId: row.id, event: 'LISTED', fromStatus: null, toStatus: row.status, reason: row.basis, actorOrg: row.listedBy,
    onDate: row.decidedOn, decisionRef: null, relatedEntryId: null, createdAt: row.createdAt,
  };
}

/** Seeds the demo list entries (and their LISTED events) once, in one transaction. */
export async function seedDemo(db: DataSource, keys: KeyFiles): Promise<void> {
  if ((await db.getRepository(ListEntryEntity).count()) > 0) return;
  const now = new Date();
  const rows: ListEntryRow[] = [];
  for (let i = 0; i < DEMO_SIZES.legalPersons; i++) {
    const lp = legalPersonAt(i);
    for (const e of listEntriesForLegalPerson(i, lp)) rows.push(toRow(e, lp.uscc, now));
  }
  for (let j = 0; j < DEMO_SIZES.naturalPersons; j++) {
    const np = naturalPersonAt(j);
    for (const e of listEntriesForNaturalPerson(j, np)) rows.push(toRow(e, naturalPersonId(keys.subjectKey, np.idNumber), now));
  }
  await db.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await m.getRepository(ListEntryEntity).insert(chunk);
      await m.getRepository(ListEntryEventEntity).insert(chunk.map(listedEvent));
    }
  });
}
