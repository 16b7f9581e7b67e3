import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// List counts of the annual report (lists/statistics.ts) read only this index: a year is one range scan.
export class StatisticsIndex1797000000000 implements MigrationInterface {
  name = 'ListsStatisticsIndex1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('list_entry', new TableIndex({ name: 'ix_list_entry_stats', columnNames: ['decided_on', 'list_type', 'domain', 'status', 'period_ends_on'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('list_entry', 'ix_list_entry_stats');
  }
}
