import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// Daily summaries of the access log (access-log/summary.ts): written by this subgraph only, for days
// that are over, so the query statistics of a year read ~365 small groups instead of every entry.
export class Summary1797000000000 implements MigrationInterface {
  name = 'AccessLogSummary1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'access_log_summary',
      columns: [
        // Dimension first: a year of one dimension is one primary-key range.
        { name: 'dimension', type: 'varchar', length: '8', isPrimary: true },
        { name: 'day', type: 'date', isPrimary: true },
        { name: 'k1', type: 'varchar', length: '64', isPrimary: true },
        { name: 'k2', type: 'varchar', length: '64', isPrimary: true },
        { name: 'n', type: 'bigint' },
      ],
    }), true);
    await queryRunner.createTable(new Table({
      name: 'access_log_summary_day',
      columns: [
        { name: 'day', type: 'date', isPrimary: true },
        { name: 'entries', type: 'bigint' },
        { name: 'summarised_at', type: 'datetime' },
      ],
    }), true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('access_log_summary_day');
    await queryRunner.dropTable('access_log_summary');
  }
}
