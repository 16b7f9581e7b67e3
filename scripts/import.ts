import { statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { createConnection } from 'mysql2/promise';
import { usccRuleBroken } from '../subgraphs/kit/protocol/codes';
import { loadKeys } from '../subgraphs/kit/protocol/keys';
import { mysqlUrlFor, openDatabase } from '../subgraphs/kit/server/db';
import type { LineReject } from '../subgraphs/kit/credit-records/import-line';
import { legalPersons } from '../subgraphs/legal-persons';
import { KnownKeys } from '../subgraphs/kit/credit-records/known-keys';
import { naturalPersons } from '../subgraphs/natural-persons';
import { PersonCache } from '../subgraphs/natural-persons/import-records';
import { emptyCounts, fileFingerprint, readCheckpoint, writeCheckpoint, type Checkpoint, type ImportCounts } from './import/checkpoint';
import { prepareLines, writeChunk } from './import/prepare';
import { SubjectTypeKeys } from './import/subject-type-keys';
import { importRegistryLines, REGISTRIES, type Registry } from './import/registry';
import { fileHeader, formatOf, readChunks, type Chunk } from './import/source';
import { qualityReport } from './import/report';

// npm run import -- <file.jsonl|file.csv> --provider <org code>: one CreditRecordInput a line, company
// records into the legal-persons database and person records into the natural-persons one (MySQL), in
// chunks of N lines, each committed before the checkpoint moves past it.
// npm run import -- <file> --registry legal-persons|natural-persons|memberships: the registries, each line
// the input of its mutation, through the mutation's own rules.
const program = new Command()
  .name('import')
  .argument('<file>', 'records: .jsonl (one JSON object a line) or .csv (header = CreditRecordInput field names)')
  .option('--provider <org>', 'org code (USCC) of the providing unit; every record is its own')
  .option('--registry <kind>', `registry lines instead of records: ${REGISTRIES.join(', ')}`, (v) => {
    if (!(REGISTRIES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${REGISTRIES.join(', ')}`);
    return v;
  })
  .option('--database-url <url>', 'the legal-persons MySQL database', mysqlUrlFor('legal-persons') ?? undefined)
  .option('--natural-persons-database-url <url>', 'the natural-persons MySQL database (NATURAL_PERSON lines, --registry natural-persons)', mysqlUrlFor('natural-persons') ?? undefined)
  .option('--chunk <lines>', 'lines per transaction', (v) => Number(v), 20_000)
  .option('--checkpoint <path>', 'checkpoint file (default: <file>.checkpoint.json)')
  .option('--restart', 'ignore an existing checkpoint and start from the first line')
  .option('--no-progress', 'no progress bar')
  .parse();

interface Options { provider?: string; registry?: Registry; databaseUrl?: string; naturalPersonsDatabaseUrl?: string; chunk: number; checkpoint?: string; restart?: boolean; progress: boolean }

/** What one chunk did, whichever kind of line. */
interface ChunkOutcome { created: number; updated: number; unchanged: number; keptAsCorrected?: number; rejects: LineReject[]; stored: { LEGAL_PERSON: number; NATURAL_PERSON: number }; peopleRegistered: number }

/** A kind of import: `prepare` (lines → what to write) runs while the previous chunk's `write` commits. */
interface Step<P> { prepare(chunk: Chunk): Promise<P>; write(prepared: P): Promise<ChunkOutcome> }

async function main(): Promise<void> {
  const [file] = program.args;
  const opts = program.opts<Options>();
  if (!opts.registry && !opts.provider) throw new Error('--provider <org code> is required for records (or --registry <kind> for registry lines)');
  if (opts.provider && usccRuleBroken(opts.provider)) throw new Error(`--provider ${opts.provider} is not an org code (USCC)`);
  if (!opts.databaseUrl) throw new Error('no database: pass --database-url mysql://… or set DATABASE_URL (the import runs on MySQL)');
  const owner = opts.registry ? `registry:${opts.registry}` : opts.provider!;
  const format = formatOf(file);
  const size = statSync(file).size;
  const checkpointPath = opts.checkpoint ?? `${file}.checkpoint.json`;
  const header = fileHeader(file, format);
  let cp: Checkpoint | null = opts.restart ? null : readCheckpoint(checkpointPath);
  const fingerprint = fileFingerprint(file, size);
  if (cp && (cp.size !== size || (cp.fingerprint ?? fingerprint) !== fingerprint || cp.provider !== owner)) throw new Error(`${checkpointPath} belongs to another file, provider or registry: pass --restart to start over`);
  cp ??= { file, size, fingerprint, provider: owner, offset: header.dataOffset, line: format === 'csv' ? 1 : 0, done: false, counts: emptyCounts() };

  // Migrations first (a database is created when missing), then plain connections: writes, lookups.
  const npUrl = opts.naturalPersonsDatabaseUrl;
  const lp = (await openDatabase(legalPersons.database, opts.databaseUrl)).dataSource;
  const np = npUrl ? (await openDatabase(naturalPersons.database, npUrl)).dataSource : null;
  // NaturalPerson.id is the keyed hash of the id number under the subgraphs' subject key (SUBJECT_KEY_FILE).
  const subjectKey = (await loadKeys()).subjectKey;
  const [writer, reader] = await Promise.all([createConnection(opts.databaseUrl), createConnection(opts.databaseUrl)]);
  const [npWriter, npReader] = npUrl ? await Promise.all([createConnection(npUrl), createConnection(npUrl)]) : [null, null];
  const subjects = new KnownKeys(reader, 'legal_person', 'uscc');
  const persons = npReader ? new PersonCache(npReader, subjectKey) : null;
  const subjectTypes = await SubjectTypeKeys.open(reader, npReader, opts.provider ?? owner);
  const local = { allowed: true };
  const step: Step<unknown> = opts.registry
    ? {
        prepare: async (chunk) => chunk,
        write: async (chunk) => {
          const { outcomes, rejects } = await importRegistryLines(opts.registry!, (chunk as Chunk).lines, { legalPersons: lp, naturalPersons: np, subjectKey });
          return { created: outcomes.REGISTERED, updated: outcomes.UPDATED, unchanged: 0, rejects, stored: { LEGAL_PERSON: 0, NATURAL_PERSON: 0 }, peopleRegistered: 0 };
        },
      }
    : {
        prepare: (chunk) => prepareLines(chunk.lines, opts.provider!, subjects, persons, subjectTypes),
        write: async (p) => {
          const prepared = p as Awaited<ReturnType<typeof prepareLines>>;
          return { ...(await writeChunk({ legal: writer, natural: npWriter }, prepared, local)), rejects: prepared.rejects, stored: prepared.stored };
        },
      };

  const bar = new SingleBar({ format: 'import [{bar}] {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted}', noTTYOutput: false, stream: process.stderr });
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
      const next = await chunks.next();
      const prepared = next.done ? null : { chunk: next.value, work: await step.prepare(next.value) };
      busy.prepare += Date.now() - t;
      return prepared;
    };
    let current = cp.done ? null : await prepareNext();
    while (current) {
      const t = Date.now();
      const writing = step.write(current.work).finally(() => (busy.database += Date.now() - t));
      const next = prepareNext();
      const done = await writing;
      const { chunk } = current;
      const c: ImportCounts = cp.counts;
      const samples = [...c.sampleRejects];
      for (const r of done.rejects) {
        c.rejectsByRule[r.rule] = (c.rejectsByRule[r.rule] ?? 0) + 1;
        // The quality report shows the first three lines of each rule.
        if (c.rejectsByRule[r.rule] <= 3) samples.push(r);
      }
      cp = {
        ...cp, offset: chunk.endOffset, line: chunk.endLine,
        counts: {
          ...c, lines: c.lines + chunk.lines.length, created: c.created + done.created, updated: c.updated + done.updated, unchanged: c.unchanged + done.unchanged,
          keptAsCorrected: (c.keptAsCorrected ?? 0) + (done.keptAsCorrected ?? 0),
          rejected: c.rejected + done.rejects.length, sampleRejects: samples,
          bySubjectType: { LEGAL_PERSON: (c.bySubjectType?.LEGAL_PERSON ?? 0) + done.stored.LEGAL_PERSON, NATURAL_PERSON: (c.bySubjectType?.NATURAL_PERSON ?? 0) + done.stored.NATURAL_PERSON },
          naturalPersonsRegistered: (c.naturalPersonsRegistered ?? 0) + done.peopleRegistered,
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
  const run = { seconds, linesThisRun: cp.line - startLine, prepareSeconds: busy.prepare / 1000, databaseSeconds: busy.database / 1000 };
  const report = await qualityReport(opts.registry ? null : { legal: reader, natural: npReader }, cp, run);
  await Promise.all([writer, reader, npWriter, npReader].map((c) => c?.end()));
  await Promise.all([lp.destroy(), np?.destroy()]);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`import failed: ${(e as Error).message}\n`);
  process.exit(1);
});
