import type { DataSource } from 'typeorm';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records/entity';
import { demoRecordRow } from '../kit/demo/record-rows';
import { rebuildTally } from '../kit/credit-records/tally';
import { DEMO_ORGS, DEMO_SIZES, isDemoAssociationMember, legalPersonAt, recordsForLegalPerson } from '../kit/demo/demo-data';
import type { KeyFiles } from '../kit/protocol/keys';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { LegalPersonEntity, MembershipEntity, RepresentativeTermEntity, type LegalPersonRow, type MembershipRow } from './entities';

/** Seeds the demo legal persons, their records and the demo association's members, once. */
export async function seedDemo(db: DataSource, keys: KeyFiles): Promise<void> {
  if ((await db.getRepository(LegalPersonEntity).count()) > 0) return;
  const people: LegalPersonRow[] = [];
  const members: MembershipRow[] = [];
  const records: CreditRecordRow[] = [];
  for (let i = 0; i < DEMO_SIZES.legalPersons; i++) {
    const { legalRepresentativeIdNumber, ...lp } = legalPersonAt(i);
    people.push({ ...lp, legalRepresentativeId: naturalPersonId(keys.subjectKey, legalRepresentativeIdNumber) });
    if (isDemoAssociationMember(i)) members.push({ associationOrg: DEMO_ORGS.association.org, uscc: lp.uscc, joinedOn: lp.establishedOn });
    for (const r of recordsForLegalPerson(i, legalPersonAt(i))) records.push(demoRecordRow(r, lp.uscc));
  }
  await db.transaction(async (m) => {
    for (let i = 0; i < people.length; i += 500) await m.getRepository(LegalPersonEntity).insert(people.slice(i, i + 500));
    await m.getRepository(MembershipEntity).insert(members);
    for (let i = 0; i < records.length; i += 500) await m.getRepository(CreditRecordEntity).insert(records.slice(i, i + 500));
    // The rows go in directly, not through storeRecords: the statistics' tally is counted from them.
    await rebuildTally(m);
    // 001 Art. 28: each demo representative has been in office since the company was established.
    const terms = people.filter((p) => p.legalRepresentativeId).map((p) => ({ uscc: p.uscc, personId: p.legalRepresentativeId!, fromOn: p.establishedOn ?? '1949-10-01', toOn: null }));
    for (let i = 0; i < terms.length; i += 500) await m.getRepository(RepresentativeTermEntity).insert(terms.slice(i, i + 500));
  });
}
