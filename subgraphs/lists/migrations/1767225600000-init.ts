import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Table API only, so the same migration runs on MySQL and on the embedded sql.js database.
export class Init1767225600000 implements MigrationInterface {
  name = 'Init1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'list_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subject_type', type: 'varchar', length: '16' },
          { name: 'subject_id', type: 'varchar', length: '32' },
          { name: 'list_type', type: 'varchar', length: '16' },
          { name: 'domain', type: 'varchar', length: '32' },
          { name: 'listed_by', type: 'varchar', length: '18' },
          { name: 'jurisdiction', type: 'varchar', length: '6' },
          { name: 'standard', type: 'varchar', length: '8' },
          { name: 'basis', type: 'varchar', length: '200' },
          { name: 'decided_on', type: 'date' },
          { name: 'period_ends_on', type: 'date', isNullable: true },
          { name: 'notice_served_on', type: 'date', isNullable: true },
          { name: 'published', type: 'boolean' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'ended_on', type: 'date', isNullable: true },
          { name: 'end_reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          // Per-subject loaders (LegalPerson/NaturalPerson.listEntries, activeListEntries, linkage).
          new TableIndex({ name: 'ix_list_entry_subject', columnNames: ['subject_id', 'status'] }),
          // listEntries: decided_on desc, id desc, narrowed by each filter.
          new TableIndex({ name: 'ix_list_entry_decided', columnNames: ['decided_on', 'id'] }),
          new TableIndex({ name: 'ix_list_entry_type', columnNames: ['list_type', 'status', 'decided_on'] }),
          new TableIndex({ name: 'ix_list_entry_domain', columnNames: ['domain', 'decided_on'] }),
          new TableIndex({ name: 'ix_list_entry_listed_by', columnNames: ['listed_by', 'decided_on'] }),
          new TableIndex({ name: 'ix_list_entry_subject_type', columnNames: ['subject_type', 'decided_on'] }),
          // Status filter: stored status plus the period end that turns it EXPIRED.
          new TableIndex({ name: 'ix_list_entry_period', columnNames: ['status', 'period_ends_on'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'list_entry_event',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entry_id', type: 'varchar', length: '36' },
          { name: 'event', type: 'varchar', length: '24' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'actor_org', type: 'varchar', length: '64' },
          { name: 'on_date', type: 'date' },
          { name: 'decision_ref', type: 'varchar', length: '64', isNullable: true },
          { name: 'related_entry_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({ name: 'ix_list_entry_event_entry', columnNames: ['entry_id', 'seq'] }),
          // RED entries displaced by a BLACK entry, found again when that BLACK entry is revoked.
          new TableIndex({ name: 'ix_list_entry_event_related', columnNames: ['related_entry_id'] }),
          // Outbox deliveries are idempotent on the decision they carry.
          new TableIndex({ name: 'ux_list_entry_event_decision', columnNames: ['decision_ref'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['list_entry_event', 'list_entry']) await queryRunner.dropTable(table);
  }
}
