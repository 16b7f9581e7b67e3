import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Records by category and year (001) and double publicity (000 item 25) without touching the rows:
// every column either count reads is in the index, so a year is one range scan of it (README "Statistics").
export class StatisticsIndex1797000000000 implements MigrationInterface {
  name = 'StatisticsIndex1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ix_credit_record_stats', columnNames: ['decided_on', 'category', 'decision_kind', 'penalty_tier', 'is_public', 'published_on', 'removal', 'dishonest', 'behaviour_ended_on'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credit_record', 'ix_credit_record_stats');
  }
}
