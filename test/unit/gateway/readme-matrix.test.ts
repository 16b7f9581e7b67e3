import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRegistry, parseRegistry, RegistryError } from '../../../gateway/clients';
import { matrixTable } from '../../../gateway/matrix-table';

test('the README shows the authorization matrix exactly as gateway/authorization.yaml defines it', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const table = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(readme)?.[1];
  expect(table).toBe(matrixTable(loadRegistry()));
});

describe('the matrix is validated at start-up with errors that name the key', () => {
  const file = (clients = '{}', kinds = 'DEPARTMENT: { description: d, scopes: [records:read], purposes: [DAILY_SUPERVISION], requestsPerMinute: 10 }') =>
    `scopes: { records:read: x }\nkinds:\n  ${kinds}\n  PUBLIC: { description: p, scopes: [], purposes: [], requestsPerMinute: 10 }\nclients: ${clients}\n`;
  test('an unknown scope', () => {
    expect(() => parseRegistry(file('{}', 'DEPARTMENT: { description: d, scopes: [records:raed], purposes: [], requestsPerMinute: 10 }'), 'm.yaml')).toThrow(/m.yaml:\d+: kinds\.DEPARTMENT\.scopes\[0\]: unknown scope "records:raed"/);
  });
  test('an unknown purpose and a bad org code', () => {
    expect(() => parseRegistry(file('{}', 'DEPARTMENT: { description: d, scopes: [], purposes: [GOSSIP], requestsPerMinute: 10 }'), 'm.yaml')).toThrow(RegistryError);
    expect(() => parseRegistry(file('{ x: { kind: DEPARTMENT, name: X, org: 91110000600037341M } }'), 'm.yaml')).toThrow(/clients\.x\.org: is not a valid USCC/);
  });
  test('a kind without a rate limit', () => {
    expect(() => parseRegistry(file('{}', 'DEPARTMENT: { description: d, scopes: [], purposes: [] }'), 'm.yaml')).toThrow(/kinds\.DEPARTMENT\.requestsPerMinute/);
  });
  test('a client of an undefined kind, and a SERVICE client', () => {
    expect(() => parseRegistry(file('{ c: { kind: COURT, name: C } }'), 'm.yaml')).toThrow(/clients\.c\.kind: kind COURT is not defined/);
    expect(() => parseRegistry(file('{ s: { kind: SERVICE, name: S } }'), 'm.yaml')).toThrow(/clients\.s\.kind/);
  });
  test('every problem at once, each on its own line number', () => {
    const text = file('{ x: { kind: DEPARTMENT, name: X, org: 91110000600037341M, extraScopes: [lists:raed] } }', 'DEPARTMENT: { description: d, scopes: [records:raed], purposes: [], requestsPerMinute: 10 }');
    let message = '';
    try {
      parseRegistry(text, 'm.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    // The bad org fails the schema; the unknown scopes are found after it: both passes report.
    expect(message.split('\n')).toEqual([expect.stringMatching(/^m\.yaml:5: clients\.x\.org: is not a valid USCC/)]);
    const scopes = file('{ x: { kind: DEPARTMENT, name: X, extraScopes: [lists:raed] } }', 'DEPARTMENT: { description: d, scopes: [records:raed], purposes: [], requestsPerMinute: 10 }');
    expect(() => parseRegistry(scopes, 'm.yaml')).toThrow(/^m\.yaml:3: kinds\.DEPARTMENT\.scopes\[0\]: unknown scope "records:raed" .*\nm\.yaml:5: clients\.x\.extraScopes\[0\]: unknown scope "lists:raed" .*$/);
  });
});
