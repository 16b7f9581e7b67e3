import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// Natural-person identity numbers are personal data (DOMAIN.md "Subjects"): stored encrypted,
// found by a keyed hash, shown masked. Two keys are derived from the one subject key.
function derive(subjectKey: Buffer, purpose: string): Buffer {
  return createHmac('sha256', subjectKey).update(purpose).digest();
}

/** The shape of NaturalPerson.id: np_ and 22 base64url characters. */
export const NATURAL_PERSON_ID = /^np_[A-Za-z0-9_-]{22}$/;

/** NaturalPerson.id: a stable pseudonym any subgraph holding the subject key can compute. */
export function naturalPersonId(subjectKey: Buffer, idNumber: string): string {
  return 'np_' + createHmac('sha256', derive(subjectKey, 'natural-person-id')).update(idNumber).digest('base64url').slice(0, 22);
}

/** AES-256-GCM; output iv.tag.ciphertext in base64url so a dump shows no id number. */
export function encryptIdNumber(subjectKey: Buffer, idNumber: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(subjectKey, 'id-number-encryption'), iv);
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptIdNumber(subjectKey: Buffer, stored: string): string {
  const [iv, tag, body] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', derive(subjectKey, 'id-number-encryption'), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
