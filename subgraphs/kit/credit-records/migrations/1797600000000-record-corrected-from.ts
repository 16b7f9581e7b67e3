import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// Both person subgraphs run this: what an objection decided CORRECTED replaced (the digest of the
// provider's values) and when, so the provider's routine re-send of its batch does not undo the decision.
export class RecordCorrectedFrom1797600000000 implements MigrationInterface {
  name = 'RecordCorrectedFrom1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('credit_record', [
      new TableColumn({ name: 'corrected_from', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'corrected_on', type: 'date', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('credit_record', 'corrected_on');
    await queryRunner.dropColumn('credit_record', 'corrected_from');
  }
}
