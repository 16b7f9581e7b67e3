import { EntitySchema, Table, TableIndex, type QueryRunner } from 'typeorm';

// Credit records (DOMAIN.md "Credit records") are kept by both person subgraphs, each in its own
// database, with the same shape: this file is that shape.

export const RECORD_CATEGORIES = ['REGISTRATION', 'QUALIFICATION', 'SUPERVISION', 'JUDGMENT', 'ENFORCEMENT', 'CONTRACT_PERFORMANCE', 'MANAGEMENT', 'PUBLIC_WELFARE'] as const;
/** The schema's PenaltyTier: administrative penalties are published by tier (DOMAIN.md "Publication"). */
export const PENALTY_TIERS: readonly string[] = ['MINOR', 'GENERAL', 'SERIOUS'];

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
  /** 001 Art. 26 category the provider states for a serious dishonesty record; repair is refused for it (Art. 32). */
  seriousBehaviour: string | null;
  /** 001 Art. 31: an objection decided ANNOTATED is shown on the record. */
  annotation: string | null;
  /** Why the record left every read: REVOKED (objection), REPAIRED (001 Art. 32 ¶1), WITHDRAWN (provider, Art. 32 ¶3). */
  removal: RecordRemoval | null;
  removedOn: string | null;
  /** Information catalogue item the provider filed the record under (001 Art. 9); null for records from before the catalogue. */
  item: string | null;
  /**
   * 001 Art. 31: set by an objection decided CORRECTED, the digest (record-digest.ts) of the provider's values
   * it replaced, and the decision's day: the provider re-sending those values is not its own correction.
   */
  correctedFrom: string | null;
  correctedOn: string | null;
}

export const RECORD_REMOVALS = ['REVOKED', 'REPAIRED', 'WITHDRAWN'] as const;
export type RecordRemoval = (typeof RECORD_REMOVALS)[number];

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
    seriousBehaviour: { name: 'serious_behaviour', type: 'varchar', length: 24, nullable: true },
    annotation: { type: 'text', nullable: true },
    removal: { type: 'varchar', length: 16, nullable: true },
    removedOn: { name: 'removed_on', type: 'date', nullable: true },
    item: { type: 'varchar', length: 32, nullable: true },
    correctedFrom: { name: 'corrected_from', type: 'varchar', length: 64, nullable: true },
    correctedOn: { name: 'corrected_on', type: 'date', nullable: true },
  },
});

/** Columns added after the first migration (migrations/1796000000000-record-effects.ts). */
export const RECORD_EFFECT_COLUMNS = [
  { name: 'serious_behaviour', type: 'varchar', length: '24', isNullable: true },
  { name: 'annotation', type: 'text', isNullable: true },
  { name: 'removal', type: 'varchar', length: '16', isNullable: true },
  { name: 'removed_on', type: 'date', isNullable: true },
] as const;

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
