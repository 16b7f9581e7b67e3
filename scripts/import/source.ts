import { isUtf8 } from 'node:buffer';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { inSlices } from './slices';

// Reads an import file in chunks of whole lines from a byte offset, so a resumed import starts exactly
// where the last committed chunk ended. One record a line: JSON Lines, or CSV whose header names the
// CreditRecordInput fields (a quoted field may not span lines).

export type Format = 'jsonl' | 'csv';

export interface SourceLine {
  /** 1-based line number in the file. */
  line: number;
  value: Record<string, unknown> | null;
  /** Why the line could not be read as a record. */
  parseError: string | null;
}

export interface Chunk {
  lines: SourceLine[];
  /** Byte offset just after the chunk's last line. */
  endOffset: number;
  endLine: number;
}

export function formatOf(file: string): Format {
  if (/\.jsonl$|\.ndjson$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new Error(`${file}: the import reads .jsonl or .csv files`);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's first 64 KB, after the byte order mark a spreadsheet's "UTF-8" export starts with, and where that is. */
function fileStart(file: string): { head: Buffer; at: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    const at = head.subarray(0, 3).equals(BOM) ? 3 : 0;
    return { head: head.subarray(at), at };
  } finally {
    closeSync(fd);
  }
}

/** Where the first record line starts: the CSV header (its first line) read, a byte order mark skipped. */
export function fileHeader(file: string, format: Format): { columns: string[]; dataOffset: number } {
  const { head, at } = fileStart(file);
  if (format === 'jsonl') return { columns: [], dataOffset: at };
  const end = head.indexOf(0x0a);
  if (end < 0) throw new Error(`${file}: no header line`);
  const columns = (parseCsv(head.subarray(0, end)) as string[][])[0].map((c) => c.trim());
  return { columns, dataOffset: at + end + 1 };
}

const BOOLEAN_FIELDS = new Set(['public', 'dishonest', 'member']);

/** CSV cells are text: booleans as true/false, an empty cell is absent, `a.b` columns fill the object `a`. */
function csvRecord(columns: string[], cells: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((name, i) => {
    const cell = cells[i];
    if (cell === undefined || cell === '') return;
    const value = BOOLEAN_FIELDS.has(name) ? (cell === 'true' ? true : cell === 'false' ? false : cell) : cell;
    const dot = name.indexOf('.');
    if (dot < 0) out[name] = value;
    else ((out[name.slice(0, dot)] ??= {}) as Record<string, unknown>)[name.slice(dot + 1)] = value;
  });
  return out;
}

function parseLine(raw: string, line: number, format: Format, columns: string[]): SourceLine {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (!text.trim()) return { line, value: null, parseError: 'empty line' };
  try {
    if (format === 'jsonl') {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, value: null, parseError: 'a line is one JSON object' };
      return { line, value, parseError: null };
    }
    const [cells] = parseCsv(text, { relax_column_count: true }) as string[][];
    return { line, value: csvRecord(columns, cells ?? []), parseError: null };
  } catch (e) {
    return { line, value: null, parseError: (e as Error).message.split('\n')[0] };
  }
}

/**
 * A chunk's whole lines as text, decoded at once (a newline byte is never inside a UTF-8 character); when
 * the chunk is not all UTF-8 (a GBK export, say), line by line, a line that is not as null: it is refused,
 * not decoded with replacement characters into the record.
 */
function linesOf(bytes: Buffer): (string | null)[] {
  if (!bytes.length) return [];
  const whole = bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, -1) : bytes;
  if (isUtf8(whole)) return whole.toString('utf8').split('\n');
  const texts: (string | null)[] = [];
  for (let start = 0; start <= whole.length; ) {
    const nl = whole.indexOf(0x0a, start);
    const end = nl < 0 ? whole.length : nl;
    const line = whole.subarray(start, end);
    texts.push(isUtf8(line) ? line.toString('utf8') : null);
    start = end + 1;
  }
  return texts;
}

const notUtf8 = (line: number): SourceLine => ({ line, value: null, parseError: 'the line is not UTF-8 text (import files are UTF-8: convert a GBK export with iconv -f GBK -t UTF-8)' });

/** Chunks of `size` lines from `offset` (the line after `line`); the last may be shorter. */
export async function* readChunks(file: string, format: Format, offset: number, line: number, size: number, columns: string[] = []): AsyncGenerator<Chunk> {
  let parts: Buffer[] = [];
  let lines = 0;
  let position = offset;
  let lineNo = line;
  const chunk = async (bytes: Buffer): Promise<Chunk> => {
    parts = [];
    lines = 0;
    const texts = linesOf(bytes);
    const first = lineNo + 1;
    const end = { endOffset: (position += bytes.length), endLine: (lineNo += texts.length) };
    return { lines: await inSlices(texts, (slice, at) => slice.map((t, i) => (t === null ? notUtf8(first + at + i) : parseLine(t, first + at + i, format, columns)))), ...end };
  };
  for await (const data of createReadStream(file, { start: offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, nl + 1)) {
      if (++lines < size) continue;
      parts.push(data.subarray(start, nl + 1));
      start = nl + 1;
      yield await chunk(Buffer.concat(parts));
    }
    // The stream may reuse its buffer: keep a copy of what belongs to the next chunk.
    if (start < data.length) parts.push(Buffer.from(data.subarray(start)));
  }
  if (parts.length) yield await chunk(Buffer.concat(parts));
}
