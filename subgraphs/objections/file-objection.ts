import { randomUUID } from 'node:crypto';
import { Not, type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { workingDayCalendar } from '../kit/calendar/working-days';
import { ObjectionEntity, type ObjectionRow, type ObjectionTargetType } from './entities';
import { jurisdictionPolicies } from './jurisdictions';
import { enqueueObjectionState } from './objection-state';
import { listEntryFacts, type LookupContext } from './list-entry-facts';
import { recordFacts } from './record-facts';
import { actingSubject } from './rules/acting-subject';
import { stepOnFiling } from './rules/deadlines';
import { assertedSubject, subjectOfEntry } from './rules/entry-subject';
import { checkFileObjection, requirePlatformDate } from './rules/objection-input';
import { actorOf } from '../kit/protocol/caller';

export interface FileObjectionInput {
  targetType: ObjectionTargetType;
  targetId: string;
  reason: string;
  filedOn?: string | null;
  subjectType?: 'LEGAL_PERSON' | 'NATURAL_PERSON' | null;
  subjectId?: string | null;
  jurisdiction?: string | null;
}

/** A LIST_ENTRY objection is about the entry's subject, under the entry's jurisdiction (lists subgraph), never the input's. */
async function onListEntry(lookup: LookupContext, caller: Caller, input: FileObjectionInput, targetId: string, asserted: string | null) {
  const pseudonymOf = (idNumber: string) => naturalPersonId(lookup.keys.subjectKey, idNumber);
  const claimed = assertedSubject(caller, input, pseudonymOf);
  const entry = await listEntryFacts(lookup, 'input.targetId', targetId);
  // 000 item 17; 002 四(三): the subject objects to its own entry; an implementer that finds an error to any.
  const subject = subjectOfEntry(caller, entry, claimed, 'input.targetId');
  if (asserted !== null && asserted !== entry.jurisdiction) {
    throw new RuleViolation('input.jurisdiction', 'NOT_THE_ENTRY_JURISDICTION', `input.jurisdiction ${asserted} is not the entry's jurisdiction`);
  }
  return { subject, jurisdiction: entry.jurisdiction, listedBy: entry.listedBy };
}

/** A CREDIT_RECORD objection: the record must exist and be the subject's; its provider is the unit that decides (001 Art. 31). */
async function onCreditRecord(lookup: LookupContext, caller: Caller, input: FileObjectionInput, targetId: string) {
  const subject = actingSubject(caller, input, (idNumber) => naturalPersonId(lookup.keys.subjectKey, idNumber));
  const record = await recordFacts(lookup, caller, 'input.targetId', targetId, subject);
  return { subject, jurisdiction: null, listedBy: record.provider };
}

/**
 * 001 Art. 31: records the objection with the deadline of its first step. Everything is checked before
 * the single insert, so a rejected objection writes nothing.
 */
export async function fileObjection(db: DataSource, caller: Caller, lookup: LookupContext, input: FileObjectionInput, today: string): Promise<ObjectionRow> {
  requirePlatformDate(caller, 'input.filedOn', input.filedOn, today);
  const checked = checkFileObjection(input, today);
  const facts =
    checked.targetType === 'LIST_ENTRY'
      ? await onListEntry(lookup, caller, input, checked.targetId, checked.jurisdiction)
      : await onCreditRecord(lookup, caller, input, checked.targetId);
  const { subject } = facts;
  const policy = jurisdictionPolicies().policyFor(facts.jurisdiction ?? 'default');
  const step = stepOnFiling(checked.filedOn, checked.targetType, policy, workingDayCalendar());
  const row: ObjectionRow = {
    id: randomUUID(),
    targetType: checked.targetType,
    targetId: checked.targetId,
    subjectType: subject.type,
    subjectId: subject.id,
    filedBy: actorOf(caller),
    jurisdiction: facts.jurisdiction,
    listedBy: facts.listedBy,
    reason: checked.reason,
    filedOn: checked.filedOn,
    status: step.status,
    outcome: null,
    decideBy: step.decideBy,
    forwardBy: step.forwardBy,
    forwardedOn: step.forwardedOn,
    forwardedTo: null,
    decidedOn: null,
    decidedBy: null,
    note: null,
  };
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(ObjectionEntity);
    // One open objection per subject and target: a second one would only restart the clock.
    const open = await repo.findOneBy({ targetType: row.targetType, targetId: row.targetId, subjectType: row.subjectType, subjectId: row.subjectId, status: Not('DECIDED') });
    if (open) throw new RuleViolation('input.targetId', 'OBJECTION_ALREADY_OPEN', `objection ${open.id} against this ${row.targetType} is still open`, ErrorCode.CONFLICT);
    await repo.insert(row);
    await enqueueObjectionState(manager, row, true, row.filedOn);
    return row;
  });
}
