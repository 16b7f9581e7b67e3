import { createHash } from 'node:crypto';
import type { CreditRecordRow } from './entity';
import { asDay, COMPARED } from './write';

// legal-persons asks natural-persons what storing a forwarded record would do, sending this digest
// instead of the record. Both sides call this one function over the same fields storeRecords compares,
// normalised as it normalises them, so a digest match means storeRecords would find no change.

export type ComparedFields = Pick<CreditRecordRow, (typeof COMPARED)[number]>;

/** SHA-256 (base64url, 43 characters) of the record's COMPARED fields, in COMPARED's order. */
export function comparedDigest(row: ComparedFields): string {
  return createHash('sha256').update(JSON.stringify(COMPARED.map((k) => asDay(row[k]) ?? null))).digest('base64url');
}
