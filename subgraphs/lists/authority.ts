import { hasScope, type Caller } from '../kit/protocol/caller';
import { clientError, ErrorCode } from '../kit/protocol/errors';
import { Scope } from '../kit/protocol/scopes';
import type { ListEntryRow } from './entities';

// Who may change list entries. 002 四(三): "who decides is responsible" — the initiating department
// manages its own entries; nobody else, the platform's operators included, acts for it.

export { actorOf } from '../kit/protocol/caller';

/** 000 item 10: the initiating department lists subjects, only in the domains it is responsible for. */
export function requireListingRight(caller: Caller, domain: string): { org: string; jurisdiction: string } {
  if (!caller.listingDomains.includes(domain)) {
    throw clientError(ErrorCode.FORBIDDEN, `the calling unit may not list subjects in domain "${domain}"`, { domain });
  }
  if (!caller.org || !caller.jurisdiction) throw clientError(ErrorCode.FORBIDDEN, 'only a unit with an org code and a jurisdiction may list subjects', { domain });
  return { org: caller.org, jurisdiction: caller.jurisdiction };
}

export function requireEntryManager(caller: Caller, entry: ListEntryRow): void {
  if (caller.org !== null && caller.org === entry.listedBy) return;
  throw clientError(ErrorCode.FORBIDDEN, `only the listing department (${entry.listedBy}) may change list entry ${entry.id} (002 四(三): who decides is responsible)`, { listedBy: entry.listedBy });
}

/** Outbox deliveries from the objections subgraph: service identity with the internal scope only. */
export function requireInternalService(caller: Caller): void {
  if (caller.kind === 'SERVICE' && hasScope(caller, Scope.INTERNAL)) return;
  throw clientError(ErrorCode.FORBIDDEN, 'endListEntryByDecision is an internal mutation for outbox deliveries');
}
