import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Objection statistics (objections/statistics.ts) read only this index: a year is one range scan.
export class StatisticsIndex1797000000000 implements MigrationInterface {
  name = 'ObjectionsStatisticsIndex1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('objection', new TableIndex({ name: 'ix_objection_stats', columnNames: ['filed_on', 'subject_type', 'status', 'outcome', 'decide_by', 'decided_on'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('objection', 'ix_objection_stats');
  }
}
