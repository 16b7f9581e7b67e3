import { Command, InvalidArgumentError } from 'commander';
import { planRecords } from '../subgraphs/kit/demo/bulk-data';
import { loadKeys, type KeyFiles } from '../subgraphs/kit/protocol/keys';
import { closeAll, dropDatabases, nonEmptyTables, openAll } from './seed/databases';
import { formatReport, silentProgress, terminalProgress } from './seed/progress';
import { runPasses } from './seed/passes';
import type { SinkStats } from './seed/sink';

// npm run seed -- --legal-persons N --natural-persons M [--records R]: fills MySQL with the demo data
// set grown to N companies, M people and R credit records (kit/demo/bulk-data.ts), one database per
// subgraph, migrated by the subgraphs' own migrations. The subject key is ./data/keys (loadKeys),
// the one the running subgraphs use, so they can read what this writes.

export interface SeedOptions {
  legalPersons: number;
  naturalPersons: number;
  records?: number;
  databaseUrl: string;
  databasePrefix: string;
  batchSize: number;
  reset?: boolean;
  progress: boolean;
}

export interface SeedReport {
  tables: SinkStats[];
  seconds: number;
}

function count(min: number) {
  return (value: string): number => {
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return n;
  };
}

function program(): Command {
  return new Command()
    .name('seed')
    .description('fill the credit_* MySQL databases with deterministic synthetic data')
    .option('--legal-persons <n>', 'companies (legal persons)', count(1), 600)
    .option('--natural-persons <n>', 'natural persons', count(1), 400)
    .option('--records <n>', 'credit records over both subject types (default: 5 per company, 2 per person)', count(0))
    .option('--database-url <url>', 'MySQL server', process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306')
    .option('--database-prefix <prefix>', 'database names are <prefix><subgraph>', 'credit_')
    .option('--batch-size <n>', 'rows per INSERT statement', count(1), 2000)
    .option('--reset', 'drop and recreate the five databases first')
    .option('--no-progress', 'no progress bars (the final report is still printed)')
    .exitOverride();
}

export async function seed(options: SeedOptions, keys: KeyFiles): Promise<SeedReport> {
  const started = performance.now();
  const server = options.databaseUrl;
  const prefix = options.databasePrefix;
  if (options.reset) await dropDatabases(server, prefix);
  const dbs = await openAll(server, prefix);
  try {
    const filled = await nonEmptyTables(dbs);
    if (filled.length) throw new Error(`refusing to seed: ${filled.join(', ')} already hold rows (run with --reset to drop and recreate the ${prefix}* databases)`);
    const plan = planRecords(options.records ?? 5 * options.legalPersons + 2 * options.naturalPersons, options.legalPersons, options.naturalPersons);
    const progress = options.progress ? terminalProgress() : silentProgress;
    try {
      const tables = await runPasses({ server, prefix, dbs, keys, plan, batchSize: options.batchSize, progress });
      return { tables, seconds: (performance.now() - started) / 1000 };
    } finally {
      progress.stop();
    }
  } finally {
    await closeAll(dbs);
  }
}

/** The CLI: parses argv (without node and script), seeds, prints rows per second. Imported by the tests. */
export async function main(argv: string[] = process.argv.slice(2), deps: { keys?: KeyFiles; print?: (line: string) => void } = {}): Promise<SeedReport> {
  const options = program().parse(argv, { from: 'user' }).opts<SeedOptions>();
  const report = await seed(options, deps.keys ?? (await loadKeys()));
  (deps.print ?? console.log)(formatReport(report.tables, report.seconds));
  return report;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    // commander has already printed its own usage errors.
    if ((e as { code?: string }).code?.startsWith('commander.')) process.exit((e as { exitCode?: number }).exitCode ?? 1);
    console.error(`seed failed: ${(e as Error).message}`);
    process.exit(1);
  });
}
