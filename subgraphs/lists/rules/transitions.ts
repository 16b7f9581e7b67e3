import type { ListEntryStatus } from './status';

// How an entry leaves the list (002 四(四); 001 Art. 31–32): removal after repair or by the
// listing department, revocation when the listing was wrong. Each returns the broken rule or null.

/** Removal ends an entry that is still on the list (or waiting for its notice). */
export function removalRuleBroken(status: ListEntryStatus): 'NOT_ON_LIST' | null {
  return status === 'ACTIVE' || status === 'PENDING_NOTICE' ? null : 'NOT_ON_LIST';
}

/** A wrong listing is revoked whatever happened to it since (001 Art. 31: the record is corrected), once. */
export function revocationRuleBroken(status: ListEntryStatus): 'ALREADY_REVOKED' | null {
  return status === 'REVOKED' ? 'ALREADY_REVOKED' : null;
}

/** Only an entry in force can have its period extended. */
export function extensionStatusRuleBroken(status: ListEntryStatus): 'NOT_ACTIVE' | null {
  return status === 'ACTIVE' ? null : 'NOT_ACTIVE';
}

/** Only a BLACK entry waiting for its notice accepts one. */
export function noticeStatusRuleBroken(status: ListEntryStatus): 'NOT_PENDING_NOTICE' | null {
  return status === 'PENDING_NOTICE' ? null : 'NOT_PENDING_NOTICE';
}

export const DECISION_STATUSES = ['REMOVED', 'REVOKED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * A repair approval (REMOVED) or an upheld objection (REVOKED) delivered by another subgraph.
 * Delivery must always be acknowledged, so a decision that no longer changes anything is a no-op.
 */
export function decisionEffect(status: ListEntryStatus, target: DecisionStatus): 'APPLY' | 'NOOP' {
  if (target === 'REVOKED') return status === 'REVOKED' ? 'NOOP' : 'APPLY';
  // Repair of an entry already removed or revoked changes nothing; an expired one is still marked repaired.
  return status === 'ACTIVE' || status === 'PENDING_NOTICE' || status === 'EXPIRED' ? 'APPLY' : 'NOOP';
}
