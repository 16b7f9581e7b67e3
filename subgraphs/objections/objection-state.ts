import type { EntityManager } from 'typeorm';
import { enqueue } from '../kit/server/outbox';
import type { ObjectionRow } from './entities';
import { jurisdictionPolicies } from './jurisdictions';

// When an objection opens or closes, the lists subgraph records SUSPENDED / RESUMED on the entries it
// concerns (the entry objected to, or those resting on the record objected to), so implementing units
// read the pause in listChanges (000 item 17; 002 四(三)). Which divisions suspend is this subgraph's
// policy (jurisdictions.yaml); the message carries it, since only lists knows which entries a record
// carries. Written in the objection's transaction, delivered by the outbox (down means late, never lost).

export const RECORD_OBJECTION_STATE = `mutation RecordObjectionState($objectionId: ID!, $targetType: String!, $targetId: ID!, $subjectKey: String!, $open: Boolean!, $on: String!, $suspendingDivisions: [String!]!, $nonSuspendingDivisions: [String!]!, $suspendsElsewhere: Boolean!) {
  recordObjectionState(objectionId: $objectionId, targetType: $targetType, targetId: $targetId, subjectKey: $subjectKey, open: $open, on: $on, suspendingDivisions: $suspendingDivisions, nonSuspendingDivisions: $nonSuspendingDivisions, suspendsElsewhere: $suspendsElsewhere)
}`;

export function enqueueObjectionState(manager: EntityManager, row: ObjectionRow, open: boolean, on: string): Promise<void> {
  const policies = jurisdictionPolicies();
  const suspending = (d: string) => policies.policyFor(d).suspendWhileVerifying;
  return enqueue(manager, 'lists', RECORD_OBJECTION_STATE, {
    objectionId: row.id,
    targetType: row.targetType,
    targetId: row.targetId,
    subjectKey: `${row.subjectType}:${row.subjectId}`,
    open,
    on,
    suspendingDivisions: policies.divisions().filter(suspending),
    nonSuspendingDivisions: policies.divisions().filter((d) => !suspending(d)),
    suspendsElsewhere: policies.policyFor('default').suspendWhileVerifying,
  });
}
