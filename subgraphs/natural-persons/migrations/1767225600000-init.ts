import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createCreditRecordTable } from '../../kit/credit-records/entity';

// Table API only, so the same migration runs on MySQL/MariaDB and on the embedded sql.js database.
export class Init1767225600000 implements MigrationInterface {
  name = 'Init1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'natural_person',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          // iv.tag.ciphertext in base64url: about 62 characters for an 18-character number.
          { name: 'id_number_encrypted', type: 'varchar', length: '128' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'gender', type: 'varchar', length: '1', isNullable: true },
          { name: 'birth_year', type: 'int', isNullable: true },
        ],
      }),
    );
    await createCreditRecordTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['credit_record', 'natural_person']) await queryRunner.dropTable(table);
  }
}
