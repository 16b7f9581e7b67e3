import { hasScope, type Caller } from '../protocol/caller';
import { forbidden } from '../protocol/errors';
import { Scope } from '../protocol/scopes';

// Internal mutations (@inaccessible: the gateway never exposes them) take outbox deliveries only: a
// caller signed with the service key, which can vouch for nothing but the SERVICE kind.
export function requireInternalService(caller: Caller, mutation: string): void {
  if (caller.kind === 'SERVICE' && hasScope(caller, Scope.INTERNAL)) return;
  throw forbidden(`${mutation} is an internal mutation for outbox deliveries`);
}
