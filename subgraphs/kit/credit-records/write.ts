import { In, type EntityManager } from 'typeorm';
import { today as todayIso } from '../calendar/clock';
import { recordChange, saveRecordChanges, type RecordChangeRow } from './changes';
import { CreditRecordEntity, type CreditRecordRow } from './entity';
import { recordId } from './record-id';
import type { RecordInput } from './input';

// Writing credit records, shared by both person subgraphs: idempotent on (provider, providerRecordId).

export function recordRow(r: RecordInput, subjectId: string, today: string): CreditRecordRow {
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
    // Double publicity: a public licensing or penalty decision is published when the platform receives it.
    publishedOn: r.public && decisionKind !== 'OTHER' ? today : null,
    provider: r.provider,
    providerRecordId: r.providerRecordId,
    seriousBehaviour: r.seriousBehaviour ?? null,
    annotation: null,
    removal: null,
    removedOn: null,
  };
}

const COMPARED: (keyof CreditRecordRow)[] = [
  'subjectId', 'category', 'sourceDepartment', 'title', 'content', 'decisionNumber', 'decidedOn', 'behaviourEndedOn', 'public', 'dishonest', 'decisionKind', 'penaltyTier', 'seriousBehaviour',
];

export interface StoreCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Inserts new rows, applies a provider's corrections to known ones (keeping the first publication date)
 * and records which fields each correction changed. What objections and repair did to a record
 * (annotation, removal) is the platform's and stays.
 */
export async function storeRecords(manager: EntityManager, rows: CreditRecordRow[], today = todayIso()): Promise<StoreCounts> {
  const repo = manager.getRepository(CreditRecordEntity);
  const existing = new Map((rows.length ? await repo.findBy({ id: In(rows.map((r) => r.id)) }) : []).map((r) => [r.id, r]));
  const counts: StoreCounts = { created: 0, updated: 0, unchanged: 0 };
  const fresh: CreditRecordRow[] = [];
  const changes: RecordChangeRow[] = [];
  for (const row of rows) {
    const old = existing.get(row.id);
    const changed = old ? COMPARED.filter((k) => old[k] !== row[k]) : [];
    if (!old) fresh.push(row);
    else if (!changed.length) counts.unchanged++;
    else {
      const { annotation: _a, removal: _r, removedOn: _o, ...provided } = row;
      await repo.update(row.id, { ...provided, publishedOn: old.publishedOn ?? row.publishedOn });
      changes.push(recordChange(row.id, today, 'PROVIDER_CORRECTION', changed.map((k) => (k === 'subjectId' ? 'subject' : k)), null));
      counts.updated++;
    }
  }
  for (let i = 0; i < fresh.length; i += 500) await repo.insert(fresh.slice(i, i + 500));
  await saveRecordChanges(manager, changes);
  counts.created = fresh.length;
  return counts;
}
