import { startStack, type Stack } from '../support/stack';

// Hostile: errors.ts variablePath finds the first ` at "<path>"; ` anywhere after the variable's name in
// graphql-js's message — including inside the printed invalid value. Object keys are printed unquoted
// and unescaped, so a value whose key reads `x at "u.forged"; y` names `u.forged` as the field, a path
// the variables do not have. The field must be the variable path graphql-js reports (here the whole
// variable `u`), never text of the value.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_h4_variable_path');
}, 180_000);
afterAll(() => stack?.stop());

test('a scalar refused in a variable names the variable path, not text from the value', async () => {
  const res = await stack.query('query($u: USCC!) { legalPerson(uscc: $u) { name } }', { variables: { u: { 'x at "u.forged"; y': 1 } } });
  expect(res.status).toBe(400);
  const ext = res.errors?.[0]?.extensions as Record<string, unknown>;
  expect(ext?.code).toBe('BAD_USER_INPUT');
  expect(ext?.field).not.toBe('u.forged');
  expect(ext?.field).toBe('u');
}, 60_000);
