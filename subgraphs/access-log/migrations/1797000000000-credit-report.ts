import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CREDIT_REPORT_TABLE, creditReportDdl } from '../../kit/protocol/credit-report-table';

// Issued credit reports (001 Art. 29), defined once in kit/protocol/credit-report-table.ts; the gateway,
// their writer, creates the table too, whichever starts first.
export class CreditReport1797000000000 implements MigrationInterface {
  name = 'CreditReport1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const ddl of creditReportDdl(queryRunner.connection.options.type === 'mysql' ? 'mysql' : 'sqlite')) await queryRunner.query(ddl);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${CREDIT_REPORT_TABLE}`);
  }
}
