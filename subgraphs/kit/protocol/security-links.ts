import { Kind, visit, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';
import type { DirectiveNames } from './directives';

// The names a schema gives @authenticated, @requiresScopes and @policy, read by the rules of the link
// spec (specs.apollo.dev/link/v1.0 "Imports", "Namespacing"): an imported element goes by its import
// name or alias; one not imported is `@<ns>__<name>`, except a spec's own directive, which is `@<ns>`.
// Subgraphs get the directives from the federation spec (v2.5+, @policy v2.6+) or link the specs
// directly; composition links each spec `for: SECURITY` in the supergraph. A link that cannot be read
// stops start-up: a directive looked for under the wrong name would leave its fields public.

export type SecurityDirective = keyof DirectiveNames;

const APOLLO = /^https:\/\/specs\.apollo\.dev\/([\w-]+)\/v(\d+)\.(\d+)$/;
const KNOWN_VERSION = 'v0.1';
// Each spec's scalar (requiresScopes/v0.1, policy/v0.1): planning drops it with the directive.
const SCALAR: Record<SecurityDirective, string | null> = { authenticated: null, requiresScopes: 'Scope', policy: 'Policy' };
// The federation version that first exports each directive (federation changelog v2.5, v2.6).
const SINCE_FEDERATION: Record<SecurityDirective, number> = { authenticated: 5, requiresScopes: 5, policy: 6 };
// SECURITY features @apollo/gateway enforces itself.
const GATEWAY_SECURITY = new Set(['inaccessible']);
const DIRECTIVES = Object.keys(SCALAR) as SecurityDirective[];

/** One spec linked directly (every supergraph link, or a subgraph's own): what planning drops. */
export interface SpecLink {
  spec: SecurityDirective;
  directive: string;
  scalar: string | null;
  node: ConstDirectiveNode;
}

export interface SecurityLinks {
  names: DirectiveNames;
  specLinks: SpecLink[];
}

interface Link {
  url: string;
  spec: string;
  major: number;
  minor: number;
  namespace: string;
  /** Element (`@name` or `Type`) → local name, without `@`. */
  imports: Map<string, string>;
}

function arg(d: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return d.arguments?.find((a) => a.name.value === name)?.value;
}

function stringOf(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function stringArg(d: ConstDirectiveNode, name: string): string | undefined {
  return stringOf(arg(d, name));
}

function isForSecurity(d: ConstDirectiveNode): boolean {
  const purpose = arg(d, 'for');
  return purpose?.kind === Kind.ENUM && purpose.value === 'SECURITY';
}

function unknownSecurityFeature(where: string, url: string | undefined): Error {
  return new Error(`${where}: @link(url: "${url ?? '?'}", for: SECURITY) is a security feature this gateway does not know; refusing to start rather than ignore it`);
}

/** A link to a specs.apollo.dev feature, or null for any other link. */
function readLink(d: ConstDirectiveNode, where: string): Link | null {
  const url = stringArg(d, 'url');
  const match = url ? APOLLO.exec(url) : null;
  if (!match) return null;
  const [, spec, major, minor] = match;
  const link: Link = { url: url!, spec, major: Number(major), minor: Number(minor), namespace: stringArg(d, 'as') ?? spec, imports: new Map() };
  const imports = arg(d, 'import');
  for (const entry of imports?.kind === Kind.LIST ? imports.values : imports ? [imports] : []) {
    const field = (n: string) => (entry.kind === Kind.OBJECT ? entry.fields.find((f) => f.name.value === n)?.value : undefined);
    const name = entry.kind === Kind.STRING ? entry.value : stringOf(field('name'));
    const as = entry.kind === Kind.OBJECT && field('as') ? stringOf(field('as')) : name;
    if (!name || !as || as.startsWith('@') !== name.startsWith('@')) throw new Error(`${where}: @link(url: "${link.url}") has an import entry that is not "@name", "Type" or { name, as } of the same kind; cannot tell which directives it names`);
    link.imports.set(name, as.replace(/^@/, ''));
  }
  return link;
}

/** The local name of a directive (`@x`) or type (`X`) a link brings in. */
function localName(link: Link, element: string): string {
  const imported = link.imports.get(element);
  if (imported) return imported;
  const bare = element.replace(/^@/, '');
  return element === `@${link.spec}` ? link.namespace : `${link.namespace}__${bare}`;
}

function usedDirectives(doc: DocumentNode): Set<string> {
  const used = new Set<string>();
  visit(doc, { Directive: (node) => void used.add(node.name.value) });
  return used;
}

/** Reads the security links of a subgraph SDL or a supergraph; `where` names the file in errors. */
export function readSecurityLinks(doc: DocumentNode, where: string): SecurityLinks {
  const candidates = new Map<SecurityDirective, string[]>(DIRECTIVES.map((d) => [d, []]));
  const specLinks: SpecLink[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const link = readLink(d, where);
      if (!link) {
        if (isForSecurity(d)) throw unknownSecurityFeature(where, stringArg(d, 'url'));
        continue;
      }
      if (link.spec === 'link' && link.namespace !== 'link') throw new Error(`${where}: renames @link to @${link.namespace}; this gateway reads links written @link only`);
      if (link.spec === 'federation') {
        for (const spec of DIRECTIVES) if (link.major === 2 && link.minor >= SINCE_FEDERATION[spec]) candidates.get(spec)!.push(localName(link, `@${spec}`));
        continue;
      }
      const spec = DIRECTIVES.find((s) => s === link.spec);
      if (!spec) {
        if (isForSecurity(d) && !GATEWAY_SECURITY.has(link.spec)) throw unknownSecurityFeature(where, link.url);
        continue;
      }
      const version = `v${link.major}.${link.minor}`;
      if (version !== KNOWN_VERSION) throw new Error(`${where}: @link(url: "${link.url}") links @${spec} ${version}; this gateway reads ${spec}/${KNOWN_VERSION} only`);
      if (specLinks.some((l) => l.spec === spec)) throw new Error(`${where}: links the @${spec} spec twice; cannot tell which name guards a field`);
      const directive = localName(link, `@${spec}`);
      specLinks.push({ spec, directive, scalar: SCALAR[spec] && localName(link, SCALAR[spec]!), node: d });
      candidates.get(spec)!.unshift(directive);
    }
  }
  // A subgraph may reach one spec two ways (its own link and the federation link); it must use one name.
  const used = usedDirectives(doc);
  const names = {} as DirectiveNames;
  for (const spec of DIRECTIVES) {
    const all = [...new Set(candidates.get(spec))];
    const inUse = all.filter((n) => used.has(n));
    if (inUse.length > 1) throw new Error(`${where}: writes @${spec} both as ${inUse.map((n) => `@${n}`).join(' and ')}; write it one way`);
    names[spec] = inUse[0] ?? all[0] ?? spec;
  }
  return { names, specLinks };
}
