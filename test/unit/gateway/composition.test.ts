import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../../gateway/compose';
import { deriveSupergraph } from '../../../gateway/supergraph';

// schema/supergraph.graphql is checked in; this fails when it no longer matches the subgraph SDL.
test('the checked-in supergraph is what npm run compose produces, without errors or unaccepted hints', () => {
  const outcome = composeSupergraph();
  expect(outcome.errors).toEqual([]);
  expect(outcome.unacceptedHints).toEqual([]);
  expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(outcome.supergraphSdl);
});

test('the planning copy drops the SECURITY links, their directives and scalars, and nothing else', () => {
  const full = readFileSync(SUPERGRAPH_FILE, 'utf8');
  expect(full).toMatch(/requiresScopes\/v0\.1", for: SECURITY/);
  const { planningSdl } = deriveSupergraph(full);
  expect(planningSdl).not.toMatch(/requiresScopes|@policy|policy__Policy|specs\.apollo\.dev\/policy/);
  expect(planningSdl).toMatch(/inaccessible\/v0\.2/);
  expect(planningSdl).toMatch(/creditRecords\(/);
});

test('renamed security directives (@link as:) are dropped under their local names', () => {
  const sdl = `schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", as: "scoped", for: SECURITY) { query: Query }
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @scoped(scopes: [[scoped__Scope!]!]!) on FIELD_DEFINITION
scalar scoped__Scope
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
type Query { a: String @scoped(scopes: [["x"]]) }`;
  const derived = deriveSupergraph(sdl);
  expect(derived.directiveNames.requiresScopes).toBe('scoped');
  expect(derived.planningSdl).not.toMatch(/scoped/);
});
