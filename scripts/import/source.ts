import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';

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

/** The CSV header (the first line) and the offset of the first record. */
export function csvHeader(file: string): { columns: string[]; dataOffset: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const end = buf.subarray(0, n).indexOf(0x0a);
    if (end < 0) throw new Error(`${file}: no header line`);
    const columns = (parseCsv(buf.subarray(0, end)) as string[][])[0].map((c) => c.trim());
    return { columns, dataOffset: end + 1 };
  } finally {
    closeSync(fd);
  }
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

function parseLines(raw: Buffer[], firstLine: number, format: Format, columns: string[]): SourceLine[] {
  return raw.map((bytes, i) => {
    const line = firstLine + i;
    const text = bytes.toString('utf8').replace(/\r$/, '');
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
  });
}

/** Chunks of `size` lines from `offset` (the line after `line`); the last may be shorter. */
export async function* readChunks(file: string, format: Format, offset: number, line: number, size: number, columns: string[] = []): AsyncGenerator<Chunk> {
  let pending: Buffer[] = [];
  let rest: Buffer = Buffer.alloc(0);
  let position = offset;
  let lineNo = line;
  for await (const data of createReadStream(file, { start: offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let buf = rest.length ? Buffer.concat([rest, data]) : data;
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      pending.push(buf.subarray(start, nl));
      position += nl + 1 - start;
      start = nl + 1;
      if (pending.length === size) {
        yield { lines: parseLines(pending, lineNo + 1, format, columns), endOffset: position, endLine: lineNo + size };
        lineNo += size;
        pending = [];
      }
    }
    rest = Buffer.from(buf.subarray(start));
    buf = rest;
  }
  if (rest.length) {
    pending.push(rest);
    position += rest.length;
  }
  if (pending.length) yield { lines: parseLines(pending, lineNo + 1, format, columns), endOffset: position, endLine: lineNo + pending.length };
}
