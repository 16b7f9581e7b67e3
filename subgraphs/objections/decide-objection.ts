import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { workingDayCalendar } from '../kit/calendar/working-days';
import { randomUUID } from 'node:crypto';
import { ObjectionEntity, ObjectionStepEntity, type ObjectionOutcome, type ObjectionRow, type ObjectionStepRow } from './entities';
import { enqueueEndListEntry } from './end-list-entry';
import { jurisdictionPolicies } from './jurisdictions';
import { enqueueObjectionState } from './objection-state';
import { decideByAfterForward } from './rules/deadlines';
import { checkDecisionNote, endsListing, mayDecideObjection, recordEffectOf, responsibleUnit, requireForwardable, requireOnOrAfter, requireOpen } from './rules/objection-decision';
import { checkCorrection, type RecordCorrection } from '../kit/credit-records/correction';
import { enqueueRecordEffect } from './record-effect';
import { requireText } from './rules/objection-input';
import { actorOf } from '../kit/protocol/caller';

async function load(manager: EntityManager, id: string): Promise<ObjectionRow> {
  const row = await manager.getRepository(ObjectionEntity).findOneBy({ id });
  if (!row) throw new RuleViolation('id', 'NOT_FOUND', `no objection ${id}`, ErrorCode.NOT_FOUND);
  return row;
}

/** Writes `changes` only if the row is still in the status it was read in (two deciders cannot both win). */
async function transition(manager: EntityManager, row: ObjectionRow, changes: Partial<ObjectionRow>): Promise<ObjectionRow> {
  const result = await manager.getRepository(ObjectionEntity).update({ id: row.id, status: row.status }, changes);
  if (result.affected === 0) throw new RuleViolation('id', 'CHANGED_CONCURRENTLY', `objection ${row.id} changed while this request ran; read it again`, ErrorCode.CONFLICT);
  return { ...row, ...changes };
}

async function recordStep(manager: EntityManager, row: ObjectionRow, step: ObjectionStepRow['step'], toUnit: string | null, caller: Caller, today: string, reason: string | null): Promise<void> {
  await manager.getRepository(ObjectionStepEntity).insert({
    id: randomUUID(), objectionId: row.id, step, fromUnit: row.status === 'FILED' ? null : responsibleUnit(row), toUnit, actor: actorOf(caller), onDate: today, reason, createdAt: new Date(),
  });
}

function requirePlatform(caller: Caller, what: string): void {
  if (caller.kind !== 'ADMIN') throw new RuleViolation('id', 'PLATFORM_ONLY', `only the platform ${what} objections`, ErrorCode.FORBIDDEN);
}

/**
 * 001 Art. 31: the platform forwards to the providing unit within 2 working days; it then has 5. Without
 * a named provider it goes to the body whose finding it is (the record's provider, the listing department).
 */
export async function forwardObjection(db: DataSource, caller: Caller, id: string, provider: string | null | undefined, today: string): Promise<ObjectionRow> {
  requirePlatform(caller, 'forwards');
  const forwardedTo = provider == null ? null : requireText('provider', provider, 64);
  return db.transaction(async (manager) => {
    const row = await load(manager, id);
    requireForwardable(row);
    requireOnOrAfter('today', today, row.filedOn, 'the filing date');
    const policy = jurisdictionPolicies().policyFor(row.jurisdiction ?? 'default');
    await recordStep(manager, row, 'FORWARDED', forwardedTo ?? row.listedBy, caller, today, null);
    return transition(manager, row, { status: 'FORWARDED', forwardedOn: today, forwardedTo, decideBy: decideByAfterForward(today, policy, workingDayCalendar()) });
  });
}

/** The platform hands a forwarded objection to another unit (recorded, with its reason); that unit has its own full step. */
export async function reassignObjection(db: DataSource, caller: Caller, id: string, to: string, reason: string, today: string): Promise<ObjectionRow> {
  requirePlatform(caller, 'reassigns');
  const unit = requireText('to', to, 64);
  const why = requireText('reason', reason, 2000);
  return db.transaction(async (manager) => {
    const row = await load(manager, id);
    requireOpen(row);
    if (row.status !== 'FORWARDED') throw new RuleViolation('id', 'NOT_FORWARDED', `objection ${row.id} is still with the platform: forward it`, ErrorCode.CONFLICT);
    if (responsibleUnit(row) === unit) throw new RuleViolation('to', 'SAME_UNIT', `objection ${row.id} is already with ${unit}`);
    const policy = jurisdictionPolicies().policyFor(row.jurisdiction ?? 'default');
    await recordStep(manager, row, 'REASSIGNED', unit, caller, today, why);
    return transition(manager, row, { forwardedTo: unit, forwardedOn: today, decideBy: decideByAfterForward(today, policy, workingDayCalendar()) });
  });
}

/**
 * Decides the open step. A LIST_ENTRY objection decided REVOKED or CORRECTED ends the listing; a
 * CREDIT_RECORD objection upheld corrects, revokes or annotates the record. The outbox row to the owning
 * subgraph is written in the same transaction as the decision (000 item 17; 001 Art. 31).
 */
export async function decideObjection(
  db: DataSource,
  caller: Caller,
  id: string,
  outcome: ObjectionOutcome,
  note: string | null | undefined,
  correction: RecordCorrection | null | undefined,
  today: string,
): Promise<ObjectionRow> {
  const text = checkDecisionNote(outcome, note);
  if (correction != null && outcome !== 'CORRECTED') throw new RuleViolation('correction', 'ONLY_FOR_CORRECTED', 'correction is given with a CORRECTED decision only');
  return db.transaction(async (manager) => {
    const row = await load(manager, id);
    requireOpen(row);
    if (!mayDecideObjection(caller, row)) {
      const decider = row.status === 'FORWARDED' ? (responsibleUnit(row) ?? 'the unit it was forwarded to') : 'the platform';
      throw new RuleViolation('id', 'NOT_THE_DECIDER', `objection ${row.id} is decided by ${decider}; the platform forwards and reassigns, it does not decide for another body`, ErrorCode.FORBIDDEN);
    }
    requireOnOrAfter('today', today, row.filedOn, 'the filing date');
    const effect = recordEffectOf(row, outcome);
    // The provider's correction is checked before anything commits (the owner could only set it aside).
    const corrected = effect === 'CORRECTED' ? checkCorrection('correction', correction, today) : null;
    const decided = await transition(manager, row, { status: 'DECIDED', outcome, note: text, decidedOn: today, decidedBy: actorOf(caller) });
    // Verification is over: the pause ends before any revocation the decision brings (same outbox order).
    await enqueueObjectionState(manager, row, false, today);
    if (endsListing(row, outcome)) {
      await enqueueEndListEntry(manager, {
        id: row.targetId,
        status: 'REVOKED',
        reason: `objection ${row.id} decided ${outcome}${text ? `: ${text}` : ''}`,
        endedOn: today,
        decisionRef: row.id,
      });
    }
    if (effect) await enqueueRecordEffect(manager, { subjectType: row.subjectType, id: row.targetId, effect, note: text, correction: corrected, on: today });
    return decided;
  });
}
