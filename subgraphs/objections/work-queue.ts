import { Brackets, type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { badInput } from '../kit/protocol/errors';
import { decodeCursor, encodeCursor, type CursorKey } from '../kit/server/cursor';
import { ObjectionEntity, RepairApplicationEntity, type ObjectionRow, type RepairApplicationRow } from './entities';

// What the caller must act on (001 Art. 31; "who finds, repairs"), earliest working-day deadline first:
// the platform the objections still with it (and repairs without a finding body); a providing unit or an
// initiating department the objections forwarded to it and the repairs of its findings.
export const MAX_QUEUE_PAGE = 100;

export interface QueueArgs {
  overdueOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export interface Connection<R> {
  /** Counted only when totalCount is selected (graphql-js's default resolver calls it). */
  totalCount: () => Promise<number>;
  edges: { cursor: string; node: R }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const cursorOf = (key: CursorKey, row: { id: string; decideBy: string | null }) => encodeCursor(key, { decidedOn: row.decideBy ?? '9999-12-31', id: row.id });

async function page<R extends ObjectLiteral & { id: string; decideBy: string | null }>(qb: SelectQueryBuilder<R>, args: QueueArgs, today: string, key: CursorKey): Promise<Connection<R>> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_QUEUE_PAGE) throw badInput('first', 'PAGE_SIZE', `first must be between 0 and ${MAX_QUEUE_PAGE}`);
  if (args.overdueOnly) qb.andWhere('q.decide_by < :today', { today });
  const counting = qb.clone();
  const totalCount = () => counting.getCount();
  if (args.after) {
    const [by, id] = decodeCursor(key, args.after);
    qb.andWhere('(q.decide_by > :by OR (q.decide_by = :by AND q.id > :id))', { by, id });
  }
  const rows = first === 0 ? [] : await qb.orderBy('q.decide_by', 'ASC').addOrderBy('q.id', 'ASC').limit(first + 1).getMany();
  const nodes = rows.slice(0, first);
  return { totalCount, edges: nodes.map((node) => ({ cursor: cursorOf(key, node), node })), pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? cursorOf(key, nodes[nodes.length - 1]) : null } };
}

/** Units decide what is with them; nobody else has a queue (the field's @policy admits official bodies only). */
function unitOf(caller: Caller): string | null {
  return caller.kind === 'DEPARTMENT' || caller.kind === 'COURT' ? caller.org : null;
}

export function objectionQueue(db: DataSource, caller: Caller, args: QueueArgs, today: string, key: CursorKey): Promise<Connection<ObjectionRow>> {
  const qb = db.getRepository(ObjectionEntity).createQueryBuilder('q');
  if (caller.kind === 'ADMIN') qb.where("q.status = 'FILED'");
  else {
    // Forwarded to it by name, or routed to it as the body whose finding it is (rules/objection-decision.ts responsibleUnit).
    const unit = unitOf(caller) ?? '\u0000';
    qb.where("q.status = 'FORWARDED'").andWhere(new Brackets((w) => w.where('q.forwarded_to = :unit', { unit }).orWhere('(q.forwarded_to IS NULL AND q.listed_by = :unit)', { unit })));
  }
  return page(qb, args, today, key);
}

export function repairQueue(db: DataSource, caller: Caller, args: QueueArgs, today: string, key: CursorKey): Promise<Connection<RepairApplicationRow>> {
  const qb = db.getRepository(RepairApplicationEntity).createQueryBuilder('q').where("q.status = 'PENDING'");
  if (caller.kind === 'ADMIN') qb.andWhere('q.listed_by IS NULL');
  else qb.andWhere('q.listed_by = :unit', { unit: unitOf(caller) ?? '\u0000' });
  return page(qb, args, today, key);
}
