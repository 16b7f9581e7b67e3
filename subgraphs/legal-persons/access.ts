import type { Caller } from '../kit/protocol/caller';

// Row-level access to a legal person (ARCHITECTURE.md "Identity and authorization"); field-level
// scopes are checked before this, at the gateway and again from the SDL.
export function mayRead(caller: Caller, uscc: string, isMember: boolean): boolean {
  // 000 item 18: an association regulates its own members only.
  if (caller.kind === 'ASSOCIATION') return isMember;
  // 001 Art. 15, 29: a subject reads its own information.
  if (caller.kind === 'SUBJECT') return caller.subject?.type === 'LEGAL_PERSON' && caller.subject.id === uscc;
  return true;
}
