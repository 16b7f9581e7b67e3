import { createHash, randomFillSync } from 'node:crypto';

// A record's id is given once, when the record is first stored, and kept for good; the record's key for
// its provider (provider + providerRecordId, a unique index) is what makes ingestion idempotent.

/** A record's key for its provider, as one string: what ingestion is idempotent on. */
export const providerKey = (r: { provider: string; providerRecordId: string }) => `${r.provider}\u0000${r.providerRecordId}`;

/**
 * The id of a seeded demo record: derived from its provider key, so the demo data (and the objections
 * seeded against it) is the same on every start.
 */
export function recordId(provider: string, providerRecordId: string): string {
  const h = createHash('sha256').update(providerKey({ provider, providerRecordId })).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// Random bytes drawn 4 KB at a time: the bulk import asks for tens of thousands of ids a second.
const pool = Buffer.alloc(4096);
let used = pool.length;
let lastMs = 0;
let sequence = 0;

/**
 * A new record's id: a UUIDv7 (RFC 9562) — milliseconds first, then a counter within the millisecond,
 * then random bits. Ids given later sort later, so the id index grows at its end: a random id (as a hash
 * of the provider key was) put every insert on a random page of an index larger than the buffer pool.
 */
export function newRecordId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one (ids stay ordered and distinct).
    lastMs++;
    sequence = 0;
  }
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const ms = lastMs.toString(16).padStart(12, '0');
  const rand = pool.toString('hex', used, used + 8);
  used += 8;
  const variant = ((parseInt(rand[0], 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${variant}${rand.slice(1, 4)}-${rand.slice(4, 16)}`;
}
