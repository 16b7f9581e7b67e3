import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRecordChangeTable } from '../changes';

// Both person subgraphs run this: what changed in a record after it was received, and why (001 Art. 29, 31).
export class RecordChanges1797000000000 implements MigrationInterface {
  name = 'RecordChanges1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createRecordChangeTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_record_change');
  }
}
