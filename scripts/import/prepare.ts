import type { Connection } from 'mysql2/promise';
import { bulkRows, writeBulkRows, type BulkRows, type LocalInfile, type UpsertCounts } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { inSlices } from './slices';
import type { SubjectTypeKeys } from './subject-type-keys';
import { today } from '../../subgraphs/kit/calendar/clock';
import type { CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import type { TallyDeltas } from '../../subgraphs/kit/credit-records/tally';
import { checkImportLines, type ImportLine, type LineReject } from '../../subgraphs/kit/credit-records/import-line';
import type { KnownKeys } from '../../subgraphs/kit/credit-records/known-keys';
import { legalPersonRows } from '../../subgraphs/legal-persons/import-records';
import { naturalPersonRows, personStatements, type PersonCache } from '../../subgraphs/natural-persons/import-records';

// A chunk of lines turned into SQL for the two person databases: company records into legal-persons',
// person records (and the persons they introduce) into natural-persons'.

export interface PreparedChunk {
  legal: BulkRows;
  natural: { people: string[]; records: BulkRows };
  rejects: LineReject[];
  stored: { LEGAL_PERSON: number; NATURAL_PERSON: number };
}

async function bulkRowsInSlices(rows: CreditRecordRow[]): Promise<BulkRows> {
  const inserted: TallyDeltas = new Map();
  return { rows, pieces: await inSlices(rows, (slice) => bulkRows(slice, inserted).pieces), inserted };
}

export async function prepareLines(lines: ImportLine[], provider: string, subjects: KnownKeys, persons: PersonCache | null, subjectTypes: SubjectTypeKeys): Promise<PreparedChunk> {
  const seen = new Map<string, number>();
  const day = today(); // the day the records are received, for their dates
  const rejects: LineReject[] = [];
  const good = await subjectTypes.check(await inSlices(lines, (slice) => {
    const checked = checkImportLines(slice, provider, day, seen);
    rejects.push(...checked.rejects);
    return checked.good;
  }), rejects);
  const legalLines = good.filter((g) => g.input.subjectType === 'LEGAL_PERSON');
  const naturalLines = good.filter((g) => g.input.subjectType === 'NATURAL_PERSON');
  if (naturalLines.length && !persons) throw new Error(`line ${naturalLines[0].line} is about a natural person: pass --natural-persons-database-url (or set NATURAL_PERSONS_DATABASE_URL / DATABASE_URL)`);
  const legal = await legalPersonRows(legalLines, subjects, rejects);
  const natural = persons && naturalLines.length ? await naturalPersonRows(naturalLines, persons, rejects) : { people: [], rows: [] };
  // The next chunk is prepared while this one is written: it must know the persons this one introduces.
  for (const p of natural.people) persons?.add(p.id);
  rejects.sort((a, b) => a.line - b.line);
  return {
    legal: await bulkRowsInSlices(legal),
    natural: { people: personStatements(natural.people), records: await bulkRowsInSlices(natural.rows) },
    rejects,
    stored: { LEGAL_PERSON: legal.length, NATURAL_PERSON: natural.rows.length },
  };
}

async function inTransaction<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
  await conn.beginTransaction();
  try {
    const out = await work();
    await conn.commit();
    return out;
  } catch (e) {
    await conn.rollback().catch(() => undefined);
    throw e;
  }
}

const NONE: UpsertCounts = { created: 0, updated: 0, unchanged: 0, keptAsCorrected: 0 };
const sum = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({ created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, keptAsCorrected: a.keptAsCorrected + b.keptAsCorrected });

/**
 * One transaction per database: natural-persons' first, then legal-persons'. The checkpoint follows both,
 * so a kill between them redoes the chunk, whose rows are then found stored and unchanged.
 */
export async function writeChunk(writers: { legal: Connection; natural: Connection | null }, chunk: PreparedChunk, local: LocalInfile): Promise<UpsertCounts & { peopleRegistered: number }> {
  const on = today();
  let natural = NONE;
  let peopleRegistered = 0;
  if (writers.natural && (chunk.natural.records.rows.length || chunk.natural.people.length)) {
    const conn = writers.natural;
    natural = await inTransaction(conn, async () => {
      for (const sql of chunk.natural.people) peopleRegistered += ((await conn.query(sql))[0] as { affectedRows: number }).affectedRows;
      return writeBulkRows(conn, chunk.natural.records, on, local);
    });
  }
  const legal = chunk.legal.rows.length ? await inTransaction(writers.legal, () => writeBulkRows(writers.legal, chunk.legal, on, local)) : NONE;
  return { ...sum(legal, natural), peopleRegistered };
}
