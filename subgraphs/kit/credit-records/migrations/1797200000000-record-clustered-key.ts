import type { MigrationInterface, QueryRunner } from 'typeorm';

// Both person subgraphs run this. On MySQL InnoDB the primary key is the table's physical order: with
// the record id (a sha256-derived UUID, record-id.ts) as primary key every insert landed on a random page
// of the whole table, and once the table outgrew the buffer pool the bulk import ran at a few thousand
// rows a second. The rows are now kept in arrival order (`seq`, never shown, never relied on to be
// consecutive); the public id stays what it was, unique through its own index, and idempotency stays on
// (provider, provider_record_id). SQLite already keeps rows by rowid, with the varchar key as an index.
export class RecordClusteredKey1797200000000 implements MigrationInterface {
  name = 'RecordClusteredKey1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query(
      `ALTER TABLE credit_record DROP PRIMARY KEY, ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (seq), ADD UNIQUE INDEX ux_credit_record_id (id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query(`ALTER TABLE credit_record DROP PRIMARY KEY, DROP COLUMN seq, DROP INDEX ux_credit_record_id, ADD PRIMARY KEY (id)`);
  }
}
