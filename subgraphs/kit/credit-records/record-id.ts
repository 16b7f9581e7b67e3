import { createHash } from 'node:crypto';

/** A stable UUID-shaped id for a record, derived from its provider key (makes ingestion idempotent). */
export function recordId(provider: string, providerRecordId: string): string {
  const h = createHash('sha256').update(`${provider}\u0000${providerRecordId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
