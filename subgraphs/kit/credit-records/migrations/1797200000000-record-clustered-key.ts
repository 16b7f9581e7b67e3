import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Both person subgraphs run this, for the bulk import (README "Bulk import").
// 1. On MySQL InnoDB the primary key is the table's physical order: with the record id (a sha256-derived
//    UUID, record-id.ts) as primary key every insert landed on a random page of the whole table, and once
//    the table outgrew the buffer pool the import ran at a few thousand rows a second. Rows are now kept
//    in arrival order (`seq`: never shown, never relied on to be consecutive); the public id is unchanged,
//    unique through its own index. SQLite already keeps rows by rowid, with the id key as an index.
// 2. The id is a function of (provider, provider_record_id), so its unique index is the idempotency key;
//    the second unique index on the provider key only repeated it, at one more index entry per row. A
//    provider's own records (quality report, double-publicity report) are found by `provider` alone, an
//    index a provider's import appends to.
export class RecordClusteredKey1797200000000 implements MigrationInterface {
  name = 'RecordClusteredKey1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query(
        'ALTER TABLE credit_record DROP PRIMARY KEY, ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (seq), ADD UNIQUE INDEX ux_credit_record_id (id)',
      );
    }
    await queryRunner.dropIndex('credit_record', 'ux_credit_record_provider');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ix_credit_record_provider', columnNames: ['provider'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credit_record', 'ix_credit_record_provider');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ux_credit_record_provider', columnNames: ['provider', 'provider_record_id'], isUnique: true }));
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE credit_record DROP PRIMARY KEY, DROP COLUMN seq, DROP INDEX ux_credit_record_id, ADD PRIMARY KEY (id)');
    }
  }
}
