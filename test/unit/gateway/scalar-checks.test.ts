import fc from 'fast-check';
import { illFormedAt } from '../../../gateway/plugins/scalar-checks';

// Any variables a client sends: an unpaired surrogate anywhere in them is found at its path, and
// well-formed text (surrogate pairs included) anywhere is let through.
const wellFormed = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).match(/\\ud[89a-f]/i));

/** `value` with `s` put in place of one of its leaves (or at the root), and the path of that leaf. */
function plant(value: unknown, s: string, pick: number, path = ''): [unknown, string] {
  if (Array.isArray(value) && value.length) {
    const i = pick % value.length;
    const [v, p] = plant(value[i], s, Math.floor(pick / value.length), `${path}[${i}]`);
    return [value.map((x, k) => (k === i ? v : x)), p];
  }
  if (value && typeof value === 'object' && Object.keys(value).length) {
    const keys = Object.keys(value);
    const k = keys[pick % keys.length];
    const [v, p] = plant((value as Record<string, unknown>)[k], s, Math.floor(pick / keys.length), path ? `${path}.${k}` : k);
    return [{ ...value, [k]: v }, p];
  }
  return [s, path];
}

test('an unpaired surrogate anywhere in the variables is found at its path; well-formed text is not', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), wellFormed), fc.nat(), fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }), (variables, pick, text, unit) => {
      expect(illFormedAt(variables)).toBeNull();
      expect(illFormedAt({ ...variables, emoji: '信用😀' })).toBeNull();
      const [planted, path] = plant({ v: variables }, `${text}${String.fromCharCode(unit)}`, pick);
      expect(illFormedAt(planted)).toBe(path);
    }),
    { seed: 20261203, numRuns: 500 },
  );
});

test('nesting deeper than the call stack is walked, not a crash', () => {
  let deep: unknown = 'x\ud800';
  for (let i = 0; i < 200_000; i++) deep = [deep];
  expect(illFormedAt({ r: deep })).toMatch(/^r(\[0\]){200000}$/);
});
