import { composeServices } from '@apollo/composition';
import { parse, print, visit, type ConstDirectiveNode } from 'graphql';
import type { DirectiveNames } from '../../subgraphs/kit/protocol/directives';
import type { SubgraphModule } from '../../subgraphs/kit/server/subgraph';
import type { Req } from './matrix';

// Small subgraphs carrying the authorization directives in each form the federation and link specs
// allow, generated from one table of requirements so the expectations come from the same data.

const FEDERATION = 'https://specs.apollo.dev/federation/v2.6';
const spec = (name: string) => `https://specs.apollo.dev/${name}/v0.1`;
const req = (r: Partial<Req>): Req => ({ authenticated: false, scopes: null, policies: null, ...r });
export const CANONICAL: DirectiveNames = { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' };
const RENAMED: DirectiveNames = { authenticated: 'signedIn', requiresScopes: 'scopes', policy: 'rule' };

export interface SubgraphForm { form: string; link: string; names: DirectiveNames }

/** Each way a subgraph may write the three directives (specs.apollo.dev/link/v1.0 "Imports", "Namespacing"). */
export const SUBGRAPH_FORMS: SubgraphForm[] = [
  { form: 'federation import', link: `@link(url: "${FEDERATION}", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])`, names: CANONICAL },
  { form: 'federation import { name, as }', link: `@link(url: "${FEDERATION}", import: ["@key", { name: "@authenticated", as: "@signedIn" }, { name: "@requiresScopes", as: "@scopes" }, { name: "@policy", as: "@rule" }])`, names: RENAMED },
  { form: 'federation namespace', link: `@link(url: "${FEDERATION}", import: ["@key"])`, names: { authenticated: 'federation__authenticated', requiresScopes: 'federation__requiresScopes', policy: 'federation__policy' } },
  { form: 'federation @link(as:)', link: `@link(url: "${FEDERATION}", as: "fed", import: ["@key"])`, names: { authenticated: 'fed__authenticated', requiresScopes: 'fed__requiresScopes', policy: 'fed__policy' } },
  { form: 'spec import', link: `@link(url: "${FEDERATION}", import: ["@key"]) @link(url: "${spec('authenticated')}", import: ["@authenticated"]) @link(url: "${spec('requiresScopes')}", import: ["@requiresScopes"]) @link(url: "${spec('policy')}", import: ["@policy"])`, names: CANONICAL },
  { form: 'spec @link(as:)', link: `@link(url: "${FEDERATION}", import: ["@key"]) @link(url: "${spec('authenticated')}", as: "signedIn") @link(url: "${spec('requiresScopes')}", as: "scopes") @link(url: "${spec('policy')}", as: "rule")`, names: RENAMED },
  { form: 'spec import { name, as }', link: `@link(url: "${FEDERATION}", import: ["@key"]) @link(url: "${spec('authenticated')}", import: [{ name: "@authenticated", as: "@signedIn" }]) @link(url: "${spec('requiresScopes')}", import: [{ name: "@requiresScopes", as: "@scopes" }]) @link(url: "${spec('policy')}", import: [{ name: "@policy", as: "@rule" }])`, names: RENAMED },
];

/** The fixture's root fields and what each needs (its own requirement, and its return type's). */
export const STATISTICS_TYPE = req({ scopes: [['stats:read']] });
export const FORM_FIELDS: { field: string; selection: string; reqs: Req[] }[] = [
  { field: 'open', selection: 'open', reqs: [] },
  { field: 'signedIn', selection: 'signedIn', reqs: [req({ authenticated: true })] },
  { field: 'idNumber', selection: 'idNumber', reqs: [req({ scopes: [['person:id-number']] })] },
  { field: 'eitherScope', selection: 'eitherScope', reqs: [req({ scopes: [['stats:read'], ['lists:write']] })] },
  { field: 'official', selection: 'official', reqs: [req({ policies: [['official_body']] })] },
  { field: 'feedback', selection: 'feedback', reqs: [req({ authenticated: true, scopes: [['feedback:write']] })] },
  { field: 'statistics', selection: 'statistics { total }', reqs: [STATISTICS_TYPE] },
];

/** The directives that write one requirement under the given names. */
export function directivesOf(r: Req | undefined, names: DirectiveNames): string {
  if (!r) return '';
  return [
    r.authenticated ? `@${names.authenticated}` : '',
    r.scopes ? `@${names.requiresScopes}(scopes: ${JSON.stringify(r.scopes)})` : '',
    r.policies ? `@${names.policy}(policies: ${JSON.stringify(r.policies)})` : '',
  ].filter(Boolean).join(' ');
}

export function formSdl(form: SubgraphForm): string {
  const own = (f: (typeof FORM_FIELDS)[number]) => (f.field === 'statistics' ? 'Statistics' : `String ${directivesOf(f.reqs[0], form.names)}`);
  return `extend schema ${form.link}
type Query {
${FORM_FIELDS.map((f) => `  ${f.field}: ${own(f)}`).join('\n')}
}
type Statistics ${directivesOf(STATISTICS_TYPE, form.names)} { total: Int }`;
}

export const FORM_RESOLVERS = {
  Query: Object.fromEntries(FORM_FIELDS.map((f) => [f.field, () => (f.field === 'statistics' ? { total: 7 } : `value of ${f.field}`)])),
};

/** An interface whose implementations, not the interface, carry the requirements (GHSA-x33c-7c2v-mrj9). */
export const IMPLEMENTATIONS: { type: string; typeReq?: Req; titleReq?: Req }[] = [
  { type: 'Book', titleReq: req({ scopes: [['person:id-number']] }) },
  { type: 'Notice', titleReq: req({ policies: [['official_body']] }) },
  { type: 'Report', typeReq: req({ authenticated: true }) },
  { type: 'Leaflet' },
];

export function interfaceSdl(): string {
  return `extend schema ${SUBGRAPH_FORMS[0].link}
type Query { items: [Item!]! }
interface Item { id: ID! title: String }
${IMPLEMENTATIONS.map((i) => `type ${i.type} implements Item ${directivesOf(i.typeReq, CANONICAL)} { id: ID! title: String ${directivesOf(i.titleReq, CANONICAL)} }`).join('\n')}`;
}

/** A composed supergraph as composition wrote it before federation#3321: nothing copied onto interfaces. */
export function withoutInterfaceCopies(supergraph: string): string {
  const keepJoin = (ds: readonly ConstDirectiveNode[] | undefined) => ds?.filter((d) => d.name.value.startsWith('join__'));
  return print(visit(parse(supergraph), {
    InterfaceTypeDefinition: (node) => ({ ...node, directives: keepJoin(node.directives), fields: node.fields?.map((f) => ({ ...f, directives: keepJoin(f.directives) })) }),
  }));
}

export const INTERFACE_RESOLVERS = {
  Query: { items: () => IMPLEMENTATIONS.map((i) => ({ kind: i.type, id: i.type.toLowerCase(), title: `title of ${i.type}` })) },
  Item: { __resolveType: (item: { kind: string }) => item.kind },
};

export function fixtureModule(name: string, sdl: string, resolvers: Record<string, object>): SubgraphModule {
  return {
    name, typeDefs: parse(sdl), resolvers: resolvers as SubgraphModule['resolvers'],
    database: { subgraph: name, entities: [], migrations: [] }, createLoaders: () => ({}), seedDemo: async () => {},
  };
}

/** Composes one fixture subgraph with @apollo/composition, as `npm run compose` does. */
export function composeOne(name: string, sdl: string): string {
  const result = composeServices([{ name, url: `http://127.0.0.1:9/${name}`, typeDefs: parse(sdl) }]);
  if (result.errors) throw new Error(`composing ${name}: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}

const SECURITY_SPECS = Object.keys(CANONICAL);

/** The composed supergraph rewritten to link the specs with `as:` (directives `@<as>`, scalars `<as>__Scope`). */
export function withSpecNamespaces(supergraph: string): string {
  return SECURITY_SPECS.reduce((sdl, name) => sdl
    .replace(`@link(url: "${spec(name)}", for: SECURITY)`, `@link(url: "${spec(name)}", as: "${RENAMED[name as keyof DirectiveNames]}", for: SECURITY)`)
    .replace(new RegExp(`@${name}\\b`, 'g'), `@${RENAMED[name as keyof DirectiveNames]}`)
    .replace(new RegExp(`\\b${name}__`, 'g'), `${RENAMED[name as keyof DirectiveNames]}__`), supergraph);
}

/** The composed supergraph rewritten to import each directive by its own name (`import: ["@policy"]`). */
export function withSpecImports(supergraph: string): string {
  return SECURITY_SPECS.reduce((sdl, name) => sdl.replace(`@link(url: "${spec(name)}", for: SECURITY)`, `@link(url: "${spec(name)}", for: SECURITY, import: ["@${name}"])`), supergraph);
}

export { RENAMED, spec as specUrl };
