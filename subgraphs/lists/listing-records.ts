import type { SubjectRef } from '../kit/protocol/caller';
import { RuleViolation } from '../kit/protocol/errors';
import { lookupEntities } from '../kit/server/entity-lookup';
import type { SubgraphContext } from '../kit/server/subgraph';
import { recordOwner } from '../kit/protocol/topology';

// The records a listing rests on (ListSubjectInput.recordIds) must be its subject's own and in force:
// an objection to a record suspends every entry resting on it, whoever it is about (objection-pauses.ts),
// and information past its query period is not used (001 Art. 30). The record's owner subgraph answers
// through its CreditRecord entity, as for objections (objections/record-facts.ts); there a revoked,
// withdrawn, repaired or expired record is unknown.

/** BAD_USER_INPUT naming input.recordIds[i] for the first id that is not a record in force of `subject`. */
export async function requireOwnRecords(ctx: Pick<SubgraphContext, 'keys' | 'urlOf'>, subject: SubjectRef, ids: readonly string[]): Promise<void> {
  const rows = await lookupEntities<{ subjectKey: string }>(recordOwner(subject.type), 'CreditRecord', ids, 'subjectKey', { keys: ctx.keys, urlOf: ctx.urlOf, source: 'lists' });
  rows.forEach((row, i) => {
    const field = `input.recordIds[${i}]`;
    if (!row) throw new RuleViolation(field, 'CREDIT_RECORD_NOT_FOUND', `${field}: no credit record ${ids[i]} of this subject is in force`);
    if (row.subjectKey !== subject.id) throw new RuleViolation(field, 'NOT_THE_RECORD_SUBJECT', `${field}: credit record ${ids[i]} is not a record of the subject listed`);
  });
}
