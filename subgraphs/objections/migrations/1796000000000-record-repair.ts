import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// 001 Art. 32 ¶1; 003 item 13: a repair application is for a list entry or for a credit record.
const RECORD = { name: 'credit_record_id', type: 'varchar', length: '36', isNullable: true } as const;

export class RecordRepair1796000000000 implements MigrationInterface {
  name = 'RecordRepair1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('repair_application', new TableColumn(RECORD));
    await queryRunner.changeColumn('repair_application', 'list_entry_id', new TableColumn({ name: 'list_entry_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn('repair_application', 'list_entry_id', new TableColumn({ name: 'list_entry_id', type: 'varchar', length: '36' }));
    await queryRunner.dropColumn('repair_application', RECORD.name);
  }
}
