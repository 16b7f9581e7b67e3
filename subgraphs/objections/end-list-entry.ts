import type { EntityManager } from 'typeorm';
import { enqueue } from '../kit/server/outbox';

// A decision here that ends a listing is delivered to the lists subgraph through the outbox, written in
// the same transaction as the decision (down means late, never lost). The lists subgraph owns the entry.

export const END_LIST_ENTRY_BY_DECISION = `mutation EndListEntryByDecision($id: ID!, $status: ListEntryStatus!, $reason: String!, $endedOn: String!, $decisionRef: ID!) {
  endListEntryByDecision(id: $id, status: $status, reason: $reason, endedOn: $endedOn, decisionRef: $decisionRef)
}`;

export interface EndListEntry {
  /** The list entry. */
  id: string;
  /** REVOKED after an objection found it wrong (000 item 17); REMOVED after repair (002 四(四)). */
  status: 'REVOKED' | 'REMOVED';
  reason: string;
  endedOn: string;
  /** The objection or repair application id: makes delivery idempotent on the lists side. */
  decisionRef: string;
}

/** lists/lifecycle.ts endListEntryByDecision refuses a reason over 500 characters (the relay would retry forever). */
export const RELAYED_REASON_MAX = 500;

/** At most RELAYED_REASON_MAX characters, cut with an ellipsis (never inside a surrogate pair); the full text stays here. */
export function relayedReason(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= RELAYED_REASON_MAX) return trimmed;
  let cut = trimmed.slice(0, RELAYED_REASON_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function enqueueEndListEntry(manager: EntityManager, message: EndListEntry): Promise<void> {
  return enqueue(manager, 'lists', END_LIST_ENTRY_BY_DECISION, { ...message, reason: relayedReason(message.reason) });
}
