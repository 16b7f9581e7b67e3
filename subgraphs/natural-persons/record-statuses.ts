import { In, type DataSource } from 'typeorm';
import { RuleViolation } from '../kit/protocol/errors';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records/entity';
import { checkBatchSize } from '../kit/credit-records/input';
import { comparedDigest } from '../kit/credit-records/record-digest';
import { providerKey } from '../kit/credit-records/record-id';
import { byProvider, COMPARED, type StoreStatus } from '../kit/credit-records/write';

// Read-only: legal-persons asks, before it forwards submitCreditRecords' natural-person records through
// the outbox, what storing each would do here, so it can answer ACCEPTED / UPDATED / UNCHANGED.

export interface RecordDigestInput {
  provider: string;
  providerRecordId: string;
  /** kit/credit-records/record-digest.ts over the row the record would be stored as. */
  digest: string;
}

const LOOKUP_CHUNK = 1_000;

/** Per record, in input order: ACCEPTED (no record under its provider key), UNCHANGED (same digest) or UPDATED. */
export async function recordStatuses(db: DataSource, records: RecordDigestInput[]): Promise<StoreStatus[]> {
  checkBatchSize(records);
  records.forEach((r, i) => {
    if (!r.digest) throw new RuleViolation(`records[${i}].digest`, 'REQUIRED', `records[${i}].digest must not be empty`);
  });
  const repo = db.getRepository(CreditRecordEntity);
  const select = [...COMPARED, 'provider', 'providerRecordId'] as (keyof CreditRecordRow)[];
  const stored = new Map<string, string>();
  for (const [provider, keys] of byProvider(records)) {
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      // The same lookup storeRecords makes (all rows under the key, withdrawn ones too).
      for (const row of await repo.find({ select, where: { provider, providerRecordId: In(keys.slice(i, i + LOOKUP_CHUNK)) } })) stored.set(providerKey(row), comparedDigest(row));
    }
  }
  return records.map((r) => {
    const digest = stored.get(providerKey(r));
    if (digest === undefined) return 'ACCEPTED';
    return digest === r.digest ? 'UNCHANGED' : 'UPDATED';
  });
}
