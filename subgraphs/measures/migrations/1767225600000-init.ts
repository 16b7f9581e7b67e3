import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Table API only (no raw SQL), so the same migration runs on MySQL/TiDB and on the embedded sql.js file.
export class Init1767225600000 implements MigrationInterface {
  name = 'Init1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'measure',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'mandatory', type: 'boolean' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'description', type: 'text' },
          { name: 'means', type: 'varchar', length: '500' },
          { name: 'legal_basis', type: 'varchar', length: '500' },
          { name: 'memorandum', type: 'varchar', length: '100', isNullable: true },
          { name: 'implementing_department', type: 'varchar', length: '200' },
          { name: 'list_types', type: 'text' },
          { name: 'domains', type: 'text' },
          { name: 'purposes', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'measure_catalogue_import',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'version', type: 'varchar', length: '64' },
          { name: 'checksum', type: 'varchar', length: '64' },
          { name: 'source', type: 'varchar', length: '500' },
          { name: 'measure_count', type: 'int' },
          { name: 'imported_at', type: 'datetime' },
        ],
        indices: [new TableIndex({ name: 'ix_measure_catalogue_import_at', columnNames: ['imported_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'measure_feedback',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'implementer_org', type: 'varchar', length: '64' },
          { name: 'idempotency_key', type: 'varchar', length: '128' },
          { name: 'list_entry_id', type: 'varchar', length: '64' },
          { name: 'measure_id', type: 'varchar', length: '16' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'business_matter', type: 'varchar', length: '200' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'applied_on', type: 'date' },
          { name: 'recorded_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'recorded_at', type: 'datetime' },
        ],
        indices: [
          // The client's idempotency key is unique per implementing unit, not across units.
          new TableIndex({ name: 'ux_measure_feedback_key', columnNames: ['implementer_org', 'idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_measure_feedback_entry', columnNames: ['list_entry_id'] }),
          new TableIndex({ name: 'ix_measure_feedback_measure', columnNames: ['measure_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['measure_feedback', 'measure_catalogue_import', 'measure']) await queryRunner.dropTable(table);
  }
}
