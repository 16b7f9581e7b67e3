import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Both person subgraphs run this. The whole-table statistics (records by category, double publicity)
// read credit_record_tally (tally.ts), kept by every write, instead of the 9-column covering index
// ix_credit_record_stats: keyed by decided_on, that index took every inserted record to a random page,
// the second largest cost of a bulk load (README "Bulk import"). A tally row is one group of records
// with the same counted values; its key is those values as one string (nullable columns cannot be a
// primary key), and the year's groups are found by decided_on.
const FIRST_TALLY = `INSERT INTO credit_record_tally (tally_key, decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, counting_end, n)
  SELECT CONCAT_WS('|', decided_on, category, decision_kind, COALESCE(penalty_tier, '-'), CASE WHEN is_public = 1 THEN 1 ELSE 0 END,
      COALESCE(published_on, '-'), CASE WHEN dishonest = 1 THEN 1 ELSE 0 END, COALESCE(counting_end, '-')),
    decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, counting_end, n
  FROM (SELECT decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest,
      CASE WHEN dishonest = 1 THEN COALESCE(behaviour_ended_on, decided_on) END AS counting_end, COUNT(*) AS n
    FROM credit_record WHERE removal IS NULL
    GROUP BY decided_on, category, decision_kind, penalty_tier, is_public, published_on, dishonest, CASE WHEN dishonest = 1 THEN COALESCE(behaviour_ended_on, decided_on) END) g`;

export class RecordTally1797400000000 implements MigrationInterface {
  name = 'RecordTally1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'credit_record_tally',
        columns: [
          { name: 'tally_key', type: 'varchar', length: '120', isPrimary: true },
          { name: 'decided_on', type: 'date' },
          { name: 'category', type: 'varchar', length: '24' },
          { name: 'decision_kind', type: 'varchar', length: '12' },
          { name: 'penalty_tier', type: 'varchar', length: '8', isNullable: true },
          { name: 'is_public', type: 'boolean' },
          { name: 'published_on', type: 'date', isNullable: true },
          { name: 'dishonest', type: 'boolean' },
          { name: 'counting_end', type: 'date', isNullable: true },
          { name: 'n', type: 'int' },
        ],
        indices: [new TableIndex({ name: 'ix_credit_record_tally_day', columnNames: ['decided_on'] })],
      }),
    );
    // The tally as tally.ts counted it when this migration was written, spelt here so that a later change
    // of tally.ts (a column more) cannot change what this migration does to a database it has not reached.
    await queryRunner.query(FIRST_TALLY);
    await queryRunner.dropIndex('credit_record', 'ix_credit_record_stats');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ix_credit_record_stats', columnNames: ['decided_on', 'category', 'decision_kind', 'penalty_tier', 'is_public', 'published_on', 'removal', 'dishonest', 'behaviour_ended_on'] }));
    await queryRunner.dropTable('credit_record_tally');
  }
}
