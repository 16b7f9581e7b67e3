import { randomUUID } from 'node:crypto';
import { Not, type DataSource } from 'typeorm';
import type { Caller } from '../kit/caller';
import { ErrorCode, RuleViolation } from '../kit/errors';
import type { KeyFiles } from '../kit/keys';
import { naturalPersonId } from '../kit/pseudonym';
import { workingDayCalendar } from '../kit/working-days';
import { ObjectionEntity, type ObjectionRow, type ObjectionTargetType } from './entities';
import { jurisdictionPolicies } from './jurisdictions';
import { actingSubject } from './rules/acting-subject';
import { stepOnFiling } from './rules/deadlines';
import { checkFileObjection } from './rules/objection-input';

export interface FileObjectionInput {
  targetType: ObjectionTargetType;
  targetId: string;
  reason: string;
  filedOn?: string | null;
  subjectType?: 'LEGAL_PERSON' | 'NATURAL_PERSON' | null;
  subjectId?: string | null;
  jurisdiction?: string | null;
}

/**
 * 001 Art. 31: records the objection with the deadline of its first step. Everything is checked before
 * the single insert, so a rejected objection writes nothing.
 */
export async function fileObjection(db: DataSource, caller: Caller, keys: KeyFiles, input: FileObjectionInput, today: string): Promise<ObjectionRow> {
  const subject = actingSubject(caller, input, (idNumber) => naturalPersonId(keys.subjectKey, idNumber));
  const checked = checkFileObjection(input, today);
  const policy = jurisdictionPolicies().policyFor(checked.jurisdiction ?? 'default');
  const step = stepOnFiling(checked.filedOn, checked.targetType, policy, workingDayCalendar());
  const row: ObjectionRow = {
    id: randomUUID(),
    targetType: checked.targetType,
    targetId: checked.targetId,
    subjectType: subject.type,
    subjectId: subject.id,
    filedBy: (caller.org ?? caller.clientId ?? caller.kind).slice(0, 64),
    jurisdiction: checked.jurisdiction,
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
    return row;
  });
}
