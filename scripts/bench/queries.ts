import { BATCH_QUERY } from '../../test/support/queries';

// The bench's operations (issue 14): what each gateway is loaded with, as request bodies in rotation
// so caches see many keys. The caller is demo-department with a declared purpose.
export const PURPOSE = 'ADMINISTRATIVE_APPROVAL';

/** Q1: one company — name, legal representative, list entries, applicable measures, dishonesty count (5 fetches). */
export const Q1 = `query Q1($uscc: USCC!) {
  legalPerson(uscc: $uscc) {
    uscc name
    legalRepresentative { id name idNumber }
    dishonestRecordCount
    listEntries { id listType domain status periodEndsOn }
    applicableMeasures(purpose: ${PURPOSE}) { measure { id kind mandatory description } listEntry { id } suspended }
  }
}`;

/** Q2: a page of 100 list entries with their subject, its legal representative and measures. */
export const Q2 = `query Q2($listType: ListType, $decidedTo: String) {
  listEntries(first: 100, filter: { listType: $listType, decidedTo: $decidedTo }) {
    edges { node { id listType domain status decidedOn
      subject { ... on LegalPerson { uscc name legalRepresentative { id name } applicableMeasures(purpose: ${PURPOSE}) { measure { id mandatory } suspended } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Q3 and the large batch: a batch credit check. */
export const BATCH = BATCH_QUERY;

export interface Scenario {
  id: string;
  title: string;
  connections: number;
  /** Round length relative to BENCH_SECONDS (slow operations need longer rounds to complete enough). */
  length: number;
  bodies: string[];
}

const body = (query: string, variables: object) => JSON.stringify({ query, variables });

export function scenarios(usccs: string[]): Scenario[] {
  const years = ['2026-12-31', '2025-12-31', '2024-12-31', '2023-12-31', '2022-12-31'];
  const slice = (size: number, k: number) => Array.from({ length: size }, (_, i) => usccs[(k * size + i) % usccs.length]);
  return [
    { id: 'Q1', title: 'Q1 one company (5 fetches)', connections: 16, length: 1, bodies: usccs.slice(0, 500).map((uscc) => body(Q1, { uscc })) },
    { id: 'Q2', title: 'Q2 100 list entries with subject, representative, measures', connections: 16, length: 2, bodies: ['BLACK', 'RED', 'KEY_ATTENTION'].flatMap((listType) => years.map((decidedTo) => body(Q2, { listType, decidedTo }))) },
    { id: 'Q3', title: 'Q3 1,000-subject batch check', connections: 4, length: 2, bodies: [0, 1, 2, 3, 4].map((k) => body(BATCH, { usccs: slice(1000, k) })) },
  ];
}

export function largeBatch(usccs: string[], size: number): string {
  return body(BATCH, { usccs: Array.from({ length: size }, (_, i) => usccs[i % usccs.length]) });
}
