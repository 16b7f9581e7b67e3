import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxRejectedAt } from '../outbox';

// Every subgraph with an outbox (legal-persons, objections) runs this: messages their receiver
// refuses are set aside (rejected_at) instead of blocking the queue.
export class OutboxRejected1795400000000 implements MigrationInterface {
  name = 'OutboxRejected1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxRejectedAt(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox', 'rejected_at');
  }
}
