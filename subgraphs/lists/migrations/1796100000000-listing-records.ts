import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The credit records a listing rests on (ListSubjectInput.recordIds): an objection to one of them
// suspends the listing's punishment where the jurisdiction suspends (000 item 17; Pudong 16).
export class ListingRecords1796100000000 implements MigrationInterface {
  name = 'ListingRecords1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('list_entry', new TableColumn({ name: 'record_ids', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('list_entry', 'record_ids');
  }
}
