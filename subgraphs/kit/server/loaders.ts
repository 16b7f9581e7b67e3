import DataLoader from 'dataloader';

// Per-request DataLoaders: one batch of keys becomes one SQL query, results come back in key order.

/** One row (or null) per key. */
export function rowLoader<K extends string | number, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** All rows per key (possibly none). */
export function groupLoader<K extends string | number, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const byKey = new Map<K, R[]>(keys.map((k) => [k, []]));
    for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** Splits a large key list so one IN (…) never exceeds what the database accepts comfortably. */
export async function inChunks<K, R>(keys: readonly K[], fetch: (chunk: K[]) => Promise<R[]>, size = 10_000): Promise<R[]> {
  if (keys.length <= size) return fetch([...keys]);
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await fetch(keys.slice(i, i + size))));
  return out;
}
