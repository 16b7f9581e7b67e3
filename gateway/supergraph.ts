import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { SUPERGRAPH_FILE } from './compose';

// The composed supergraph links the authorization specs `for: SECURITY`, which @apollo/gateway
// refuses to load. The gateway plans on a copy without them; authorization reads the full one.
// The copy is derived at load time from the checked-in file, never edited by hand.
const SECURITY_SPECS = ['authenticated', 'requiresScopes', 'policy'];

export interface LoadedSupergraph {
  /** The checked-in supergraph, with the authorization directives. */
  full: DocumentNode;
  /** The same without the SECURITY links, their directives and their scalars: what the gateway plans on. */
  planningSdl: string;
  /** Local names of the security directives (after any `as:` rename). */
  directiveNames: Record<'authenticated' | 'requiresScopes' | 'policy', string>;
}

function stringArg(d: ConstDirectiveNode, name: string): string | undefined {
  const arg = d.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

export function deriveSupergraph(sdl: string): LoadedSupergraph {
  const full = parse(sdl);
  const directiveNames = { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' };
  const dropped = new Set<string>();
  const droppedScalars = new Set<string>();
  for (const def of full.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const url = stringArg(d, 'url') ?? '';
      const spec = SECURITY_SPECS.find((s) => url.includes(`/${s}/v`));
      if (!spec) continue;
      const local = stringArg(d, 'as') ?? spec;
      directiveNames[spec as keyof typeof directiveNames] = local;
      dropped.add(local);
      // Scalars of the spec are namespaced `<local>__Scope`, `<local>__Policy`.
      droppedScalars.add(`${local}__`);
    }
  }
  const isSecurityLink = (d: ConstDirectiveNode) =>
    d.name.value === 'link' && SECURITY_SPECS.some((s) => (stringArg(d, 'url') ?? '').includes(`/${s}/v`));
  const planning = visit(full, {
    Directive: (node) => (dropped.has(node.name.value) || isSecurityLink(node as ConstDirectiveNode) ? null : undefined),
    DirectiveDefinition: (node) => (dropped.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => ([...droppedScalars].some((p) => node.name.value.startsWith(p)) ? null : undefined),
  });
  return { full, planningSdl: print(planning), directiveNames };
}

export function loadSupergraph(file = SUPERGRAPH_FILE): LoadedSupergraph {
  return deriveSupergraph(readFileSync(file, 'utf8'));
}
