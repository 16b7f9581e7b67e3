import type { Caller, SubjectRef } from '../protocol/caller';
import { forbidden } from '../protocol/errors';

// Row-level access to a legal person is decided by the legal-persons subgraph (members of an
// association, a subject itself) and reaches the other subgraphs as the @requires field
// `callerMayRead`; each of them refuses the row when it is false.
export interface RowAccess {
  uscc: string;
  callerMayRead?: boolean;
}

export function assertReadable(ref: RowAccess): void {
  if (ref.callerMayRead === false) throw forbidden(`the caller may not read legal person ${ref.uscc}`);
}

/** Wraps a LegalPerson field resolver so it first checks the row-level decision. */
export function readableOnly<A, C, R>(resolve: (ref: RowAccess, args: A, ctx: C) => R): (ref: RowAccess, args: A, ctx: C) => R {
  return (ref, args, ctx) => {
    assertReadable(ref);
    return resolve(ref, args, ctx);
  };
}

/** 001 Art. 15, 29: a subject acting for itself reads its own information only; other callers pass. */
export function isSelfOrNotSubject(caller: Caller, subject: SubjectRef): boolean {
  return caller.kind !== 'SUBJECT' || (caller.subject?.type === subject.type && caller.subject.id === subject.id);
}

export function assertSelfIfSubject(caller: Caller, subject: SubjectRef): void {
  if (!isSelfOrNotSubject(caller, subject)) throw forbidden(`${caller.clientId} acts for itself only and may not read ${subject.type === 'NATURAL_PERSON' ? 'natural person' : 'legal person'} ${subject.id}`);
}
