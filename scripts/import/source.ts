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

const tooLongLine = (line: number, max: number): SourceLine => ({ line, value: null, parseError: `the line is longer than ${max} bytes (a record at its longest is far shorter): not read` });

export interface ChunkLimits {
  /** A longer line is refused unread: a record at its longest (20,000 characters of content, JSON-escaped) is far under 1 MB. */
  maxLineBytes: number;
  /** A chunk's text is decoded as one string, and V8's stop at 512 MB: a chunk of long lines ends early. */
  maxChunkBytes: number;
}
const LIMITS: ChunkLimits = { maxLineBytes: 1 << 20, maxChunkBytes: 64 << 20 };

/**
 * Chunks of `size` lines from `offset` (the line after `line`); the last may be shorter, and so may one
 * reaching maxChunkBytes. A line over maxLineBytes is never held: it stands in its chunk as an empty line,
 * answered as too long, and its bytes are skipped (but counted in the chunk's end offset).
 */
export async function* readChunks(file: string, format: Format, offset: number, line: number, size: number, columns: string[] = [], limits: ChunkLimits = LIMITS): AsyncGenerator<Chunk> {
  let parts: Buffer[] = [];
  let kept = 0; // bytes in parts
  let consumed = 0; // file bytes the chunk covers, a skipped line's included
  let lines = 0; // whole lines in the chunk
  let lineBytes = 0; // bytes of the line under way
  let skipping = false; // inside a line over maxLineBytes
  let tooLong = new Set<number>(); // the chunk's lines (0-based) refused for their length
  let position = offset;
  let lineNo = line;
  const chunk = async (): Promise<Chunk> => {
    const texts = linesOf(Buffer.concat(parts));
    const [first, refused] = [lineNo + 1, tooLong];
    const end = { endOffset: (position += consumed), endLine: (lineNo += texts.length) };
    [parts, kept, consumed, lines, tooLong] = [[], 0, 0, 0, new Set()];
    const lineOf = (t: string | null, n: number, at: number) => (refused.has(n) ? tooLongLine(at, limits.maxLineBytes) : t === null ? notUtf8(at) : parseLine(t, at, format, columns));
    return { lines: await inSlices(texts, (slice, at) => slice.map((t, i) => lineOf(t, at + i, first + at + i))), ...end };
  };
  const keep = (piece: Buffer) => {
    parts.push(piece);
    kept += piece.length;
  };
  for await (const data of createReadStream(file, { start: offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0; // start of this buffer's bytes not yet in parts
    for (let start = 0; start < data.length; ) {
      const nl = data.indexOf(0x0a, start);
      const end = nl < 0 ? data.length : nl + 1;
      consumed += end - start;
      lineBytes += end - start;
      if (!skipping && lineBytes > limits.maxLineBytes) {
        // Drop what is held of the line (earlier buffers' part of it too); an empty line stands in for it.
        keep(data.subarray(from, start));
        const held = Buffer.concat(parts).subarray(0, kept - (lineBytes - (end - start)));
        [parts, kept] = [[], 0];
        keep(Buffer.from(held));
        skipping = true;
      }
      if (skipping) from = end;
      start = end;
      if (nl < 0) break;
      if (skipping) {
        keep(Buffer.from('\n'));
        tooLong.add(lines);
        skipping = false;
      }
      lineBytes = 0;
      if (++lines < size && kept + (end - from) < limits.maxChunkBytes) continue;
      keep(data.subarray(from, end));
      from = end;
      yield await chunk();
    }
    // The stream may reuse its buffer: keep a copy of what belongs to the next chunk.
    if (from < data.length) keep(Buffer.from(data.subarray(from)));
  }
  if (skipping) {
    keep(Buffer.from('\n'));
    tooLong.add(lines);
  }
  if (parts.length) yield await chunk();
}
