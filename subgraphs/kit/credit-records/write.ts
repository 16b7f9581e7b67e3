import { In, type EntityManager } from 'typeorm';
import { today as todayIso } from '../calendar/clock';
import { recordChange, saveRecordChanges, type RecordChangeRow } from './changes';
import { CreditRecordEntity, type CreditRecordRow } from './entity';
import { recordId } from './record-id';
import { applyTally, tallyDeltas, type TallyDeltas } from './tally';
import type { RecordInput } from './input';

// Writing credit records, shared by both person subgraphs: idempotent on (provider, providerRecordId).

export function recordRow(r: RecordInput, subjectId: string): CreditRecordRow {
  const decisionKind = r.decisionKind ?? 'OTHER';
  return {
    id: recordId(r.provider, r.providerRecordId),
    subjectId,
    category: r.category,
    sourceDepartment: r.sourceDepartment,
    title: r.title,
    content: r.content,
    decisionNumber: r.decisionNumber ?? null,
    decidedOn: r.decidedOn,
    behaviourEndedOn: r.behaviourEndedOn ?? null,
    public: r.public,
    dishonest: r.dishonest,
    decisionKind,
    penaltyTier: r.penaltyTier ?? null,
    // Double publicity: when the provider published the decision, as it states it (not the submission day);
    // a public decision without it is unpublished, and the late-publication report says so.
    publishedOn: r.public ? (r.publishedOn ?? null) : null,
    provider: r.provider,
    providerRecordId: r.providerRecordId,
    seriousBehaviour: r.seriousBehaviour ?? null,
    annotation: null,
    removal: null,
    removedOn: null,
    item: r.item ?? null,
  };
}

/** The fields a provider states: a resubmission that differs in one of them is a correction. */
export const COMPARED: (keyof CreditRecordRow)[] = [
  'subjectId', 'category', 'sourceDepartment', 'title', 'content', 'decisionNumber', 'decidedOn', 'behaviourEndedOn', 'public', 'dishonest', 'decisionKind', 'penaltyTier', 'seriousBehaviour', 'publishedOn', 'item',
];

/** A provider's correction of a stored record, as its change history records it (the subject shows as `subject`). */
export function providerCorrection(id: string, on: string, changed: (keyof CreditRecordRow)[]): RecordChangeRow {
  return recordChange(id, on, 'PROVIDER_CORRECTION', changed.map((k) => (k === 'subjectId' ? 'subject' : k)), null);
}

export type StoreStatus = 'ACCEPTED' | 'UPDATED' | 'UNCHANGED';

export interface StoreCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Per row, in input order. */
  statuses: StoreStatus[];
}

const LOOKUP_CHUNK = 1_000;

/** Dates come back from the driver as Date or string; rows are compared as the strings they were written as. */
const asDay = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

/**
 * Inserts new rows, applies a provider's corrections to known ones (the provider states the publication
 * date too) and records which fields each correction changed. What objections and repair did to a
 * record (annotation, removal) is the platform's and stays. Rows must have distinct ids.
 */
export async function storeRecords(manager: EntityManager, rows: CreditRecordRow[], today = todayIso()): Promise<StoreCounts> {
  const repo = manager.getRepository(CreditRecordEntity);
  const existing = new Map<string, CreditRecordRow>();
  for (let i = 0; i < rows.length; i += LOOKUP_CHUNK) {
    for (const r of await repo.findBy({ id: In(rows.slice(i, i + LOOKUP_CHUNK).map((x) => x.id)) })) existing.set(r.id, r);
  }
  const counts: StoreCounts = { created: 0, updated: 0, unchanged: 0, statuses: [] };
  const fresh: CreditRecordRow[] = [];
  const changes: RecordChangeRow[] = [];
  const tally: TallyDeltas = new Map();
  for (const row of rows) {
    const old = existing.get(row.id);
    const changed = old ? COMPARED.filter((k) => asDay(old[k]) !== row[k]) : [];
    if (!old) {
      fresh.push(row);
      tallyDeltas(null, row, tally);
      counts.statuses.push('ACCEPTED');
    } else if (!changed.length) {
      counts.unchanged++;
      counts.statuses.push('UNCHANGED');
    } else {
      const { annotation: _a, removal: _r, removedOn: _o, ...provided } = row;
      await repo.update(row.id, provided);
      tallyDeltas(old, { ...old, ...provided }, tally);
      changes.push(providerCorrection(row.id, today, changed));
      counts.updated++;
      counts.statuses.push('UPDATED');
    }
  }
  for (let i = 0; i < fresh.length; i += 500) await repo.insert(fresh.slice(i, i + 500));
  await saveRecordChanges(manager, changes);
  await applyTally(manager, tally);
  counts.created = fresh.length;
  return counts;
}
