import { EntitySchema } from 'typeorm';
import type { SubjectType } from '../kit/protocol/caller';

export type ObjectionTargetType = 'CREDIT_RECORD' | 'LIST_ENTRY';
/** FILED: with the platform; FORWARDED: with the provider or initiating department; DECIDED: closed. */
export type ObjectionStatus = 'FILED' | 'VERIFYING' | 'FORWARDED' | 'DECIDED';
export type ObjectionOutcome = 'CORRECTED' | 'REVOKED' | 'REJECTED' | 'ANNOTATED';
export type RepairStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ObjectionRow {
  id: string;
  targetType: ObjectionTargetType;
  targetId: string;
  subjectType: SubjectType;
  /** USCC, or NaturalPerson.id (pseudonym): never a resident id number. */
  subjectId: string;
  /** Org (or client id) of whoever filed: the subject or an implementing department. */
  filedBy: string;
  /** Division whose policy governs a LIST_ENTRY objection (the entry's own); null for credit records. */
  jurisdiction: string | null;
  /** The body whose finding it is: LIST_ENTRY the initiating department (002 四(三)); CREDIT_RECORD the providing unit (001 Art. 31). */
  listedBy: string | null;
  reason: string;
  filedOn: string;
  status: ObjectionStatus;
  outcome: ObjectionOutcome | null;
  /** Working-day deadline of the current step (001 Art. 31). */
  decideBy: string;
  /** While FILED: last day to forward to the provider (001 Art. 31: 2 working days). */
  forwardBy: string | null;
  forwardedOn: string | null;
  /** Org the objection was forwarded to; null with FORWARDED means the initiating department. */
  forwardedTo: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  note: string | null;
}

export const ObjectionEntity = new EntitySchema<ObjectionRow>({
  name: 'Objection',
  tableName: 'objection',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    targetType: { name: 'target_type', type: 'varchar', length: 16 },
    targetId: { name: 'target_id', type: 'varchar', length: 36 },
    subjectType: { name: 'subject_type', type: 'varchar', length: 16 },
    subjectId: { name: 'subject_id', type: 'varchar', length: 32 },
    filedBy: { name: 'filed_by', type: 'varchar', length: 64 },
    jurisdiction: { type: 'varchar', length: 6, nullable: true },
    listedBy: { name: 'listed_by', type: 'varchar', length: 64, nullable: true },
    reason: { type: 'text' },
    filedOn: { name: 'filed_on', type: 'date' },
    status: { type: 'varchar', length: 16 },
    outcome: { type: 'varchar', length: 16, nullable: true },
    decideBy: { name: 'decide_by', type: 'date' },
    forwardBy: { name: 'forward_by', type: 'date', nullable: true },
    forwardedOn: { name: 'forwarded_on', type: 'date', nullable: true },
    forwardedTo: { name: 'forwarded_to', type: 'varchar', length: 64, nullable: true },
    decidedOn: { name: 'decided_on', type: 'date', nullable: true },
    decidedBy: { name: 'decided_by', type: 'varchar', length: 64, nullable: true },
    note: { type: 'text', nullable: true },
  },
});

export interface RepairApplicationRow {
  id: string;
  /** Exactly one of listEntryId and creditRecordId: what is to be repaired. */
  listEntryId: string | null;
  creditRecordId: string | null;
  subjectType: SubjectType;
  subjectId: string;
  applicant: string;
  /** The body that made the finding and decides ("who finds, repairs"): the entry's initiating department or the record's provider; null on old rows. */
  listedBy: string | null;
  /** JSON array of evidence kinds, e.g. ["PUBLIC_CREDIT_COMMITMENT","REPAIR_TRAINING"]. */
  evidence: string;
  status: RepairStatus;
  appliedOn: string;
  /** Working-day deadline of the decision (jurisdictions.yaml repairDecides); null only before the migration ran. */
  decideBy: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export const RepairApplicationEntity = new EntitySchema<RepairApplicationRow>({
  name: 'RepairApplication',
  tableName: 'repair_application',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    listEntryId: { name: 'list_entry_id', type: 'varchar', length: 36, nullable: true },
    creditRecordId: { name: 'credit_record_id', type: 'varchar', length: 36, nullable: true },
    subjectType: { name: 'subject_type', type: 'varchar', length: 16 },
    subjectId: { name: 'subject_id', type: 'varchar', length: 32 },
    applicant: { type: 'varchar', length: 64 },
    listedBy: { name: 'listed_by', type: 'varchar', length: 64, nullable: true },
    evidence: { type: 'text' },
    status: { type: 'varchar', length: 16 },
    appliedOn: { name: 'applied_on', type: 'date' },
    decideBy: { name: 'decide_by', type: 'date', nullable: true },
    decidedOn: { name: 'decided_on', type: 'date', nullable: true },
    decidedBy: { name: 'decided_by', type: 'varchar', length: 64, nullable: true },
    reason: { type: 'text', nullable: true },
  },
});

/** 001 Art. 31: who moved an objection to which unit, when and why (forwarding, reassignment by the platform). */
export interface ObjectionStepRow {
  id: string;
  objectionId: string;
  step: 'FORWARDED' | 'REASSIGNED';
  fromUnit: string | null;
  toUnit: string | null;
  actor: string;
  onDate: string;
  reason: string | null;
  createdAt: Date;
}

export const ObjectionStepEntity = new EntitySchema<ObjectionStepRow>({
  name: 'ObjectionStep',
  tableName: 'objection_step',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    objectionId: { name: 'objection_id', type: 'varchar', length: 36 },
    step: { type: 'varchar', length: 16 },
    fromUnit: { name: 'from_unit', type: 'varchar', length: 64, nullable: true },
    toUnit: { name: 'to_unit', type: 'varchar', length: 64, nullable: true },
    actor: { type: 'varchar', length: 64 },
    onDate: { name: 'on_date', type: 'date' },
    reason: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});
