import { statSync } from 'node:fs';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ACCESS_LOG_TABLE, logTime } from '../kit/protocol/access-log-table';
import type { QueryPurpose, SubjectRef } from '../kit/protocol/caller';
import { badInput } from '../kit/protocol/errors';
import { inChunks } from '../kit/server/loaders';
import { openCursor, sealCursor, type CursorKey } from '../kit/server/cursor';

// Reads a subject's log, newest first: each page is one index range scan per subject on the primary
// key (subject_type, subject_id, at, entry_id); a batch of subjects is one UNION ALL statement.

export interface AccessLogEntry {
  at: string;
  entryId: string;
  requestId: string;
  clientId: string;
  clientKind: string;
  org: string;
  operator: string | null;
  purpose: QueryPurpose;
  fieldGroups: string[];
  operationName: string | null;
}

export interface PageArgs {
  first: number;
  /** The opened cursor (`at|entryId`), never the sealed one. */
  after: string | null;
}

export interface Page {
  entries: AccessLogEntry[];
  hasNextPage: boolean;
}

const subjectKey = (s: SubjectRef) => `${s.type}|${s.id}`;
const SELECTED = `at, entry_id AS entryId, request_id AS requestId, client_id AS clientId, client_kind AS clientKind, org, operator, purpose, field_groups AS fieldGroups, operation_name AS operationName`;

export function encodeCursor(key: CursorKey, e: { at: string; entryId: string }): string {
  return sealCursor(key, `${e.at}|${e.entryId}`);
}

function entryAfter(text: string | null): [string, string] | null {
  const [at, entryId] = (text ?? '').split('|');
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(at ?? '') && /^[0-9a-f]{16}$/.test(entryId ?? '') ? [at, entryId] : null;
}

/** `after` comes back opened (kit/server/cursor.ts): what the page loaders key and query by. */
export function checkPageArgs(args: { first?: number | null; after?: string | null }, key: CursorKey): PageArgs {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'RANGE', `first must be 1–100, got ${first}`);
  const after = args.after ? openCursor(key, args.after) : null;
  if (args.after && !entryAfter(after)) throw badInput('after', 'CURSOR', 'after is not a cursor returned by accessLog');
  return { first, after };
}

type Row = Omit<AccessLogEntry, 'fieldGroups'> & { k: number; fieldGroups: string };

function entryOf(row: Row): AccessLogEntry {
  const { k: _k, fieldGroups, ...rest } = row;
  return { ...rest, at: String(rest.at), fieldGroups: fieldGroups ? fieldGroups.split(',') : [] };
}

/** One page per subject: one statement per 500 subjects, each branch bounded by LIMIT on the index. */
export function pageLoader(db: DataSource, args: PageArgs, since: Date): DataLoader<SubjectRef, Page, string> {
  const cutoff = logTime(since);
  const after = entryAfter(args.after);
  return new DataLoader<SubjectRef, Page, string>(async (subjects) => {
    const rows = await inChunks(subjects, (chunk) => {
      const params: unknown[] = [];
      const branches = chunk.map((s, i) => {
        params.push(s.type, s.id, cutoff, ...(after ? [after[0], after[0], after[1]] : []));
        return `SELECT * FROM (SELECT ${i} AS k, ${SELECTED} FROM ${ACCESS_LOG_TABLE} WHERE subject_type = ? AND subject_id = ? AND at >= ?${
          after ? ' AND (at < ? OR (at = ? AND entry_id < ?))' : ''} ORDER BY at DESC, entry_id DESC LIMIT ${args.first + 1}) AS t${i}`;
      });
      return db.query(branches.join(' UNION ALL '), params).then((r: Row[]) => r.map((row) => ({ ...row, k: Number(row.k) + subjects.indexOf(chunk[0]) })));
    }, 500);
    const byIndex = subjects.map(() => [] as AccessLogEntry[]);
    for (const row of rows) byIndex[row.k].push(entryOf(row));
    return byIndex.map((entries) => {
      entries.sort((a, b) => (a.at === b.at ? b.entryId.localeCompare(a.entryId) : b.at.localeCompare(a.at)));
      return { entries: entries.slice(0, args.first), hasNextPage: entries.length > args.first };
    });
  }, { cacheKeyFn: subjectKey });
}

/** Entries inside the retention period, per subject: one GROUP BY per subject type. */
export function countLoader(db: DataSource, since: Date): DataLoader<SubjectRef, number, string> {
  const cutoff = logTime(since);
  return new DataLoader<SubjectRef, number, string>(async (subjects) => {
    const counts = new Map<string, number>();
    for (const type of new Set(subjects.map((s) => s.type))) {
      const ids = subjects.filter((s) => s.type === type).map((s) => s.id);
      const rows: { id: string; n: number | string }[] = await inChunks(ids, (chunk) =>
        db.query(`SELECT subject_id AS id, COUNT(*) AS n FROM ${ACCESS_LOG_TABLE} WHERE subject_type = ? AND subject_id IN (${chunk.map(() => '?').join(', ')}) AND at >= ? GROUP BY subject_id`, [type, ...chunk, cutoff]));
      for (const r of rows) counts.set(`${type}|${r.id}`, Number(r.n));
    }
    return subjects.map((s) => counts.get(subjectKey(s)) ?? 0);
  }, { cacheKeyFn: subjectKey });
}

let loadedVersion = '';

/** Embedded (npm start): the gateway replaces the file on each write; reload it when it is another file. */
export async function freshView(db: DataSource): Promise<void> {
  if (db.options.type !== 'sqljs' || !db.options.location) return;
  const st = statSync(db.options.location, { throwIfNoEntry: false });
  const version = st ? `${st.ino}:${st.mtimeMs}:${st.size}` : '';
  if (version === loadedVersion) return;
  loadedVersion = version;
  await (db.driver as unknown as { load(file: string): Promise<unknown> }).load(db.options.location);
}
