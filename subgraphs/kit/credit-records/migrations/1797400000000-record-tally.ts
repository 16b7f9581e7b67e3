import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { rebuildTally, TALLY_TABLE } from '../tally';

// Both person subgraphs run this. The whole-table statistics (records by category, double publicity)
// read credit_record_tally (tally.ts), kept by every write, instead of the 9-column covering index
// ix_credit_record_stats: keyed by decided_on, that index took every inserted record to a random page,
// the second largest cost of a bulk load (README "Bulk import"). A tally row is one group of records
// with the same counted values; its key is those values as one string (nullable columns cannot be a
// primary key), and the year's groups are found by decided_on.
export class RecordTally1797400000000 implements MigrationInterface {
  name = 'RecordTally1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: TALLY_TABLE,
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
    await rebuildTally(queryRunner);
    await queryRunner.dropIndex('credit_record', 'ix_credit_record_stats');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ix_credit_record_stats', columnNames: ['decided_on', 'category', 'decision_kind', 'penalty_tier', 'is_public', 'published_on', 'removal', 'dishonest', 'behaviour_ended_on'] }));
    await queryRunner.dropTable(TALLY_TABLE);
  }
}
