import type { Connection } from 'mysql2/promise';
import { inChunks } from '../server/loaders';
import { ROWS_PER_STATEMENT } from './bulk-upsert';

// The bulk import's subject lookups (npm run import): which keys of a registry table exist, asked of the
// database per chunk for the keys not yet known to exist, remembered across the file's chunks (up to
// `max`, then forgotten at once). Both person subgraphs' import steps use it.
export class KnownKeys {
  private readonly known = new Set<string>();
  constructor(private readonly conn: Connection, private readonly table: string, private readonly column: string, private readonly max = 2_000_000) {}

  async resolve(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.known.has(k));
    if (!missing.length) return;
    if (this.known.size + missing.length > this.max) this.known.clear();
    const rows = await inChunks(missing, async (chunk) => (await this.conn.query(`SELECT ${this.column} AS k FROM ${this.table} WHERE ${this.column} IN (?)`, [chunk]))[0] as { k: string }[], ROWS_PER_STATEMENT);
    for (const r of rows) this.known.add(r.k);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  /** Registered by the import itself (once its chunk commits). */
  add(key: string): void {
    this.known.add(key);
  }
}
