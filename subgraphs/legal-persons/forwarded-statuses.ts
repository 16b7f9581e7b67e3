import { log } from '../kit/protocol/log';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { comparedDigest, type StoredRecordAnswer } from '../kit/credit-records/record-digest';
import { serviceQuery, type LookupOptions } from '../kit/server/entity-lookup';

// Natural-person records are stored by natural-persons, later, through the outbox. To answer each one
// as storing it will (ACCEPTED / UPDATED / UNCHANGED), legal-persons asks natural-persons first, as the
// relay's signed SERVICE caller, sending only provider keys and digests (kit/credit-records/record-digest.ts).
// A company record's key is asked too: one natural-persons holds (any status but ACCEPTED) is not the company's.

export const NATURAL_PERSON_RECORD_STATUSES = `query Statuses($records: [RecordDigestInput!]!) {
  naturalPersonRecordStatuses(records: $records) { status correctedOn removal removedOn }
}`;

/** Short: the submission waits for this answer, and without one it still succeeds. */
const TIMEOUT_MS = 5_000;

/**
 * Per row, in input order, what natural-persons would do storing it as it holds its records now;
 * null when it cannot be asked (then the statuses are known only on delivery).
 */
export async function forwardedStatuses(rows: CreditRecordRow[], options: Omit<LookupOptions, 'source'>): Promise<StoredRecordAnswer[] | null> {
  if (!rows.length) return [];
  const records = rows.map((r) => ({ provider: r.provider, providerRecordId: r.providerRecordId, digest: comparedDigest(r) }));
  try {
    const data = await serviceQuery<{ naturalPersonRecordStatuses: StoredRecordAnswer[] }>('natural-persons', NATURAL_PERSON_RECORD_STATUSES, { records }, { timeoutMs: TIMEOUT_MS, ...options, source: 'legal-persons' });
    const statuses = data.naturalPersonRecordStatuses;
    if (Array.isArray(statuses) && statuses.length === rows.length) return statuses;
    log.warn({ expected: rows.length }, 'malformed naturalPersonRecordStatuses answer');
  } catch {
    // serviceQuery has logged why; the records are forwarded all the same.
  }
  return null;
}
