import type { DataSource } from 'typeorm';
import { RuleViolation } from '../kit/protocol/errors';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { checkBatchSize } from '../kit/credit-records/input';
import { comparedDigest } from '../kit/credit-records/record-digest';
import { providerKey } from '../kit/credit-records/record-id';
import { COMPARED, storedByProviderKey, type StoreStatus } from '../kit/credit-records/write';

// Read-only: legal-persons asks, before it forwards submitCreditRecords' natural-person records through
// the outbox, what storing each would do here, so it can answer ACCEPTED / UPDATED / UNCHANGED.

export interface RecordDigestInput {
  provider: string;
  providerRecordId: string;
  /** kit/credit-records/record-digest.ts over the row the record would be stored as. */
  digest: string;
}

/** Per record, in input order: ACCEPTED (no record under its provider key), UNCHANGED (same digest) or UPDATED. */
export async function recordStatuses(db: DataSource, records: RecordDigestInput[]): Promise<StoreStatus[]> {
  checkBatchSize(records);
  records.forEach((r, i) => {
    if (!r.digest) throw new RuleViolation(`records[${i}].digest`, 'REQUIRED', `records[${i}].digest must not be empty`);
  });
  // The lookup storeRecords makes (every row under the key, withdrawn ones too), its compared columns only.
  const stored = await storedByProviderKey(db, records, [...COMPARED, 'provider', 'providerRecordId'] as (keyof CreditRecordRow)[]);
  return records.map((r) => {
    const row = stored.get(providerKey(r));
    if (!row) return 'ACCEPTED';
    return comparedDigest(row) === r.digest ? 'UNCHANGED' : 'UPDATED';
  });
}
