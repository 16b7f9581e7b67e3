import type { MigrationInterface, QueryRunner } from 'typeorm';
import { accessLogDdl } from '../../kit/protocol/access-log-table';

// The table's one definition lives in kit/protocol/access-log-table.ts (its writer, the gateway, creates
// it too, whichever starts first); IF NOT EXISTS makes either order work.
export class Init1796000000000 implements MigrationInterface {
  name = 'Init1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const dialect = queryRunner.connection.options.type === 'mysql' ? 'mysql' : 'sqlite';
    for (const ddl of accessLogDdl(dialect)) {
      await queryRunner.query(ddl).catch((e: { code?: string }) => (e.code === 'ER_DUP_KEYNAME' ? undefined : Promise.reject(e)));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_log');
  }
}
