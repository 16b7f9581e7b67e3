import type { SubjectRef } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { lookupEntities } from '../kit/server/entity-lookup';
import { subjectAccess } from '../kit/server/row-access';
import type { SubgraphContext } from '../kit/server/subgraph';

// Feedback is about a list entry that exists (000 序号23), and an association reports only on
// entries of its own member companies (000 item 18): the entry and its subject are read from the
// lists subgraph, membership through the kit's row rule, before anything is written.

const SELECTION = 'id listedBy subject { __typename ... on LegalPerson { uscc } ... on NaturalPerson { id } }';

interface Answer {
  id: string;
  listedBy: string;
  subject: { __typename: 'LegalPerson'; uscc: string } | { __typename: 'NaturalPerson'; id: string } | null;
}

type LookupContext = Pick<SubgraphContext, 'caller' | 'keys' | 'urlOf'>;

async function subjectOfEntry(ctx: LookupContext, listEntryId: string): Promise<{ subject: SubjectRef; listedBy: string }> {
  const [row] = await lookupEntities<Answer>('lists', 'ListEntry', [listEntryId], SELECTION, { keys: ctx.keys, urlOf: ctx.urlOf, source: 'measures' });
  if (!row?.subject) throw new RuleViolation('input.listEntryId', 'LIST_ENTRY_NOT_FOUND', `no list entry ${listEntryId}`, ErrorCode.NOT_FOUND);
  const subject: SubjectRef = row.subject.__typename === 'LegalPerson' ? { type: 'LEGAL_PERSON', id: row.subject.uscc } : { type: 'NATURAL_PERSON', id: row.subject.id };
  return { subject, listedBy: row.listedBy };
}

/**
 * NOT_FOUND when the entry does not exist; FORBIDDEN NOT_A_MEMBER when the caller's row rule refuses its subject.
 * Returns the entry's initiating department, kept with the feedback for the implementation statistics.
 */
export async function requireFeedbackTarget(ctx: LookupContext, listEntryId: string): Promise<string> {
  const { subject, listedBy } = await subjectOfEntry(ctx, listEntryId);
  if (await subjectAccess(ctx, 'measures').load(subject)) return listedBy;
  // Of the implementers only an association has a row rule (kit/row-access): its members only.
  throw new RuleViolation('input.listEntryId', 'NOT_A_MEMBER', `list entry ${listEntryId} is about a company that is not a member of the calling association`, ErrorCode.FORBIDDEN);
}
