import { createHash } from 'node:crypto';
import type { CreditRecordRow } from './entity';
import type { StoreStatus } from './write';

// legal-persons asks natural-persons what storing a forwarded record would do, sending this digest
// instead of the record. Both sides call this one function over the same fields storeRecords compares,
// normalised as it normalises them, so a digest match means storeRecords would find no change.

/** The fields a provider states: a resubmission that differs in one of them is a correction. */
export const COMPARED: (keyof CreditRecordRow)[] = [
  'subjectId', 'category', 'sourceDepartment', 'title', 'content', 'decisionNumber', 'decidedOn', 'behaviourEndedOn', 'public', 'dishonest', 'decisionKind', 'penaltyTier', 'seriousBehaviour', 'publishedOn', 'item',
];

/** Dates come back from the driver as Date or string; rows are compared as the strings they were written as. */
export const asDay = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

export type ComparedFields = Pick<CreditRecordRow, (typeof COMPARED)[number]>;

/** SHA-256 (base64url, 43 characters) of the record's COMPARED fields, in COMPARED's order. */
export function comparedDigest(row: ComparedFields): string {
  return createHash('sha256').update(JSON.stringify(COMPARED.map((k) => asDay(row[k]) ?? null))).digest('base64url');
}

/**
 * 001 Art. 31: a resubmission restating the provider's values an objection decided CORRECTED replaced
 * (`correctedFrom`, decision.ts) is not the provider's correction: the record stays as decided, UNCHANGED.
 * The digest is computed only for a stored record that has one to compare with.
 */
export function restatesCorrected(stored: { correctedFrom?: unknown }, digest: () => string): boolean {
  return !!stored.correctedFrom && stored.correctedFrom === digest();
}

/** The answer's message for such a resubmission; `on` is the decision's day. */
export const keptAsCorrected = (on: unknown): string =>
  `kept as corrected by the objection decision of ${asDay(on)}: the resubmission restates the values that decision corrected`;

/** A resubmission of a record that left every read (objection, repair, withdrawal) is stored, but the record stays out. */
export const staysRemoved = (removal: string, on: unknown): string =>
  `the record was ${removal.toLowerCase()} on ${asDay(on)} and stays out of every read and count: a resubmission does not bring it back (submit a new record under a new providerRecordId)`;

/** The message of a resubmission's answer: why it is not what a plain correction would be, else null. */
export function storedRecordMessage(stored: { removal?: string | null; removedOn?: unknown; correctedOn?: unknown }, kept: boolean): string | null {
  if (stored.removal) return staysRemoved(stored.removal, stored.removedOn);
  return kept ? keptAsCorrected(stored.correctedOn) : null;
}

/** naturalPersonRecordStatuses' answer per record: correctedOn is set when UNCHANGED by restatesCorrected; removal when the record left every read. */
export interface StoredRecordAnswer {
  status: StoreStatus;
  correctedOn: string | null;
  removal: string | null;
  removedOn: string | null;
}
