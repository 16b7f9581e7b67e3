import type { DataSource } from 'typeorm';
import { RuleViolation } from '../kit/protocol/errors';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { checkBatchSize } from '../kit/credit-records/input';
import { asDay, COMPARED, comparedDigest, restatesCorrected, type StoredRecordAnswer } from '../kit/credit-records/record-digest';
import { providerKey } from '../kit/credit-records/record-id';
import { storedByProviderKey } from '../kit/credit-records/write';

// Read-only: legal-persons asks, before it forwards submitCreditRecords' natural-person records through
// the outbox, what storing each would do here, so it can answer ACCEPTED / UPDATED / UNCHANGED.

export interface RecordDigestInput {
  provider: string;
  providerRecordId: string;
  /** kit/credit-records/record-digest.ts over the row the record would be stored as. */
  digest: string;
}

/**
 * Per record, in input order: ACCEPTED (no record under its provider key), UNCHANGED (same digest, or the
 * digest of the values an objection decided CORRECTED replaced: storeRecords keeps the record) or UPDATED.
 */
export async function recordStatuses(db: DataSource, records: RecordDigestInput[]): Promise<StoredRecordAnswer[]> {
  checkBatchSize(records);
  records.forEach((r, i) => {
    if (!r.digest) throw new RuleViolation(`records[${i}].digest`, 'REQUIRED', `records[${i}].digest must not be empty`);
  });
  // The lookup storeRecords makes (every row under the key, withdrawn ones too), its compared columns only.
  const stored = await storedByProviderKey(db, records, [...COMPARED, 'provider', 'providerRecordId', 'correctedFrom', 'correctedOn', 'removal', 'removedOn'] as (keyof CreditRecordRow)[]);
  return records.map((r) => {
    const row = stored.get(providerKey(r));
    if (!row) return { status: 'ACCEPTED', correctedOn: null, removal: null, removedOn: null };
    const removed = { removal: row.removal, removedOn: row.removal ? (asDay(row.removedOn) as string) : null };
    if (comparedDigest(row) === r.digest) return { status: 'UNCHANGED', correctedOn: null, ...removed };
    if (restatesCorrected(row, () => r.digest)) return { status: 'UNCHANGED', correctedOn: asDay(row.correctedOn) as string, ...removed };
    return { status: 'UPDATED', correctedOn: null, ...removed };
  });
}
