import { In, type EntityManager } from 'typeorm';
import { today as todayIso } from '../calendar/clock';
import { recordChange, saveRecordChanges, type RecordChangeRow } from './changes';
import { CreditRecordEntity, type CreditRecordRow } from './entity';
import { asDay, COMPARED, comparedDigest, restatesCorrected, storedRecordMessage } from './record-digest';
import { newRecordId, providerKey } from './record-id';
import { applyTally, tallyDeltas, type TallyDeltas } from './tally';
import type { RecordInput } from './input';

// Writing credit records, shared by both person subgraphs: idempotent on (provider, providerRecordId).

/** The row a record input would be stored as; its id is kept only if no record has its provider key yet. */
export function recordRow(r: RecordInput, subjectId: string): CreditRecordRow {
  const decisionKind = r.decisionKind ?? 'OTHER';
  return {
    id: newRecordId(),
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
    correctedFrom: null,
    correctedOn: null,
  };
}

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
  /** Per row, in input order: the stored record's id (an existing record keeps its own). */
  ids: string[];
  /** Per row, in input order: why an UNCHANGED row differs from the stored one (kept as an objection corrected it), else null. */
  messages: (string | null)[];
}

/** The rows' providerRecordIds by provider (a batch is one provider's, but the platform may load several). */
export function byProvider(rows: Pick<CreditRecordRow, 'provider' | 'providerRecordId'>[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const keys = out.get(r.provider);
    if (keys) keys.push(r.providerRecordId);
    else out.set(r.provider, [r.providerRecordId]);
  }
  return out;
}

const LOOKUP_CHUNK = 1_000;

/**
 * The stored rows under the provider keys of `rows`, by providerKey (withdrawn and revoked ones too), at
 * most LOOKUP_CHUNK keys a query; `select` limits the columns read.
 */
export async function storedByProviderKey(manager: Pick<EntityManager, 'getRepository'>, rows: Pick<CreditRecordRow, 'provider' | 'providerRecordId'>[], select?: (keyof CreditRecordRow)[]): Promise<Map<string, CreditRecordRow>> {
  const repo = manager.getRepository(CreditRecordEntity);
  const stored = new Map<string, CreditRecordRow>();
  for (const [provider, keys] of byProvider(rows)) {
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      for (const r of await repo.find({ select, where: { provider, providerRecordId: In(keys.slice(i, i + LOOKUP_CHUNK)) } })) stored.set(providerKey(r), r);
    }
  }
  return stored;
}

/**
 * Inserts new rows, applies a provider's corrections to known ones (the provider states the publication
 * date too) and records which fields each correction changed. What objections and repair did to a
 * record (annotation, removal) is the platform's and stays; a resubmission of the values an objection
 * decided CORRECTED replaced is UNCHANGED (restatesCorrected). Rows must have distinct provider keys.
 */
export async function storeRecords(manager: EntityManager, rows: CreditRecordRow[], today = todayIso()): Promise<StoreCounts> {
  const repo = manager.getRepository(CreditRecordEntity);
  const existing = await storedByProviderKey(manager, rows);
  const counts: StoreCounts = { created: 0, updated: 0, unchanged: 0, statuses: [], ids: [], messages: [] };
  const fresh: CreditRecordRow[] = [];
  const changes: RecordChangeRow[] = [];
  const tally: TallyDeltas = new Map();
  for (const row of rows) {
    const old = existing.get(providerKey(row));
    const changed = old ? COMPARED.filter((k) => asDay(old[k]) !== row[k]) : [];
    counts.ids.push(old?.id ?? row.id);
    const kept = old && changed.length > 0 && restatesCorrected(old, () => comparedDigest(row));
    counts.messages.push(old ? storedRecordMessage(old, !!kept) : null);
    if (!old) {
      fresh.push(row);
      tallyDeltas(null, row, tally);
      counts.statuses.push('ACCEPTED');
    } else if (!changed.length || kept) {
      counts.unchanged++;
      counts.statuses.push('UNCHANGED');
    } else {
      // The provider's own correction: its values are stored, and what an objection remembered is cleared
      // with them (correctedFrom, correctedOn are null in the row), so a later re-send is compared with these.
      const { id: _i, annotation: _a, removal: _r, removedOn: _o, ...provided } = row;
      await repo.update(old.id, provided);
      tallyDeltas(old, { ...old, ...provided }, tally);
      changes.push(providerCorrection(old.id, today, changed));
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
