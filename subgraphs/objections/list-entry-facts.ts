import type { SubjectRef } from '../kit/protocol/caller';
import { lookupEntities } from '../kit/server/entity-lookup';
import type { KeyFiles } from '../kit/protocol/keys';
import type { SubgraphName } from '../kit/protocol/topology';
import { listEntryNotFound } from './rules/entry-subject';

// What an objection or repair application needs to know about its list entry, read from the lists
// subgraph's API (schema/lists.graphql ListEntry): whose entry it is, who listed it, where, its
// status and the records it rests on. Only fields without @requiresScopes are selected, so the SERVICE caller reads them. Like the public, it
// reads published entries only: an unpublished one, or a BLACK entry awaiting its notice, is LIST_ENTRY_NOT_FOUND.

export interface ListEntryFacts {
  id: string;
  listType: 'RED' | 'BLACK' | 'KEY_ATTENTION';
  /** Status as of today on the lists side: ACTIVE, PENDING_NOTICE, EXPIRED, REMOVED, REVOKED. */
  status: string;
  subject: SubjectRef;
  /** Org code of the initiating department ("who finds, repairs"). */
  listedBy: string;
  jurisdiction: string;
  decidedOn: string;
  /** 001 Art. 26 category the listing unit stated (or its domain's default); null when none. */
  seriousBehaviour: string | null;
  /** Credit records the listing rests on: an Art. 26 one among them bars repair of the entry too. */
  recordIds: string[];
}

const SELECTION = 'id listType status listedBy jurisdiction decidedOn seriousBehaviour recordIds subject { __typename ... on LegalPerson { uscc } ... on NaturalPerson { id } }';

interface Answer {
  id: string;
  listType: ListEntryFacts['listType'];
  status: string;
  listedBy: string;
  jurisdiction: string;
  decidedOn: string;
  seriousBehaviour: string | null;
  recordIds: string[];
  subject: { __typename: 'LegalPerson'; uscc: string } | { __typename: 'NaturalPerson'; id: string };
}

export interface LookupContext {
  keys: KeyFiles;
  urlOf?: (name: SubgraphName) => string;
}

function lookup(ctx: LookupContext, ids: readonly string[]): Promise<(Answer | null)[]> {
  return lookupEntities<Answer>('lists', 'ListEntry', ids, SELECTION, { keys: ctx.keys, urlOf: ctx.urlOf, source: 'objections' });
}

function subjectOf(row: Answer): SubjectRef {
  return row.subject.__typename === 'LegalPerson' ? { type: 'LEGAL_PERSON', id: row.subject.uscc } : { type: 'NATURAL_PERSON', id: row.subject.id };
}

/** The entry's facts, or a NOT_FOUND naming `field` when the lists subgraph does not show the id. */
export async function listEntryFacts(ctx: LookupContext, field: string, id: string): Promise<ListEntryFacts> {
  const [row] = await lookup(ctx, [id]);
  if (!row) throw listEntryNotFound(field, id);
  return { id: row.id, listType: row.listType, status: row.status, subject: subjectOf(row), listedBy: row.listedBy, jurisdiction: row.jurisdiction, decidedOn: row.decidedOn, seriousBehaviour: row.seriousBehaviour, recordIds: row.recordIds };
}
