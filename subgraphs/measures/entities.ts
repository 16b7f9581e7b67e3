import { EntitySchema } from 'typeorm';

// One row per catalogue measure; list types, domains and purposes are JSON arrays kept as text
// (portable to MySQL, TiDB and sql.js alike).
export interface MeasureRow {
  id: string;
  kind: string;
  mandatory: boolean;
  category: string;
  description: string;
  means: string;
  legalBasis: string;
  memorandum: string | null;
  implementingDepartment: string;
  listTypes: string;
  domains: string;
  purposes: string;
}

export const MeasureEntity = new EntitySchema<MeasureRow>({
  name: 'Measure',
  tableName: 'measure',
  columns: {
    id: { type: 'varchar', length: 16, primary: true },
    kind: { type: 'varchar', length: 16 },
    mandatory: { type: 'boolean' },
    category: { type: 'varchar', length: 16 },
    description: { type: 'text' },
    means: { type: 'varchar', length: 500 },
    legalBasis: { name: 'legal_basis', type: 'varchar', length: 500 },
    memorandum: { type: 'varchar', length: 100, nullable: true },
    implementingDepartment: { name: 'implementing_department', type: 'varchar', length: 200 },
    listTypes: { name: 'list_types', type: 'text' },
    domains: { type: 'text' },
    purposes: { type: 'text' },
  },
});

/** One row per import: which catalogue version is in force, and when it came in. */
export interface CatalogueImportRow {
  id: string;
  version: string;
  checksum: string;
  source: string;
  measureCount: number;
  importedAt: Date;
}

export const CatalogueImportEntity = new EntitySchema<CatalogueImportRow>({
  name: 'MeasureCatalogueImport',
  tableName: 'measure_catalogue_import',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    version: { type: 'varchar', length: 64 },
    checksum: { type: 'varchar', length: 64 },
    source: { type: 'varchar', length: 500 },
    measureCount: { name: 'measure_count', type: 'int' },
    importedAt: { name: 'imported_at', type: 'datetime' },
  },
});

/** What an implementing department did with a measure (000 序号23: feedback to the initiator). */
export interface FeedbackRow {
  id: string;
  implementerOrg: string;
  /** The entry's initiating department (its listedBy, fixed at listing), for the implementation statistics; null on feedback recorded before it was kept. */
  initiatorOrg: string | null;
  idempotencyKey: string;
  listEntryId: string;
  measureId: string;
  outcome: string;
  businessMatter: string;
  reason: string | null;
  appliedOn: string;
  recordedBy: string | null;
  recordedAt: Date;
}

export const FeedbackEntity = new EntitySchema<FeedbackRow>({
  name: 'MeasureFeedback',
  tableName: 'measure_feedback',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    implementerOrg: { name: 'implementer_org', type: 'varchar', length: 64 },
    initiatorOrg: { name: 'initiator_org', type: 'varchar', length: 64, nullable: true },
    idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 128 },
    listEntryId: { name: 'list_entry_id', type: 'varchar', length: 64 },
    measureId: { name: 'measure_id', type: 'varchar', length: 16 },
    outcome: { type: 'varchar', length: 16 },
    businessMatter: { name: 'business_matter', type: 'varchar', length: 200 },
    reason: { type: 'text', nullable: true },
    appliedOn: { name: 'applied_on', type: 'date' },
    recordedBy: { name: 'recorded_by', type: 'varchar', length: 64, nullable: true },
    recordedAt: { name: 'recorded_at', type: 'datetime' },
  },
});
