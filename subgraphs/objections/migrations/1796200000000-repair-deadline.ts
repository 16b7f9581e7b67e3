import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { workingDayCalendar } from '../../kit/calendar/working-days';
import { jurisdictionPolicies } from '../jurisdictions';

// The working-day deadline of a repair decision (jurisdictions.yaml repairDecides), kept on the row so
// the repair queue sorts and filters overdue ones in SQL. Rows already filed get theirs from appliedOn.
export class RepairDeadline1796200000000 implements MigrationInterface {
  name = 'RepairDeadline1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('repair_application', new TableColumn({ name: 'decide_by', type: 'date', isNullable: true }));
    const days = jurisdictionPolicies().policyFor('default').deadlines.repairDecides;
    const rows: { id: string; applied_on: string | Date }[] = await queryRunner.query('SELECT id, applied_on FROM repair_application');
    for (const row of rows) {
      const applied = row.applied_on instanceof Date ? row.applied_on.toISOString().slice(0, 10) : String(row.applied_on).slice(0, 10);
      await queryRunner.query('UPDATE repair_application SET decide_by = ? WHERE id = ?', [workingDayCalendar().addWorkingDays(applied, days), row.id]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('repair_application', 'decide_by');
  }
}
