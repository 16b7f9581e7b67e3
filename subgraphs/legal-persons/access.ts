import type { Caller } from '../kit/protocol/caller';
import { mayReadSubject } from '../kit/server/row-access';

// Row-level access to a legal person (ARCHITECTURE.md "Identity and authorization"), the kit's one
// row rule with membership from this subgraph's own table; field-level scopes are checked before this.
export function mayRead(caller: Caller, uscc: string, isMember: boolean): boolean {
  return mayReadSubject(caller, { type: 'LEGAL_PERSON', id: uscc }, isMember);
}
