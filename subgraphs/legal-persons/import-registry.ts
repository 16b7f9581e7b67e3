import type { DataSource } from 'typeorm';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { LegalPersonEntity } from './entities';
import { registerLegalPerson, setAssociationMembership, updateLegalPerson, type RegisterLegalPersonInput } from './registry';

// The registry lines of the bulk import (npm run import -- --registry …): each line through the same
// functions as the mutations, so the same rules hold and the representative's history is kept the same way.
// Lines are idempotent: a line about a registered company updates it, and the same line again changes nothing.

export type RegistryOutcome = 'REGISTERED' | 'UPDATED';

/** registerLegalPerson for a new company, updateLegalPerson for a known one (a new representative needs representativeSince). */
export async function importLegalPerson(db: DataSource, subjectKey: Buffer, input: RegisterLegalPersonInput, today: string): Promise<RegistryOutcome> {
  const uscc = typeof input.uscc === 'string' ? input.uscc.toUpperCase() : input.uscc;
  const known = typeof uscc === 'string' ? await db.getRepository(LegalPersonEntity).findOneBy({ uscc }) : null;
  if (!known) {
    await registerLegalPerson(db, subjectKey, input, today);
    return 'REGISTERED';
  }
  // The representative already in office is no change (a re-sent line, or one that only renames the company).
  const rep = input.legalRepresentative;
  const sameRep = !rep || (typeof rep.idNumber === 'string' && known.legalRepresentativeId === naturalPersonId(subjectKey, rep.idNumber.toUpperCase()));
  await updateLegalPerson(db, subjectKey, uscc, { name: input.name, status: input.status, ...(sameRep ? {} : { legalRepresentative: rep, representativeSince: input.representativeSince }) }, today);
  return 'UPDATED';
}

export interface MembershipLine { associationOrg: string; uscc: string; member: boolean; on: string }

export async function importMembership(db: DataSource, line: MembershipLine, today: string): Promise<RegistryOutcome> {
  await setAssociationMembership(db, line.associationOrg, line.uscc, line.member, line.on, today);
  return 'UPDATED';
}
