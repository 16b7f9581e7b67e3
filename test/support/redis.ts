import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisStore } from '../../subgraphs/kit/protocol/shared-store';

// Tests run on the real Redis (127.0.0.1:6379 unless TEST_REDIS_URL says otherwise), each run under a
// key prefix of its own, and delete only their own keys: several checkouts share one server.
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  prefix: string;
  /** Another replica's store: a connection of its own on this run's prefix. */
  replica(): RedisStore;
  /** This run's keys with their remaining life in ms (-1: none). */
  keys(): Promise<Map<string, number>>;
  /** Closes the replicas and deletes this run's keys. */
  stop(): Promise<void>;
}

export function testRedis(): TestRedis {
  const prefix = `test:${process.env.TEST_DB_PREFIX ?? ''}${randomUUID()}:`;
  const admin = new Redis(TEST_REDIS_URL);
  const replicas: RedisStore[] = [];
  const keys = async () => {
    const found = new Map<string, number>();
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
      for (const key of batch as string[]) found.set(key, await admin.pttl(key));
    }
    return found;
  };
  return {
    prefix,
    replica() {
      const store = new RedisStore(TEST_REDIS_URL, prefix);
      replicas.push(store);
      return store;
    },
    keys,
    async stop() {
      await Promise.all(replicas.map((r) => r.close()));
      const own = [...(await keys()).keys()];
      if (own.length) await admin.del(...own);
      await admin.quit();
    },
  };
}

/** A store whose Redis is not there (nothing listens on port 1). */
export function unreachableStore(): { store: RedisStore; close(): Promise<void> } {
  const store = new RedisStore('redis://127.0.0.1:1', 'test:unreachable:');
  return {
    store,
    async close() {
      await store.close();
      // ioredis leaves a failed command's 2 s timeout timer running; let it end before Jest exits.
      await new Promise((resolve) => setTimeout(resolve, 2100));
    },
  };
}
