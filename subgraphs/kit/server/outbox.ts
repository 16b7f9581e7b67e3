import { randomUUID } from 'node:crypto';
import { EntitySchema, Not, Table, TableColumn, TableIndex, IsNull, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { Caller } from '../protocol/caller';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../protocol/identity';
import type { KeyFiles } from '../protocol/keys';
import { log } from '../protocol/log';
import { backgroundWork } from './query-counter';
import { subgraphUrl, type SubgraphName } from '../protocol/topology';

// Writes that change another subgraph's state (ARCHITECTURE.md "Runtime"): the deciding subgraph
// stores its decision and an outbox row in one transaction; the relay delivers the row to the owning
// subgraph's idempotent internal mutation and retries until acknowledged. Down means late, never lost.

export interface OutboxRow {
  id: string;
  target: string;
  query: string;
  variables: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  /** Set when the receiver refused the message by a rule: set aside for an operator, never retried. */
  rejectedAt: Date | null;
  lastError: string | null;
}

export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    target: { type: 'varchar', length: 32 },
    query: { type: 'text' },
    // MEDIUMTEXT on MySQL since migration 1797500000000-outbox-mediumtext (TEXT is 64 KB there).
    variables: { type: 'text' },
    createdAt: { name: 'created_at', type: 'datetime' },
    attempts: { type: 'int' },
    nextAttemptAt: { name: 'next_attempt_at', type: 'datetime' },
    deliveredAt: { name: 'delivered_at', type: 'datetime', nullable: true },
    rejectedAt: { name: 'rejected_at', type: 'datetime', nullable: true },
    lastError: { name: 'last_error', type: 'text', nullable: true },
  },
});

export async function createOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.createTable(
    new Table({
      name: 'outbox',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'target', type: 'varchar', length: '32' },
        { name: 'query', type: 'text' },
        { name: 'variables', type: 'text' },
        { name: 'created_at', type: 'datetime' },
        { name: 'attempts', type: 'int' },
        { name: 'next_attempt_at', type: 'datetime' },
        { name: 'delivered_at', type: 'datetime', isNullable: true },
        { name: 'last_error', type: 'text', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_outbox_pending', columnNames: ['delivered_at', 'next_attempt_at'] })],
    }),
  );
}

// Ids sort in the order rows were written (time, then a per-process counter): the relay's FIFO order.
let sequence = 0;
function outboxId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `${Date.now().toString(36).padStart(9, '0')}-${sequence.toString(36).padStart(4, '0')}-${randomUUID().slice(0, 18)}`;
}

/** Migration step for subgraphs whose outbox predates the dead-letter column. */
export async function addOutboxRejectedAt(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.addColumn('outbox', new TableColumn({ name: 'rejected_at', type: 'datetime', isNullable: true }));
}

/** Call inside the transaction that writes the decision. */
export async function enqueue(manager: EntityManager, target: SubgraphName, query: string, variables: Record<string, unknown>): Promise<void> {
  const now = new Date();
  await manager.getRepository(OutboxEntity).insert({
    id: outboxId(), target, query, variables: JSON.stringify(variables), createdAt: now, attempts: 0, nextAttemptAt: now, deliveredAt: null, rejectedAt: null, lastError: null,
  });
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** Answers that mean "never": the receiver's rules refused the message itself. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

export interface RelayOptions {
  source: string;
  keys: KeyFiles;
  intervalMs?: number;
  urlOf?: (target: SubgraphName) => string;
}

export function serviceCaller(source: string): Caller {
  return { clientId: `subgraph:${source}`, kind: 'SERVICE', org: null, jurisdiction: null, industry: null, scopes: ['internal'], purpose: null, requestId: randomUUID(), subject: null, listingDomains: [] };
}

/**
 * Delivers pending rows once, oldest first, in order per target: a target's row that is not due yet
 * or fails holds back the later rows for that target, so a newer correction never overtakes an older
 * one. Returns how many were delivered.
 */
export async function relayOnce(db: DataSource, options: RelayOptions): Promise<number> {
  const repo = db.getRepository(OutboxEntity);
  const pending = await repo.find({ where: { deliveredAt: IsNull(), rejectedAt: IsNull() }, order: { id: 'ASC' }, take: 100 });
  const held = new Set<string>();
  const now = new Date();
  let delivered = 0;
  for (const row of pending) {
    if (held.has(row.target)) continue;
    if (row.nextAttemptAt > now) {
      held.add(row.target);
      continue;
    }
    const target = row.target as SubgraphName;
    const variables = JSON.parse(row.variables) as Record<string, unknown>;
    try {
      // Signed for this attempt only: an identity is spent on first use, so a retry must carry its own.
      const token = await signIdentity(serviceCaller(options.source), target, requestBodyHash(row.query, variables), options.keys.servicePrivate, 'service');
      const response = await fetch((options.urlOf ?? subgraphUrl)(target), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
        body: JSON.stringify({ query: row.query, variables }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      const refusal = body.errors?.find((e) => REFUSALS.has(e.extensions?.code ?? ''));
      if (refusal) {
        // Retrying cannot change a rule's answer: set it aside for an operator and let the queue move on.
        await repo.update(row.id, { rejectedAt: new Date(), attempts: row.attempts + 1, lastError: `${refusal.extensions?.code}: ${refusal.message}`.slice(0, 2000) });
        log.error({ outbox: row.id, target, err: refusal.message }, 'outbox message refused by its receiver; set aside');
        continue;
      }
      if (!response.ok || body.errors?.length) throw new Error(body.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`);
      await repo.update(row.id, { deliveredAt: new Date(), attempts: row.attempts + 1, lastError: null });
      delivered++;
    } catch (e) {
      held.add(row.target);
      const attempts = row.attempts + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
      await repo.update(row.id, { attempts, nextAttemptAt: new Date(Date.now() + backoff), lastError: (e as Error).message.slice(0, 2000) });
      log.warn({ outbox: row.id, target, attempts, err: (e as Error).message }, 'outbox delivery failed; will retry');
    }
  }
  return delivered;
}

/** Messages not yet delivered, and those set aside because their receiver refused them. */
export async function outboxCounts(db: DataSource): Promise<{ pending: number; rejected: number }> {
  const repo = db.getRepository(OutboxEntity);
  const [pending, rejected] = await Promise.all([repo.countBy({ deliveredAt: IsNull(), rejectedAt: IsNull() }), repo.countBy({ rejectedAt: Not(IsNull()) })]);
  return { pending, rejected };
}

/** Polls the outbox until stopped. */
export function startRelay(db: DataSource, options: RelayOptions): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      await backgroundWork.run(true, () => relayOnce(db, options));
    } catch (e) {
      log.error({ err: e }, 'outbox relay failed');
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
