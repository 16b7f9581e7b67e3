import type { Caller } from '../kit/protocol/caller';
import { clientError, ErrorCode } from '../kit/protocol/errors';
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
