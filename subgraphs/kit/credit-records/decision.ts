import type { DataSource } from 'typeorm';
import { ErrorCode, RuleViolation } from '../protocol/errors';
import { onceMoreOnLostRace } from '../server/duplicate-key';
import { requireIsoDate } from './input';
import { checkCorrection, type RecordCorrection } from './correction';
import { recordChange, saveRecordChanges } from './changes';
import { CreditRecordEntity, type CreditRecordRow, type RecordRemoval } from './entity';
import { comparedDigest } from './record-digest';
import { applyTally, tallyDeltas } from './tally';
import { isQueryable } from './query-period';

// What the objections subgraph decided about a record, applied by the person subgraph that owns it
// (delivered through the outbox): 001 Art. 31 objections, 001 Art. 32 repair, withdrawal by the provider.

export const RECORD_EFFECTS = ['CORRECTED', 'ANNOTATED', 'REVOKED', 'REPAIRED', 'WITHDRAWN'] as const;
export type RecordEffect = (typeof RECORD_EFFECTS)[number];

export interface RecordDecision {
  id: string;
  effect: RecordEffect;
  note?: string | null;
  correction?: RecordCorrection | null;
  on: string;
}

const REMOVALS: readonly string[] = ['REVOKED', 'REPAIRED', 'WITHDRAWN'] satisfies RecordRemoval[];

/** The columns a decision changes; none once the record has left every read (redelivery is a no-op). */
export function recordChanges(row: Pick<CreditRecordRow, 'removal'>, d: RecordDecision): Partial<CreditRecordRow> {
  if (row.removal) return {};
  if (REMOVALS.includes(d.effect)) return { removal: d.effect as RecordRemoval, removedOn: d.on };
  if (d.effect === 'ANNOTATED') {
    const note = d.note?.trim();
    if (!note) throw new RuleViolation('note', 'NOTE_REQUIRED', 'an ANNOTATED decision carries the annotation');
    return { annotation: note.slice(0, 2000) };
  }
  return checkCorrection('correction', d.correction, d.on) as Partial<CreditRecordRow>;
}

/**
 * What a CORRECTED decision remembers: the digest of the provider's values it replaced and its day, so the
 * provider re-sending them is not taken as its own correction (write.ts, bulk-upsert.ts, record-statuses.ts).
 * A record already corrected keeps what it remembers (its values now are the platform's, not the provider's),
 * and a correction that changes no compared field remembers nothing.
 */
export function correctedFrom(row: CreditRecordRow, changes: Partial<CreditRecordRow>, d: RecordDecision): Partial<CreditRecordRow> {
  if (d.effect !== 'CORRECTED' || row.correctedFrom) return {};
  const from = comparedDigest(row);
  return from === comparedDigest({ ...row, ...changes }) ? {} : { correctedFrom: from, correctedOn: d.on };
}

/** Idempotent: the same decision delivered twice leaves the record as the first delivery did. */
export async function applyRecordDecision(db: DataSource, d: RecordDecision): Promise<boolean> {
  if (!(RECORD_EFFECTS as readonly string[]).includes(d.effect)) throw new RuleViolation('effect', 'ENUM', 'effect is not a record effect');
  requireIsoDate('on', d.on);
  return onceMoreOnLostRace(() => db.transaction(async (manager) => {
    const repo = manager.getRepository(CreditRecordEntity);
    const row = await repo.findOneBy({ id: d.id });
    // Past the query period on the decision's day the record is unknown (001 Art. 30); a removed one is
    // still found, so a redelivered removal stays a no-op.
    if (!row || (!row.removal && !isQueryable(row, d.on))) throw new RuleViolation('id', 'CREDIT_RECORD_NOT_FOUND', `no credit record ${d.id}`, ErrorCode.NOT_FOUND);
    const changes = recordChanges(row, d);
    if (!Object.keys(changes).length) return true;
    await repo.update(row.id, { ...changes, ...correctedFrom(row, changes, d) });
    // A removal takes the record out of the statistics; a correction may move it to another group.
    await applyTally(manager, tallyDeltas(row, { ...row, ...changes }));
    // The report shows why a record reads as it does (001 Art. 29, 31): the objection's note is the reason.
    if (d.effect === 'CORRECTED' || d.effect === 'ANNOTATED') {
      await saveRecordChanges(manager, [recordChange(row.id, d.on, d.effect === 'CORRECTED' ? 'OBJECTION_CORRECTED' : 'OBJECTION_ANNOTATED', Object.keys(changes), d.note?.trim() || null)]);
    }
    return true;
  }));
}
