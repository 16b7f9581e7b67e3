import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// "Should check, must check" per initiating department (000 item 29): feedback keeps its entry's
// initiator (fixed at listing), so the statistics group it without asking the lists subgraph; the
// index holds every column the count reads. Feedback recorded earlier has none (UNKNOWN in the report).
export class FeedbackInitiator1797000000000 implements MigrationInterface {
  name = 'FeedbackInitiator1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('measure_feedback', new TableColumn({ name: 'initiator_org', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.createIndex('measure_feedback', new TableIndex({ name: 'ix_measure_feedback_stats', columnNames: ['applied_on', 'initiator_org', 'outcome'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('measure_feedback', 'ix_measure_feedback_stats');
    await queryRunner.dropColumn('measure_feedback', 'initiator_org');
  }
}
