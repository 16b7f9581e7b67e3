import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { badInput } from '../protocol/errors';
import { isIsoDate } from '../credit-records/input';

// Page cursors are sealed: AES-256-GCM under two keys derived from the subject key (kit/protocol/keys.ts),
// so a client can only hand one back. What a cursor points at (a decision date and id, a log entry's time)
// would otherwise be read off a page narrowed to one subject without any object of it in the answer; nor
// can a client forge one. The nonce is an HMAC of the text (synthetic IV): the same row always gets the
// same cursor, and only equal texts share a nonce. Every replica holding the subject key opens them.
export interface CursorKey {
  encryption: Buffer;
  nonce: Buffer;
}

const derived = new WeakMap<Buffer, CursorKey>();

export function cursorKey(subjectKey: Buffer): CursorKey {
  let key = derived.get(subjectKey);
  if (!key) {
    const derive = (purpose: string) => createHmac('sha256', subjectKey).update(purpose).digest();
    derived.set(subjectKey, (key = { encryption: derive('page-cursor-encryption'), nonce: derive('page-cursor-nonce') }));
  }
  return key;
}

export function sealCursor(key: CursorKey, text: string): string {
  const iv = createHmac('sha256', key.nonce).update(text).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key.encryption, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The text of a cursor sealCursor made with this key; null for anything else. */
export function openCursor(key: CursorKey, cursor: string): string | null {
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.encryption, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

// Records, list entries and work queues page over (date, id): decided_on desc, or decide_by asc.

export function encodeCursor(key: CursorKey, row: { decidedOn: string; id: string }): string {
  return sealCursor(key, `${row.decidedOn}|${row.id}`);
}

/** [decidedOn, id] of a cursor this API returned; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(key: CursorKey, cursor: string): [string, string] {
  const [decidedOn, id] = (openCursor(key, cursor) ?? '').split('|');
  if (!isIsoDate(decidedOn ?? '') || !id) throw badInput('after', 'CURSOR', 'after is not a cursor returned by this field');
  return [decidedOn, id];
}
