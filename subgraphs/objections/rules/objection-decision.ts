import type { Caller } from '../../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../../kit/protocol/errors';
import type { ObjectionOutcome, ObjectionRow } from '../entities';

// Who decides which step, and what a decision must carry (001 Art. 31; 000 item 17; 002 四(三)).

export const MAX_NOTE_LENGTH = 2000;

/**
 * 001 Art. 31; 002 四(三): the platform decides the step that is with it (FILED, within its remit);
 * a forwarded step is decided by the unit it is with — the named provider, or the body whose finding
 * it is (the initiating department, the record's provider). The platform forwards and reassigns; it
 * never decides for another body.
 */
export function mayDecideObjection(caller: Caller, row: Pick<ObjectionRow, 'status' | 'forwardedTo' | 'jurisdiction'> & { listedBy?: string | null }): boolean {
  if (row.status === 'FILED') return caller.kind === 'ADMIN';
  if (row.status !== 'FORWARDED' || (caller.kind !== 'DEPARTMENT' && caller.kind !== 'COURT')) return false;
  const unit = responsibleUnit(row);
  if (unit) return caller.org === unit;
  // Rows filed before the finding body was recorded: a unit of the entry's division.
  return caller.jurisdiction !== null && caller.jurisdiction === row.jurisdiction;
}

/** The unit a forwarded objection is with: the one it was forwarded (or reassigned) to, else the body whose finding it is. */
export function responsibleUnit(row: { forwardedTo: string | null; listedBy?: string | null }): string | null {
  return row.forwardedTo ?? row.listedBy ?? null;
}

export function requireOpen(row: Pick<ObjectionRow, 'id' | 'status'>): void {
  if (row.status === 'DECIDED') throw new RuleViolation('id', 'ALREADY_DECIDED', `objection ${row.id} is already decided`, ErrorCode.CONFLICT);
}

/** 001 Art. 31: only the platform forwards, and only while the objection is with it. */
export function requireForwardable(row: Pick<ObjectionRow, 'id' | 'status'>): void {
  requireOpen(row);
  if (row.status !== 'FILED') throw new RuleViolation('id', 'ALREADY_FORWARDED', `objection ${row.id} is already with the provider`, ErrorCode.CONFLICT);
}

/** A rejection or an annotation says why (the applicant is told the result, 001 Art. 31). */
export function checkDecisionNote(outcome: ObjectionOutcome, note: string | null | undefined): string | null {
  const text = note?.trim() || null;
  if (!text && (outcome === 'REJECTED' || outcome === 'ANNOTATED')) {
    throw new RuleViolation('note', 'NOTE_REQUIRED', `a ${outcome} decision needs a note saying why`);
  }
  if (text && text.length > MAX_NOTE_LENGTH) throw new RuleViolation('note', 'MAX_LENGTH', `note is longer than ${MAX_NOTE_LENGTH} characters`);
  return text;
}

export function requireOnOrAfter(field: string, date: string, earliest: string, what: string): void {
  if (date < earliest) throw new RuleViolation(field, 'BEFORE_FILED', `${field} ${date} is before ${what} ${earliest}`);
}

/** 001 Art. 31: a record objection upheld reaches the record — corrected, revoked, or annotated; a rejection changes nothing. */
export function recordEffectOf(row: Pick<ObjectionRow, 'targetType'>, outcome: ObjectionOutcome): Exclude<ObjectionOutcome, 'REJECTED'> | null {
  return row.targetType === 'CREDIT_RECORD' && outcome !== 'REJECTED' ? outcome : null;
}

/** 000 item 17: information found wrong is corrected or revoked; a listing that was wrong ends (REVOKED). */
export function endsListing(row: Pick<ObjectionRow, 'targetType'>, outcome: ObjectionOutcome): boolean {
  return row.targetType === 'LIST_ENTRY' && (outcome === 'REVOKED' || outcome === 'CORRECTED');
}
