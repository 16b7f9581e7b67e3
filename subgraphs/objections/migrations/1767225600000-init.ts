import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createOutboxTable } from '../../kit/server/outbox';

export class Init1767225600000 implements MigrationInterface {
  name = 'Init1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'objection',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'target_type', type: 'varchar', length: '16' },
          { name: 'target_id', type: 'varchar', length: '36' },
          { name: 'subject_type', type: 'varchar', length: '16' },
          { name: 'subject_id', type: 'varchar', length: '32' },
          { name: 'filed_by', type: 'varchar', length: '64' },
          { name: 'jurisdiction', type: 'varchar', length: '6', isNullable: true },
          { name: 'reason', type: 'text' },
          { name: 'filed_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: true },
          { name: 'decide_by', type: 'date' },
          { name: 'forward_by', type: 'date', isNullable: true },
          { name: 'forwarded_on', type: 'date', isNullable: true },
          { name: 'forwarded_to', type: 'varchar', length: '64', isNullable: true },
          { name: 'decided_on', type: 'date', isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_objection_target', columnNames: ['target_type', 'target_id', 'status'] }),
          new TableIndex({ name: 'ix_objection_subject', columnNames: ['subject_type', 'subject_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'repair_application',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'list_entry_id', type: 'varchar', length: '36' },
          { name: 'subject_type', type: 'varchar', length: '16' },
          { name: 'subject_id', type: 'varchar', length: '32' },
          { name: 'applicant', type: 'varchar', length: '64' },
          { name: 'evidence', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'applied_on', type: 'date' },
          { name: 'decided_on', type: 'date', isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_repair_list_entry', columnNames: ['list_entry_id'] }),
          new TableIndex({ name: 'ix_repair_subject', columnNames: ['subject_type', 'subject_id'] }),
        ],
      }),
    );
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'repair_application', 'objection']) await queryRunner.dropTable(table);
  }
}
