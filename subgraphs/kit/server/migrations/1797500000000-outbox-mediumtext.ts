import type { MigrationInterface, QueryRunner } from 'typeorm';

// Every subgraph with an outbox (legal-persons, objections) runs this. On MySQL a TEXT column holds
// 64 KB, too little for one part of forwarded records (kit/server/outbox-parts.ts, ~1 MB each):
// MEDIUMTEXT holds 16 MB. SQLite's TEXT has no such limit, so there is nothing to do there.
export class OutboxMediumText1797500000000 implements MigrationInterface {
  name = 'OutboxMediumText1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') await queryRunner.query('ALTER TABLE outbox MODIFY variables MEDIUMTEXT NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'mysql') await queryRunner.query('ALTER TABLE outbox MODIFY variables TEXT NOT NULL');
  }
}
