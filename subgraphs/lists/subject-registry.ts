import type { SubjectRef } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { lookupEntities, serviceQuery } from '../kit/server/entity-lookup';
import type { SubgraphContext } from '../kit/server/subgraph';

// 000 items 10, 22: the initiating department lists a subject the platform has registered. An entry
// about an unknown USCC or NaturalPerson.id would have a subject no read can resolve, so the write is
// refused; the subgraph that registers the subject is asked, as a SERVICE caller.

const REGISTERED_NATURAL_PERSONS = 'query($ids:[ID!]!){ registeredNaturalPersons(ids:$ids) }';

async function isRegistered(ctx: Pick<SubgraphContext, 'keys' | 'urlOf'>, subject: SubjectRef): Promise<boolean> {
  const options = { keys: ctx.keys, urlOf: ctx.urlOf, source: 'lists' };
  if (subject.type === 'LEGAL_PERSON') {
    const [row] = await lookupEntities<{ uscc: string }>('legal-persons', 'LegalPerson', [subject.id], 'uscc', { ...options, key: 'uscc' });
    return row !== null;
  }
  const data = await serviceQuery<{ registeredNaturalPersons: string[] }>('natural-persons', REGISTERED_NATURAL_PERSONS, { ids: [subject.id] }, options);
  return data.registeredNaturalPersons.includes(subject.id);
}

/** NOT_FOUND naming input.subjectId when the subject is not registered; nothing is written then. */
export async function requireRegisteredSubject(ctx: Pick<SubgraphContext, 'keys' | 'urlOf'>, subject: SubjectRef): Promise<void> {
  if (await isRegistered(ctx, subject)) return;
  const what = subject.type === 'LEGAL_PERSON' ? 'legal person' : 'natural person';
  throw new RuleViolation('input.subjectId', 'SUBJECT_NOT_FOUND', `no ${what} ${subject.id} is registered on the platform`, ErrorCode.NOT_FOUND);
}
