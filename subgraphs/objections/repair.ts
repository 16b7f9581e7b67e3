import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller, SubjectRef, SubjectType } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { RepairApplicationEntity, type RepairApplicationRow } from './entities';
import { enqueueEndListEntry } from './end-list-entry';
import { listEntryFacts, type LookupContext } from './list-entry-facts';
import { enqueueRecordEffect } from './record-effect';
import { recordFacts, seriousRecordAmong } from './record-facts';
import { actingSubject } from './rules/acting-subject';
import { assertedSubject, requireRepairable, subjectOfEntry } from './rules/entry-subject';
import { dateOrToday, requirePlatformDate, requireUuid } from './rules/objection-input';
import { repairDecideBy } from './rules/deadlines';
import { checkRepairDecision, checkRepairEvidence, mayDecideRepair, requireMinimumPeriodPassed, requireNotSeriousBehaviour } from './rules/repair-eligibility';
import { creditPeriods } from '../kit/credit-records/credit-periods';
import { publicationKind } from '../kit/credit-records/publication';
import { actorOf } from '../kit/protocol/caller';
import { workingDayCalendar } from '../kit/calendar/working-days';
import { jurisdictionPolicies } from './jurisdictions';

export interface RepairApplicationInput {
  listEntryId?: string | null;
  creditRecordId?: string | null;
  evidence: string[];
  /** Deprecated: the Art. 26 category is a fact of the listing or the record, never the applicant's. */
  seriousBehaviour?: string | null;
  subjectType?: SubjectType | null;
  subjectId?: string | null;
  appliedOn?: string | null;
}

interface Target {
  subject: SubjectRef;
  /** The body that made the finding and decides the repair ("who finds, repairs"). */
  finder: string;
  /** A list entry's division, whose deadlines apply; null for a record (the default's). */
  jurisdiction: string | null;
}

/** 002 四(四): the applicant's own entry, still in force, not an Art. 26 listing nor resting on an Art. 26 record; its initiating department decides. */
async function entryTarget(lookup: LookupContext, caller: Caller, input: RepairApplicationInput, id: string, today: string): Promise<Target> {
  const claimed = assertedSubject(caller, input, (idNumber) => naturalPersonId(lookup.keys.subjectKey, idNumber));
  const entry = await listEntryFacts(lookup, 'input.listEntryId', id);
  const subject = subjectOfEntry(caller, entry, claimed, 'input.listEntryId');
  requireRepairable('input.listEntryId', entry);
  requireNotSeriousBehaviour('input.listEntryId', `list entry ${id}`, entry.seriousBehaviour);
  // Repairing the entry would end the punishment a serious record it rests on caused (001 Art. 32 ¶2).
  const record = await seriousRecordAmong(lookup, entry.subject.type, entry.recordIds);
  if (record) requireNotSeriousBehaviour('input.listEntryId', `credit record ${record.id}, on which list entry ${id} rests,`, record.seriousBehaviour);
  requireMinimumPeriodPassed('input.listEntryId', `list entry ${id}`, entry.decidedOn, creditPeriods().repair.listEntries[entry.listType], today);
  return { subject, finder: entry.listedBy, jurisdiction: entry.jurisdiction };
}

/** 001 Art. 32 ¶1; 003 item 13: the applicant's own dishonesty record, not an Art. 26 one; its provider decides. */
async function recordTarget(lookup: LookupContext, caller: Caller, input: RepairApplicationInput, id: string, today: string): Promise<Target> {
  const subject = actingSubject(caller, input, (idNumber) => naturalPersonId(lookup.keys.subjectKey, idNumber));
  const record = await recordFacts(lookup, caller, 'input.creditRecordId', id, subject);
  if (!record.dishonest) throw new RuleViolation('input.creditRecordId', 'NOT_DISHONESTY', `credit record ${id} is not dishonesty information; there is nothing to repair`);
  requireNotSeriousBehaviour('input.creditRecordId', `credit record ${id}`, record.seriousBehaviour);
  // A penalty waits for its tier's minimum publication period; other dishonesty records for otherRecords.
  const kind = publicationKind(record);
  const periods = creditPeriods();
  requireMinimumPeriodPassed('input.creditRecordId', `credit record ${id}`, record.decidedOn, kind ? periods.publication[kind].minimum : periods.repair.otherRecords, today);
  return { subject, finder: record.provider, jurisdiction: null };
}

function requireOneTarget(input: RepairApplicationInput): { listEntryId: string | null; creditRecordId: string | null } {
  if ((input.listEntryId == null) === (input.creditRecordId == null)) {
    throw new RuleViolation('input.listEntryId', 'ONE_TARGET', 'give exactly one of input.listEntryId and input.creditRecordId');
  }
  return {
    listEntryId: input.listEntryId == null ? null : requireUuid('input.listEntryId', input.listEntryId),
    creditRecordId: input.creditRecordId == null ? null : requireUuid('input.creditRecordId', input.creditRecordId),
  };
}

/** 002 四(四); 001 Art. 32: a subject that corrected its behaviour applies to the body that made the finding, with evidence. */
export async function applyForRepair(db: DataSource, caller: Caller, lookup: LookupContext, input: RepairApplicationInput, today: string): Promise<RepairApplicationRow> {
  const { listEntryId, creditRecordId } = requireOneTarget(input);
  const evidence = checkRepairEvidence(input.evidence);
  requirePlatformDate(caller, 'input.appliedOn', input.appliedOn, today);
  const appliedOn = dateOrToday('input.appliedOn', input.appliedOn, today);
  if (appliedOn > today) throw new RuleViolation('input.appliedOn', 'NOT_IN_FUTURE', `input.appliedOn ${appliedOn} is after today ${today}`);
  const target = listEntryId ? await entryTarget(lookup, caller, input, listEntryId, appliedOn) : await recordTarget(lookup, caller, input, creditRecordId!, appliedOn);
  const row: RepairApplicationRow = {
    id: randomUUID(),
    listEntryId,
    creditRecordId,
    subjectType: target.subject.type,
    subjectId: target.subject.id,
    applicant: actorOf(caller),
    listedBy: target.finder,
    evidence: JSON.stringify(evidence),
    status: 'PENDING',
    appliedOn,
    decideBy: repairDecideBy(appliedOn, jurisdictionPolicies().policyFor(target.jurisdiction ?? 'default'), workingDayCalendar()),
    decidedOn: null,
    decidedBy: null,
    reason: null,
  };
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(RepairApplicationEntity);
    const pending = await repo.findOneBy(listEntryId ? { listEntryId, status: 'PENDING' } : { creditRecordId: creditRecordId!, status: 'PENDING' });
    if (pending) throw new RuleViolation(listEntryId ? 'input.listEntryId' : 'input.creditRecordId', 'REPAIR_ALREADY_PENDING', `repair application ${pending.id} for this target is still pending`, ErrorCode.CONFLICT);
    await repo.insert(row);
    return row;
  });
}

/**
 * "Who finds, repairs" (DOMAIN.md): approval removes the entry from the list, or the record from every
 * read, count and publication — the outbox row to the owning subgraph is written in the same
 * transaction as the decision (000 item 39; 002 四(四); 001 Art. 32 ¶1; 003 item 13).
 */
export async function decideRepair(db: DataSource, caller: Caller, id: string, approve: boolean, reason: string | null | undefined, today: string): Promise<RepairApplicationRow> {
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(RepairApplicationEntity);
    const row = await repo.findOneBy({ id });
    if (!row) throw new RuleViolation('id', 'NOT_FOUND', `no repair application ${id}`, ErrorCode.NOT_FOUND);
    if (!mayDecideRepair(caller, row)) {
      throw new RuleViolation('id', 'NOT_THE_DECIDER', `repair is decided by the body that made the finding (${row.listedBy ?? 'the platform'})`, ErrorCode.FORBIDDEN);
    }
    const text = checkRepairDecision(row.status, approve, reason);
    if (today < row.appliedOn) throw new RuleViolation('today', 'BEFORE_FILED', `today ${today} is before the application date ${row.appliedOn}`);
    const changes: Partial<RepairApplicationRow> = { status: approve ? 'APPROVED' : 'REJECTED', decidedOn: today, decidedBy: actorOf(caller), reason: text };
    const result = await repo.update({ id: row.id, status: 'PENDING' }, changes);
    if (result.affected === 0) throw new RuleViolation('id', 'CHANGED_CONCURRENTLY', `repair application ${row.id} changed while this request ran`, ErrorCode.CONFLICT);
    if (approve && row.listEntryId) {
      const why = `credit repair ${row.id} approved${text ? `: ${text}` : ''}`;
      await enqueueEndListEntry(manager, { id: row.listEntryId, status: 'REMOVED', reason: why, endedOn: today, decisionRef: row.id });
    }
    if (approve && row.creditRecordId) await enqueueRecordEffect(manager, { subjectType: row.subjectType, id: row.creditRecordId, effect: 'REPAIRED', on: today });
    return { ...row, ...changes };
  });
}
