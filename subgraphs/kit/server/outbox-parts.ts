import type { EntityManager } from 'typeorm';
import type { SubgraphName } from '../protocol/topology';
import { enqueue } from './outbox';

// A message about many items (e.g. 10,000 forwarded records) is sent as several outbox rows, so no
// row outgrows its column (MEDIUMTEXT, 16 MB) or the server's max_allowed_packet (MariaDB: 16 MB).
// Rows written in one transaction keep their order, and the relay delivers a target's rows in order.

/** About 1 MB of JSON per row: far below both limits, and a modest request for the receiver. */
export const OUTBOX_PART_BYTES = 1024 * 1024;

/** Consecutive parts of `items`, each at most `maxBytes` of JSON; an item is never split (a larger one goes alone). */
export function byteBoundedParts<T>(items: readonly T[], maxBytes = OUTBOX_PART_BYTES): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let bytes = 2; // the array's brackets
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1; // and its comma
    if (part.length && bytes + size > maxBytes) {
      parts.push(part);
      [part, bytes] = [[], 2];
    }
    part.push(item);
    bytes += size;
  }
  if (part.length) parts.push(part);
  return parts;
}

/** Enqueues `{ [name]: part }` once per part, in order; call inside the writing transaction. */
export async function enqueueInParts<T>(manager: EntityManager, target: SubgraphName, query: string, name: string, items: readonly T[]): Promise<number> {
  const parts = byteBoundedParts(items);
  for (const part of parts) await enqueue(manager, target, query, { [name]: part });
  return parts.length;
}
