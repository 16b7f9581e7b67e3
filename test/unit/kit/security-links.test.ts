import { parse } from 'graphql';
import { deriveSupergraph } from '../../../gateway/supergraph';
import { readRequirements, type DirectiveNames, type Requirements } from '../../../subgraphs/kit/protocol/directives';
import { readSecurityLinks } from '../../../subgraphs/kit/protocol/security-links';
import { enforceDirectives } from '../../../subgraphs/kit/server/enforce-directives';
import {
  CANONICAL, composeOne, FORM_FIELDS, formSdl, RENAMED, specUrl, STATISTICS_TYPE, SUBGRAPH_FORMS, withSpecImports, withSpecNamespaces,
} from '../../support/directive-fixtures';

// Each form the specs allow for @authenticated / @requiresScopes / @policy, in a subgraph's SDL and in
// the supergraph composed from it, reads as the same requirements; anything unreadable stops start-up.

function expectFixtureRequirements(reqs: Requirements): void {
  for (const f of FORM_FIELDS.filter((f) => f.field !== 'statistics')) expect([f.field, reqs.fields.get(`Query.${f.field}`)]).toEqual([f.field, f.reqs[0]]);
  expect(reqs.types.get('Statistics')).toEqual(STATISTICS_TYPE);
  expect(reqs.fields.size).toBe(FORM_FIELDS.length - 2); // `open` and `statistics` carry none of their own
}

// The links' own scalars; composition also keeps a subgraph's `as:`-namespaced ones as ordinary scalars.
const LINKED_SCALARS = /scalar (requiresScopes__Scope|policy__Policy)\b/;

function expectPlanningCopyClean(planningSdl: string, names: DirectiveNames, scalars = LINKED_SCALARS): void {
  expect(planningSdl).not.toMatch(/specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\//);
  expect(planningSdl).not.toMatch(scalars);
  for (const name of Object.values(names)) expect(planningSdl).not.toMatch(new RegExp(`@${name}\\b`));
  expect(planningSdl).toMatch(/type Statistics/);
}

describe.each(SUBGRAPH_FORMS)('subgraph SDL written with $form', (form) => {
  const sdl = formSdl(form);

  test('the subgraph reads the directives under the names its links give them', () => {
    expect(readSecurityLinks(parse(sdl), 'schema/fixture.graphql').names).toEqual(form.names);
    expectFixtureRequirements(readRequirements(parse(sdl)));
  });

  test('the gateway reads the supergraph composed from it, and plans on a copy without them', () => {
    const derived = deriveSupergraph(composeOne('fixture', sdl), 'fixture-supergraph.graphql');
    expect(derived.directiveNames).toEqual(form.names); // composition keeps the subgraph's local names
    expectFixtureRequirements(readRequirements(derived.full, derived.directiveNames));
    expectPlanningCopyClean(derived.planningSdl, derived.directiveNames);
  });
});

describe.each([
  { form: 'composed, @link(url, for: SECURITY)', rewrite: (s: string) => s, names: CANONICAL, scalars: LINKED_SCALARS },
  { form: '@link(url, as:, for: SECURITY)', rewrite: withSpecNamespaces, names: RENAMED, scalars: /scalar (scopes__Scope|rule__Policy)\b/ },
  { form: '@link(url, for: SECURITY, import: ["@name"])', rewrite: withSpecImports, names: CANONICAL, scalars: LINKED_SCALARS },
])('supergraph written with $form', ({ rewrite, names, scalars }) => {
  test('reads as the same requirements and plans without them', () => {
    const derived = deriveSupergraph(rewrite(composeOne('fixture', formSdl(SUBGRAPH_FORMS[0]))), 'fixture-supergraph.graphql');
    expect(derived.directiveNames).toEqual(names);
    expectFixtureRequirements(readRequirements(derived.full, derived.directiveNames));
    expectPlanningCopyClean(derived.planningSdl, names, scalars);
  });
});

test('composition writes a renamed directive as import: [{ name, as }], and the gateway reads that name', () => {
  const supergraph = composeOne('fixture', formSdl(SUBGRAPH_FORMS[1]));
  expect(supergraph).toContain(`@link(url: "${specUrl('requiresScopes')}", for: SECURITY, import: [{name: "@requiresScopes", as: "@scopes"}])`);
  expect(deriveSupergraph(supergraph).directiveNames).toEqual(RENAMED);
});

describe('an unreadable security link stops start-up, naming the file and the directive', () => {
  const plain = composeOne('fixture', formSdl(SUBGRAPH_FORMS[0]));
  const renamed = composeOne('fixture', formSdl(SUBGRAPH_FORMS[1]));
  const link = (name: string) => `@link(url: "${specUrl(name)}", for: SECURITY)`;
  test.each([
    ['an unknown version', plain.replace('requiresScopes/v0.1', 'requiresScopes/v0.2'), /fixture\.graphql: .*links @requiresScopes v0\.2/],
    ['an unknown security feature', plain.replace(link('policy'), `${link('policy')} @link(url: "https://specs.apollo.dev/requiresRoles/v0.1", for: SECURITY)`), /fixture\.graphql: .*requiresRoles.*does not know/],
    ['a security feature from elsewhere', plain.replace(link('policy'), `${link('policy')} @link(url: "https://example.org/authz", for: SECURITY)`), /fixture\.graphql: .*example\.org\/authz.*does not know/],
    ['an import entry without a name', renamed.replace('{name: "@requiresScopes", as: "@scopes"}', '{as: "@scopes"}'), /fixture\.graphql: .*requiresScopes.*import entry/],
    ['a directive renamed to a type name', renamed.replace('as: "@scopes"', 'as: "Scopes"'), /fixture\.graphql: .*requiresScopes.*import entry/],
    ['a rename to a directive it does not define', renamed.replace('as: "@scopes"', 'as: "@scopez"'), /fixture\.graphql: links @requiresScopes as @scopez, but defines no directive @scopez/],
    ['the same spec linked twice', plain.replace(link('policy'), `${link('policy')} @link(url: "${specUrl('policy')}", as: "rule", for: SECURITY)`), /fixture\.graphql: links the @policy spec twice/],
    ['@link itself renamed', plain.replace('@link(url: "https://specs.apollo.dev/link/v1.0")', '@link(url: "https://specs.apollo.dev/link/v1.0", as: "lnk")'), /fixture\.graphql: renames @link/],
  ])('%s', (_case, sdl, message) => {
    expect(() => deriveSupergraph(sdl, 'fixture.graphql')).toThrow(message);
  });

  // buildSubgraphSchema accepts both names at once; the re-check could then miss one of them.
  test('a subgraph that writes one directive two ways (its own link and the federation namespace) does not start', () => {
    const sdl = `extend schema ${SUBGRAPH_FORMS[4].link}
type Query { a: String @requiresScopes(scopes: [["x"]]) b: String @federation__requiresScopes(scopes: [["y"]]) }`;
    expect(() => enforceDirectives(parse(sdl), {}, 'fixture')).toThrow(/schema\/fixture\.graphql: writes @requiresScopes both as @requiresScopes and @federation__requiresScopes/);
  });

  test('a subgraph linking a spec version this gateway does not know does not start', () => {
    const sdl = `extend schema ${SUBGRAPH_FORMS[4].link.replace('requiresScopes/v0.1', 'requiresScopes/v0.2')}
type Query { a: String @requiresScopes(scopes: [["x"]]) }`;
    expect(() => enforceDirectives(parse(sdl), {}, 'fixture')).toThrow(/schema\/fixture\.graphql: .*links @requiresScopes v0\.2/);
  });
});
