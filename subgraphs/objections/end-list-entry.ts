import type { EntityManager } from 'typeorm';
import { enqueue } from '../kit/outbox';

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

export function enqueueEndListEntry(manager: EntityManager, message: EndListEntry): Promise<void> {
  return enqueue(manager, 'lists', END_LIST_ENTRY_BY_DECISION, { ...message });
}
