import type { Caller } from '../kit/protocol/caller';

// Row level: a subject acting for itself sees its own objections and repair applications only
// (001 Art. 29); officials and the platform see all, as the gateway's field scopes allow.
interface SubjectRow {
  subjectType: string;
  subjectId: string;
}

export function isOwn(caller: Caller, row: SubjectRow): boolean {
  return caller.kind !== 'SUBJECT' || (caller.subject?.type === row.subjectType && caller.subject.id === row.subjectId);
}

export function ownOnly<R extends SubjectRow>(caller: Caller, rows: R[]): R[] {
  return caller.kind === 'SUBJECT' ? rows.filter((r) => isOwn(caller, r)) : rows;
}

/**
 * A single row by id: someone else's is answered as an unknown id (null, no error). A FORBIDDEN here
 * would tell a subject that another subject's objection or repair application exists.
 */
export function ownOrUnknown<R extends SubjectRow>(caller: Caller, row: R | null): R | null {
  return row && isOwn(caller, row) ? row : null;
}
