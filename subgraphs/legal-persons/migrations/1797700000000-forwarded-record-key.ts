import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// The provider keys of forwarded natural-person records (entities.ts ForwardedRecordKeyEntity), compared
// exactly as credit_record's provider key is (migration 1797300000000). Records forwarded before it are
// known to natural-persons by now, which legal-persons asks as well.
export class ForwardedRecordKey1797700000000 implements MigrationInterface {
  name = 'ForwardedRecordKey1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'forwarded_record_key',
      columns: [
        { name: 'provider', type: 'varchar', length: '64', isPrimary: true },
        { name: 'provider_record_id', type: 'varchar', length: '128', isPrimary: true },
      ],
    }));
    if (queryRunner.connection.options.type === 'mysql') {
      const [{ v }] = await queryRunner.query('SELECT VERSION() AS v');
      const exact = /mariadb/i.test(v) ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
      await queryRunner.query(`ALTER TABLE forwarded_record_key MODIFY provider_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE ${exact} NOT NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('forwarded_record_key');
  }
}
