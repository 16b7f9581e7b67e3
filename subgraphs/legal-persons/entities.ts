import { EntitySchema } from 'typeorm';

export interface LegalPersonRow {
  uscc: string;
  name: string;
  organizationType: string;
  registrationAuthority: string;
  adminDivision: string;
  industryCode: string | null;
  establishedOn: string | null;
  status: string;
  /** NaturalPerson.id (pseudonym) of the legal representative. */
  legalRepresentativeId: string | null;
}

export const LegalPersonEntity = new EntitySchema<LegalPersonRow>({
  name: 'LegalPerson',
  tableName: 'legal_person',
  columns: {
    uscc: { type: 'varchar', length: 18, primary: true },
    name: { type: 'varchar', length: 200 },
    organizationType: { name: 'organization_type', type: 'varchar', length: 32 },
    registrationAuthority: { name: 'registration_authority', type: 'varchar', length: 100 },
    adminDivision: { name: 'admin_division', type: 'varchar', length: 6 },
    industryCode: { name: 'industry_code', type: 'varchar', length: 8, nullable: true },
    establishedOn: { name: 'established_on', type: 'date', nullable: true },
    status: { type: 'varchar', length: 16 },
    legalRepresentativeId: { name: 'legal_representative_id', type: 'varchar', length: 32, nullable: true },
  },
});

/** Which companies belong to which industry association (row-level rule for associations). */
export interface MembershipRow {
  associationOrg: string;
  uscc: string;
  joinedOn: string;
}

export const MembershipEntity = new EntitySchema<MembershipRow>({
  name: 'AssociationMembership',
  tableName: 'association_membership',
  columns: {
    associationOrg: { name: 'association_org', type: 'varchar', length: 18, primary: true },
    uscc: { type: 'varchar', length: 18, primary: true },
    joinedOn: { name: 'joined_on', type: 'date' },
  },
});
