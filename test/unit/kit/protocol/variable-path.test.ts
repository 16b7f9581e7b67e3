import fc from 'fast-check';
import { buildSchema, graphql } from 'graphql';
import { formatClientError, variablePath } from '../../../../subgraphs/kit/protocol/errors';
import { USCC } from '../../../../subgraphs/kit/protocol/scalars';

// A scalar's rule refused in a variable names the variable's path as the field (which input of a batch),
// read off graphql-js's own message, whatever the refused value holds.
const schema = buildSchema('scalar USCC type Query { a(u: USCC!): String b(us: [USCC!]!): String c(i: I!): String } input I { x: [USCC!]! }');
Object.assign(schema.getType('USCC')!, { parseValue: USCC.parseValue, parseLiteral: USCC.parseLiteral });
const GOOD = '91110000600037341L';

async function fieldOf(source: string, variableValues: Record<string, unknown>) {
  const { errors } = await graphql({ schema, source, variableValues });
  return errors?.map((e) => formatClientError(e.toJSON(), e).extensions);
}

test('a variable, an item of a list variable, an item inside an input object', async () => {
  expect(await fieldOf('query($u: USCC!) { a(u: $u) }', { u: 'abc' })).toEqual([{ code: 'BAD_USER_INPUT', field: 'u', rule: 'USCC_LENGTH' }]);
  expect(await fieldOf('query($u: [USCC!]!) { b(us: $u) }', { u: [GOOD, 'abc'] })).toEqual([{ code: 'BAD_USER_INPUT', field: 'u[1]', rule: 'USCC_LENGTH' }]);
  expect(await fieldOf('query($i: I!) { c(i: $i) }', { i: { x: [GOOD, GOOD, '91110000600037341M'] } })).toEqual([{ code: 'BAD_USER_INPUT', field: 'i.x[2]', rule: 'USCC_CHECK_CHARACTER' }]);
});

test('the refused value cannot change the field it is reported at', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.nat(5), async (text, at) => {
      const u = Array.from({ length: at + 1 }, (_, i) => (i === at ? `${text} at "u[99]"; ` : GOOD));
      const [ext] = (await fieldOf('query($u: [USCC!]!) { b(us: $u) }', { u })) ?? [];
      expect(ext?.field).toBe(`u[${at}]`);
    }),
    { numRuns: 200 },
  );
});

test('no key or text of the value can spell the field: a whole variable, an item, a field of an input object', async () => {
  const forged = fc.oneof(fc.string(), fc.constantFrom('x at "u.forged"; y', ' at "u[7]"; ', 'a at "i.x[9]"; USCC zzz', '{ at "u.f"; '));
  await fc.assert(
    fc.asyncProperty(forged, fc.string(), fc.nat(3), async (key, text, at) => {
      expect((await fieldOf('query($u: USCC!) { a(u: $u) }', { u: { [key]: 1 } }))?.[0]?.field).toBe('u');
      expect((await fieldOf('query($u: USCC!) { a(u: $u) }', { u: [{ [key]: 1 }, text] }))?.[0]?.field).toBe('u');
      expect((await fieldOf('query($u: USCC!) { a(u: $u) }', { u: `${key}${text}` }))?.[0]?.field).toBe('u');
      const items = (bad: unknown) => Array.from({ length: at + 1 }, (_, i) => (i === at ? bad : GOOD));
      expect((await fieldOf('query($u: [USCC!]!) { b(us: $u) }', { u: items(`${key}${text}`) }))?.[0]?.field).toBe(`u[${at}]`);
      // An object where a code belongs is printed with bare keys: only the variable is named then.
      expect((await fieldOf('query($u: [USCC!]!) { b(us: $u) }', { u: items({ [key]: text }) }))?.[0]?.field).toBe('u');
      const fields = (await fieldOf('query($i: I!) { c(i: $i) }', { i: { [key]: 1, x: [GOOD, `${text}!`] } })) ?? [];
      expect(fields.filter((f) => f?.rule).map((f) => f?.field)).toEqual(['i.x[1]']);
    }),
    { numRuns: 200 },
  );
});

test('a message that is not about a variable names no path', () => {
  expect(variablePath('USCC "abc" must be 18 characters')).toBeNull();
});
