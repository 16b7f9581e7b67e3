import type { EntityManager } from 'typeorm';
import type { SubjectType } from '../kit/protocol/caller';
import type { RecordCorrection } from '../kit/credit-records/correction';
import type { RecordEffect } from '../kit/credit-records/decision';
import { enqueue } from '../kit/server/outbox';
import { recordOwner } from '../kit/protocol/topology';

// A decision here that changes a credit record is delivered to the person subgraph that owns the record
// through the outbox, in the same transaction as the decision (down means late, never lost).

export const APPLY_CREDIT_RECORD_DECISION = `mutation ApplyCreditRecordDecision($id: ID!, $effect: RecordEffect!, $note: String, $correction: CreditRecordCorrectionInput, $on: String!) {
  applyCreditRecordDecision(id: $id, effect: $effect, note: $note, correction: $correction, on: $on)
}`;

export interface RecordEffectMessage {
  subjectType: SubjectType;
  id: string;
  effect: RecordEffect;
  note?: string | null;
  correction?: RecordCorrection | null;
  on: string;
}

export function enqueueRecordEffect(manager: EntityManager, { subjectType, ...message }: RecordEffectMessage): Promise<void> {
  return enqueue(manager, recordOwner(subjectType), APPLY_CREDIT_RECORD_DECISION, { note: null, correction: null, ...message });
}
