import { bulkRecordsForLegalPerson, type RecordPlan } from '../../subgraphs/kit/demo/bulk-data';
import { demoRecordRow } from '../../subgraphs/kit/demo/record-rows';
import { type CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import { DEMO_ORGS, isDemoAssociationMember, legalPersonAt, listEntriesForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import type { LegalPersonRow, MembershipRow, RepresentativeTermRow } from '../../subgraphs/legal-persons/entities';
import { pushListEntries, type ListSinks } from './list-rows';
import type { TableSink } from './sink';

// Legal persons by index (kit/demo/demo-data.ts legalPersonAt), with the demo association's members,
// their credit records and list entries. Company i's legal representative is natural person
// i mod M, stored as the same pseudonym the natural-persons database uses as its key.

export interface LegalPersonSinks {
  people: TableSink<LegalPersonRow>;
  members: TableSink<MembershipRow>;
  /** The representative's term (from establishment, as the demo seed): lists' linkage follows it by date. */
  terms: TableSink<RepresentativeTermRow>;
  records: TableSink<CreditRecordRow>;
  lists: ListSinks;
}

export async function seedLegalPersons(subjectKey: Buffer, plan: RecordPlan, sinks: LegalPersonSinks, createdAt: Date): Promise<void> {
  // legalPersonAt seeds each index with 32 bits: about one in 10^5 repeats an earlier company
  // (same USCC), and is skipped. One USCC per company is held, never rows.
  const seen = new Set<string>();
  for (let i = 0; seen.size < plan.legalPersons; i++) {
    if (i > 2 * plan.legalPersons + 1000) throw new Error(`legalPersonAt repeats too often to find ${plan.legalPersons} distinct companies`);
    const lp = legalPersonAt(i, plan.naturalPersons);
    if (seen.has(lp.uscc)) continue;
    const k = seen.size;
    seen.add(lp.uscc);
    const { legalRepresentativeIdNumber, ...fields } = lp;
    const legalRepresentativeId = naturalPersonId(subjectKey, legalRepresentativeIdNumber);
    await sinks.people.push({ ...fields, legalRepresentativeId });
    await sinks.terms.push({ uscc: lp.uscc, personId: legalRepresentativeId, fromOn: lp.establishedOn ?? '1949-10-01', toOn: null });
    if (isDemoAssociationMember(i)) await sinks.members.push({ associationOrg: DEMO_ORGS.association.org, uscc: lp.uscc, joinedOn: lp.establishedOn });
    for (const record of bulkRecordsForLegalPerson(i, k, lp, plan)) await sinks.records.push(demoRecordRow(record, lp.uscc));
    await pushListEntries(sinks.lists, listEntriesForLegalPerson(i, lp), lp.uscc, createdAt);
  }
}
