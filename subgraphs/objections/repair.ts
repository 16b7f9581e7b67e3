import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller, SubjectType } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { RepairApplicationEntity, type RepairApplicationRow } from './entities';
import { enqueueEndListEntry } from './end-list-entry';
import { listEntryFacts, type LookupContext } from './list-entry-facts';
import { actingSubject } from './rules/acting-subject';
import { requireRepairable, subjectOfEntry } from './rules/entry-subject';
import { dateOrToday, requirePlatformDate, requireUuid } from './rules/objection-input';
import { checkRepairDecision, checkRepairEligibility, mayDecideRepair } from './rules/repair-eligibility';
import { actorOf } from '../kit/protocol/caller';

export interface RepairApplicationInput {
  listEntryId: string;
  evidence: string[];
  seriousBehaviour?: string | null;
  subjectType?: SubjectType | null;
  subjectId?: string | null;
  appliedOn?: string | null;
}

/** 002 四(四); 001 Art. 32: a subject that corrected its behaviour applies to the initiating department with evidence. */
export async function applyForRepair(db: DataSource, caller: Caller, lookup: LookupContext, input: RepairApplicationInput, today: string): Promise<RepairApplicationRow> {
  // A SUBJECT applies for itself; the platform (ADMIN) names the subject it acts for.
  const claimed = actingSubject(caller, input, (idNumber) => naturalPersonId(lookup.keys.subjectKey, idNumber));
  const listEntryId = requireUuid('input.listEntryId', input.listEntryId);
  const evidence = checkRepairEligibility(input.evidence, input.seriousBehaviour);
  requirePlatformDate(caller, 'input.appliedOn', input.appliedOn, today);
  const appliedOn = dateOrToday('input.appliedOn', input.appliedOn, today);
  if (appliedOn > today) throw new RuleViolation('input.appliedOn', 'NOT_IN_FUTURE', `input.appliedOn ${appliedOn} is after today ${today}`);
  // 002 四(四): the applicant's own entry, still in force; its initiating department will decide.
  const entry = await listEntryFacts(lookup, 'input.listEntryId', listEntryId);
  const subject = subjectOfEntry(caller, entry.subject, claimed, 'input.listEntryId');
  requireRepairable('input.listEntryId', entry);
  const row: RepairApplicationRow = {
    id: randomUUID(),
    listEntryId,
    subjectType: subject.type,
    subjectId: subject.id,
    applicant: actorOf(caller),
    listedBy: entry.listedBy,
    evidence: JSON.stringify(evidence),
    status: 'PENDING',
    appliedOn,
    decidedOn: null,
    decidedBy: null,
    reason: null,
  };
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(RepairApplicationEntity);
    const pending = await repo.findOneBy({ listEntryId, status: 'PENDING' });
    if (pending) throw new RuleViolation('input.listEntryId', 'REPAIR_ALREADY_PENDING', `repair application ${pending.id} for this list entry is still pending`, ErrorCode.CONFLICT);
    await repo.insert(row);
    return row;
  });
}

/**
 * "Who finds, repairs" (DOMAIN.md): approval removes the entry from the list — the outbox row to the
 * lists subgraph is written in the same transaction as the decision (000 item 39; 002 四(四)).
 */
export async function decideRepair(db: DataSource, caller: Caller, id: string, approve: boolean, reason: string | null | undefined, today: string): Promise<RepairApplicationRow> {
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(RepairApplicationEntity);
    const row = await repo.findOneBy({ id });
    if (!row) throw new RuleViolation('id', 'NOT_FOUND', `no repair application ${id}`, ErrorCode.NOT_FOUND);
    if (!mayDecideRepair(caller, row)) {
      throw new RuleViolation('id', 'NOT_THE_DECIDER', 'repair is decided by the department that listed the entry, or the platform', ErrorCode.FORBIDDEN);
    }
    const text = checkRepairDecision(row.status, approve, reason);
    if (today < row.appliedOn) throw new RuleViolation('today', 'BEFORE_FILED', `today ${today} is before the application date ${row.appliedOn}`);
    const changes: Partial<RepairApplicationRow> = { status: approve ? 'APPROVED' : 'REJECTED', decidedOn: today, decidedBy: actorOf(caller), reason: text };
    const result = await repo.update({ id: row.id, status: 'PENDING' }, changes);
    if (result.affected === 0) throw new RuleViolation('id', 'CHANGED_CONCURRENTLY', `repair application ${row.id} changed while this request ran`, ErrorCode.CONFLICT);
    if (approve) {
      await enqueueEndListEntry(manager, {
        id: row.listEntryId,
        status: 'REMOVED',
        reason: `credit repair ${row.id} approved${text ? `: ${text}` : ''}`,
        endedOn: today,
        decisionRef: row.id,
      });
    }
    return { ...row, ...changes };
  });
}
