import { Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

// Reads @authenticated, @requiresScopes and @policy from SDL (the gateway: the full supergraph; each
// subgraph: its own schema), per type and per field, the way Apollo Router does: a field needs its
// own requirements and those of the type it returns.

/** All must hold. `scopes`/`policies`: outer list OR, inner list AND. */
export interface Requirement {
  authenticated: boolean;
  scopes: string[][] | null;
  policies: string[][] | null;
}

export interface Grants {
  authenticated: boolean;
  scopes: ReadonlySet<string>;
  policies: ReadonlySet<string>;
}

/** Local names of the three directives (a supergraph may rename them with `@link(as:)`). */
export interface DirectiveNames {
  authenticated: string;
  requiresScopes: string;
  policy: string;
}
export const DEFAULT_DIRECTIVE_NAMES: DirectiveNames = { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' };

export interface Requirements {
  /** Requirements on type `T` (object, interface, union, enum or scalar). */
  types: Map<string, Requirement>;
  /** Requirements on field `T.f` itself (not including its return type's). */
  fields: Map<string, Requirement>;
  /** Every scope and policy named anywhere: a caller's grants are reduced to these for cache keys. */
  scopesNamed: Set<string>;
  policiesNamed: Set<string>;
}

function stringMatrix(value: ConstValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values : [inner]).map((v) => (v.kind === Kind.STRING ? v.value : '')));
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined, names: DirectiveNames): Requirement | null {
  let req: Requirement | null = null;
  for (const d of directives ?? []) {
    const name = d.name.value;
    if (name !== names.authenticated && name !== names.requiresScopes && name !== names.policy) continue;
    req ??= { authenticated: false, scopes: null, policies: null };
    if (name === names.authenticated) req.authenticated = true;
    const arg = (n: string) => d.arguments?.find((a) => a.name.value === n)?.value;
    if (name === names.requiresScopes) req.scopes = [...(req.scopes ?? []), ...stringMatrix(arg('scopes'))];
    if (name === names.policy) req.policies = [...(req.policies ?? []), ...stringMatrix(arg('policies'))];
  }
  return req;
}

export function readRequirements(full: DocumentNode, names: DirectiveNames = DEFAULT_DIRECTIVE_NAMES): Requirements {
  const result: Requirements = { types: new Map(), fields: new Map(), scopesNamed: new Set(), policiesNamed: new Set() };
  const note = (req: Requirement) => {
    req.scopes?.flat().forEach((s) => result.scopesNamed.add(s));
    req.policies?.flat().forEach((p) => result.policiesNamed.add(p));
  };
  for (const def of full.definitions) {
    if (!('name' in def) || !def.name || !('directives' in def)) continue;
    const typeName = def.name.value;
    const typeReq = requirementOf(def.directives as readonly ConstDirectiveNode[], names);
    if (typeReq) (result.types.set(typeName, typeReq), note(typeReq));
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of def.fields ?? []) {
        const req = requirementOf(field.directives, names);
        if (req) (result.fields.set(`${typeName}.${field.name.value}`, req), note(req));
      }
    }
  }
  return result;
}

export function satisfied(req: Requirement | undefined, grants: Grants): boolean {
  if (!req) return true;
  if (req.authenticated && !grants.authenticated) return false;
  if (req.scopes && !req.scopes.some((all) => all.every((s) => grants.scopes.has(s)))) return false;
  if (req.policies && !req.policies.some((all) => all.every((p) => grants.policies.has(p)))) return false;
  return true;
}
