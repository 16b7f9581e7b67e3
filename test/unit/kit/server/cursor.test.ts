import { randomBytes } from 'node:crypto';
import { cursorKey, decodeCursor, encodeCursor, openCursor, sealCursor } from '../../../../subgraphs/kit/server/cursor';

// Page cursors are sealed (kit/server/cursor.ts): a client can hand one back, not read what it points at
// (a page narrowed to one subject would otherwise give an entry's decision date and id), nor forge one.
const key = cursorKey(randomBytes(32));
const row = { decidedOn: '2026-06-01', id: 'le_0123456789abcdef' };

test('a cursor round-trips, and the same row always gets the same cursor', () => {
  const cursor = encodeCursor(key, row);
  expect(decodeCursor(key, cursor)).toEqual(['2026-06-01', 'le_0123456789abcdef']);
  expect(encodeCursor(key, row)).toBe(cursor);
});

test('a cursor discloses neither the date nor the id it points at', () => {
  const cursor = encodeCursor(key, row);
  for (const encoding of ['utf8', 'latin1', 'hex'] as const) {
    const seen = Buffer.from(cursor, 'base64url').toString(encoding);
    expect(seen).not.toContain('2026-06-01');
    expect(seen).not.toContain('0123456789abcdef');
  }
  expect(cursor).not.toContain(Buffer.from('2026-06-01').toString('base64url').slice(0, 12));
});

test('a forged, altered or other key\'s cursor is BAD_USER_INPUT on after', () => {
  const cursor = encodeCursor(key, row);
  const forged = Buffer.from('2026-06-01|le_0123456789abcdef').toString('base64url');
  const altered = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA');
  const foreign = encodeCursor(cursorKey(randomBytes(32)), row);
  for (const bad of [forged, altered, foreign, '', 'not-a-cursor']) {
    expect(() => decodeCursor(key, bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after', rule: 'CURSOR' }) }));
  }
  expect(openCursor(key, sealCursor(key, 'change|17'))).toBe('change|17');
});
