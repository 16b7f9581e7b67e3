import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// 001 Art. 26 category of a listing, a fact the listing unit states (court list: (三) by default, list-periods.yaml).
// Court-enforcement entries listed before this migration get the court list's category.
export class SeriousBehaviour1796000000000 implements MigrationInterface {
  name = 'SeriousBehaviour1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('list_entry', new TableColumn({ name: 'serious_behaviour', type: 'varchar', length: '24', isNullable: true }));
    await queryRunner.query(`UPDATE list_entry SET serious_behaviour = 'REFUSAL_TO_PERFORM' WHERE domain = 'court-enforcement'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('list_entry', 'serious_behaviour');
  }
}
