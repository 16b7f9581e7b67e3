import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readChunks, type Chunk, type ChunkLimits } from '../../../scripts/import/source';

// The import's reader: chunks of whole lines whose end offsets are byte positions a resume can start from.
const dir = mkdtempSync(join(tmpdir(), 'import-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(file: string, offset: number, line: number, size: number, limits?: ChunkLimits): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for await (const c of readChunks(file, 'jsonl', offset, line, size, [], limits)) out.push(c);
  return out;
}

const valueOf = (c: Chunk[]) => c.flatMap((x) => x.lines.map((l) => [l.line, (l.value as { v?: string } | null)?.v ?? l.parseError]));

test('every line once, in order, numbered, across chunk and 1 MB read boundaries; a resume from any chunk end reads the rest', async () => {
  await fc.assert(
    fc.asyncProperty(
      // null stands for a 540 KB line (two of them cross the reader's 1 MB reads), kept out of failure reports.
      fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(null)), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 7 }),
      fc.boolean(),
      fc.boolean(),
      async (drawn, size, crlf, trailingNewline) => {
        const texts = drawn.map((v) => v ?? '信用信息归集'.repeat(30_000));
        const file = join(dir, 'records.jsonl');
        const body = texts.map((v) => JSON.stringify({ v })).join(crlf ? '\r\n' : '\n');
        writeFileSync(file, trailingNewline ? `${body}${crlf ? '\r\n' : '\n'}` : body);
        const whole = await chunksOf(file, 0, 0, size);
        expect(valueOf(whole)).toEqual(texts.map((v, i) => [i + 1, v]));
        expect(whole.slice(0, -1).every((c) => c.lines.length === size)).toBe(true);
        expect(whole[whole.length - 1].endOffset).toBe(statSync(file).size);
        for (const [i, c] of whole.entries()) {
          const rest = await chunksOf(file, c.endOffset, c.endLine, size);
          expect(valueOf(rest)).toEqual(valueOf(whole.slice(i + 1)));
        }
      },
    ),
    { seed: 20261202, numRuns: 40 },
  );
});

test('a line that is not one JSON object is a PARSE reject for that line only', async () => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(file, '{"v":"a"}\n[1]\n\n{"v":\n{"v":"b"}\n');
  const lines = (await chunksOf(file, 0, 0, 2)).flatMap((c) => c.lines);
  expect(lines.map((l) => [l.line, l.value ? 'ok' : l.parseError?.slice(0, 10)])).toEqual([[1, 'ok'], [2, 'a line is '], [3, 'empty line'], [4, expect.any(String)], [5, 'ok']]);
});

test('a line that is not UTF-8 (a GBK export) is refused for that line only, never stored with replacement characters', async () => {
  const GBK_PENALTY = Buffer.from([0xd0, 0xd0, 0xd5, 0xfe, 0xb4, 0xa6, 0xb7, 0xa3]); // 行政处罚 in GBK
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (drawn, size) => {
      const file = join(dir, 'gbk.jsonl');
      const lines = drawn.map((v) => (v === null ? Buffer.concat([Buffer.from('{"v":"'), GBK_PENALTY, Buffer.from('"}')]) : Buffer.from(JSON.stringify({ v }))));
      writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
      const read = (await chunksOf(file, 0, 0, size)).flatMap((c) => c.lines);
      expect(read.map((l) => [l.line, (l.value as { v?: string } | null)?.v ?? l.parseError?.slice(0, 29)])).toEqual(drawn.map((v, i) => [i + 1, v ?? 'the line is not UTF-8 text (i']));
    }),
    { seed: 20261203, numRuns: 60 },
  );
});

test('a line over the length limit is refused unread and a chunk ends early at its byte limit; every other line once, and resumes read the rest', async () => {
  // Small limits, so lines of a few kilobytes cross them, and 1.5 MB lines cross the reader's 1 MB reads.
  const limits: ChunkLimits = { maxLineBytes: 4_000, maxChunkBytes: 12_000 };
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer({ min: 1_000, max: 3_000 }), fc.constant(-1)), { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 1, max: 6 }),
      fc.boolean(),
      async (drawn, size, trailingNewline) => {
        // A number is a line of that many characters (over the limit from ~1,330: each is three bytes); -1 a 1.5 MB line.
        const texts = drawn.map((v) => (typeof v === 'string' ? v : '信'.repeat(v === -1 ? 500_000 : v)));
        const file = join(dir, 'long.jsonl');
        const body = texts.map((v) => JSON.stringify({ v })).join('\n');
        writeFileSync(file, trailingNewline ? `${body}\n` : body);
        const expected = texts.map((v, i) => [i + 1, Buffer.byteLength(JSON.stringify({ v })) + 1 > limits.maxLineBytes ? 'the line is longer than 4000 bytes (a record at its longest is far shorter): not read' : v]);
        const whole = await chunksOf(file, 0, 0, size, limits);
        expect(valueOf(whole)).toEqual(expected);
        expect(whole.every((c) => c.lines.length <= size)).toBe(true);
        expect(whole[whole.length - 1].endOffset).toBe(statSync(file).size);
        for (const [i, c] of whole.entries()) expect(valueOf(await chunksOf(file, c.endOffset, c.endLine, size, limits))).toEqual(valueOf(whole.slice(i + 1)));
      },
    ),
    { seed: 20261204, numRuns: 40 },
  );
});
