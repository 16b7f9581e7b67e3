import { byteBoundedParts } from '../../../../subgraphs/kit/server/outbox-parts';

const json = (x: unknown) => Buffer.byteLength(JSON.stringify(x));

test('parts keep every item, in order, each part within the bound', () => {
  const items = Array.from({ length: 500 }, (_, i) => ({ n: i, text: '处'.repeat(i % 97) }));
  const parts = byteBoundedParts(items, 4_000);
  expect(parts.length).toBeGreaterThan(1);
  expect(parts.flat()).toEqual(items);
  for (const part of parts) expect(json(part)).toBeLessThanOrEqual(4_000);
});

test('an item larger than the bound goes alone, never split', () => {
  const big = { text: 'x'.repeat(10_000) };
  expect(byteBoundedParts([{ a: 1 }, big, { b: 2 }], 1_000)).toEqual([[{ a: 1 }], [big], [{ b: 2 }]]);
});

test('no items, no parts', () => {
  expect(byteBoundedParts([])).toEqual([]);
});
