import { createHash } from 'node:crypto';
import { EntitySchema, In, Table, TableIndex, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { groupLoader } from '../server/loaders';

// What changed in a credit record after the platform first received it, when, and why: the "sources and
// reasons for changes" a subject's credit report shows (001 Art. 29, 31). Kept beside the records by both
// person subgraphs. A change is recorded where it is applied: a provider's corrected resubmission
// (write.ts) or an objection decided CORRECTED or ANNOTATED (decision.ts).

export const RECORD_CHANGE_KINDS = ['PROVIDER_CORRECTION', 'OBJECTION_CORRECTED', 'OBJECTION_ANNOTATED'] as const;
export type RecordChangeKind = (typeof RECORD_CHANGE_KINDS)[number];

export interface RecordChangeRow {
  /** A digest of what the change is: redelivering the same decision records it once. */
  id: string;
  recordId: string;
  changedOn: string;
  kind: RecordChangeKind;
  /** The record's fields that changed, comma-separated (GraphQL names). */
  fields: string;
  /** The objection's note; a provider's resubmission carries no reason. */
  reason: string | null;
}

export const RecordChangeEntity = new EntitySchema<RecordChangeRow>({
  name: 'CreditRecordChange',
  tableName: 'credit_record_change',
  columns: {
    id: { type: 'varchar', length: 32, primary: true },
    recordId: { name: 'record_id', type: 'varchar', length: 36 },
    changedOn: { name: 'changed_on', type: 'date' },
    kind: { type: 'varchar', length: 24 },
    fields: { type: 'varchar', length: 512 },
    reason: { type: 'text', nullable: true },
  },
});

export async function createRecordChangeTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.createTable(new Table({
    name: 'credit_record_change',
    columns: [
      { name: 'id', type: 'varchar', length: '32', isPrimary: true },
      { name: 'record_id', type: 'varchar', length: '36' },
      { name: 'changed_on', type: 'date' },
      { name: 'kind', type: 'varchar', length: '24' },
      { name: 'fields', type: 'varchar', length: '512' },
      { name: 'reason', type: 'text', isNullable: true },
    ],
    indices: [new TableIndex({ name: 'ix_credit_record_change_record', columnNames: ['record_id', 'changed_on'] })],
  }), true);
}

export function recordChange(recordId: string, changedOn: string, kind: RecordChangeKind, fields: string[], reason: string | null): RecordChangeRow {
  const id = createHash('sha256').update(JSON.stringify([recordId, changedOn, kind, fields, reason])).digest('hex').slice(0, 32);
  return { id, recordId, changedOn, kind, fields: [...fields].sort().join(','), reason };
}

/** Inserts the changes not yet recorded (a redelivered decision, a resubmission repeated). */
export async function saveRecordChanges(manager: EntityManager, changes: RecordChangeRow[]): Promise<void> {
  if (!changes.length) return;
  const repo = manager.getRepository(RecordChangeEntity);
  const known = new Set((await repo.findBy({ id: In(changes.map((c) => c.id)) })).map((c) => c.id));
  const fresh = changes.filter((c) => !known.has(c.id));
  for (let i = 0; i < fresh.length; i += 500) await repo.insert(fresh.slice(i, i + 500));
}

/** A record's changes, oldest first: one SELECT per batch of records. */
export function recordChangesLoader(db: DataSource) {
  return groupLoader<string, RecordChangeRow>(
    (ids) => db.getRepository(RecordChangeEntity).find({ where: { recordId: In([...ids]) }, order: { changedOn: 'ASC', id: 'ASC' } }),
    (c) => c.recordId,
  );
}
