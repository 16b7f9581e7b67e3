import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/** Work run inside `backgroundWork.run(true, …)` (the outbox relay) is not counted as request SQL. */
export const backgroundWork = new AsyncLocalStorage<boolean>();

// Counts the SQL a data source runs, so tests can assert "one _entities call = one SELECT".
export class QueryCounter implements Logger {
  readonly statements: string[] = [];
  private recording = false;

  start(): void {
    this.statements.length = 0;
    this.recording = true;
  }

  stop(): string[] {
    this.recording = false;
    return [...this.statements];
  }

  selects(): number {
    return this.statements.filter((s) => /^\s*SELECT/i.test(s)).length;
  }

  logQuery(query: string): void {
    if (this.recording && !backgroundWork.getStore()) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
