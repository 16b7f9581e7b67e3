import { statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { createConnection } from 'mysql2/promise';
import { usccRuleBroken } from '../subgraphs/kit/protocol/codes';
import { mysqlUrlFor, openDatabase } from '../subgraphs/kit/server/db';
import { legalPersons } from '../subgraphs/legal-persons';
import { prepareLines, SubjectCache, writeChunk } from '../subgraphs/legal-persons/import-records';
import { emptyCounts, readCheckpoint, writeCheckpoint, type Checkpoint, type ImportCounts } from './import/checkpoint';
import { csvHeader, formatOf, readChunks } from './import/source';
import { qualityReport } from './import/report';

// npm run import -- <file.jsonl|file.csv> --provider <org code>: one CreditRecordInput a line, into the
// legal-persons database on MySQL, in chunks of N lines, each one transaction followed by the checkpoint.
const program = new Command()
  .name('import')
  .argument('<file>', 'records: .jsonl (one JSON object a line) or .csv (header = CreditRecordInput field names)')
  .requiredOption('--provider <org>', 'org code (USCC) of the providing unit; every record is its own')
  .option('--database-url <url>', 'the legal-persons MySQL database', mysqlUrlFor('legal-persons') ?? undefined)
  .option('--chunk <lines>', 'lines per transaction', (v) => Number(v), 20_000)
  .option('--checkpoint <path>', 'checkpoint file (default: <file>.checkpoint.json)')
  .option('--restart', 'ignore an existing checkpoint and start from the first line')
  .option('--no-progress', 'no progress bar')
  .parse();

async function main(): Promise<void> {
  const [file] = program.args;
  const opts = program.opts<{ provider: string; databaseUrl?: string; chunk: number; checkpoint?: string; restart?: boolean; progress: boolean }>();
  if (usccRuleBroken(opts.provider)) throw new Error(`--provider ${opts.provider} is not an org code (USCC)`);
  if (!opts.databaseUrl) throw new Error('no database: pass --database-url mysql://… or set DATABASE_URL (the import runs on MySQL)');
  const format = formatOf(file);
  const size = statSync(file).size;
  const checkpointPath = opts.checkpoint ?? `${file}.checkpoint.json`;
  const header = format === 'csv' ? csvHeader(file) : { columns: [], dataOffset: 0 };
  let cp: Checkpoint | null = opts.restart ? null : readCheckpoint(checkpointPath);
  if (cp && (cp.size !== size || cp.provider !== opts.provider)) throw new Error(`${checkpointPath} belongs to another file or provider: pass --restart to start over`);
  cp ??= { file, size, provider: opts.provider, offset: header.dataOffset, line: format === 'csv' ? 1 : 0, done: false, counts: emptyCounts() };

  // Migrations first (the database is created when missing), then two plain connections: writes, lookups.
  await (await openDatabase(legalPersons.database, opts.databaseUrl)).dataSource.destroy();
  const [writer, reader] = await Promise.all([createConnection(opts.databaseUrl), createConnection(opts.databaseUrl)]);
  const subjects = new SubjectCache(reader);
  const bar = new SingleBar({ format: 'import [{bar}] {percentage}% | {lines} lines | {rate} records/s | ETA {eta_formatted}', noTTYOutput: false, stream: process.stderr });
  if (opts.progress && !cp.done) bar.start(size, cp.offset, { lines: cp.line, rate: 0 });
  const started = Date.now();
  const startLine = cp.line;
  // Where the time goes: reading and checking lines, and the database's upserts and commits (they overlap).
  const busy = { prepare: 0, database: 0 };
  try {
    const chunks = readChunks(file, format, cp.offset, cp.line, opts.chunk, header.columns);
    // The next chunk is read, checked and turned into SQL while the database commits this one.
    const prepareNext = async () => {
      const t = Date.now();
      const step = await chunks.next();
      const prepared = step.done ? null : { chunk: step.value, ...(await prepareLines(step.value.lines, opts.provider, subjects)) };
      busy.prepare += Date.now() - t;
      return prepared;
    };
    let current = cp.done ? null : await prepareNext();
    while (current) {
      const t = Date.now();
      const writing = writeChunk(writer, current.statements).finally(() => (busy.database += Date.now() - t));
      const next = prepareNext();
      const counts = await writing;
      const { chunk, rejects } = current;
      const c: ImportCounts = cp.counts;
      const samples = [...c.sampleRejects];
      for (const r of rejects) {
        c.rejectsByRule[r.rule] = (c.rejectsByRule[r.rule] ?? 0) + 1;
        // The quality report shows the first three lines of each rule.
        if (c.rejectsByRule[r.rule] <= 3) samples.push(r);
      }
      cp = {
        ...cp, offset: chunk.endOffset, line: chunk.endLine,
        counts: {
          ...c, lines: c.lines + chunk.lines.length, created: c.created + counts.created, updated: c.updated + counts.updated, unchanged: c.unchanged + counts.unchanged,
          rejected: c.rejected + rejects.length, sampleRejects: samples,
        },
      };
      writeCheckpoint(checkpointPath, cp);
      const seconds = (Date.now() - started) / 1000;
      if (opts.progress) bar.update(cp.offset, { lines: cp.line, rate: Math.round((cp.line - startLine) / Math.max(seconds, 0.001)) });
      current = await next;
    }
    if (!cp.done) writeCheckpoint(checkpointPath, (cp = { ...cp, done: true }));
  } finally {
    if (opts.progress) bar.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  const report = await qualityReport(reader, cp, { seconds, linesThisRun: cp.line - startLine, prepareSeconds: busy.prepare / 1000, databaseSeconds: busy.database / 1000 });
  await Promise.all([writer.end(), reader.end()]);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`import failed: ${(e as Error).message}\n`);
  process.exit(1);
});
