import type { Connection } from 'mysql2/promise';
import type { DataSource, EntitySchema } from 'typeorm';

// One table's bulk writer. Rows go in multi-row INSERTs to an index-free staging copy of the table
// (append-only, so its cost does not grow with the table), then one INSERT … SELECT moves them into
// the empty real table: with unique and foreign-key checks off, InnoDB then sorts the rows and
// builds every index bottom-up (MariaDB ≥ 10.7 bulk insert), instead of random B-tree inserts
// that overflow a small buffer pool. While a batch is on the wire the generator builds the next.

export interface SinkStats {
  table: string;
  rows: number;
  seconds: number;
}

export interface SinkProgress {
  increment(rows: number): void;
  phase(name: string): void;
}

export class TableSink<Row extends object> {
  readonly table: string;
  private readonly properties: string[];
  private readonly columns: string;
  private readonly target: string;
  private readonly stage: string;
  private buffer: unknown[][] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private written = 0;
  private startedAt = 0;

  /** Columns come from the subgraph's entity metadata, so a row is the entity's own row type. */
  private constructor(
    private readonly conn: Connection,
    ds: DataSource,
    entity: EntitySchema<Row>,
    private readonly batchSize: number,
    private readonly progress: SinkProgress,
  ) {
    const meta = ds.getMetadata(entity);
    // Generated columns (list_entry_event.seq) are left to the real table's AUTO_INCREMENT.
    const columns = meta.columns.filter((c) => !c.isGenerated);
    this.table = `${ds.driver.database}.${meta.tableName}`;
    this.properties = columns.map((c) => c.propertyName);
    this.columns = columns.map((c) => `\`${c.databaseName}\``).join(', ');
    this.target = `\`${meta.tableName}\``;
    this.stage = `\`seed_stage_${meta.tableName}\``;
  }

  static async open<Row extends object>(conn: Connection, ds: DataSource, entity: EntitySchema<Row>, batchSize: number, progress: SinkProgress): Promise<TableSink<Row>> {
    const sink = new TableSink(conn, ds, entity, batchSize, progress);
    // Same column types as the real table, no keys; a stage left by a failed run is replaced.
    await conn.query(`DROP TABLE IF EXISTS ${sink.stage}`);
    await conn.query(`CREATE TABLE ${sink.stage} ENGINE=InnoDB AS SELECT ${sink.columns} FROM ${sink.target} WHERE 1 = 0`);
    return sink;
  }

  async push(row: Row): Promise<void> {
    if (this.startedAt === 0) this.startedAt = performance.now();
    const record = row as Record<string, unknown>;
    this.buffer.push(this.properties.map((p) => record[p] ?? null));
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  private async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    await this.inFlight;
    if (this.failure) throw this.failure;
    if (!batch.length) return;
    // The rejection is kept and rethrown on the next push, never left unhandled.
    this.inFlight = this.conn.query(`INSERT INTO ${this.stage} (${this.columns}) VALUES ?`, [batch]).then(
      () => {
        this.written += batch.length;
        this.progress.increment(batch.length);
      },
      (e: unknown) => {
        this.failure = new Error(`INSERT into ${this.table} (staging) failed: ${(e as Error).message}`);
      },
    );
  }

  /** Sends what is left, moves the staged rows into the real table in one statement, and reports the rate. */
  async close(): Promise<SinkStats> {
    await this.flush();
    await this.inFlight;
    if (this.failure) throw this.failure;
    this.progress.phase('indexing');
    await this.conn.query(`INSERT INTO ${this.target} (${this.columns}) SELECT ${this.columns} FROM ${this.stage}`);
    // MariaDB 10.11's bulk insert drops every row, silently, when one key repeats: so count.
    const [counted] = await this.conn.query(`SELECT COUNT(*) AS n FROM ${this.target}`);
    const rows = Number((counted as { n: number }[])[0].n);
    if (rows !== this.written) throw new Error(`${this.table}: ${this.written} rows staged but ${rows} stored (a repeated key?); the stage ${this.stage} is kept`);
    await this.conn.query(`DROP TABLE ${this.stage}`);
    // Fresh index statistics, so the first queries on the new data get good plans.
    await this.conn.query(`ANALYZE TABLE ${this.target}`);
    this.progress.phase('done');
    const seconds = this.startedAt ? (performance.now() - this.startedAt) / 1000 : 0;
    return { table: this.table, rows: this.written, seconds };
  }
}
