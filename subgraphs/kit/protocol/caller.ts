// Who is calling: the identity the gateway verified and passes, signed, to every subgraph.

export const QUERY_PURPOSES = [
  'ADMINISTRATIVE_APPROVAL',
  'ADMINISTRATIVE_PENALTY',
  'DAILY_SUPERVISION',
  'GOVERNMENT_PROCUREMENT',
  'BIDDING',
  'COMMENDATION',
  'FUNDING_SUPPORT',
  'RECRUITMENT_PROMOTION',
  'JUDICIAL',
  'INDUSTRY_SELF_REGULATION',
  'SELF_QUERY',
] as const;
export type QueryPurpose = (typeof QUERY_PURPOSES)[number];

export const CLIENT_KINDS = ['DEPARTMENT', 'COURT', 'ASSOCIATION', 'AGENCY', 'SUBJECT', 'ADMIN', 'PUBLIC', 'SERVICE'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export type SubjectType = 'LEGAL_PERSON' | 'NATURAL_PERSON';
export interface SubjectRef {
  type: SubjectType;
  /** USCC for a legal person, the opaque NaturalPerson.id for a natural person. */
  id: string;
}

export interface Caller {
  clientId: string | null;
  kind: ClientKind;
  /** Organization code (or USCC) of the calling unit. */
  org: string | null;
  /** Administrative division code of the calling unit, e.g. 310106 (Jing'an). */
  jurisdiction: string | null;
  /** Industry code of an association. */
  industry: string | null;
  scopes: string[];
  purpose: QueryPurpose | null;
  requestId: string;
  /** Set when a subject acts for itself. */
  subject: SubjectRef | null;
  /** Domains in which this unit may list subjects (lists), from the authorization matrix. */
  listingDomains: string[];
  /** The staff member who queries (001 Art. 17 (二)): the token's `operator` claim, when it names one. */
  operator?: string | null;
}

export function publicCaller(requestId: string): Caller {
  return { clientId: null, kind: 'PUBLIC', org: null, jurisdiction: null, industry: null, scopes: [], purpose: null, requestId, subject: null, listingDomains: [] };
}

/** Who acted, as recorded next to a decision (org code, else client id, else kind), within 64 characters. */
export function actorOf(caller: Caller): string {
  return (caller.org ?? caller.clientId ?? caller.kind).slice(0, 64);
}

export function hasScope(caller: Caller, scope: string): boolean {
  return caller.scopes.includes(scope);
}
