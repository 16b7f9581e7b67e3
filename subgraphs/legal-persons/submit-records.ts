import { In, type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';
import { inChunks } from '../kit/server/loaders';
import { RuleViolation } from '../kit/protocol/errors';
import { enqueueInParts } from '../kit/server/outbox-parts';
import { checkBatchSize, recordViolations, type RecordInput } from '../kit/credit-records/input';
import { recordRow, storeRecords } from '../kit/credit-records/write';
import { LegalPersonEntity } from './entities';

export const INGEST_NATURAL_PERSON_RECORDS = `mutation Ingest($records: [NaturalPersonRecordInput!]!) {
  ingestNaturalPersonCreditRecords(records: $records)
}`;

export type RecordStatus = 'ACCEPTED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface RecordResult {
  index: number;
  status: RecordStatus;
  field: string | null;
  rule: string | null;
  message: string | null;
  /** The stored legal-person record's id. */
  id: string | null;
}

export interface SubmitResult {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  forwarded: number;
  rejected: number;
  results: RecordResult[];
}

const rejected = (index: number, v: RuleViolation): RecordResult => ({ index, status: 'REJECTED', field: v.field, rule: v.rule, message: v.message, id: null });

/**
 * Stores the good legal-person records and hands the good natural-person records to the natural-persons
 * subgraph through the outbox, in one transaction; each record is answered on its own, and a rejected
 * one writes nothing. `atomic`: one rejected record rejects the batch (thrown as its error).
 * Idempotent on (provider, providerRecordId): a re-sent batch is answered UNCHANGED and changes nothing.
 */
export async function submitCreditRecords(db: DataSource, caller: Caller, records: RecordInput[], atomic = false): Promise<SubmitResult> {
  checkBatchSize(records);
  // A providing unit submits under its own org code; only the platform may load records for others.
  const foreign = caller.kind === 'ADMIN' ? -1 : records.findIndex((r) => r.provider !== caller.org);
  if (foreign >= 0) throw new RuleViolation(`records[${foreign}].provider`, 'OWN_PROVIDER_ONLY', `records[${foreign}].provider must be the caller's org code ${caller.org ?? '(none)'}`, 'FORBIDDEN');
  const violations = recordViolations(records);
  records.forEach((r, i) => {
    // The natural-persons subgraph registers a person it does not know under this name; checked here,
    // before the outbox accepts the record, so no delivery can fail later for want of it.
    if (!violations[i] && r.subjectType === 'NATURAL_PERSON' && !r.subjectName?.trim()) {
      violations[i] = new RuleViolation(`records[${i}].subjectName`, 'REQUIRED_FOR_NATURAL_PERSON', `records[${i}].subjectName is required for a natural-person record`);
    }
  });
  return onceMoreOnLostRace(() => db.transaction(async (manager) => {
    const usccs = [...new Set(records.filter((r, i) => !violations[i] && r.subjectType === 'LEGAL_PERSON').map((r) => r.subjectId.toUpperCase()))];
    const found = await inChunks(usccs, (chunk) => manager.getRepository(LegalPersonEntity).find({ select: { uscc: true }, where: { uscc: In(chunk) } }), 1_000);
    const known = new Set(found.map((r) => r.uscc));
    const checked = violations.map((v, i) => {
      const r = records[i];
      if (v || r.subjectType !== 'LEGAL_PERSON' || known.has(r.subjectId.toUpperCase())) return v;
      return new RuleViolation(`records[${i}].subjectId`, 'UNKNOWN_SUBJECT', `no legal person ${r.subjectId} is registered`);
    });
    const firstBad = checked.find((v) => v !== null);
    if (atomic && firstBad) throw firstBad;

    const results: RecordResult[] = checked.map((v, index) => (v ? rejected(index, v) : { index, status: 'ACCEPTED', field: null, rule: null, message: null, id: null }));
    const legalAt = records.flatMap((r, i) => (!checked[i] && r.subjectType === 'LEGAL_PERSON' ? [i] : []));
    const naturalAt = records.flatMap((r, i) => (!checked[i] && r.subjectType === 'NATURAL_PERSON' ? [i] : []));
    const counts = await storeRecords(manager, legalAt.map((i) => recordRow({ ...records[i], subjectId: records[i].subjectId.toUpperCase() }, records[i].subjectId.toUpperCase())));
    legalAt.forEach((i, n) => Object.assign(results[i], { status: counts.statuses[n], id: counts.ids[n] }));
    if (naturalAt.length) {
      const forwarded = naturalAt.map((i) => {
        const { subjectType: _t, subjectId, ...rest } = records[i];
        return { ...rest, idNumber: subjectId.toUpperCase(), decisionKind: rest.decisionKind ?? 'OTHER' };
      });
      // Several rows of ~1 MB each, in order: one row for 10,000 records would outgrow any column.
      await enqueueInParts(manager, 'natural-persons', INGEST_NATURAL_PERSON_RECORDS, 'records', forwarded);
      for (const i of naturalAt) results[i].message = 'forwarded to the natural-persons subgraph (idempotent there on provider + providerRecordId)';
    }
    const rejectedCount = results.filter((r) => r.status === 'REJECTED').length;
    return {
      accepted: records.length - rejectedCount, created: counts.created, updated: counts.updated, unchanged: counts.unchanged,
      forwarded: naturalAt.length, rejected: rejectedCount, results,
    };
  }));
}
