import type { Caller, SubjectRef } from '../kit/protocol/caller';
import { forbidden } from '../kit/protocol/errors';

// 001 Art. 29: a subject knows who queried it and why; the platform's operators audit every log.
// Anyone else is FORBIDDEN: who looked at a subject is itself non-public.
export function mayReadLog(caller: Caller, subject: SubjectRef): boolean {
  if (caller.kind === 'ADMIN') return true;
  return caller.kind === 'SUBJECT' && caller.subject?.type === subject.type && caller.subject.id === subject.id;
}

export function assertMayReadLog(caller: Caller, subject: SubjectRef): void {
  if (!mayReadLog(caller, subject)) throw forbidden(`${caller.clientId ?? 'the public'} may not read the access log of ${subject.id}: only the subject itself and the platform may`);
}
