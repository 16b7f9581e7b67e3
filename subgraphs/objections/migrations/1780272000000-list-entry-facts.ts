import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The initiating department of the list entry an objection or repair application is about, read from
// the lists subgraph when it is filed: it decides the repair ("who finds, repairs", 002 四(四)) and a
// listing objection routed to it (002 四(三)). Rows filed before this migration keep null: the
// platform (ADMIN) decides those.
const LISTED_BY = { name: 'listed_by', type: 'varchar', length: '64', isNullable: true } as const;

export class ListEntryFacts1780272000000 implements MigrationInterface {
  name = 'ListEntryFacts1780272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('objection', new TableColumn(LISTED_BY));
    await queryRunner.addColumn('repair_application', new TableColumn(LISTED_BY));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('repair_application', LISTED_BY.name);
    await queryRunner.dropColumn('objection', LISTED_BY.name);
  }
}
