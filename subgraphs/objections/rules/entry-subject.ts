import type { Caller, SubjectRef, SubjectType } from '../../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../../kit/protocol/errors';
import { canonicalSubjectId, MAY_FILE, type SubjectInput } from './acting-subject';

// An objection to a list entry, or a repair application for one, is about the entry's subject: taken
// from the entry (lists subgraph), never from the input. The subject itself objects to its own entries;
// an implementer that finds an error (000 item 17; 002 四(三)) or the platform may object to any.

export interface AssertedSubject {
  type: SubjectType | null;
  id: string | null;
}

/**
 * Checked before the entry is read: the caller's kind, a subject token that names itself, and the
 * subject the input names (optional here; it is only compared with the entry's subject afterwards).
 */
export function assertedSubject(caller: Caller, input: SubjectInput, pseudonymOf: (idNumber: string) => string): AssertedSubject {
  if (!MAY_FILE.includes(caller.kind)) {
    throw new RuleViolation('input', 'MAY_NOT_FILE', `a ${caller.kind} caller may not file objections or repair applications`, ErrorCode.FORBIDDEN);
  }
  const own = caller.subject;
  if (caller.kind === 'SUBJECT' && !own) throw new RuleViolation('input', 'NOT_YOURSELF', 'this subject token names no subject', ErrorCode.FORBIDDEN);
  const type = input.subjectType ?? null;
  if (!input.subjectId) return { type, id: null };
  const idType = type ?? own?.type;
  if (!idType) throw new RuleViolation('input.subjectType', 'REQUIRED', 'input.subjectType is required with input.subjectId');
  const id = canonicalSubjectId(idType, input.subjectId, 'input.subjectId', pseudonymOf);
  if (own && (own.type !== idType || own.id !== id)) throw new RuleViolation('input.subjectId', 'NOT_YOURSELF', 'a subject may act only for itself', ErrorCode.FORBIDDEN);
  return { type: idType, id };
}

/**
 * Unknown to the lists subgraph (or unpublished: it does not show those to the SERVICE caller), or not
 * the calling subject's: one answer, whose message says nothing of whether the entry exists.
 */
export function listEntryNotFound(field: string, id: string): RuleViolation {
  return new RuleViolation(field, 'LIST_ENTRY_NOT_FOUND', `no list entry ${id} that the caller may act on`, ErrorCode.NOT_FOUND);
}

/**
 * The entry's subject, once the entry is known. A SUBJECT caller must be that subject: another's entry
 * is answered as an unknown id (NOT_FOUND naming `targetField`), so no id tells it what others have.
 * Subject fields given in the input must name it (BAD_USER_INPUT).
 */
export function subjectOfEntry(caller: Caller, entry: { id: string; subject: SubjectRef }, asserted: AssertedSubject, targetField: string): SubjectRef {
  const own = caller.subject;
  const entrySubject = entry.subject;
  if (caller.kind === 'SUBJECT' && (!own || own.type !== entrySubject.type || own.id !== entrySubject.id)) throw listEntryNotFound(targetField, entry.id);
  if (asserted.type !== null && asserted.type !== entrySubject.type) {
    throw new RuleViolation('input.subjectType', 'NOT_THE_ENTRY_SUBJECT', `input.subjectType ${asserted.type} is not the type of the entry's subject`);
  }
  if (asserted.id !== null && asserted.id !== entrySubject.id) {
    throw new RuleViolation('input.subjectId', 'NOT_THE_ENTRY_SUBJECT', "input.subjectId does not name the entry's subject");
  }
  return entrySubject;
}

/**
 * Repair is applied for while the entry is in force (000 item 38; 002 四(四)): ACTIVE. A BLACK entry awaiting
 * its notice is not in force, nor shown to its subject (lists publication.ts), so there is nothing to repair yet.
 */
export const REPAIRABLE_STATUSES = ['ACTIVE'] as const;

export function requireRepairable(field: string, entry: { id: string; status: string }): void {
  if (!(REPAIRABLE_STATUSES as readonly string[]).includes(entry.status)) {
    throw new RuleViolation(field, 'LIST_ENTRY_NOT_IN_FORCE', `list entry ${entry.id} is ${entry.status}; repair applies to an entry in force`, ErrorCode.CONFLICT);
  }
}
