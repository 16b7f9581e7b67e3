// Operations shared by the end-to-end tests and the benchmark, so both measure and assert the same thing.

/** The demo subject joined across all five subgraphs. */
export const SUBJECT_QUERY = `query Subject($uscc: USCC!) {
  legalPerson(uscc: $uscc) {
    uscc name
    legalRepresentative { id name idNumber representedLegalPersons { uscc } listEntries { listType } }
    creditRecords(dishonestOnly: true, first: 5) { totalCount edges { node { category title dishonest } } }
    dishonestRecordCount
    listEntries { id listType domain status subject { ... on LegalPerson { uscc } } }
    applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { id kind mandatory } listEntry { id listType } suspended suspensionReason }
    objections { id }
  }
}`;

/** A batch credit check: for each company, its entries, dishonesty count and applicable measures. */
export const BATCH_QUERY = `query Batch($usccs: [USCC!]!) {
  legalPersons(usccs: $usccs) {
    uscc
    dishonestRecordCount
    listEntries { id listType status }
    applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { id mandatory } listEntry { id } suspended }
  }
}`;
