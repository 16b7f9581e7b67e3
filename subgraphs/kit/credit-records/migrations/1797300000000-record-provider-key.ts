import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Both person subgraphs run this, for the bulk import (README "Bulk import"). A new record's id is now
// given when it is first stored and grows with time (record-id.ts newRecordId), so the id index is
// appended to instead of written at random; the record's key for its provider — provider +
// providerRecordId — becomes the unique index ingestion is idempotent on (before, the id was a hash of
// that key). Existing ids do not change. The key compares exactly, as the hash did: a providerRecordId
// differing in case or in trailing spaces is another record (MySQL's default collations would fold both).
export class RecordProviderKey1797300000000 implements MigrationInterface {
  name = 'RecordProviderKey1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') {
      const [{ v }] = await queryRunner.query('SELECT VERSION() AS v');
      const exact = /mariadb/i.test(v) ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
      await queryRunner.query(`ALTER TABLE credit_record MODIFY provider_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE ${exact} NOT NULL`);
    }
    await queryRunner.dropIndex('credit_record', 'ix_credit_record_provider');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ux_credit_record_provider', columnNames: ['provider', 'provider_record_id'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credit_record', 'ux_credit_record_provider');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'ix_credit_record_provider', columnNames: ['provider'] }));
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE credit_record MODIFY provider_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL');
    }
  }
}
