import { EntitySchema, Table, TableIndex, type QueryRunner } from 'typeorm';

// Credit records (DOMAIN.md "Credit records") are kept by both person subgraphs, each in its own
// database, with the same shape: this file is that shape.

export const RECORD_CATEGORIES = ['REGISTRATION', 'QUALIFICATION', 'SUPERVISION', 'JUDGMENT', 'ENFORCEMENT', 'CONTRACT_PERFORMANCE', 'MANAGEMENT', 'PUBLIC_WELFARE'] as const;

export interface CreditRecordRow {
  id: string;
  subjectId: string;
  category: string;
  sourceDepartment: string;
  title: string;
  content: string;
  decisionNumber: string | null;
  decidedOn: string;
  behaviourEndedOn: string | null;
  public: boolean;
  dishonest: boolean;
  decisionKind: string;
  penaltyTier: string | null;
  publishedOn: string | null;
  provider: string;
  providerRecordId: string;
}

export const CreditRecordEntity = new EntitySchema<CreditRecordRow>({
  name: 'CreditRecord',
  tableName: 'credit_record',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    subjectId: { name: 'subject_id', type: 'varchar', length: 32 },
    category: { type: 'varchar', length: 24 },
    sourceDepartment: { name: 'source_department', type: 'varchar', length: 64 },
    title: { type: 'varchar', length: 200 },
    content: { type: 'text' },
    decisionNumber: { name: 'decision_number', type: 'varchar', length: 64, nullable: true },
    decidedOn: { name: 'decided_on', type: 'date' },
    behaviourEndedOn: { name: 'behaviour_ended_on', type: 'date', nullable: true },
    public: { name: 'is_public', type: 'boolean' },
    dishonest: { type: 'boolean' },
    decisionKind: { name: 'decision_kind', type: 'varchar', length: 12 },
    penaltyTier: { name: 'penalty_tier', type: 'varchar', length: 8, nullable: true },
    publishedOn: { name: 'published_on', type: 'date', nullable: true },
    provider: { type: 'varchar', length: 64 },
    providerRecordId: { name: 'provider_record_id', type: 'varchar', length: 128 },
  },
});

/** Used by each person subgraph's first migration. */
export async function createCreditRecordTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.createTable(
    new Table({
      name: 'credit_record',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'subject_id', type: 'varchar', length: '32' },
        { name: 'category', type: 'varchar', length: '24' },
        { name: 'source_department', type: 'varchar', length: '64' },
        { name: 'title', type: 'varchar', length: '200' },
        { name: 'content', type: 'text' },
        { name: 'decision_number', type: 'varchar', length: '64', isNullable: true },
        { name: 'decided_on', type: 'date' },
        { name: 'behaviour_ended_on', type: 'date', isNullable: true },
        { name: 'is_public', type: 'boolean' },
        { name: 'dishonest', type: 'boolean' },
        { name: 'decision_kind', type: 'varchar', length: '12' },
        { name: 'penalty_tier', type: 'varchar', length: '8', isNullable: true },
        { name: 'published_on', type: 'date', isNullable: true },
        { name: 'provider', type: 'varchar', length: '64' },
        { name: 'provider_record_id', type: 'varchar', length: '128' },
      ],
      indices: [
        new TableIndex({ name: 'ux_credit_record_provider', columnNames: ['provider', 'provider_record_id'], isUnique: true }),
        new TableIndex({ name: 'ix_credit_record_subject', columnNames: ['subject_id', 'decided_on'] }),
      ],
    }),
  );
}
