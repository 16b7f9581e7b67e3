import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Forwarding and reassignment by the platform are recorded (the platform forwards and reassigns; it
// never decides for another body, 001 Art. 31; 002 四(三)).
export class ObjectionSteps1796100000000 implements MigrationInterface {
  name = 'ObjectionSteps1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'objection_step',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'objection_id', type: 'varchar', length: '36' },
          { name: 'step', type: 'varchar', length: '16' },
          { name: 'from_unit', type: 'varchar', length: '64', isNullable: true },
          { name: 'to_unit', type: 'varchar', length: '64', isNullable: true },
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'on_date', type: 'date' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'ix_objection_step_objection', columnNames: ['objection_id', 'created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('objection_step');
  }
}
