import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { RECORD_EFFECT_COLUMNS } from '../entity';

// Both person subgraphs run this: the Art. 26 category of a record, the annotation an objection put
// on it, and why it left every read (objection revoked it, repair, or the provider withdrew it).
export class RecordEffects1796000000000 implements MigrationInterface {
  name = 'RecordEffects1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('credit_record', RECORD_EFFECT_COLUMNS.map((c) => new TableColumn({ ...c })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of [...RECORD_EFFECT_COLUMNS].reverse()) await queryRunner.dropColumn('credit_record', c.name);
  }
}
