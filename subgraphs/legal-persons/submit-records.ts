import { In, type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { onceMoreOnDuplicateKey } from '../kit/server/duplicate-key';
import { RuleViolation } from '../kit/protocol/errors';
import { enqueue } from '../kit/server/outbox';
import { validateRecordInputs, type RecordInput } from '../kit/credit-records/input';
import { recordRow, storeRecords } from '../kit/credit-records/write';
import { LegalPersonEntity } from './entities';

export const INGEST_NATURAL_PERSON_RECORDS = `mutation Ingest($records: [NaturalPersonRecordInput!]!) {
  ingestNaturalPersonCreditRecords(records: $records)
}`;

export interface SubmitResult {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  forwarded: number;
}

/**
 * Stores legal-person records and hands natural-person records to the natural-persons subgraph
 * through the outbox, in one transaction: all or nothing, idempotent on (provider, providerRecordId).
 */
export async function submitCreditRecords(db: DataSource, caller: Caller, records: RecordInput[], today: string): Promise<SubmitResult> {
  validateRecordInputs(records);
  // A providing unit submits under its own org code; only the platform may load records for others.
  const foreign = caller.kind === 'ADMIN' ? -1 : records.findIndex((r) => r.provider !== caller.org);
  if (foreign >= 0) throw new RuleViolation(`records[${foreign}].provider`, 'OWN_PROVIDER_ONLY', `records[${foreign}].provider must be the caller's org code ${caller.org ?? '(none)'}`, 'FORBIDDEN');
  const legal = records.filter((r) => r.subjectType === 'LEGAL_PERSON').map((r) => ({ ...r, subjectId: r.subjectId.toUpperCase() }));
  const natural = records.filter((r) => r.subjectType === 'NATURAL_PERSON');
  // The natural-persons subgraph registers a person it does not know under this name; checked here,
  // before the outbox accepts the batch, so no delivery can fail later for want of it.
  const nameless = records.findIndex((r) => r.subjectType === 'NATURAL_PERSON' && !r.subjectName?.trim());
  if (nameless >= 0) throw new RuleViolation(`records[${nameless}].subjectName`, 'REQUIRED_FOR_NATURAL_PERSON', `records[${nameless}].subjectName is required for a natural-person record`);
  return onceMoreOnDuplicateKey(() => db.transaction(async (manager) => {
    const usccs = [...new Set(legal.map((r) => r.subjectId))];
    const known = new Set((await manager.getRepository(LegalPersonEntity).find({ select: { uscc: true }, where: { uscc: In(usccs) } })).map((r) => r.uscc));
    const unknownAt = records.findIndex((r) => r.subjectType === 'LEGAL_PERSON' && !known.has(r.subjectId.toUpperCase()));
    if (unknownAt >= 0) throw new RuleViolation(`records[${unknownAt}].subjectId`, 'UNKNOWN_SUBJECT', `no legal person ${records[unknownAt].subjectId} is registered`);

    const counts = await storeRecords(manager, legal.map((r) => recordRow(r, r.subjectId, today)));
    const result: SubmitResult = { accepted: records.length, ...counts, forwarded: natural.length };
    if (natural.length) {
      const forwarded = natural.map(({ subjectType: _t, subjectId, ...rest }) => ({ ...rest, idNumber: subjectId.toUpperCase(), decisionKind: rest.decisionKind ?? 'OTHER' }));
      await enqueue(manager, 'natural-persons', INGEST_NATURAL_PERSON_RECORDS, { records: forwarded });
    }
    return result;
  }));
}
