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

/** 001 Art. 28: who was the legal representative when: linkage uses the one in office at the behaviour. */
export interface RepresentativeTermRow {
  uscc: string;
  /** NaturalPerson.id (pseudonym). */
  personId: string;
  fromOn: string;
  /** The day the next representative took office; null while in office. */
  toOn: string | null;
}

export const RepresentativeTermEntity = new EntitySchema<RepresentativeTermRow>({
  name: 'RepresentativeTerm',
  tableName: 'legal_representative_term',
  columns: {
    uscc: { type: 'varchar', length: 18, primary: true },
    fromOn: { name: 'from_on', type: 'date', primary: true },
    personId: { name: 'person_id', type: 'varchar', length: 32 },
    toOn: { name: 'to_on', type: 'date', nullable: true },
  },
});

export const RECORD_PERSON_ROLES = ['PRINCIPAL', 'DIRECTLY_RESPONSIBLE'] as const;

/** 001 Art. 28; Minhang 三(五): principals and directly responsible persons linked to a company's record. */
export interface RecordPersonRow {
  recordId: string;
  role: string;
  personId: string;
}

export const RecordPersonEntity = new EntitySchema<RecordPersonRow>({
  name: 'RecordPerson',
  tableName: 'credit_record_person',
  columns: {
    recordId: { name: 'record_id', type: 'varchar', length: 36, primary: true },
    role: { type: 'varchar', length: 24, primary: true },
    personId: { name: 'person_id', type: 'varchar', length: 32, primary: true },
  },
});

/**
 * The provider keys of the natural-person records legal-persons forwarded (written with the outbox row): a
 * company record under such a key is refused while the person's record is still on its way, before
 * natural-persons, asked, could know it (submit-records.ts; the import asks it too).
 */
export interface ForwardedRecordKeyRow {
  provider: string;
  providerRecordId: string;
}

export const ForwardedRecordKeyEntity = new EntitySchema<ForwardedRecordKeyRow>({
  name: 'ForwardedRecordKey',
  tableName: 'forwarded_record_key',
  columns: {
    provider: { type: 'varchar', length: 64, primary: true },
    providerRecordId: { name: 'provider_record_id', type: 'varchar', length: 128, primary: true },
  },
});
