import type { MigrationInterface, QueryRunner } from 'typeorm';

// A list entry's subject compares exactly: NaturalPerson.id pseudonyms are case-sensitive base64url, and
// MySQL's default collation folded case, so `listEntries(filter: { subjectId })` with an id spelt in other
// case found the person's entries while the access log recorded them against the id as spelt (USCCs are
// stored and asked upper case, so they are unaffected). sql.js compares exactly already.
export class SubjectIdExact1797700000000 implements MigrationInterface {
  name = 'ListsSubjectIdExact1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    const [{ v }] = await queryRunner.query('SELECT VERSION() AS v');
    const exact = /mariadb/i.test(v) ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
    await queryRunner.query(`ALTER TABLE list_entry MODIFY subject_id VARCHAR(32) CHARACTER SET utf8mb4 COLLATE ${exact} NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query('ALTER TABLE list_entry MODIFY subject_id VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL');
  }
}
