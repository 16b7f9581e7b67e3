import type { Caller, SubjectRef, SubjectType } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { lookupEntities } from '../kit/server/entity-lookup';
import { recordOwner } from '../kit/protocol/topology';
import type { LookupContext } from './list-entry-facts';

// What an objection to a credit record, or a repair of one, needs to know about the record, read when
// it is filed from the person subgraph that owns it (CreditRecord entity): whose it is, who provided
// it, and what it is. Kept on the objection row, so no read ever asks again.

export interface RecordFacts {
  id: string;
  subjectKey: string;
  provider: string;
  dishonest: boolean;
  decidedOn: string;
  decisionKind: string;
  penaltyTier: string | null;
  seriousBehaviour: string | null;
}

const SELECTION = 'id subjectKey provider dishonest decidedOn decisionKind penaltyTier seriousBehaviour';


/**
 * The record, checked to be the subject's own: unknown (or revoked, repaired, withdrawn) is NOT_FOUND,
 * both naming `field`. Someone else's record is NOT_FOUND too for a SUBJECT caller — a FORBIDDEN would
 * tell it that the record exists (record ids are computable) — and FORBIDDEN for an official that named
 * the wrong subject.
 */
export async function recordFacts(ctx: LookupContext, caller: Caller, field: string, id: string, subject: SubjectRef): Promise<RecordFacts> {
  const [row] = await lookupEntities<RecordFacts>(recordOwner(subject.type), 'CreditRecord', [id], SELECTION, { keys: ctx.keys, urlOf: ctx.urlOf, source: 'objections' });
  if (!row || (row.subjectKey !== subject.id && caller.kind === 'SUBJECT')) {
    throw new RuleViolation(field, 'CREDIT_RECORD_NOT_FOUND', `no credit record ${id} of this subject is in force`, ErrorCode.NOT_FOUND);
  }
  if (row.subjectKey !== subject.id) throw new RuleViolation(field, 'NOT_THE_RECORD_SUBJECT', `credit record ${id} is not a record of the subject named`, ErrorCode.FORBIDDEN);
  return row;
}

/**
 * The first of `ids` (records a list entry rests on) that the provider stated to be an 001 Art. 26
 * behaviour, or null. Read in the owner of the entry subject's records; ids it does not show are skipped.
 */
export async function seriousRecordAmong(ctx: LookupContext, subjectType: SubjectType, ids: readonly string[]): Promise<{ id: string; seriousBehaviour: string } | null> {
  const rows = await lookupEntities<{ id: string; seriousBehaviour: string | null }>(recordOwner(subjectType), 'CreditRecord', ids, 'id seriousBehaviour', { keys: ctx.keys, urlOf: ctx.urlOf, source: 'objections' });
  const serious = rows.find((r) => r?.seriousBehaviour != null);
  return serious ? { id: serious.id, seriousBehaviour: serious.seriousBehaviour! } : null;
}
