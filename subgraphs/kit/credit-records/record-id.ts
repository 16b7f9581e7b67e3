import { createHash, randomBytes } from 'node:crypto';

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

// Random bits drawn 4 KB at a time, as hex, and the time part spelt once per millisecond: the bulk import
// asks for tens of thousands of ids a second.
let randomHex = '';
let used = 0;
let lastMs = 0;
let msHex = '';
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
    msHex = '';
  } else if (++sequence > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one (ids stay ordered and distinct).
    lastMs++;
    sequence = 0;
    msHex = '';
  }
  if (!msHex) {
    const ms = lastMs.toString(16).padStart(12, '0');
    msHex = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
  }
  if (used + 16 > randomHex.length) {
    randomHex = randomBytes(4096).toString('hex');
    used = 0;
  }
  const rand = randomHex.slice(used, (used += 16));
  const variant = VARIANT[rand.charCodeAt(0) & 0x3];
  return `${msHex}${sequence.toString(16).padStart(3, '0')}-${variant}${rand.slice(1, 4)}-${rand.slice(4, 16)}`;
}

// RFC 9562 variant bits 10xx: the first random hex digit's low two bits pick one of 8, 9, a, b.
const VARIANT = ['8', '9', 'a', 'b'];
