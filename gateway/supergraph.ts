import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { DirectiveNames } from '../subgraphs/kit/protocol/directives';
import { readSecurityLinks } from '../subgraphs/kit/protocol/security-links';
import { SUPERGRAPH_FILE } from './compose';

// The composed supergraph links the authorization specs `for: SECURITY`, which @apollo/gateway
// refuses to load. The gateway plans on a copy without them; authorization reads the full one.
// The copy is derived at load time from the checked-in file, never edited by hand.

export interface LoadedSupergraph {
  /** The checked-in supergraph, with the authorization directives. */
  full: DocumentNode;
  /** The same without the SECURITY links, their directives and their scalars: what the gateway plans on. */
  planningSdl: string;
  /** Local names of the security directives (after any `as:` or `import: [{ name, as }]` rename). */
  directiveNames: DirectiveNames;
}

/** `file` names the supergraph in start-up errors (an unreadable security link stops the gateway). */
export function deriveSupergraph(sdl: string, file = 'the supergraph'): LoadedSupergraph {
  const full = parse(sdl);
  const { names, specLinks } = readSecurityLinks(full, file);
  const defined = new Set(full.definitions.flatMap((d) => (d.kind === Kind.DIRECTIVE_DEFINITION ? [d.name.value] : [])));
  // Composition defines every directive it links; a link naming another is misread or hand-edited.
  for (const link of specLinks) {
    if (!defined.has(link.directive)) throw new Error(`${file}: links @${link.spec} as @${link.directive}, but defines no directive @${link.directive}`);
  }
  const links = new Set(specLinks.map((l) => l.node));
  const directives = new Set(specLinks.map((l) => l.directive));
  const scalars = new Set(specLinks.flatMap((l) => (l.scalar ? [l.scalar] : [])));
  const planning = visit(full, {
    Directive: (node) => (directives.has(node.name.value) || links.has(node as ConstDirectiveNode) ? null : undefined),
    DirectiveDefinition: (node) => (directives.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (scalars.has(node.name.value) ? null : undefined),
  });
  return { full, planningSdl: print(planning), directiveNames: names };
}

export function loadSupergraph(file = SUPERGRAPH_FILE): LoadedSupergraph {
  return deriveSupergraph(readFileSync(file, 'utf8'), file);
}
