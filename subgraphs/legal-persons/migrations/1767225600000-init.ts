import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createCreditRecordTable } from '../../kit/credit-records/entity';
import { createOutboxTable } from '../../kit/server/outbox';

export class Init1767225600000 implements MigrationInterface {
  name = 'Init1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'legal_person',
        columns: [
          { name: 'uscc', type: 'varchar', length: '18', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'organization_type', type: 'varchar', length: '32' },
          { name: 'registration_authority', type: 'varchar', length: '100' },
          { name: 'admin_division', type: 'varchar', length: '6' },
          { name: 'industry_code', type: 'varchar', length: '8', isNullable: true },
          { name: 'established_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'legal_representative_id', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_legal_person_representative', columnNames: ['legal_representative_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'association_membership',
        columns: [
          { name: 'association_org', type: 'varchar', length: '18', isPrimary: true },
          { name: 'uscc', type: 'varchar', length: '18', isPrimary: true },
          { name: 'joined_on', type: 'date' },
        ],
      }),
    );
    await createCreditRecordTable(queryRunner);
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'credit_record', 'association_membership', 'legal_person']) await queryRunner.dropTable(table);
  }
}
