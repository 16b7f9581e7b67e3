import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// The legal-person registry (000 item 27): the legal representative's terms (001 Art. 28 linkage by date),
// and the principals and directly responsible persons linked to a record. Existing representatives get an
// open term from the company's establishment (or, unknown, from the first day the platform can state).
export class Registry1797100000000 implements MigrationInterface {
  name = 'Registry1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'legal_representative_term',
      columns: [
        { name: 'uscc', type: 'varchar', length: '18', isPrimary: true },
        { name: 'from_on', type: 'date', isPrimary: true },
        { name: 'person_id', type: 'varchar', length: '32' },
        { name: 'to_on', type: 'date', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_representative_term_person', columnNames: ['person_id'] })],
    }));
    await queryRunner.createTable(new Table({
      name: 'credit_record_person',
      columns: [
        { name: 'record_id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'role', type: 'varchar', length: '24', isPrimary: true },
        { name: 'person_id', type: 'varchar', length: '32', isPrimary: true },
      ],
    }));
    await queryRunner.query(
      `INSERT INTO legal_representative_term (uscc, from_on, person_id, to_on)
       SELECT uscc, COALESCE(established_on, '1949-10-01'), legal_representative_id, NULL FROM legal_person WHERE legal_representative_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_record_person');
    await queryRunner.dropTable('legal_representative_term');
  }
}
