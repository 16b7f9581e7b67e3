import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// Both person subgraphs run this: the information catalogue item a record was filed under (001 Art. 9).
export class RecordItem1797000000000 implements MigrationInterface {
  name = 'RecordItem1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('credit_record', new TableColumn({ name: 'item', type: 'varchar', length: '32', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('credit_record', 'item');
  }
}
