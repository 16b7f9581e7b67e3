import type { Caller, SubjectRef, SubjectType } from '../../kit/protocol/caller';
import { residentIdRuleBroken, usccRuleBroken } from '../../kit/protocol/codes';
import { ErrorCode, RuleViolation } from '../../kit/protocol/errors';
import { NATURAL_PERSON_ID } from '../../kit/protocol/pseudonym';

// Who an objection or repair application is about. A subject acts only for itself (CONTRACT.md
// FORBIDDEN "not yourself"); an implementing department that finds an error may object for a subject
// (000 item 17; 001 Art. 31), and so may the platform's administrators.

/** Kinds that may file objections and repair applications (associations, agencies and the public may not). */
export const MAY_FILE: readonly Caller['kind'][] = ['SUBJECT', 'DEPARTMENT', 'COURT', 'ADMIN'];


export interface SubjectInput {
  subjectType?: SubjectType | null;
  subjectId?: string | null;
}

/**
 * The subject's canonical key: a USCC (check characters verified) or a NaturalPerson.id. A resident id
 * number is turned into its pseudonym here, so the number itself is never stored.
 */
export function canonicalSubjectId(type: SubjectType, raw: string, field: string, pseudonymOf: (idNumber: string) => string): string {
  const value = raw.trim();
  if (type === 'LEGAL_PERSON') {
    const uscc = value.toUpperCase();
    const rule = usccRuleBroken(uscc);
    if (rule) throw new RuleViolation(field, rule === 'LENGTH' || rule === 'ALPHABET' ? `USCC_${rule}` : rule, `${field} "${raw}" is not a valid USCC (${rule})`);
    return uscc;
  }
  if (NATURAL_PERSON_ID.test(value)) return value;
  if (!residentIdRuleBroken(value.toUpperCase())) return pseudonymOf(value.toUpperCase());
  throw new RuleViolation(field, 'NATURAL_PERSON_ID', `${field} must be a NaturalPerson.id (np_…) or a valid resident id number`);
}

export function actingSubject(caller: Caller, input: SubjectInput, pseudonymOf: (idNumber: string) => string): SubjectRef {
  if (!MAY_FILE.includes(caller.kind)) {
    throw new RuleViolation('input', 'MAY_NOT_FILE', `a ${caller.kind} caller may not file objections or repair applications`, ErrorCode.FORBIDDEN);
  }
  const own = caller.subject;
  if (caller.kind === 'SUBJECT' && !own) throw new RuleViolation('input', 'NOT_YOURSELF', 'this subject token names no subject', ErrorCode.FORBIDDEN);
  if (input.subjectId && !input.subjectType && !own) throw new RuleViolation('input.subjectType', 'REQUIRED', 'input.subjectType is required with input.subjectId');
  if (!input.subjectId) {
    if (own) return own;
    throw new RuleViolation('input.subjectId', 'REQUIRED', 'input.subjectId is required when the caller does not act for itself as a subject');
  }
  const type = input.subjectType ?? own!.type;
  const subject: SubjectRef = { type, id: canonicalSubjectId(type, input.subjectId, 'input.subjectId', pseudonymOf) };
  if (own && (own.type !== subject.type || own.id !== subject.id)) {
    throw new RuleViolation('input.subjectId', 'NOT_YOURSELF', 'a subject may act only for itself', ErrorCode.FORBIDDEN);
  }
  return subject;
}
